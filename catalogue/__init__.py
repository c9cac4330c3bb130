from .celery import app as celery_app  # noqa: F401  (Celery: loaded with Django, so tasks use it)
