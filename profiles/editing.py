"""What a person did to an imported record, written down for the importer.

Two promises to editors rest on this module. A field changed by hand goes into
the record's ``edited_fields`` so ``loadstories`` never overwrites it, and an
imported record deleted by hand leaves a ``DeletedRecord`` so ``loadstories``
never re-creates it. The admin calls these functions explicitly (never a model
signal): the importer's own saves must not count as a person's edits. What the
marks protect, and under which keys a deletion is remembered, is decided in
``profiles/importing/policy.py``.
"""

import re

from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.utils import timezone

from .extraction.story_record import MentionLabel, StoryRecord
from .importing.policy import RECORD_TYPES, tombstone_keys
from .models import Artist, DeletedRecord, Exhibition, ImportedRecord, Work

_UNSET = object()

# Review state and provenance are not facts about the artist: changing them is
# not an edit the importer needs to respect.
BOOKKEEPING_FIELDS = frozenset(
    {
        "reviewed",
        "is_edited",
        "edited_fields",
        "confidence",
        "evidence",
        "import_key",
        "story",
        "created_at",
        "updated_at",
    }
)


def mark_edited(record, field_names):
    """Add ``field_names`` to the record's ``edited_fields``; True when the record changed.

    Only sets attributes; the caller saves the record.
    """
    if not isinstance(record, ImportedRecord):
        return False
    edited = list(record.edited_fields or [])
    added = [name for name in field_names if name not in BOOKKEEPING_FIELDS and name not in edited]
    edited.extend(dict.fromkeys(added))
    if not added and (record.is_edited or not edited):
        return False
    record.edited_fields = edited
    record.is_edited = True
    return True


def save_edit_marks(record):
    """Persist only the edit marks, for records changed elsewhere (an inline, a merge)."""
    record.save(update_fields=["edited_fields", "is_edited", "updated_at"])


def changed_model_fields(form, instance):
    """Model fields the submitted form changes on ``instance``, in form order.

    ``form.changed_data`` compares with the form's initial values; when
    simple-history reverts a record, those are the *old* version's, so concrete
    fields are also compared with the row as it stands in the database.
    """
    names = dict.fromkeys(form.changed_data)
    current = type(instance)._base_manager.filter(pk=instance.pk).first() if instance.pk else None
    if current is not None:
        for name in form.fields:
            field = _model_field(instance, name)
            if field is None or not field.concrete or field.many_to_many:
                continue
            if field.value_from_object(instance) != field.value_from_object(current):
                names[name] = None
    return [name for name in form.fields if name in names]


def restore_edit_marks(instance):
    """Keep the database's edit marks on ``instance`` (a reverted version carries old ones)."""
    if not isinstance(instance, ImportedRecord) or instance.pk is None:
        return
    current = type(instance)._base_manager.filter(pk=instance.pk).values("edited_fields", "is_edited").first()
    if current:
        instance.edited_fields = list(current["edited_fields"] or [])
        instance.is_edited = current["is_edited"]


def _model_field(instance, name):
    try:
        return instance._meta.get_field(name)
    except FieldDoesNotExist:  # a form-only field
        return None


# --- deletions -------------------------------------------------------------------


def remember_deletion(record, user=None, *, label=None):
    """Leave tombstones so ``loadstories`` never re-creates ``record``; returns them.

    Deleting an artist also deletes their works (a cascade), so those are
    remembered too.
    """
    label = (label or str(record))[:300]
    record_type = RECORD_TYPES.get(type(record))
    tombstones = []
    for story_id, import_key in tombstone_keys(record):
        tombstone, _ = DeletedRecord.objects.update_or_create(
            story_id=story_id,
            record_type=record_type,
            import_key=import_key,
            defaults={"label": label, "deleted_by": user_or_none(user), "deleted_at": timezone.now()},
        )
        tombstones.append(tombstone)
    if isinstance(record, Artist) and record.pk:
        for work in record.works.exclude(story=None).exclude(import_key=""):
            tombstones += remember_deletion(work, user, label=f"{work} (with its artist {record})")
    return tombstones


def user_or_none(user):
    return user if user is not None and getattr(user, "is_authenticated", False) else None


# --- fixes from the story's text ------------------------------------------------------


class StoryFix:
    """What an editor says the words at ``[start, end)`` of a story are; ``apply`` changes the records at once.

    Each fix is a person's edit: the changed fields are marked (so re-imports
    keep them), the field's evidence points at the chosen words (the import
    keeps that too, ``policy.keep_edited_evidence``), a removed work leaves a
    tombstone, and every changed record gets one history entry.
    """

    BIRTH_CITY = "birth_city"
    EXHIBITION_CITY = "exhibition_city"
    EXHIBITION_VENUE = "exhibition_venue"
    WORK = "work"
    DISCIPLINE = "discipline"
    NOT_CITY = "not_city"
    NOT_WORK = "not_work"
    CHOICES = [
        (BIRTH_CITY, "the artist's birth city"),
        (EXHIBITION_CITY, "an exhibition's city"),
        (EXHIBITION_VENUE, "an exhibition's venue"),
        (WORK, "a work (its title)"),
        (DISCIPLINE, "a discipline of the artist"),
        (NOT_CITY, "not a city"),
        (NOT_WORK, "not a work"),
    ]
    # What each fix changes, as (app_label.codename) permissions the editor needs.
    PERMISSIONS = {
        BIRTH_CITY: ["profiles.change_artist"],
        EXHIBITION_CITY: ["profiles.change_exhibition"],
        EXHIBITION_VENUE: ["profiles.change_exhibition"],
        WORK: ["profiles.add_work", "profiles.change_work"],
        DISCIPLINE: ["profiles.change_artist"],
        NOT_CITY: ["profiles.change_artist", "profiles.change_exhibition"],
        NOT_WORK: ["profiles.delete_work"],
    }
    MAX_WORDS = 300  # characters: a title or a place, not a paragraph

    def __init__(self, story, start, end, what, *, user=None, city=None, exhibition=None, work=None, discipline=None):
        self.story, self.start, self.end, self.what = story, start, end, what
        self.user, self.city, self.exhibition, self.work, self.discipline = user, city, exhibition, work, discipline
        self.words = " ".join((story.text or "")[start:end].split())
        self.changed = []

    def evidence(self):
        """The sentence around the chosen words, with the words as its match."""
        text = self.story.text or ""
        stops = [text.rfind(mark, 0, self.start) for mark in (". ", "! ", "? ", "\n")]
        sentence_start = max((stop + (1 if text[stop] == "\n" else 2) for stop in stops if stop >= 0), default=0)
        ends = [text.find(mark, self.end) for mark in (".", "!", "?", "\n")]
        sentence_end = min((stop + (0 if text[stop] == "\n" else 1) for stop in ends if stop >= 0), default=len(text))
        return {"start": sentence_start, "end": sentence_end, "match": [self.start, self.end]}

    def apply(self):
        """Change the records; returns a sentence saying what changed."""
        from . import history

        with transaction.atomic():
            message = getattr(self, f"_{self.what}")()
            for record in self.changed:
                history.resume_signals(record)
            history.record_history(self.changed, reason=f"fixed from the story: “{self.words}”", user=self.user)
        return message

    def _edit(self, record, field, value=_UNSET, *, evidence_key=None):
        """Set ``record.<field>``, mark it edited and point its evidence at the chosen words."""
        from . import history

        if value is not _UNSET:
            setattr(record, field, value)
        mark_edited(record, [field])
        evidence = dict(record.evidence) if isinstance(record.evidence, dict) else {}
        if evidence_key is None:
            evidence[field] = self.evidence()
        else:
            per_value = evidence.get(field) if isinstance(evidence.get(field), dict) else {}
            per_value = {} if "start" in per_value else dict(per_value)
            per_value[evidence_key] = self.evidence()
            evidence[field] = per_value
        record.evidence = evidence
        history.skip_signals(record)
        record.save()
        if record not in self.changed:
            self.changed.append(record)

    def _birth_city(self):
        artist = self.story.artist
        self._edit(artist, "birth_city", self.city)
        return f"{artist} was born in {self.city}."

    def _exhibition_city(self):
        self._edit(self.exhibition, "city", self.city)
        return f"“{self.exhibition}” was in {self.city}."

    def _exhibition_venue(self):
        self._edit(self.exhibition, "venue", self.words)
        return f"“{self.exhibition}” was at {self.words}."

    def _work(self):
        work = self.work
        if work is None:
            work = Work(title=self.words, artist=self.story.artist, story=self.story, confidence=1.0)
            self._edit(work, "title")
            return f"Added the work “{work}” to {self.story.artist}."
        self._edit(work, "title", self.words)
        return f"The work is now called “{work}”."

    def _discipline(self):
        from . import history

        artist = self.story.artist
        history.skip_signals(artist)
        artist.disciplines.add(self.discipline)
        self._edit(artist, "disciplines", evidence_key=self.discipline.name)
        return f"{artist} practises {self.discipline}."

    def _not_city(self):
        """Unlink the city these words name from the story's records that were read from them.

        A record read from other words of the story that name the same city (its
        evidence points there, or the story names the city as a city elsewhere)
        keeps it: "Florence" in "Florence Adeyemi" is no city, the Florence she
        showed in two sentences later still is.
        """
        from . import history
        from .importing.keys import fold_value

        named = fold_value(self.words)
        elsewhere = self._named_elsewhere(MentionLabel.CITY, named)
        cleared, kept = [], []

        def read_from_here(record, field, city):
            if city is None:
                return False
            if self._points_here(record, field):
                return True
            if fold_value(city.name) != named:
                return False
            if record.evidence_span(field) is not None or elsewhere:
                kept.append(city)
                return False
            return True

        artist = self.story.artist
        if artist is not None and read_from_here(artist, "birth_city", artist.birth_city):
            self._edit(artist, "birth_city", None)
            cleared.append(f"{artist}'s birth city")
        for exhibition in Exhibition.objects.filter(story=self.story, city__isnull=False).select_related("city"):
            if read_from_here(exhibition, "city", exhibition.city):
                self._edit(exhibition, "city", None)
                cleared.append(f"the city of “{exhibition}”")
        if artist is not None and not elsewhere and not kept:
            wrong = [city for city in artist.cities.all() if fold_value(city.name) == named]
            if wrong:
                history.skip_signals(artist)
                artist.cities.remove(*wrong)
                self._edit(artist, "cities")
                cleared.append(f"{artist}'s cities")
        self._forget_mentions(MentionLabel.CITY)
        if not cleared:
            return f"No record of this story has “{self.words}” as its city: nothing changed."
        message = f"“{self.words}” is not a city: cleared {', '.join(cleared)}."
        if kept:
            message += f" Kept {kept[0]} where the story names it in other words."
        return message

    def _named_elsewhere(self, label, named):
        """Whether the story names ``named`` as a ``label`` at other words than the chosen ones (by its stored
        mentions; a story imported without them: whether the same words occur elsewhere in its text)."""
        from .importing.keys import fold_value

        mentions = self._mentions()
        if not mentions:
            text = self.story.text or ""
            pattern = re.compile(rf"(?<!\w){re.escape(self.words)}(?!\w)", re.IGNORECASE)
            return any(found.start() != self.start for found in pattern.finditer(text))
        for mention in mentions:
            if mention.label == label and (mention.end <= self.start or mention.start >= self.end):
                words = mention.text or (self.story.text or "")[mention.start : mention.end]
                if fold_value(words) == named:
                    return True
        return False

    def _mentions(self):
        text = self.story.text or ""
        return StoryRecord.from_json(self.story.record, text_length=len(text)).mentions

    def _forget_mentions(self, label):
        """Drop the story's stored ``label`` mentions of the chosen words, so its page no longer marks them."""
        record = self.story.record if isinstance(self.story.record, dict) else None
        if not record or not isinstance(record.get("mentions"), list):
            return
        kept = [
            mention
            for mention in record["mentions"]
            if not (
                isinstance(mention, dict)
                and mention.get("label") == label.value
                and mention.get("start") == self.start
                and mention.get("end") == self.end
            )
        ]
        if len(kept) != len(record["mentions"]):
            self.story.record = {**record, "mentions": kept}
            self.story.save(update_fields=["record"])

    def _not_work(self):
        """Delete the story's works these words name (or the one chosen); re-imports do not bring them back."""
        from .importing.keys import title_key

        works = [self.work] if self.work is not None else []
        if not works:
            works = [
                work
                for work in Work.objects.filter(story=self.story)
                if self._points_here(work, "title") or title_key(work.title) == title_key(self.words)
            ]
        for work in works:
            remember_deletion(work, self.user)
            work.delete()
        self._forget_mentions(MentionLabel.WORK)
        if not works:
            return f"No work of this story is called “{self.words}”: nothing changed."
        return f"“{self.words}” is not a work: deleted {', '.join(f'“{work}”' for work in works)}."

    def _points_here(self, record, field):
        found = record.evidence_span(field)
        return found is not None and found.match is not None and found.match == (self.start, self.end)
