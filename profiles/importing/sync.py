"""One story created, or updated in place, in its own transaction.

A story's identity is its source name. Re-importing changed text updates that
story's records in place, keyed by ``import_key`` (``keys``); records the new
text no longer supports are removed. What editors changed or deleted is left
as ``policy`` says.
"""

from pathlib import PurePath

from django.db import IntegrityError

from profiles.extraction.story_record import StoryRecord

from .. import history
from ..models import Artist, Story, Work, unique_slugs
from . import db, policy, rows, shows
from .keys import artist_key, artist_name, title_key
from .results import CREATED, SKIPPED, UNCHANGED, UPDATED, ImportResult, Written


class StorySync:
    """Brings one story's rows in line with its record; ``shared`` caches cities and disciplines."""

    def __init__(self, shared):
        self.shared = shared

    def import_story(self, story_text, record, *, known_new=False, force=False):
        """Import one extracted story (a ``StoryRecord``) whole, or not at all.

        ``known_new``: the caller has just seen that no story has this source name.
        Unless ``force``, a story whose stored text has the same hash (another run
        may have stored it since the caller looked) is left as it is: "unchanged".
        """
        try:
            with self.shared.atomic():
                return self._import_story(story_text, record, known_new, force)
        except IntegrityError:
            # Another process created a shared row (a story, a city) meanwhile:
            # try once more against what is there now.
            with self.shared.atomic():
                return self._import_story(story_text, record, False, force)

    def _import_story(self, story_text, record, known_new, force):
        story = None
        if not known_new:
            story = (
                Story.objects.select_for_update(of=("self",))
                .select_related("artist")
                .filter(source_name=story_text.source)
                .first()
            )
        if story is not None and story.sha256 == story_text.sha256 and not force:
            return ImportResult(story_text.source, UNCHANGED, "unchanged")
        self.shared.register_cities([record])
        fresh = story is None
        previous_artist = None
        if fresh:
            story = Story(source_name=story_text.source)
            story.slug = unique_slugs(Story, [PurePath(story_text.source).stem], max_length=200)[0]
        else:
            previous_artist = story.artist
        artist_record = record.artist
        story.text = story_text.text
        story.sha256 = story_text.sha256
        story.record = record.to_json()
        story.skipped_reason = "" if artist_record else (record.skipped_reason or "no artist in the story")
        if fresh:  # its rows need its key; a stored story is saved once, at the end
            story.save()

        tombstones = policy.Tombstones(None if fresh else story)
        result = ImportResult(story_text.source, CREATED if fresh else UPDATED)
        written = Written()
        artist = None
        if artist_record:
            artist = self._sync_artist(story, artist_record, record, previous_artist, tombstones, result, written)
        if artist is None:
            story.skipped_reason = story.skipped_reason or "its artist was deleted by an editor"
            result.outcome, result.message = SKIPPED, story.skipped_reason
        works = self._sync_works(story, artist, record.works, tombstones, result, written, fresh=fresh)
        self._sync_exhibitions(story, artist, record.exhibitions, works, tombstones, result, written, fresh=fresh)
        _retire_artist(story, previous_artist, keep=artist, result=result)
        story.artist = artist
        story.save(update_fields=["artist", "skipped_reason", "updated_at"] if fresh else None)
        history.record_imported(written.created, written.updated, story=story)
        return result

    # --- artist -------------------------------------------------------------------------

    def _sync_artist(self, story, artist_record, record, previous, tombstones, result, written):
        name = artist_name(artist_record)
        key = artist_key(name)
        artist = None
        if tombstones.prevent("artist", key):
            if previous is None:
                result.left_alone.append(policy.not_recreated_note(f"artist {name!r}"))
                return None
            # An editor merged this story's artist into another: the story stays with that one.
            result.left_alone.append(f"artist {name!r}: merged by an editor into {previous.name!r}")
            artist = previous
        elif previous is not None and (artist_key(previous.name) == key or policy.protects(previous, "name")):
            artist = previous
        if artist is None:
            artist_id = db.existing_artist_id(name)
            artist = Artist.objects.get(pk=artist_id) if artist_id else None
        renamed_own_artist = (
            artist is None
            and previous is not None
            and previous.story_id == story.pk
            and not previous.stories.exclude(pk=story.pk).exists()
        )
        if renamed_own_artist:
            artist = previous  # the new text renamed this story's own artist
        fresh = artist is None
        if fresh:
            artist = Artist(name=name, story=story, import_key=key)
            artist.slug = unique_slugs(Artist, [name], max_length=210)[0]
        elif artist.story_id is None:
            artist.story = story

        other_records = []
        if not fresh:
            other_records = [
                StoryRecord.from_json(other)
                for other in artist.stories.exclude(pk=story.pk).values_list("record", flat=True)
                if other
            ]
        primary = artist.story_id == story.pk
        values = rows.artist_values(self.shared, artist_record, other_records, primary=primary)
        if fresh:
            for name_, value in values.items():
                setattr(artist, name_, value)
            artist.skip_history_when_saving = True
            artist.save()
            written.created.append(artist)
        elif policy.assign(artist, values, result, label=f"artist {artist.name!r}"):
            artist.skip_history_when_saving = True
            artist.save()
            written.updated.append(artist)

        disciplines = rows.union(
            [artist_record.disciplines] + [other.artist.disciplines for other in other_records if other.artist]
        )
        cities = rows.union_cities([record.cities] + [other.cities for other in other_records])
        relinked = link_many(artist, "disciplines", self.shared.discipline_ids(disciplines), result, fresh=fresh)
        relinked |= link_many(artist, "cities", self.shared.city_ids(cities), result, fresh=fresh)
        if relinked and not fresh:
            written.updated.append(artist)
        return artist

    # --- works ------------------------------------------------------------------------------

    def _sync_works(self, story, artist, work_records, tombstones, result, written, *, fresh):
        existing = {}
        if not fresh:
            existing = {work.import_key: work for work in Work.objects.filter(story=story).exclude(import_key="")}
        works, seen, new = {}, set(), []
        for key, values in rows.work_rows(story.text, artist, work_records):
            seen.add(key)
            title = values["title"]
            if tombstones.prevent("work", key):
                result.left_alone.append(policy.not_recreated_note(f"work {title!r}"))
                continue
            work = existing.get(key)
            if work is None:
                work = Work(story=story, import_key=key, **values)
                new.append(work)
            elif policy.assign(work, values, result, label=f"work {work.title!r}"):
                work.skip_history_when_saving = True
                work.save()
                written.updated.append(work)
            works[title_key(title)] = work
        db.bulk_create_with_slugs(Work, new, [work.title for work in new])
        written.created += new
        _remove_unsupported("work", existing, seen, tombstones, result)
        return works

    # --- exhibitions -------------------------------------------------------------------------

    def _sync_exhibitions(self, story, artist, exhibition_records, works, tombstones, result, written, *, fresh):
        telling = shows.Telling(story, artist, exhibition_records, works, tombstones, result)
        return shows.write_shows(self.shared, [telling], fresh=fresh, written=written)


def _retire_artist(story, previous, *, keep, result):
    """Remove the artist a changed story no longer names, unless someone else still needs it."""
    if previous is None or (keep is not None and previous.pk == keep.pk):
        return
    if policy.is_edited(previous):
        result.left_alone.append(policy.kept_note(f"artist {previous.name!r}"))
        return
    if previous.story_id == story.pk and not previous.stories.exclude(pk=story.pk).exists():
        previous.delete()


def _remove_unsupported(record_type, existing, seen, tombstones, result):
    """Delete this story's records the new text no longer names; an editor's stay."""
    for key, row in existing.items():
        if key in seen or tombstones.prevent(record_type, key):
            continue
        if policy.is_edited(row):
            result.left_alone.append(policy.kept_note(f"{record_type} {row.title!r}"))
        else:
            row.delete()


def link_many(record, field_name, ids, result, *, fresh):
    """Make ``record.<field_name>`` exactly ``ids``, unless a person edited that field; True if links changed."""
    if not fresh and policy.protects(record, field_name):
        result.left_alone.append(policy.kept_note(f"{type(record).__name__.lower()} {record}", [field_name]))
        return False
    manager = getattr(record, field_name)
    through = manager.through
    source, target = manager.source_field_name, manager.target_field_name
    wanted = list(dict.fromkeys(ids))
    if fresh:
        through.objects.bulk_create([through(**{f"{source}_id": record.pk, f"{target}_id": pk}) for pk in wanted])
        return bool(wanted)
    current = set(through.objects.filter(**{f"{source}_id": record.pk}).values_list(f"{target}_id", flat=True))
    if current == set(wanted):
        return False
    record.skip_history_when_saving = True
    manager.set(wanted)
    return True
