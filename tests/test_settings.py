"""Settings come from the environment and refuse unsafe production set-ups."""

import os
import secrets
import subprocess
import sys

import pytest

from tests.conftest import PROJECT_DIR


def manage(*args, **env):
    """Run manage.py in a fresh process with exactly the given environment on top of PATH."""
    environment = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/tmp")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


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
