"""Stage 4: assemble the story record (SCHEMA.md) from the stages' findings.

Only this module knows the record's JSON shape.  Every offset it writes
indexes the original text: ``text[evidence["start"]:evidence["end"]]`` is the
sentence a fact came from and ``evidence["match"]`` the words themselves.
"""

from __future__ import annotations

from .exhibitions import Exhibition
from .gazetteer import City
from .mentions import NAME, PERSON, VENUE, Mentions
from .roles import Fact, Protagonist
from .text import Story
from .works import Work

try:  # the catalogue's shared vocabularies (plain Python, no Django)
    from ..vocabulary import DISCIPLINES
except ImportError:  # pragma: no cover - the package used on its own
    DISCIPLINES = (
        "painting",
        "drawing",
        "watercolor",
        "oil painting",
        "digital art",
        "sculpture",
        "ceramics",
        "textile art",
        "photography",
        "printmaking",
        "illustration",
        "calligraphy",
        "installation",
        "light art",
        "performance art",
        "music",
        "film",
        "street art",
        "mixed media",
        "architecture",
        "fashion design",
        "jewelry",
        "poetry",
        "dance",
        "theatre",
    )

RECORD_KEYS = ("source", "artist", "cities", "exhibitions", "works", "mentions", "skipped_reason")


def evidence(story: Story, sentence: int, match: tuple[int, int] | None = None) -> dict:
    if not story.sentences:
        start, end = match if match else (0, 0)
    else:
        sentence = max(0, min(sentence, len(story.sentences) - 1))
        start, end = story.sentence_span(sentence)
        if match and not (start <= match[0] and match[1] <= end):
            # A match that runs past a sentence split (e.g. a title with "A.M."): widen.
            start, end = min(start, match[0]), max(end, match[1])
    result = {"start": start, "end": end}
    if match:
        result["match"] = [match[0], match[1]]
    return result


def city_key(city: City | None) -> dict | None:
    return city.as_key() if city else None


def summary(story: Story, protagonist: Protagonist, *, max_chars: int = 300) -> str:
    """The first sentence that names the artist, cut to ``max_chars``."""
    if not story.sentences:
        return ""
    index = story.word_sentence[protagonist.mentions[0].first_word] if protagonist.mentions else 0
    start, end = story.sentence_span(index)
    text = " ".join(story.text[start:end].split())
    if len(text) <= max_chars:
        return text
    cut = text.rfind(" ", 0, max_chars - 1)
    return text[: cut if cut > 0 else max_chars - 1].rstrip(" ,;:") + "\u2026"


def build_cities(story: Story, mentions: Mentions) -> list[dict]:
    cities: list[dict] = []
    seen: set[int] = set()
    for m in mentions.cities:
        city = m.city
        if city is None or city.geonameid in seen:
            continue
        seen.add(city.geonameid)
        cities.append(
            {
                "name": city.name,
                "country": city.country,
                "country_name": city.country_name,
                "latitude": city.latitude,
                "longitude": city.longitude,
                "geonames_id": city.geonameid,
                "evidence": evidence(story, story.sentence_of(m.start), (m.start, m.end)),
            }
        )
    return cities


def build_mentions(story: Story, mentions: Mentions, protagonist: Protagonist | None, works: list[Work]) -> list[dict]:
    """Every recognised mention, for linking on the story's page (no overlaps)."""
    items: list[tuple[int, int, str]] = []
    artist_ids = {id(m) for m in protagonist.mentions} if protagonist else set()
    for m in mentions.chunks:
        if id(m) in artist_ids:
            items.append((m.start, m.end, "ARTIST"))
        elif m.label == PERSON or m.label == NAME and story.words[m.first_word] in mentions.person_words:
            items.append((m.start, m.end, "PERSON"))
        elif m.label == VENUE:
            items.append((m.start, m.end, "VENUE"))
    for m in mentions.cities:
        items.append((m.start, m.end, "CITY"))
    for w in works:
        items.append((w.match[0], w.match[1], "WORK"))
    # Longest first at each position; drop anything overlapping a kept span.
    items.sort(key=lambda item: (item[0], -(item[1] - item[0])))
    kept: list[dict] = []
    last_end = -1
    for start, end, label in items:
        if start < last_end or end <= start:
            continue
        kept.append({"start": start, "end": end, "label": label, "text": story.text[start:end]})
        last_end = end
    return kept


def build_record(
    source: str,
    story: Story,
    mentions: Mentions | None,
    *,
    protagonist: Protagonist | None = None,
    pronoun: Fact | None = None,
    age: Fact | None = None,
    birth_city: Fact | None = None,
    disciplines: dict[str, Fact] | None = None,
    exhibitions: list[Exhibition] | None = None,
    works: list[Work] | None = None,
    skipped_reason: str | None = None,
    summary_chars: int = 300,
) -> dict:
    disciplines = disciplines or {}
    exhibitions = exhibitions or []
    works = works or []
    record: dict = {
        "source": source,
        "artist": None,
        "cities": [],
        "exhibitions": [],
        "works": [],
        "mentions": [],
        "skipped_reason": None,
    }
    if mentions is None:
        record["skipped_reason"] = skipped_reason or "no artist found: the text is empty"
        return record
    record["cities"] = build_cities(story, mentions)
    if protagonist is None or not disciplines:
        record["skipped_reason"] = skipped_reason or "no artist found"
        record["mentions"] = build_mentions(story, mentions, protagonist, [])
        return record

    ordered = [d for d in DISCIPLINES if d in disciplines] + [d for d in disciplines if d not in DISCIPLINES]
    full = protagonist.first_full
    artist_evidence: dict = {"name": evidence(story, story.sentence_of(full.start), (full.start, full.end))}
    if pronoun:
        artist_evidence["pronoun"] = evidence(story, pronoun.sentence, pronoun.match)
    if age:
        artist_evidence["age"] = evidence(story, age.sentence, age.match)
    if birth_city:
        artist_evidence["birth_city"] = evidence(story, birth_city.sentence, birth_city.match)
    artist_evidence["disciplines"] = {
        d: evidence(story, disciplines[d].sentence, disciplines[d].match) for d in ordered
    }
    confidence = 0.45 + 0.1 * min(3, len(ordered)) + min(0.2, max(0.0, protagonist.margin) / 25)
    record["artist"] = {
        "name": " ".join(protagonist.name.split()),
        "pronoun": pronoun.value if pronoun else None,
        "age": age.value if age else None,
        "birth_city": city_key(birth_city.value) if birth_city else None,
        "disciplines": ordered,
        "summary": summary(story, protagonist, max_chars=summary_chars),
        "confidence": round(min(0.99, confidence), 2),
        "evidence": artist_evidence,
    }
    for ex in exhibitions:
        entry = {
            "city": city_key(ex.city),
            "venue": ex.venue,
            "kind": ex.kind,
            "evidence": evidence(story, ex.sentence, ex.match),
            "confidence": ex.confidence,
        }
        if ex.works:
            entry["works"] = list(ex.works)
        if ex.year:
            entry["year"] = ex.year
        record["exhibitions"].append(entry)
    for w in works:
        record["works"].append(
            {
                "title": w.title,
                "kind": w.kind,
                "evidence": evidence(story, w.sentence, w.match),
                "confidence": w.confidence,
            }
        )
    record["mentions"] = build_mentions(story, mentions, protagonist, works)
    return record
