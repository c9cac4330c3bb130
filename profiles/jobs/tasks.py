"""Celery tasks: the dry run of an uploaded job and the import of one chunk of a job.

Tasks carry ids, never stories: the stories are in the database, which every
worker shares.
"""

from celery import shared_task
from django.db import transaction

from . import running
from .models import ImportJob


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


def start_preview(job):
    """Queue the dry run once the job's rows are committed."""
    transaction.on_commit(lambda: preview_job.delay(job.pk))


def enqueue(job, chunk_size=running.CHUNK_SIZE):
    """Queue every chunk of a job once it is committed; any number of workers share them."""
    ranges = running.chunks(job, chunk_size)
    if not ranges:
        running.finish_if_complete(job)
        return 0

    def send():
        for start, stop in ranges:
            import_chunk.delay(job.pk, start, stop)

    transaction.on_commit(send)
    return len(ranges)
