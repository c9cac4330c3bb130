"""Stage 3a: who is who - the protagonist, their pronoun, age and birth city.

The protagonist is the person whose full name appears and who is mentioned
most (full name plus first-name-only mentions), with a bonus for opening the
story and a penalty for names introduced by a role ("the critic X", "her
teacher, X").  Everything else in this module is about *that* person:
:class:`References` knows, for any position in the text, whether the nearest
person mentioned before it is the artist or somebody else, which the
discipline, exhibition and work stages use to keep other people's facts out.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass, field, replace
from typing import Generic, NamedTuple, TypeVar

from .data import load
from .gazetteer import CityMatch
from .labelled import label_at, lines_of
from .lexicon import Anchored, Lexicon
from .mentions import Mention, Mentions
from .prefilter import FastPattern
from .story_record import MentionLabel
from .text import AnalysedStory

ARTIST, OTHER = "artist", "other"
V = TypeVar("V")

_PARENT_LEADS = frozenset({("to", "a"), ("to", "an"), ("of", "a"), ("of", "an")})
_DIGITS = re.compile(r"\d{1,3}(?!\d)")
_QUARTER_REACH = 80  # characters from a quarter ("Jamestown, the old fishing quarter of Accra") to its city
_CLAUSE_BREAK = re.compile(r"\band\b|\bbut\b|[;:.]")
# "a farm in Haren, just outside Groningen": the village or suburb is given by the city it is near.
_NEAR_CITY = re.compile(
    r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in load("places")["near_city_words"]) + r")\s+$",
    re.I,
)
_CONTRAST = FastPattern(re.compile(r"(?:,\s*but|\bbut\b|\bhowever\b|\binstead\b|\byet\b)", re.I))


@dataclass(slots=True)
class Protagonist:
    name: str  # as spelled at its first full mention
    words: frozenset[str]  # name words that refer to them alone ("Sanjar")
    mentions: list[Mention]  # full-name and single-name mentions
    first_full: Mention
    score: float
    margin: float
    named_once_late: bool = False  # the rules drop such a protagonist: named once, late, never again


@dataclass(slots=True)
class Ref:
    word: int
    kind: str  # ARTIST or OTHER
    object_pronoun: bool = False
    end_word: int = -1  # exclusive; -1 means word + 1


_ref_word = operator.attrgetter("word")


@dataclass(slots=True)
class Fact(Generic[V]):
    """A value with the sentence and words it came from."""

    value: V
    sentence: int
    match: tuple[int, int] | None = None
    strength: float = 1.0
    extra: dict[str, object] = field(default_factory=dict)


# ---------------------------------------------------------------------------
# Protagonist
# ---------------------------------------------------------------------------


class _ScoredPerson(NamedTuple):
    """One person of the story as ranked: ordered by score, then the earlier first mention."""

    score: float
    order: int  # minus the first mention's offset
    key: tuple[str, ...]
    items: list[Mention]  # their full-name mentions
    singles: list[Mention]  # one-word mentions of their first or last name


def _name_words(story: AnalysedStory, lex: Lexicon, m: Mention) -> tuple[str, ...]:
    return tuple(w.lower() for w in story.words[m.first_word : m.end_word])


def find_protagonist(story: AnalysedStory, mentions: Mentions, lex: Lexicon) -> Protagonist | None:
    """The most-mentioned person with a full name (see module docstring)."""
    found = _rank(story, mentions, lex, limit=1)
    return found[0] if found else None


def _rank(
    story: AnalysedStory, mentions: Mentions, lex: Lexicon, *, limit: int, strict: bool = True
) -> list[Protagonist]:
    """The ``limit`` best-scored people, best first (the first is the protagonist); empty when nobody.

    Not ``strict``: a best person the rules would drop is kept, marked ``named_once_late``.
    """
    groups: dict[tuple[str, ...], list[Mention]] = {}
    for m in mentions.persons:
        groups.setdefault(_name_words(story, lex, m), []).append(m)
    if not groups:
        fallback = _single_name_fallback(story, mentions, lex)
        if fallback or strict:
            return [fallback] if fallback else []
        extras = _unlabelled_people(story, mentions, lex, groups)[:limit]
        if extras:
            extras[0].named_once_late = True  # (the rules name nobody: "none" stays their answer)
        return extras
    # Merge a shorter variant into a longer one that starts with it ("Jhon Fredy" -> "Jhon Fredy Ospina").
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for key in sorted(groups, key=len, reverse=True):
        by_first.setdefault(key[0], []).append(key)
    canonical: dict[tuple[str, ...], tuple[str, ...]] = {}
    for keys in by_first.values():
        for key in keys:
            target = next(
                (
                    longer
                    for longer in keys
                    if len(longer) > len(key) and longer[: len(key)] == key and canonical.get(longer, longer) == longer
                ),
                None,
            )
            canonical[key] = target or key
    # A compound surname alone ("Quispe Mamani") is the full name it ends ("Rafael Quispe Mamani").
    for key in groups:
        if len(key) >= 2 and canonical[key] == key:
            longer = [k for k in groups if len(k) > len(key) and k[-len(key) :] == key and canonical[k] == k]
            if len(longer) == 1:
                canonical[key] = longer[0]
    merged: dict[tuple[str, ...], list[Mention]] = {}
    for key, items in groups.items():
        merged.setdefault(canonical[key], []).extend(items)

    single_counts: dict[str, list[Mention]] = {}
    for m in mentions.names:
        single_counts.setdefault(story.lower_words[m.first_word], []).append(m)

    first_sentence_end = story.sentences[0].end if story.sentences else 0
    scored: list[_ScoredPerson] = []
    for key, items in merged.items():
        items.sort(key=lambda m: m.start)
        content = [w for w in key if w not in lex.name_particles]
        first, last = content[0], content[-1]
        singles = list(single_counts.get(first, []))
        if last != first:
            singles += single_counts.get(last, [])
        score = 3.0 * len(items) + len(singles)
        earliest = items[0]
        if earliest.start < first_sentence_end:
            score += 3.0
        elif story.sentences and story.sentences[story.word_sentence[earliest.first_word]].paragraph == 0:
            score += 1.5
        introduced = sum(1 for m in items if _introduced_by_role(story, lex, m))
        score -= 4.0 * introduced / len(items) * min(len(items), 2)
        if any(biography_cue(story, lex, m) for m in items[:3]):
            score += 4.0
        score += 3.0 * _capitals_count(story, key)
        if any(label_at(story, m.start) == "name" for m in items[:3]):
            score += LABELLED_NAME_BONUS  # "Artist: X", "Name: X": the record says whose it is
        scored.append(_ScoredPerson(score, -earliest.start, key, items, singles))
    scored.sort(key=lambda p: (p.score, p.order, p.key), reverse=True)
    items, singles = scored[0].items, scored[0].singles
    if (
        len(items) == 1
        and not singles
        and story.sentences
        and story.sentences[story.word_sentence[items[0].first_word]].paragraph >= 2
    ):
        # Named once, late, never again ("a blue whale by the muralist X" in a story about a city).
        if strict:
            return []
        people = [_as_protagonist(story, lex, entry, scored, mentions) for entry in scored[:limit]]
        people[0].named_once_late = True
        return people + _unlabelled_people(story, mentions, lex, groups)[: limit - len(people)]
    people = [_as_protagonist(story, lex, entry, scored, mentions) for entry in scored[:limit]]
    if not strict and len(people) < limit:
        people += _unlabelled_people(story, mentions, lex, groups)[: limit - len(people)]
    return people


_NOT_PEOPLE = frozenset((MentionLabel.PERSON, MentionLabel.CITY, MentionLabel.COUNTRY, MentionLabel.REGION))


def _unlabelled_people(
    story: AnalysedStory, mentions: Mentions, lex: Lexicon, known: dict[tuple[str, ...], list[Mention]]
) -> list[Protagonist]:
    """Full names the mention rules labelled otherwise, that the text goes on to use as a person's.

    "Robin Verbeek's neck", "No one in Gaspard Lemoine's family": a possessive
    can make a name read as a place; "Verbeek has worn", "Gaspard was supposed
    to" show whose it is.  A name made of words that are also a month, a
    country, a people or a common word ("June Whitehorse", "Jordan Blackwood",
    "Andile Zulu") is no person to the mention rules either; a pronoun right
    after it ("June Whitehorse was seventy-two ... She grew up") is what shows
    it to be one.  "The Kutaisi of Levan Chkheidze's films", "Nilufar Yusupova
    of Margilan": an "of" can glue a name to a place.  Candidates for the
    decision layer only.
    """
    singles: dict[str, list[Mention]] = {}
    for m in mentions.names:
        singles.setdefault(story.lower_words[m.first_word], []).append(m)
    # Single words of any label ("Jordan", read as a country; "Zulu", as a people), for names seen alone.
    any_single: dict[str, list[Mention]] = {}
    for m in mentions.chunks:
        if m.end_word - m.first_word == 1 and m.label != MentionLabel.WORK:
            any_single.setdefault(story.lower_words[m.first_word], []).append(m)
    found: dict[tuple[str, ...], list[Mention]] = {}
    for chunk in mentions.chunks:
        if chunk.label in _NOT_PEOPLE or chunk.label == MentionLabel.NAME:
            continue
        for m in _name_runs(story, lex, chunk):
            key = _name_words(story, lex, m)
            if key in known:
                continue
            named_alone = bool(singles.get(key[0]) or singles.get(key[-1]))
            if named_alone or (
                chunk.label in _UNNAMED_LABELS
                and (any_single.get(key[0]) or any_single.get(key[-1]) or _pronoun_follows(story, lex, m))
            ):
                found.setdefault(key, []).append(m)
    people = []
    for key, items in found.items():
        pool = singles if (singles.get(key[0]) or singles.get(key[-1])) else any_single
        alone = pool.get(key[0], []) + (pool.get(key[-1], []) if key[-1] != key[0] else [])
        score = 3.0 * len(items) + len(alone)
        own = frozenset(w for w in key if w not in lex.name_particles)
        every = sorted(items + alone, key=lambda m: m.start)
        people.append(Protagonist(items[0].text, own, every, items[0], score, 0.0))
    people.sort(key=lambda p: (-p.score, p.first_full.start))
    return people


_UNNAMED_LABELS = frozenset((MentionLabel.OTHER, MentionLabel.PLACE))
_PRONOUN_REACH = 12  # words after a name in which its pronoun shows it to be a person's


def _name_runs(story: AnalysedStory, lex: Lexicon, m: Mention) -> list[Mention]:
    """The chunk as a name of two to four capitalised words (name particles between them), or, when an
    "of" joins it to a place ("the Kutaisi of Levan Chkheidze"), each side that reads as one."""
    words = story.words
    parts = [(m.first_word, m.end_word)]
    lower = story.lower_words[m.first_word : m.end_word]
    if "of" in lower:
        cut = m.first_word + lower.index("of")
        parts = [(m.first_word, cut), (cut + 1, m.end_word)]
    runs = []
    for first, end in parts:
        if not 2 <= end - first <= 4 or not words[first][:1].isupper() or not words[end - 1][:1].isupper():
            continue
        if not all(w[:1].isupper() or (w.islower() and w in lex.name_particles) for w in words[first:end]):
            continue
        if (first, end) == (m.first_word, m.end_word):
            runs.append(m)
        else:
            start, stop = story.starts[first], story.ends[end - 1]
            runs.append(Mention(start, stop, first, end, m.label, story.text[start:stop]))
    return runs


def _pronoun_follows(story: AnalysedStory, lex: Lexicon, m: Mention) -> bool:
    """A personal pronoun soon after the name, in its sentence or opening the next one."""
    lower, pronoun_of = story.lower_words, lex.pronoun_of
    k = story.word_sentence[m.first_word]
    stop = min(story.sentences[k].end_word, m.end_word + _PRONOUN_REACH)
    if any(w in pronoun_of for w in lower[m.end_word : stop]):
        return True
    return k + 1 < len(story.sentences) and lower[story.sentences[k + 1].first_word] in pronoun_of


def _as_protagonist(
    story: AnalysedStory, lex: Lexicon, entry: _ScoredPerson, scored: list[_ScoredPerson], mentions: Mentions
) -> Protagonist:
    score, key, items, singles = entry.score, entry.key, entry.items, entry.singles
    others = [s.score for s in scored if s is not entry]
    margin = score - (max(others) if others else 0.0)
    longest = max(items, key=lambda m: (m.end_word - m.first_word, -m.start))
    widest = next(m for m in items if m.end_word - m.first_word == longest.end_word - longest.first_word)
    full = _as_written(story, lex, widest)
    content = [w for w in key if w not in lex.name_particles]
    given = _given_name_before(story, lex, mentions, full)
    if given is not None:
        full = given
        content.insert(0, story.lower_words[given.first_word])
    # Every name word: a Spanish first surname ("Ibáñez" for Begoña Ibáñez Etxeberria) is used alone too.
    words = frozenset(content)
    return Protagonist(full.text, words, sorted(items + singles, key=lambda m: m.start), full, score, margin)


_NOT_GIVEN = frozenset((MentionLabel.CITY, MentionLabel.COUNTRY, MentionLabel.REGION))
_GIVEN_LOOKS = 50  # occurrences of the name searched for a given name before it


def _given_name_before(story: AnalysedStory, lex: Lexicon, mentions: Mentions, full: Mention) -> Mention | None:
    """The full name when the rules found only the surname: "in Tamar Gelashvili's new exhibition",
    "the boy ... was Sami Ben Ammar", "the sculptor Lucía Ybarra de la Torre".

    A possessive or a venue-like run can hide the one full mention of a name a review or an interview
    then uses as a surname: a capitalised word just before the name, inside its sentence, that the text
    never writes in lower case and that is no role, honorific, place or other known non-name, is its given name.
    """
    text, norm = story.text, story.norm
    name = norm[full.start : full.end]
    size = len(full.text)
    if not name:
        return None
    pos = norm.find(name)
    for _ in range(_GIVEN_LOOKS):
        if pos < 0:
            return None
        k = story.first_word_from(pos)
        if 0 < k < len(story.words) and story.starts[k] == pos:
            j = k - 1
            word = story.words[j]
            sentence = story.sentences[story.word_sentence[k]]
            if (
                j > sentence.first_word
                and story.word_sentence[j] == story.word_sentence[k]
                and norm[story.ends[j] : pos] == " "
                and word[:1].isupper()
                and word.replace("-", "").isalpha()
                and not (len(word) > 1 and word.isupper())
                and not _written_in_lower_case(story, word)
                and word.lower() not in lex.openers
                and word.lower() not in lex.role_descriptors
                and word.lower() not in lex.artist_self_nouns
                and word.lower() not in lex.other_person_nouns
                and word.lower() not in lex.name_particles
                and word.rstrip(".") not in lex.honorifics
                and (word not in lex.non_name_words or word in lex.name_demonyms)
                and not any(m.start <= story.starts[j] < m.end for m in mentions.chunks if m.label in _NOT_GIVEN)
            ):
                start = story.starts[j]
                return Mention(
                    start,
                    pos + size,
                    j,
                    full.end_word - full.first_word + k,
                    MentionLabel.PERSON,
                    text[start : pos + size],
                )
        pos = norm.find(name, pos + 1)
    return None


def _written_in_lower_case(story: AnalysedStory, word: str) -> bool:
    """The story writes ``word`` in lower case elsewhere ("rose" for "Rose"): the words it writes
    in lower case are gathered once per story, when a word first asks (most stories never do)."""
    seen_lower = story.cache.get("protagonist.lower_seen")
    if seen_lower is None:
        seen_lower = story.cache["protagonist.lower_seen"] = frozenset(filter(str.islower, story.words))
    return word in seen_lower or word.lower() in seen_lower


SUBJECT_PRONOUNS = frozenset(load("whose")["subject_pronouns"])
_NAME_PREFIXES = {word: frozenset(names) for word, names in load("people")["name_prefix_words"].items()}
_LEADING_ORIGIN = re.compile(r"[^\W\d_][\w.'’]*[-‐‑](?:born|based|raised|bred)\s+", re.I)


def _as_written(story: AnalysedStory, lex: Lexicon, m: Mention) -> Mention:
    """The full name as the record spells it, from the mention the name rules found.

    "Kumasi-born Kofi Ansah-Mensah", "Curator Tomasz Zielinski": an origin or a
    role glued to the front is not part of the name.  "I Wayan Sudarsana": a
    Balinese name starts on a word that reads as a pronoun alone.
    """
    first = m.first_word
    if m.end_word - first >= 3:
        lead = _LEADING_ORIGIN.match(m.text)
        cut = lead.end() if lead else 0
        word = story.lower_words[first]
        if (
            not cut
            and story.words[first][:1].isupper()
            and (word in lex.role_descriptors or word in lex.artist_self_nouns)
        ):
            cut = story.starts[first + 1] - m.start
        if cut:
            start = m.start + cut
            k = story.first_word_from(start)
            if m.end_word - k >= 2:
                return replace(m, start=start, first_word=k, text=m.text[cut:])
    before = story.words[first - 1] if first > 0 else ""
    if before in _NAME_PREFIXES and story.lower_words[first] in _NAME_PREFIXES[before]:
        start = story.starts[first - 1]
        return replace(m, start=start, first_word=first - 1, text=story.text[start : m.end])
    return m


def protagonist_candidates(
    story: AnalysedStory, mentions: Mentions, lex: Lexicon, *, limit: int = 5
) -> list[Protagonist]:
    """The people who might be the story's protagonist, the rules' choice first (at most ``limit``).

    The one the rules would drop (named once, late) is among them, marked, for the decision layer.
    """
    return _rank(story, mentions, lex, limit=limit, strict=False)


_CAREER_CHANGE = frozenset({"former", "retired", "one-time", "onetime", "ex", "erstwhile", "trained", "qualified"})


def described_as_non_artist(story: AnalysedStory, lex: Lexicon, protagonist: Protagonist) -> bool:
    """'Margaret Ellery-Cho, a marine biologist whose work ...': the story's subject has another trade."""
    lower = story.lower_words
    j = protagonist.first_full.end_word
    if j + 1 >= len(lower) or lower[j] != "," or lower[j + 1] not in ("a", "an", "the"):
        return False
    sentence_end = story.sentences[story.word_sentence[j]].end_word
    for k in range(j + 2, min(j + 7, sentence_end)):
        word = lower[k]
        if word in (",", "and", "who", "whose", "turned") or word in _CAREER_CHANGE:
            return False
        if word in lex.artist_self_nouns:
            return False
        if word in lex.non_art_professions:
            rest = lower[k + 1 : min(k + 4, sentence_end)]
            return not (rest[:1] == ["and"] and any(w in lex.artist_self_nouns for w in rest[1:]))
    return False


def biography_cue(story: AnalysedStory, lex: Lexicon, m: Mention) -> bool:
    """Age or origin told right after the name: 'X, 47, builds', 'X, now 33, grew up', 'X was born in',
    'X. She was born'."""
    lower = story.lower_words
    j = m.end_word
    if j >= len(lower):
        return False
    if lower[j] == ",":
        after = lower[j + 1 : j + 4]
        return bool(after and (_DIGITS.fullmatch(after[0]) or after[0] in lex.biography_cues))
    if lower[j] == ".":
        after = lower[j + 1 : j + 4]
        if not after or after[0] not in lex.pronoun_of:
            return False
        return any(w in lex.biography_cues for w in after[1:])
    return any(w in lex.biography_cues for w in lower[j : j + 3])


def _capitals_count(story: AnalysedStory, key: tuple[str, ...]) -> int:
    """How often the name appears in capitals (a headline, an interview's speaker labels)."""
    if len(key) < 2:
        return 0
    return story.text.count(" ".join(key).upper())


def _introduced_by_role(story: AnalysedStory, lex: Lexicon, m: Mention) -> bool:
    """'the critic X', 'her teacher, X', 'the master potter X', 'a painter named X'."""
    sentence = story.sentences[story.word_sentence[m.first_word]]
    before = story.lower_words[max(sentence.first_word, m.first_word - 4) : m.first_word]
    if not before:
        return False
    if before[-1] == ",":
        before = before[:-1]
    if before and before[-1] in ("named", "called"):
        # "a painter named X" can introduce the protagonist; "her neighbour, a painter named X" does not.
        sentence_words = story.lower_words[max(sentence.first_word, m.first_word - 8) : m.first_word]
        return any(w in lex.other_person_nouns and w not in lex.role_descriptors for w in sentence_words)
    return bool(before) and (before[-1] in lex.role_descriptors or before[-1] in lex.other_person_nouns)


def _single_name_fallback(story: AnalysedStory, mentions: Mentions, lex: Lexicon) -> Protagonist | None:
    """No full name anywhere: the most repeated single name, if it recurs."""
    counts: dict[str, list[Mention]] = {}
    for m in mentions.names:
        counts.setdefault(story.words[m.first_word], []).append(m)
    if not counts:
        return None
    word, items = max(counts.items(), key=lambda kv: (len(kv[1]), -kv[1][0].start))
    if len(items) < 3:
        return None
    given = _given_name_before(story, lex, mentions, items[0])
    if given is not None:
        words = frozenset({word.lower(), story.lower_words[given.first_word]})
        return Protagonist(given.text, words, items, given, float(len(items)), 0.0)
    return Protagonist(items[0].text, frozenset({word.lower()}), items, items[0], float(len(items)), 0.0)


# ---------------------------------------------------------------------------
# References: is the person nearest to a position the artist?
# ---------------------------------------------------------------------------


def _name_parts(words: frozenset[str]) -> frozenset[str]:
    """The artist's name words and each part of a hyphenated one ("Villiers-Szőke": "villiers", "szőke")."""
    return words.union(part for w in words if "-" in w for part in w.split("-") if part)


def _part_of_name(story: AnalysedStory, lex: Lexicon, m: Mention, parts: frozenset[str]) -> bool:
    """A name made only of parts of the artist's own ("Ter Horst" for Johanna van den Bergh-ter Horst,
    "Szőke" for Ferenc de Villiers-Szőke): a writer shortening a compound surname means the artist, not a
    newcomer; anyone else of the family is given a first name of their own."""
    words = [p for w in story.lower_words[m.first_word : m.end_word] for p in w.split("-") if p]
    content = [w for w in words if w not in lex.name_particles]
    return bool(content) and all(w in parts for w in content)


def _named_people(
    story: AnalysedStory, mentions: Mentions, lex: Lexicon, protagonist: Protagonist
) -> list[tuple[Mention, bool]]:
    """The people the story names, in mention order, each with whether it is the artist: one of the
    protagonist's own mentions, a first name of theirs, or a part of their compound surname; anyone else
    is a person chunk or a name the mentions know as a person's."""
    artist_ids = {id(m) for m in protagonist.mentions}
    name_parts = _name_parts(protagonist.words)
    lower, words = story.lower_words, story.words
    people: list[tuple[Mention, bool]] = []
    for m in mentions.chunks:
        if m.label not in (MentionLabel.PERSON, MentionLabel.NAME):
            continue
        first_name = m.label == MentionLabel.NAME and lower[m.first_word] in protagonist.words
        if id(m) in artist_ids or first_name or _part_of_name(story, lex, m, name_parts):
            people.append((m, True))
        elif m.label == MentionLabel.PERSON or words[m.first_word] in mentions.person_words:
            people.append((m, False))
    return people


class References:
    """Per-sentence list of person references, classified ARTIST / OTHER."""

    def __init__(
        self, story: AnalysedStory, mentions: Mentions, lex: Lexicon, protagonist: Protagonist, pronoun: str | None
    ):
        self.story = story
        self.lex = lex
        self.protagonist = protagonist
        self.pronoun = pronoun
        self.artist_ids = {id(m) for m in protagonist.mentions}
        per_sentence: list[list[Ref]] = [[] for _ in story.sentences]
        in_quote = speech_mask(story, mentions)
        taken: set[int] = set()
        for m, is_artist in _named_people(story, mentions, lex, protagonist):
            kind = ARTIST if is_artist else OTHER
            per_sentence[story.word_sentence[m.first_word]].append(Ref(m.first_word, kind, end_word=m.end_word))
            taken.update(range(m.first_word, m.end_word))
        artist_forms = lex.pronoun_forms.get(pronoun, frozenset()) if pronoun else frozenset()
        lower = story.lower_words
        for index in lex.scan_anchors(story).get("reference", ()):
            word = lower[index]
            if index in taken:
                continue
            family = lex.pronoun_of.get(word)
            if family:
                if in_quote[index]:
                    continue
                if word in artist_forms:
                    per_sentence[story.word_sentence[index]].append(
                        Ref(
                            index,
                            ARTIST,
                            object_pronoun=word in lex.object_pronouns
                            and word != "her"
                            or (word == "her" and _object_her(lower, index)),
                        )
                    )
                elif family in ("he", "she") and pronoun:
                    # Another gender than the artist's: someone else.  (With no known
                    # pronoun for the artist, a lone "her" could be either: no reference.)
                    per_sentence[story.word_sentence[index]].append(Ref(index, OTHER))
                continue
            if story.words[index] != word:
                continue  # capitalised: a name or a sentence opener, not a role noun
            if word in lex.artist_self_nouns and index > 0 and _self_reference(story, index):
                per_sentence[story.word_sentence[index]].append(Ref(index, ARTIST))
            elif word in lex.other_person_nouns:
                if in_quote[index]:
                    continue  # a gloss or speech: '*Vizinhas* ("the neighbours")'
                nxt = story.words[index + 1] if index + 1 < len(story.words) else ""
                if nxt[:1].isupper() or nxt in ("named", "called"):
                    continue  # "the guitarist Curro Heredia": the name that follows is the reference
                if _as_role(lower, index):
                    continue  # "years as a stage manager": the subject's own job, not someone else
                per_sentence[story.word_sentence[index]].append(Ref(index, OTHER))
        for refs in per_sentence:
            if len(refs) > 1:
                refs.sort(key=_ref_word)
        self.per_sentence = per_sentence

    def artist_in_sentence(self, sentence: int) -> bool:
        return any(r.kind == ARTIST for r in self.per_sentence[sentence])

    def artist_named_in_sentence(self, sentence: int) -> bool:
        story = self.story
        for r in self.per_sentence[sentence]:
            if r.kind == ARTIST and story.lower_words[r.word] in self.protagonist.words:
                return True
        return False

    def owner_at(self, offset: int, *, look_after: bool = True, look_back_sentences: int = 1) -> str | None:
        """ARTIST, OTHER or None (blocked: someone urged the artist to do it, 'but' ...)."""
        story = self.story
        if not story.sentences:
            return ARTIST
        word = story.first_word_from(offset)
        sentence = story.sentence_of(offset)
        refs = self.per_sentence[sentence]
        before = [r for r in refs if r.word < word]
        if before:
            nearest = before[-1]
            if nearest.kind == OTHER and len(before) >= 2 and before[-2].kind == ARTIST:
                # "Kwame and Jhon Fredy": the artist is one of the two.
                artist_end = before[-2].end_word if before[-2].end_word > 0 else before[-2].word + 1
                if story.lower_words[artist_end : nearest.word] in (["and"], ["&"], [","]):
                    return ARTIST
            if nearest.kind == ARTIST and nearest.object_pronoun and any(r.kind == OTHER for r in before[:-1]):
                # Someone else acts on the artist: it is the artist's only after "pushed
                # her toward", "invited him to" - not after "paid him back with".
                other = max(r.word for r in before[:-1] if r.kind == OTHER)
                if not any(w in self.lex.causative_verbs for w in story.lower_words[other : nearest.word]):
                    return OTHER
                end = story.sentences[sentence].end
                if _CONTRAST.search(story.norm, offset, end):
                    return None
            return nearest.kind
        if look_after:
            after = [r for r in refs if r.word >= word]
            if after:
                return after[0].kind
        for back in range(1, look_back_sentences + 1):
            if sentence - back >= 0 and self.per_sentence[sentence - back]:
                return self.per_sentence[sentence - back][-1].kind
        return ARTIST


def _as_role(lower: list[str], index: int) -> bool:
    """'as a stage manager', 'as an assistant': a role noun after 'as a' (one modifier allowed)."""
    for gap in (1, 2):
        k = index - gap
        if k - 1 >= 0 and lower[k] in ("a", "an") and lower[k - 1] == "as":
            return True
    return False


_SELF_ADJECTIVES = frozenset(("young", "future", "old", "elderly", "little", "celebrated", "famous", "great"))


def _self_reference(story: AnalysedStory, index: int) -> bool:
    """'the sculptor', 'the young potter', 'the Seoul-based artist' - not 'the sculptor Ana Ruiz'."""
    lower = story.lower_words
    back = lower[max(0, index - 3) : index]
    if not back:
        return False
    ok = back[-1] == "the" or (
        len(back) >= 2
        and back[-2] == "the"
        and (back[-1] in _SELF_ADJECTIVES or back[-1].endswith("-based") or back[-1].endswith("-year-old"))
    )
    if not ok:
        return False
    nxt = story.words[index + 1] if index + 1 < len(story.words) else ""
    return not nxt[:1].isupper()


def _object_her(lower: list[str], index: int) -> bool:
    """'her' as an object ('offered her a show') rather than a possessive ('her mother')."""
    nxt = lower[index + 1] if index + 1 < len(lower) else ""
    previous = lower[index - 1] if index else ""
    return (
        (not nxt.replace("-", "").isalpha())  # ("her thirty-five years": a possessive)
        or nxt
        in (
            "a",
            "an",
            "the",
            "to",
            "that",
            "with",
            "in",
            "on",
            "at",
            "for",
            "as",
            "into",
            "from",
            "and",
            "how",
            "about",
            "up",
            "back",
            "out",
        )
        or previous
        in (
            "offered",
            "gave",
            "invited",
            "asked",
            "told",
            "pushed",
            "urged",
            "encouraged",
            "taught",
            "let",
            "made",
            "helped",
            "showed",
            "sent",
            "handed",
            "brought",
            "took",
        )
    )


def speech_mask(story: AnalysedStory, mentions: Mentions) -> list[bool]:
    """True for words inside quoted speech (quotes that are not titles); cached on the story."""
    cached = story.cache.get("speech_mask")
    if cached is not None:
        return cached
    mask = [False] * len(story.words)
    story.cache["speech_mask"] = mask
    title_starts = {t.start for t in mentions.titles}
    for quote in story.quotes:
        if quote.start in title_starts or quote.mark != '"':
            continue
        first = story.first_word_from(quote.inner_start)
        last = story.first_word_from(quote.inner_end)
        end = min(last, len(mask))
        if end > first:
            mask[first:end] = [True] * (end - first)
    return mask


# ---------------------------------------------------------------------------
# Pronoun
# ---------------------------------------------------------------------------


_ADDRESSED = frozenset(("you", "your", "yourself"))
_INTERVIEW_YOU = 3  # this many "you" make a text an interview's questions


def find_pronoun(
    story: AnalysedStory, mentions: Mentions, lex: Lexicon, protagonist: Protagonist, *, min_linked: int = 2
) -> Fact[str] | None:
    """he / she / they, counting pronouns in sentences that name the artist (or follow one).

    'they' only counts when tied to the artist that way, so a crowd's 'they'
    in a story that never gives the artist a pronoun still yields None.
    """
    lex.scan_anchors(story)
    declared = lex.pronoun_declaration.search(story)
    if declared:
        value = (declared.group("p") or declared.group("q")).lower()
        return Fact(value, story.sentence_of(declared.start()), (declared.start(), declared.end()), 3.0)
    in_quote = speech_mask(story, mentions)
    named = [False] * len(story.sentences)
    for m in protagonist.mentions:
        named[story.word_sentence[m.first_word]] = True
    linked = {"he": 0, "she": 0, "they": 0}
    total = {"he": 0, "she": 0, "they": 0}
    first_hit: dict[str, int] = {}
    pronoun_of = lex.pronoun_of
    lower = story.lower_words
    for index in lex.scan_anchors(story).get("pronoun", ()):
        word = lower[index]
        family = pronoun_of[word]
        if in_quote[index] or story.words[index] not in (word, word.capitalize()):
            continue
        total[family] += 1
        first_hit.setdefault(family, index)
        sentence = story.word_sentence[index]
        if named[sentence] or (sentence > 0 and named[sentence - 1]):
            linked[family] += 3 if word in lex.singular_they else 1
    # he/she: any use counts, but at least one must sit next to the artist's name.
    # they: only uses next to the name count (a crowd's "they" is not the artist's).
    scores = {
        "he": total["he"] + linked["he"] if linked["he"] else 0,
        "she": total["she"] + linked["she"] if linked["she"] else 0,
        "they": 2 * linked["they"],
    }
    # (Asked only when "they" would win: a "they" that he or she outscores, or ties, is not chosen either way.)
    if scores["they"] > max(scores["he"], scores["she"]) and not lex.they_kin_pattern.search(story.norm):
        scores["they"] = 0  # a singular "they" shows itself: "their mother", "themself"
    best = max(scores, key=lambda p: (scores[p], p != "they"))
    switched = False
    if best in ("he", "she"):
        chosen = _sentence_subjects_pronoun(story, mentions, lex, protagonist, best)
        if chosen != best and chosen in first_hit:
            best, switched = chosen, True
    enough = linked[best] >= min_linked or (best != "they" and linked[best] >= 1 and total[best] > min_linked)
    if not enough and best != "they" and linked[best] and not linked["she" if best == "he" else "he"]:
        # An interview asks "you" and answers "I": its introduction's one "her studio" is the artist's.
        enough = sum(1 for w in lower if w in _ADDRESSED) >= _INTERVIEW_YOU
    if not switched and (not scores[best] or not enough):
        return None
    index = first_hit[best]
    strength = min(1.0, (total[best] if switched else scores[best]) / 10)
    return Fact(best, story.word_sentence[index], (story.starts[index], story.ends[index]), strength)


_SWITCH_LEAD = 4  # how many more of the other pronoun's subject uses than this one's are the artist's
_SWITCH_OWN = 2  # and at least this many of them


def _sentence_subjects_pronoun(
    story: AnalysedStory, mentions: Mentions, lex: Lexicon, protagonist: Protagonist, best: str
) -> str:
    """He or she, the other one when the sentences about the artist keep saying it and the counted one is
    said in the other person's sentences ("Tomas was twenty when he first knocked on the door of Alma's
    studio. He is 31 now ... Alma was born in Santiago. She trained in Madrid"): both names share the
    sentences a teacher's, a rival's or a partner's story is told in, so counting by sentence cannot tell."""
    owners = subject_pronoun_owners(story, mentions, lex, protagonist)
    other = "she" if best == "he" else "he"
    mine, theirs = owners[best]
    other_mine, other_theirs = owners[other]
    if other_mine >= _SWITCH_OWN and (other_mine - other_theirs) - (mine - theirs) >= _SWITCH_LEAD:
        return other
    return best


def subject_pronoun_owners(
    story: AnalysedStory, mentions: Mentions, lex: Lexicon, protagonist: Protagonist
) -> dict[str, tuple[int, int]]:
    """Per pronoun family, how many of its subject uses ("he", "she", "they", and a possessive that opens a
    sentence: "Her first exhibition was ...") are said of the artist and
    how many of someone else, by the person each sentence opens on (cached per story).

    A subject pronoun is said of the first person its sentence names before it (the sentence's subject:
    "Tomas Berg was twenty when he first knocked on the door of Alma Reyes's studio ... drawings he
    never showed anyone" are Tomas's, though Alma was named last), or, when its sentence names
    nobody before it, of the person the last sentence that named anyone opened on ("Alma Reyes was born in
    Santiago. She trained in Madrid"). A teacher's or a rival's paragraph keeps their pronoun theirs, where
    counting the pronouns of every sentence that names the artist gives the artist the pronoun of
    whoever shares the sentence.  Only names are people here: a role noun may be the artist ("There was
    no money for lessons, and the boy filled the margins with faces").
    """
    key = ("protagonist.subject_pronoun_owners", protagonist.name)
    cached = story.cache.get(key)
    if cached is not None:
        return cached
    lower = story.lower_words
    people = sorted((m.first_word, is_artist) for m, is_artist in _named_people(story, mentions, lex, protagonist))
    in_quote = speech_mask(story, mentions)
    openers = {s.first_word for s in story.sentences}
    possessive = lex.possessive_determiners
    subjects = sorted(
        j
        for j in lex.scan_anchors(story).get("pronoun", ())
        if not in_quote[j] and (lower[j] in SUBJECT_PRONOUNS or (j in openers and lower[j] in possessive))
    )
    owners = {family: [0, 0] for family in ("he", "she", "they")}
    centre: bool | None = None
    k = n = 0
    for sentence in story.sentences:
        lo, hi = sentence.first_word, sentence.end_word
        while k < len(people) and people[k][0] < lo:
            k += 1
        named_at = people[k][0] if k < len(people) and people[k][0] < hi else hi
        opener = people[k][1] if named_at < hi else None
        while n < len(subjects) and subjects[n] < lo:
            n += 1
        if n < len(subjects) and subjects[n] < named_at:
            opener = centre  # "She studied in Kiev": the sentence opens on whom the last one was about
        while n < len(subjects) and subjects[n] < hi:
            j = subjects[n]
            n += 1
            owner = opener if named_at < j else centre
            if owner is not None:
                owners[lex.pronoun_of.get(lower[j], lower[j])][0 if owner else 1] += 1
        if opener is not None:
            centre = opener
    result = story.cache[key] = {family: (mine, theirs) for family, (mine, theirs) in owners.items()}
    return result


# ---------------------------------------------------------------------------
# Age
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class AgeMention:
    """A number of the story that may be the artist's age, and what the age patterns said of it.

    The rules take the strongest mention that passes every gate; the learned
    layer sees every mention, so that the ages the patterns never reach ("He
    was 88.", "I am forty-three now.") can still be chosen.
    """

    fact: Fact[int]
    word: int
    hits: list[str]  # "p<pattern>=<gate>": ok, or the first gate the match failed
    passes: bool  # some pattern matched it and passed every gate (the rules may take it)


def age_mentions(story: AnalysedStory, lex: Lexicon, refs: References) -> list[AgeMention]:
    """Every number of the story that could be an age, in story order (cached on the story).

    Number words are found with a set lookup per word; the age patterns are
    then tried only in a small window around each number.
    """
    cached = story.cache.get("protagonist.ages")
    if cached is not None:
        return cached
    numbers = lex.number_word_set
    found: list[AgeMention] = []
    norm = story.norm
    size = len(norm)
    lower = story.lower_words
    for k in lex.scan_anchors(story).get("number", ()):
        word = lower[k]
        if word in numbers and lex.number_words.get(word, 99) < lex.min_age:
            continue  # "one", "two": never an age, and very common
        if len(word) >= 4 and word[:4].isdigit():
            continue  # "1998", "1990s": a year, never an age
        sentence = story.word_sentence[k]
        in_artist_sentence = refs.artist_in_sentence(sentence)
        bounds = story.sentences[sentence]
        lo, hi = max(bounds.start, story.starts[k] - 40), min(bounds.end, story.ends[k] + 60, size)
        hits: list[str] = []
        best: Fact[int] | None = None
        matched: Fact[int] | None = None
        # The rules take ages in the artist's sentences only; elsewhere ("At twenty-three I left", an
        # artist the references miss) the patterns' verdicts are still the decision layer's evidence.
        for index, (regex, strength, noun_check, (context, initial_comma)) in enumerate(lex.age_patterns):
            in_context = None  # (the context is searched for once a match is an age: most numbers have none)
            for match in regex.finditer(norm, lo, hi):
                if not (match.start("age") < story.ends[k] and story.starts[k] < match.end("age")):
                    continue
                value = lex.parse_number(match.group("age").replace(" ", "-"))
                if value is None or not (lex.min_age <= value <= lex.max_age):
                    continue
                if in_context is None:
                    in_context = context is None or bool(context.search(norm, bounds.start, bounds.end))
                fact = Fact(value, sentence, (match.start("age"), match.end("age")), float(strength))
                matched = matched or fact
                gate = "ok"
                start = match.start()
                if not in_context and not (
                    initial_comma
                    and not norm[bounds.start : match.start()].strip(" \"'")
                    and norm[match.end() : match.end() + 1] == ","
                ):
                    gate = "context"
                elif noun_check:
                    first = story.word_at(start)
                    previous = lower[first - 1] if first > 0 else ""
                    tail = (match.groupdict().get("tail") or "").lower().replace("-", " ").split()
                    kin_before = any(w in lex.age_other_after for w in lower[max(bounds.first_word, first - 4) : first])
                    if previous in lex.age_other_before or kin_before:
                        gate = "other"  # "her student is a 19-year-old", "his mother, a 70-year-old"
                    elif any(t in lex.age_other_after for t in tail[:2]):
                        # "an eleven-year-old girl in Nakuru began": a child the story may open on is
                        # its artist young (the learned layer decides); "a 70-year-old widow" is not.
                        gate = "child" if tail[0] in lex.age_child_nouns else "other"
                if gate == "ok" and not in_artist_sentence:
                    gate = "sentence"
                elif gate == "ok" and (refs.owner_at(start) != ARTIST or _named_other_before(refs, sentence, k)):
                    # (at the number too: "Her brother Elvin, 33," is Elvin's, though "Her" opens it)
                    gate = "owner"
                if (
                    gate == "owner"
                    and strength < CURRENT_AGE_STRENGTH
                    and _artist_subject_after(story, refs, match.end())
                ):
                    gate = "ok"  # "the son of a tailor, and by the age of fourteen he was riding"
                hits.append(f"p{index}={gate}")
                if gate == "ok" and (best is None or fact.strength > best.strength):
                    best = fact
        if best is None and matched is None:
            end = story.ends[k]
            if k + 2 < len(lower) and lower[k + 1] == "-" and story.starts[k + 1] == end == story.starts[k + 2] - 1:
                # ("thirty-one" split in three words: the number is the whole of it, not its "thirty")
                compound = f"{word}-{lower[k + 2]}"
                if lex.parse_number(compound) is not None:
                    word, end = compound, story.ends[k + 2]
            value = lex.parse_number(word.split("-year", 1)[0])  # "52-year-old", "fifty-two-year-old"
            if value is None or not (lex.min_age <= value <= lex.max_age):
                continue
            matched = Fact(value, sentence, (story.starts[k], end), 0.0)
        chosen = best or matched
        if chosen is not None:
            found.append(AgeMention(chosen, k, sorted(set(hits)), best is not None))
    found = _labelled_ages(story, lex, found)
    story.cache["protagonist.ages"] = found
    return found


def _labelled_ages(story: AnalysedStory, lex: Lexicon, found: list[AgeMention]) -> list[AgeMention]:
    """The number of an "Age: 71" line as a stated current age (a record's field is its subject's)."""
    lines = lines_of(story, "age")
    if not lines:
        return found
    by_word = {m.word: m for m in found}
    lower = story.lower_words
    for line in lines:
        first = story.first_word_from(line.start)
        for k in range(first, min(first + 3, len(lower))):
            if story.starts[k] >= line.end:
                break
            value = lex.parse_number(lower[k])
            if value is None:
                continue
            if lex.min_age <= value <= lex.max_age:
                fact = Fact(value, story.word_sentence[k], (story.starts[k], story.ends[k]), LABELLED_AGE_STRENGTH)
                old = by_word.get(k)
                by_word[k] = AgeMention(fact, k, sorted({*(old.hits if old else ()), "label=age"}), True)
            break
    return sorted(by_word.values(), key=lambda m: m.word)


def _named_other_before(refs: References, sentence: int, word: int) -> bool:
    """The reference nearest before an age, in its sentence, is somebody else's ('Her brother Elvin, 33')."""
    before = [r for r in refs.per_sentence[sentence] if r.word < word]
    return bool(before) and before[-1].kind == OTHER


def _artist_subject_after(story: AnalysedStory, refs: References, end: int) -> bool:
    """The artist is the subject right after an age ('at the age of fourteen he was', 'At 38, she is')."""
    k = story.first_word_from(end)
    lower = story.lower_words
    if k < len(lower) and lower[k] == ",":
        k += 1
    if k >= len(lower) or story.word_sentence[k] != story.sentence_of(end - 1):
        return False
    sentence = refs.per_sentence[story.word_sentence[k]]
    return any(r.word == k and r.kind == ARTIST and not r.object_pronoun for r in sentence)


# Age patterns of this strength or more state a current age (data/ages.json); weaker ones, an age at an event.
CURRENT_AGE_STRENGTH = 2
LABELLED_AGE_STRENGTH = 3.0  # an "Age:" field: as strong as "a 71-year-old"
LABELLED_NAME_BONUS = 12.0  # a person on an "Artist:" line: ahead of a title or venue repeated in capitals


def find_age(story: AnalysedStory, lex: Lexicon, refs: References) -> Fact[int] | None:
    """A stated age: 'a 52-year-old potter', 'is 45', 'at thirty-four' - the artist's only.

    The strongest pattern wins (a current age over an age at an event); between
    ages at events, the latest in the artist's life, which is the largest.
    """
    best: Fact[int] | None = None
    for mention in age_mentions(story, lex, refs):
        if not mention.passes:
            continue
        fact = mention.fact
        if (
            best is None
            or fact.strength > best.strength
            or (fact.strength == best.strength < CURRENT_AGE_STRENGTH and fact.value > best.value)
        ):
            best = fact
    return best


# ---------------------------------------------------------------------------
# Birth city
# ---------------------------------------------------------------------------


def find_birth_city(
    story: AnalysedStory, mentions: Mentions, lex: Lexicon, refs: References
) -> Fact[CityMatch | None] | None:
    """Where the story says the artist was born, raised or grew up (a city, never a country)."""
    for line in lines_of(story, "birth"):  # "Born: 1961, Bukhara", "Place of birth: Lublin"
        city = labelled_place(mentions, line.start, line.end)
        if city is not None:
            return Fact(city.city, story.sentence_of(city.start), (city.start, city.end), 5.0, {"label": True})
    norm = story.norm
    anchor_hits = lex.scan_anchors(story)
    candidates: list[Fact[CityMatch | None]] = []
    cities = mentions.cities
    for regex, strength in lex.birth_phrases:
        if regex.key not in anchor_hits:
            continue  # (no anchor word: no match; skips the call)
        for match in artist_birth_phrases(story, refs, regex):
            sentence_index = story.sentence_of(match.start())
            sentence = story.sentences[sentence_index]
            window_end = sentence.end
            stop = lex.birth_phrase_stops.search(norm, match.end(), sentence.end)
            if stop:
                window_end = stop.start()
            for r in refs.per_sentence[sentence_index]:
                if (
                    r.kind == ARTIST
                    and story.starts[r.word] > match.end()
                    and story.lower_words[r.word] not in lex.possessive_determiners
                ):
                    window_end = min(window_end, story.starts[r.word])
                    break
            places = mentions.between("cities", match.end(), window_end)
            nations = mentions.between("countries", match.end(), window_end)
            if places and (not nations or places[0].start < nations[0].start):
                city = places[0]
                # "grew up in Jamestown, the old fishing quarter of Accra": the city of the quarter.
                # ("born in Meknes in 1975 and trained ... in the medina of Fes": another clause, another city.)
                for later in places[1:]:
                    between = norm[city.end : later.start]
                    if len(between) > _QUARTER_REACH or _CLAUSE_BREAK.search(between):
                        break
                    if lex.neighbourhood_words.search(norm, city.end, later.start) or _NEAR_CITY.search(between):
                        city = later
                        break
                candidates.append(
                    Fact(
                        city.city,
                        sentence_index,
                        (city.start, city.end),
                        float(strength),
                        {"phrase": (match.start(), match.end())},
                    )
                )
                continue
            if nations:
                candidates.append(
                    Fact(
                        None,
                        sentence_index,
                        (nations[0].start, nations[0].end),
                        float(strength) - 0.5,
                        {"country_only": True},
                    )
                )
                continue
            # "A native of the city, Boateng ...": the city named just before.
            if lex.anaphoric_city.match(norm, match.end()):
                earlier = mentions.between("cities", story.sentences[max(0, sentence_index - 2)].start, match.start())
                if earlier:
                    city = earlier[-1]
                    candidates.append(
                        Fact(
                            city.city,
                            sentence_index,
                            (city.start, city.end),
                            float(strength) - 0.5,
                            {"phrase": (match.start(), match.end())},
                        )
                    )
                continue
            # "born in the old neighbourhood of Zhenis": the city the story is set in.
            if (
                lex.neighbourhood_words.search(norm, match.end(), window_end)
                and cities
                and cities[0].start < sentence.start
            ):
                city = cities[0]
                candidates.append(
                    Fact(city.city, sentence_index, (city.start, city.end), float(strength) - 1.5, {"setting": True})
                )
    for regex, strength in lex.backward_birth_phrases:
        if regex.key not in anchor_hits:
            continue
        for match in regex.finditer(story):
            sentence_index = story.sentence_of(match.start())
            sentence = story.sentences[sentence_index]
            # "... on the edge of Oaxaca, the city where she was born": the place just before.
            places = mentions.between("cities", max(sentence.start, match.start() - 80), match.start())
            if places and refs.owner_at(match.end() - 1, look_after=False) == ARTIST:
                city = places[-1]
                candidates.append(
                    Fact(
                        city.city,
                        sentence_index,
                        (city.start, city.end),
                        float(strength),
                        {"phrase": (match.start(), match.end())},
                    )
                )
    for regex, strength in lex.anaphoric_birth_phrases:
        if regex.key not in anchor_hits:
            continue
        for match in regex.finditer(story):
            # "In Itauguá, twenty-five kilometres east of Asunción, ... She was born there": the place
            # the sentences before are about.
            if refs.owner_at(match.start(), look_after=False) != ARTIST:
                continue
            sentence_index = story.sentence_of(match.start())
            topic = _topic_city(story, mentions, sentence_index, match.start())
            if topic is not None:
                candidates.append(
                    Fact(
                        topic.city,
                        sentence_index,
                        (topic.start, topic.end),
                        float(strength),
                        {"phrase": (match.start(), match.end())},
                    )
                )
    for city in cities:
        for regex, strength in lex.city_birth_suffixes:
            match = regex.match(norm, city.end)
            if not match:
                continue
            # "the Rotterdam-born artist", "a Nairobi native" - not "her Rotterdam-born husband".
            following = story.first_word_from(match.end())
            if following < len(story.words) and story.lower_words[following] in lex.other_person_nouns:
                continue
            # "born to a Hong Kong-born florist", "the son of a Lagos-born nurse": a parent's birthplace.
            if tuple(story.lower_words[max(0, city.first_word - 2) : city.first_word]) in _PARENT_LEADS:
                continue
            if refs.owner_at(match.end() - 1, look_after=False) == ARTIST or _names_artist_soon(refs, following):
                candidates.append(
                    Fact(
                        city.city,
                        story.sentence_of(city.start),
                        (city.start, city.end),
                        float(strength),
                        {"phrase": (match.start(), match.end())},
                    )
                )
    with_city = [c for c in candidates if c.value is not None]
    if with_city:
        return max(with_city, key=lambda c: (c.strength, -c.sentence))
    if candidates:
        return None
    return _setting_city(story, mentions, lex, refs)


def artist_birth_phrases(story: AnalysedStory, refs: References, regex: Anchored) -> list[re.Match[str]]:
    """The matches of a birth phrase that tell of the artist (one that opens its sentence, or whose
    nearest person before it is the artist), found once: the rules and the candidates read them."""
    key = ("birth_phrase", regex.key)
    found = story.cache.get(key)
    if found is None:
        norm = story.norm
        found = []
        for match in regex.finditer(story):
            sentence = story.sentences[story.sentence_of(match.start())]
            at_sentence_start = not norm[sentence.start : match.start()].strip(" \"'")
            if at_sentence_start or refs.owner_at(match.start(), look_after=False) == ARTIST:
                found.append(match)
        story.cache[key] = found
    return found


def labelled_place(mentions: Mentions, start: int, end: int) -> Mention | None:
    """The first place of a labelled value: a city, or a name the mention rules did not believe was one
    ("Born: 1961, Bukhara": the label is the place evidence they look for), read as its likeliest city."""
    places = mentions.between("cities", start, end)
    if places:
        return places[0]
    for m in mentions.chunks:
        if start <= m.start and m.end <= end and m.candidates and m.label in (MentionLabel.NAME, MentionLabel.OTHER):
            readings = [c for c in m.candidates if not c.via_alias] or list(m.candidates)
            return replace(m, city=max(readings, key=lambda c: c.city.population).city)
    return None


def _names_artist_soon(refs: References, word: int, reach: int = 5) -> bool:
    """The artist's name within ``reach`` words from ``word``, same sentence: "the Lagos-born performer X"."""
    story = refs.story
    if word >= len(story.words):
        return False
    for r in refs.per_sentence[story.word_sentence[word]]:
        if r.kind == ARTIST and word <= r.word < word + reach and story.lower_words[r.word] in refs.protagonist.words:
            return True
    return False


_TOPIC_REACH = 2  # sentences before an anaphoric birth phrase in which its place may be named
_NOT_TOPIC = (MentionLabel.ARTIST, MentionLabel.COUNTRY, MentionLabel.REGION)


def _topic_city(story: AnalysedStory, mentions: Mentions, sentence_index: int, before: int) -> Mention | None:
    """The city that opens the nearest sentence naming one, up to ``before`` (an anaphor's place).

    "In Itauguá, east of Asunción, ...", "Hastings is the wrong Hastings": the sentence is about
    the place it names first.  A place the gazetteer does not list named before it ("El Alto sits
    above La Paz") is what the sentence is about: no city.
    """
    for index in range(sentence_index, max(-1, sentence_index - _TOPIC_REACH - 1), -1):
        s = story.sentences[index]
        found = mentions.between("cities", s.start, min(s.end, before))
        if not found:
            continue
        first = found[0]
        for m in mentions.chunks:
            if m.start >= first.start:
                break
            if m.start < s.start or m.label in _NOT_TOPIC or m.city is not None:
                continue
            if m.label != MentionLabel.PERSON or m.first_word <= s.first_word + 1:
                return None  # ("El Alto sits above La Paz": a person's name does not open a sentence so)
        return first
    return None


def _setting_city(
    story: AnalysedStory, mentions: Mentions, lex: Lexicon, refs: References
) -> Fact[CityMatch | None] | None:
    """'High in the hills on the outskirts of Osh, ... NAME learned to listen': the opening's home town."""
    if not story.sentences:
        return None
    for index, sentence in enumerate(story.sentences):
        if sentence.paragraph > 0:
            break
        if not refs.artist_named_in_sentence(index):
            continue
        if not (
            lex.setting_words.search(story.norm, sentence.start, sentence.end)
            or lex.childhood_cues.search(story.norm, sentence.start, sentence.end)
        ):
            return None
        places = mentions.between("cities", sentence.start, sentence.end)
        if places:
            return Fact(places[0].city, index, (places[0].start, places[0].end), 0.5, {"setting": True})
        return None
    return None
