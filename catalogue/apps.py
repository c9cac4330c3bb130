from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    """The project package as an app of its own: it registers the start-up checks and owns no models."""

    name = "catalogue"
    verbose_name = "Catalogue infrastructure"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
