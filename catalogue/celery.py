"""The Celery application: import jobs run on Celery workers (``make worker``).

With ``CATALOGUE_BROKER_URL`` (e.g. ``redis://127.0.0.1:6379/0`` or
``amqp://guest@127.0.0.1:5672//``) every web process and worker, on any machine,
shares that broker. Without it, messages go through Kombu's file-system
transport under ``CATALOGUE_BROKER_DIR`` (default ``.celery/``): a real broker
for the processes of one machine, with nothing to install; ``make run``
starts one worker beside the development server. (Celery's own
``CELERY_BROKER_URL``, when exported, wins over both.)
"""

import os
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "catalogue.settings")

BASE_DIR = Path(__file__).resolve().parent.parent


def broker_settings(environ=os.environ):
    url = environ.get("CATALOGUE_BROKER_URL", "").strip()
    if url:
        return {"broker_url": url, "broker_transport_options": {}}
    folder = Path(environ.get("CATALOGUE_BROKER_DIR") or BASE_DIR / ".celery")
    for sub in ("queue", "processed", "control"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    return {
        "broker_url": "filesystem://",
        "broker_transport_options": {
            "data_folder_in": str(folder / "queue"),
            "data_folder_out": str(folder / "queue"),
            "processed_folder": str(folder / "processed"),
            "control_folder": str(folder / "control"),
            "store_processed": False,
        },
    }


app = Celery("catalogue")
app.conf.update(
    **broker_settings(),
    # Job state lives in the database (profiles.jobs.models); no result backend.
    task_ignore_result=True,
    # A message is acknowledged when its chunk is imported: a worker that dies
    # mid-chunk leaves it to another, and re-importing a story is idempotent.
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    # Jobs go to one named queue; several catalogues may share a broker with their own.
    task_default_queue=os.environ.get("CATALOGUE_TASK_QUEUE", "catalogue"),
    # One chunk at a time per worker process: chunks are long, others may be idle.
    worker_prefetch_multiplier=1,
    broker_connection_retry_on_startup=True,
    task_serializer="json",
    accept_content=["json"],
)
app.autodiscover_tasks(["profiles.jobs"])
