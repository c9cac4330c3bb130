"""The work of import jobs: reading input into a job, the dry run, importing a chunk.

Each story is claimed before it is imported (its row goes from pending to
"importing" in a short transaction, ``SELECT ... FOR UPDATE SKIP LOCKED`` on
PostgreSQL), so two workers never import the same story of a job; the import
itself is ``profiles.importing``'s, with its idempotence (an unchanged text is
skipped) and its advisory locks.
"""

import itertools
import logging

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from profiles.extraction.reader import StoryError, StoryText, read_stories
from profiles.importing import CREATED, FAILED, SKIPPED, UNCHANGED, UPDATED, StoryImporter

from .models import CANCELLED, IMPORTING, PENDING, ImportJob, JobStory
from .parallel import extract

logger = logging.getLogger(__name__)

# Stories written to the job table per INSERT, and imported per batch (one
# transaction for new stories, then a check for cancellation).
ROWS_PER_INSERT = 500
IMPORT_BATCH = 64
CHUNK_SIZE = 256

# --- making a job ---------------------------------------------------------------------------


def create_job(paths, *, description, max_bytes, user=None, origin=ImportJob.Origin.UPLOAD, preview=True):
    """A job holding every story under ``paths`` (read by the command's reader, in constant memory).

    Files that cannot be read become stories that failed already, with the
    reader's message. With ``preview`` the job waits for its dry run, else it
    is ready to be queued.
    """
    job = ImportJob.objects.create(
        description=description[:255],
        created_by=user,
        origin=origin,
        status=ImportJob.Status.PREVIEWING if preview else ImportJob.Status.QUEUED,
    )
    total = failed = 0
    stories = enumerate(read_stories(paths, max_bytes=max_bytes))
    while rows := list(itertools.islice(stories, ROWS_PER_INSERT)):
        batch = []
        for position, item in rows:
            if isinstance(item, StoryError):
                failed += 1
                message = str(item)
                batch.append(
                    JobStory(
                        job=job,
                        position=position,
                        source=item.source[:255],
                        origin=item.origin[:1000],
                        read_error=message,
                        preview=FAILED,
                        preview_message=message,
                        outcome=FAILED,
                        message=message,
                    )
                )
            else:
                batch.append(
                    JobStory(job=job, position=position, source=item.source, origin=item.origin[:1000], text=item.text)
                )
        JobStory.objects.bulk_create(batch)
        total += len(rows)
    job.total, job.failed = total, failed
    job.previewed = failed
    job.save(update_fields=["total", "failed", "previewed"])
    return job


def chunks(job, size=CHUNK_SIZE):
    """(start, stop) position ranges covering the job."""
    return [(start, min(start + size, job.total)) for start in range(0, job.total, size)]


# --- the dry run -----------------------------------------------------------------------------


def preview(job):
    """What importing the job would do, story by story, written nothing but the predictions."""
    importer = StoryImporter()
    rows = job.stories.filter(read_error="").only("pk", "position", "source", "origin", "text").order_by("position")
    for batch in _batched(rows.iterator(chunk_size=IMPORT_BATCH), IMPORT_BATCH):
        if _stopped(job):
            return
        texts = [_story_text(row) for row in batch]
        stored = importer.stored_hashes(story.source for story in texts)
        for row, story, (found, error) in zip(batch, texts, screened(texts), strict=True):
            row.left_alone = []
            if found is None:
                row.preview, row.preview_message = FAILED, error
                continue
            if found.record.artist is None:
                row.preview, row.preview_message = SKIPPED, found.record.skipped_reason or "no artist in the story"
            elif story.source not in stored:
                row.preview, row.preview_message = CREATED, describe(found.record)
            elif stored[story.source] == story.sha256:
                row.preview, row.preview_message = UNCHANGED, "unchanged"
            else:
                row.preview, row.preview_message = UPDATED, describe(found.record)
                row.left_alone = importer.left_alone_preview(story, found)
        JobStory.objects.bulk_update(batch, ["preview", "preview_message", "left_alone"])
        job.add_counts({"previewed": len(batch)})
    ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.PREVIEWING).update(status=ImportJob.Status.PREVIEWED)


def confirm(job):
    """Start importing a previewed job; False when it is no longer waiting for confirmation."""
    started = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.PREVIEWED).update(
        status=ImportJob.Status.QUEUED
    )
    job.refresh_from_db()
    return bool(started)


# --- importing ---------------------------------------------------------------------------------


def import_chunk(job, start, stop, *, reclaim=False):
    """Import the pending stories at positions [start, stop) of ``job``, a batch at a time.

    ``reclaim``: the chunk's message was delivered again because its worker was
    lost; stories that worker had claimed are imported again (idempotently).
    """
    ImportJob.objects.filter(pk=job.pk, started_at=None).update(started_at=timezone.now())
    ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.QUEUED).update(status=ImportJob.Status.RUNNING)
    importer = StoryImporter()
    while True:
        if _stopped(job):
            _cancel_pending(job, start, stop)
            break
        batch = _claim(job, start, stop, reclaim=reclaim)
        if not batch:
            break
        outcomes = import_batch(importer, batch)
        for row, (outcome, message) in zip(batch, outcomes, strict=True):
            row.outcome, row.message, row.text = outcome, message, ""
        JobStory.objects.bulk_update(batch, ["outcome", "message", "text"])
        job.add_counts(_count(outcome for outcome, _ in outcomes))
    finish_if_complete(job)


def _claim(job, start, stop, *, reclaim):
    states = Q(outcome=PENDING) | Q(outcome=IMPORTING) if reclaim else Q(outcome=PENDING)
    with transaction.atomic():
        rows = list(
            job.stories.filter(states, position__gte=start, position__lt=stop)
            .order_by("position")
            .select_for_update(skip_locked=True)[:IMPORT_BATCH]
        )
        JobStory.objects.filter(pk__in=[row.pk for row in rows]).update(outcome=IMPORTING)
    return rows


def import_batch(importer, rows):
    """[(outcome, message)] for ``rows``, in order: as ``loadstories`` imports them."""
    texts = [_story_text(row) for row in rows]
    stored = importer.stored_hashes(story.source for story in texts)
    outcomes = [None] * len(rows)
    changed = []
    for index, story in enumerate(texts):
        if stored.get(story.source) == story.sha256:
            outcomes[index] = (UNCHANGED, "unchanged")
        else:
            changed.append(index)
    pairs = []
    for index, (found, error) in zip(changed, screened([texts[index] for index in changed]), strict=True):
        if found is None:
            outcomes[index] = (FAILED, error)
        else:
            pairs.append((index, found))
    new = [(index, found) for index, found in pairs if texts[index].source not in stored]
    one_by_one = [(index, found) for index, found in pairs if texts[index].source in stored]
    if new:
        try:
            results, rest = importer.import_new_stories([(texts[index], found) for index, found in new])
        except Exception as error:  # the batch rolled back whole: its stories go one by one
            logger.info("importing %d new stories one by one: %r", len(new), error)
            results, rest = [], [(texts[index], found) for index, found in new]
        first = {}
        for index, found in new:
            first.setdefault(texts[index].source, (index, found))
        for result in results:
            index, found = first[result.source]
            outcomes[index] = (result.outcome, result.message or describe(found.record))
        rest_ids = {id(story) for story, _ in rest}
        one_by_one = [(index, found) for index, found in new if id(texts[index]) in rest_ids] + one_by_one
    for index, found in one_by_one:
        story = texts[index]
        try:
            result = importer.import_story(story, found, known_new=story.source not in stored)
        except Exception as error:  # one bad story must not stop the others
            outcomes[index] = (FAILED, f"{story.origin}: import failed: {error!r}")
            continue
        outcomes[index] = (result.outcome, result.message or describe(found.record))
    return outcomes


def finish_if_complete(job):
    """The last chunk to finish closes the job (whichever worker runs it)."""
    if job.stories.filter(outcome__in=[PENDING, IMPORTING]).exists():
        return
    ImportJob.objects.filter(pk=job.pk, status__in=[ImportJob.Status.QUEUED, ImportJob.Status.RUNNING]).update(
        status=ImportJob.Status.DONE, finished_at=timezone.now()
    )
    ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.CANCELLING).update(
        status=ImportJob.Status.CANCELLED, finished_at=timezone.now()
    )
    job.refresh_from_db()


def fail(job, error):
    ImportJob.objects.filter(pk=job.pk).exclude(status__in=ImportJob.FINISHED).update(
        status=ImportJob.Status.FAILED,
        error=(error if isinstance(error, str) else repr(error))[:2000],
        finished_at=timezone.now(),
    )


def _stopped(job):
    status = ImportJob.objects.filter(pk=job.pk).values_list("status", flat=True).first()
    return status in (ImportJob.Status.CANCELLING, ImportJob.Status.CANCELLED, None)


def _cancel_pending(job, start, stop):
    cancelled = job.stories.filter(outcome=PENDING, position__gte=start, position__lt=stop).update(
        outcome=CANCELLED, message="cancelled before it was imported"
    )
    job.add_counts({CANCELLED: cancelled})


def _story_text(row):
    return StoryText(source=row.source, text=row.text, origin=row.origin or row.source)


def _count(outcomes):
    counts = {}
    for outcome in outcomes:
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


def _batched(iterable, size):
    iterator = iter(iterable)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def screened(texts):
    """``extract`` with each record screened as the command screens it: [(Screened, None) or (None, error)].

    The ``Screened`` records go on to the importer as they are, which never screens them again.
    """
    return [
        (StoryImporter.screen(story, record) if record is not None else None, error)
        for story, (record, error) in zip(texts, extract(texts), strict=True)
    ]


def describe(record):
    """A ``StoryRecord`` in a line: the artist and how much the story gave."""
    name = record.artist.name if record.artist is not None else "?"
    return f"{name} ({len(record.cities)} cities, {len(record.exhibitions)} exhibitions, {len(record.works)} works)"
