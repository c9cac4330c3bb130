"""The Content-Security-Policy in a real browser: the pages work under it and Chromium reports no violation."""

import os

import pytest
from playwright.sync_api import expect

from tests.helpers import PASSWORD, build_catalogue, imported_catalogue, make_editor

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Counts every violation the page sees, including ones reported before the test looks.
WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


def violations(page):
    return page.evaluate("() => window.__cspViolations")


@pytest.fixture
def watched(page):
    page.add_init_script(WATCH_VIOLATIONS)
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.csp_console = messages
    return page


def csp_messages(page):
    return [text for text in page.csp_console if "Content Security Policy" in text]


def test_public_pages_raise_no_csp_violations(watched, live_server):
    profile = build_catalogue(3)["profiles"][0]
    story_url = profile["story"].get_absolute_url()
    problems = {}
    for path in [
        "/",
        "/artists/?discipline=music",
        profile["artist"].get_absolute_url(),
        profile["work"].get_absolute_url(),
        story_url,
        "/cities/",
        profile["artist"].birth_city.get_absolute_url(),
        "/tags/",
        "/accounts/login/",
        "/no-such-page/",
    ]:
        watched.goto(live_server.url + path)
        found = violations(watched)
        if found:
            problems[path] = found
    assert problems == {}
    assert csp_messages(watched) == []


def test_story_highlights_work_under_the_policy(watched, live_server):
    profile = build_catalogue(2)["profiles"][0]
    watched.goto(live_server.url + profile["artist"].get_absolute_url())
    watched.locator(".infobox a.evidence-link").first.click()
    anchor = watched.url.split("#")[1]

    # The story's highlights stylesheet applied (it may arrive after the text: wait for it).
    expect(watched.locator(f'[data-ev~="{anchor}"]').first).to_have_css("background-color", "rgb(255, 240, 179)")
    assert violations(watched) == []


def test_an_editor_signs_in_and_edits_in_the_admin_without_violations(watched, live_server):
    records = imported_catalogue()
    make_editor("dana")
    watched.goto(live_server.url + "/admin/login/?next=/admin/")
    watched.get_by_label("Username").fill("dana")
    watched.get_by_label("Password").fill(PASSWORD)
    watched.get_by_role("button", name="Log in").click()
    assert "Site administration" in watched.content() or "Records" in watched.content()
    problems = {}
    for path in [
        "/admin/",
        "/admin/profiles/artist/",
        f"/admin/profiles/artist/{records['artist'].pk}/change/",
        f"/admin/profiles/exhibition/{records['exhibition'].pk}/change/",
    ]:
        watched.goto(live_server.url + path)
        found = violations(watched)
        if found:
            problems[path] = found
    assert problems == {}
