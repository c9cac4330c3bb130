"""The environment a benchmark gives the catalogue's processes: production settings on loopback."""

import os
import secrets


def production_env(database_url, *, base=None, **extra):
    """Debug off (no query logging), a throwaway secret key, no HTTPS redirect on loopback."""
    return {
        **(os.environ if base is None else base),
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "catalogue.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50),
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        **extra,
    }
