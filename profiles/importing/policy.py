"""Editors win: the one place that decides what an editor's edit protects and what a deletion prevents.

- A field named in a record's ``edited_fields`` is never overwritten by an
  import; ``"*"`` there protects the whole record.
- An edited record (``is_edited``, or any field named) is never removed by an
  import, even when the story no longer supports it.
- A record an editor deleted leaves a ``DeletedRecord`` under the identity key
  the importer would give it (``keys``); it is never re-created from that story.

The per-story sync, the batch of new stories, the dry-run preview, the admin's
deletions (``profiles/editing.py``) and merges (``profiles/merge.py``) all ask
here. ``profiles/editing.py`` decides what counts as an edit and writes the
marks this module reads.
"""

from profiles.extraction.story_record import StoryRecord

from ..models import Artist, DeletedRecord, Exhibition, Story, Work
from .keys import artist_key, artist_name, exhibition_keys, same_artist, work_key

RECORD_TYPES = {
    Artist: DeletedRecord.RecordType.ARTIST,
    Work: DeletedRecord.RecordType.WORK,
    Exhibition: DeletedRecord.RecordType.EXHIBITION,
}


# --- edits -----------------------------------------------------------------------------


def protects(record, field_name):
    """True when an editor's edit keeps the import from changing ``record.<field_name>``."""
    edited = record.edited_fields or []
    return "*" in edited or field_name in edited or field_name.removesuffix("_id") in edited


def is_edited(record):
    """An edited record is never removed by an import."""
    return bool(record.is_edited or record.edited_fields)


def assign(record, values, result, *, label):
    """Set the values a person has not edited; report the rest. True when something changed."""
    changed, kept = False, []
    for name, value in values.items():
        if name == "evidence":
            value = keep_edited_evidence(record, value)
        if protects(record, name):
            if getattr(record, name) != value:
                kept.append(name.removesuffix("_id"))
            continue
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed = True
    if kept:
        result.left_alone.append(kept_note(label, kept))
    return changed


def keep_edited_evidence(record, evidence):
    """The import's evidence, but the record's own for the fields an editor edited (it points at their words)."""
    current = record.evidence if isinstance(record.evidence, dict) else {}
    if not isinstance(evidence, dict):
        return evidence
    kept = {name: span for name, span in current.items() if protects(record, name)}
    return {**evidence, **kept} if kept else evidence


def kept_note(subject, fields=()):
    """The report line for what an edit kept: ``subject`` is "work 'Iron Tide'" or the like."""
    return f"{subject}: {', '.join(fields) + ' ' if fields else ''}edited by hand, kept"


# --- deletions -----------------------------------------------------------------------------


class Tombstones:
    """The editors' deletions of one story's records: what its import must not re-create."""

    def __init__(self, story=None):
        self._keys = set()
        if story is not None and story.pk is not None:
            self._keys = set(DeletedRecord.objects.filter(story=story).values_list("record_type", "import_key"))

    def prevent(self, record_type, key):
        return (record_type, key) in self._keys


def not_recreated_note(subject):
    return f"{subject}: deleted by an editor, not re-created"


def tombstone_keys(record):
    """[(story_id, import_key)] under which the importer would bring ``record`` back."""
    if type(record) not in RECORD_TYPES:
        return []
    if isinstance(record, Artist):
        return _artist_tombstone_keys(record)
    if isinstance(record, Exhibition) and record.pk:
        # A show shared by several stories is told under each one's key.
        told = set(record.showings.values_list("story_id", "import_key"))
        if told:
            return sorted(told)
    if record.story_id and record.import_key:
        return [(record.story_id, record.import_key)]
    return []


def _artist_tombstone_keys(artist):
    """An artist is found by name in every story about them: one key per story."""
    keys = {}
    if artist.story_id:
        keys[artist.story_id] = artist.import_key or artist_key(artist.name)
    for story in artist.stories.all():
        named = StoryRecord.from_json(story.record).artist
        keys.setdefault(
            story.pk, artist_key(artist_name(named)) if named else artist.import_key or artist_key(artist.name)
        )
    return sorted(keys.items())


def merge_needs_tombstone(keep, duplicate):
    """Imported duplicates must not come back; an artist found under the kept name already will not.

    The importer finds a story's artist by the folded name: when the duplicate
    folds to the same name as the record kept, re-importing its story finds the
    kept artist, and a tombstone would only make that story skip its artist.
    """
    if isinstance(duplicate, Artist):
        return not same_artist(duplicate.name, keep.name)
    return True


# --- the dry run -----------------------------------------------------------------------------


def left_alone_preview(source, record):
    """What a real import of ``record`` (a ``StoryRecord``) would leave alone, read-only (for --dry-run)."""
    story = Story.objects.filter(source_name=source).select_related("artist").first()
    if story is None:
        return []
    notes = []
    tombstones = Tombstones(story)
    if record.artist and tombstones.prevent("artist", artist_key(artist_name(record.artist))):
        notes.append(not_recreated_note(f"artist {record.artist.name!r}"))
    for entry in record.works:
        if tombstones.prevent("work", work_key(entry.title)):
            notes.append(not_recreated_note(f"work {entry.title!r}"))
    for key in exhibition_keys(record.exhibitions):
        if tombstones.prevent("exhibition", key):
            notes.append(not_recreated_note(f"exhibition {key.removeprefix('exhibition:')!r}"))
    edited = [story.artist] if story.artist else []
    edited += list(Work.objects.filter(story=story)) + list(Exhibition.objects.told_by(story))
    for row in edited:
        if is_edited(row):
            notes.append(kept_note(f"{type(row).__name__.lower()} {str(row)!r}", row.edited_fields or ["the record"]))
    return notes
