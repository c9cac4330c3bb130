"""Shared fixtures: command runner and small catalogue builders."""

import io
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

PROJECT_DIR = Path(__file__).resolve().parent.parent
STORIES_DIR = Path(__file__).resolve().parent / "stories"


def run_command(*args, **options):
    """Run a management command; return (stdout, stderr, exit status) like a shell would see."""
    from profiles.management.commands.loadstories import StoriesFailed

    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err, **options)
        returncode = 0
    except SystemExit as exit_:
        returncode = exit_.code if isinstance(exit_.code, int) else 1
    except StoriesFailed as failure:  # reported as manage.py reports a CommandError
        err.write(f"{type(failure).__name__}: {failure}\n")
        returncode = failure.returncode
    return out.getvalue(), err.getvalue(), returncode


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with empty caches: cached aggregates and rate-limit counts never leak between tests."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture
def command():
    return run_command


@pytest.fixture
def city(db):
    from profiles.models import City

    return City.objects.create(
        name="Almaty", country_code="KZ", country_name="Kazakhstan", latitude=43.25, longitude=76.91667
    )


@pytest.fixture
def story(db):
    from profiles.models import Story

    return Story.objects.create(source_name="test.txt", text="A test story.", sha256="0" * 64)


@pytest.fixture
def artist(db, city, story):
    from profiles.models import Artist

    return Artist.objects.create(name="Aru Test", pronoun="she", birth_city=city, story=story)


def python_executable():
    return sys.executable


@pytest.fixture
def editor(db):
    """A staff user in the Editors group."""
    from tests.admin_support import make_editor

    return make_editor()


@pytest.fixture
def editor_client(client, editor):
    """A test client signed in as an editor."""
    client.force_login(editor)
    return client
