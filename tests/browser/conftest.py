"""Browser tests: Python Playwright driving Debian's Chromium against pytest-django's live_server.

Playwright's own browser download does not work here, so the tests launch the
system Chromium. Without it (or without the playwright package, or axe-core
from npm) the tests skip on a developer's machine, and fail in CI (``CI`` set),
where `.ci/run` installs all three.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests
# make around it (building the catalogue) are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CATALOGUE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def missing(reason):
    """Skip on a developer's machine; in CI a missing browser is a failure, not a skip."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must run the browser tests: see .ci/run)")
    pytest.skip(reason)


def pytest_collection_modifyitems(items):
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("the playwright package is not installed (pip install -r requirements-dev.txt)")
    if not CHROMIUM.exists():
        missing(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    from django.db import connections

    # Playwright's sync API moves the test code into another context (a greenlet
    # with its own context variables), where Django hands out fresh connection
    # objects. Carry over the snapshot that serialized_rollback restores from,
    # or data migrations' rows (the disciplines) would vanish after the first test.
    snapshots = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        for alias, contents in snapshots.items():
            connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe_source():
    if not AXE_JS.exists():
        missing(f"axe-core is not installed at {AXE_JS} (npm ci)")
    return AXE_JS.read_text()
