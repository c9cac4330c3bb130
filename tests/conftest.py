"""Shared fixtures: empty caches, the command runner, one small record of each kind, an editor.

Helper functions live in tests/helpers.py.
"""

import pytest

from tests.helpers import CITIES, make_city, make_editor, run_command


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
    return make_city(*CITIES[0])


@pytest.fixture
def story(db):
    from profiles.models import Story

    return Story.objects.create(source_name="test.txt", text="A test story.", sha256="0" * 64)


@pytest.fixture
def artist(db, city, story):
    from profiles.models import Artist

    return Artist.objects.create(name="Aru Test", pronoun="she", birth_city=city, story=story)


@pytest.fixture
def editor(db):
    """A staff user in the Editors group."""
    return make_editor()


@pytest.fixture
def editor_client(client, editor):
    """A test client signed in as an editor."""
    client.force_login(editor)
    return client


@pytest.fixture
def eager_celery():
    """Celery tasks run in the test's own process, their errors raised (as with the embedded default's jobs)."""
    from catalogue.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager = False
    app.conf.task_eager_propagates = False
