"""The learned layer's candidate stages: one contract for every field.

A stage takes the analysed story and what earlier stages found
(:class:`Findings`) and returns :class:`Candidate` values: a possible fact,
the scoring key it would be compared under (scoring.py), its evidence, the
features the decision model (:mod:`.learned`) reads, and whether the rules
themselves would have recorded it.  The rules stay the generators; here they
are loosened (rejected discipline cues, quoted stretches the title rules
dropped, unquoted titles after a work noun, every other capitalised run (and the
same run carried over its small words, or over the lowercase words of a title in
another language), the short lines that head an entry, every
city near a birth phrase, venues and cities of showing sentences the rules left
unpaired, a person the rules would drop next to "nobody") so that the model has
more to choose from than the rules' single answer.

Features are short strings ("L1=born", "rej=owner"); the model keeps a weight
per string.  Word lists are in data/candidates.json (those of titles in data/works.json).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import accumulate
from typing import Any, Protocol

from .data import load
from .disciplines import DisciplineCue
from .exhibitions import ExhibitionMention, numbered_venue
from .gazetteer import CityMatch, default_gazetteer
from .lexicon import Lexicon
from .mentions import Mention, Mentions, Title, clean_title
from .protagonist import (
    ARTIST,
    CURRENT_AGE_STRENGTH,
    Fact,
    Protagonist,
    References,
    _biography_cue,
    _speech_mask,
    age_mentions,
)
from .scoring import scorer_fold as _scoring_fold
from .scoring import title_key as _title_key
from .story_record import MentionLabel
from .text import AnalysedStory, numbering_abbreviations
from .textutil import fold
from .tokenizer import stop_words
from .works import WorkMention, _belongs_to_someone_else, _first_cue, _names_an_exhibition

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

_WORDS = load("candidates")
BIRTH_TRIGGERS = frozenset(_WORDS["birth_triggers"])
BIRTH_BACK_TRIGGERS = frozenset(_WORDS["birth_back_triggers"])
BIRTH_ANAPHORS = frozenset(_WORDS["birth_anaphors"])
BIRTH_AFTER_TRIGGERS = frozenset(_WORDS["birth_after_triggers"])
WORK_NOUNS = frozenset(_WORDS["work_nouns"])
SPEECH_WORDS = frozenset(_WORDS["speech_words"])
TIME_WORDS = frozenset(_WORDS["time_words"])
ORGANISATION_WORDS = frozenset(_WORDS["organisation_words"])
NAMING_FILLERS = frozenset(_WORDS["naming_fillers"])
AGENT_SUFFIXES = tuple(_WORDS["agent_suffixes"])
TITLE_ARTICLES = frozenset(_WORDS["title_articles"])
TITLE_CHUNK_LABELS = frozenset(MentionLabel(label) for label in _WORDS["title_chunk_labels"])
TITLE_VENUE_EVIDENCE = frozenset(_WORDS["title_venue_evidence"])
EXHIBITION_SENTENCE_WORDS = frozenset(load("exhibitions")["candidate_sentence_words"])
LOOSE_SHOWING_WORDS = frozenset(load("exhibitions")["loose_showing_words"])
VENUE_NAME_LINKS = frozenset(load("exhibitions")["venue_name_links"])
VENUE_NAME_CUTS = frozenset(load("exhibitions")["venue_name_cuts"])
TRAVEL_HEADS = frozenset(load("exhibitions")["travel_heads"])
AGE_WORDS = frozenset(load("ages")["context_words"])
_PLACE_WORDS = load("places")
CHILDHOOD_WORDS = frozenset(_PLACE_WORDS["childhood_words"])
FROM_PERSON_WORDS = frozenset(_PLACE_WORDS["from_person_words"])
TRADE_NOUNS = frozenset(load("people")["trade_nouns"])
_ART_NEGATION = load("people")["art_negation"]
ART_NEGATIONS = frozenset(_ART_NEGATION["negations"])
ART_NEGATION_FILLERS = frozenset(_ART_NEGATION["fillers"])
ART_PRACTICE_WORDS = frozenset(_ART_NEGATION["practice_words"])
PREDICATE_VERBS = frozenset(_ART_NEGATION["predicate_verbs"])
TRADE_VERBS = frozenset(_ART_NEGATION["trade_verbs"])
VERB_FILLERS = frozenset(_ART_NEGATION["verb_fillers"])
AGE_EDGES = (15, 20, 30, 50, 70, 90)
_TITLE_WORDS = load("works")
TITLE_LINK_WORDS = frozenset(_TITLE_WORDS["link_words"])
_NUMBERED = numbering_abbreviations()  # "No", "Op": with a full stop and a number they stay inside a title
LINE_HEADINGS = frozenset(_TITLE_WORDS["line_headings"])
TITLE_EXHIBITION_WORDS = frozenset(_TITLE_WORDS["exhibition_words"])
RANKING_WORDS = frozenset(_TITLE_WORDS["ranking_words"])
SAYING_NOUNS = frozenset(_TITLE_WORDS["saying_nouns"])
_ENGLISH_STOP_WORDS = stop_words()
TITLE_NUMBER_WORDS = frozenset(_TITLE_WORDS["number_words"])
PREDICATE_VERBS = frozenset(_TITLE_WORDS["predicate_verbs"])
_SENTENCE_CASE_WORDS = 4  # lowercase words a sentence-case title may carry past its capitalised opening
_SENTENCE_CASE_LABELS = frozenset((MentionLabel.NAME, MentionLabel.PERSON, MentionLabel.WORK))  # not "Chinese media"
key_fold = lru_cache(maxsize=65536)(_scoring_fold)  # the scorer's folding: candidates' keys are its keys
title_key = lru_cache(maxsize=65536)(_title_key)
_LONGEST_VENUE = 300  # characters: a venue mention that starts further back cannot overlap a title
_STOP_PUNCT = frozenset((",", ".", ";", ":", "(", ")", "!", "?", "\u2014", "-", '"'))
_QUOTE_WORDS = frozenset(('"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "*", "_"))


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
    for k in range(1, size + 1):
        left, right, left_edge, right_edge = _WINDOW_SIDES.get(k) or _window_sides(k)
        j = first - k
        features.append(left[lower[j]] if j >= lo else left_edge)
        j = end + k - 1
        features.append(right[lower[j]] if j < hi else right_edge)
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


# -- the stages ---------------------------------------------------------------------------


def name_candidates(story: AnalysedStory, found: Findings) -> list[Candidate]:
    people = found.people or [found.protagonist]
    best = people[0].score
    city_words = {story.lower_words[m.first_word] for m in found.mentions.cities}
    persons = len(found.mentions.persons)
    venue_spans = _Spans((m.start, m.end) for m in found.mentions.venues)
    city_starts = frozenset(m.first_word for m in found.mentions.cities)
    candidates = []
    for rank, p in enumerate(people):
        full = p.first_full
        words = [w.lower() for w in p.name.split()]
        sentence = story.word_sentence[full.first_word]
        features = [f"rank={rank}", f"margin={_bucket(p.margin, (-10, -3, 0, 1, 3, 6, 10, 20))}"]
        features.append(f"score={_bucket(p.score, (5, 10, 20, 40))}")
        features.append(f"gap={_bucket(best - p.score, (0.5, 2, 5, 10))}")
        features.append(f"nment={_bucket(len(p.mentions), (2, 3, 5, 8))}")
        features.append(f"npers={_bucket(persons, (2, 4, 8, 16))}")
        features.append(f"nwords={min(4, len(words))}")
        features.append(f"sent={_bucket(sentence, (1, 2, 4, 8))}")
        features.append(f"first_is_name={full.first_word == 0}")
        features.append(f"org_last={words[-1] in ORGANISATION_WORDS}")
        features.append(f"org_any={any(w in ORGANISATION_WORDS for w in words)}")
        features.append(f"city_word={any(w in city_words for w in words)}")
        features.append(f"upper={p.name.isupper()}")
        features.append(f"hyphen={'-' in p.name}")
        features += _window(story, full.first_word, full.end_word, 2)
        features += _position(story, sentence, None)
        features.append(f"once_late={p.named_once_late}")
        features.append(f"alone={_word_alone(story, p.name.split())}")
        features.append(f"role_before={_role_before(story, found.lexicon, full.first_word)}")
        features += _person_shape(story, found, p, words)
        features += _name_evidence(story, found, p, words, venue_spans)
        features += _place_or_person(story, found, p, city_starts)
        candidates.append(Candidate("name", " ".join(p.name.split()), p, features, rank == 0 and not p.named_once_late))
    # How each one's person evidence compares with the others' (the model scores each name alone).
    evidence = [_person_evidence(c.features) for c in candidates]
    for c, value in zip(candidates, evidence, strict=True):
        others = [v for v in evidence if v is not value]
        c.features.append(f"ev={_bucket(value, (0, 2, 4, 6))}")
        c.features.append(f"ev_rank={min(2, sum(v > value for v in evidence))}")
        c.features.append(f"ev_lead={_bucket(value - max(others), (-4, -2, 0, 1, 3)) if others else 'alone'}")
    if people[0].named_once_late:  # the rules find nobody: "none" is their answer
        none_features = [
            "c=None",
            f"npers={_bucket(persons, (2, 4, 8, 16))}",
            f"best_score={_bucket(best, (5, 10, 20))}",
        ]
        candidates.append(Candidate("name", None, None, none_features, True))
    return candidates


_PERSON_EVIDENCE = {
    "art_noun=True": 2,
    "bio=True": 2,
    "appos=artist": 2,
    "nsingle=1": 1,
    "nsingle=2": 2,
    "nsingle=3": 3,
    "pron_next=1": 1,
    "pron_next=2": 2,
    "pron_next=3": 2,
    "possessive=True": 1,
    "article_first=True": -2,
    "in_venue=1": -2,
    "in_venue=2": -2,
    "quoted=1": -1,
    "quoted=2": -2,
    "work_before=1": -1,
    "work_before=2": -2,
    "common_all=True": -1,
}


def _person_evidence(features: list[str]) -> int:
    """A rough count of the signs that a name is a person's, for comparing the candidates."""
    return sum(_PERSON_EVIDENCE.get(f, 0) for f in features)


def _word_alone(story: AnalysedStory, words: list[str]) -> str:
    """Which end of a name the text also uses alone: a person is called by surname ("Kowalczyk-Ahmadi
    studied") or given name ("Jide was born"), a title or a venue ("Typhoon Ledger") by its whole name."""
    if len(words) < 2:
        return "one"
    first, last = _word_count(story, words[0]), _word_count(story, words[-1])
    return "last" if last > first else "first" if first > last else "none"


def _word_count(story: AnalysedStory, word: str) -> int:
    """How often ``word`` occurs (case kept): a few words are asked per story, so each is counted alone."""
    counts = story.cache.get("candidates.word_counts")
    if counts is None:
        counts = story.cache["candidates.word_counts"] = {}
    count = counts.get(word)
    if count is None:
        count = counts[word] = story.words.count(word)
    return count


def _person_shape(story: AnalysedStory, found: Findings, p: Protagonist, words: list[str]) -> list[str]:
    """Does the name behave as a person's or as a title's, a venue's, a programme's?

    A person is the subject of sentences, is followed by pronouns, gets an
    appositive ("X, a painter") and a biography; a title ("Black Water", "Tide
    Tables") sits in quotes or after a work noun and is made of words the text
    also uses in lower case.
    """
    lex = found.lexicon
    lower = story.lower_words
    content = [w for w in words if w not in lex.name_particles]
    # (A word the text also uses in lower case: the word itself is lowercase and among its words.)
    vocabulary = story.lowercase_vocabulary
    common = sum(1 for w in content if w.islower() and w in vocabulary)
    titles = found.mentions.titles
    title_spans = _Spans((t.start, t.end) for t in titles)
    quoted = sum(1 for m in p.mentions if title_spans.holds(m.start, m.end))
    work_before = sum(1 for m in p.mentions if m.first_word > 0 and lower[m.first_word - 1] in WORK_NOUNS)
    subject = pronoun_next = possessive = 0
    sentences = story.sentences
    for m in p.mentions:
        k = story.word_sentence[m.first_word]
        if m.first_word <= sentences[k].first_word + 1:
            subject += 1
        opener = sentences[k + 1].first_word if k + 1 < len(sentences) else len(lower)
        if opener < len(lower) and lex.pronoun_of.get(lower[opener]) in ("he", "she", "they"):
            pronoun_next += 1
        if m.end_word < len(lower) and lower[m.end_word] in ("'s", "’s"):
            possessive += 1
    bio = any(_biography_cue(story, lex, m) for m in p.mentions[:3])
    return [
        f"common={min(2, common)}",
        f"common_all={bool(content) and common == len(content)}",
        f"quoted={_bucket(quoted, (1, 2))}",
        f"work_before={_bucket(work_before, (1, 2))}",
        f"subject={_bucket(subject, (1, 2, 4))}",
        f"pron_next={_bucket(pronoun_next, (1, 2, 4))}",
        f"possessive={possessive > 0}",
        f"bio={bio}",
        f"appos={_appositive(story, lex, p.first_full.end_word)}",
    ]


def _name_evidence(
    story: AnalysedStory, found: Findings, p: Protagonist, words: list[str], venue_spans: _Spans
) -> list[str]:
    """What tells a person's name from a venue's, a work's or a nickname's that the rules ranked first.

    A text that opens on a venue, an institution or a work repeats that name
    as often as its artist's; but only a person is introduced by an art noun
    ("the Oulu-born photographer X"), called by a surname alone, spread over
    many sentences, and has a name that no article opens ("El Flaco", "Les Chats").
    """
    lower = story.lower_words
    lex = found.lexicon
    art_noun = False
    for m in p.mentions:
        k = m.first_word - 1
        if k >= 0 and lower[k] == ",":
            k -= 1
        if k >= 0 and lower[k] in lex.artist_self_nouns:
            art_noun = True
            break
    full = {id(m) for m in p.mentions if m.end_word - m.first_word > 1}
    singles = len(p.mentions) - len(full)
    sentences = {story.word_sentence[m.first_word] for m in p.mentions}
    in_venue = sum(1 for m in p.mentions if venue_spans.overlaps(m.start, m.end))
    first_word = p.name.split()[0] if p.name.split() else ""
    return [
        f"art_noun={art_noun}",
        f"nsingle={_bucket(singles, (1, 2, 4))}",
        f"nsents={_bucket(len(sentences), (2, 3, 5, 8))}",
        f"in_venue={_bucket(in_venue, (1, 2))}",
        f"article_first={first_word in TITLE_ARTICLES}",
        f"caps={len(words) > 1 and p.name.upper() in story.text}",
    ]


_LOCATIVES = frozenset(("at", "in", "inside", "outside", "near", "from", "on"))


def _place_or_person(story: AnalysedStory, found: Findings, p: Protagonist, city_starts: frozenset[int]) -> list[str]:
    """Does the text speak of the name as of a place or of a person?

    A residency note or a newsletter heads with its venue ("Künstlerhaus Bethanien, Berlin, welcomes",
    "shown at De Pont"): a city follows it after a comma and "at" or "in" comes before it. Of its
    resident it says what they are ("Lautaro is a sculptor from Rosario").
    """
    lower = story.lower_words
    size = len(lower)
    art_nouns = found.lexicon.artist_self_nouns
    city_after = located = said_artist = 0
    for m in p.mentions:
        j = m.end_word
        if j + 1 < size and lower[j] == "," and j + 1 in city_starts:
            city_after += 1
        if m.first_word > 0 and lower[m.first_word - 1] in _LOCATIVES:
            located += 1
        if (
            j + 1 < size
            and lower[j] in PREDICATE_VERBS
            and lower[j + 1] in ("a", "an")
            and any(w in art_nouns for w in lower[j + 2 : min(j + 5, size)])
        ):
            said_artist += 1
    return [
        f"city_after={_bucket(city_after, (1, 2))}",
        f"located={_bucket(located, (1, 2))}",
        f"said_artist={said_artist > 0}",
    ]


def _role_before(story: AnalysedStory, lex: Lexicon, first: int) -> str:
    """What the noun just before a name says of them ("the designer, X", "her teacher X", "the chef X")."""
    lower = story.lower_words
    k = first - 1
    if k >= 0 and lower[k] == ",":
        k -= 1
    word = lower[k] if k >= 0 else ""
    if word in lex.artist_self_nouns:
        return "artist"
    if word in lex.other_person_nouns:
        return "relation"
    if word in lex.non_art_professions:
        return "trade"
    return ""


def _leading_pronouns(story: AnalysedStory, found: Findings) -> dict[str, int]:
    """How many sentences of the narration each pronoun opens.

    A biography's subject opens its sentences; a plural "they" (the parents,
    the dancers) is more often inside them. Counting "they" anywhere cannot
    tell an artist called "they" from a story about a crowd. A quoted
    sentence is speech ("They are meant to be remembered"): not counted.
    """
    lower = story.lower_words
    pronoun_of = found.lexicon.pronoun_of
    lead = {"he": 0, "she": 0, "they": 0}
    for s in story.sentences:
        if s.first_word < s.end_word:
            family = pronoun_of.get(lower[s.first_word])
            if family in lead:
                lead[family] += 1
    return lead


def _own_pronouns(story: AnalysedStory, found: Findings) -> dict[str, tuple[int, int]]:
    """Per pronoun, its uses outside speech whose nearest person named before is the artist, and the others.

    An interview or a review names its artist once and gives them a pronoun once or twice ("We met
    in her studio"); the rest is speech. One such use says more than many after a teacher's name.
    """
    lower = story.lower_words
    pronoun_of = found.lexicon.pronoun_of
    p = found.protagonist
    artist_ids = {id(m) for m in p.mentions}
    people = [
        (m.first_word, id(m) in artist_ids or lower[m.first_word] in p.words)
        for m in found.mentions.chunks
        if m.label in (MentionLabel.PERSON, MentionLabel.NAME)
    ]
    people.sort()
    starts = [w for w, _ in people]
    in_quote = _speech_mask(story, found.mentions)
    own = {"he": [0, 0], "she": [0, 0], "they": [0, 0]}
    for index in found.lexicon.scan_anchors(story).get("pronoun", ()):
        family = pronoun_of.get(lower[index])
        if family not in own or in_quote[index]:
            continue
        k = bisect_left(starts, index)
        own[family][0 if k and people[k - 1][1] else 1] += 1
    return {family: (mine, theirs) for family, (mine, theirs) in own.items()}


def artist_candidates(story: AnalysedStory, found: Findings) -> list[Candidate]:
    """Whether the text is about its protagonist as an artist: one candidate, dropped when unlikely.

    A text about a market, a framer or a collector names artists in passing,
    with their works and shows, so a discipline cue of somebody's is no proof.
    What tells is how the protagonist is spoken of: how much of the text is
    theirs (the sentences they open, the share they are in), the role nouns
    and trades next to their name, whether the discipline cues are theirs or
    were given to others, and what they are credited with (works, showings).
    """
    p = found.protagonist
    refs = found.refs
    lower = story.lower_words
    lex = found.lexicon
    count = max(1, len(story.sentences))
    features = ["c=artist", f"once_late={p.named_once_late}"]
    features.append(f"margin={_bucket(p.margin, (-3, 0, 1, 3, 6, 10, 20))}")
    features.append(f"score={_bucket(p.score, (5, 10, 20, 40))}")
    features.append(f"nment={_bucket(len(p.mentions), (2, 3, 5, 8, 12))}")
    features.append(f"npers={_bucket(len(found.mentions.persons), (2, 4, 8, 16))}")
    features.append(f"first_sent={_bucket(story.word_sentence[p.first_full.first_word], (1, 2, 4))}")
    features.append(_first_person(story))
    roles = {_role_before(story, lex, m.first_word) for m in p.mentions} - {""}
    features += [f"role={r}" for r in sorted(roles)] or ["role=none"]
    # "The owner, X", "the framer X": a trade noun just before the name (some are also relatives' roles).
    trade_before = any(
        w in TRADE_NOUNS for m in p.mentions for w in lower[max(0, m.first_word - 3) : m.first_word] if w != ","
    )
    features.append(f"trade_before={trade_before}")
    features.append(f"appos={_appositive(story, lex, p.first_full.end_word)}")
    # A life told from its start ("X was born in", "X, now 45,"): the text is theirs, not a passing mention.
    features.append(f"bio={any(_biography_cue(story, lex, m) for m in p.mentions[:3])}")
    opened = inside = trades = arts = 0
    possessive = lex.possessive_determiners
    # "My name is Haruka Mori and I make bowls": the narrator is the protagonist, their sentences say "I".
    narrator = any(tuple(lower[max(0, m.first_word - 2) : m.first_word]) in _SELF_NAMING for m in p.mentions)
    features.append(f"narrator={narrator}")
    as_nouns: set[str] = set()
    if refs is not None:
        for k, sentence in enumerate(story.sentences):
            own = [r.word for r in refs.per_sentence[k] if r.kind == ARTIST]
            if narrator:
                own += [j for j in range(sentence.first_word, sentence.end_word) if lower[j] in _FIRST_PERSON][:1]
            if not own:
                continue
            inside += 1
            if min(own) <= sentence.first_word + 1:
                opened += 1
            words = lower[sentence.first_word : sentence.end_word]
            # ("her teacher", "his dealer": someone else's trade)
            trades += sum(
                1 for j, w in enumerate(words) if w in TRADE_NOUNS and (j == 0 or words[j - 1] not in possessive)
            )
            arts += sum(1 for w in words if w in lex.artist_self_nouns)
            for j in range(len(words) - 2):
                if words[j] == "as" and words[j + 1] in ("a", "an"):  # "trained as a cabinetmaker"
                    noun = words[j + 2]
                    kind = "artist" if noun in lex.artist_self_nouns else "trade" if noun in TRADE_NOUNS else "other"
                    as_nouns.add(f"as_noun={kind}")
    features += _art_denied_or_named(story, found)
    features.append(f"in_share={_bucket(inside / count, (0.2, 0.35, 0.5, 0.7))}")
    features.append(f"opened={_bucket(opened, (1, 2, 4, 7))}")
    features.append(f"open_share={_bucket(opened / count, (0.1, 0.2, 0.35, 0.5))}")
    features.append(f"trades={_bucket(trades, (1, 2, 4))}")
    features.append(f"arts={_bucket(arts, (1, 2, 4))}")
    features.append(f"trades_all={_bucket(sum(1 for w in lower if w in TRADE_NOUNS), (1, 3, 6))}")
    features += sorted(as_nouns)
    # A name said once or twice, in few sentences: an artist named in passing, whatever the words around it.
    presence = f"{_bucket(len(p.mentions), (2, 3, 5))}_{_bucket(inside / count, (0.2, 0.4))}"
    features.append(f"presence={presence}")
    accepted = {c.name for c in found.discipline_cues if c.rejected_by is None}
    rejected = {c.rejected_by for c in found.discipline_cues if c.rejected_by is not None}
    agent = any(c.rejected_by is None and _is_agent(story.norm[c.start : c.end]) for c in found.discipline_cues)
    features.append(f"ndisc={_bucket(len(accepted), (1, 2, 3))}")
    features.append(f"agent={agent}")
    features.append(f"agent={agent}&presence={presence}")
    features.append(f"ndisc={_bucket(len(accepted), (1, 2))}&presence={presence}")
    features.append(f"nrejd={_bucket(len(found.discipline_cues) - len(accepted), (1, 3, 6))}")
    features += [f"drej={r}" for r in sorted(rejected)]
    features.append(f"works={_bucket(len(found.works), (1, 2, 4))}")
    features.append(f"shows={_bucket(len(found.exhibitions), (1, 2, 4))}")
    features.append(f"pron={found.pronoun.value if found.pronoun else None}")
    features.append(f"age={found.age is not None}")
    features.append(f"birth={found.birth_city is not None and found.birth_city.value is not None}")
    return [Candidate("artist", True, None, features, True)]


def _art_denied_or_named(story: AnalysedStory, found: Findings) -> list[str]:
    """What the protagonist's own sentences say they are and do: "has never painted anything", "is not
    a painter", "she is a framer", "he became a potter", "she frames anything", "he has collected".

    A collector, a framer or a guard is told by what they do not make and what they are, more than
    by the art words around them, which are other people's.
    """
    refs = found.refs
    if refs is None:
        return []
    lower = story.lower_words
    lex = found.lexicon
    art_nouns = lex.artist_self_nouns
    denied = dealt = 0
    said: set[str] = set()
    for k, sentence in enumerate(story.sentences):
        if not any(r.kind == ARTIST for r in refs.per_sentence[k]):
            continue
        for r in refs.per_sentence[k]:
            if r.kind != ARTIST or r.object_pronoun:
                continue
            n = r.end_word if r.end_word > 0 else r.word + 1
            while n < sentence.end_word and lower[n] in VERB_FILLERS:
                n += 1
            if n < sentence.end_word and lower[n] in TRADE_VERBS:
                dealt += 1
        for j in range(sentence.first_word, sentence.end_word):
            word = lower[j]
            if word in ART_NEGATIONS:
                for n in range(j + 1, min(j + 5, sentence.end_word)):
                    if lower[n] in ART_PRACTICE_WORDS or lower[n] in art_nouns:
                        denied += 1
                        break
                    if lower[n] not in ART_NEGATION_FILLERS:
                        break
            elif word in PREDICATE_VERBS and j + 1 < sentence.end_word and lower[j + 1] in ("a", "an"):
                subject = [r for r in refs.per_sentence[k] if r.word < j]
                if not subject or subject[-1].kind != ARTIST or j - subject[-1].word > 4:
                    continue
                for n in range(j + 2, min(j + 5, sentence.end_word)):
                    noun = lower[n]
                    if noun in art_nouns:
                        said.add("artist")
                        break
                    if noun in TRADE_NOUNS:
                        said.add("trade")
                        break
    kinds = sorted(said) or ["none"]
    features = [f"denied={_bucket(denied, (1, 2))}", f"dealt={_bucket(dealt, (1, 2, 4))}"]
    return features + [f"is_a={kind}" for kind in kinds]


_SELF_NAMING = frozenset({("name", "is"), ("i", "am"), ("i", "'m"), ("i", "’m"), ("called", "me")})
_FIRST_PERSON = frozenset({"i", "my", "me", "myself"})


def _appositive(story: AnalysedStory, lex: Lexicon, end: int) -> str:
    """What the words right after the protagonist's full name call them ("X, a framer", "X, 62, the chef")."""
    lower = story.lower_words
    if end >= len(lower) or lower[end] != ",":
        return "none"
    stop = story.sentences[story.word_sentence[end]].end_word
    for k in range(end + 1, min(end + 8, stop)):
        word = lower[k]
        if word in lex.artist_self_nouns:
            return "artist"
        if word in TRADE_NOUNS:
            return "trade"
        if word in (",", "who", "whose", "and", "is", "was", "has"):
            break
    return "other"


def pronoun_candidates(story: AnalysedStory, found: Findings) -> list[Candidate]:
    lex = found.lexicon
    counts = {"he": 0, "she": 0, "they": 0}
    hits: dict[str, int] = {}
    for index in lex.scan_anchors(story).get("pronoun", ()):
        family = lex.pronoun_of[story.lower_words[index]]
        if family in counts:
            counts[family] += 1
            hits.setdefault(family, index)
    lower = story.lower_words
    first_person = lower.count("i") + lower.count("my") + lower.count("me")
    # "You are eight years old, in your grandmother's kitchen": a story told to its artist names no pronoun.
    second_person = _bucket(lower.count("you") + lower.count("your"), (1, 3, 8))
    total = sum(counts.values())
    lead = _leading_pronouns(story, found)
    own = _own_pronouns(story, found)
    rule = found.pronoun.value if found.pronoun else None
    strength = found.pronoun.strength if found.pronoun else 0.0
    common = [f"rule={rule}", f"fp={_bucket(first_person, (1, 3, 8))}", f"tot={_bucket(total, (1, 3, 6, 12))}"]
    common.append(f"strength={_bucket(strength, (0.2, 0.5, 0.99))}")
    candidates = []
    for value in ("he", "she", "they", None):
        features = [f"c={value}", f"c={value}&rule={rule}", f"is_rule={value == rule}"] + common
        features.append(f"c={value}&fp={_bucket(first_person, (1, 3, 8))}")
        features.append(f"c={value}&sp={second_person}")
        if value is not None:
            share = counts[value] / total if total else 0.0
            features.append(f"c={value}&n={_bucket(counts[value], (1, 2, 4, 8))}")
            features.append(f"c={value}&share={_bucket(share, (0.2, 0.5, 0.8, 0.99))}")
            features.append(f"share={_bucket(share, (0.2, 0.5, 0.8, 0.99))}")
            features.append(f"c={value}&lead={_bucket(lead[value], (1, 2, 4))}")
            mine, theirs = own[value]
            features.append(f"c={value}&own={_bucket(mine, (1, 2, 4))}")
            features.append(f"c={value}&own={_bucket(mine, (1, 2, 4))}&theirs={_bucket(theirs, (1, 3))}")
            if value == rule and found.pronoun is not None:
                fact: Fact[str] | None = found.pronoun
            elif value in hits:
                index = hits[value]
                fact = Fact(value, story.word_sentence[index], (story.starts[index], story.ends[index]))
            else:
                continue
        else:
            fact = None
        candidates.append(Candidate("pronoun", value, fact, features, value == rule))
    return candidates


_OTHERS_GATES = ("=other", "=owner")  # the age patterns' verdicts that give a number to somebody else


def age_candidates(story: AnalysedStory, found: Findings) -> list[Candidate]:
    """Every number that could be the artist's age: alternatives, the likeliest kept if likely enough.

    The patterns' verdicts are features next to the words around the number
    and the sentence's tense words, so that a current age the patterns miss
    ("He was 88.", "I am forty-three now.") can beat an early past one
    ("aged 24, she founded").
    """
    refs = found.refs
    rule = found.age
    mentions = age_mentions(story, found.lexicon, refs) if refs is not None else []
    lower = story.lower_words
    first_person = _first_person(story)
    count = f"nnum={_bucket(len(mentions), (2, 3, 5, 8))}"
    name_words = found.protagonist.words
    candidates = []
    last = len(mentions) - 1
    # An age at an event counts only when no current age is stated, and then the latest (largest) one.
    current_stated = any(m.passes and m.fact.strength >= CURRENT_AGE_STRENGTH for m in mentions)
    passing = [m.fact.value for m in mentions if m.passes]
    largest = max(passing) if passing else None
    # When no age passes the patterns' gates, the latest event still names the largest number; not
    # a number the patterns gave to somebody else ("her student is a 19-year-old").
    # (one pass, not a list searched per mention: a story may hold thousands of numbers)
    own = [m for m in mentions if not (m.hits and all(h.endswith(_OTHERS_GATES) for h in m.hits))]
    matched = [m.fact.value for m in own if m.hits]
    largest_matched = max(matched) if matched else None
    largest_any = max((m.fact.value for m in own), default=None)
    for n, mention in enumerate(mentions):
        fact, k = mention.fact, mention.word
        is_rule = rule is not None and fact.match == rule.match
        word = lower[k]
        form = "yearold" if "-year" in word else ("digit" if word[:1].isdigit() else "word")
        features = [f"is_rule={is_rule}", f"rule_none={rule is None}", f"val={_bucket(fact.value, AGE_EDGES)}"]
        features += [f"form={form}", f"passes={mention.passes}", count, first_person, f"last={n == last}"]
        features += [f"current_stated={current_stated}", f"largest={fact.value == largest}"]
        features.append(f"current_stated={current_stated}_largest={fact.value == largest}_passes={mention.passes}")
        features.append(f"largest_matched={fact.value == largest_matched}_{bool(mention.hits)}_{largest is None}")
        features.append(f"largest_any={fact.value == largest_any}")
        features += mention.hits or ["p=none"]
        features += [f"owner={refs.owner_at(story.starts[k]) if refs else None}"]
        window = _window(story, k, k + 1)
        features += window
        features.append(f"LR={window[0][3:]}_{window[1][3:]}")  # "Name, 52, lives", "is 45 now", "was 88."
        features.append(f"name_before={any(w in name_words for w in lower[max(0, k - 3) : k])}")
        features += _position(story, fact.sentence, refs)
        features += _sentence_words(story, fact.sentence, AGE_WORDS, "aw")
        if fact.sentence > 0:  # "... died on Tuesday. He was 88."
            features += _sentence_words(story, fact.sentence - 1, AGE_WORDS, "awp")
        candidates.append(Candidate("age", fact.value, fact, features, is_rule, group=0))
    return candidates


def _first_person(story: AnalysedStory) -> str:
    cached = story.cache.get("candidates.first_person")
    if cached is None:
        lower = story.lower_words
        count = lower.count("i") + lower.count("my") + lower.count("me")
        cached = story.cache["candidates.first_person"] = f"fp={_bucket(count, (1, 3, 8))}"
    return cached


def _glued_suffix(story: AnalysedStory, m: Mention) -> str:
    """What a word glues to a place name ("Lagos-born", "Paris-based"): a modifier of another noun."""
    word_end = story.ends[m.end_word - 1]
    if word_end <= m.end or story.norm[m.end : m.end + 1] not in ("-", "\u2010", "\u2011"):
        return ""
    return "hyphen"


def _glued_birth_word(story: AnalysedStory, m: Mention) -> set[str]:
    """The birth word glued after the place ("Maputo-born"): a cue as near as "born in Maputo"."""
    if not _glued_suffix(story, m):
        return set()
    word = story.norm[m.end + 1 : story.ends[m.end_word - 1]].lower()
    return {word} if word in BIRTH_TRIGGERS else set()


def _city_key(city: CityMatch | None) -> tuple[str | None, str] | None:
    return (key_fold(city.name), city.country.upper()) if city else None


def _birth_back_references(story: AnalysedStory, cities: list[Mention]) -> dict[int, list[str]]:
    """Birth words that name no city after them, by the city named last before them.

    "Valparaiso climbs its hills ... she was born halfway up one of them",
    "He grew up there", "a native of the port": the birth city is named in an
    earlier clause or sentence, which the cues around a city never see.
    """
    lower = story.lower_words
    starts = [m.first_word for m in cities]
    found: dict[int, list[str]] = {}
    for s in story.sentences:
        words = lower[s.first_word : s.end_word]
        if BIRTH_BACK_TRIGGERS.isdisjoint(words):
            continue
        for k in range(s.first_word, s.end_word):
            word = lower[k]
            if word not in BIRTH_BACK_TRIGGERS:
                continue
            after_k = bisect_right(starts, k)
            if after_k < len(starts) and starts[after_k] < s.end_word:
                break  # "born in Lagos": the cues around the city see it
            n = after_k - 1
            after = lower[k + 1 : k + 5]
            anaphor = next((w for w in after if w in BIRTH_ANAPHORS), "none")
            # An anaphor ("born there", "in this city") may point further back than the sentences just before.
            reach = story.sentences[max(0, story.word_sentence[k] - (2 if anaphor == "none" else 8))].first_word
            if n < 0 or cities[n].first_word < reach:
                break
            found.setdefault(n, []).extend((f"back={word}", f"back_ana={anaphor}"))
            break
    return found


def _a_date(story: AnalysedStory, lex: Lexicon, m: Mention) -> bool:
    """ "born in March 1975", "in May 12": a month before a number is a date, whatever the gazetteer lists."""
    k = m.end_word
    return (
        m.end_word - m.first_word == 1
        and story.words[m.first_word] in lex.non_name_words
        and k < len(story.words)
        and story.words[k][:1].isdigit()
    )


def _glued_to(story: AnalysedStory, found: Findings, m: Mention) -> str:
    """Whom a glued place ("Lagos-born") describes: the artist when their name or an art noun follows."""
    lower = story.lower_words
    stop = story.sentences[story.word_sentence[m.first_word]].end_word
    after = lower[m.end_word : min(stop, m.end_word + 6)]
    if any(w in found.protagonist.words for w in after):
        return "artist"
    if any(w in found.lexicon.artist_self_nouns for w in after[:4]):
        return "artist_noun"
    return "other"


def _demoted_birth_places(story: AnalysedStory, found: Findings) -> list[Mention]:
    """Single words the mention rules did not believe were cities, right after a birth word.

    "born in Dresden", "(born 1983, Luanda)", "his native Gdańsk": a word also used
    as a name elsewhere, or without the place evidence the city rules ask for,
    is still the likely birthplace; it becomes a candidate, marked as such.
    """
    lower = story.lower_words
    non_names = found.lexicon.non_name_words
    name_words = found.protagonist.words
    places = []
    back_sentences: set[int] | None = None
    # (and names of two or three words the rules left unlabelled: "The first is Mazar-e Sharif, where she
    # was born")
    others = [
        m
        for m in found.mentions.chunks
        if m.label == MentionLabel.OTHER and 1 < m.end_word - m.first_word <= 3 and m.candidates
    ]
    for m in sorted([*found.mentions.names, *others], key=lambda m: m.first_word):
        if not m.candidates or story.words[m.first_word] in non_names:
            continue  # ("born in March")
        if m.end_word - m.first_word != 1 and m.label != MentionLabel.OTHER:
            continue
        before = lower[max(0, m.first_word - 3) : m.first_word]
        if BIRTH_TRIGGERS.isdisjoint(before):
            # "Baghdad, where Yusuf Al-Amiri was born, ...", "Tromso, January: ... born in that Arctic
            # city": a birth phrase after the name, in its sentence or the next two, may point back at it.
            if lower[m.first_word] in name_words:
                continue
            if back_sentences is None:
                back_sentences = {story.word_sentence[k] for k, w in enumerate(lower) if w in BIRTH_BACK_TRIGGERS}
            sentence = story.word_sentence[m.first_word]
            later = sentence + 1 in back_sentences or sentence + 2 in back_sentences
            if not later and (
                sentence not in back_sentences
                or BIRTH_BACK_TRIGGERS.isdisjoint(lower[m.end_word : story.sentences[sentence].end_word])
            ):
                continue
        # An alias is a weaker reading than a primary name, but the only one of an English spelling
        # ("her hometown of Mysore", "born in Heraklion"): the gazetteer kept it as a likely spelling.
        readings = [c for c in m.candidates if not c.via_alias] or list(m.candidates)
        places.append(replace(m, city=max(readings, key=lambda c: c.city.population).city))
    return places


def _from_person(story: AnalysedStory, found: Findings, mentions: list[Mention]) -> str:
    """Whose origin "from X" gives: the artist's ("a weaver from Ayacucho", "Aino from Tampere", "who comes
    from Chengdu"), somebody's, or nobody's ("back from Paris", "a loan from Berlin")."""
    lower = story.lower_words
    lex = found.lexicon
    kind = "none"
    for m in mentions:
        k = m.first_word - 1
        if k < 1 or lower[k] != "from":
            continue
        before = lower[k - 1]
        if before in found.protagonist.words or before in lex.artist_self_nouns or before.endswith("-old"):
            return "artist"
        if before in FROM_PERSON_WORDS or before in ("who", "is", "was", "are", "were"):
            kind = "person"
        elif kind == "none":
            kind = "other"
    return kind


def _childhood_sentence(story: AnalysedStory, m: Mention) -> bool:
    """The city's sentence is about someone's early years ("since she was a girl in ... Naples")."""
    s = story.sentences[story.word_sentence[m.first_word]]
    return not CHILDHOOD_WORDS.isdisjoint(story.lower_words[s.first_word : s.end_word])


def _country_marks(story: AnalysedStory, found: Findings) -> dict[int, list[tuple[int, str]]]:
    """By sentence, (word, country code) of every country and region the story names ("Perth, in Scotland")."""
    marks = story.cache.get("candidates.country_marks")
    if marks is None:
        gaz = default_gazetteer()
        marks = {}
        for m in found.mentions.chunks:
            if m.label == MentionLabel.COUNTRY:
                code = gaz.country_code(m.text)
            elif m.label == MentionLabel.REGION:
                code = gaz.region_countries.get(m.key)
            else:  # (not a demonym: "sings in Spanish" names no country)
                continue
            if code:
                marks.setdefault(story.word_sentence[m.first_word], []).append((m.first_word, code))
        story.cache["candidates.country_marks"] = marks
    return marks


def _born_in_a_country(story: AnalysedStory, found: Findings, m: Mention) -> bool:
    """A birth word of the city's sentence names a country before it ("born in Chile and later moved to Hamburg")."""
    sentence = story.word_sentence[m.first_word]
    lower = story.lower_words
    for word, _ in _country_marks(story, found).get(sentence, ()):
        if word < m.first_word and any(w in BIRTH_TRIGGERS for w in lower[max(0, word - 3) : word]):
            return True
    return False


def _country_distance(story: AnalysedStory, found: Findings, mentions: list[Mention], country: str) -> int:
    """How many words from one of the city's mentions its sentence names ``country`` (99: not at all)."""
    marks = _country_marks(story, found)
    best = 99
    for m in mentions:
        for word, code in marks.get(story.word_sentence[m.first_word], ()):
            if code == country:
                best = min(best, abs(word - m.first_word))
    return best


_NAMESAKE_REACH = 12  # words between a city and the country named beside it


def _namesake_near(
    story: AnalysedStory, found: Findings, mentions: list[Mention], m: Mention, by_key: dict[Any, list[Mention]]
) -> CityMatch | None:
    """A namesake of the city in a country named nearer to its mentions than the reading's own country."""
    if m.city is None or len(m.candidates) < 2:
        return None
    own = _country_distance(story, found, mentions, m.city.country)
    best: CityMatch | None = None
    best_distance = min(own, _NAMESAKE_REACH + 1)
    for c in m.candidates:
        city = c.city
        if c.via_alias or city.country == m.city.country:
            continue
        distance = _country_distance(story, found, mentions, city.country)
        if distance < best_distance:
            best, best_distance = city, distance
    return best


def _next_start(starts: list[int], first: int) -> int:
    k = bisect_right(starts, first)
    return starts[k] if k < len(starts) else 1 << 30


def _born_next(story: AnalysedStory, found: Findings, cities: list[Mention]) -> set[Any]:
    """The cities named first after a birth note word in its sentence ("born into a family of griots in
    Kayes, and grew up in Bamako"): the birth city, where the cues of later places only tell of a childhood."""
    lower = story.lower_words
    notes = found.lexicon.birth_note_words
    starts = [m.first_word for m in cities]
    keys = set()
    for k, word in enumerate(lower):
        if word not in notes:
            continue
        n = bisect_right(starts, k)
        sentence = story.word_sentence[k]
        if n >= len(cities) or cities[n].first_word >= story.sentences[sentence].end_word:
            continue
        # ("born in Chile and later moved to Hamburg": the country is the birthplace the story gives)
        if not any(k < w < cities[n].first_word for w, _ in _country_marks(story, found).get(sentence, ())):
            keys.add(_city_key(cities[n].city))
    return keys


_AFTER_REACH = 8  # words after a city in which a birth word may still be about it


def _birth_words_after(story: AnalysedStory, m: Mention, next_city: int) -> list[str]:
    """Birth words after the city, before the next city or the sentence's end ("a Samarkand native",
    "Shiraz, where the director was born"): the clause tells of the city named before it."""
    lower = story.lower_words
    stop = min(story.sentences[story.word_sentence[m.first_word]].end_word, next_city, m.end_word + _AFTER_REACH)
    words = lower[m.end_word : stop]
    found = [w for w in words if w in BIRTH_AFTER_TRIGGERS]
    if not found:
        return []
    where = "where" in words[: words.index(found[0])]
    return [f"ta={w}" for w in sorted(set(found))] + [
        f"ta_where={where}",
        f"ta_next={words[0] in BIRTH_AFTER_TRIGGERS}",
    ]


def birth_city_candidates(story: AnalysedStory, found: Findings) -> list[Candidate]:
    """Every city of the story may be the birth city: alternatives, the likeliest kept if likely enough.

    Besides the birth words around it, the shapes of a catalogue's birth note
    are features: a year right after the city ("b. 1984, Lagos", "(Londrina,
    1985)"), a parenthesis or the artist's name just before it.
    """
    rule = found.birth_city.value if found.birth_city else None
    rule_key = _city_key(rule)
    lower = story.lower_words
    name_words = found.protagonist.words
    cities = [m for m in found.mentions.cities if m.city is not None and not _a_date(story, found.lexicon, m)]
    demoted = _demoted_birth_places(story, found)
    if demoted:
        cities = sorted(cities + demoted, key=lambda m: m.first_word)
    demoted_ids = {id(m) for m in demoted}
    by_key: dict[Any, list[Mention]] = {}
    for m in cities:
        by_key.setdefault(_city_key(m.city), []).append(m)
    candidates: list[Candidate] = []
    strengths: list[tuple[bool, bool, bool]] = []
    first_key = _city_key(cities[0].city) if cities else None
    back = _birth_back_references(story, cities)
    back_of: dict[Any, list[str]] = {}
    for n, features in back.items():
        back_of.setdefault(_city_key(cities[n].city), []).extend(features)
    city_starts = [m.first_word for m in cities]
    city_ends = [m.end_word for m in cities]
    for order, (key, mentions) in enumerate(by_key.items()):
        cues = []
        for m in mentions:
            sentence = story.word_sentence[m.first_word]
            s = story.sentences[sentence]
            # A birth word before another city is that city's ("born in Tlemcen and studied in Algiers").
            previous = bisect_left(city_starts, m.first_word) - 1
            since = city_ends[previous] if previous >= 0 else 0
            before = lower[max(s.first_word, m.first_word - 6, since) : m.first_word]
            near = sorted({w for w in before if w in BIRTH_TRIGGERS} | _glued_birth_word(story, m))
            in_sentence = _sentence_words(story, sentence, BIRTH_TRIGGERS, "ts")
            cues.append((bool(near), bool(in_sentence), -m.first_word, m, sentence, near, in_sentence))
        _, _, _, m, sentence, near, in_sentence = max(cues, key=lambda c: c[:3])
        glued = ""
        if key != rule_key and _glued_suffix(story, m):
            # "a Lagos-born nurse": the place describes the noun it is glued to, which may be the artist
            # ("Lagos-born performer X", "the Tehran-born video artist X").
            glued = _glued_to(story, found, m)
            if glued == "other":
                continue
        backward = back_of.get(key, ())
        after_words = sorted(
            {f for x in mentions for f in _birth_words_after(story, x, _next_start(city_starts, x.first_word))}
        )
        features = [f"tb={w}" for w in near] + in_sentence + (after_words or ["ta=none"])
        features.append(f"glued={glued or 'none'}")
        features.append(f"demoted={id(m) in demoted_ids}")
        features.append(f"cue={'near' if near else 'sentence' if in_sentence else 'back' if backward else 'none'}")
        features += [f"is_rule={key == rule_key}", f"rule_none={rule is None}", f"first_city={key == first_key}"]
        features += [f"order={min(order, 3)}", f"nmen={_bucket(len(mentions), (2, 3, 5))}"]
        features += sorted(set(backward)) or ["back=none"]
        after = lower[m.end_word : m.end_word + 2]
        features.append(
            f"year_after={len(after) == 2 and after[0] == ',' and after[1].isdigit() and len(after[1]) == 4}"
        )
        earlier = lower[max(0, m.first_word - 4) : m.first_word]
        features.append(f"paren_before={'(' in earlier}")
        features.append(f"name_before={any(w in name_words for w in earlier)}")
        features.append(f"from_person={_from_person(story, found, mentions)}")
        features.append(f"childhood={any(_childhood_sentence(story, x) for x in mentions)}")
        features.append(f"born_in_country={_born_in_a_country(story, found, m)}")
        features += _window(story, m.first_word, m.end_word)
        features += _position(story, sentence, found.refs)
        if key == rule_key and found.birth_city is not None:
            fact = found.birth_city
        else:
            fact = Fact(m.city, sentence, (m.start, m.end))
        # "Perth, in Scotland", "the National Gallery of Jamaica in Kingston": a namesake in the country
        # named beside the city is the one meant, whichever is larger.
        namesake = _namesake_near(story, found, mentions, m, by_key)
        if namesake is not None:
            key = _city_key(namesake)
            if key in by_key:
                continue  # (another mention reads it so: that city is a candidate of its own)
            if found.birth_city is not None and _city_key(found.birth_city.value) == _city_key(m.city):
                fact = replace(found.birth_city, value=namesake)
            else:
                fact = Fact(namesake, sentence, (m.start, m.end))
        features.append(f"namesake={namesake is not None}")
        rule_here = key == rule_key or (namesake is not None and _city_key(m.city) == rule_key)
        candidates.append(Candidate("birth_city", key, fact, features, rule_here, group=0))
        strengths.append((bool(near), bool(in_sentence) or "year_after=True" in features, bool(backward)))
    born_next = _born_next(story, found, cities)
    for c, strength in zip(candidates, strengths, strict=True):
        c.features.append(f"cue_rank={sum(other > strength for other in strengths)}")
        c.features.append(f"cue_ties={sum(other == strength for other in strengths) - 1 > 0}")
        c.features += [f"born_next={c.key in born_next}", f"born_elsewhere={any(k != c.key for k in born_next)}"]
    return candidates


DISCIPLINE_PAST_WORDS = frozenset(load("disciplines")["past_words"])
DISCIPLINE_TOPIC_WORDS = {name: frozenset(words) for name, words in load("disciplines")["topic_words"].items()}


def _topic(story: AnalysedStory, name: str) -> int:
    """How often the story uses the words of the practice's world (data/disciplines.json "topic_words"):
    a story about a performance speaks of its audience and hours, one that names it in passing does not."""
    words = DISCIPLINE_TOPIC_WORDS.get(name)
    if not words:
        return -1
    counts = story.cache.get("candidates.lower_counts")
    if counts is None:  # (counted once per story, not once per practice)
        counts = story.cache["candidates.lower_counts"] = Counter(story.lower_words)
    return _bucket(sum(counts[w] for w in words if w in counts), (1, 3, 6, 10))


def _weak_context(story: AnalysedStory, name: str, cues: list[DisciplineCue]) -> list[str]:
    """The words either side of a weak cue the attribution rules took ("installations of light and glass",
    "a performance in which"): what makes a material or an act the artist's practice differs by practice."""
    lower = story.lower_words
    features = set()
    for c in cues:
        if c.rejected_by != "weak":
            continue
        first, end = _words_of(story, c.start, c.end)
        before = lower[first - 1] if first > 0 else "^"
        after = lower[end] if end < len(lower) else "$"
        features.add(f"wL={name}|{before}")
        features.add(f"wR={name}|{after}")
    return sorted(features)


def _artist_does(story: AnalysedStory, refs: References | None, start: int) -> bool:
    """'she paints', 'Kamau weaves', 'they also sculpt': the artist is named just before the cue."""
    if refs is None or not story.words:
        return False
    first = story.first_word_from(start)
    sentence = story.word_sentence[min(first, len(story.words) - 1)]
    lower = story.lower_words
    for r in refs.per_sentence[sentence]:
        if r.kind == ARTIST and first - 4 <= r.word < first:
            end = r.end_word if r.end_word > 0 else r.word + 1
            return "," not in lower[end:first]
    return False


_CLAUSE_MARKS = frozenset((";", ":", "—", "–"))
_OBJECT_PREPOSITIONS = frozenset(("of", "from", "with", "for", "by", "to", "under", "at", "like", "as"))


def _cue_subject(story: AnalysedStory, refs: References | None, start: int, lex: Lexicon | None = None) -> str:
    """Who the cue's clause is about, when the nearest person before it is not the artist: "her
    teacher X ... She carves", "fabric from her grandmother's dresses": the artist is the subject and
    the other person only an object or an owner of something."""
    if refs is None or not story.words:
        return "none"
    first = story.first_word_from(start)
    sentence = story.word_sentence[min(first, len(story.words) - 1)]
    lo = story.sentences[sentence].first_word
    lower = story.lower_words
    clause = lo
    for k in range(first - 1, lo - 1, -1):
        if lower[k] in _CLAUSE_MARKS:
            clause = k + 1
            break
    before = [r for r in refs.per_sentence[sentence] if r.word < first]
    if not before:
        return "empty"
    in_clause = [r for r in before if r.word >= clause]
    nearest = before[-1]
    subject = (in_clause or before)[0]
    if subject.kind == ARTIST and not subject.object_pronoun:
        if nearest.kind == ARTIST:
            # "He started a club that brings volunteers to draw": a group named between them does it.
            if lex is not None and any(w in lex.group_nouns for w in lower[nearest.word + 1 : first]):
                return "artist_other"
            return "artist"
        end = nearest.end_word if nearest.end_word > 0 else nearest.word + 1
        owner = end < len(lower) and (lower[end] in ("'s", "’s", "'") or lower[end - 1].endswith(("'s", "’s")))
        k = nearest.word - 1
        while k >= lo and lower[k] in ("a", "an", "the", "his", "her", "their", "my", "its"):
            k -= 1
        if owner or (k >= lo and lower[k] in _OBJECT_PREPOSITIONS):
            return "artist_other_obj"
        return "artist_other"
    return "other" if nearest.kind != ARTIST else "other_then_artist"


_SUBJECT_ORDER = ("artist", "artist_other_obj", "artist_other", "other_then_artist", "empty", "other", "none")


def discipline_candidates(story: AnalysedStory, found: Findings) -> list[Candidate]:
    by_name: dict[str, list[DisciplineCue]] = {}
    for cue in found.discipline_cues:
        by_name.setdefault(cue.name, []).append(cue)
    count = len(by_name)
    norm = story.norm
    agents = {
        name
        for name, cues in by_name.items()
        if any(c.rejected_by is None and _is_agent(norm[c.start : c.end]) for c in cues)
    }
    # Whether the rules took any discipline: if none, the artist stands or falls with the likeliest one here.
    ruled_any = any(c.rejected_by is None for c in found.discipline_cues)
    ruled_names = {c.name for c in found.discipline_cues if c.rejected_by is None}
    by_sentence: dict[int, set[str]] = {}
    for cue in found.discipline_cues:
        by_sentence.setdefault(story.sentence_of(cue.start), set()).add(cue.name)
    candidates = []
    for name, cues in by_name.items():
        accepted = [c for c in cues if c.rejected_by is None]
        head = accepted[0] if accepted else next((c for c in cues if c.rejected_by == "weak"), cues[0])
        agent, other_agent = name in agents, bool(agents - {name})
        first, last = _words_of(story, head.start, head.end)
        sentence = story.sentence_of(head.start)
        rule = bool(accepted)
        # Only weak cues ("a loom", "an oil"): a class of its own, so that it does not blur what a
        # rejected strong cue says.
        weak = not rule and all((c.rejected_by or "").startswith("weak") for c in cues)
        how = "weak" if weak else rule
        features = [
            f"d={name}",
            f"rule={how}",
            f"d={name}&rule={how}",
            f"nrej={_bucket(len(cues) - len(accepted), (1, 2, 4))}",
        ]
        features += sorted({f"rej={c.rejected_by}" for c in cues if c.rejected_by})
        features.append(f"ncues={_bucket(len(cues), (2, 3, 5))}")
        features.append(f"rule={how}&ruled_any={ruled_any}")
        features.append(f"ndisc={_bucket(count, (2, 3, 5))}")
        features.append(f"cue={fold(story.norm[head.start : head.end])}")
        features.append(f"agent={agent}&other_agent={other_agent}")
        features.append(f"rule={how}&agent={agent}&other_agent={other_agent}")
        if weak:
            features.append(f"d={name}&head={head.rejected_by}")
            features += _weak_context(story, name, cues)
        topic = _topic(story, name)
        if topic >= 0:
            features.append(f"d={name}&topic={topic}")
            features.append(f"rule={how}&topic={topic}")
        features.append(f"head_agent={_is_agent(norm[head.start : head.end])}")
        # How often the story comes back to it as the artist's, and whether the artist is its subject:
        # a practice, not a medium named in passing ("a documentary crew followed them").
        more = head.more if rule else []
        support = _bucket(len(more), (1, 2, 4))
        features.append(f"support={support}")
        features.append(f"rule={how}&support={support}")
        spans = [(head.start, head.end), *more]
        sentences = {story.sentence_of(a) for a, _ in spans}
        features.append(f"cue_sents={_bucket(len(sentences), (2, 3))}")
        does = any(_artist_does(story, found.refs, a) for a, _ in spans)
        features.append(f"does={does}")
        features.append(f"rule={how}&does={does}")
        # The artist as the clause's subject though someone else is named nearer ("Her teacher was X;
        # she carves"): the evidence the owner rule does not weigh, for the best of the cues.
        if not rule:
            subjects = {
                _cue_subject(story, found.refs, c.start, found.lexicon)
                for c in cues
                if c.rejected_by in ("owner", "someone_else", "weak_owner", "weak_someone_else")
            }
            if subjects:
                best = next((kind for kind in _SUBJECT_ORDER if kind in subjects), "none")
                features.append(f"rule={how}&asubj={best}")
        features += _sentence_words(story, sentence, DISCIPLINE_PAST_WORDS, "dpast")
        # Practices that go together or exclude each other ("her prints" of a photographer are
        # photographs; an architect's drawings are plans): the other disciplines the rules took.
        features += [f"pair={name}|{other}" for other in sorted(ruled_names - {name})]
        # Another practice named in the cue's own sentence ("painted eleven of those murals"): which
        # of the two the words are about.
        features += [f"cosent={name}|{other}" for other in sorted(by_sentence.get(sentence, set()) - {name})]
        features += _window(story, first, last, 2)
        features += _position(story, sentence, found.refs)
        fact = Fact(name, sentence, (head.start, head.end))
        candidates.append(Candidate("disciplines", key_fold(name), fact, features, rule))
    return candidates


def _is_agent(cue: str) -> bool:
    """Does the cue name a practitioner ("painter", "a ceramicist")?"""
    return cue.lower().endswith(AGENT_SUFFIXES)


def city_candidates(story: AnalysedStory, found: Findings) -> list[Candidate]:
    groups: dict[int, list[Mention]] = {}
    for m in found.mentions.cities:
        if m.city is not None:
            groups.setdefault(m.city.geonameid, []).append(m)
    person_words = found.mentions.person_words
    candidates = []
    for items in groups.values():
        m = items[0]
        city = m.city
        assert city is not None
        sentence = story.word_sentence[m.first_word]
        features = ["bias_rule", f"ev={m.evidence}", f"country_after={bool(m.country_after)}"]
        features.append(f"pop={_bucket(math.log10(max(1, city.population)), (4.5, 5, 5.5, 6, 6.5))}")
        features.append(f"n={min(3, len(items))}")
        features.append(f"alias={fold(m.text) != fold(city.name)}")
        features.append(f"person_word={story.words[m.first_word] in person_words}")
        features.append(f"glued={_glued_suffix(story, m)}")
        features.append(f"nwords={min(3, m.end_word - m.first_word)}")
        features += _window(story, m.first_word, m.end_word, 2)
        features += _position(story, sentence, found.refs)
        candidates.append(Candidate("cities", _city_key(city), m, features, True))
    return candidates + _venue_name_cities(story, found, set(groups))


def _venue_name_cities(story: AnalysedStory, found: Findings, seen: set[int]) -> list[Candidate]:
    """'Kunsthalle Basel', 'Art Dubai', 'Kunsthalle Wien': a big city naming a venue is a city the story
    names, though no other word says so (an other name only in a country the story is about: the
    'Museo de Antioquia' is no museum of Antakya)."""
    countries = set(found.mentions.story_countries) | {m.city.country for m in found.mentions.cities if m.city}
    candidates = []
    for sub in found.mentions.name_cities.values():
        city = sub.city
        if city is None or city.geonameid in seen or sub.text.isupper():
            continue
        via_alias = all(c.via_alias for c in sub.candidates if c.city.geonameid == city.geonameid)
        if via_alias and city.country not in countries:
            continue
        seen.add(city.geonameid)
        features = ["bias_rule", "ev=venue-name-only", f"alias={via_alias}"]
        features += _window(story, sub.first_word, sub.end_word, 2)
        candidates.append(Candidate("cities", _city_key(city), sub, features, False))
    return candidates


def exhibition_candidates(story: AnalysedStory, found: Findings) -> list[Candidate]:
    per_sentence: dict[int, int] = {}
    for ex in found.exhibitions:
        per_sentence[ex.sentence] = per_sentence.get(ex.sentence, 0) + 1
    candidates = []
    for ex in found.exhibitions:
        if ex.city is None and ex.venue is None:
            continue
        first, last = _words_of(story, *ex.match)
        features = ["bias_rule", f"city={ex.city is not None}", f"venue={ex.venue is not None}", f"kind={ex.kind}"]
        features += [f"invited={ex.invited}", f"follow={ex.follow_up}", f"year={ex.year is not None}"]
        features.append(f"conf={ex.confidence}")
        features.append(f"nsent={min(3, per_sentence[ex.sentence])}")
        sentence = story.sentences[ex.sentence]
        in_sentence = len(found.mentions.between("cities", sentence.start, sentence.end))
        features.append(f"sent_cities={min(2, in_sentence)}")
        features.append(f"city={ex.city is not None}&sent_cities={min(2, in_sentence)}")
        features.append(f"city={ex.city is not None}&story_cities={_bucket(len(found.mentions.cities), (1, 2, 4))}")
        sentences = story.sentences
        around = found.mentions.between(
            "cities",
            sentences[max(0, ex.sentence - 2)].start,
            sentences[min(len(sentences) - 1, ex.sentence + 1)].end,
        )
        features.append(f"city={ex.city is not None}&near_cities={min(2, len(around))}")
        if ex.venue:
            words = fold(ex.venue).split()
            features.append(f"vposs={any(w.endswith(_POSSESSIVE_S) for w in words[:-1])}")  # "Miller's Barn"
            start = story.text.find(ex.venue, ex.match[0])
            features.append(f"vappos={start >= 0 and _called_a_venue(story, found.lexicon, ex, start)}")
            features.append(f"vh={words[-1]}")
            features.append(f"v0={words[0]}")
            features.append(f"vlen={min(4, len(words))}")
            if start >= 0:
                features += _venue_as_work(story, found, start, start + len(ex.venue))
        features += _showing_context(story, found, ex.sentence, ex.match[0])
        window = _showing_window(story, first, first, 3)
        if ex.venue:  # the venue's own words are read as its name (vh, v0, vposs): not as words around it
            inside = min(3, len(ex.venue.split()))
            window = [f for f in window if not (f[0] == "R" and f[1].isdigit() and int(f[1]) <= inside)]
        features += window
        features += _position(story, ex.sentence, found.refs)
        key = (key_fold(ex.city.name) if ex.city else None, key_fold(ex.venue))
        candidate = Candidate("exhibitions", key, ex, features, True)
        candidates.append(candidate)
        if ex.city is None and ex.venue:
            alternatives = _exhibition_cities(story, found, ex, len(candidates))
            if alternatives:
                candidate.group = len(candidates)
                for alternative in alternatives:
                    alternative.group = candidate.group
                candidates += alternatives
    candidates += _unpaired_showings(story, found, {c.key for c in candidates})
    # "at Culturgest in Lisbon": the named field and the bare city are one showing read two ways.
    # (In one sentence only: a name by a city of another sentence is another showing.)
    bare = {(c.key[0], c.value.sentence): c for c in candidates if c.key[1] is None and c.group < 0}
    next_group = len(candidates)  # (the groups so far are indices of candidates)
    for c in candidates:
        if c.features[0] == "field" and c.group < 0:
            other = bare.pop((c.key[0], c.value.sentence), None)
            if other is not None:
                c.group = other.group = next_group
                next_group += 1
    return candidates + _venue_extents(story, found, candidates)


_NUMBERING = re.compile(r"(?:[IVXLC]+|\d+(?:st|nd|rd|th)?)$")


def _venue_spans(story: AnalysedStory, first: int, end: int) -> list[tuple[str, int, int]]:
    """Other readings of where a venue's name starts and ends, as word spans (see _venue_extents)."""
    words, lower = story.words, story.lower_words
    sentence = story.sentences[story.word_sentence[first]]
    lo, hi = sentence.first_word, sentence.end_word

    def capital(k: int) -> bool:
        w = words[k]
        return w not in _FIELD_STOPS and (w[:1].isupper() or w[:1].isdigit()) and lower[k] != "the"

    spans = []
    k = end
    if k < hi and _NUMBERING.match(words[k]) and not _YEAR.fullmatch(words[k]):
        spans.append(("num", first, k + 1))  # "Lahore Biennale 02", "Galerie 1957"
    if k + 1 < hi and lower[k] in VENUE_NAME_LINKS:  # "Institut du monde arabe", "Festival au Désert"
        j = k + 1
        while j < hi and j - k <= 4 and words[j] not in _FIELD_STOPS and lower[j] not in _LINK_ENDS:
            j += 1
        if j > k + 1:
            spans.append(("link", first, j))
    elif k + 1 < hi and lower[k] in ("of", "for", "+", "&") and capital(k + 1):  # "Oceania Centre for Arts"
        j = k + 1
        while j < hi and (capital(j) or (lower[j] in _FIELD_SMALL and j + 1 < hi and capital(j + 1))):
            j += 1
        spans.append(("right", first, j))
    j = first
    while (
        j - 1 > lo
        and not _YEAR.fullmatch(words[j - 1])
        and (capital(j - 1) or (lower[j - 1] in ("of", "for", "the", "–", "-") and j - 2 > lo and capital(j - 2)))
    ):
        j -= 1
    if j < first and j - 1 >= lo and not (j in story.initial and j + 1 == first):
        spans.append(("left", j, end))  # "798 Art Zone", "Australian Centre for the Moving Image"
    if end - first >= 2 and _NUMBERING.match(words[first]) and words[first][:1].isupper():
        spans.append(("unnum", first + 1, end))  # "XVIII Venice Biennale"
    if end - first >= 3 and lower[first + 1] == "'s":
        spans.append(("unposs", first + 2, end))  # "Smithsonian's Renwick Gallery"
    for k in range(first + 1, end - 1):
        if lower[k] in VENUE_NAME_CUTS:
            spans.append(("cut", first, k))  # "Fukuoka Asian Art Museum for the Asian Art Triennale"
            break
    return [(kind, a, b) for kind, a, b in spans if 0 < b - a <= _MAX_FIELD_WORDS + 2]


def _venue_extents(story: AnalysedStory, found: Findings, candidates: list[Candidate]) -> list[Candidate]:
    """A venue read with other ends ("Institut" of "Institut du monde arabe", "XVIII Venice Biennale"):
    each reading is an alternative to the venue's candidate, in one group with it, and the decision
    layer learns from the kind of change how often each is the name."""
    taken = {c.key for c in candidates}
    next_group = max([len(candidates)] + [c.group + 1 for c in candidates])
    extra: list[Candidate] = []
    for c in list(candidates):
        ex = c.value
        if not c.key[1] or ex.venue is None or c.features[0] == "alt":
            continue
        start = story.text.find(ex.venue, ex.match[0])
        if start < 0:
            continue
        first, last = _words_of(story, start, start + len(ex.venue))
        if last <= first:
            continue
        readings = []
        for kind, a, b in _venue_spans(story, first, last):
            text = story.text[story.starts[a] : story.ends[b - 1]]
            city = ex.city
            if city is None and b + 1 < len(story.words) and story.lower_words[b] in ("in", ","):
                # "the Institut du monde arabe in Paris": the name read further meets its city
                after = found.mentions.between("cities", story.starts[b + 1], story.ends[b + 1])
                if after and after[0].city is not None and after[0].first_word == b + 1:
                    city = after[0].city
            key = (key_fold(city.name) if city else None, key_fold(text))
            if key in taken or not key[1]:
                continue
            taken.add(key)
            features = ["bnd", f"bnd={kind}", f"bnd={kind}&rule={c.rule}", f"bvh={fold(text).split()[-1]}"]
            features += [f"b:{f}" for f in c.features[:12]]
            features.append(f"bcity={city is not ex.city}")
            readings.append(Candidate("exhibitions", key, replace(ex, venue=text, city=city), features, False))
        if not readings:
            continue
        if c.group < 0:
            c.group = next_group
            next_group += 1
        for r in readings:
            r.group = c.group
        extra += readings
    return extra


def _unpaired_showings(story: AnalysedStory, found: Findings, taken: set) -> list[Candidate]:
    """Venues and cities of showing sentences that the exhibition rules did not pair: possible showings.

    A venue goes with the first city after it in its sentence (or the one in its name); a city of a
    sentence with an exhibition trigger stands alone.  The decision model keeps the likely ones.
    A venue of any other sentence is a candidate too ("next month they travel to the Museo Tamayo",
    a review's heading "Kunsthal Charlottenborg, Copenhagen"), with features of its own: without a
    trigger, the words that count are others (data/exhibitions.json, loose_showing_words).
    """
    mentions = found.mentions
    showing = mentions.exhibition_sentences
    birth = found.birth_city.value if found.birth_city else None
    taken_cities = {key[0] for key in taken}
    ruled = Counter(ex.sentence for ex in found.exhibitions)
    candidates: list[Candidate] = []
    for m in mentions.venues:
        index = story.word_sentence[m.first_word]
        m = numbered_venue(story, m)
        sentence = story.sentences[index]
        inside = [c for c in mentions.between("cities", m.start, m.end) if c.city is not None]
        if not inside and m.end_word in mentions.name_cities:
            inside = [mentions.name_cities[m.end_word]]
        after = [c for c in mentions.between("cities", m.end, sentence.end) if c.city is not None]
        if after and story.lower_words[m.end_word : after[0].first_word] in (["in"], [","]):
            inside = []  # "the Chale Wote Street Art Festival in Accra": not the Wote of its name
        nearest = inside or after
        city = nearest[0] if nearest else None
        place = city.city if city is not None else None
        key = (key_fold(place.name) if place else None, key_fold(m.text))
        if key in taken or (None, key[1]) in taken:
            continue
        taken.add(key)
        features = ["extra", "src=venue", f"city={place is not None}", f"city_in_name={bool(inside)}"]
        if index not in showing:  # "it travels to the Museo Tamayo", a heading line "Kunsthal Aarhus"
            features += _sentence_words(story, index, LOOSE_SHOWING_WORDS, "lw")
            features.append(f"slen={_bucket(sentence.end_word - sentence.first_word, (6, 12, 25))}")
        if after and city is after[0]:
            gap = after[0].first_word - m.end_word
            features.append(f"gap={_bucket(gap, (1, 2, 4, 8))}")
        features.append(f"vh={fold(m.text).split()[-1]}")
        features.append(f"ev={m.evidence}")
        features += _venue_as_work(story, found, m.start, m.end)
        features += _showing_context(story, found, index, m.start)
        features += _showing_window(story, m.first_word, m.end_word, 2)
        features += _position(story, index, found.refs)
        if index not in showing:  # weights of their own: no showing sentence's words to lean on
            features = ["exs=False"] + ["nx:" + f for f in features]
        value = ExhibitionMention(place, m.text, None, index, (m.start, m.end), 0.5)
        candidates.append(Candidate("exhibitions", key, value, features, False))
    candidates += _field_venues(story, found, taken)
    for c in mentions.cities:
        index = story.word_sentence[c.first_word]
        if c.city is None or index not in showing:
            continue
        key = (key_fold(c.city.name), None)
        if key[0] in taken_cities or key in taken:
            continue
        taken.add(key)
        features = ["extra", "src=city", f"birth={birth is not None and birth.geonameid == c.city.geonameid}"]
        features.append(f"ev={c.evidence}")
        features += _showing_context(story, found, index, c.start)
        features.append(f"ruled={min(2, ruled.get(index, 0))}")  # none: the rules found the showing someone else's
        features.append(f"head={_city_head(story, found.lexicon, c)}")
        features += _showing_window(story, c.first_word, c.end_word, 2, head=True)
        features += _position(story, index, found.refs)
        value = ExhibitionMention(c.city, None, None, index, (c.start, c.end), 0.5)
        candidates.append(Candidate("exhibitions", key, value, features, False))
    return candidates


def _called_a_venue(story: AnalysedStory, lex: Lexicon, ex: ExhibitionMention, start: int) -> bool:
    """'Miller's Barn, the small gallery near his village, gave him ...': an appositive that calls the
    name (the venue, found in the text at ``start``) a gallery, a museum, a festival."""
    k = story.first_word_from(start + len(ex.venue or ""))
    hi = story.sentences[ex.sentence].end_word
    if k + 1 >= hi or story.words[k] != "," or story.lower_words[k + 1] not in ("the", "a", "an"):
        return False
    for j in range(k + 2, min(hi, k + 6)):
        if story.words[j] in _FIELD_STOPS:
            return False
        if story.lower_words[j] in lex.attach_heads:
            return True
    return False


def _city_head(story: AnalysedStory, lex: Lexicon, c: Mention) -> str:
    """What a bare city's preposition hangs on, as the rules read it: a showing noun ("exhibitions in
    Oslo"), a showing verb, a blocking noun ("a studio in Oslo"), a journey ("a train to Riga"), a name, or
    something else; the rules attach the first kinds, the decision layer weighs them all."""
    k = c.first_word - 1
    lo = story.sentences[story.word_sentence[c.first_word]].first_word
    lower = story.lower_words
    if k <= lo or lower[k] not in lex.exhibition_city_prepositions:
        return "none"
    k -= 1
    while k > lo and lower[k] in ("the", "a", "an", "her", "his", "their", "its"):
        k -= 1
    head = lower[k]
    if head in lex.attach_heads:
        return "attach"
    if head in lex.showing_verbs or head in lex.trigger_words:
        return "verb"
    if head in lex.blocking_heads:
        return "block"
    if head in TRAVEL_HEADS:
        return "travel"
    if story.words[k][:1].isupper():
        return "name"
    return "other"


_FIELD_STOPS = frozenset((",", ";", ":", "(", ")", "\u2014", "\u2013", "|", "\u00b7", ".", "!", "?")) | _QUOTE_WORDS
_FIELD_SMALL = frozenset(("of", "the", "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le"))
_FIELD_SMALL |= frozenset(("and", "for", "&", "+", "van", "von", "der", "den", "für", "y", "e", "et", "a", "an", "at"))
_FIELD_SMALL |= frozenset(("al", "el"))  # "Darat al Funun"
_MAX_FIELD_WORDS = 7
_LINK_ENDS = _FIELD_SMALL | frozenset(load("exhibitions")["venue_name_link_ends"])
_TRAILING_SHOW_NOUNS = frozenset(load("exhibitions")["venue_trailing_show_nouns"])
_POSSESSIVE_S = ("'s", "\u2019s")  # "Sadler's Wells"


def _field_run(story: AnalysedStory, first: int, end: int) -> bool:
    """A name's words: capitalised (or a number, a small word inside), none a stop mark."""
    words = story.words
    if end - first < 1 or end - first > _MAX_FIELD_WORDS:
        return False
    if words[first].islower() or words[end - 1].islower():
        return False
    for k in range(first, end):
        w = words[k]
        if w in _FIELD_STOPS or (w.islower() and w not in _FIELD_SMALL and w not in _POSSESSIVE_S):
            return False
    return True


_PERSON_FREE_SIDES = frozenset(("at", "to", "the", "in-tail"))  # a name there is a person's
_TAIL_SMALL = _FIELD_SMALL - frozenset(("at", "a", "an", "and"))


def _field_word(word: str) -> bool:
    return word not in _FIELD_STOPS and (word[:1].isupper() or _camel_word(word))


def _camel_word(word: str) -> bool:
    return word.isalpha() and not word.islower() and not word.isupper()  # "deSingel", "i8"


def _capital_tail(words: list[str], lower: list[str], lo: int, k: int) -> int:
    """Where the capitalised run that ends just before word ``k`` starts ("exhibitions include Dak'Art",
    "at MUMOK"); small words inside it ("Darat al Funun") but not at its start."""
    j = k
    while j > lo:
        w = words[j - 1]
        inside = lower[j - 1] in _TAIL_SMALL and j - 2 >= lo and _field_word(words[j - 2])
        if not (_field_word(w) or w[:1].isdigit() or inside):
            break
        j -= 1
    while j < k and not _field_word(words[j]):
        j += 1
    return j


def _field_venues(story: AnalysedStory, found: Findings, taken: set) -> list[Candidate]:
    """Names that stand as a field next to a city, whatever their label: a catalogue's "Oslo,
    Kunstnerforbundet, 1925", a CV's "Kitchen Windows, PinchukArtCentre, Kyiv (2019)", "read at StAnza
    in St Andrews", "playing the Concertgebouw in Amsterdam".
    Venue words are no help here (a name is all these venues have); which field is the venue, and which
    a show's title, the decision layer learns from the shapes.  Sentences without a showing word count
    too ("her prints hung at X in Y", a CV line), with weights of their own."""
    mentions = found.mentions
    showing = mentions.exhibition_sentences
    words, lower = story.words, story.lower_words
    candidates: list[Candidate] = []
    person_spans = _Spans((p.start, p.end) for p in mentions.persons)
    own_name = set(found.protagonist.name.split()) if found.protagonist is not None else set()
    for c in mentions.cities:
        index = story.word_sentence[c.first_word]
        if c.city is None:
            continue
        shown = index in showing
        sentence = story.sentences[index]
        lo, hi = sentence.first_word, sentence.end_word
        spans = []
        k = c.first_word - 1
        if k > lo and words[k] == ",":  # "PinchukArtCentre, Kyiv"
            j = k
            while j > lo and words[j - 1] not in _FIELD_STOPS:
                j -= 1
            spans.append(("before", j, k))
        elif k > lo and lower[k] == "in":  # "at StAnza in St Andrews", "travel to ARCO in Madrid"
            j = k
            while j > lo and words[j - 1] not in _FIELD_STOPS and lower[j - 1] not in ("at", "to"):
                j -= 1
            if j > lo and lower[j - 1] in ("at", "to"):
                spans.append((lower[j - 1], j + (lower[j] == "the"), k))
            else:  # "playing the Concertgebouw in Amsterdam"
                j = k
                while j > lo and words[j - 1] not in _FIELD_STOPS and lower[j - 1] != "the":
                    j -= 1
                if j > lo and lower[j - 1] == "the":
                    spans.append(("the", j, k))
                else:  # "Foam in Amsterdam showed ...", "has played Sónar in Barcelona", "in Manzi gallery in"
                    end = k - 1 if k - 1 > lo and words[k - 1] in found.lexicon.venue_gap_heads else k
                    side = "in-tail" if end == k else "in-tail-kind"
                    spans.append((side, _capital_tail(words, lower, lo, end), end))
        if spans and spans[0][0] == "before":  # "include Dak'Art, Dakar", "at MUMOK, Vienna": the name alone
            tail = _capital_tail(words, lower, lo, k)
            if tail > spans[0][1]:
                spans.append(("before-tail", tail, k))
        k = c.end_word
        opens = (
            c.first_word in story.initial
            or (c.first_word > lo and words[c.first_word - 1] in (":", ";"))
            or (c.first_word > lo and "\n" in story.text[story.ends[c.first_word - 1] : c.start])  # a line
        )
        if opens and k + 1 < hi and words[k] == ",":  # "Exhibited: Oslo, Kunstnerforbundet, Sigrid Halvorsen, 1925"
            j = k + 1
            while j < hi and words[j] not in _FIELD_STOPS:
                j += 1
            spans.append(("after", k + 1, j))
        for side, first, end in spans:
            if first < end and lower[first] == "the":
                first += 1
            if side in ("at", "to", "the") and end - first >= 2 and lower[end - 1] in _TRAILING_SHOW_NOUNS:
                end -= 1  # "at the Lux festival in Riga": the kind of show, not the name's
                side += "-kind"
            if not _field_run(story, first, end):
                continue
            if not shown and any(lower[k] in found.lexicon.blocking_heads for k in range(first, end)):
                continue  # "a scholarship to the University of Otago in Dunedin": no showing word, a school
            start, stop = story.starts[first], story.ends[end - 1]
            if any(p.start < stop and start < p.end for p in mentions.cities if p is not c):
                continue
            person = person_spans.overlaps(start, stop)
            if person and (
                side.removesuffix("-kind") in _PERSON_FREE_SIDES or not own_name.isdisjoint(words[first:end])
            ):
                continue  # (a CV's field may be a gallery named for a person: "Esther Schipper, Berlin")
            text = story.text[start:stop]
            key = (key_fold(c.city.name), key_fold(text))
            if key in taken or (None, key[1]) in taken:
                continue
            taken.add(key)
            features = ["field", f"side={side}", f"flen={min(4, end - first)}", f"fh={lower[end - 1]}"]
            features.append(f"fend={words[end] if end < hi else '</s>'}")
            features.append(f"side={side}&fend={words[end] if end < hi else '</s>'}")
            features.append(f"fstart={words[first - 1] if first > lo else '<s>'}")
            features.append(f"f0={lower[first]}")
            features.append(f"fperson={person}")
            features += [f"f{f}" for f in _showing_window(story, first, end, 2)]
            features += [f"f{f}" for f in _showing_context(story, found, index, start)]
            if not shown:
                features += _sentence_words(story, index, LOOSE_SHOWING_WORDS, "lw")
                features = ["field", "exs=False"] + ["nx:" + f for f in features[1:]]
            value = ExhibitionMention(c.city, text, None, index, (start, stop), 0.5)
            candidates.append(Candidate("exhibitions", key, value, features, False))
    return candidates


def _venue_as_work(story: AnalysedStory, found: Findings, start: int, end: int) -> list[str]:
    """A name that may be a work's title rather than a venue's: the works stage took it for a title, or
    the word after it ("Solo exhibitions include Ash Tides, a series of twenty vessels").  (The words
    further on were too rare to learn from: the model overfitted them.)"""
    work = any(w.match[0] < end and start < w.match[1] for w in found.works)
    limit = story.sentences[story.sentence_of(start)].end_word
    after = story.first_word_from(end)
    return [_WORK_FEATURES[work], _AFTER_VENUE_1[story.lower_words[after] if after < limit else "</s>"]]


_WORK_FEATURES = {True: "work=True", False: "work=False"}
_AFTER_VENUE_1 = _FeatureStrings("va1=")


_FAR_LEFT = ("L2=", "L3=", "L21=")


def _showing_window(story: AnalysedStory, first: int, end: int, size: int, head: bool = False) -> list[str]:
    """The words around a possible showing: the one just before it and those after it.  Words further
    left ("from the esteemed X") say more about the story's phrasing than about the showing; but before
    a bare city (``head``), the word before its preposition is what it hangs on ("a train to Riga")."""
    far = _FAR_LEFT[1:] if head else _FAR_LEFT
    return [f for f in _window(story, first, end, size) if not f.startswith(far)]


def _showing_context(story: AnalysedStory, found: Findings, sentence: int, start: int) -> list[str]:
    """Whose showing it reads as (the artist's, or a friend's: 'Brekke's own solo show opened at ...') and
    the sentence's words that make a place no showing of the artist's (cancelled, bought, commissioned ...)."""
    features = _sentence_words(story, sentence, EXHIBITION_SENTENCE_WORDS, "xw")
    if found.refs is not None:
        features.append(f"owner={found.refs.owner_at(start, look_after=False, look_back_sentences=0)}")
    return features


def _exhibition_cities(story: AnalysedStory, found: Findings, ex: ExhibitionMention, group: int) -> list[Candidate]:
    """A venue without a city: the cities named close by, each as the showing's possible city."""
    sentences = story.sentences
    first = sentences[max(0, ex.sentence - 2)].start
    last = sentences[min(len(sentences) - 1, ex.sentence + 1)].end
    birth = found.birth_city.value if found.birth_city else None
    seen: set[int] = set()
    nearby = [m for m in found.mentions.between("cities", first, last) if m.city is not None]
    before = [m for m in nearby if m.start < ex.match[0]]
    nearest = before[-1].city.geonameid if before and before[-1].city else None
    counts = Counter(m.city.geonameid for m in found.mentions.cities if m.city is not None)
    paragraph = sentences[ex.sentence].paragraph
    alternatives = []
    for m in nearby:
        city = m.city
        if city is None or ex.venue is None or city.geonameid in seen:
            continue
        seen.add(city.geonameid)
        sentence = story.word_sentence[m.first_word]
        delta = sentence - ex.sentence
        features = ["alt", f"dsent={delta}", f"after={m.start > ex.match[0]}", f"n_alt={min(3, len(nearby))}"]
        features.append(f"dsent={delta}&after={m.start > ex.match[0]}")
        # Which of the cities around reads as the showing's: the last one named before it, one the
        # story keeps returning to, one in the same paragraph, a dateline's ("TBILISI - ...").
        features.append(f"nearest={city.geonameid == nearest}")
        features.append(f"nearest={city.geonameid == nearest}&dsent={delta}")
        features.append(f"count={min(3, counts[city.geonameid])}")
        features.append(f"para={sentences[sentence].paragraph == paragraph}")
        features.append(f"story_first={sentence == 0}")
        features.append(f"birth={birth is not None and birth.geonameid == city.geonameid}")
        features.append(f"vh={(key_fold(ex.venue) or '').split()[-1:]}")
        if delta == 0:
            features += _alt_between(story, found, m, ex)
        features += [f + "&alt" for f in _showing_window(story, m.first_word, m.end_word, 2)]
        key = (key_fold(city.name), key_fold(ex.venue))
        value = replace(ex, city=city)
        alternatives.append(Candidate("exhibitions", key, value, features, False, group=group))
    return alternatives


_ALT_GAPS = (3, 6, 12, 25)


def _alt_between(story: AnalysedStory, found: Findings, city: Mention, ex: ExhibitionMention) -> list[str]:
    """What stands between a venue and a city of its own sentence: how far, another venue or city (the
    city is another showing's: "at the X in Oslo and at the Y"), or "where" ("went to Tokyo, where it
    hung at the Watari Museum": the city of the venue after it)."""
    venue_word = story.first_word_from(ex.match[0])
    low, high = sorted((city.end_word, venue_word))
    lower = story.lower_words
    start, end = story.starts[low] if low < len(lower) else city.end, story.starts[high] if high < len(lower) else 0
    venues = sum(1 for v in found.mentions.between("venues", start, end) if v.start != ex.match[0])
    cities = sum(1 for c in found.mentions.between("cities", start, end) if c is not city)
    where = any(lower[k] in ("where", "there") for k in range(low, high))
    features = [f"gap={_bucket(high - low, _ALT_GAPS)}", f"vbetween={min(2, venues)}", f"cbetween={min(2, cities)}"]
    features.append(f"where={where}")
    features.append(f"cprep={lower[city.first_word - 1] if city.first_word > 0 else '<s>'}")
    return features


def _title_features(
    story: AnalysedStory, found: Findings, title: Title, source: str, known: WorkMention | None
) -> tuple[list[str], str, float]:
    first, last = _words_of(story, title.inner_start, title.inner_end)
    sentence = story.sentence_of(title.start)
    if known is not None:  # the rules' work: its kind is found already
        bonus = 0.1 if not title.cued and title.mark == '"' else 0.0
        kind, kind_confidence = known.kind, round(known.confidence + bonus, 2)
    else:  # (the kind costs a pass of the kind patterns: found only for the titles the record keeps)
        kind, kind_confidence = "", 0.0
    words = title.text.split()
    capitals = sum(1 for w in words if w[:1].isupper())
    features = [f"src={source}", f"mark={title.mark}", f"cued={title.cued}", f"kind={kind}", f"kc={kind_confidence}"]
    features.append(f"len={_bucket(len(words), (2, 3, 5, 8))}")
    features.append(f"caps={_bucket(capitals / max(1, len(words)), (0.3, 0.6, 0.99))}")
    features.append(f"end_punct={title.text[-1:] in '.!?,'}")
    features.append(f"person={not found.mentions.person_words.isdisjoint(words)}")
    features += _window(story, first, last)
    features += _position(story, sentence, found.refs)
    features += _sentence_words(story, sentence, SPEECH_WORDS, "sw")
    features += _sentence_words(story, sentence, WORK_NOUNS, "wn")
    return features, kind, kind_confidence


def _unquoted_titles(story: AnalysedStory, found: Findings, taken: list[tuple[int, int]]) -> list[list[Title]]:
    """Capitalised stretches after a work noun ("her collection Chandni", "a newer work, Xalaat",
    "her first collection of poems, Baran-e Sorkh", "we called it Bws")."""
    taken_spans = _Spans(taken)
    words, lower = story.words, story.lower_words
    titles: list[list[Title]] = []
    nouns = WORK_NOUNS.intersection(lower)
    if not nouns:
        return titles
    counts: Counter | None = None
    for k in [k for k, w in enumerate(lower) if w in nouns]:
        if k + 1 >= len(words) or (
            words[k + 1][:1].islower() and lower[k + 1] not in NAMING_FILLERS and not _comma_soon(words, k + 1)
        ):
            continue  # (most work nouns: a lowercase word follows and no comma comes soon)
        sentence_end = story.sentences[story.word_sentence[k]].end_word
        j = k + 1
        while j < min(sentence_end, k + 3) and lower[j] in NAMING_FILLERS and words[j] not in TITLE_ARTICLES:
            j += 1  # ("her film The Long Quay": a capitalised article opens the title)
        if j < sentence_end and words[j] == ",":
            j += 1
        elif j < sentence_end and not words[j][:1].isupper():
            # "collection of poems, Title": a comma after a few lowercase words
            gap = j
            while gap < min(sentence_end, k + 6) and words[gap][:1].islower():
                gap += 1
            if gap < sentence_end - 1 and words[gap] == ",":
                j = gap + 1
        if j >= sentence_end or not words[j][:1].isupper() or j in story.initial:
            continue
        # Up to the next punctuation ("El puerto dormido,") and the capitalised run ("Yard Gods drew"):
        # alternatives, of which the model keeps one at most.
        run = j
        while run < sentence_end and words[run][:1].isupper() and run - j < 6:
            run += 1
        run = _past_number(words, lower, run, sentence_end)
        end = j
        while end < min(sentence_end, j + 7) and (
            words[end] not in _STOP_PUNCT or _past_number(words, lower, end, sentence_end) > end
        ):
            end = _past_number(words, lower, end, sentence_end) if words[end] in _STOP_PUNCT else end + 1
        ends = [run] if end >= min(sentence_end, j + 7) or words[end] not in _STOP_PUNCT or end == run else [end, run]
        if run - j <= 3:  # "the painting Inti Raymi en la lluvia won ...": a sentence-case title
            if counts is None:
                counts = _lowercase_counts(story)
            small = found.lexicon.title_small_words
            ends += [e for e in _sentence_case_ends(story, counts, j, run, sentence_end, small) if e not in ends]
        linked = _linked_run(words, lower, j, sentence_end)
        if linked > run and linked not in ends:
            ends.append(linked)  # "her canvas Privoz at Dawn shows ...": over the title's small words
        last = max(run, linked)
        if last + 1 < sentence_end and words[last] == "," and words[last + 1][:1].isupper():
            second = _linked_run(words, lower, last + 1, sentence_end, 5)
            if second - last <= 4:
                ends.append(second)  # "her installation Blue Tiles, Black Ink, a room ..."
        start = story.starts[j]
        spans = [(start, story.ends[e - 1]) for e in ends]
        if taken_spans.overlaps(start, spans[0][1]):
            continue
        alternatives = [
            Title(start, stop, start, stop, clean_title(story.text[start:stop]), False, "") for start, stop in spans
        ]
        alternatives = [t for t in alternatives if t.text]
        if alternatives:
            titles.append(alternatives)
    return titles


def _comma_soon(words: list[str], j: int) -> bool:
    return "," in words[j : j + 5]


def _past_number(words: list[str], lower: list[str], end: int, stop: int) -> int:
    """``end``, or past ". 7" when the run ends in a numbering abbreviation ("Allotment No. 7")."""
    if (
        end > 0
        and end + 1 < stop
        and words[end] == "."
        and lower[end - 1] in _NUMBERED
        and words[end + 1][:1].isdigit()
    ):
        return end + 2
    return end


def _linked_run(words: list[str], lower: list[str], j: int, stop: int, longest: int = 9) -> int:
    """The end of the capitalised run from ``j`` carried on over small words that stand between
    capitalised ones ("Privoz at Dawn", "Vesuvio con Panni Stesi", "The Garden of Lost Letters")."""
    end = k = j
    stop = min(stop, j + longest)
    while k < stop:
        if words[k][:1].isupper():
            k = _past_number(words, lower, k + 1, stop)
            end = k
            continue
        m = k
        if lower[m] == "'s" and m > j:
            m += 1  # "Mother's Fishing Place", "Hiroshi's Boat"
        while m < stop and m - k < 2 and lower[m] in TITLE_LINK_WORDS and words[m][:1].islower():
            m += 1
        if m == k or m >= stop or not words[m][:1].isupper():
            break
        k = m
    return end


def _sentence_case_ends(
    story: AnalysedStory, counts: Counter, first: int, end: int, stop: int, small: frozenset[str]
) -> list[int]:
    """Where the capitalised run ``first:end`` may end if carried on over the lowercase words after it
    that the story writes nowhere else and that are no English stop word ("Les Heures creuses", "Kot w
    butach", "Inti Raymi en la lluvia"): a title in another language or in sentence case, whose words
    are its own (prose words come back); never after a title's small word."""
    words, lower = story.words, story.lower_words
    repeats = max(1, story.low.count(" ".join(lower[first:end])))
    ends = []
    k = end
    while (
        k < min(stop, end + _SENTENCE_CASE_WORDS)
        and words[k][:1].islower()
        and words[k].replace("'", "").replace("\u2019", "").replace("-", "").isalpha()
        and lower[k] not in _ENGLISH_STOP_WORDS
        and (lower[k] in small or counts[lower[k]] <= repeats)
    ):
        k += 1
        if lower[k - 1] not in small:
            ends.append(k)
    return ends


def _known_share(story: AnalysedStory, lowercase_counts: Counter, first: int, end: int, text: str) -> str:
    """How many of a title's lowercase words the story also writes elsewhere (English prose does;
    a title in another language's words are its own)."""
    loose = [story.lower_words[k] for k in range(first, end) if story.words[k][:1].islower()]
    if not loose:
        return "none"
    repeats = max(1, story.low.count(text.lower()))
    known = sum(1 for w in loose if lowercase_counts[w] > repeats)
    return str(_bucket(known / len(loose), (0.01, 0.5, 0.99)))


def _lowercase_counts(story: AnalysedStory) -> Counter:
    """How often the story writes each word in lower case (once per story: three title stages ask)."""
    counts = story.cache.get("candidates.lowercase_counts")
    if counts is None:
        counts = story.cache["candidates.lowercase_counts"] = Counter(
            w for w, original in zip(story.lower_words, story.words, strict=True) if original[:1].islower()
        )
    return counts


def _chunk_titles(story: AnalysedStory, found: Findings, taken: list[tuple[int, int]]) -> list[tuple[Title, str, int]]:
    """Every other capitalised run that is not the protagonist, a place or a venue: a possible title.

    Over-proposed on purpose ("The breakthrough came with Blue Hours, an installation ..."): the
    decision model tells titles from the rest by their words and context.
    """
    taken_spans = _Spans(taken)
    words, lower = story.words, story.lower_words
    openers = found.lexicon.openers
    own = found.protagonist.words
    titles = []
    counts: Counter | None = None
    for m in found.mentions.chunks:
        if m.label not in TITLE_CHUNK_LABELS and not (
            m.label == MentionLabel.VENUE and m.evidence in TITLE_VENUE_EVIDENCE
        ):
            continue
        first = m.first_word
        if all(w.lower() in own for w in words[first : m.end_word]):
            continue
        sentence = story.word_sentence[first]
        while (
            first > 0
            and words[first - 1][:1].isupper()
            and story.word_sentence[first - 1] == sentence
            and lower[first - 1] not in openers
        ):
            first -= 1  # a capitalised common word the mentions trimmed off ("Container Moon" opening a line)
        article = -1
        if first > 0 and lower[first - 1] in TITLE_NUMBER_WORDS and words[first - 1][:1].isupper():
            if first - 1 not in story.initial:
                first -= 1  # "and Ten Thousand Lanterns": a number word, no name's end
            else:
                article = first - 1  # "Two Rivers, One Mouth, a film ...": with or without, one at most
        elif first > 0 and words[first - 1] in TITLE_ARTICLES:
            if first - 1 not in story.initial:
                first -= 1  # "then The Umbrella Girl"
            else:
                article = first - 1  # "The Iron Supra, a forged table, ...": with or without, one at most
        start, stop = (
            story.starts[first],
            story.ends[_past_number(words, lower, m.end_word, story.sentences[sentence].end_word) - 1],
        )
        if taken_spans.overlaps(start, stop):
            continue
        text = clean_title(story.text[start:stop])
        if not text:
            continue
        label = f"{m.label.value}{m.evidence}"
        linked = _linked_run(words, lower, first, story.sentences[sentence].end_word)
        joined = story.ends[linked - 1] if linked > m.end_word else stop
        joined_text = clean_title(story.text[start:joined]) if joined > stop else ""
        if joined_text and taken_spans.overlaps(start, joined):
            joined_text = ""
        options = [(start, stop, text, label)]
        if joined_text:
            # "Water Dreaming at Ntaria": the run alone or carried on over its small words, one at most
            link = "+poss" if "'s" in lower[first:linked] else "+link"
            options.append((start, joined, joined_text, label + link))
        end_word = linked if joined_text else m.end_word
        sentence_end = story.sentences[sentence].end_word
        if m.end_word - first <= 3 and m.label in _SENTENCE_CASE_LABELS:
            if counts is None:
                counts = _lowercase_counts(story)
            small = found.lexicon.title_small_words
            for lowered in _sentence_case_ends(story, counts, first, m.end_word, sentence_end, small):
                # "Les Heures creuses", "El abrazo": the run carried on over lowercase words, one at most
                stop3 = story.ends[lowered - 1]
                if not taken_spans.overlaps(start, stop3):
                    options.append((start, stop3, clean_title(story.text[start:stop3]), label + "+lower"))
        if end_word + 1 < sentence_end and words[end_word] == "," and words[end_word + 1][:1].isupper():
            # "Blue Tiles, Black Ink", "Titicaca, Year Zero": a title with a comma in it, or two names
            second = _linked_run(words, lower, end_word + 1, sentence_end, 5)
            stop2 = story.ends[second - 1]
            if second - end_word <= 4 and not taken_spans.overlaps(start, stop2):
                options.append((start, stop2, clean_title(story.text[start:stop2]), label + "+comma"))
        if article >= 0:
            head = story.starts[article]
            options += [(head, e, clean_title(story.text[head:e]), lab + "+art") for _, e, _, lab in list(options)]
        group = start if len(options) > 1 else -1
        for a, b, option, lab in options:
            if option:
                titles.append((Title(a, b, a, b, option, False, ""), lab, group))
    return titles


_LINE_TAIL = re.compile(
    r"(?:[\s,;/|\u2013\u2014-]*(?:\([^()]*\)|(?:c\.|circa|about|ca\.)\s*\d{4}|\d{4}(?:\s*[\u2013-]\s*\d{2,4})?))+[\s.,]*$"
)
_YEAR = re.compile(r"\d{4}")
_TAIL_ENDS = frozenset("0123456789).,")


def _line_titles(
    story: AnalysedStory, found: Findings, taken: list[tuple[int, int]]
) -> list[list[tuple[Title, list[str]]]]:
    """Short lines of their own, a work's title as a wall label, a lot or a programme gives it
    ("Polar Night, 14:00" above "2019" and "Archival pigment print"): the whole line less a
    trailing date, and its parts before a bracket, a comma or after a colon, one at most.
    """
    taken_spans = _Spans(taken)
    text = story.text
    lines: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lines.append((offset + len(line) - len(line.lstrip()), stripped))
        offset += len(line) + 1
    if len(lines) < 3:
        return []
    own = found.protagonist.words
    body = next((k for k, (_, line) in enumerate(lines) if line.count(" ") > 12 and line[-1] in '.!?"'), len(lines))
    out = []
    for index, (left, line) in enumerate(lines[:body]):  # a title's own line heads the entry
        if len(line) > 90 or line.count(" ") > 12 or not (line[0].isupper() or line[0] in "\"'\u201c\u2018*_"):
            continue
        tail = _LINE_TAIL.search(line) if line[-1] in _TAIL_ENDS else None
        core = line[: tail.start()] if tail else line
        if not core or (core.endswith(".") and core.count(" ") > 5):
            continue
        spans = {"line": (0, len(core))}
        if "(" in core:
            spans["bracket"] = (0, core.index("("))
        if ", " in core:
            spans["comma"] = (0, core.index(", "))
        if ": " in core:
            colon = core.index(": ")
            spans["colon_before"], spans["colon_after"] = (0, colon), (colon + 2, len(core))
        following = lines[index + 1][1] if index + 1 < len(lines) else ""
        previous = lines[index - 1][1] if index else ""
        dated = bool(tail and _YEAR.search(tail.group())) or any(
            _YEAR.search(later[:40]) for _, later in lines[index + 1 : index + 3]
        )
        after_name = any(w.lower() in own for w in previous.split())
        # A wall label: the title's line, then the artist's ("Caldera, Morning" / "Ingrid Solheim-Vázquez")
        before_name = any(w.lower().strip(",:;") in own for w in following.split()[:4])
        after_year = bool(_YEAR.search(previous))  # the artist's dates or the line of their birth
        words = core.lower().replace(",", " ").split()
        if "b." in words or not BIRTH_TRIGGERS.isdisjoint(words):
            continue  # the artist's line of birth
        common = [
            f"lineno={min(index, 6)}",
            f"dated={dated}",
            f"next_lower={following[:1].islower()}",
            f"after_name={after_name}",
            f"before_name={before_name}",
            f"after_year={after_year}",
            f"upper={core.isupper()}",
            f"dated={dated}&after_year={after_year}",
        ]
        options: list[tuple[Title, list[str]]] = []
        seen: set[str] = set()
        for how, (a, b) in spans.items():
            start, stop = left + a, left + b
            title = clean_title(text[start:stop])
            key = title.lower()
            if not title or key in seen or key in LINE_HEADINGS or len(title.split()) > 10:
                continue
            if not (title[0].isupper() or title[0].isdigit()) or all(w.lower() in own for w in title.split()):
                continue
            if taken_spans.overlaps(start, stop):
                continue  # a quoted line is a quoted title already
            seen.add(key)
            shape = [f"alt={how}", f"alt={how}&{common[-1]}"]
            options.append((Title(start, stop, start, stop, title, False, ""), shape + common))
        if options:
            out.append(options)
    return out


def _shape(word: str) -> str:
    """A number by its shape ("2018" -> "<year>"), so that "Title, 2018" and "Title (2016)" generalise."""
    if word[:1].isdigit():
        return "<year>" if len(word) == 4 and word.isdigit() else "<num>"
    return word


def _context_features(story: AnalysedStory, title: Title) -> list[str]:
    """The words around a title past its quote marks, and whether an appositive names a kind of work."""
    lower = story.lower_words
    first = story.first_word_from(title.start)
    end = story.first_word_from(title.end)
    sentence = story.sentences[story.word_sentence[min(first, len(lower) - 1)]]
    features = [f"init={first == sentence.first_word}"]
    window = lower[max(sentence.first_word, first - 4) : first]
    before = [_shape(w) if w[:1].isdigit() else w for w in window if w not in _QUOTE_WORDS]
    features.append(f"b1={before[-1] if before else '<s>'}")
    if len(before) > 1:
        features.append(f"b21={before[-2]}_{before[-1]}")
    window = lower[end : min(sentence.end_word, end + 7)]
    after = [_shape(w) if w[:1].isdigit() else w for w in window if w not in _QUOTE_WORDS]
    features.append(f"exh_after={not TITLE_EXHIBITION_WORDS.isdisjoint(window[:6])}")
    # '"Salt and Iron", a solo exhibition by ...', '"X" (group exhibition)': an appositive calls it a show
    features.append(
        f"exh_appos={len(after) > 1 and after[0] in (',', '(') and not TITLE_EXHIBITION_WORDS.isdisjoint(after[1:5])}"
    )
    features.append(f"a1={after[0] if after else '</s>'}")
    if len(after) > 1 and after[0] == "(":
        features.append(f"p2={after[1]}")  # "Gewicht (2016)", "Pasar Malam (Night Market)"
        features += _past_bracket(story, sentence.end_word, end)
    features.append(f"year_after={'<year>' in after[:4]}")
    if first - sentence.first_word <= 2:
        # "In Kolanut, they dance ...", "That was Undercurrent, ...": a title opening the sentence
        features.append(f"open={before[-1] if before else '<s>'}&a1={after[0] if after else '</s>'}")
    earlier = lower[sentence.first_word : first]
    features.append(f"exh_earlier={not TITLE_EXHIBITION_WORDS.isdisjoint(earlier)}")
    # "A retrospective of his smaller works, "Azul"", "a show of his studio paintings, "Mam"": the clause's
    # first noun, not the nearest, says whether the name is a show's or a work's.
    head = _clause_head(earlier)
    features.append(f"head={head}")
    features.append(f"head={head}&b1={before[-1] if before else '<s>'}")
    features.append(f"line_start={_line_start(story.text, title.start)}")
    if len(after) > 1 and after[0] == ",":
        features.append(f"a2={after[1]}")
        noun = next((w for w in after[1:6] if w in WORK_NOUNS), None)
        features.append(f"appos_wn={noun is not None}")
        if after[1] in ("a", "an", "the"):
            features.append(f"appos_art_wn={noun is not None}")
    near = next((w for w in reversed(before) if w in WORK_NOUNS), None)
    features.append(f"wn_before={near is not None}")
    # "the disc Kalemba", "her video Galmaegi", "the smaller weaving Wak'a": a noun phrase right before
    # the title, whichever noun it is.
    np_noun = bool(before) and before[-1].isalpha() and before[-1] not in _TITLE_SMALL_WORDS
    features.append(f"np_b1={np_noun and not _NP_OPENERS.isdisjoint(before[-4:-1])}")
    # "A new rug, "Container", woven ...", "a new cloak, *Te Hau Kāinga*": the same noun phrase, then a comma
    wide = [w for w in lower[max(sentence.first_word, first - 7) : first] if w not in _QUOTE_WORDS]
    np_comma = len(wide) > 2 and wide[-1] == "," and wide[-2].isalpha() and wide[-2] not in _TITLE_SMALL_WORDS
    features.append(f"np_comma={np_comma and not _NP_OPENERS.isdisjoint(wide[-6:-2])}")
    features.append(f"rank_before={not RANKING_WORDS.isdisjoint(before)}")
    # A quote right after a noun that names a saying ("his workshop motto, "X""): a rare noun's own weight
    # teaches little, the class's does.
    said = [w for w in before if w[:1].isalpha()][-1:]
    features.append(f"saying_before={not SAYING_NOUNS.isdisjoint(said)}")
    return features


def _past_bracket(story: AnalysedStory, stop: int, end: int) -> list[str]:
    """The words after a bracket that follows a title ("Kant (2019), neckpieces of pierced silver",
    "Bamboo Lung (2018), a walk-through pavilion"): the appositive past a year or a translation."""
    lower = story.lower_words
    close = next((k for k in range(end, min(stop, end + 12)) if lower[k] == ")"), None)
    if close is None:
        return []
    rest = [_shape(w) for w in lower[close + 1 : min(stop, close + 3)]]
    features = [f"pa1={rest[0] if rest else '</s>'}"]
    if len(rest) > 1 and rest[0] == ",":
        features.append(f"pa2={rest[1]}")
    return features


_CLAUSE_JOINERS = frozenset(_TITLE_WORDS["clause_joiners"])
_NP_OPENERS = frozenset(_TITLE_WORDS["noun_phrase_openers"])
_TITLE_SMALL_WORDS = frozenset(_TITLE_WORDS["small_words"]) | _NP_OPENERS


def _clause_head(earlier: list[str]) -> str:
    """Which kind of noun comes first in the clause before a title: a show's, a work's or neither."""
    start = max(
        (
            k + 1
            for k, w in enumerate(earlier)
            if w in (";", ":", "\u2014") or (w in _CLAUSE_JOINERS and k > 0 and earlier[k - 1] == ",")
        ),
        default=0,
    )
    for w in earlier[start:]:
        if w in TITLE_EXHIBITION_WORDS:
            return "exh"
        if w in WORK_NOUNS:
            return "work"
    return "none"


_BULLETS = " \t-\u2013\u2014\u2022*\"'\u201c\u2018_"


def _line_start(text: str, start: int) -> bool:
    """Does the title open its line (a list entry, "- Wasserschrift (2021)")?"""
    line = text.rfind("\n", max(0, start - 80), start)
    if line < 0 and start > 80:
        return False
    return not text[line + 1 : start].strip(_BULLETS)


def _title_shape_features(story: AnalysedStory, found: Findings, title: Title, source: str) -> list[str]:
    """What tells a title from a phrase or a show's name: lowercase words that are no title's small
    words ("Hrafnar came three years later"), a comma inside, an exhibition word in it (after it: see
    :func:`_context_features`), and whether the story names it again (a work is talked about; a
    passing phrase is not)."""
    small = found.lexicon.title_small_words
    lowered = title.text.lower()
    words = lowered.split()
    loose = sum(1 for w in title.text.split() if w[:1].islower() and w not in small)
    features = [f"lw={source}:{_bucket(loose, (1, 2, 3))}", f"comma_in={',' in title.text}"]
    features.append(f"exh_in={not TITLE_EXHIBITION_WORDS.isdisjoint(words)}")
    content = [w for w in words if w not in small]
    if content:  # words the story never writes in lower case: names, or words of another language
        common = sum(1 for w in content if w in story.lowercase_vocabulary) / len(content)
        features.append(f"lc_share={_bucket(common, (0.01, 0.5, 0.99))}")
    again = story.low.count(lowered) - 1 if lowered else 0
    again_bucket = _bucket(again, (1, 2, 3))
    features.append(f"again={again_bucket}")
    features.append(f"again={again_bucket}&src={source}")
    return features


def _venue_just_before(story: AnalysedStory, mentions: Mentions, title: Title) -> bool:
    """'Belfast, Ulster Museum, "Irish Sculpture Now", 1981': a venue, then the name of the show held there."""
    venues = mentions.between("venues", max(0, title.start - 80), title.start)
    return bool(venues) and not story.text[venues[-1].end : title.start].strip(" ,:;\"'\u201c\u2018*_")


_VENUE_GLUE = frozenset((",", "at", "the", "in", "(", ")", ":"))


def _venue_just_after(story: AnalysedStory, mentions: Mentions, title: Title) -> bool:
    """'"Tray Stories", Nubuke Foundation, Accra', '"Clay Futures" at the Gardiner Museum': a show's name."""
    venues = mentions.between("venues", title.end, title.end + 40)
    if not venues:
        return False
    gap = story.text[title.end : venues[0].start].lower().replace(",", " , ").split()
    return all(w.strip("\"'\u201d\u2019*_") in _VENUE_GLUE or not w.strip("\"'\u201d\u2019*_") for w in gap)


_NAMING_WORDS = frozenset(("titled", "called", "entitled", "named", "calls", "call"))
_OWNED_WORK_NOUNS = WORK_NOUNS - _NAMING_WORDS
_POSSESSIVES = {"his": "he", "her": "she", "their": "they", "whose": "whose", "my": "i", "your": "you"}


def _ownership_features(story: AnalysedStory, found: Findings, title: Title) -> list[str]:
    """Whose work and what kind of thing the words before a title make it: the nearest person
    reference ("Her partner, the composer Vlad Ionescu, wrote an album"), the nearest possessive
    ("his album" in a story about a woman, "whose series"), and whether the nearest noun before or
    after it names a show or a work ("Solo exhibitions include "X"", '"X", a solo exhibition by')."""
    refs = found.refs
    lower = story.lower_words
    if refs is None or not lower:
        return []
    first = story.first_word_from(title.start)
    end = story.first_word_from(title.end)
    sentence = story.sentences[story.word_sentence[min(first, len(lower) - 1)]]
    owner = refs.owner_at(title.start, look_after=False)
    features = [f"owner={owner}"]
    sentence_refs = refs.per_sentence[story.word_sentence[min(first, len(lower) - 1)]]
    nearest = next((r for r in reversed(sentence_refs) if r.word < first), None)  # (in word order)
    features.append(f"ref_before={nearest.kind if nearest is not None else None}")
    possessive = "none"
    for k in range(first - 1, max(sentence.first_word, first - 7) - 1, -1):
        family = _POSSESSIVES.get(lower[k])
        if family is None:
            continue
        possessive = family
        if family in ("he", "she", "they"):
            possessive = "own" if family == refs.pronoun else "other"
        break
    features.append(f"poss={possessive}")
    features.append(f"poss={possessive}&owner={owner}")
    before = _nearest_noun_kind(lower, range(first - 1, sentence.first_word - 1, -1))
    after = _nearest_noun_kind(lower, range(end, min(sentence.end_word, end + 8)))
    features.append(f"noun_before={before}")
    features.append(f"noun_after={after}")
    features.append(f"noun_before={before}&noun_after={after}")
    return features


def _nearest_noun_kind(lower: list[str], positions: range) -> str:
    """Whether the first show or work noun met at ``positions`` names a show, a work, or neither ("none")."""
    for k in positions:
        if lower[k] in TITLE_EXHIBITION_WORDS:
            return "show"
        if lower[k] in _OWNED_WORK_NOUNS:
            return "work"
    return "none"


def _kind_features(story: AnalysedStory, found: Findings, title: Title) -> list[str]:
    """The kind of work the words right around a title name, as a class ("Huaco Roto, a cracked
    ceremonial vessel", "her tapestry Norrsken i Juni"): the appositive's and the nearest before."""
    lex = found.lexicon
    sentence = story.sentences[story.sentence_of(title.start)]
    low = story.low
    after = low[title.end : min(sentence.end, title.end + 90)].lstrip(" \"'\u201d\u2019*_")
    appositive = None
    if after.startswith((",", "(", "\u2014", "-", ":")):
        for stop in (";", ". ", " and then ", " but ", ")"):
            cut = after.find(stop)
            if cut > 0:
                after = after[:cut]
        appositive = _first_cue(lex, after)
    before = _first_cue(lex, low[max(sentence.start, title.start - 50) : title.start], nearest_end=True)
    return [f"kind_appos={appositive}", f"kind_before={before}"]


def _person_context_features(story: AnalysedStory, found: Findings, title: Title) -> list[str]:
    """A capitalised run that the words around it make a person ("her partner Caio Lemos",
    "Victoria Lang, a retired set designer", "the novel by Karel Čapek"): a noun for a person just
    before it, or in the appositive after it."""
    lex = found.lexicon
    lower = story.lower_words
    if not lower:
        return []
    first = story.first_word_from(title.start)
    end = story.first_word_from(title.end)
    sentence = story.sentences[story.word_sentence[min(first, len(lower) - 1)]]

    def personal(word: str) -> bool:
        return word in lex.other_person_nouns or word in TRADE_NOUNS or word in lex.artist_self_nouns

    before = any(personal(w) for w in lower[max(sentence.first_word, first - 3) : first])
    appositive = False
    if end < sentence.end_word and lower[end] == ",":
        for w in lower[end + 1 : min(sentence.end_word, end + 7)]:
            if w in (",", ";", "."):
                break
            if personal(w) or (w.endswith(AGENT_SUFFIXES) and w not in WORK_NOUNS and len(w) > 4):
                appositive = True
                break
    return [f"pn_before={before}", f"pn_appos={appositive}", f"pred={_predicate(story, lex, end, sentence, personal)}"]


def _predicate(story: AnalysedStory, lex: Lexicon, end: int, sentence: Any, personal: Any) -> str:
    """What "X is a ..." says X is ("Schwerkraft I is a lead sheet draped over a beam", "Ghungroo is a
    solo performance", "Victoria Lang was a set designer"): a person, a work, something else, or none."""
    lower = story.lower_words
    if end + 1 >= sentence.end_word or lower[end] not in PREDICATE_VERBS or lower[end + 1] not in ("a", "an", "one"):
        return "none"
    words = []
    for w in lower[end + 2 : min(sentence.end_word, end + 8)]:
        if not w[:1].isalnum():
            break
        if personal(w) or (w.endswith(AGENT_SUFFIXES) and w not in WORK_NOUNS and len(w) > 4):
            return "person"
        words.append(w)
    return "work" if _first_cue(lex, " ".join(words)) else "other"


def work_candidates(story: AnalysedStory, found: Findings) -> list[Candidate]:
    lex, mentions, refs = found.lexicon, found.mentions, found.refs
    if refs is None:
        return []
    rule_keys = {fold(w.title) for w in found.works}
    venue_keys = {m.key for m in mentions.venues}
    person_keys = {m.key for m in mentions.persons}
    candidates: list[Candidate] = []
    seen: set[str] = set()
    title_spans = [(t.start, t.end) for t in mentions.titles]
    quotes = [
        Title(
            q.start,
            q.end,
            q.inner_start,
            q.inner_end,
            clean_title(story.text[q.inner_start : q.inner_end]),
            False,
            q.mark,
        )
        for q in story.quotes
        if (q.start, q.end) not in title_spans
    ]
    quotes = [q for q in quotes if q.text and len(q.text.split()) <= 10]
    taken = title_spans + [(q.start, q.end) for q in quotes]
    sources = [(t, "title") for t in mentions.titles] + [(q, "quote") for q in quotes]
    alternatives: dict[tuple[str, int, int], int] = {}  # a title's span -> its group of alternatives
    groups = 0
    for options in _unquoted_titles(story, found, taken):
        for t in options:
            sources.append((t, "bare"))
            taken.append((t.start, t.end))
            if len(options) > 1:
                alternatives[("bare", t.start, t.end)] = groups
        groups += 1
    extra: dict[tuple[str, int, int], list[str]] = {}
    for line_options in _line_titles(story, found, title_spans + [(q.start, q.end) for q in quotes]):
        for t, line_features in line_options:
            sources.append((t, "line"))
            extra[("line", t.start, t.end)] = line_features
            if len(line_options) > 1:
                alternatives[("line", t.start, t.end)] = groups
        groups += 1
    chunk_groups: dict[int, int] = {}
    for t, label, joined in _chunk_titles(story, found, taken):
        sources.append((t, "chunk"))
        extra[("chunk", t.start, t.end)] = [f"chunk={label}"]
        if joined >= 0:
            if joined not in chunk_groups:
                chunk_groups[joined] = groups
                groups += 1
            alternatives[("chunk", t.start, t.end)] = chunk_groups[joined]
    sources.sort(key=lambda item: item[0].start)
    by_key = {fold(w.title): w for w in found.works}
    venue_keys |= {fold(ex.venue) for ex in found.exhibitions if ex.venue}
    # A bare title is no venue's name, unless the run was read as a venue only as a title may be ("Fante Queens")
    blocked = venue_keys - {m.key for m in mentions.venues if m.evidence in TITLE_VENUE_EVIDENCE}
    lowercase_counts: Counter | None = None
    for title, source in sources:
        key = fold(title.text)
        if not key or key in seen or (source == "bare" and key in blocked):
            continue
        seen.add(key)
        known = by_key.get(key) if source == "title" else None
        features, kind, kind_confidence = _title_features(story, found, title, source, known)
        features += _context_features(story, title)
        if "saying_before=True" in features and key not in rule_keys:
            continue  # a motto, a lyric, a nickname: the record format says such quotes are no titles
        features += extra.get((source, title.start, title.end), ())
        features += _title_shape_features(story, found, title, source)
        if lowercase_counts is None:
            lowercase_counts = _lowercase_counts(story)
        first, last = _words_of(story, title.inner_start, title.inner_end)
        features.append(f"lk={source}:{_known_share(story, lowercase_counts, first, last, title.text)}")
        features.append(f"venue_name={key in venue_keys}")
        near = mentions.between("venues", title.inner_start - _LONGEST_VENUE, title.inner_end)
        features.append(f"in_venue={any(title.inner_start < v.end for v in near)}")
        features.append(f"has_city={bool(mentions.between('cities', title.inner_start, title.inner_end))}")
        features.append(f"venue_before={_venue_just_before(story, mentions, title)}")
        features.append(f"venue_after={_venue_just_after(story, mentions, title)}")
        features.append(f"person_name={key in person_keys}")
        # Whatever found the title: a show's name ("a solo show, "X"") or another person's work is no work of theirs.
        features.append(f"exhibition_title={_names_an_exhibition(story, lex, title)}")
        features.append(f"someone_else={_belongs_to_someone_else(story, mentions, lex, refs, title)}")
        features += _ownership_features(story, found, title)
        features += _kind_features(story, found, title)
        features += _person_context_features(story, found, title)
        rule = key in rule_keys
        features.append(f"rule={rule}")
        value = by_key.get(key) or WorkMention(
            title.text,
            kind,
            story.sentence_of(title.start),
            (title.inner_start, title.inner_end),
            kind_confidence,
            title,
        )
        group = alternatives.get((source, title.start, title.end), -1)
        candidates.append(Candidate("works", title_key(title.text), value, features, rule, group=group))
    return candidates


STAGES: dict[str, Stage] = {
    "name": name_candidates,
    "pronoun": pronoun_candidates,
    "age": age_candidates,
    "birth_city": birth_city_candidates,
    "disciplines": discipline_candidates,
    "cities": city_candidates,
    "exhibitions": exhibition_candidates,
    "works": work_candidates,
    "artist": artist_candidates,
}
