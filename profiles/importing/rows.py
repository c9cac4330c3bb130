"""A story record's entries as field values for catalogue rows, the same for new and changed stories."""

from ..models import Artist, Exhibition, Work
from .keys import artist_key, artist_name, exhibition_keys, title_key, work_key


def artist_values(shared, artist_record, other_records=(), *, primary=True):
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
            "confidence": confidence(artist_record),
            "import_key": artist_key(name),
        }
    values["pronoun"] = first_known(artist_record, other_records, "pronoun") or Artist.Pronoun.UNKNOWN
    age = first_known(artist_record, other_records, "age")
    values["age"] = age if isinstance(age, int) and 0 < age <= 150 else None
    birth = shared.city(artist_record.get("birth_city") or first_known(artist_record, other_records, "birth_city"))
    values["birth_city_id"] = birth.id if birth else None
    return values


def work_rows(story_text, artist, work_records):
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
                "description": span_text(story_text, evidence.get("title") or evidence),
                "evidence": field_evidence(evidence, ("title", "kind")),
                "confidence": confidence(entry),
            },
        )


def exhibition_rows(shared, story_text, artist, exhibition_records, works):
    """(import key, field values, works shown) for each exhibition entry of a story about ``artist``.

    ``works``: the story's works by ``title_key``.
    """
    if artist is None:
        return
    entries = [entry for entry in exhibition_records if isinstance(entry, dict)]
    for entry, key in zip(entries, exhibition_keys(entries), strict=True):
        city = shared.city(entry.get("city"))
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
            "description": span_text(story_text, evidence.get("venue") or evidence),
            "evidence": field_evidence(evidence, ("venue", "city", "kind")),
            "confidence": confidence(entry),
        }
        shown = [works[title_key(t)] for t in entry.get("works") or [] if title_key(t) in works]
        yield key, values, shown


def exhibition_slug_text(exhibition, artist):
    """Slugs carry the artist's name: "Group exhibition in Lima" happens to many artists."""
    return f"{exhibition.title} {artist.name}"


def span_text(text, span):
    if not isinstance(span, dict) or not isinstance(span.get("start"), int) or not isinstance(span.get("end"), int):
        return ""
    return text[span["start"] : span["end"]].strip()


def field_evidence(evidence, fields):
    """Evidence as field -> span: the extractor may give one span for the whole entry."""
    if not isinstance(evidence, dict):
        return {}
    if "start" in evidence:
        return dict.fromkeys(fields, evidence)
    return evidence


def confidence(entry):
    try:
        return min(1.0, max(0.0, float(entry.get("confidence", 1.0))))
    except (TypeError, ValueError):
        return 1.0


def first_known(artist_record, other_records, field_name):
    value = artist_record.get(field_name)
    if value is not None:
        return value
    for other in other_records:
        value = (other.get("artist") or {}).get(field_name)
        if value is not None:
            return value
    return None


def union(lists):
    return list(dict.fromkeys(item for items in lists for item in items))


def union_cities(lists):
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
