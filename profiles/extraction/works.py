"""Stage 3c: the artist's titled works and what kind of work each is.

Titles were found in :mod:`.mentions` (quoted or starred stretches that do not
read as speech or a motto).  Here we keep those that belong to the artist and
give each a work kind (docs/record-format.md) from the nearest cue word: first in the appositive
after the title (", a series of seven felt panels"), then just before it
("his debut album, ..."), then in the rest of the sentence, then in the
sentence before.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .lexicon import Lexicon
from .mentions import Mentions, Title, clean_title
from .protagonist import References, _self_reference
from .text import AnalysedStory
from .textutil import fold


@dataclass(slots=True)
class WorkMention:
    title: str
    kind: str
    sentence: int
    match: tuple[int, int]
    confidence: float
    source: Title


def first_cue(lex: Lexicon, text: str, *, nearest_end: bool = False) -> str | None:
    """The kind named by the first cue in ``text`` (or the one ending last).

    Remembered by text: the rules and the candidates' features ask about the same stretches of a
    story, and the kind patterns are slow to run."""
    group = _first_cue_group(lex.work_kind_regex, text, nearest_end)
    return lex.work_kind_of_group[group] if group is not None else None


@lru_cache(maxsize=4096)
def _first_cue_group(patterns, text: str, nearest_end: bool) -> str | None:
    best = None
    for match in patterns.finditer(text):
        if not nearest_end:
            return match.lastgroup
        best = match
    return best.lastgroup if best else None


def work_kind(story: AnalysedStory, lex: Lexicon, title: Title) -> tuple[str, float]:
    """(kind, confidence) for a title from the words around it."""
    norm = story.low  # the kind cues have no capitals: match the lowercase copy
    sentence_index = story.sentence_of(title.start)
    sentence = story.sentences[sentence_index]
    after = norm[title.end : sentence.end]
    # The appositive: up to the end of the clause that follows the title.
    appositive = after
    for stop in (";", ". ", " and then ", " but "):
        cut = appositive.find(stop)
        if cut >= 0:
            appositive = appositive[:cut]
    appositive = appositive[:160]
    if appositive.lstrip().startswith(","):
        kind = first_cue(lex, appositive)
        if kind:
            return kind, 0.9
    before = norm[max(sentence.start, title.start - 120) : title.start]
    kind = first_cue(lex, before, nearest_end=True)
    if kind:
        return kind, 0.85
    kind = first_cue(lex, appositive)
    if kind:
        return kind, 0.75
    if sentence_index > 0:
        previous = story.sentences[sentence_index - 1]
        kind = first_cue(lex, norm[previous.start : previous.end], nearest_end=True)
        if kind:
            return kind, 0.6
    return "other", 0.5


def names_an_exhibition(story: AnalysedStory, lex: Lexicon, title: Title) -> bool:
    """'a group exhibition called "Surfaces"', 'a solo show, *Afterglow*': the show's name, not a work."""
    first = story.first_word_from(title.start)
    sentence = story.sentences[story.word_sentence[min(first, len(story.words) - 1)]]
    before = story.lower_words[max(sentence.first_word, first - 3) : first]
    before = [w for w in before if w not in (",", "called", "titled", "entitled", "named", "the")]
    return (bool(before) and before[-1] in lex.exhibition_title_cues) or shown_as_a_show(story, lex, title)


_APPOSITIVE_STOPS = frozenset((",", ";", ".", ":", "of", "at", "in", "by", "on", "for", "with", "outside", "(", ")"))
_QUOTE_MARKS = frozenset(('"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "*", "_"))


def shown_as_a_show(story: AnalysedStory, lex: Lexicon, title: Title) -> bool:
    """'*Low Water*, her second solo exhibition at ...', '"Rain Engine", a solo exhibition by ...': an
    appositive whose own noun is a show's (not 'a series of paintings shown in a solo exhibition')."""
    memo = story.cache.setdefault("works.shown_as_a_show", {})
    key = (title.start, title.end)
    if key not in memo:
        memo[key] = _shown_as_a_show(story, lex, title)
    return memo[key]


def _shown_as_a_show(story: AnalysedStory, lex: Lexicon, title: Title) -> bool:
    lower = story.lower_words
    if not lower:
        return False
    k = story.first_word_from(title.end)
    stop = story.sentences[story.word_sentence[min(k, len(lower) - 1)]].end_word
    while k < stop and lower[k] in _QUOTE_MARKS:
        k += 1
    if k < stop and lower[k] == "(":  # past a year or a translation
        close = next((c for c in range(k, min(stop, k + 10)) if lower[c] == ")"), None)
        k = close + 1 if close is not None else k
    if k >= stop or lower[k] not in (",", "\u2014"):
        return False
    for w in lower[k + 1 : min(stop, k + 7)]:
        if w in lex.exhibition_title_cues:
            return True
        if w in _APPOSITIVE_STOPS or not w.isalpha() or first_cue(lex, w) is not None:
            return False
    return False


def belongs_to_someone_else(
    story: AnalysedStory, mentions: Mentions, lex: Lexicon, refs: References, title: Title
) -> bool:
    """'her teacher's painting "X"', '"X", a song by Ana Ruiz': explicitly another person's work."""
    first = story.first_word_from(title.start)
    if not story.words:
        return False
    sentence = story.sentences[story.word_sentence[min(first, len(story.words) - 1)]]
    lower = story.lower_words
    window = range(max(sentence.first_word, first - 5), first)
    # "Her brother is a pianist; his album "Bahir" ...": a possessive of the other gender owns it
    # (with no word but the work's noun between, so "her portrait of his father" stays hers).
    pronoun = refs.pronoun
    for k in range(first - 1, max(sentence.first_word, first - 4) - 1, -1):
        family = lex.pronoun_of.get(lower[k]) if lower[k] in ("his", "her") else None
        if family is not None:
            if pronoun in ("he", "she") and family != pronoun and not _speech_before(lower, sentence.first_word, k):
                return True
            break
        if not story.words[k].isalpha() or story.words[k][:1].isupper():
            break
    for k in window:
        if lower[k] == "'s" and k > 0:
            owner = lower[k - 1]
            if (owner in lex.other_person_nouns and not _self_reference(story, k - 1)) or (
                story.words[k - 1] in mentions.person_words and owner not in refs.protagonist.words
            ):
                return True
    end = story.first_word_from(title.end)
    for k in range(end, min(sentence.end_word, end + 8)):
        if lower[k] == "by" and k + 1 < len(lower):
            nxt = story.words[k + 1]
            if nxt in mentions.person_words and nxt.lower() not in refs.protagonist.words:
                return True
            relative = k + 2 < len(lower) and lower[k + 2] in lex.other_person_nouns
            if lower[k + 1] in ("her", "his", "their") and relative:
                return True
    return False


def _speech_before(lower: list[str], first: int, k: int) -> bool:
    """A quotation mark opened earlier in the sentence: the possessive may be a speaker's."""
    return any(w in ('"', "\u201c") for w in lower[first:k])


def _as_written(story: AnalysedStory, title: Title) -> str:
    """The title with the letters that normalising turned into apostrophes given back ("Dibé
    Bitsʼiin", "Rukʼuʼx Ulew"): in Navajo or K'iche' the modifier letter is a letter of the word."""
    inner = story.text[title.inner_start : title.inner_end]
    norm = story.norm[title.inner_start : title.inner_end]
    if inner == norm:
        return title.text
    restored = clean_title("".join(o if o != n and o.isalpha() else n for o, n in zip(inner, norm, strict=True)))
    return restored if fold(restored.replace("\u02bc", "'")) == fold(title.text) else title.text


def find_works(story: AnalysedStory, mentions: Mentions, lex: Lexicon, refs: References) -> list[WorkMention]:
    """The artist's titled works, once each, in order of first mention."""
    works: list[WorkMention] = []
    seen: set[str] = set()
    venue_keys = {m.key for m in mentions.venues}
    person_keys = {m.key for m in mentions.persons}
    for title in mentions.titles:
        key = fold(title.text)
        if key in seen or key in venue_keys or key in person_keys:
            continue
        if names_an_exhibition(story, lex, title) or belongs_to_someone_else(story, mentions, lex, refs, title):
            continue
        kind, confidence = work_kind(story, lex, title)
        if not title.cued and title.mark == '"':
            confidence -= 0.1
        seen.add(key)
        works.append(
            WorkMention(
                _as_written(story, title),
                kind,
                story.sentence_of(title.start),
                (title.inner_start, title.inner_end),
                round(max(0.1, confidence), 2),
                title,
            )
        )
    return works
