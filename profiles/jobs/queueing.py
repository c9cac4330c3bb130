"""``loadstories --queue``: a corpus cut into chunks that any number of Celery workers import together."""

from django.db import transaction
from django.urls import reverse

from . import running, tasks
from .models import ImportJob


def queue_stories(paths, *, max_bytes, chunk_size, description=None):
    """Store the stories under ``paths`` in a new job and queue its chunks; returns (job, chunk count)."""
    with transaction.atomic():  # the chunks are sent once every story is stored
        job = running.create_job(
            paths,
            description=description or " ".join(paths),
            max_bytes=max_bytes,
            origin=ImportJob.Origin.QUEUE,
            preview=False,
        )
        chunks = tasks.enqueue(job, chunk_size)
    return job, chunks


def queued_message(job, chunks):
    url = reverse("admin:jobs_importjob_change", args=[job.pk])
    return (
        f"Queued import job {job.pk}: {job.total} {'story' if job.total == 1 else 'stories'} in {chunks} "
        f"chunk{'s' if chunks != 1 else ''} ({job.failed} could not be read). Workers (`make worker`) import them; "
        f"follow the job at {url}."
    )
