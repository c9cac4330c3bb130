"""Faults during an import: a killed run, a locked or missing database.

These run `manage.py loadstories` as a real process against a real SQLite file,
because what is tested is what a person sees when a process dies or a database
misbehaves.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from bench.generate_stories import write
from tests import helpers
from tests.helpers import PROJECT_DIR, STORIES_DIR


def manage(*args, database, timeout=300, **env):
    return helpers.manage(*args, timeout=timeout, DJANGO_DEBUG="1", DATABASE_URL=database, **env)


@pytest.fixture
def sqlite_file(tmp_path):
    path = tmp_path / "catalogue.sqlite3"
    result = manage("migrate", "-v", "0", database=f"sqlite:///{path}")
    assert result.returncode == 0, result.stderr
    return path


def count(path, table):
    with sqlite3.connect(path) as connection:
        return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def incomplete_stories(connection):
    """Stories whose tellings of shows in the database differ from the exhibitions of their stored record."""
    return connection.execute(
        """
        SELECT COUNT(*) FROM profiles_story AS story
        WHERE json_array_length(story.record, '$.exhibitions')
              != (SELECT COUNT(*) FROM profiles_showing AS s WHERE s.story_id = story.id)
        """
    ).fetchone()[0]


def test_a_killed_import_leaves_no_half_story_and_the_rerun_completes(sqlite_file, tmp_path):
    stories = write(400, tmp_path / "stories.jsonl")
    database = f"sqlite:///{sqlite_file}"
    process = subprocess.Popen(
        [sys.executable, "manage.py", "loadstories", "--batch-size", "20", str(stories)],
        cwd=PROJECT_DIR,
        env={**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": database},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if count(sqlite_file, "profiles_story") >= 20:
                break
        except sqlite3.OperationalError:
            pass
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()

    imported = count(sqlite_file, "profiles_story")
    assert 0 < imported < 400, "the kill should land midway"
    with sqlite3.connect(sqlite_file) as connection:
        # Every story that is there is whole: it has its artist, and the artist has its works.
        orphans = connection.execute(
            "SELECT COUNT(*) FROM profiles_story WHERE artist_id IS NULL AND skipped_reason = ''"
        ).fetchone()[0]
        assert orphans == 0
        # ... and all the exhibitions its record lists.
        assert incomplete_stories(connection) == 0

    rerun = manage("loadstories", str(stories), database=database)

    assert rerun.returncode == 0, rerun.stderr
    assert f"{400 - imported} created" in rerun.stdout
    assert f"{imported} unchanged" in rerun.stdout
    assert count(sqlite_file, "profiles_story") == 400
    assert count(sqlite_file, "profiles_artist") == 400
    with sqlite3.connect(sqlite_file) as connection:
        assert incomplete_stories(connection) == 0


def test_a_locked_database_is_a_clear_error_not_a_traceback(sqlite_file):
    locker = sqlite3.connect(sqlite_file, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        result = manage(
            "loadstories",
            str(STORIES_DIR / "library"),
            database=f"sqlite:///{sqlite_file}",
            DJANGO_SQLITE_TIMEOUT="1",
        )
    finally:
        locker.execute("ROLLBACK")
        locker.close()

    assert result.returncode != 0
    assert "database is locked" in result.stderr
    assert "Traceback" not in result.stderr
    assert count(sqlite_file, "profiles_story") == 0


def test_an_unreachable_database_is_a_clear_error_not_a_traceback():
    result = manage(
        "loadstories",
        str(STORIES_DIR / "library"),
        database="postgres://catalogue@127.0.0.1:9/catalogue?connect_timeout=2",
    )

    assert result.returncode != 0
    assert "the catalogue's database cannot be used" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unmigrated_database_says_to_migrate(tmp_path):
    result = manage("loadstories", str(STORIES_DIR / "library"), database=f"sqlite:///{tmp_path / 'empty.sqlite3'}")

    assert result.returncode != 0
    assert "manage.py migrate" in result.stderr
    assert "Traceback" not in result.stderr
