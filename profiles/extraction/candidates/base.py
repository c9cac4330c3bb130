"""The contract every candidate stage keeps, and the helpers and word lists they share.

A stage (:class:`Stage`) takes the analysed story and what earlier stages
found (:class:`Findings`) and returns :class:`Candidate` values.  Here too
are the feature-string helpers every stage uses (the words around a
candidate, its sentence's position, the sentence's trigger words), kept per
process so that each feature string is made once.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from typing import Any, Protocol

from ..data import load
from ..disciplines import DisciplineCue
from ..exhibitions import ExhibitionMention
from ..gazetteer import CityMatch
from ..lexicon import Lexicon
from ..mentions import Mention, Mentions
from ..protagonist import Fact, Protagonist, References
from ..scoring import scorer_fold as _scoring_fold
from ..text import AnalysedStory
from ..works import WorkMention

FIELDS = ("name", "pronoun", "age", "birth_city", "disciplines", "cities", "exhibitions", "works", "artist")
# How each field's candidates become the record's value:
#   keep     every candidate whose probability is at least 0.5 is kept
#   choose   the most probable candidate wins (one of them stands for "none")
#   confirm  the rules' value stays; the model only says how sure it is
DECISIONS = {
    "name": "choose",
    "pronoun": "choose",
    "age": "keep",
    "birth_city": "keep",
    "disciplines": "keep",
    "cities": "keep",
    "exhibitions": "keep",
    "works": "keep",
    "artist": "keep",  # one candidate per record: is the text about its protagonist as an artist?
}

# Word lists more than one field's stages read (each field's module loads its own).
_WORDS = load("candidates")
BIRTH_TRIGGERS = frozenset(_WORDS["birth_triggers"])  # birth cities; a title's line that tells a birth
WORK_NOUNS = frozenset(_WORDS["work_nouns"])
AGENT_SUFFIXES = tuple(_WORDS["agent_suffixes"])
TITLE_ARTICLES = frozenset(_WORDS["title_articles"])
TRADE_NOUNS = frozenset(load("people")["trade_nouns"])
# ("X is a ...": the list of data/works.json; data/people.json's "art_negation" has one of its own, unread)
PREDICATE_VERBS = frozenset(load("works")["predicate_verbs"])
key_fold = lru_cache(maxsize=65536)(_scoring_fold)  # the scorer's folding: candidates' keys are its keys
_QUOTE_WORDS = frozenset(('"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "*", "_"))
_YEAR = re.compile(r"\d{4}")


@dataclass(slots=True)
class Candidate:
    """A possible fact for one field of the record."""

    field: str
    key: Any  # what scoring.py compares (None for "no value")
    value: Any  # what the record holds if it is chosen (a Fact, a Mention, a WorkMention ...)
    features: list[str]
    rule: bool  # the rules alone would record it
    probability: float = 0.0  # filled by the decision model
    group: int = -1  # candidates of one group are alternatives: at most one of them is kept
    kind: str = ""  # what proposed a candidate the rules did not find (its own "add" threshold: learned.decide)


@dataclass(slots=True)
class Findings:
    """What the stages before the decision layer found in one story."""

    mentions: Mentions
    lexicon: Lexicon
    protagonist: Protagonist
    refs: References | None  # None until the protagonist is decided
    people: list[Protagonist] = field(default_factory=list)  # who might be the protagonist, the rules' choice first
    pronoun: Fact[str] | None = None
    discipline_cues: list[DisciplineCue] = field(default_factory=list)
    age: Fact[int] | None = None
    birth_city: Fact[CityMatch | None] | None = None
    works: list[WorkMention] = field(default_factory=list)
    exhibitions: list[ExhibitionMention] = field(default_factory=list)


class Stage(Protocol):
    """A candidate stage: the story and earlier findings in, candidates with features and evidence out."""

    def __call__(self, story: AnalysedStory, found: Findings) -> list[Candidate]: ...


# -- shared features ---------------------------------------------------------------------


class _Spans:
    """Character spans, sorted once, asked in log time whether they overlap or hold a span.

    A scan of every span for every candidate is quadratic: a megabyte that repeats one story
    has thousands of both.
    """

    __slots__ = ("starts", "max_end")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.max_end = list(accumulate((end for _, end in ordered), max))

    def overlaps(self, start: int, stop: int) -> bool:
        """Some span shares a character with [start, stop)."""
        before = bisect_left(self.starts, stop)  # the spans that start before ``stop``
        return before > 0 and self.max_end[before - 1] > start

    def holds(self, start: int, stop: int) -> bool:
        """Some span contains [start, stop)."""
        before = bisect_right(self.starts, start)  # the spans that start at or before ``start``
        return before > 0 and self.max_end[before - 1] >= stop


def _bucket(value: float, edges: tuple[float, ...]) -> int:
    """How many of the (ascending) ``edges`` are at most ``value``: the index of the first one above it."""
    return bisect_right(edges, value)


class _FeatureStrings(dict):
    """``prefix + word`` for each word, made once per process and kept (bounded).

    Candidates of every story ask for the same few thousand window and
    sentence-word features: kept, they are formatted once, and the decision
    model's look-ups find their hashes already computed.
    """

    __slots__ = ("prefix",)

    def __init__(self, prefix: str):
        super().__init__()
        self.prefix = prefix

    def __missing__(self, word: str) -> str:
        if len(self) >= _FEATURE_STRINGS_LIMIT:
            self.clear()
        value = self[word] = self.prefix + word
        return value


class _PairStrings(_FeatureStrings):
    """``prefix + first + "_" + second`` for each pair of words ``(first, second)``."""

    __slots__ = ()

    def __missing__(self, pair: tuple[str, str]) -> str:  # type: ignore[override]
        if len(self) >= _FEATURE_STRINGS_LIMIT:
            self.clear()
        value = self[pair] = f"{self.prefix}{pair[0]}_{pair[1]}"
        return value


_FEATURE_STRINGS_LIMIT = 100_000  # distinct words kept per prefix before starting again
# k -> (left words, right words, left edge, right edge) of the window features L<k> and R<k>.
_WINDOW_SIDES: dict[int, tuple[_FeatureStrings, _FeatureStrings, str, str]] = {}
# size -> the sides of k = 1 .. size, in order (one look-up per window, not one per k).
_WINDOW_SIZES: dict[int, tuple[tuple[_FeatureStrings, _FeatureStrings, str, str], ...]] = {}
_LEFT_PAIRS = _PairStrings("L21=")
_SENTENCE_WORDS: dict[str, _FeatureStrings] = {}


def _window_sides(k: int) -> tuple[_FeatureStrings, _FeatureStrings, str, str]:
    sides = _WINDOW_SIDES.get(k)
    if sides is None:
        sides = _WINDOW_SIDES[k] = (_FeatureStrings(f"L{k}="), _FeatureStrings(f"R{k}="), f"L{k}=<s>", f"R{k}=</s>")
    return sides


def _window(story: AnalysedStory, first: int, end: int, size: int = 3) -> list[str]:
    """The words just before ``first`` and from ``end`` on, within the sentence, as features."""
    lower = story.lower_words
    if not lower:
        return []
    sentence = story.sentences[story.word_sentence[min(first, len(lower) - 1)]]
    lo, hi = sentence.first_word, sentence.end_word
    features = []
    sides = _WINDOW_SIZES.get(size)
    if sides is None:
        sides = _WINDOW_SIZES[size] = tuple(_window_sides(k) for k in range(1, size + 1))
    j, i = first, end - 1  # (moved one word out on each side before each k's features)
    for left, right, left_edge, right_edge in sides:
        j -= 1
        features.append(left[lower[j]] if j >= lo else left_edge)
        i += 1
        features.append(right[lower[i]] if i < hi else right_edge)
    if first - 2 >= lo:
        features.append(_LEFT_PAIRS[lower[first - 2], lower[first - 1]])
    return features


def _position(story: AnalysedStory, sentence: int, refs: References | None) -> list[str]:
    key = ("candidates.position", sentence, refs is not None)
    cached = story.cache.get(key)
    if cached is None:
        count = max(1, len(story.sentences))
        cached = [f"spos={_bucket(sentence / count, (0.01, 0.2, 0.5, 0.8))}"]
        if refs is not None:
            cached.append(f"art_sent={refs.artist_in_sentence(sentence)}")
            cached.append(f"art_named={refs.artist_named_in_sentence(sentence)}")
        story.cache[key] = cached
    return cached


def _sentence_words(story: AnalysedStory, sentence: int, vocabulary: frozenset[str], prefix: str) -> list[str]:
    key = ("candidates.words", sentence, prefix)
    cached = story.cache.get(key)
    if cached is None:
        s = story.sentences[sentence]
        words = story.lower_words[s.first_word : s.end_word]
        strings = _SENTENCE_WORDS.get(prefix)
        if strings is None:
            strings = _SENTENCE_WORDS[prefix] = _FeatureStrings(prefix + "=")
        cached = story.cache[key] = sorted({strings[w] for w in vocabulary.intersection(words)})
    return cached


def _words_of(story: AnalysedStory, start: int, end: int) -> tuple[int, int]:
    first = story.first_word_from(start)
    last = max(first, story.first_word_from(end))
    return first, last


# -- helpers of more than one field ---------------------------------------------------------


def _glued_suffix(story: AnalysedStory, m: Mention) -> str:
    """What a word glues to a place name ("Lagos-born", "Paris-based"): a modifier of another noun."""
    word_end = story.ends[m.end_word - 1]
    if word_end <= m.end or story.norm[m.end : m.end + 1] not in ("-", "\u2010", "\u2011"):
        return ""
    return "hyphen"


def _city_key(city: CityMatch | None) -> tuple[str | None, str] | None:
    return (key_fold(city.name), city.country.upper()) if city else None


def _is_agent(cue: str) -> bool:
    """Does the cue name a practitioner ("painter", "a ceramicist")?"""
    return cue.lower().endswith(AGENT_SUFFIXES)
