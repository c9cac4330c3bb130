"""Stage 2: find mentions - capitalised names, cities, venues, titles.

Matching is separate from interpretation: this stage says "these words are a
person's name", "this is a city (Almaty, KZ)", "this quoted phrase is a
title"; deciding who is the protagonist or which city is the birth city is
the next stage's job (:mod:`.protagonist`).

A capitalised chunk is a run of capitalised words, possibly joined by
particles ("van der", "de la", "al-") or venue connectors ("of the").  Each
chunk gets one label:

  PERSON   2-5 name-like words ("Gulmira Seitova", "Sanjar van Leeuwen")
  NAME     one name-like word (a first name, a surname, maybe a city)
  CITY     a city of the gazetteer *with* place evidence (see ``_city_evidence``)
  COUNTRY / REGION / PLACE (streets, rivers, mountains: never cities)
  VENUE    a named museum, gallery, festival... ("Kasteev State Museum of Arts")
  WORK     words inside a title
  OTHER    anything else ("Central Asian", "the Tien Shan")
"""

from __future__ import annotations

import bisect
import operator
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import compress

from .gazetteer import CityCandidates, CityMatch, Gazetteer
from .labelled import field_item
from .lexicon import Lexicon
from .patterncache import compile as compile_pattern
from .story_record import (
    LABEL_CITY,
    LABEL_COUNTRY,
    LABEL_NAME,
    LABEL_OTHER,
    LABEL_PERSON,
    LABEL_PLACE,
    LABEL_REGION,
    LABEL_VENUE,
    LABEL_WORK,
    MentionLabel,
)
from .text import AnalysedStory
from .textutil import fold, letters_only

_LIST_JOINERS = {",", "and", "or", "&"}
_mention_text = operator.attrgetter("text")
# People are not "in" or "near" anything; a name after these is a place ("grew up in Kampung Baru").
_PLACE_ONLY_PREPOSITIONS = frozenset(("in", "near", "outside", "around", "across", "through", "every", "inside"))
_QUOTE_MARKS = {'"', "'", "*", "_"}


@dataclass(slots=True)
class Mention:
    start: int  # character offsets into the original text
    end: int
    first_word: int  # word indices, end exclusive
    end_word: int
    label: MentionLabel
    text: str
    city: CityMatch | None = None
    evidence: str = ""  # why the label was given (city and venue rules)
    candidates: list = field(default_factory=list)  # gazetteer matches, for CITY
    country_after: str | None = None

    @property
    def key(self) -> str:
        return fold(self.text)


@dataclass(slots=True)
class Title:
    start: int  # offsets of the whole quoted stretch, marks included
    end: int
    inner_start: int
    inner_end: int
    text: str  # cleaned title text
    cued: bool  # a work noun ("album", "series") stands just before it
    mark: str


@dataclass(slots=True)
class Mentions:
    chunks: list[Mention]
    persons: list[Mention]
    names: list[Mention]
    cities: list[Mention]
    countries: list[Mention]
    venues: list[Mention]
    titles: list[Title]
    person_words: set[str]
    exhibition_sentences: set[int]
    story_countries: dict[str, int]
    person_at: dict[int, Mention] = field(default_factory=dict)  # first word -> PERSON
    person_ending_at: dict[int, Mention] = field(default_factory=dict)  # end word -> PERSON
    # A city in a venue's name that was not believed as a city of the story ("Kunsthalle Basel" in a
    # story set elsewhere), by the venue's end word: still the likely place of a showing there.
    name_cities: dict[int, Mention] = field(default_factory=dict)
    _starts: dict = field(default_factory=dict, repr=False)

    def between(self, kind: str, start: int, end: int) -> list[Mention]:
        """Mentions of ``kind`` ("cities", "venues", "countries") starting in [start, end).

        Bisection keeps per-sentence lookups cheap on very long texts.
        """
        items = getattr(self, kind)
        starts = self._starts.get(kind)
        if starts is None:
            starts = self._starts[kind] = [m.start for m in items]
        return items[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]


# ---------------------------------------------------------------------------
# Titles (quoted or starred stretches that name a work)
# ---------------------------------------------------------------------------

_AFTER_QUOTE_SPEECH = None  # compiled lazily per lexicon (see _speech_after_regex)
_ABBREVIATION_END = re.compile(r"(?:\b[A-Za-z]\.){2,}$|\b[A-Z]\.$")
_TITLE_TOKEN = re.compile(r"[\w'\u2019.-]+")
_WORD_BEFORE = re.compile(r"[\w'-]+")
_PERSONAL_PRONOUNS = {
    "i",
    "me",
    "my",
    "we",
    "us",
    "our",
    "you",
    "your",
    "i'm",
    "i'd",
    "i've",
    "i'll",
    "don't",
    "can't",
    "won't",
}


def _speech_after_regex(lex: Lexicon) -> re.Pattern:
    # Longest first; alphabetical among equals, so the pattern is the same in every process (a set's
    # order changes with the hash seed) and the compiled one is found in the pattern cache.
    verbs = "|".join(sorted((re.escape(v) for v in lex.speech_verbs if " " not in v), key=lambda v: (-len(v), v)))
    return compile_pattern(
        r"^\s*,?\s*(?:he|she|they|i|we|[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){0,3}|the\s+(?:[\w-]+\s+){0,3}?[\w-]+|one\s+(?:[\w-]+\s+){0,2}?[\w-]+|a\s+(?:[\w-]+\s+){0,2}?[\w-]+)"
        r"\s+(?:would\s+|liked\s+to\s+|likes\s+to\s+|used\s+to\s+|once\s+|later\s+|often\s+|always\s+"
        r"|then\s+|simply\s+|had\s+|has\s+)?(?:" + verbs + r")\b"
    )


def clean_title(inner: str) -> str:
    title = " ".join(inner.split())
    title = title.strip().rstrip(",;:").strip()
    if title.endswith(".") and not _ABBREVIATION_END.search(title):
        title = title[:-1].rstrip()
    return title.strip(" \"'*_")


def find_titles(story: AnalysedStory, lex: Lexicon, speech_after: re.Pattern) -> list[Title]:
    """Quoted/starred stretches that read as titles, not as speech or a motto."""
    titles: list[Title] = []
    norm = story.norm
    for quote in story.quotes:
        inner = norm[quote.inner_start : quote.inner_end]
        text = clean_title(inner)
        if not text or not (text[0].isupper() or text[0].isdigit()):
            continue
        tokens = _TITLE_TOKEN.findall(text)
        if not tokens or len(tokens) > lex.max_title_words:
            continue
        # Words just before the quote (same sentence): a speech verb or a motto
        # noun rules it out; a work noun ("his debut album,") marks a title.
        before_start = max(0, quote.start - 80)
        sentence_start = story.sentences[story.sentence_of(quote.start)].start if story.sentences else 0
        before = norm[max(before_start, sentence_start) : quote.start]
        all_before = _WORD_BEFORE.findall(before.lower())
        before_words = all_before[-4:]
        cued = any(w in lex.title_cue_before for w in before_words)
        if not cued and before.rstrip().endswith(","):
            # An appositive: "The first collection under her own name, "X"".
            cued = any(w in lex.title_cue_before for w in all_before[-8:])
        last = [w for w in before_words if w not in ("it", "him", "her", "them", "this", "that", "simply", "only")][-1:]
        if (
            last
            and last[0] in lex.speech_openers
            and not cued
            and not (last[0] == "name" and before_words[-3:-2] == ["made"])
        ):  # "that made her name, "X""
            continue
        if before.rstrip().endswith(":") and not cued:
            continue
        after = norm[quote.end : quote.end + 80]
        if speech_after.match(after):
            continue
        lowered = [t.lower() for t in tokens]
        if any(t in _PERSONAL_PRONOUNS for t in lowered) and not cued:
            continue
        if text.endswith(("?", "!")) and not cued:
            continue
        content = [t for t in tokens if t.lower() not in lex.title_small_words and t[0].isalpha()]
        if content:
            capitalised = sum(1 for t in content if t[0].isupper())
            ratio = capitalised / len(content)
        else:
            ratio = 1.0
        threshold = 0.75 if quote.mark == "'" else 0.6
        if ratio < threshold and not (cued and ratio >= 0.3) and quote.mark != "*":
            continue
        if quote.mark == "'" and len(tokens) > 8:
            continue
        titles.append(Title(quote.start, quote.end, quote.inner_start, quote.inner_end, text, cued, quote.mark))
    return titles


# ---------------------------------------------------------------------------
# Capitalised chunks
# ---------------------------------------------------------------------------


def _is_capitalised_word(word: str, lex: Lexicon) -> bool:
    if not word or not word[0].isalpha():
        return False
    if word[0].isupper():
        return True
    if word.isalpha() and not word.islower() and not word.isupper():
        return True  # "deSingel", "iMuseum": a capital inside a name
    # "al-Masri", "el-Sayed", "d'Alembert": a lowercase particle glued to a name.
    for separator in ("-", "'", "\u2019"):
        if separator in word:
            head, _, rest = word.partition(separator)
            if head.lower() in lex.hyphen_particles and rest[:1].isupper():
                return True
    return False


def _connector_run(story: AnalysedStory, lex: Lexicon, j: int, chunk_words: list[str], capitalised: set[int]) -> int:
    """How many lowercase connector words at ``j`` lead to another capitalised word (0 if none)."""
    words = story.lower_words
    n = len(words)
    k = j
    has_of = any(w.lower() in ("of", "for") for w in chunk_words)
    while k < n and k - j < 3:
        low = words[k]
        elided = low[:2] in ("d'", "l'") and story.words[k] == low  # "Musée d'arts de Nantes"
        venue_only = low in lex.venue_connectors
        if (low not in lex.connectors and not elided and not venue_only) or story.words[k] != low:
            break
        if (venue_only or (low in ("and", "&") and not has_of)) and not _venue_on_either_side(
            story, lex, k, chunk_words, capitalised
        ):
            return 0
        if low == "the" and (k == j or words[k - 1] not in ("of", "for", "de", "at")):
            return 0
        if low == "for" and k == j and _event_after_for(story, lex, k, chunk_words, capitalised):
            return 0
        if low in ("of", "for"):
            has_of = True
        k += 1
    if k == j or k >= n or k not in capitalised:
        return 0
    if story.word_sentence[k] != story.word_sentence[j]:
        return 0
    return k - j


def _event_after_for(story: AnalysedStory, lex: Lexicon, k: int, chunk_words: list[str], capitalised: set[int]) -> bool:
    """'went to Brisbane for the Asia Pacific Triennial', 'the State Library for the Perth Festival': a "for"
    between a name with no venue word and a venue's name ends the first ("Centre for the Moving Image",
    "Museum for African Art" have their venue word before it)."""
    heads = lex.venue_heads
    if any(w in heads for w in chunk_words):
        return False
    words, lower = story.words, story.lower_words
    end = k + 1 + (k + 1 < len(words) and lower[k + 1] == "the")
    start = end
    while end in capitalised and end - start < 5:
        if words[end] in heads:
            return True
        end += 1
    return False


def _lowercase_name_run(story: AnalysedStory, lex: Lexicon, j: int, capitalised: set[int]) -> int:
    """'Musée d'art contemporain de Montréal', 'Musée national des beaux-arts du Québec': after a venue head,
    lowercase words to a capitalised one, a third of them connectors (not 'Museo was closed by Ana')."""
    words, lower = story.words, story.lower_words
    connectors = lex.connectors
    k, joined, plain = j, 0, 0
    while k < len(words) and k - j < 8 and words[k] == lower[k] and lower[k] not in _NAME_RUN_STOPS:
        if lower[k] in connectors or lower[k][:2] in ("d'", "l'"):
            joined += 1
        elif words[k].replace("-", "").replace("'", "").isalpha():
            plain += 1  # ("beaux-arts")
        elif words[k] != "-":
            return 0
        k += 1
    if not joined or 2 * joined < plain or k not in capitalised or story.word_sentence[k] != story.word_sentence[j]:
        return 0
    return k - j


_NAME_RUN_STOPS = frozenset(("and", "&", "the", "in", "at", "on", "with", "for", "a", "an"))


def _venue_on_either_side(
    story: AnalysedStory, lex: Lexicon, k: int, chunk_words: list[str], capitalised: set[int]
) -> bool:
    """'Inverness Museum and Art Gallery', 'Victoria and Albert Museum', 'Jazz & Heritage Festival': an 'and'
    inside a venue's name, when a venue head stands in the name before it or in the capitalised run after it
    (not 'Maria and Pedro')."""
    heads = lex.venue_heads
    if any(w in heads for w in chunk_words):
        return True
    words = story.words
    end = k + 1
    while end in capitalised and end - k <= 4:
        if words[end] in heads:
            return True
        end += 1
    return False


def capitalised_words(story: AnalysedStory, lex: Lexicon) -> list[int]:
    """Indices of capitalised words (and "al-Masri"-style particle names)."""
    words = story.words
    # A word that differs from its lowercase form has a capital somewhere: few, so test those.
    differs = compress(range(len(words)), map(operator.ne, words, story.lower_words))
    return [i for i in differs if words[i][0].isupper() or _is_capitalised_word(words[i], lex)]


def find_chunks(story: AnalysedStory, lex: Lexicon, capitalised: list[int] | None = None) -> list[tuple[int, int]]:
    """Word spans of runs of capitalised words, joined by particles and connectors."""
    if capitalised is None:
        capitalised = capitalised_words(story, lex)
    capset = set(capitalised)
    words, sentence_of, norm = story.words, story.word_sentence, story.norm
    starts, ends, lower, connectors = story.starts, story.ends, story.lower_words, lex.connectors
    suffixes = lex.name_suffix_particles
    n = len(words)
    spans: list[tuple[int, int]] = []
    consumed = -1
    for i in capitalised:
        if i < consumed:
            continue
        j = i + 1
        while j < n and sentence_of[j] == sentence_of[i]:
            if "-" in words[j - 1] and _hyphen_suffix_city(words[j - 1], lex):
                break  # "Kumasi-born Kofi Mensah": the glued place ends its chunk, the name is its own
            if j in capset:
                if "\n" in norm[ends[j - 1] : starts[j]]:
                    break
                j += 1
                continue
            if lower[j] in connectors or lower[j][:2] in ("d'", "l'") or lower[j] in lex.venue_connectors:
                run = _connector_run(story, lex, j, words[i:j], capset)
                if run and "-" in words[j + run] and _hyphen_suffix_city(words[j + run], lex):
                    run = 0  # ("Canada of the Tehran-born video artist")
                if run:
                    j += run + 1
                    continue
            if words[j - 1] in lex.lowercase_name_heads:
                run = _lowercase_name_run(story, lex, j, capset)
                if run:
                    j += run + 1
                    continue
            break
        if j - i >= 2 and j < n and lower[j] in suffixes and words[j] == lower[j] and sentence_of[j] == sentence_of[i]:
            j += 1  # "Aibek Marat uulu": a patronymic word ends the name
        spans.append((i, j))
        consumed = j
    return spans


def _trim_chunk(
    story: AnalysedStory, lex: Lexicon, i: int, j: int, proper_mid: set[str]
) -> tuple[int, int, str | None]:
    """Drop sentence-opening common words, articles and honorifics from a chunk."""
    honorific = None
    words, lower, initial = story.words, story.lower_words, story.initial
    while i < j:
        word = words[i]
        low = lower[i]
        if word.rstrip(".") in lex.honorifics and i + 1 < j and not any(w in lex.venue_heads for w in words[i + 1 : j]):
            honorific = word
            i += 1
            continue
        if low in ("the", "a", "an") and i + 1 < j:
            i += 1
            continue
        opening = i in initial or (i > 0 and words[i - 1] in _QUOTE_MARKS)  # (is_sentence_initial)
        if opening and (low in lex.openers or (low in story.lowercase_vocabulary and word not in proper_mid)):
            i += 1
            continue
        break
    connectors, suffixes = lex.connectors, lex.name_suffix_particles
    while j > i and lower[j - 1] in connectors and words[j - 1].islower() and lower[j - 1] not in suffixes:
        j -= 1
    return i, j, honorific


_AGE_ADJECTIVE_ENDINGS = ("-year-old", "-years-old", "\u2011year\u2011old")


def _name_like(word: str, lex: Lexicon, story: AnalysedStory, gaz: Gazetteer, *, strict: bool) -> bool:
    if word.lower() in lex.name_particles and word.islower():
        return True
    if not _is_capitalised_word(word, lex):
        return False
    if word in lex.non_name_words or (len(word) > 1 and word.isupper() and "." not in word):
        return False
    if any(ch.isdigit() for ch in word) or not any(ch.isalpha() for ch in word):
        return False
    low = word.lower()
    if low in lex.openers and len(word) > 2:
        return False
    if low.endswith(_AGE_ADJECTIVE_ENDINGS):
        return False  # "Thirty-three-year-old Babacar Diop Sarr": an age glued to the front of a name
    if gaz.country_code(word) or gaz.is_region(word):
        return False
    return not (strict and low in story.lowercase_vocabulary)


# ---------------------------------------------------------------------------
# Cities
# ---------------------------------------------------------------------------


def _previous_words(story: AnalysedStory, i: int, count: int) -> list[str]:
    sentence = story.sentences[story.word_sentence[i]] if story.sentences else None
    first = sentence.first_word if sentence else 0
    return story.lower_words[max(first, i - count) : i]


def _city_evidence(story: AnalysedStory, lex: Lexicon, i: int, j: int, population: int = 0) -> str | None:
    """Why the words [i, j) are a place, or None.  See places.json."""
    before = _previous_words(story, i, 6)
    if j < len(story.words):
        # "Dublin's Kerlin Gallery" (a big city), "a Galway bookshop": a city as a possessive or an adjective.
        following = story.lower_words[j]
        if following == "'s" and population >= lex.of_min_population:
            return "attributive"
        if before and before[-1] in ("a", "an") and following in lex.attributive_city_heads:
            return "attributive"
    if not before:
        return None
    if _birth_note(story, lex, before, j):
        return "birth-note"
    previous = before[-1]
    if previous in ("'s",):
        return None
    # (A phrase can only end the words before if it ends with the previous word.)
    for phrase in lex.feature_phrases_ending.get(previous, ()):  # "the province of Santa Fe", "the University of X"
        if tuple(before[-len(phrase) :]) == phrase:
            return None
    if previous in lex.strong_prepositions:
        return "preposition"
    for phrase in lex.preposition_phrases_ending.get(previous, ()):
        if tuple(before[-len(phrase) :]) == phrase:
            return "preposition"
    if previous in lex.weak_prepositions:
        head = [w for w in before[:-1] if w not in ("the", "a", "an")][-1:]
        if head and head[0] in lex.place_head_nouns:
            return "of-place"
        # "the city of X", "the old town of X", "the capital of X"
        if len(before) >= 3 and before[-3] in lex.place_head_nouns:
            return "of-place"
        if population >= lex.of_min_population:
            return "of-large"  # "the dockyards of Brest": a big city needs no place noun
        return None
    if previous == ",":
        head = [w for w in before[:-1] if w not in ("the", "a", "an")][-1:]
        if head and head[0] in ("capital", "city", "hometown", "town", "port", "village"):
            return "apposition"
    return None


def _birth_note(story: AnalysedStory, lex: Lexicon, before: list[str], j: int) -> bool:
    """'b. 1984, Lagos', 'Born: Amman', '(Londrina, 1985)': a catalogue's birth note names a place."""
    words = [w for w in before[-3:] if w not in (",", ":") and not (len(w) == 4 and w.isdigit())]
    if words and words[-1] in lex.birth_note_words:
        return True
    after = story.lower_words[j : j + 2]
    return before[-1] == "(" and len(after) == 2 and after[0] == "," and len(after[1]) == 4 and after[1].isdigit()


def _in_place(story: AnalysedStory, m: Mention, floor: int) -> bool:
    """'born in Kutaisi' when a series is called "Kutaisi Rain": people are not "in" anything, so a
    city of its own name and some size that is also a person's word is the city after "in" (not
    before "'s": "in Sofia's flat"; not a town named so only by an alternate: "instilled in Juan")."""
    j = m.end_word
    if _primary_population(m.candidates) < floor:
        return False
    return _previous_words(story, m.first_word, 1)[:1] == ["in"] and (
        j >= len(story.words) or story.lower_words[j] not in ("'s", "'")
    )


def _origin_after_name(story: AnalysedStory, m: Mention, name_ending_at: dict[int, Mention]) -> bool:
    """'Marek Nowicki (Kraków)', 'DJ Oda Solheim (Stavanger)': a city alone in brackets after a name."""
    i, j = m.first_word, m.end_word
    return (
        i >= 2
        and j < len(story.words)
        and story.words[i - 1] == "("
        and story.words[j] == ")"
        and i - 1 in name_ending_at
    )


def _named_after_city(story: AnalysedStory, lex: Lexicon, venue: Mention, sub: Mention) -> bool:
    """'Centro de Fotografía de Montevideo' (the name ends 'of City'); 'Singapore Art Museum' (opened by
    a big city's name; 'Mori Art Museum' is named after a family, not the small town of Mori)."""
    if (
        sub.end_word == venue.end_word
        and sub.first_word - 1 > venue.first_word
        and story.lower_words[sub.first_word - 1] in ("of", "de", "di", "du", "da", "del", "do")
    ):
        return True
    if sub.first_word == venue.first_word and sub.end_word < venue.end_word:
        return _primary_population(sub.candidates) >= lex.venue_lead_city_min_population
    return False


def _next_to_venue(story: AnalysedStory, m: Mention, venue_ending_at: set[int], venue_at: set[int]) -> bool:
    """'Canvas Gallery, Karachi (2021)', 'Exhibited: Belfast, Ulster Museum, 1981': the city of a venue
    in the comma lists of CVs and catalogues."""
    words, k = story.words, m.first_word
    if k >= 2 and words[k - 1] == "," and (k - 2) in venue_ending_at:
        return True
    j = m.end_word
    if j + 1 < len(words) and words[j] == "," and (k in story.initial or words[k - 1] in (":", ";", ".")):
        if (j + 1) in venue_at:
            return True
        # "Exhibited: Oslo, Kunstnerforbundet, Sigrid Halvorsen, 1925": a venue with no venue word.
        for w in words[j + 1 : j + 16]:
            if w in (";", ".", "\n"):
                break
            if _is_year(w):
                return True
        return False
    # "Kitchen Windows, PinchukArtCentre, Kyiv (2019)": the city that ends a CV entry, its year after it.
    return (
        k >= 2
        and words[k - 1] == ","
        and j + 1 < len(words)
        and (words[j] == "(" or words[j] == ",")
        and _is_year(words[j + 1])
    )


def _is_year(word: str) -> bool:
    return len(word) == 4 and word.isdigit() and word[:2] in ("18", "19", "20")


def _join_possessive_venues(
    story: AnalysedStory, chunks: list[Mention], context_venues: bool = False, lex: Lexicon | None = None
) -> list[Mention]:
    """ "Kettle's Yard", "Ronnie Scott's Club": a possessive word that opens a venue's name belongs to it
    (a city's possessive does not: "Dublin's Kerlin Gallery").  With ``context_venues`` (before the
    cities are read, so that a city in the whole name is found), the words before the possessive that
    only the context made a venue: "at the Bologna Children's Book Fair", "the Photographers' Gallery";
    and a name's plural possessive before a venue, or before one venue word (``lex.possessive_heads``), which alone is
    no venue: "the Sydney Writers' Festival", "Goldsmiths' Hall", "Glasgow Women's Library"."""
    words = story.words
    drop: set[int] = set()
    previous: Mention | None = None
    for m in chunks:
        if (
            previous is not None
            and previous.end_word + 1 == m.first_word
            and (
                m.label == LABEL_VENUE
                and (
                    previous.label == LABEL_VENUE
                    and previous.evidence == "at-exhibition"
                    and words[previous.end_word] in ("'s", "'")
                    and previous.end_word - previous.first_word <= 3
                    if context_venues
                    else previous.label in (LABEL_NAME, LABEL_OTHER)
                    and words[previous.end_word] == "'s"
                    and previous.end_word - previous.first_word == 1
                )
                or lex is not None
                and _plural_possessive_venue(story, previous, m, lex)
            )
        ):
            m.first_word, m.start, m.label = previous.first_word, previous.start, LABEL_VENUE
            m.text = story.text[m.start : m.end]
            drop.add(id(previous))
        previous = m
    return [m for m in chunks if id(m) not in drop] if drop else chunks


def _plural_possessive_venue(story: AnalysedStory, previous: Mention, m: Mention, lex: Lexicon) -> bool:
    """'Writers' Festival', 'Children's Book Fair', 'Women's Library': a plural noun's possessive (a
    plural in -s with the mark alone, or an irregular one's "'s") between a name and a venue."""
    words = story.words
    mark, last = words[previous.end_word], words[previous.end_word - 1]
    plural = (mark == "'" and last.endswith("s")) or (mark == "'s" and last.lower() in lex.possessive_plurals)
    return (
        plural
        and (previous.label in (LABEL_NAME, LABEL_OTHER) or previous.evidence == "at-exhibition")
        and previous.end_word - previous.first_word <= 3
        and (m.label == LABEL_VENUE or (m.end_word - m.first_word == 1 and m.text in lex.possessive_heads))
    )


def _primary_population(candidates) -> int:
    """The largest population among the candidates' primary-name matches (0 if none)."""
    if isinstance(candidates, CityCandidates):
        return candidates.primary_population
    return max((c.city.population for c in candidates if not c.via_alias), default=0)


_DWARFED = 20  # a name whose biggest city is this many times its biggest namesake's names that city, not a namesake


def _place_word_countries(words: list[str], place_words: Mapping[str, str]) -> list[str]:
    """The countries of the story's words that name a place of one country (each word once)."""
    return [place_words[w] for w in set(words) & place_words.keys()] if place_words else []


def _place_word_after(story: AnalysedStory, m: Mention, gaz: Gazetteer) -> str | None:
    """The country of a place word right after the city ("the Venice Biennale": Italy)."""
    return gaz.place_word_countries.get(story.words[m.end_word]) if m.end_word < len(story.words) else None


def _countries(candidates) -> set[str]:
    """The countries of the primary-name candidates, or of all of them if there is none."""
    if isinstance(candidates, CityCandidates):
        return candidates.countries
    return {c.city.country for c in candidates if not c.via_alias} or {c.city.country for c in candidates}


def _hyphen_suffix_city(word: str, lex: Lexicon) -> str | None:
    """'Seoul-based' -> 'Seoul'."""
    if "-" not in word:
        return None
    head, _, tail = word.rpartition("-")
    if tail.lower() in lex.city_suffix_evidence and head and head[0].isupper():
        return head
    return None


# ---------------------------------------------------------------------------
# The stage
# ---------------------------------------------------------------------------


class MentionFinder:
    """Finds every mention in an :class:`AnalysedStory`.

    One class of many rules, because the rules share the lexicon, the
    gazetteer and memos that outlive a story (chunk labels, cities in venue
    names); each method is one rule.

    Keyword-only options (documented defaults):
      min_person_words=2: a PERSON chunk has at least this many name words.
      max_person_words=5: and at most this many.
    """

    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer, *, min_person_words: int = 2, max_person_words: int = 5):
        self.lex = lexicon
        self.gaz = gazetteer
        self.min_person_words = min_person_words
        self.max_person_words = max_person_words
        self.speech_after = _speech_after_regex(lexicon)
        self._labels: dict[tuple, tuple] = {}  # chunk labels, shared by all stories (see _classify)
        self._venue_name_cities: dict[str, list] = {}
        self.memo_limit = 200_000

    def __call__(self, story: AnalysedStory) -> Mentions:
        lex, gaz = self.lex, self.gaz
        lex.scan_anchors(story)
        titles = find_titles(story, lex, self.speech_after)
        exhibition_sentences = {
            story.word_sentence[story.word_at(start)] for start, _ in lex.exhibition_triggers(story)
        }

        capitalised = capitalised_words(story, lex)
        proper_mid = {story.words[k] for k in capitalised if k not in story.initial}

        title_words: set[int] = set()
        for t in titles:
            title_words.update(range(story.first_word_from(t.inner_start), story.first_word_from(t.inner_end)))
        chunks: list[Mention] = []
        openers, initial, lower, words = lex.openers, story.initial, story.lower_words, story.words
        vocabulary, starts, ends, text = story.lowercase_vocabulary, story.starts, story.ends, story.text
        for i, j in find_chunks(story, lex, capitalised):
            if j - i == 1:
                # _trim_chunk on one capitalised word: it goes if it opens a sentence (or
                # follows a quote mark) and is a common word ("The", "He", "Painting").
                if i in initial or (i > 0 and words[i - 1] in _QUOTE_MARKS):
                    low = lower[i]
                    if low in openers or (low in vocabulary and words[i] not in proper_mid):
                        continue
                honorific = None
            else:
                i, j, honorific = _trim_chunk(story, lex, i, j, proper_mid)
                if i >= j:
                    continue
            start, end = starts[i], ends[j - 1]
            mention = Mention(start, end, i, j, LABEL_OTHER, text[start:end])
            if i in title_words and (j - 1) in title_words:
                mention.label = LABEL_WORK
            else:
                self._classify(story, mention, honorific)
            chunks.append(mention)

        self._find_context_venues(story, chunks, exhibition_sentences)
        chunks = _join_possessive_venues(story, chunks, context_venues=True, lex=lex)
        person_words = self._person_words(story, chunks)
        countries = [m for m in chunks if m.label == LABEL_COUNTRY]
        story_countries: dict[str, int] = {}
        for m in countries:
            code = gaz.country_code(m.text)
            if code:
                story_countries[code] = story_countries.get(code, 0) + 1
        regions, demonyms = gaz.region_countries, gaz.demonym_countries
        for m in chunks:
            label = m.label
            if label == LABEL_REGION:  # "Nova Scotia": Halifax in Canada
                code = regions.get(m.key)
            elif label in (LABEL_NAME, LABEL_OTHER) and m.end_word - m.first_word == 1:
                code = demonyms.get(lower[m.first_word])  # "a Senegalese father": Saint-Louis in Senegal
            else:
                continue
            if code:
                story_countries[code] = story_countries.get(code, 0) + 1
        for code in _place_word_countries(story.words, gaz.place_word_countries):  # "the Biennale": Venice, Italy
            story_countries[code] = story_countries.get(code, 0) + 1
        name_cities: dict[int, Mention] = {}
        cities = self._accept_cities(story, chunks, person_words, story_countries, name_cities)
        chunks = _join_possessive_venues(story, chunks)
        persons = [m for m in chunks if m.label == LABEL_PERSON]
        names = [m for m in chunks if m.label == LABEL_NAME]
        venues = [m for m in chunks if m.label == LABEL_VENUE]
        return Mentions(
            chunks,
            persons,
            names,
            cities,
            countries,
            venues,
            titles,
            person_words,
            exhibition_sentences,
            story_countries,
            person_at={m.first_word: m for m in persons},
            person_ending_at={m.end_word: m for m in persons},
            name_cities=name_cities,
        )

    # -- labelling ---------------------------------------------------------------
    def _classify(self, story: AnalysedStory, m: Mention, honorific: str | None) -> None:
        """Label one chunk; the same words in the same context get the same label (memoised)."""
        k = m.first_word
        previous = story.lower_words[k - 1] if k > story.sentences[story.word_sentence[k]].first_word else ""
        preceded_by_the = previous == "the"
        preceded_by_place = previous in _PLACE_ONLY_PREPOSITIONS
        # The label depends on the story only through which of the words also occur in lower
        # case there (``_name_like(strict=True)``), so the memo is shared by all stories.
        words: tuple[str, ...]
        in_lower_case: tuple[bool, ...]
        if m.end_word - k == 1:
            word = story.words[k]
            words = (word,)
            in_lower_case = (word.lower() in story.lowercase_vocabulary,)
        else:
            words = tuple(story.words[k : m.end_word])
            in_lower_case = tuple(map(story.lowercase_vocabulary.__contains__, map(str.lower, words)))
        key = (words, preceded_by_the, preceded_by_place, honorific, in_lower_case)
        memo = self._labels
        result = memo.get(key)
        if result is None:
            if len(memo) >= self.memo_limit:
                memo.clear()
            result = self._label_words(story, list(words), preceded_by_the, honorific, preceded_by_place)
            memo[key] = result
        label, candidates, evidence, skip_words, end_chars = result
        m.label, m.candidates, m.evidence = label, candidates, evidence
        if skip_words:
            m.first_word += skip_words
            m.start = story.starts[m.first_word]
        if end_chars is not None:
            m.end = m.start + end_chars
        if skip_words or end_chars is not None:
            m.text = story.text[m.start : m.end]

    def _label_words(
        self,
        story: AnalysedStory,
        words: list[str],
        preceded_by_the: bool,
        honorific: str | None,
        preceded_by_place: bool = False,
    ):
        """(label, gazetteer candidates, evidence, leading words to drop, new length or None)."""
        lex, gaz = self.lex, self.gaz
        text = " ".join(words) if len(words) > 1 else words[0]
        if self._is_venue_name(words):
            return LABEL_VENUE, [], "", 0, None
        key = fold(text)
        code = gaz.countries.get(key)
        if code and key not in gaz.city_states:
            return LABEL_COUNTRY, [], "", 0, None
        if key in gaz.regions and not (preceded_by_place and key in lex.region_city_names):
            return LABEL_REGION, [], "", 0, None
        prefix = _hyphen_suffix_city(words[-1], lex)
        if prefix:  # "Seoul-based", "Hong Kong-born"
            name = prefix if len(words) == 1 else " ".join(words[:-1]) + " " + prefix
            candidates = gaz.lookup(name)
            if candidates:
                return LABEL_CITY, candidates, "suffix", 0, len(name)
        if gaz.has_name(key) and key not in lex.not_city_names:
            matches = gaz.lookup(text)
            if matches:
                return LABEL_CITY, matches, "", 0, None  # provisional: needs place evidence
        if words[0] in lex.feature_words_before and len(words) > 1:
            return LABEL_PLACE, [], "", 0, None
        if any(w in lex.feature_words_after for w in words[1:]):
            return LABEL_PLACE, [], "", 0, None
        if len(words) >= 3 and "of" in words[1:-1]:
            # "the Quartieri Spagnoli of Naples": a quarter of a (big) city is that city.
            cut = len(words) - 1 - words[::-1].index("of")
            tail = " ".join(words[cut + 1 :])
            if gaz.has_name(fold(tail)):
                matches = [c for c in gaz.lookup(tail) if not c.via_alias]
                if matches and _primary_population(matches) >= lex.of_min_population:
                    return LABEL_CITY, matches, "of-place", cut + 1, None
        # "DJ Jhon Fredy Ospina", "Kenyan Wanjiru ...": a leading word that is
        # no part of a name is a descriptor; the rest may still be a name.
        # (Not after "the": "the Yorkshire Sculpture Park", "the Iranian Artists Forum" are names whole.)
        first = 0
        while (
            not preceded_by_the
            and len(words) - first > 2
            and (
                not (self._name_like(story, words[first], strict=False) or words[first] in lex.name_demonyms)
                or words[first].lower() in lex.artist_self_nouns
            )
        ):  # ("Sami Ben Youssef": a people's name that is also a given name stays)
            first += 1  # ("Photographer Leilani Kahananui-Oshiro": a role, capitalised as a title)
        if first and self._is_person(story, words[first:], honorific=None, preceded_by_the=False):
            return LABEL_PERSON, [], "", first, None
        name_words = [w for w in words if not (w.islower() and w.lower() in lex.name_particles)]
        if len(name_words) == 1 and not honorific:
            word = name_words[0]
            label = LABEL_NAME if (self._name_like(story, word, strict=False) and not preceded_by_the) else LABEL_OTHER
            return label, [], "", 0, None
        if self._is_person(story, words, honorific=honorific, preceded_by_the=preceded_by_the):
            if preceded_by_place and not honorific:
                return LABEL_PLACE, [], "", 0, None  # "grew up in Kampung Baru": a place we do not know
            return (
                (LABEL_PERSON if len(name_words) >= self.min_person_words else LABEL_NAME),
                [],
                "",
                0,
                None,
            )
        return LABEL_OTHER, [], "", 0, None

    def _name_like(self, story: AnalysedStory, word: str, *, strict: bool) -> bool:
        memo = story.cache.setdefault("name_like", {})
        key = (word, strict)
        value = memo.get(key)
        if value is None:
            value = memo[key] = _name_like(word, self.lex, story, self.gaz, strict=strict)
        return value

    def _is_person(
        self, story: AnalysedStory, words: list[str], *, honorific: str | None, preceded_by_the: bool
    ) -> bool:
        lex = self.lex
        name_words = [w for w in words if not (w.islower() and w.lower() in lex.name_particles)]
        if not name_words or any(w.lower() in ("of", "for", "the", "and", "&") for w in words):
            return False
        if honorific:
            return all(self._name_like(story, w, strict=False) for w in name_words)
        return (
            self.min_person_words <= len(name_words) <= self.max_person_words
            and not preceded_by_the
            and all(self._name_like(story, w, strict=False) or w in lex.name_demonyms for w in name_words)
            and any(self._name_like(story, w, strict=True) for w in name_words)
        )

    def _is_venue_name(self, words: list[str]) -> bool:
        if len(words) < 2:
            return False
        lex = self.lex
        for k, word in enumerate(words):
            if word in lex.venue_heads:
                return True
            allowed = lex.conditional_venue_heads.get(word)
            if allowed and k > 0 and words[k - 1] in allowed:
                return True
        return False

    def _find_context_venues(self, story: AnalysedStory, chunks: list[Mention], exhibition_sentences: set[int]) -> None:
        """Names that context shows to be venues: 'the X festival', 'X, the arts festival', 'at X in CITY'."""
        lex = self.lex
        norm = story.norm
        lower = story.lower_words
        n = len(lower)
        event_first_words = lex.name_head_after_first_words
        chunk_at = {c.first_word: c for c in chunks}
        text_counts = Counter(map(_mention_text, chunks))
        single_names = {c.text for c in chunks if c.label == LABEL_NAME}
        person_word_counts = Counter(
            w for c in chunks if c.label == LABEL_PERSON for w in story.words[c.first_word : c.end_word]
        )
        for m in chunks:
            if m.label not in (LABEL_PERSON, LABEL_NAME, LABEL_OTHER, LABEL_PLACE):
                continue
            j = m.end_word
            # "the Suma Flamenca festival"
            if j < n and lower[j] in event_first_words and story.words[j] == lower[j]:
                for head in lex.name_heads_after:
                    if tuple(lower[j : j + len(head)]) == head:
                        if m.first_word > 0 and lower[m.first_word - 1] == "the":
                            m.label, m.evidence = LABEL_VENUE, "event-head"
                        break
                if m.label == LABEL_VENUE:
                    continue
            # "Dream City, the arts festival that ..."
            if norm.startswith(",", m.end) and lex.appositive_heads.match(norm, m.end):
                m.label, m.evidence = LABEL_VENUE, "appositive"
                continue
            sentence = story.word_sentence[m.first_word]
            if sentence in exhibition_sentences and self._named_with_city(story, m, person_word_counts):
                m.label, m.evidence = LABEL_VENUE, "city-in-name"
                continue
            # "Het Nieuwe Instituut in Rotterdam gave him a solo exhibition", "shown at Kumu in Tallinn":
            # a name, said once, placed in a city in an exhibition sentence.
            several = m.end_word - m.first_word >= 2 or (m.first_word > 0 and lower[m.first_word - 1] in ("the", "at"))
            if (
                sentence in exhibition_sentences
                and several
                and j + 1 < n
                and lower[j] == "in"
                and text_counts.get(m.text, 0) == 1
                and story.words[m.first_word] not in single_names
            ):
                following = chunk_at.get(j + 1)
                if following is not None and following.label == LABEL_CITY:
                    m.label, m.evidence = LABEL_VENUE, "name-in-city"
                    continue
            # "a group exhibition at Casa de America in Madrid"
            if sentence in exhibition_sentences:
                before = _previous_words(story, m.first_word, 4)
                several = m.end_word - m.first_word >= 2
                if before and ((several and before[-1] == "at") or before[-2:] == ["at", "the"]):
                    m.label, m.evidence = LABEL_VENUE, "at-exhibition"
                    continue
                # "premiered at Sundance", "hung in the Tate Modern": a showing verb right before.
                if m.label == LABEL_PLACE or (
                    not several
                    and (story.words[m.first_word] in person_word_counts or (j < n and lower[j] in ("'s", "'")))
                ):
                    continue  # "played at Anna's wedding", "exhibited at Sofia's" (a person)
                if (before[-2:-1] and before[-1] == "at" and before[-2] in lex.showing_verbs) or (
                    several and before[-3:-2] and before[-2:] == ["in", "the"] and before[-3] in lex.showing_verbs
                ):
                    m.label, m.evidence = LABEL_VENUE, "showing-verb"
        # "the Turbine Hall of the Tate Modern": a room of a venue; the venue is the name after "of the".
        for m in chunks:
            if (
                m.label not in (LABEL_OTHER, LABEL_VENUE)
                or story.word_sentence[m.first_word] not in exhibition_sentences
            ):
                continue
            words = story.words[m.first_word : m.end_word]
            for k in range(1, len(words) - 2):
                if (
                    words[k] in lex.room_words
                    and words[k + 1] == "of"
                    and words[k + 2] == "the"
                    and k + 3 < len(words)
                    and not any(w in lex.venue_heads for w in words[:k])
                ):
                    first = m.first_word + k + 3
                    m.first_word, m.start = first, story.starts[first]
                    m.text = story.text[m.start : m.end]
                    m.label, m.evidence = LABEL_VENUE, "room-of"
                    break

    def _named_with_city(self, story: AnalysedStory, m: Mention, person_word_counts: Counter) -> bool:
        """'Art Dubai', 'Paris Photo', 'Tate Liverpool', 'Prospect New Orleans': fairs, festivals and branches
        named by their city with no venue word; in an exhibition sentence such a name is a venue in that
        city (not a person's name that happens to share a word with a town: 'Florence Okafor')."""
        words = story.words[m.first_word : m.end_word]
        n = len(words)
        if n < 2 or n > 5 or m.label == LABEL_PLACE or any(w.islower() or not w[:1].isalnum() for w in words):
            return False  # ("Santiago of Chile", "Paris for the fair")
        following = story.lower_words[m.end_word] if m.end_word < len(story.words) else ""
        if following in ("'s", "'"):
            return False  # "the Bologna Children's Book Fair": the name goes on past the possessive
        lex = self.lex
        if any(w in lex.feature_words_after or w in lex.feature_words_before for w in words):
            return False  # "Mombasa Road", "Lake Maracaibo": a place in or by the city
        own = 1 if m.label == LABEL_PERSON else 0  # (the name's own words do not make it a person's)
        for size in (3, 2, 1):
            if size >= n:
                continue
            for lead in (True, False):
                piece = words[:size] if lead else words[n - size :]
                rest = words[size:] if lead else words[: n - size]
                text = " ".join(piece)
                if text.lower() in story.lowercase_vocabulary or any(person_word_counts[w] > own for w in rest):
                    continue
                if not any(w[:1].isupper() or w[:1].isdigit() for w in rest):
                    continue
                matches = self._cities_named(text)
                # A given name that is also a town ('Florence', 'Austin') opens many people's names.
                floor = self.lex.venue_lead_city_min_population if lead and own else self.lex.of_min_population
                if matches and _primary_population(matches) >= floor:
                    return True
        return False

    def _person_words(self, story: AnalysedStory, chunks: list[Mention]) -> set[str]:
        """Words that belong to people's names in this story (never cities here)."""
        words: set[str] = set()
        lex = self.lex
        for m in chunks:
            if m.label == LABEL_PERSON:
                for w in story.words[m.first_word : m.end_word]:
                    if not w.islower():
                        words.add(w)
        # "her grandmother, Eteri," / "his sister Aida" / "a painter named Ana"
        lower, word_sentence, sentences = story.lower_words, story.word_sentence, story.sentences
        other_person_nouns = lex.other_person_nouns
        for m in chunks:
            if m.label not in (LABEL_NAME, LABEL_CITY) or m.end_word - m.first_word != 1:
                continue
            i = m.first_word
            # (the words before it in its sentence, as _previous_words(story, i, 3) gives them)
            first = sentences[word_sentence[i]].first_word if sentences else 0
            if i <= first:
                continue
            previous = lower[i - 1]
            if previous in ("named", "called") or (
                previous in other_person_nouns
                or (i - 2 >= first and previous == "," and lower[i - 2] in other_person_nouns)
            ):
                words.add(story.words[i])
        return words

    def _city_in_venue_name(self, story: AnalysedStory, venue: Mention) -> Mention | None:
        """'Venice Biennale', 'Musée d'arts de Nantes', 'Kochi-Muziris Biennale': a city in a venue's name.

        The caller decides whether to believe it (see ``_accept_cities``).
        """
        words = story.words[venue.first_word : venue.end_word]
        n = len(words)
        found: list[Mention] = []
        for size in (3, 2, 1):
            for k in range(0, n - size + 1):
                if size == n:
                    continue
                first, last = venue.first_word + k, venue.first_word + k + size
                start, end = story.starts[first], story.ends[last - 1]
                pieces = [(start, end)]
                if size == 1:
                    word = story.words[first]
                    if word[:2].lower() in ("d'", "l'"):
                        pieces = [(start + 2, end)]
                    elif "-" in word:
                        head, tail = word.split("-", 1)[0], word.rsplit("-", 1)[1]
                        # "Saint-Louis", "Kochi-Muziris", "Centre Pompidou-Metz"
                        pieces = [(start, end), (start, start + len(head)), (end - len(tail), end)]
                for a, b in pieces:
                    text = story.text[a:b]
                    matches = self._cities_named(text)
                    if b == end and a > start + 2 and _primary_population(matches) < self.lex.of_min_population:
                        continue  # after a hyphen only a big city: "Centre Pompidou-Metz", not "Sher-Gil"
                    if matches:
                        found.append(
                            Mention(a, b, first, last, LABEL_CITY, text, candidates=matches, evidence="venue-name")
                        )
        if len(found) < 2:
            return found[0] if found else None
        # A big city ending a name that has a venue word before it is the venue's ("Pérez Art Museum
        # Miami": not Pérez in Argentina; "Festival de Tango de Granada"; not "Museum Boijmans Van
        # Beuningen"); otherwise the first one found.
        if any(w in self.lex.venue_heads for w in words[:-1]):
            floor = self.lex.of_min_population
            return next(
                (m for m in found if m.end == venue.end and max(c.city.population for c in m.candidates) >= floor),
                found[0],
            )
        return found[0]

    def _city_alias_ending_venue_name(self, story: AnalysedStory, venue: Mention) -> Mention | None:
        """'Kunsthalle Wien', 'Factoría Habana': a big city's other name (Vienna's "Wien") ending a venue's
        name.  Only there: another name inside a name is too often something else."""
        if venue.end_word - venue.first_word < 2:
            return None
        last = venue.end_word - 1
        text = story.words[last]
        if not text[:1].isupper() or text in self.lex.venue_heads:
            return None
        key = fold(text)
        if not self.gaz.has_name(key) or key in self.gaz.countries or self.gaz.is_region(text):
            return None
        matches = [c for c in self.gaz.lookup(text) if c.via_alias and c.city.population >= self.lex.of_min_population]
        if not matches:
            return None
        start, end = story.starts[last], story.ends[last]
        return Mention(start, end, last, last + 1, LABEL_CITY, text, candidates=matches, evidence="venue-name")

    def _the_city_noun(self, story: AnalysedStory, m: Mention) -> bool:
        """'the Kolkata painter', 'a London dealer': a big city before a common noun is the city used
        as an adjective (not 'the Paraná at dawn', 'the Kisii hills': a function word, a feature's noun)."""
        j = m.end_word
        if j >= len(story.words) or _primary_population(m.candidates) < self.lex.of_min_population:
            return False
        following = story.words[j]
        if story.lower_words[m.first_word - 1] != "the" and following in self.lex.other_person_nouns:
            return False  # "a Kikuyu mother": a people's name, more often than a town's
        return (
            following.isalpha()
            and following.islower()
            and following not in self.lex.openers
            and following.capitalize() not in self.lex.feature_words_after
        )

    def _city_lists(self, story: AnalysedStory, candidates: list[Mention]) -> set[int]:
        """'Vienna, Berlin, Toronto.': three or more big cities in a row, joined only by commas and
        'and', are places even with no preposition before the first."""
        floor = self.lex.of_min_population
        lower = story.lower_words
        listed: set[int] = set()
        run: list[Mention] = []
        for m in [*sorted(candidates, key=lambda c: c.first_word), None]:
            if m is not None and _primary_population(m.candidates) >= floor:
                gap = lower[run[-1].end_word : m.first_word] if run else []
                if run and 1 <= len(gap) <= 2 and all(w in _LIST_JOINERS for w in gap):
                    run.append(m)
                    continue
            if len(run) >= 3:
                listed.update(id(c) for c in run)
            run = [m] if m is not None and _primary_population(m.candidates) >= floor else []
        return listed

    def _cities_named(self, text: str) -> list:
        """Cities (by primary name) that a piece of a venue's name can be; memoised by text."""
        matches = self._venue_name_cities.get(text)
        if matches is None:
            if len(self._venue_name_cities) >= self.memo_limit:
                self._venue_name_cities.clear()
            matches = self._venue_name_cities[text] = self._find_cities_named(text)
        return matches

    def _find_cities_named(self, text: str) -> list:
        lex, gaz = self.lex, self.gaz
        key = fold(text)
        if key in lex.region_city_names:
            return gaz.lookup(text)  # "New York Fashion Week": the city, not York in England
        if not text[:1].isupper() or text in lex.venue_heads or not gaz.has_name(key) or key in lex.not_city_names:
            return []
        if gaz.is_region(text):
            return []  # "Asia Pacific Triennial": a region, not the city Asia
        if key in gaz.countries and key not in gaz.city_states:
            return []  # "Musée National du Mali", "National Gallery of Armenia": the country, not a town named so
        # An alternate spelling of the same name counts ("Marrakech Biennale": Marrakesh), another name does not.
        spelling = letters_only(text)[:4]
        return [c for c in gaz.lookup(text) if not c.via_alias or letters_only(c.city.name)[:4] == spelling]

    def _accept_cities(
        self,
        story: AnalysedStory,
        chunks: list[Mention],
        person_words: set[str],
        story_countries: dict[str, int],
        name_cities: dict[int, Mention],
    ) -> list[Mention]:
        """Keep CITY chunks with place evidence; others become NAME/OTHER (and cities in venues'
        names that are not believed go to ``name_cities``)."""
        lex, gaz = self.lex, self.gaz
        candidates: list[Mention] = []
        venue_ending_at = {c.end_word - 1 for c in chunks if c.label == LABEL_VENUE}
        venue_at = {c.first_word for c in chunks if c.label == LABEL_VENUE}
        for m in chunks:
            if m.label == LABEL_VENUE:
                continue
            if (
                m.label == LABEL_REGION
                and m.key in lex.region_city_names
                and _next_to_venue(story, m, venue_ending_at, venue_at)
            ):
                # "the Rubin Museum of Art, New York (2020)": a venue's city, as after "in"
                m.candidates = gaz.lookup(m.text)
                if m.candidates:
                    m.label, m.evidence = LABEL_CITY, "venue-comma"
            if m.label == LABEL_CITY:
                candidates.append(m)
        accepted: list[Mention] = []
        by_end: dict[int, Mention] = {}
        country_at = {c.first_word: c for c in chunks if c.label == LABEL_COUNTRY}
        country_ending_at = {c.end_word - 1: c for c in chunks if c.label == LABEL_COUNTRY}
        region_at = {c.first_word: c for c in chunks if c.label == LABEL_REGION}
        joiners = _LIST_JOINERS
        listed = self._city_lists(story, candidates)
        name_ending_at = {c.end_word: c for c in chunks if c.label in (LABEL_PERSON, LABEL_NAME)}
        for m in candidates:
            words = story.words[m.first_word : m.end_word]
            single = len(words) == 1
            nxt = m.end_word
            country_follows = nxt + 1 < len(story.words) and story.words[nxt] == "," and (nxt + 1) in country_at
            if (
                single
                and words[0] in person_words
                and m.evidence not in ("suffix", "venue-name")
                and not country_follows
                and not _in_place(story, m, lex.of_min_population)
            ):
                m.label = LABEL_NAME  # "Sofia" the teacher, unless it is "Sofia, Bulgaria" or "born in Sofia"
                continue
            if not m.evidence:
                before = _previous_words(story, m.first_word, 1)
                if before in (["the"], ["a"], ["an"]) and self._the_city_noun(story, m):
                    m.evidence = "the-attributive"
                elif single and before == ["the"]:
                    m.label = LABEL_OTHER
                    continue
                else:
                    population = _primary_population(m.candidates)
                    m.evidence = _city_evidence(story, lex, m.first_word, m.end_word, population) or ""
                # "Jamestown, the old fishing quarter of Accra": a neighbourhood, not a city.
                if m.evidence and lex.neighbourhood_appositive.match(story.norm, m.end):
                    m.evidence = ""
            # ", Kazakhstan" right after the name: evidence and disambiguation.
            if country_follows:
                m.country_after = gaz.country_code(country_at[nxt + 1].text)
                if any(c.city.country == m.country_after for c in m.candidates):
                    m.evidence = m.evidence or "country-after"
            elif nxt + 1 < len(story.words) and story.words[nxt] == "," and (nxt + 1) in region_at:
                # ", Nova Scotia" right after the name: its country chooses between namesakes (Halifax, Canada)
                code = gaz.region_countries.get(region_at[nxt + 1].key)
                if code and any(c.city.country == code for c in m.candidates):
                    m.country_after = code
            if not m.evidence and _next_to_venue(story, m, venue_ending_at, venue_at):
                m.evidence = "venue-comma"
            if not m.evidence and id(m) in listed:
                m.evidence = "list"
            if not m.evidence and _origin_after_name(story, m, name_ending_at):
                m.evidence = "origin"
            if not m.evidence and field_item(story, m.start, m.end):
                m.evidence = "field"  # "Lives: Amman", "Previous shows: Baghdad (group, 2015)"
            if not m.evidence:
                # "in Jakarta, Singapore and Amsterdam": a list that started with a place.
                k = m.first_word - 1
                steps = 0
                while k >= 0 and steps < 6 and story.lower_words[k] in joiners:
                    k -= 1
                    steps += 1
                    previous = by_end.get(k)
                    if previous is not None:
                        m.evidence = "list"
                        break
                    country = country_ending_at.get(k)
                    if country is not None:
                        k = country.first_word - 1
                        continue
                    break
            if not m.evidence:
                m.label = LABEL_NAME if single else LABEL_OTHER
                continue
            by_end[m.end_word - 1] = m
            accepted.append(m)
        # Countries of unambiguous cities help to disambiguate the others.
        counts = dict(story_countries)
        for m in accepted:
            countries = _countries(m.candidates)
            if len(countries) == 1:
                code = next(iter(countries))
                counts[code] = counts.get(code, 0) + 1
        # So do the other namesakes' likeliest countries ("Dunedin" beside "Wellington" and "Nelson"):
        # each city's own choice counts for the others, not for itself; a name whose biggest city dwarfs
        # the others ("Paris", "Madrid") counts for none, as before.
        likeliest: dict[str, str] = {}
        for m in accepted:
            if m.key not in likeliest and len(_countries(m.candidates)) > 1:
                first = gaz.choose(
                    m.candidates,
                    country=m.country_after or _place_word_after(story, m, gaz),
                    story_countries=story_countries,
                )
                if first is None:
                    continue
                second = max((c.city.population for c in m.candidates if c.city.country != first.country), default=0)
                if first.population < _DWARFED * second:  # (a namesake, not "Paris" or "Madrid")
                    likeliest[m.key] = first.country
        with_likeliest = dict(counts)
        for code in likeliest.values():
            with_likeliest[code] = with_likeliest.get(code, 0) + 1
        counts_without: dict[str, dict[str, int]] = {}

        def counts_for(key: str) -> dict[str, int]:
            """The story's country counts with every other namesake's likeliest country, not its own."""
            own = likeliest.get(key)
            if own is None:
                return with_likeliest
            found = counts_without.get(key)
            if found is None:
                found = counts_without[key] = dict(with_likeliest)
                found[own] -= 1
                if not found[own]:
                    del found[own]
            return found

        city_starts = {m.first_word for m in accepted}
        # A city in a venue's name: always for an event ("Venice Biennale"); for a
        # museum or gallery only in a country the story is about ("Sala Mendoza"
        # in Caracas is named after a family, not after Mendoza, Argentina).
        for m in chunks:
            if m.label != LABEL_VENUE:
                continue
            sub = self._city_in_venue_name(story, m)
            if sub is None:
                sub = self._city_alias_ending_venue_name(story, m)
                if sub is not None:  # "Kunsthalle Wien", "Bienal de la Habana": the venue's city, no city of the story
                    sub.city = gaz.choose(sub.candidates, story_countries=counts_for(sub.key), named=story_countries)
                    name_cities[m.end_word] = sub
                continue
            if sub.text.lower() in story.lowercase_vocabulary:
                continue  # "Festival Internacional de Tango" in a story of tango: the dance, not a town
            words = story.words[m.first_word : m.end_word]
            is_event = any(w.lower() in lex.event_head_words for w in words)
            if m.end_word + 1 in city_starts and story.lower_words[m.end_word] in ("in", ","):
                continue  # "the Mori Art Museum in Tokyo", "the Holland Festival in Amsterdam": the city after the name
            if (
                is_event
                or any(counts.get(c.city.country) for c in sub.candidates)
                or _named_after_city(story, lex, m, sub)
            ):
                accepted.append(sub)
            elif (sub.end_word == m.end_word or sub.first_word == m.first_word) and max(
                c.city.population for c in sub.candidates
            ) >= lex.of_min_population:  # "Kunsthalle Basel", "Dunedin Public Art Gallery" (not "Whitworth Annex")
                # (a spelling of the name counts: "Musée Yves Saint Laurent Marrakech")
                sub.city = gaz.choose(sub.candidates, story_countries=counts_for(sub.key), named=story_countries)
                name_cities[m.end_word] = sub
        for m in accepted:
            m.city = gaz.choose(
                m.candidates,
                country=m.country_after or _place_word_after(story, m, gaz),
                story_countries=counts_for(m.key),
                named=story_countries,
            )
            m.label = LABEL_CITY
        # Other mentions of an accepted city ("Nairobi's minibuses") are the same city.
        known = {m.key: m.city for m in accepted}
        seen = {id(m) for m in accepted}
        for m in chunks:
            if id(m) in seen or m.label not in (LABEL_NAME, LABEL_OTHER, LABEL_CITY) or m.key not in known:
                continue
            if _previous_words(story, m.first_word, 1) == ["the"] or m.first_word in story.initial:
                continue  # "Nice work," at a sentence's start is not the city
            m.label, m.city, m.evidence = LABEL_CITY, known[m.key], "same-name"
            accepted.append(m)
        accepted.sort(key=lambda m: m.start)
        return accepted
