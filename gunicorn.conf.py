"""gunicorn settings for `make serve`: workers from the CPU count, each overridable from the environment.

Sync workers: every view is short and database-bound, and each worker keeps
one persistent database connection (DJANGO_CONN_MAX_AGE). (2 x CPUs) + 1 is
gunicorn's own rule for such a load.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak can never grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = 500
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
wsgi_app = "catalogue.wsgi:application"


def post_fork(server, worker):
    """Each worker opens its own database connection: none may be shared across a fork."""
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        connection.close()


def when_ready(server):
    """Load the gazetteer once in the master, before any worker forks: every worker then shares it, and no
    editor's first city autocomplete waits for a worker to load it."""
    import gc

    from profiles.extraction.gazetteer import default_gazetteer

    default_gazetteer().load_all()  # (read whole: a lookup would otherwise read its pieces in each worker)
    gc.freeze()  # the tables' objects are never collected: copy-on-write keeps them shared
