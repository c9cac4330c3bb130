"""Map story records (docs/record-format.md) to catalogue records.

``StoryImporter`` is the entry point, and every record it imports is first
screened there (``screening``: content limits, a title read as a name, look-alike
letters), whoever calls it: the command, the dry run, import jobs. New stories go in batches (``batch``);
changed stories, a new story about an artist the catalogue already has, and the
stories of a batch that failed go one story per transaction (``sync``). Both
recognise records by identity keys (``keys``) and leave alone what editors
changed or deleted, as ``policy`` decides.
"""

from profiles.extraction.story_record import StoryRecord

from ..models import Story
from .batch import NewStoryBatch
from .policy import left_alone_preview
from .results import CREATED, FAILED, OUTCOMES, SKIPPED, UNCHANGED, UPDATED, ImportResult
from .screening import Screened, screen
from .shared import SharedRows
from .sync import StorySync

__all__ = [
    "CREATED",
    "FAILED",
    "OUTCOMES",
    "SKIPPED",
    "UNCHANGED",
    "UPDATED",
    "ImportResult",
    "Screened",
    "StoryImporter",
]


class StoryImporter:
    """Writes records into the catalogue; keeps a per-run cache of cities and disciplines."""

    def __init__(self):
        shared = SharedRows()
        self._sync = StorySync(shared)
        self._batch = NewStoryBatch(shared)

    @staticmethod
    def database_ready():
        """Touch the stories table: raises a DatabaseError if it cannot be used."""
        Story.objects.exists()

    @staticmethod
    def stored_hashes(sources):
        """{source name: sha256} for the stories already in the catalogue."""
        return dict(Story.objects.filter(source_name__in=list(sources)).values_list("source_name", "sha256"))

    @staticmethod
    def screen(story_text, record):
        """The ``Screened`` record as it will be imported (its cuts and warnings for the report).

        ``record``: a ``StoryRecord``, its JSON, or a ``Screened`` (returned as it is).
        """
        if isinstance(record, Screened):
            return record
        return screen(story_text.text, typed(story_text, record))

    def import_story(self, story_text, record, *, known_new=False, force=False):
        """One story, screened, then created or updated in place, whole or not at all (see ``sync``)."""
        screened = self.screen(story_text, record)
        return self._sync.import_story(story_text, screened.record, known_new=known_new, force=force)

    def import_new_stories(self, pairs):
        """New stories, screened, in one transaction; returns (results, pairs left to ``import_story``).

        See ``batch``. The pairs left over are (story, ``Screened``), so they are not screened twice.
        """
        screened = [(story, self.screen(story, record)) for story, record in pairs]
        results, rest = self._batch.import_new_stories([(story, found.record) for story, found in screened])
        left = {id(record) for _, record in rest}
        return results, [(story, found) for story, found in screened if id(found.record) in left]

    def left_alone_preview(self, story_text, record):
        return left_alone_preview(story_text.source, self.screen(story_text, record).record)


def typed(story_text, record):
    """The ``StoryRecord`` of a story: records given as JSON are read by the one tolerant reader."""
    if isinstance(record, StoryRecord):
        return record
    return StoryRecord.from_json(record, text_length=len(story_text.text))
