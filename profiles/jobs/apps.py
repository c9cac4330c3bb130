from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "profiles.jobs"
    label = "jobs"
    verbose_name = "Import jobs"
    default_auto_field = "django.db.models.BigAutoField"
