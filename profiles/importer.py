"""Map story records (see SCHEMA.md) to catalogue records, one transaction per story.

A story's identity is its source name. Re-importing changed text updates that
story's records in place, keyed by ``import_key``; records the new text no
longer supports are removed. Editors win: a field named in ``edited_fields``
is never overwritten, a record with ``"*"`` there is left whole, an edited
record is never removed, and a record an editor deleted (a ``DeletedRecord``)
is never re-created.
"""

import hashlib
import unicodedata
from dataclasses import dataclass, field

from django.db import transaction

from .models import Artist, City, DeletedRecord, Discipline, Exhibition, Story, TaggedItem, Work

CREATED, UPDATED, UNCHANGED, SKIPPED, FAILED = "created", "updated", "unchanged", "skipped", "failed"
OUTCOMES = (CREATED, UPDATED, UNCHANGED, SKIPPED, FAILED)
KEY_LENGTH = 255


def fold(text):
    """Case-, accent- and space-insensitive form of a name, for identity."""
    text = unicodedata.normalize("NFKD", str(text or "")).replace("\u2019", "'")
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(text.split()).casefold()


def _bounded(key):
    """Keys longer than the column keep a readable head and a hash of the whole."""
    if len(key) <= KEY_LENGTH:
        return key
    return f"{key[: KEY_LENGTH - 17]}#{hashlib.sha256(key.encode()).hexdigest()[:16]}"


def artist_key(name):
    return _bounded(fold(name))


def work_key(title):
    return _bounded("work:" + fold(str(title or "").strip().strip("\"'*_\u201c\u201d\u2018\u2019")))


def exhibition_keys(exhibitions):
    """One key per exhibition entry; repeats of the same (city, venue) are numbered."""
    keys, seen = [], {}
    for entry in exhibitions:
        city = entry.get("city") or {}
        base = f"exhibition:{fold(city.get('name')) or '-'}|{fold(entry.get('venue')) or '-'}"
        seen[base] = seen.get(base, 0) + 1
        keys.append(_bounded(base if seen[base] == 1 else f"{base}#{seen[base]}"))
    return keys


@dataclass
class ImportResult:
    """What happened to one story, for the command's report."""

    source: str
    outcome: str
    message: str = ""
    left_alone: list = field(default_factory=list)


def _span_text(text, span):
    if not isinstance(span, dict) or "start" not in span or "end" not in span:
        return ""
    return text[span["start"] : span["end"]].strip()


class StoryImporter:
    """Writes records into the catalogue; keeps a per-run cache of cities and disciplines."""

    def __init__(self):
        self._cities = {}
        self._disciplines = None

    # --- hashes ---------------------------------------------------------------

    @staticmethod
    def database_ready():
        """Touch the stories table: raises a DatabaseError if it cannot be used."""
        Story.objects.exists()

    @staticmethod
    def stored_hashes(sources):
        """{source name: sha256} for the stories already in the catalogue."""
        return dict(Story.objects.filter(source_name__in=list(sources)).values_list("source_name", "sha256"))

    # --- one story -------------------------------------------------------------

    def import_story(self, story_text, record):
        """Import one extracted story whole, or not at all."""
        with transaction.atomic():
            story = Story.objects.select_for_update().filter(source_name=story_text.source).first()
            created = story is None
            if created:
                story = Story(source_name=story_text.source)
            previous_artist = story.artist if not created else None
            story.text = story_text.text
            story.sha256 = story_text.sha256
            story.record = record
            artist_record = record.get("artist")
            story.skipped_reason = "" if artist_record else (record.get("skipped_reason") or "no artist in the story")
            story.save()

            tombstones = set(DeletedRecord.objects.filter(story=story).values_list("record_type", "import_key"))
            result = ImportResult(story_text.source, CREATED if created else UPDATED)
            artist = None
            if artist_record:
                artist = self._sync_artist(story, artist_record, record, previous_artist, tombstones, result)
            if artist is None:
                if not story.skipped_reason:
                    story.skipped_reason = "its artist was deleted by an editor"
                result.outcome, result.message = SKIPPED, story.skipped_reason
            works = self._sync_works(story, artist, record.get("works") or [], tombstones, result)
            self._sync_exhibitions(story, artist, record.get("exhibitions") or [], works, tombstones, result)
            self._retire_artist(story, previous_artist, keep=artist, result=result)
            story.artist = artist
            story.record = self._link_mentions(record, artist, works)
            story.save(update_fields=["artist", "record", "skipped_reason", "updated_at"])
        return result

    # --- cities ------------------------------------------------------------------

    def city(self, city_record):
        """The shared City row for a record's {"name", "country"}, created on first sight."""
        if not city_record or not city_record.get("name") or not city_record.get("country"):
            return None
        key = (city_record["name"], city_record["country"].upper())
        city = self._cities.get(key)
        if city is None:
            city, _ = City.objects.get_or_create(
                name=key[0],
                country_code=key[1],
                defaults={
                    "country_name": city_record.get("country_name") or "",
                    "latitude": city_record.get("latitude"),
                    "longitude": city_record.get("longitude"),
                    "geonames_id": city_record.get("geonames_id"),
                },
            )
            self._cities[key] = city
        return city

    def discipline(self, name):
        if self._disciplines is None:
            self._disciplines = {discipline.name: discipline for discipline in Discipline.objects.all()}
        return self._disciplines.get(name)

    # --- artist ---------------------------------------------------------------

    def _sync_artist(self, story, artist_record, record, previous, tombstones, result):
        name = " ".join(str(artist_record.get("name") or "").split())
        key = artist_key(name)
        if ("artist", key) in tombstones:
            result.left_alone.append(f"artist {name!r}: deleted by an editor, not re-created")
            return None
        artist = None
        if previous is not None and (artist_key(previous.name) == key or _protects(previous, "name")):
            artist = previous
        if artist is None:
            artist = Artist.objects.filter(name__iexact=name).order_by("pk").first()
        renamed_own_artist = (
            artist is None
            and previous is not None
            and previous.story_id == story.pk
            and not previous.stories.exclude(pk=story.pk).exists()
        )
        if renamed_own_artist:
            artist = previous  # the new text renamed this story's own artist
        if artist is None:
            artist = Artist(name=name, story=story, import_key=key)
        if artist.story_id is None:
            artist.story = story

        other_records = []
        if artist.pk:
            other_records = [
                other for other in artist.stories.exclude(pk=story.pk).values_list("record", flat=True) if other
            ]
        primary = artist.story_id == story.pk
        values = {"name": name} if primary or not artist.pk else {}
        for field_name in ("pronoun", "age"):
            values[field_name] = _first_known(artist_record, other_records, field_name)
        values["pronoun"] = values["pronoun"] or Artist.Pronoun.UNKNOWN
        birth_record = artist_record.get("birth_city") or next(
            (
                (other.get("artist") or {}).get("birth_city")
                for other in other_records
                if (other.get("artist") or {}).get("birth_city")
            ),
            None,
        )
        values["birth_city"] = self.city(birth_record) if birth_record else None
        if primary or not artist.pk:
            values["summary"] = str(artist_record.get("summary") or "")[:2000]
            values["evidence"] = artist_record.get("evidence") or {}
            values["confidence"] = _confidence(artist_record)
            values["import_key"] = key
        changed = _assign(artist, values, result, label=f"artist {artist.name!r}")
        if changed or artist.pk is None:
            artist.skip_history_when_saving = True
            artist.save()

        disciplines = _union(
            [artist_record.get("disciplines") or []]
            + [(other.get("artist") or {}).get("disciplines") or [] for other in other_records]
        )
        discipline_rows = [row for row in map(self.discipline, disciplines) if row is not None]
        city_rows = [
            city
            for city in map(
                self.city, _union_cities([record.get("cities") or []] + [o.get("cities") or [] for o in other_records])
            )
            if city is not None
        ]
        self._set_m2m(artist, "disciplines", discipline_rows, result)
        self._set_m2m(artist, "cities", city_rows, result)
        self._add_importer_tags(artist, artist_record.get("tags") or [])
        return artist

    def _set_m2m(self, record, field_name, rows, result):
        if _protects(record, field_name):
            result.left_alone.append(f"{type(record).__name__.lower()} {record}: {field_name} edited by hand")
            return
        manager = getattr(record, field_name)
        wanted = {row.pk for row in rows}
        current = set(manager.values_list("pk", flat=True))
        if wanted != current:
            record.skip_history_when_saving = True
            manager.set(rows)

    def _add_importer_tags(self, record, tags):
        """Tags the extractor proposes are marked as the importer's, never a person's."""
        for tag in tags:
            tag = str(tag).strip()[:50]
            if tag and not record.tags.filter(name__iexact=tag).exists():
                record.tags.add(tag, through_defaults={"source": TaggedItem.Source.IMPORTER})

    def _retire_artist(self, story, previous, *, keep, result):
        """Remove the artist a changed story no longer names, unless someone else still needs it."""
        if previous is None or (keep is not None and previous.pk == keep.pk):
            return
        if previous.is_edited or previous.edited_fields:
            result.left_alone.append(f"artist {previous.name!r}: edited by hand, kept")
            return
        if previous.story_id == story.pk and not previous.stories.exclude(pk=story.pk).exists():
            previous.delete()

    # --- works ---------------------------------------------------------------------

    def _sync_works(self, story, artist, work_records, tombstones, result):
        existing = {work.import_key: work for work in Work.objects.filter(story=story).exclude(import_key="")}
        works, seen = {}, set()
        for entry in work_records if artist is not None else []:
            title = " ".join(str(entry.get("title") or "").split())[:300]
            key = work_key(title)
            if not title or key in seen:
                continue
            seen.add(key)
            if ("work", key) in tombstones:
                result.left_alone.append(f"work {title!r}: deleted by an editor, not re-created")
                continue
            evidence = entry.get("evidence") or {}
            sentence = _span_text(story.text, evidence.get("title") or evidence)
            kind = entry.get("kind") if entry.get("kind") in Work.Kind.values else "other"
            values = {
                "title": title,
                "kind": kind,
                "artist": artist,
                "description": sentence,
                "evidence": _field_evidence(evidence, ("title", "kind")),
                "confidence": _confidence(entry),
            }
            work = existing.get(key)
            if work is None:
                work = Work(story=story, import_key=key, **values)
                work.skip_history_when_saving = True
                work.save()
            elif _assign(work, values, result, label=f"work {work.title!r}"):
                work.skip_history_when_saving = True
                work.save()
            works[fold(title)] = work
        for key, work in existing.items():
            if key not in seen and ("work", key) not in tombstones:
                if work.is_edited or work.edited_fields:
                    result.left_alone.append(f"work {work.title!r}: edited by hand, kept")
                else:
                    work.delete()
        return works

    # --- exhibitions -------------------------------------------------------------

    def _sync_exhibitions(self, story, artist, exhibition_records, works, tombstones, result):
        existing = {
            exhibition.import_key: exhibition
            for exhibition in Exhibition.objects.filter(story=story).exclude(import_key="")
        }
        entries = exhibition_records if artist is not None else []
        seen = set()
        for entry, key in zip(entries, exhibition_keys(entries), strict=True):
            seen.add(key)
            city = self.city(entry.get("city"))
            venue = " ".join(str(entry.get("venue") or "").split())[:300] or None
            kind = entry.get("kind") if entry.get("kind") in ("solo", "group") else Exhibition.Kind.UNKNOWN
            label = Exhibition.describe(kind=kind, venue=venue, city_name=city.name if city else None)
            if not venue and not city:
                label = f"{label} of work by {artist.name}"
            if ("exhibition", key) in tombstones:
                result.left_alone.append(f"exhibition {label!r}: deleted by an editor, not re-created")
                continue
            evidence = entry.get("evidence") or {}
            year = entry.get("year")
            values = {
                "title": label[:300],
                "venue": venue,
                "city": city,
                "kind": kind,
                "year": year if isinstance(year, int) and 0 < year < 10000 else None,
                "description": _span_text(story.text, evidence.get("venue") or evidence),
                "evidence": _field_evidence(evidence, ("venue", "city", "kind")),
                "confidence": _confidence(entry),
            }
            exhibition = existing.get(key)
            if exhibition is None:
                exhibition = Exhibition(story=story, import_key=key, **values)
                exhibition.skip_history_when_saving = True
                exhibition.save()
            elif _assign(exhibition, values, result, label=f"exhibition {exhibition.title!r}"):
                exhibition.skip_history_when_saving = True
                exhibition.save()
            self._set_m2m(exhibition, "artists", [artist], result)
            shown = [works[fold(title)] for title in entry.get("works") or [] if fold(title) in works]
            self._set_m2m(exhibition, "works", shown, result)
        for key, exhibition in existing.items():
            if key not in seen and ("exhibition", key) not in tombstones:
                if exhibition.is_edited or exhibition.edited_fields:
                    result.left_alone.append(f"exhibition {exhibition.title!r}: edited by hand, kept")
                else:
                    exhibition.delete()

    # --- story page links ------------------------------------------------------------

    def _link_mentions(self, record, artist, works):
        """Give each recognised mention the URL of its page, for the story page."""
        mentions = record.get("mentions")
        if not mentions:
            return record
        city_urls = {}
        for city_record in record.get("cities") or []:
            city = self.city(city_record)
            if city is None:
                continue
            city_urls[fold(city_record.get("name"))] = city.get_absolute_url()
            match = (city_record.get("evidence") or {}).get("match")
            if match and isinstance(match, list) and len(match) == 2:
                city_urls[(match[0], match[1])] = city.get_absolute_url()
        venue_urls = {}
        if artist is not None:
            for exhibition in artist.exhibitions.filter(story__source_name=record.get("source")).exclude(venue=None):
                venue_urls[fold(exhibition.venue)] = exhibition.get_absolute_url()
        linked = []
        for mention in mentions:
            mention = dict(mention)
            label, text = mention.get("label"), fold(mention.get("text"))
            url = None
            if label == "ARTIST" and artist is not None:
                url = artist.get_absolute_url()
            elif label == "CITY":
                url = city_urls.get((mention.get("start"), mention.get("end"))) or city_urls.get(text)
            elif label == "WORK":
                work = works.get(fold(str(mention.get("text") or "").strip("\"'*_\u201c\u201d\u2018\u2019")))
                url = work.get_absolute_url() if work else None
            elif label == "VENUE":
                url = venue_urls.get(text.removeprefix("the "))
            if url:
                mention["url"] = url
            linked.append(mention)
        return {**record, "mentions": linked}

    # --- dry run -----------------------------------------------------------------------

    @staticmethod
    def left_alone_preview(source, record):
        """What a real import of ``record`` would leave alone, read-only (for --dry-run)."""
        story = Story.objects.filter(source_name=source).first()
        if story is None:
            return []
        notes = []
        tombstones = set(DeletedRecord.objects.filter(story=story).values_list("record_type", "import_key"))
        artist_record = record.get("artist") or {}
        if artist_record and ("artist", artist_key(artist_record.get("name"))) in tombstones:
            notes.append(f"artist {artist_record.get('name')!r}: deleted by an editor, not re-created")
        for entry in record.get("works") or []:
            if ("work", work_key(entry.get("title"))) in tombstones:
                notes.append(f"work {entry.get('title')!r}: deleted by an editor, not re-created")
        for key in exhibition_keys(record.get("exhibitions") or []):
            if ("exhibition", key) in tombstones:
                notes.append(f"exhibition {key.removeprefix('exhibition:')!r}: deleted by an editor, not re-created")
        edited = [story.artist] if story.artist else []
        edited += list(Work.objects.filter(story=story)) + list(Exhibition.objects.filter(story=story))
        for row in edited:
            if row.edited_fields or row.is_edited:
                fields = ", ".join(row.edited_fields) if row.edited_fields else "the record"
                notes.append(f"{type(row).__name__.lower()} {str(row)!r}: {fields} edited by hand, kept")
        return notes


def _protects(record, field_name):
    edited = record.edited_fields or []
    return "*" in edited or field_name in edited


def _assign(record, values, result, *, label):
    """Set the values a person has not edited; report the rest. True when something changed."""
    changed, kept = False, []
    for name, value in values.items():
        if record.pk and _protects(record, name):
            if getattr(record, name) != value:
                kept.append(name)
            continue
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed = True
    if kept:
        result.left_alone.append(f"{label}: {', '.join(kept)} edited by hand, kept")
    return changed


def _first_known(artist_record, other_records, field_name):
    value = artist_record.get(field_name)
    if value is not None:
        return value
    for other in other_records:
        value = (other.get("artist") or {}).get(field_name)
        if value is not None:
            return value
    return None


def _union(lists):
    seen = []
    for items in lists:
        for item in items:
            if item not in seen:
                seen.append(item)
    return seen


def _union_cities(lists):
    seen, cities = set(), []
    for items in lists:
        for city in items:
            key = (city.get("name"), (city.get("country") or "").upper())
            if key not in seen:
                seen.add(key)
                cities.append(city)
    return cities


def _confidence(entry):
    try:
        return min(1.0, max(0.0, float(entry.get("confidence", 1.0))))
    except (TypeError, ValueError):
        return 1.0


def _field_evidence(evidence, fields):
    """Evidence as field -> span: the extractor may give one span for the whole entry."""
    if not isinstance(evidence, dict):
        return {}
    if "start" in evidence:
        return dict.fromkeys(fields, evidence)
    return evidence
