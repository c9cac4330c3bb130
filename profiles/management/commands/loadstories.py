"""Import stories into the catalogue.

    manage.py loadstories [PATH ...] [--dry-run] [--format text|json] [--jobs N]
    manage.py loadstories --queue PATH ...

PATH is a .txt file (one story, named by its file name), a directory (every
*.txt under it, recursively, in sorted order) or a .jsonl file (one
{"id": ..., "text": ...} per line, named by its id). Without PATH, seeds/.

Each story is imported whole or not at all. New stories go in batches (one
transaction and a few multi-row writes per --batch-size stories); if anything
in a batch fails it is rolled back and its stories are imported one per
transaction, so only the story at fault fails. Unchanged stories (same SHA-256
as stored) are skipped quickly; changed ones update their records in place,
each in its own transaction, leaving alone whatever an editor changed or deleted.
``--dry-run`` extracts and reports without writing; with ``--format json``
standard output carries exactly one story record per line (docs/record-format.md) and
every message goes to standard error. ``--jobs N`` extracts in N processes
(default: every core) once the input fills a batch, the next batch while one is written;
the output is the same.
``--queue`` stores the stories in an import job and queues it, in chunks, for
Celery workers (profiles/jobs/). When any story failed, the summary is
raised as a CommandError (exit status 1).
"""

import itertools
import json
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.core.checks import Tags
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, OperationalError, ProgrammingError, connection

from profiles.exporting.loading import RecordRows
from profiles.extraction.reader import PathError, StoryError, check_paths, read_stories
from profiles.importing import CREATED, FAILED, OUTCOMES, SKIPPED, UNCHANGED, UPDATED, StoryImporter
from profiles.jobs import parallel
from profiles.jobs.parallel import ExtractionPool, default_jobs

# Give up on the run (rather than fail every remaining story) after this many
# database errors in a row: the database is gone or locked for good.
MAX_CONSECUTIVE_DATABASE_ERRORS = 5
JSON = json.JSONEncoder(ensure_ascii=False)  # one encoder: json.dumps() with options builds one per call


class StoriesFailed(CommandError):
    """The run is over and some stories failed: each failure has been reported; the message is the summary."""


class Command(BaseCommand):
    """The command's one conversation with a person: options, progress, messages, the summary line.

    Long because it owns every way a run can go and what it says about each (import, dry run as
    text or JSON, stored records, a queued job, extraction in processes, database trouble), while
    the work itself is elsewhere: reading in extraction/reader.py, importing in profiles/importing/,
    jobs in profiles/jobs/. Splitting the reporting from the command would split one voice in two.
    """

    help = "Import stories (.txt files, directories of them, or .jsonl files) into the catalogue."
    # Importing signs nothing, so it runs without DJANGO_SECRET_KEY; model checks still run.
    requires_system_checks = [Tags.models]

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", metavar="PATH", help="Story files or directories (default: seeds/).")
        parser.add_argument("--dry-run", action="store_true", help="Extract and report; write nothing.")
        parser.add_argument(
            "--format",
            choices=["text", "json"],
            default="text",
            help="With --dry-run, 'json' prints one story record per line on standard output.",
        )
        parser.add_argument(
            "--max-bytes",
            type=int,
            default=settings.STORY_MAX_BYTES,
            help="Refuse stories larger than this many bytes (default: %(default)s).",
        )
        parser.add_argument(
            "--force", action="store_true", help="Re-extract stories even when their text is unchanged."
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=256,
            help="Stories read and extracted together; new ones are written in one transaction (default: %(default)s).",
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Store the stories in an import job and queue it in chunks of --batch-size for Celery workers.",
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=default_jobs(),
            help=(
                "Processes that extract while one process writes (the next batch is extracted while one is "
                f"written); the output is the same as with 1. Default: every core ({default_jobs()} here)."
            ),
        )
        parser.add_argument(
            "--records",
            action="store_true",
            help="The .jsonl rows are story records (exportcatalogue --format jsonl): import them as they are.",
        )

    def handle(
        self, *args, paths, dry_run, format, max_bytes, force, batch_size, queue, jobs, records=False, **options
    ):
        if format == "json" and not dry_run:
            raise CommandError("--format json is for --dry-run: an import reports on standard output in text.")
        if max_bytes < 1 or batch_size < 1 or jobs < 1:
            raise CommandError("--max-bytes, --batch-size and --jobs must be positive.")
        paths = [str(path) for path in paths] or [str(settings.SEEDS_DIR)]
        try:
            check_paths(paths)
        except PathError as error:
            raise CommandError(str(error)) from error
        if queue:
            from profiles.jobs.queueing import queue_stories, queued_message  # (imports Celery: only for --queue)

            self.stdout.write(queued_message(*queue_stories(paths, max_bytes=max_bytes, chunk_size=batch_size)))
            return
        self.pool = ExtractionPool(jobs)
        self.ahead = ThreadPoolExecutor(1, thread_name_prefix="extract-ahead") if jobs > 1 else None
        self.prefetched = {}  # id(StoryText) -> (record, error), extracted while the batch before was written
        self.pool_started = False

        self.verbosity = options["verbosity"]
        self.json_output = format == "json"
        # In JSON mode standard output is for records only.
        self.report = self.stderr if self.json_output else self.stdout
        self.importer = StoryImporter()
        self.counts = Counter()
        self.truncated = {}  # source -> what the content limits cut
        self.database_available = self._check_database(dry_run)

        self._extractor = None
        self.startup_seconds = 0.0
        started = time.perf_counter()
        self.record_rows = RecordRows(paths, max_bytes=max_bytes) if records else None
        if self.record_rows and self.record_rows.not_jsonl():
            raise CommandError(f"--records reads .jsonl files only: {', '.join(self.record_rows.not_jsonl())}")
        stories = self.record_rows if records else read_stories(paths, max_bytes=max_bytes)
        progress = _progress_bar(enabled=self.stderr.isatty() and not dry_run and self.verbosity >= 1)
        consecutive_errors = 0
        with progress:
            for batch in self._extracting_ahead(_batched(stories, batch_size), dry_run=dry_run, force=force):
                for item in batch:
                    if isinstance(item, StoryError):
                        self._record(item.source, FAILED, str(item), error=True)
                    elif item.warnings:
                        for warning in item.warnings:
                            self._message(f"warning: {item.origin}: {warning}", error=True)
                texts = [item for item in batch if not isinstance(item, StoryError)]
                stored = self._stored_hashes(texts)
                if dry_run:
                    self._dry_run(texts, stored, force=force)
                else:
                    consecutive_errors = self._import(texts, stored, force=force, errors=consecutive_errors)
                progress.update(len(batch))
                self.prefetched.clear()
        if self.ahead is not None:
            self.ahead.shutdown()
        self.pool.close()

        # The rate is the pipeline's: the extractor's one-off start-up is left out.
        elapsed = time.perf_counter() - started - self.startup_seconds
        summary = self._summary_line(dry_run, elapsed)
        if self.counts[FAILED]:
            raise StoriesFailed(summary, returncode=1)
        if self.verbosity >= 1 or dry_run:
            (self.stderr if self.json_output else self.stdout).write(summary)

    # --- the two modes -----------------------------------------------------------------

    def _import(self, texts, stored, *, force, errors):
        changed = []
        for story in texts:
            if not force and stored.get(story.source) == story.sha256:
                self._record(story.source, UNCHANGED, "unchanged", verbose=True)
                continue
            changed.append(story)
        pairs = list(self._screened(changed))  # (story, Screened): the importer does not screen them again
        new = [(story, screened) for story, screened in pairs if story.source not in stored]
        one_by_one = [(story, screened) for story, screened in pairs if story.source in stored]
        if new:
            try:
                results, rest = self.importer.import_new_stories(new)
            except Exception as error:  # the batch rolled back whole: import its stories one by one
                self._message(f"note: importing {len(new)} new stories one by one: {error!r}", verbose=True)
                results, rest = [], new
            records = {}
            for story, screened in new:  # a source named twice: the batch imports its first record
                records.setdefault(story.source, screened.record)
            for result in results:
                self._report(result, records[result.source])
            if results:
                errors = 0
            one_by_one = rest + one_by_one
        for story, screened in one_by_one:
            record = screened.record
            try:
                result = self.importer.import_story(story, screened, known_new=story.source not in stored, force=force)
            except (OperationalError, ProgrammingError) as error:
                errors += 1
                self._record(story.source, FAILED, f"{story.origin}: database error: {error}", error=True)
                if errors >= MAX_CONSECUTIVE_DATABASE_ERRORS:
                    raise CommandError(
                        f"giving up after {errors} database errors in a row ({error}); "
                        "stories imported before this point are complete and kept."
                    ) from error
                continue
            except Exception as error:  # one bad story must not stop the others
                self._record(story.source, FAILED, f"{story.origin}: import failed: {error!r}", error=True)
                continue
            errors = 0
            self._report(result, record)
        return errors

    def _report(self, result, record):
        for note in result.left_alone:
            self._message(f"{result.source}: left alone: {note}", verbose=True)
        message = result.message or self._describe(result.source, record)
        self._record(result.source, result.outcome, message, verbose=result.outcome != SKIPPED)

    def _dry_run(self, texts, stored, *, force):
        lines = []
        for story, screened in self._screened(texts):
            record = screened.record
            if record.artist is None:
                outcome = SKIPPED
            elif story.source not in stored:
                outcome = CREATED
            elif stored[story.source] == story.sha256 and not force:
                outcome = UNCHANGED
            else:
                outcome = UPDATED
            left_alone = []
            if outcome == UPDATED and self.database_available:
                left_alone = self.importer.left_alone_preview(story, screened)
            if self.json_output:
                report = {"outcome": outcome, "left_alone": left_alone, "limits": screened.cuts}
                lines.append(JSON.encode({**record.to_json(), "import": report}))
                self.counts[outcome] += 1
                if outcome == SKIPPED and self.verbosity >= 1:
                    self._message(f"{story.source}: would be skipped: {record.skipped_reason}", error=True)
            else:
                message = record.skipped_reason if outcome == SKIPPED else self._describe(story.source, record)
                self._record(story.source, outcome, f"would be {outcome}: {message}")
            for note in left_alone:
                self._message(f"{story.source}: would leave alone: {note}", error=self.json_output)
        if lines:  # one write per batch: records never contain a raw newline
            self.stdout.write("\n".join(lines))

    @property
    def extractor(self):
        """Loaded on first use (spaCy and the gazetteer are slow to load): unchanged stories never need it.

        The one of ``profiles.jobs.parallel``: loaded before the worker processes are
        forked, it is theirs too, so they start at once instead of each loading its own.
        """
        if self._extractor is None:
            loading = time.perf_counter()
            self._extractor = parallel.extractor()  # a batch process: frozen out of the garbage collector
            self.startup_seconds = time.perf_counter() - loading
        return self._extractor

    def _extracting_ahead(self, batches, *, dry_run, force):
        """The batches, each one's extraction started in the worker processes while the one before is written.

        With ``--jobs`` one process writes and the others extract: without this the
        workers waited for every write and the writer for every extraction. Once
        the pool runs (started by a batch extracted in the main thread), the next
        batch is sent to the workers before this one is handed on to be written;
        records are put back in order (``_extract``), so the output is the same.
        Stories the catalogue holds unchanged are not sent.
        """
        if self.ahead is None or self.record_rows is not None:
            yield from batches
            return
        started = None  # (batch, stories sent, future)
        for batch in batches:
            if started is None and not self.pool_started:
                yield batch
                continue
            texts = [item for item in batch if not isinstance(item, StoryError)]
            stored = self._stored_hashes(texts)
            wanted = texts if dry_run or force else [t for t in texts if stored.get(t.source) != t.sha256]
            current = (batch, wanted, self.ahead.submit(self.pool.extract, wanted) if wanted else None)
            if started is not None:
                self._collect(*started[1:])
                yield started[0]
            started = current
        if started is not None:
            self._collect(*started[1:])
            yield started[0]

    def _collect(self, wanted, future):
        """Keep what a batch's extraction ahead returned, for ``_extract``."""
        if future is not None:
            self.prefetched.update(zip(map(id, wanted), future.result(), strict=True))

    def _screened(self, texts):
        """(story, ``Screened``) for each of ``texts`` that extracted, its warnings and cuts reported."""
        for story, record in zip(texts, self._extract(texts), strict=True):
            if record is None:
                continue
            screened = self.importer.screen(story, record)
            for warning in screened.warnings:
                self._message(f"warning: {story.origin}: {warning}", error=True)
            if screened.cuts:
                self.truncated[story.source] = screened.cuts
                self._message(
                    f"warning: {story.origin}: over the content limits: {'; '.join(screened.cuts)}", error=True
                )
            yield story, screened

    def _extract(self, texts):
        """Records for ``texts`` in order; None (and a failure) where extraction broke."""
        if self.record_rows is not None:
            return self.record_rows.records(texts)
        if not texts:
            return []
        if self.pool.processes > 1:
            missing = [story for story in texts if id(story) not in self.prefetched]
            if missing:
                self.extractor  # noqa: B018  loaded here before the pool forks its workers, which then share it
            self.pool_started |= len(missing) >= 2 * parallel.MIN_STORIES_PER_PROCESS  # ExtractionPool's threshold
            fetched = dict(zip(map(id, missing), self.pool.extract(missing) if missing else [], strict=True))
            results = [self.prefetched.pop(id(story), None) or fetched[id(story)] for story in texts]
            return self._record_failures(texts, results)
        try:
            return list(self.extractor.pipe_records((story.source, story.text) for story in texts))
        except Exception:
            records = []
            for story in texts:  # find the story that broke the batch, keep the rest
                try:
                    records.append(self.extractor.extract_record(story.text, source=story.source))
                except Exception as error:
                    self._record(story.source, FAILED, f"{story.origin}: extraction failed: {error!r}", error=True)
                    records.append(None)
            return records

    def _record_failures(self, texts, results):
        for story, (_, error) in zip(texts, results, strict=True):
            if error:
                self._record(story.source, FAILED, error, error=True)
        return [record for record, _ in results]

    # --- database -------------------------------------------------------------------------

    def _check_database(self, dry_run):
        """Fail early and clearly when the catalogue's database cannot be used."""
        try:
            StoryImporter.database_ready()
            if not dry_run:
                self._relax_commit_durability()
            return True
        except (OperationalError, ProgrammingError) as error:
            if dry_run:
                self._message(f"note: no catalogue database to compare with ({error}); extracting only.", verbose=True)
                return False
            missing_table = "no such table" in str(error) or "does not exist" in str(error)
            hint = (
                "run `manage.py migrate` first"
                if missing_table
                else "check DATABASE_URL and that the database server is running"
            )
            raise CommandError(f"the catalogue's database cannot be used: {error} ({hint}).") from error

    @staticmethod
    def _relax_commit_durability():
        """On PostgreSQL, don't wait for the disk at every story's commit.

        Each story is still atomic and consistent; a server crash can only lose
        the last moments of committed stories, which the next run re-imports
        (they are not "unchanged" because they are not there). Without this an
        import waits for the disk at every transaction.
        """
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET synchronous_commit TO OFF")

    def _stored_hashes(self, texts):
        if not self.database_available or not texts:
            return {}
        try:
            return self.importer.stored_hashes(story.source for story in texts)
        except DatabaseError as error:
            raise CommandError(f"the catalogue's database cannot be read: {error}") from error

    # --- output ------------------------------------------------------------------------------

    def _describe(self, source, record):
        """ "Name (3 cities, 1 exhibitions, 2 works)", and what the content limits cut from the story."""
        parts = [f"{len(record.cities)} cities", f"{len(record.exhibitions)} exhibitions", f"{len(record.works)} works"]
        name = record.artist.name if record.artist is not None else "?"
        cuts = self.truncated.get(source)
        return f"{name} ({', '.join(parts)}{'; ' + '; '.join(cuts) if cuts else ''})"

    def _record(self, source, outcome, message, *, error=False, verbose=False):
        self.counts[outcome] += 1
        if error:
            self._message(f"error: {message}" if outcome == FAILED else message, error=True)
        elif outcome == SKIPPED:
            self._message(f"{source}: skipped: {message}")
        else:
            self._message(f"{source}: {message}", verbose=verbose)

    def _message(self, text, *, error=False, verbose=False):
        if verbose and self.verbosity < 2:
            return
        if not verbose and self.verbosity < 1 and not error:
            return
        (self.stderr if error else self.report).write(text)

    def _summary_line(self, dry_run, elapsed):
        total = sum(self.counts[outcome] for outcome in OUTCOMES)
        parts = ", ".join(f"{self.counts[outcome]} {outcome}" for outcome in OUTCOMES)
        rate = f" in {elapsed:.2f}s ({total / elapsed:,.0f} stories/s)" if elapsed > 0 else ""
        prefix = "Dry run, nothing written: " if dry_run else ""
        truncated = ""
        if self.truncated:
            sources = ", ".join(list(self.truncated)[:5]) + (", ..." if len(self.truncated) > 5 else "")
            truncated = f"; {len(self.truncated)} cut to the content limits ({sources})"
        return f"{prefix}{total} {'story' if total == 1 else 'stories'}: {parts}{truncated}{rate}."


class _NoProgress:
    """What the loop asks of a progress bar, doing nothing: no bar without a terminal to draw it on."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, count):
        pass


def _progress_bar(*, enabled):
    """A progress bar on standard error; tqdm is imported only when one is drawn (start-up)."""
    if not enabled:
        return _NoProgress()
    from tqdm import tqdm

    return tqdm(unit=" stories", file=sys.stderr, leave=False)


def _batched(iterable, size):
    iterator = iter(iterable)
    while batch := list(itertools.islice(iterator, size)):
        yield batch
