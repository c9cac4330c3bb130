from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    """The catalogue's records: stories, artists, cities, exhibitions and works."""

    name = "profiles"
    verbose_name = "Catalogue"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
