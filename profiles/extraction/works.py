"""Stage 3c: the artist's titled works and what kind of work each is.

Titles were found in :mod:`.mentions` (quoted or starred stretches that do not
read as speech or a motto).  Here we keep those that belong to the artist and
give each a SCHEMA kind from the nearest cue word: first in the appositive
after the title (", a series of seven felt panels"), then just before it
("his debut album, ..."), then in the rest of the sentence, then in the
sentence before.
"""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import Lexicon
from .mentions import Mentions, Title
from .roles import ARTIST, References
from .text import Story
from .textutil import fold


@dataclass
class Work:
    title: str
    kind: str
    sentence: int
    match: tuple[int, int]
    confidence: float
    source: Title


def _first_cue(lex: Lexicon, text: str, *, nearest_end: bool = False) -> str | None:
    """The kind named by the first cue in ``text`` (or the one ending last)."""
    best = None
    for match in lex.work_kind_regex.finditer(text):
        if not nearest_end:
            return lex.work_kind_of_group[match.lastgroup]
        best = match
    return lex.work_kind_of_group[best.lastgroup] if best else None


def work_kind(story: Story, lex: Lexicon, title: Title) -> tuple[str, float]:
    """(kind, confidence) for a title from the words around it."""
    norm = story.low   # the kind cues have no capitals: match the lowercase copy
    sentence_index = story.sentence_of(title.start)
    sentence = story.sentences[sentence_index]
    after = norm[title.end:sentence.end]
    # The appositive: up to the end of the clause that follows the title.
    appositive = after
    for stop in (";", ". ", " and then ", " but "):
        cut = appositive.find(stop)
        if cut >= 0:
            appositive = appositive[:cut]
    appositive = appositive[:160]
    if appositive.lstrip().startswith(","):
        kind = _first_cue(lex, appositive)
        if kind:
            return kind, 0.9
    before = norm[max(sentence.start, title.start - 120):title.start]
    kind = _first_cue(lex, before, nearest_end=True)
    if kind:
        return kind, 0.85
    kind = _first_cue(lex, appositive)
    if kind:
        return kind, 0.75
    if sentence_index > 0:
        previous = story.sentences[sentence_index - 1]
        kind = _first_cue(lex, norm[previous.start:previous.end], nearest_end=True)
        if kind:
            return kind, 0.6
    return "other", 0.5


def find_works(story: Story, mentions: Mentions, lex: Lexicon, refs: References) -> list[Work]:
    """The artist's titled works, once each, in order of first mention."""
    works: list[Work] = []
    seen: set[str] = set()
    venue_keys = {m.key for m in mentions.venues}
    person_keys = {m.key for m in mentions.persons}
    for title in mentions.titles:
        key = fold(title.text)
        if key in seen or key in venue_keys or key in person_keys:
            continue
        if refs.owner_at(title.start, look_after=False, look_back_sentences=0) != ARTIST:
            continue
        kind, confidence = work_kind(story, lex, title)
        if not title.cued and title.mark == '"':
            confidence -= 0.1
        seen.add(key)
        works.append(Work(title.text, kind, story.sentence_of(title.start),
                          (title.inner_start, title.inner_end), round(max(0.1, confidence), 2), title))
    return works
