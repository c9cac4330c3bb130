"""A story record's entries (``profiles.extraction.story_record``) as field values for catalogue rows.

The same for new and changed stories. Records arrive typed: every evidence
span has already been checked against the story's text by ``Evidence.from_json``.
"""

from ..models import Artist, Exhibition, Work
from .keys import artist_key, artist_name, exhibition_keys, is_shared_identity, show_identity, title_key, work_key

SUMMARY_LENGTH = 2000


def artist_values(shared, artist_record, other_records=(), *, primary=True):
    """An artist's fields from its story's ``ArtistRecord``; facts it lacks come from the artist's other stories.

    ``other_records``: the ``StoryRecord`` of each other story about the artist.
    Only the artist's own (primary) story sets the name, summary and provenance.
    """
    values = {}
    if primary:
        name = artist_name(artist_record)
        values = {
            "name": name,
            "summary": (artist_record.summary or "")[:SUMMARY_LENGTH],
            "evidence": artist_record.evidence.to_json() if artist_record.evidence is not None else {},
            "confidence": confidence(artist_record),
            "import_key": artist_key(name),
        }
    others = [other.artist for other in other_records if other.artist is not None]
    values["pronoun"] = first_known(artist_record, others, "pronoun") or Artist.Pronoun.UNKNOWN
    age = first_known(artist_record, others, "age")
    values["age"] = age if isinstance(age, int) and 0 < age <= 150 else None
    birth = shared.city(first_known(artist_record, others, "birth_city"))
    values["birth_city_id"] = birth.id if birth else None
    return values


def work_rows(story_text, artist, work_records):
    """(import key, field values) for each distinct titled ``WorkRecord`` of a story about ``artist``."""
    if artist is None:
        return
    seen = set()
    for entry in work_records:
        title = " ".join(entry.title.split())[:300]
        key = work_key(title)
        if not title or key in seen:
            continue
        seen.add(key)
        yield (
            key,
            {
                "title": title,
                "kind": entry.kind if entry.kind in Work.Kind.values else Work.Kind.OTHER,
                "artist": artist,
                "description": sentence(story_text, entry.evidence),
                "evidence": field_evidence(entry.evidence, ("title", "kind")),
                "confidence": confidence(entry),
            },
        )


def exhibition_rows(shared, story_text, artist, exhibition_records, works):
    """(key, identity, show values, showing values, works shown) for each ``ExhibitionRecord`` of a story.

    ``works``: the story's works by ``title_key``. The show's values describe
    the show (its title names the artist when the show is the artist's own);
    the showing's are this story's reading of it.
    """
    if artist is None:
        return
    for entry, key in zip(exhibition_records, exhibition_keys(exhibition_records), strict=True):
        city = shared.city(entry.city)
        city_name = entry.city.name if city else None
        venue = " ".join((entry.venue or "").split())[:300] or None
        kind = entry.kind if entry.kind in ("solo", "group") else Exhibition.Kind.UNKNOWN
        year = entry.year if entry.year is not None and 0 < entry.year < 10000 else None
        identity = show_identity(key, entry, artist.pk)
        title = getattr(entry, "title", None) or Exhibition.describe(kind=kind, venue=venue, city_name=city_name)
        if not is_shared_identity(identity):
            title = f"{title} of work by {artist.name}"
        evidence = field_evidence(entry.evidence, ("venue", "city", "kind"))
        show = {
            "title": title[:300],
            "venue": venue,
            "city_id": city.id if city else None,
            "kind": kind,
            "year": year,
            "description": sentence(story_text, entry.evidence),
            "evidence": evidence,
            "confidence": confidence(entry),
        }
        showing = {
            "artist": artist,
            "venue": venue,
            "kind": kind,
            "year": year,
            "evidence": evidence,
            "confidence": confidence(entry),
        }
        shown = [works[title_key(t)] for t in entry.works if title_key(t) in works]
        yield key, identity, show, showing, shown


def exhibition_slug_text(exhibition, artist):
    """A show's slug is its title, which names the artist when the show is the artist's own."""
    return exhibition.title


def sentence(text, evidence):
    return evidence.sentence(text).strip() if evidence is not None else ""


def field_evidence(evidence, fields):
    """A row's evidence, field -> span: the record gives one span for the whole entry."""
    if evidence is None:
        return {}
    return dict.fromkeys(fields, evidence.to_json())


def confidence(entry):
    return 1.0 if entry.confidence is None else min(1.0, max(0.0, entry.confidence))


def first_known(artist_record, others, field_name):
    """The field from this story's ``ArtistRecord``, else from the first of ``others`` that knows it."""
    for record in (artist_record, *others):
        value = getattr(record, field_name)
        if value is not None:
            return value
    return None


def union(lists):
    return list(dict.fromkeys(item for items in lists for item in items))


def union_cities(lists):
    """The ``PlaceRef`` of several lists, each (name, country) once."""
    seen, cities = set(), []
    for items in lists:
        for city in items:
            key = (city.name, city.country.upper())
            if key not in seen:
                seen.add(key)
                cities.append(city)
    return cities
