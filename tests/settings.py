"""Test settings: the real production settings, whatever the developer's shell exports.

catalogue/settings.py reads the environment; a developer's shell may well export
``DJANGO_DEBUG=1`` (the README's development setting), ``REDIS_URL`` or
``DJANGO_SECURE_SSL_REDIRECT``. The suite must not depend on them, so every such
variable is removed from this process's environment before the settings are read
(subprocesses started by the tests inherit the clean environment too), and the
few the tests need are set here. ``DATABASE_URL`` is kept on purpose: it selects
PostgreSQL for ``make test-postgres``. Tests that need another setting set it
themselves (the ``settings`` fixture, or a subprocess with its own environment).
pyproject.toml names this module with ``--ds``, which an exported
``DJANGO_SETTINGS_MODULE`` cannot override.
"""

import os

# Prefixes of the variables the catalogue's settings, gunicorn.conf.py and the
# benchmarks read, and the few variables with those prefixes that are for the
# test run itself, not the catalogue's configuration.
CONFIGURATION_PREFIXES = ("DJANGO_", "CATALOGUE_", "REDIS_", "GUNICORN_")
TEST_RUN_VARIABLES = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "CATALOGUE_CHROMIUM"}
TEST_ENVIRONMENT = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "test-only-secret-key-" + "x" * 40,
}

for name in list(os.environ):
    if name.startswith(CONFIGURATION_PREFIXES) and name not in TEST_RUN_VARIABLES:
        del os.environ[name]
os.environ.update(TEST_ENVIRONMENT)

from catalogue.settings import *  # noqa: E402, F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Every cache in local memory, emptied before each test (tests/conftest.py); the
# settings would put rate-limit counts in files outside debug.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}},
    "ratelimit": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "ratelimit",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The test client speaks plain HTTP; tests of HTTPS behaviour pass secure=True.
SECURE_SSL_REDIRECT = False
# Serve static files from the source folders, as in development: tests run no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
