"""System checks for the catalogue's configuration."""

from django.conf import settings
from django.core import checks

from catalogue.startup import secret_key_missing


@checks.register(checks.Tags.security)
def secret_key_is_set(app_configs, **kwargs):
    """Debug off without DJANGO_SECRET_KEY: refuse to start, with a clear message."""
    if secret_key_missing():
        return [checks.Error(settings.MISSING_SECRET_KEY, id="catalogue.E001")]
    return []
