"""Settings come from the environment and refuse unsafe production set-ups."""

import json
import os
import secrets

import pytest

from tests.helpers import manage, python


def test_debug_off_without_a_secret_key_refuses_to_start():
    result = manage("check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_settings_pass_the_deploy_check():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="catalogue.example.com",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_debug_on_starts_without_a_secret_key():
    assert manage("check", DJANGO_DEBUG="1").returncode == 0


def test_database_url_selects_the_database(settings):
    import dj_database_url

    parsed = dj_database_url.parse("postgres://user@127.0.0.1:5432/catalogue")
    assert parsed["ENGINE"] == "django.db.backends.postgresql"


def test_sqlite_is_opened_for_concurrent_readers_and_writers(settings):
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("SQLite options only apply to SQLite")
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]
    assert database["OPTIONS"]["timeout"] > 0


def test_no_migrations_are_missing():
    result = manage("makemigrations", "--check", "--dry-run", DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stdout + result.stderr


# Settings a developer's shell may export; the suite must run the same with or without them.
DEVELOPER_SHELL = {
    "DJANGO_DEBUG": "1",
    "DJANGO_SECRET_KEY": "a-developer-key-" + "y" * 40,
    "DJANGO_ALLOWED_HOSTS": "dev.example.com",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://dev.example.com",
    "DJANGO_SECURE_SSL_REDIRECT": "1",
    "DJANGO_SECURE_COOKIES": "0",
    "DJANGO_HSTS_SECONDS": "5",
    "DJANGO_BEHIND_TLS_PROXY": "1",
    "DJANGO_MEDIA_ROOT": "/tmp/somewhere-else",
    "DJANGO_SERVE_MEDIA": "0",
    "DJANGO_LOG_LEVEL": "DEBUG",
    "REDIS_URL": "redis://127.0.0.1:6379/15",
    "CATALOGUE_CACHE_SECONDS": "7",
    "CATALOGUE_LOGIN_FAILURES": "1",
    "CATALOGUE_LOCKOUT_MINUTES": "99",
    "CATALOGUE_STORY_MAX_BYTES": "10",
    "CATALOGUE_CLIENT_IP_HEADER": "HTTP_X_FORWARDED_FOR",
}

# Prints every setting of tests.settings as text (sets sorted: their order varies between processes).
PRINT_TEST_SETTINGS = """
import json, tests.settings as s
def text(value):
    return repr(sorted(value)) if isinstance(value, set | frozenset) else repr(value)
print(json.dumps({name: text(getattr(s, name)) for name in dir(s) if name.isupper()}))
"""


def test_settings_as_the_tests_see_them():
    """The environment variables are gone by the time any test (or a process it starts) runs."""
    from django.conf import settings

    assert settings.SETTINGS_MODULE == "tests.settings"  # even if the shell exports DJANGO_SETTINGS_MODULE
    assert not settings.DEBUG
    assert not os.environ.get("REDIS_URL")
    assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")


def test_the_test_settings_ignore_what_the_shell_exports():
    def test_settings(**env):
        result = python("-c", PRINT_TEST_SETTINGS, **env)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    clean = test_settings()
    exported = test_settings(**DEVELOPER_SHELL)
    assert exported == clean
    assert clean["DEBUG"] == "False"
    assert "LocMemCache" in clean["CACHES"]


def test_gunicorn_loads_the_gazetteer_once_before_its_workers_fork():
    result = python(
        "-c",
        "import django, gc, runpy; django.setup(); "
        "from profiles.extraction.gazetteer import default_gazetteer; "
        "runpy.run_path('gunicorn.conf.py')['when_ready'](None); "
        "print(default_gazetteer.cache_info().currsize, gc.get_freeze_count() > 0)",
        DJANGO_DEBUG="1",
        DJANGO_SETTINGS_MODULE="catalogue.settings",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1", "True"]
