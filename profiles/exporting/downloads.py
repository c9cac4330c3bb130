"""The dumps the downloads page offers: files under ``settings.DOWNLOADS_DIR``, made by background jobs.

A dump's file name carries the catalogue version it was exported from
(``profiles.caching``) and its site address (the links inside start with it);
it is fresh while that version is the current one. A request that finds a
dump stale starts a dump job (``DumpJob``: at most one queued or running per
format and site, so many visitors start one export) and goes on offering the
previous file meanwhile. The job, on any Celery worker that shares the folder,
writes the new file atomically (a reader never sees half of it) and then
removes the older ones. Finding a fresh dump reads no database row.
"""

import hashlib
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .. import caching
from ..jobs.models import DumpJob
from .dumps import FORMATS, export_to_file

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Dump:
    format: str
    path: Path
    version: str
    size: int
    modified: datetime

    @property
    def fresh(self):
        return self.version == caching.version()

    @property
    def etag(self):
        return f'"{self.path.stem}"'


def downloads_dir():
    return Path(getattr(settings, "DOWNLOADS_DIR", settings.BASE_DIR / ".downloads"))


def site_key(base_url):
    return hashlib.blake2b(base_url.encode(), digest_size=6).hexdigest()


def dump_path(format, base_url, version):
    return downloads_dir() / f"catalogue-{version}-{site_key(base_url)}.{FORMATS[format][1]}"


def _site_files(format, base_url):
    return downloads_dir().glob(f"catalogue-*-{site_key(base_url)}.{FORMATS[format][1]}")


def latest(format, base_url):
    """The newest dump of ``format`` for this site, fresh or not; None before the first is made."""
    found = []
    for path in _site_files(format, base_url):
        try:
            status = path.stat()
        except FileNotFoundError:  # replaced by a job meanwhile
            continue
        found.append((status.st_mtime_ns, path, status.st_size))
    if not found:
        return None
    mtime_ns, path, size = max(found)
    version = path.stem.removeprefix("catalogue-").rsplit("-", 1)[0]
    return Dump(format, path, version, size, datetime.fromtimestamp(mtime_ns / 1e9, tz=UTC))


def current(format, base_url):
    """The dump to offer now: the newest one, after starting a job to replace it if it is stale."""
    dump = latest(format, base_url)
    if dump is not None and dump.fresh:
        return dump
    request_dump(format, base_url)
    return latest(format, base_url)  # a job run eagerly (tests, no broker) has written it already


def request_dump(format, base_url):
    """The job making this dump: the active one, or a new one queued once its row is committed."""
    active = DumpJob.objects.active().filter(format=format, base_url=base_url).first()
    if active is not None:
        if not active.lost:
            return active
        active.fail("lost: no worker finished it in time")
    try:
        with transaction.atomic():
            job = DumpJob.objects.create(format=format, base_url=base_url)
    except IntegrityError:  # another request started one a moment ago
        return DumpJob.objects.active().filter(format=format, base_url=base_url).first()
    from ..jobs.tasks import send_dump_job

    transaction.on_commit(lambda: send_dump_job(job))
    return job


def make(job):
    """The worker's part: export the catalogue as it is now into this job's file, then drop older files."""
    claimed = DumpJob.objects.filter(pk=job.pk, status__in=DumpJob.ACTIVE).update(
        status=DumpJob.Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return None
    version = caching.version()  # read first: rows changed during the export make the file stale, never fresher
    path = dump_path(job.format, job.base_url, version)
    try:
        export_to_file(path, job.format, base_url=job.base_url)
    except Exception as error:
        logger.exception("dump job %s failed", job.pk)
        job.fail(repr(error))
        return None
    for old in _site_files(job.format, job.base_url):
        if old != path:
            old.unlink(missing_ok=True)  # a download reading it keeps its open file
    DumpJob.objects.filter(pk=job.pk).update(
        status=DumpJob.Status.DONE,
        finished_at=timezone.now(),
        catalogue_version=version,
        size=path.stat().st_size,
    )
    return path
