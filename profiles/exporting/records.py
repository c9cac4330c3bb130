"""A story's record as the catalogue now holds it (docs/record-format.md).

The stored ``Story.record`` is what the extractor read; editors may since have
changed, added or deleted the artist, works and exhibitions made from it. The
current record starts from the stored one and takes every fact the catalogue's
rows hold from those rows: the artist's fields, each work and each exhibition
(in the order they were created, which is the record's order), and the
details of its cities. A record deleted by an editor is absent; a story whose
artist an editor deleted is a skipped story.

Stories come in chunks with their rows prefetched, so the number of queries
grows with the number of chunks, never with the number of rows.
"""

from django.db.models import Prefetch

from ..extraction.story_record import StoryRecord
from ..importing.policy import protects
from ..models import Artist, City, Showing, Story, Work
from ..vocabulary import DISCIPLINES

RECORD_KEYS = ("source", "artist", "cities", "exhibitions", "works", "mentions", "skipped_reason")
MENTION_KEYS = ("start", "end", "label", "text")
CITY_DETAIL_KEYS = ("country_name", "latitude", "longitude", "geonames_id")
_DISCIPLINE_ORDER = {name: position for position, name in enumerate(DISCIPLINES)}


def stories_for_records(stories=None):
    """``stories`` (every story by default) with what ``current_record`` reads, in a constant number of queries."""
    stories = Story.objects.all() if stories is None else stories
    return stories.select_related("artist", "artist__birth_city").prefetch_related(
        "artist__disciplines",
        Prefetch("works", queryset=Work.objects.order_by("pk").only("pk", *_WORK_FIELDS)),
        Prefetch(
            "showings",
            queryset=Showing.objects.order_by("pk")
            .select_related("exhibition__city")
            .prefetch_related(
                Prefetch("exhibition__works", queryset=Work.objects.order_by("pk").only("pk", "title", "story_id"))
            ),
        ),
    )


_WORK_FIELDS = ("story_id", "slug", "title", "kind", "evidence", "confidence")


def iter_current_records(stories=None, *, chunk_size=500):
    """(story, current record) for ``stories`` in a stable order (source name), ``chunk_size`` stories at a time.

    City details are looked up once per chunk.
    """
    rows = stories_for_records(stories).order_by("source_name", "pk")
    chunk = []
    for story in rows.iterator(chunk_size=chunk_size):
        chunk.append(story)
        if len(chunk) >= chunk_size:
            yield from _with_records(chunk)
            chunk = []
    if chunk:
        yield from _with_records(chunk)


def _with_records(stories):
    cities = city_details(stories)
    for story in stories:
        yield story, current_record(story, cities=cities)


def city_details(stories):
    """{(name, country code): City} for every city the stories' stored records list, in one query."""
    pairs = set()
    for story in stories:
        for entry in (story.record or {}).get("cities") or []:
            if isinstance(entry, dict) and entry.get("name") and entry.get("country"):
                pairs.add((str(entry["name"]), str(entry["country"]).upper()))
    return City.objects.named(pairs)


def current_record(story, *, cities=None):
    """The story record as the catalogue holds it now: the stored record, with the rows' values winning.

    It goes through ``StoryRecord`` as every reader of records does: keys in the
    schema's order, evidence that does not fit the text dropped.
    """
    record = _current_record(story, cities)
    return StoryRecord.from_json(record, text_length=len(story.text)).to_json()


def _current_record(story, cities):
    stored = story.record if isinstance(story.record, dict) else {}
    cities = city_details([story]) if cities is None else cities
    artist = story.artist
    record = {
        "source": story.source_name,
        "artist": artist_entry(artist, story, stored.get("artist")) if artist is not None else None,
        "cities": [city_entry(entry, cities) for entry in stored.get("cities") or [] if isinstance(entry, dict)],
        "exhibitions": [],
        "works": [],
        "mentions": [
            {key: mention[key] for key in MENTION_KEYS if key in mention}
            for mention in stored.get("mentions") or []
            if isinstance(mention, dict)
        ],
        "skipped_reason": None,
    }
    if artist is None:
        record["skipped_reason"] = story.skipped_reason or stored.get("skipped_reason") or "no artist in the story"
        return record
    record["works"] = [work_entry(work) for work in story.works.all()]
    record["exhibitions"] = [exhibition_entry(showing) for showing in story.showings.all()]
    return record


def place(city):
    return {"name": city.name, "country": city.country_code} if city is not None else None


def artist_entry(artist, story, stored):
    """The artist's current fields. Its summary, confidence and evidence belong to its own story:
    another story about the same artist keeps what was read from it."""
    stored = stored if isinstance(stored, dict) else {}
    own_story = artist.story_id == story.pk
    disciplines = sorted(
        (discipline.name for discipline in artist.disciplines.all()),
        key=lambda name: (_DISCIPLINE_ORDER.get(name, len(_DISCIPLINE_ORDER)), name),
    )
    return {
        "name": artist.name,
        "pronoun": None if artist.pronoun == Artist.Pronoun.UNKNOWN else artist.pronoun,
        "age": artist.age,
        "birth_city": place(artist.birth_city),
        "disciplines": disciplines,
        "summary": artist.summary if own_story else stored.get("summary", ""),
        "confidence": artist.confidence if own_story else stored.get("confidence", artist.confidence),
        "evidence": (artist.evidence if own_story else stored.get("evidence")) or {},
    }


def city_entry(entry, cities):
    """A city of the stored record, with the details the catalogue now holds for it."""
    key = (str(entry.get("name")), str(entry.get("country") or "").upper())
    city = cities.get(key)
    if city is None:
        return dict(entry)
    return {
        **entry,
        "name": city.name,
        "country": city.country_code,
        "country_name": city.country_name,
        "latitude": city.latitude,
        "longitude": city.longitude,
        "geonames_id": city.geonames_id,
    }


def entry_span(evidence, field):
    """One evidence span of a row: rows keep one per field, records one per entry."""
    if not isinstance(evidence, dict):
        return {}
    if "start" in evidence:
        return evidence
    return evidence.get(field) or {}


def work_entry(work):
    return {
        "title": work.title,
        "kind": work.kind,
        "evidence": entry_span(work.evidence, "title"),
        "confidence": work.confidence,
    }


def exhibition_entry(showing):
    """A story's telling of a show: its own reading, except where an editor changed the show."""
    show = showing.exhibition

    def current(name):
        return getattr(show, name) if protects(show, name) else getattr(showing, name)

    kind = current("kind")
    entry = {
        "city": place(show.city),
        "venue": current("venue") or None,
        "kind": kind if kind in ("solo", "group") else None,
        "evidence": entry_span(showing.evidence, "venue"),
        "confidence": showing.confidence,
    }
    works = [work.title for work in show.works.all() if work.story_id == showing.story_id]
    if works:
        entry["works"] = works
    year = current("year")
    if year:
        entry["year"] = year
    return entry
