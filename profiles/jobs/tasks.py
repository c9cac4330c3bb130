"""Celery tasks: the dry run of an uploaded job, the import of one chunk of a job, and making a dump.

Tasks carry ids, never stories: the stories are in the database, which every
worker shares.
"""

from importlib import import_module

from celery import shared_task
from django.conf import settings
from django.db import transaction
from kombu.exceptions import OperationalError

from ..exporting import downloads
from . import running
from .models import DumpJob, ImportJob

# Shared tasks send through the current Celery app: importing the project's makes it current
# (it is not loaded with Django, see catalogue/__init__.py).
import_module(settings.CELERY_APP_MODULE)


@shared_task(ignore_result=True)
def preview_job(job_id):
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None or job.status != ImportJob.Status.PREVIEWING:
        return
    try:
        running.preview(job)
    except Exception as error:
        running.fail(job, error)
        raise


@shared_task(bind=True, ignore_result=True)
def import_chunk(self, job_id, start, stop):
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None or job.status in ImportJob.FINISHED:
        return
    redelivered = bool((self.request.delivery_info or {}).get("redelivered"))
    try:
        running.import_chunk(job, start, stop, reclaim=redelivered)
    except Exception as error:
        running.fail(job, error)
        raise


def _send(job, signature):
    """Send a task; a broker that cannot be reached fails the job with a clear reason, not the page."""
    try:
        signature.delay()
    except OperationalError as error:
        running.fail(job, f"the task queue (broker) cannot be reached: {error}; check CATALOGUE_BROKER_URL")
        return False
    return True


def start_preview(job):
    """Queue the dry run once the job's rows are committed."""
    transaction.on_commit(lambda: _send(job, preview_job.si(job.pk)))


def enqueue(job, chunk_size=running.CHUNK_SIZE):
    """Queue every chunk of a job once it is committed; any number of workers share them."""
    ranges = running.chunks(job, chunk_size)
    if not ranges:
        running.finish_if_complete(job)
        return 0

    def send():
        for start, stop in ranges:
            if not _send(job, import_chunk.si(job.pk, start, stop)):
                return

    transaction.on_commit(send)
    return len(ranges)


@shared_task(ignore_result=True)
def make_dump(job_id):
    job = DumpJob.objects.filter(pk=job_id).first()
    if job is not None:
        downloads.make(job)


def send_dump_job(job):
    """Queue a dump job; a broker that cannot be reached fails it (the page goes on offering the old dump)."""
    try:
        make_dump.delay(job.pk)
    except OperationalError as error:
        job.fail(f"the task queue (broker) cannot be reached: {error}; check CATALOGUE_BROKER_URL")
