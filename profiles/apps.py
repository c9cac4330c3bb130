from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _repair_search_indexes(sender, using, plan=None, **kwargs):
    """A later migration that rebuilds a table on SQLite drops its search triggers: put them back."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    from . import search

    connection = connections[using]
    applied = MigrationRecorder(connection).applied_migrations()
    if ("profiles", "0005_search_indexes") in applied:
        search.install(connection)


class ProfilesConfig(AppConfig):
    """The catalogue's records: stories, artists, cities, exhibitions and works."""

    name = "profiles"
    verbose_name = "Catalogue"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import caching  # noqa: F401  (connects cache invalidation)

        post_migrate.connect(_repair_search_indexes, sender=self, dispatch_uid="profiles-search-indexes")
