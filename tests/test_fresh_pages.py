"""Pages are fresh: a command-line import reaches the web server's pages at once (issue 15, item 5).

Without Redis the default cache is files shared by every process, so the catalogue
version a `loadstories` process bumps is the version the server's next request reads.
"""

import secrets

import pytest
from django.conf import settings as django_settings

from profiles import caching
from profiles.models import Artist
from tests.helpers import build_catalogue, manage

pytestmark = pytest.mark.django_db

IMPORT_SEEDS = (
    "from django.core.management import call_command; "
    "call_command('migrate', verbosity=0); call_command('loadstories', 'seeds', verbosity=0)"
)


def test_a_command_line_import_reaches_the_pages_another_process_serves(client, settings, tmp_path):
    cache_dir = tmp_path / "cache"
    settings.CACHES = {
        **django_settings.CACHES,
        "default": {
            "BACKEND": "catalogue.filecache.FileCache",
            "LOCATION": str(cache_dir),
            "KEY_PREFIX": "one-catalogue",
        },
    }
    build_catalogue(2)
    assert client.get("/artists/").status_code == 200  # stored in the shared page cache
    # A write that sends no signal (as another process's would be, seen from here): the stored page stays.
    Artist.objects.bulk_create([Artist(name="Quietly Added", slug="quietly-added")])
    assert b"Quietly Added" not in client.get("/artists/").content
    before = caching.version()

    result = manage(
        "shell",
        "-c",
        IMPORT_SEEDS,
        DATABASE_URL=f"sqlite:///{tmp_path / 'other.sqlite3'}",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        CATALOGUE_CACHE_DIR=str(cache_dir),
        # The other process reads another database file: the same prefix makes it "the same catalogue".
        CATALOGUE_CACHE_KEY_PREFIX="one-catalogue",
        timeout=300,
    )

    assert result.returncode == 0, result.stderr
    assert caching.version() != before
    assert b"Quietly Added" in client.get("/artists/").content


def test_two_catalogues_sharing_a_cache_folder_never_share_keys(tmp_path):
    show_prefix = "from django.conf import settings; print(settings.CACHES['default']['KEY_PREFIX'])"

    def prefix(database):
        result = manage("shell", "-c", show_prefix, DATABASE_URL=database, DJANGO_SECRET_KEY=secrets.token_urlsafe(50))
        assert result.returncode == 0, result.stderr
        return result.stdout.strip().splitlines()[-1]

    one, other = f"sqlite:///{tmp_path / 'one.sqlite3'}", f"sqlite:///{tmp_path / 'other.sqlite3'}"
    assert prefix(one) == prefix(one)
    assert prefix(one) != prefix(other)


def test_the_default_cache_is_shared_by_every_process():
    """Production settings without REDIS_URL: files, never a per-process local-memory cache."""
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "catalogue.filecache.FileCache"
