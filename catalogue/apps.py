from django.apps import AppConfig
from django.contrib.admin.apps import SimpleAdminConfig
from django.core import checks


class CatalogueConfig(AppConfig):
    """The project package as an app of its own: it registers the start-up checks and owns no models."""

    name = "catalogue"
    verbose_name = "Catalogue infrastructure"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)


class AdminConfig(SimpleAdminConfig):
    """Django's admin, with the apps' admin modules discovered when the URLs load, not at start-up.

    Discovering imports every app's ``admin`` (for ``profiles``: the editors'
    pages and, through them, the import jobs and Celery), which no
    management command but ``check`` needs: it was a third of a one-story
    ``loadstories``' start-up.  ``catalogue/urls.py`` discovers them before
    routing to the admin (Django's documented way with ``SimpleAdminConfig``),
    and the admin's system checks discover them before checking.
    """

    def ready(self):
        from django.contrib.admin.checks import check_dependencies

        checks.register(check_dependencies, checks.Tags.admin)
        checks.register(check_discovered_admin, checks.Tags.admin)


def check_discovered_admin(app_configs=None, **kwargs):
    """Django's checks of the admin's registered pages, once every app's admin module is imported."""
    from django.contrib import admin
    from django.contrib.admin.checks import check_admin_app

    admin.autodiscover()
    return check_admin_app(app_configs, **kwargs)
