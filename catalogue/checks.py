"""Start-up checks: what must hold before the catalogue serves anything.

``secret_key_is_set`` runs as a Django system check (``check``, ``runserver``,
``migrate``); the WSGI and ASGI entry points call ``refuse_unsafe_start`` as
well, since a server started by gunicorn runs no system checks.
"""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured


def secret_key_missing():
    """True when debug is off and DJANGO_SECRET_KEY was not given."""
    try:
        return not settings.DEBUG and not settings.SECRET_KEY
    except ImproperlyConfigured:  # Django refuses to hand out an empty SECRET_KEY
        return True


def refuse_unsafe_start():
    """A server with debug off and no secret key must not start at all."""
    if secret_key_missing():
        raise ImproperlyConfigured(settings.MISSING_SECRET_KEY)


@checks.register(checks.Tags.security)
def secret_key_is_set(app_configs, **kwargs):
    """Debug off without DJANGO_SECRET_KEY: refuse to start, with a clear message."""
    if secret_key_missing():
        return [checks.Error(settings.MISSING_SECRET_KEY, id="catalogue.E001")]
    return []
