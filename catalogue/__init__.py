"""The Django project package.

Its Celery app (``catalogue/celery.py``) is loaded when tasks are, not with
Django: importing Celery was a seventh of a management command's start-up,
and most processes never send a task.  ``celery -A catalogue`` finds
``catalogue.celery.app`` by itself; ``profiles/jobs/tasks.py`` imports the
module named by ``settings.CELERY_APP_MODULE`` before defining its tasks, so
that shared tasks send through this app's broker.
"""


def __getattr__(name):
    if name == "celery_app":  # (the name Celery's Django guide gives the app)
        from .celery import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
