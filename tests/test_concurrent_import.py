"""Two `loadstories` processes at once on overlapping input (PostgreSQL): no duplicate artists or cities.

Each process imports its own copy of the same stories, under different file
names, so every artist and city is new to both at the same moment. The
importer looks artists up once per batch, before it writes any of them, so
without a lock the two processes each create every artist.
"""

import os
import subprocess
import sys

import pytest
from django.db import connection
from django.db.models import Count

from bench.generate_stories import write
from profiles.models import Artist, City, Story
from tests.helpers import PROJECT_DIR

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (make test-postgres)"),
]

STORIES = 40


def database_url():
    settings = connection.settings_dict
    host = settings["HOST"] or "127.0.0.1"
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return f"postgres://{settings['USER']}{password}@{host}:{settings['PORT'] or 5432}/{settings['NAME']}"


def loadstories(folder):
    env = {**os.environ, "DATABASE_URL": database_url(), "DJANGO_SETTINGS_MODULE": "tests.settings"}
    return subprocess.Popen(
        [sys.executable, "manage.py", "loadstories", str(folder), "--verbosity", "0"],
        cwd=PROJECT_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def two_copies(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    write(STORIES, f"{source}/")
    folders = []
    for prefix in ("a", "b"):
        folder = tmp_path / prefix
        folder.mkdir()
        for path in sorted(source.iterdir()):
            (folder / f"{prefix}_{path.name}").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        folders.append(folder)
    return folders


def test_two_imports_at_once_create_each_artist_and_city_once(two_copies):
    processes = [loadstories(folder) for folder in two_copies]
    outputs = [process.communicate(timeout=300) for process in processes]
    assert [process.returncode for process in processes] == [0, 0], outputs
    assert Story.objects.count() == 2 * STORIES
    assert not City.objects.values("name", "country_code").annotate(n=Count("pk")).filter(n__gt=1).exists()
    duplicates = Artist.objects.values("name").annotate(n=Count("pk")).filter(n__gt=1)
    assert list(duplicates) == []


def test_two_imports_of_the_same_stories_at_once_create_each_story_once(two_copies):
    """The same file names in both processes: one creates each story, the other finds it there."""
    folder = two_copies[0]
    processes = [loadstories(folder) for _ in range(2)]
    outputs = [process.communicate(timeout=300) for process in processes]

    assert [process.returncode for process in processes] == [0, 0], outputs
    assert Story.objects.count() == STORIES
    assert Artist.objects.count() == STORIES
    assert Artist.objects.filter(story__isnull=True).count() == 0
    assert not City.objects.values("name", "country_code").annotate(n=Count("pk")).filter(n__gt=1).exists()
