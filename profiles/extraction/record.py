"""Stage 4: assemble the story record (docs/record-format.md) from the stages' findings.

The record's classes are in story_record.py; this module fills them.  Every
offset indexes the original text: ``evidence.sentence(text)`` is the sentence
a fact came from and ``evidence.matched(text)`` the words themselves.
"""

from __future__ import annotations

from .candidates import Candidate
from .data import load
from .exhibitions import ExhibitionMention
from .gazetteer import CityMatch
from .mentions import Mentions
from .protagonist import Fact, Protagonist
from .story_record import (
    LABEL_ARTIST,
    LABEL_CITY,
    LABEL_NAME,
    LABEL_PERSON,
    LABEL_VENUE,
    LABEL_WORK,
    ArtistEvidence,
    ArtistRecord,
    Evidence,
    ExhibitionRecord,
    MentionLabel,
    MentionRecord,
    PlaceRef,
    StoryRecord,
    WorkRecord,
)
from .text import AnalysedStory
from .works import WorkMention

DISCIPLINES: tuple[str, ...] = tuple(load("vocabulary")["disciplines"])


def evidence(
    story: AnalysedStory, sentence: int, match: tuple[int, int] | None = None, confidence: float | None = None
) -> Evidence:
    sentences = story.sentences
    if not sentences:
        start, end = match if match else (0, 0)
    else:
        s = sentences[max(0, min(sentence, len(sentences) - 1))]
        start, end = s.start, s.end
        if match and not (start <= match[0] and match[1] <= end):
            # A match that runs past a sentence split (e.g. a title with "A.M."): widen.
            start, end = min(start, match[0]), max(end, match[1])
    return Evidence(start, end, (match[0], match[1]) if match else None, confidence)


def place_ref(city: CityMatch | None) -> PlaceRef | None:
    return PlaceRef(city.name, city.country) if city else None


def summary(story: AnalysedStory, protagonist: Protagonist, *, max_chars: int = 300) -> str:
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


def _probability(candidate: Candidate | None) -> float | None:
    return round(candidate.probability, 3) if candidate is not None else None


def build_cities(story: AnalysedStory, mentions: Mentions, decided: list[Candidate] | None = None) -> list[PlaceRef]:
    """The story's cities; with ``decided`` (the learned layer's kept cities), only those, with their confidence."""
    cities: list[PlaceRef] = []
    seen: set[int] = set()
    kept = {id(c.value): c for c in decided} if decided is not None else None
    named = mentions.cities
    if decided is not None:  # (a city only a venue's name names is the learned layer's to add: "Kunsthalle Basel")
        listed = {id(m) for m in mentions.cities}
        added = [c.value for c in decided if id(c.value) not in listed]
        if added:
            named = sorted([*named, *added], key=lambda m: m.start)
    for m in named:
        city = m.city
        if city is None or city.geonameid in seen:
            continue
        candidate = None
        if kept is not None:
            candidate = kept.get(id(m))
            if candidate is None:
                continue
        seen.add(city.geonameid)
        cities.append(
            PlaceRef(
                city.name,
                city.country,
                country_name=city.country_name,
                latitude=city.latitude,
                longitude=city.longitude,
                geonames_id=city.geonameid,
                evidence=evidence(story, story.sentence_of(m.start), (m.start, m.end)),
                confidence=_probability(candidate),
            )
        )
    return cities


def build_mentions(
    story: AnalysedStory, mentions: Mentions, protagonist: Protagonist | None, works: list[WorkMention]
) -> list[MentionRecord]:
    """Every recognised mention, for linking on the story's page (no overlaps)."""
    items: list[tuple[int, int, MentionLabel]] = []
    artist_ids = {id(m) for m in protagonist.mentions} if protagonist else set()
    for m in mentions.chunks:
        if id(m) in artist_ids:
            items.append((m.start, m.end, LABEL_ARTIST))
        elif m.label == LABEL_PERSON or m.label == LABEL_NAME and story.words[m.first_word] in mentions.person_words:
            items.append((m.start, m.end, LABEL_PERSON))
        elif m.label == LABEL_VENUE:
            items.append((m.start, m.end, LABEL_VENUE))
    for m in mentions.cities:
        items.append((m.start, m.end, LABEL_CITY))
    for w in works:
        items.append((w.match[0], w.match[1], LABEL_WORK))
    # Longest first at each position, in the order found among equals; drop anything overlapping a
    # kept span.  (Sorted as (start, -length, order) tuples: no key function called per item.)
    ordered = sorted([(start, start - end, n, end, label) for n, (start, end, label) in enumerate(items)])
    kept: list[MentionRecord] = []
    last_end = -1
    for start, _, _, end, label in ordered:
        if start < last_end or end <= start:
            continue
        kept.append(MentionRecord(start, end, label, story.text[start:end]))
        last_end = end
    return kept


def build_record(
    source: str,
    story: AnalysedStory | None,
    mentions: Mentions | None,
    *,
    protagonist: Protagonist | None = None,
    pronoun: Fact[str] | None = None,
    age: Fact[int] | None = None,
    birth_city: Fact[CityMatch | None] | None = None,
    disciplines: dict[str, Fact[str]] | None = None,
    exhibitions: list[ExhibitionMention] | None = None,
    works: list[WorkMention] | None = None,
    skipped_reason: str | None = None,
    summary_chars: int = 300,
    decided: dict[str, list[Candidate]] | None = None,
    without_disciplines: bool = False,
) -> StoryRecord:
    """The record of one story; without ``mentions`` (no text to analyse) or an artist, a skipped one.

    An artist needs a discipline, unless ``without_disciplines``: the learned layer judged the text to
    be about them as an artist though no art form of theirs was read.
    """
    disciplines = disciplines or {}
    exhibitions = exhibitions or []
    works = works or []
    if story is None or mentions is None:
        return StoryRecord(source, skipped_reason=skipped_reason or "no artist found: the text is empty")
    cities = tuple(build_cities(story, mentions, decided["cities"] if decided and protagonist else None))
    if protagonist is None or skipped_reason is not None or not (disciplines or without_disciplines):
        return StoryRecord(
            source,
            cities=cities,
            mentions=tuple(build_mentions(story, mentions, protagonist, [])),
            skipped_reason=skipped_reason or "no artist found",
        )

    ordered = [d for d in DISCIPLINES if d in disciplines] + [d for d in disciplines if d not in DISCIPLINES]
    full = protagonist.first_full
    sure: dict[str, float | None] = {}
    if decided:
        for field in ("name", "pronoun", "age", "birth_city"):
            sure[field] = _probability(decided[field][0]) if decided.get(field) else None
        for c in decided.get("disciplines", ()):
            sure["d:" + c.value.value] = _probability(c)
        works_sure = {id(c.value): _probability(c) for c in decided.get("works", ())}
        exhibitions_sure = {id(c.value): _probability(c) for c in decided.get("exhibitions", ())}
    artist_evidence = ArtistEvidence(
        name=evidence(story, story.sentence_of(full.start), (full.start, full.end), sure.get("name")),
        pronoun=evidence(story, pronoun.sentence, pronoun.match, sure.get("pronoun")) if pronoun else None,
        age=evidence(story, age.sentence, age.match, sure.get("age")) if age else None,
        birth_city=(
            evidence(story, birth_city.sentence, birth_city.match, sure.get("birth_city")) if birth_city else None
        ),
        disciplines={
            d: evidence(story, disciplines[d].sentence, disciplines[d].match, sure.get("d:" + d)) for d in ordered
        },
    )
    confidence = 0.45 + 0.1 * min(3, len(ordered)) + min(0.2, max(0.0, protagonist.margin) / 25)
    artist = ArtistRecord(
        name=" ".join(protagonist.name.split()),
        pronoun=pronoun.value if pronoun else None,
        age=age.value if age else None,
        birth_city=place_ref(birth_city.value) if birth_city else None,
        disciplines=tuple(ordered),
        summary=summary(story, protagonist, max_chars=summary_chars),
        confidence=round(min(0.99, confidence), 2),
        evidence=artist_evidence,
    )
    return StoryRecord(
        source,
        artist,
        cities,
        exhibitions=tuple(
            ExhibitionRecord(
                place_ref(ex.city),
                ex.venue,
                ex.kind,
                evidence(story, ex.sentence, ex.match),
                exhibitions_sure.get(id(ex), ex.confidence) if decided else ex.confidence,
                works=tuple(ex.works),
                year=ex.year or None,
            )
            for ex in exhibitions
        ),
        works=tuple(
            WorkRecord(
                w.title,
                w.kind,
                evidence(story, w.sentence, w.match),
                works_sure.get(id(w), w.confidence) if decided else w.confidence,
            )
            for w in works
        ),
        mentions=tuple(build_mentions(story, mentions, protagonist, works)),
    )
