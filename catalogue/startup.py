"""Checks a server runs before it serves anything."""

from django.core.exceptions import ImproperlyConfigured


def secret_key_missing():
    """True when debug is off and DJANGO_SECRET_KEY was not given."""
    from django.conf import settings

    try:
        return not settings.DEBUG and not settings.SECRET_KEY
    except ImproperlyConfigured:  # Django refuses to hand out an empty SECRET_KEY
        return True


def refuse_unsafe_start():
    """A server with debug off and no secret key must not start at all."""
    from django.conf import settings

    if secret_key_missing():
        raise ImproperlyConfigured(settings.MISSING_SECRET_KEY)
