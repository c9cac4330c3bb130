from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, pre_delete, pre_save


def _repair_search_indexes(sender, using, plan=None, **kwargs):
    """A later migration that rebuilds a table on SQLite drops its triggers (search, city counts): put them back."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    from . import city_counts, search

    connection = connections[using]
    applied = MigrationRecorder(connection).applied_migrations()
    if ("profiles", "0005_search_indexes") in applied:
        search.install(connection)
    if ("profiles", "0014_city_counts_and_bounded_page_queries") in applied:
        city_counts.install(connection)


class ProfilesConfig(AppConfig):
    """The catalogue's records: stories, artists, cities, exhibitions and works."""

    name = "profiles"
    verbose_name = "Catalogue"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import caching, tag_names  # noqa: F401  (caching connects cache invalidation on import)

        post_migrate.connect(_repair_search_indexes, sender=self, dispatch_uid="profiles-search-indexes")
        self._connect_picture_cleanup()
        tag_names.install()
        from .importing import shows

        pre_delete.connect(shows.story_leaves_its_shows, sender=self.get_model("Story"), dispatch_uid="story-shows")

    def _connect_picture_cleanup(self):
        for model_name in ("Artist", "Work"):
            model = self.get_model(model_name)
            pre_save.connect(_delete_replaced_files, sender=model, dispatch_uid=f"pictures-replaced-{model_name}")
            post_delete.connect(
                _delete_files_of_deleted_record, sender=model, dispatch_uid=f"pictures-deleted-{model_name}"
            )


# The picture module (Pillow, Django's forms) is imported by the first save or deletion that needs it,
# not by every process at start-up: most (a dry run, a read-only page) never do.
def _delete_replaced_files(sender, instance, **kwargs):
    from . import images

    images.delete_replaced_files(sender, instance, **kwargs)


def _delete_files_of_deleted_record(sender, instance, **kwargs):
    from . import images

    images.delete_files_of_deleted_record(sender, instance, **kwargs)
