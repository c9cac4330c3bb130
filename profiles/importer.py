"""Map story records (see docs/record-format.md) to catalogue records, one transaction per story.

A story's identity is its source name. Re-importing changed text updates that
story's records in place, keyed by ``import_key``; records the new text no
longer supports are removed. Editors win: a field named in ``edited_fields``
is never overwritten, a record with ``"*"`` there is left whole, an edited
record is never removed, and a record an editor deleted (a ``DeletedRecord``)
is never re-created.

Stories new to the catalogue are written many at a time (``import_new_stories``:
one transaction, one multi-row INSERT per table, slugs allocated with one
indexed query per table), because a big import is bound by the number of
statements. Everything else (changed stories, a new story about an artist the
catalogue already has, a batch that failed) goes one story per transaction
through ``import_story``.
"""

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import PurePath

from django.db import IntegrityError, connections, models, router, transaction
from django.db.models import Case, Value, When
from django.urls import get_script_prefix, reverse

from . import caching
from .models import Artist, City, DeletedRecord, Discipline, Exhibition, Story, TaggedItem, Work, unique_slugs

CREATED, UPDATED, UNCHANGED, SKIPPED, FAILED = "created", "updated", "unchanged", "skipped", "failed"
OUTCOMES = (CREATED, UPDATED, UNCHANGED, SKIPPED, FAILED)
KEY_LENGTH = 255
QUOTES = "\"'*_\u201c\u201d\u2018\u2019"


ASCII_SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")
_URL_SLUG_MARK = "slug-mark-0"
_slug_url_parts = {}


def slug_url(viewname, slug):
    """``reverse(viewname, kwargs={"slug": slug})``, with the URLconf walked once per view.

    An import links every city, work and exhibition a story mentions: thousands of reverses.
    """
    if not ASCII_SLUG.match(slug):
        return reverse(viewname, kwargs={"slug": slug})  # reverse() percent-encodes the rest
    key = (viewname, get_script_prefix())
    parts = _slug_url_parts.get(key)
    if parts is None:
        parts = _slug_url_parts[key] = reverse(viewname, kwargs={"slug": _URL_SLUG_MARK}).split(_URL_SLUG_MARK)
    return slug.join(parts)


def fold(text):
    """Case-, accent- and space-insensitive form of a name, for identity."""
    return _fold(text if isinstance(text, str) else str(text or ""))


@functools.lru_cache(maxsize=65536)
def _fold(text):
    # Cached: an import folds the same city, venue and title names again and again.
    text = unicodedata.normalize("NFKD", text).replace("\u2019", "'")
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(text.split()).casefold()


def _bounded(key):
    """Keys longer than the column keep a readable head and a hash of the whole."""
    if len(key) <= KEY_LENGTH:
        return key
    return f"{key[: KEY_LENGTH - 17]}#{hashlib.sha256(key.encode()).hexdigest()[:16]}"


def artist_name(artist_record):
    return " ".join(str(artist_record.get("name") or "").split())[:200]


def artist_key(name):
    return _bounded(fold(name))


def work_key(title):
    return _bounded("work:" + fold(str(title or "").strip().strip(QUOTES)))


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


@dataclass(frozen=True)
class CityRef:
    """What the importer needs of a city: its id for links and its slug for URLs."""

    id: int
    slug: str

    def get_absolute_url(self):
        return slug_url("profiles:city-detail", self.slug)


class StoryImporter:
    """Writes records into the catalogue; keeps a per-run cache of cities and disciplines."""

    def __init__(self):
        self._cities = None
        self._cities_created = []
        self._disciplines = None

    # --- hashes -----------------------------------------------------------------

    @staticmethod
    def database_ready():
        """Touch the stories table: raises a DatabaseError if it cannot be used."""
        Story.objects.exists()

    @staticmethod
    def stored_hashes(sources):
        """{source name: sha256} for the stories already in the catalogue."""
        return dict(Story.objects.filter(source_name__in=list(sources)).values_list("source_name", "sha256"))

    # --- one story ------------------------------------------------------------------

    def import_story(self, story_text, record, *, known_new=False):
        """Import one extracted story whole, or not at all.

        ``known_new``: the caller has just seen that no story has this source name.
        """
        try:
            return self._import_story_atomically(story_text, record, known_new)
        except IntegrityError:
            # Another process created a shared row (a story, a city) meanwhile:
            # try once more against what is there now.
            return self._import_story_atomically(story_text, record, False)

    def import_new_stories(self, pairs):
        """Import stories the catalogue has never seen, many per transaction, with multi-row writes.

        ``pairs``: (StoryText, record) for stories whose source names are not in
        the catalogue. Returns (results, rest): ``rest`` are the pairs this path
        leaves to ``import_story`` because their artist is already in the
        catalogue (or named twice in the batch) and must be shared. The batch is
        written whole or not at all; on any error it is rolled back and the error
        raised, so the caller can import those stories one by one and report the
        one that fails.
        """
        if not pairs:
            return [], []
        self._cities_created = []
        try:
            with transaction.atomic():
                return self._import_new_stories(pairs)
        except BaseException:
            for key in self._cities_created:
                self._cities.pop(key, None)
            raise

    def _import_new_stories(self, pairs):
        batch, rest = self._new_story_batch(pairs)
        if not batch:
            return [], rest
        stems = [PurePath(story_text.source).stem for story_text, _ in batch]
        stories = [
            Story(source_name=story_text.source, slug=slug, text=story_text.text, sha256=story_text.sha256)
            for (story_text, _), slug in zip(batch, unique_slugs(Story, stems, max_length=200), strict=True)
        ]
        for _, record in batch:
            self.register_cities(record)
        artists = [self._new_artist(record.get("artist")) for _, record in batch]
        new_artists = [artist for artist in artists if artist is not None]
        _allocate_slugs(Artist, new_artists, [artist.name for artist in new_artists])
        Artist.objects.bulk_create(new_artists)

        # Every row's slug is allocated before any is written, so that each
        # story's record can be stored with the links to its pages.
        results, works, exhibitions, linked = [], [], [], []
        for story, artist, (story_text, record) in zip(stories, artists, batch, strict=True):
            story.artist = artist
            story_works = {}
            for key, values in _work_rows(story_text.text, artist, record.get("works") or []):
                story_works[title_key(values["title"])] = work = Work(story=story, import_key=key, **values)
                works.append(work)
            story_exhibitions = []
            for key, values, shown in self._exhibition_rows(
                story_text.text, artist, record.get("exhibitions") or [], story_works
            ):
                exhibition = Exhibition(story=story, import_key=key, **values)
                story_exhibitions.append(exhibition)
                exhibitions.append((exhibition, artist, shown))
            linked.append((record, artist, story_works, story_exhibitions))
            if artist is None:
                story.skipped_reason = record.get("skipped_reason") or "no artist in the story"
                results.append(ImportResult(story_text.source, SKIPPED, story.skipped_reason))
            else:
                results.append(ImportResult(story_text.source, CREATED))
        _allocate_slugs(Work, works, [work.title for work in works])
        # Slugs carry the artist's name: "Group exhibition in Lima" happens to many artists.
        _allocate_slugs(Exhibition, [e for e, _, _ in exhibitions], [f"{e.title} {a.name}" for e, a, _ in exhibitions])
        for story, links in zip(stories, linked, strict=True):
            story.record = self._link_mentions(*links)

        bulk_insert(Story, stories)
        if new_artists:  # each new artist's own story, now that the stories have keys
            Artist.objects.filter(pk__in=[artist.pk for artist in new_artists]).update(
                story_id=Case(*(When(pk=story.artist.pk, then=Value(story.pk)) for story in stories if story.artist))
            )
        Work.objects.bulk_create(works)
        Exhibition.objects.bulk_create([exhibition for exhibition, _, _ in exhibitions])
        self._link_new_rows(batch, artists, exhibitions)
        caching.bump()  # bulk writes send no signals
        return results, rest

    def _new_story_batch(self, pairs):
        """Split ``pairs`` into those a batch can create alone and those that must share an artist."""
        batch, rest, sources, names = [], [], set(), {}
        for story_text, record in pairs:
            artist_record = record.get("artist")
            name = artist_name(artist_record) if artist_record else None
            if story_text.source in sources or (name and artist_key(name) in names):
                rest.append((story_text, record))
                continue
            sources.add(story_text.source)
            if name:
                names[artist_key(name)] = name
            batch.append((story_text, record))
        existing = _existing_artist_names(sorted(names.values()))
        if not existing:
            return batch, rest
        alone, shared = [], []
        for pair in batch:
            (shared if artist_name(pair[1].get("artist") or {}) in existing else alone).append(pair)
        return alone, shared + rest

    def _new_artist(self, artist_record):
        if not artist_record:
            return None
        return Artist(**self._artist_values(artist_record))

    def _link_new_rows(self, batch, artists, exhibitions):
        """The many-to-many rows of a batch of new stories: one INSERT per relation."""
        disciplines, cities = Artist.disciplines.through, Artist.cities.through
        exhibited, shown = Exhibition.artists.through, Exhibition.works.through
        discipline_rows, city_rows = [], []
        for artist, (_, record) in zip(artists, batch, strict=True):
            if artist is None:
                continue
            artist_record = record["artist"]
            for discipline_id in dict.fromkeys(self.discipline_ids(artist_record.get("disciplines") or [])):
                discipline_rows.append(disciplines(artist_id=artist.pk, discipline_id=discipline_id))
            city_ids = [ref.id for ref in map(self.city, _union_cities([record.get("cities") or []])) if ref]
            city_rows += [cities(artist_id=artist.pk, city_id=city_id) for city_id in dict.fromkeys(city_ids)]
            self._add_importer_tags(artist, artist_record.get("tags") or [])
        disciplines.objects.bulk_create(discipline_rows)
        cities.objects.bulk_create(city_rows)
        exhibited.objects.bulk_create([exhibited(exhibition_id=e.pk, artist_id=a.pk) for e, a, _ in exhibitions])
        shown.objects.bulk_create(
            [shown(exhibition_id=e.pk, work_id=work.pk) for e, _, works in exhibitions for work in works]
        )

    def _import_story_atomically(self, story_text, record, known_new):
        self._cities_created = []
        try:
            with transaction.atomic():
                return self._import_story(story_text, record, known_new)
        except BaseException:
            # Cities created in the rolled-back transaction no longer exist.
            for key in self._cities_created:
                self._cities.pop(key, None)
            raise

    def _import_story(self, story_text, record, known_new):
        story = None
        if not known_new:
            story = (
                Story.objects.select_for_update(of=("self",))
                .select_related("artist")
                .filter(source_name=story_text.source)
                .first()
            )
        self.register_cities(record)
        fresh = story is None
        previous_artist = None
        if fresh:
            story = Story(source_name=story_text.source)
            story.slug = unique_slugs(Story, [PurePath(story_text.source).stem], max_length=200)[0]
        else:
            previous_artist = story.artist
        artist_record = record.get("artist")
        story.text = story_text.text
        story.sha256 = story_text.sha256
        story.record = {}  # written once, with its links, at the end
        story.skipped_reason = "" if artist_record else (record.get("skipped_reason") or "no artist in the story")
        story.save()

        tombstones = set()
        if not fresh:
            tombstones = set(DeletedRecord.objects.filter(story=story).values_list("record_type", "import_key"))
        result = ImportResult(story_text.source, CREATED if fresh else UPDATED)
        artist = None
        if artist_record:
            artist = self._sync_artist(story, artist_record, record, previous_artist, tombstones, result)
        if artist is None:
            story.skipped_reason = story.skipped_reason or "its artist was deleted by an editor"
            result.outcome, result.message = SKIPPED, story.skipped_reason
        works = self._sync_works(story, artist, record.get("works") or [], tombstones, result, fresh=fresh)
        exhibitions = self._sync_exhibitions(
            story, artist, record.get("exhibitions") or [], works, tombstones, result, fresh=fresh
        )
        self._retire_artist(story, previous_artist, keep=artist, result=result)
        story.artist = artist
        story.record = self._link_mentions(record, artist, works, exhibitions)
        story.save(update_fields=["artist", "record", "skipped_reason", "updated_at"])
        return result

    # --- shared rows ----------------------------------------------------------------

    def city(self, city_record):
        """The shared City for a record's {"name", "country"} (as a CityRef), created on first sight."""
        if not isinstance(city_record, dict) or not city_record.get("name") or not city_record.get("country"):
            return None
        if self._cities is None:
            self._cities = {
                (name, country): CityRef(pk, slug)
                for name, country, pk, slug in City.objects.values_list("name", "country_code", "pk", "slug")
            }
        key = (str(city_record["name"])[:200], str(city_record["country"]).upper()[:2])
        ref = self._cities.get(key)
        if ref is None:
            city = City(
                name=key[0],
                country_code=key[1],
                country_name=str(city_record.get("country_name") or "")[:100],
                latitude=city_record.get("latitude"),
                longitude=city_record.get("longitude"),
                geonames_id=city_record.get("geonames_id"),
            )
            city.skip_history_when_saving = True
            try:
                with transaction.atomic():
                    city.save()
            except IntegrityError:  # created by a concurrent import since the cache was filled
                city = City.objects.get(name=key[0], country_code=key[1])
            ref = self._cities[key] = CityRef(city.pk, city.slug)
            self._cities_created.append(key)
        return ref

    def register_cities(self, record):
        """Create the record's cities from its full entries (coordinates, GeoNames id) before any short reference.

        A birth city or an exhibition's city is only {"name", "country"}: were it
        seen first, the City row would miss its coordinates.
        """
        for city_record in record.get("cities") or []:
            self.city(city_record)

    def discipline_ids(self, names):
        if self._disciplines is None:
            self._disciplines = dict(Discipline.objects.values_list("name", "pk"))
        return [self._disciplines[name] for name in names if name in self._disciplines]

    # --- artist -------------------------------------------------------------------------

    def _sync_artist(self, story, artist_record, record, previous, tombstones, result):
        name = artist_name(artist_record)
        key = artist_key(name)
        artist = None
        if ("artist", key) in tombstones:
            if previous is None:
                result.left_alone.append(f"artist {name!r}: deleted by an editor, not re-created")
                return None
            # An editor merged this story's artist into another: the story stays with that one.
            result.left_alone.append(f"artist {name!r}: merged by an editor into {previous.name!r}")
            artist = previous
        elif previous is not None and (artist_key(previous.name) == key or _protects(previous, "name")):
            artist = previous
        if artist is None:
            artist_id = _existing_artist_id(name)
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
            other_records = [rec for rec in artist.stories.exclude(pk=story.pk).values_list("record", flat=True) if rec]
        primary = artist.story_id == story.pk
        values = self._artist_values(artist_record, other_records, primary=primary)
        if fresh:
            for name_, value in values.items():
                setattr(artist, name_, value)
            artist.skip_history_when_saving = True
            artist.save()
        elif _assign(artist, values, result, label=f"artist {artist.name!r}"):
            artist.skip_history_when_saving = True
            artist.save()

        disciplines = _union(
            [artist_record.get("disciplines") or []]
            + [(other.get("artist") or {}).get("disciplines") or [] for other in other_records]
        )
        cities = _union_cities([record.get("cities") or []] + [other.get("cities") or [] for other in other_records])
        city_ids = [ref.id for ref in map(self.city, cities) if ref is not None]
        self._link(artist, "disciplines", self.discipline_ids(disciplines), result, fresh=fresh)
        self._link(artist, "cities", city_ids, result, fresh=fresh)
        self._add_importer_tags(artist, artist_record.get("tags") or [])
        return artist

    def _artist_values(self, artist_record, other_records=(), *, primary=True):
        """An artist's fields from its story's record; facts the record lacks come from the artist's other stories.

        Only the artist's own (primary) story sets the name, summary and provenance.
        """
        values = {}
        if primary:
            name = artist_name(artist_record)
            values = {
                "name": name,
                "summary": str(artist_record.get("summary") or "")[:2000],
                "evidence": artist_record.get("evidence") or {},
                "confidence": _confidence(artist_record),
                "import_key": artist_key(name),
            }
        values["pronoun"] = _first_known(artist_record, other_records, "pronoun") or Artist.Pronoun.UNKNOWN
        age = _first_known(artist_record, other_records, "age")
        values["age"] = age if isinstance(age, int) and 0 < age <= 150 else None
        birth = self.city(artist_record.get("birth_city") or _first_known(artist_record, other_records, "birth_city"))
        values["birth_city_id"] = birth.id if birth else None
        return values

    def _retire_artist(self, story, previous, *, keep, result):
        """Remove the artist a changed story no longer names, unless someone else still needs it."""
        if previous is None or (keep is not None and previous.pk == keep.pk):
            return
        if previous.is_edited or previous.edited_fields:
            result.left_alone.append(f"artist {previous.name!r}: edited by hand, kept")
            return
        if previous.story_id == story.pk and not previous.stories.exclude(pk=story.pk).exists():
            previous.delete()

    # --- works ------------------------------------------------------------------------------

    def _sync_works(self, story, artist, work_records, tombstones, result, *, fresh):
        existing = {}
        if not fresh:
            existing = {work.import_key: work for work in Work.objects.filter(story=story).exclude(import_key="")}
        works, seen, new = {}, set(), []
        for key, values in _work_rows(story.text, artist, work_records):
            seen.add(key)
            title = values["title"]
            if ("work", key) in tombstones:
                result.left_alone.append(f"work {title!r}: deleted by an editor, not re-created")
                continue
            work = existing.get(key)
            if work is None:
                work = Work(story=story, import_key=key, **values)
                new.append(work)
            elif _assign(work, values, result, label=f"work {work.title!r}"):
                work.skip_history_when_saving = True
                work.save()
            works[title_key(title)] = work
        _bulk_create_with_slugs(Work, new, [work.title for work in new])
        _remove_unsupported("work", existing, seen, tombstones, result)
        return works

    # --- exhibitions -------------------------------------------------------------------------

    def _exhibition_rows(self, story_text, artist, exhibition_records, works):
        """(import key, field values, works shown) for each exhibition entry of a story about ``artist``."""
        if artist is None:
            return
        entries = [entry for entry in exhibition_records if isinstance(entry, dict)]
        for entry, key in zip(entries, exhibition_keys(entries), strict=True):
            city = self.city(entry.get("city"))
            city_name = str((entry.get("city") or {}).get("name") or "") if city else None
            venue = " ".join(str(entry.get("venue") or "").split())[:300] or None
            kind = entry.get("kind") if entry.get("kind") in ("solo", "group") else Exhibition.Kind.UNKNOWN
            title = Exhibition.describe(kind=kind, venue=venue, city_name=city_name)
            if not venue and not city:
                title = f"{title} of work by {artist.name}"
            evidence = entry.get("evidence") or {}
            year = entry.get("year")
            values = {
                "title": title[:300],
                "venue": venue,
                "city_id": city.id if city else None,
                "kind": kind,
                "year": year if isinstance(year, int) and 0 < year < 10000 else None,
                "description": _span_text(story_text, evidence.get("venue") or evidence),
                "evidence": _field_evidence(evidence, ("venue", "city", "kind")),
                "confidence": _confidence(entry),
            }
            shown = [works[title_key(t)] for t in entry.get("works") or [] if title_key(t) in works]
            yield key, values, shown

    def _sync_exhibitions(self, story, artist, exhibition_records, works, tombstones, result, *, fresh):
        existing = {}
        if not fresh:
            existing = {
                exhibition.import_key: exhibition
                for exhibition in Exhibition.objects.filter(story=story).exclude(import_key="")
            }
        seen, new, links, kept = set(), [], [], []
        for key, values, shown in self._exhibition_rows(story.text, artist, exhibition_records, works):
            seen.add(key)
            if ("exhibition", key) in tombstones:
                result.left_alone.append(f"exhibition {values['title']!r}: deleted by an editor, not re-created")
                continue
            exhibition = existing.get(key)
            if exhibition is None:
                exhibition = Exhibition(story=story, import_key=key, **values)
                new.append(exhibition)
                links.append((exhibition, shown))
            else:
                if _assign(exhibition, values, result, label=f"exhibition {exhibition.title!r}"):
                    exhibition.skip_history_when_saving = True
                    exhibition.save()
                self._link(exhibition, "artists", [artist.pk], result, fresh=False)
                self._link(exhibition, "works", [work.pk for work in shown], result, fresh=False)
            kept.append(exhibition)
        # Slugs carry the artist's name: "Group exhibition in Lima" happens to many artists.
        _bulk_create_with_slugs(Exhibition, new, [f"{e.title} {artist.name}" for e in new])
        Exhibition.artists.through.objects.bulk_create(
            [Exhibition.artists.through(exhibition_id=e.pk, artist_id=artist.pk) for e, _ in links]
        )
        Exhibition.works.through.objects.bulk_create(
            [Exhibition.works.through(exhibition_id=e.pk, work_id=w.pk) for e, shown in links for w in shown]
        )
        _remove_unsupported("exhibition", existing, seen, tombstones, result)
        return kept

    # --- many-to-many and tags -------------------------------------------------------------------

    def _link(self, record, field_name, ids, result, *, fresh):
        """Make ``record.<field_name>`` exactly ``ids``, unless a person edited that field."""
        if not fresh and _protects(record, field_name):
            result.left_alone.append(f"{type(record).__name__.lower()} {record}: {field_name} edited by hand, kept")
            return
        manager = getattr(record, field_name)
        through = manager.through
        source, target = manager.source_field_name, manager.target_field_name
        wanted = list(dict.fromkeys(ids))
        if fresh:
            through.objects.bulk_create([through(**{f"{source}_id": record.pk, f"{target}_id": pk}) for pk in wanted])
            return
        current = set(through.objects.filter(**{f"{source}_id": record.pk}).values_list(f"{target}_id", flat=True))
        if current != set(wanted):
            record.skip_history_when_saving = True
            manager.set(wanted)

    def _add_importer_tags(self, record, tags):
        """Tags the extractor proposes are marked as the importer's, never a person's."""
        if _protects(record, "tags"):
            return
        for tag in tags:
            tag = str(tag).strip()[:50]
            if tag and not record.tags.filter(name__iexact=tag).exists():
                record.tags.add(tag, through_defaults={"source": TaggedItem.Source.IMPORTER})

    # --- story page links ----------------------------------------------------------------------

    def _link_mentions(self, record, artist, works, exhibitions):
        """Give each recognised mention the URL of its page, for the story page."""
        mentions = record.get("mentions")
        if not mentions:
            return record
        city_urls = {}
        for city_record in record.get("cities") or []:
            ref = self.city(city_record)
            if ref is None:
                continue
            url = ref.get_absolute_url()
            city_urls[fold(city_record.get("name"))] = url
            match = (city_record.get("evidence") or {}).get("match")
            if isinstance(match, list) and len(match) == 2:
                city_urls[tuple(match)] = url
        venue_urls = {fold(e.venue): e for e in exhibitions if e.venue}
        artist_url = slug_url("profiles:artist-detail", artist.slug) if artist is not None else None
        linked = []
        for mention in mentions:
            mention = dict(mention)
            label, text = mention.get("label"), fold(mention.get("text"))
            url = None
            if label == "ARTIST":
                url = artist_url
            elif label == "CITY":
                url = city_urls.get((mention.get("start"), mention.get("end"))) or city_urls.get(text)
            elif label == "WORK":
                work = works.get(title_key(mention.get("text")))
                url = slug_url("profiles:work-detail", work.slug) if work else None
            elif label == "VENUE":
                exhibition = venue_urls.get(text.removeprefix("the "))
                url = slug_url("profiles:exhibition-detail", exhibition.slug) if exhibition else None
            if url:
                mention["url"] = url
            linked.append(mention)
        return {**record, "mentions": linked}

    # --- dry run ----------------------------------------------------------------------------------

    @staticmethod
    def left_alone_preview(source, record):
        """What a real import of ``record`` would leave alone, read-only (for --dry-run)."""
        story = Story.objects.filter(source_name=source).select_related("artist").first()
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


def _existing_artist_id(name):
    """The oldest artist of that exact name, looked up inside the story's transaction.

    On SQLite the transaction already holds the write lock (IMMEDIATE), so no
    other import can create the same artist between this look-up and the insert.
    On PostgreSQL an advisory lock on the name, held until commit, does the same.
    A plain SQL probe: every imported story makes one.
    """
    connection = connections[router.db_for_write(Artist)]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [_artist_lock_key(name)])
        cursor.execute(
            f"SELECT {quote('id')} FROM {quote(Artist._meta.db_table)} WHERE {quote('name')} = %s "
            f"ORDER BY {quote('id')} LIMIT 1",
            [name],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def _artist_lock_key(name):
    """The PostgreSQL advisory lock every importer takes before it looks up or creates this artist."""
    return f"catalogue.artist:{artist_key(name)}"


def title_key(title):
    """How a work's title is matched between a record's works, exhibitions and mentions."""
    return fold(str(title or "").strip().strip(QUOTES))


def _work_rows(story_text, artist, work_records):
    """(import key, field values) for each distinct titled work of a story about ``artist``."""
    if artist is None:
        return
    seen = set()
    for entry in work_records:
        if not isinstance(entry, dict):
            continue
        title = " ".join(str(entry.get("title") or "").split())[:300]
        key = work_key(title)
        if not title or key in seen:
            continue
        seen.add(key)
        evidence = entry.get("evidence") or {}
        yield (
            key,
            {
                "title": title,
                "kind": entry.get("kind") if entry.get("kind") in Work.Kind.values else Work.Kind.OTHER,
                "artist": artist,
                "description": _span_text(story_text, evidence.get("title") or evidence),
                "evidence": _field_evidence(evidence, ("title", "kind")),
                "confidence": _confidence(entry),
            },
        )


def _existing_artist_names(names):
    """Which of ``names`` the catalogue already has an artist for, checked inside the batch's transaction.

    As in ``_existing_artist_id``: SQLite's IMMEDIATE transaction already holds
    the write lock; on PostgreSQL advisory locks on the names, taken in one
    order by every importer and held until commit, keep another import from
    creating one of these artists before this batch commits.
    """
    if not names:
        return set()
    connection = connections[router.db_for_write(Artist)]
    if connection.vendor == "postgresql":
        keys = sorted({_artist_lock_key(name) for name in names})
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(key)) FROM unnest(%s::text[]) AS key", [keys])
    return set(Artist.objects.filter(name__in=names).values_list("name", flat=True))


def _remove_unsupported(record_type, existing, seen, tombstones, result):
    """Delete this story's records the new text no longer names; an editor's stay."""
    for key, row in existing.items():
        if key in seen or (record_type, key) in tombstones:
            continue
        if row.is_edited or row.edited_fields:
            result.left_alone.append(f"{record_type} {row.title!r}: edited by hand, kept")
        else:
            row.delete()


def _allocate_slugs(model, rows, slug_texts):
    """Free slugs for new rows, with room left for a "-N" suffix."""
    if not rows:
        return
    max_length = model._meta.get_field("slug").max_length - 10
    for row, slug in zip(rows, unique_slugs(model, slug_texts, max_length=max_length), strict=True):
        row.slug = slug


def _bulk_create_with_slugs(model, rows, slug_texts):
    _allocate_slugs(model, rows, slug_texts)
    if rows:
        model.objects.bulk_create(rows)


def bulk_insert(model, rows):
    """``bulk_create`` for rows with large JSON documents (story records): on PostgreSQL, as a VALUES list.

    Django 5.2 inserts many rows on PostgreSQL as one ``UNNEST`` of arrays, and
    psycopg escapes every quote of a JSON document inside an array literal in
    Python: 0.55 ms a story record. A JSON value given as an expression makes
    Django write a ``VALUES`` list instead, 2.5 times faster for story records
    (and slower for rows whose JSON is small, which keep ``bulk_create``).
    """
    if not rows:
        return
    json_fields = [f for f in model._meta.concrete_fields if isinstance(f, models.JSONField)]
    if connections[router.db_for_write(model)].vendor != "postgresql" or not json_fields:
        model.objects.bulk_create(rows)
        return
    plain = [[getattr(row, f.attname) for f in json_fields] for row in rows]
    for row, values in zip(rows, plain, strict=True):
        for json_field, value in zip(json_fields, values, strict=True):
            setattr(row, json_field.attname, Value(value, output_field=json_field))
    try:
        model.objects.bulk_create(rows)
    finally:
        for row, values in zip(rows, plain, strict=True):
            for json_field, value in zip(json_fields, values, strict=True):
                setattr(row, json_field.attname, value)


def _span_text(text, span):
    if not isinstance(span, dict) or not isinstance(span.get("start"), int) or not isinstance(span.get("end"), int):
        return ""
    return text[span["start"] : span["end"]].strip()


def _protects(record, field_name):
    edited = record.edited_fields or []
    return "*" in edited or field_name in edited or field_name.removesuffix("_id") in edited


def _assign(record, values, result, *, label):
    """Set the values a person has not edited; report the rest. True when something changed."""
    changed, kept = False, []
    for name, value in values.items():
        if _protects(record, name):
            if getattr(record, name) != value:
                kept.append(name.removesuffix("_id"))
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
    return list(dict.fromkeys(item for items in lists for item in items))


def _union_cities(lists):
    seen, cities = set(), []
    for items in lists:
        for city in items:
            if not isinstance(city, dict):
                continue
            key = (city.get("name"), str(city.get("country") or "").upper())
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
