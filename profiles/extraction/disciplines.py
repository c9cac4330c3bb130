"""Stage 3b: the art forms the artist practises (the closed vocabulary of docs/record-format.md).

Cues come from data/disciplines.json.  A cue counts only when it is about the
artist: not inside quoted speech or a title or a venue's name, not a
descriptor of someone else ("the felt-maker Gulmira Seitova", "his sister
Aida, a painter", "a ceramics lecturer"), and the nearest person mentioned
before it is the artist (see :class:`.protagonist.References`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .data import load
from .lexicon import Lexicon
from .mentions import Mentions
from .prefilter import FastPattern
from .protagonist import ARTIST, Fact, References
from .story_record import MentionLabel
from .text import AnalysedStory

_AUXILIARIES = frozenset(
    (
        "were",
        "was",
        "are",
        "is",
        "had",
        "have",
        "has",
        "been",
        "kept",
        "began",
        "started",
        "would",
        "could",
        "often",
        "now",
        "still",
        "also",
        "soon",
        "began to",
        "to",
        "all",
    )
)

_AGENT_DETERMINERS = frozenset(("a", "an", "the", "his", "her", "their", "one", "some", "several", "two", "local"))
_CLAUSE_BREAKS = frozenset((";", ".", ":", "and", "but", "while", "who", "which", "where", "when"))

_PLACE_PREPOSITIONS = frozenset(("in", "on", "onto", "across", "over", "into"))
_SUBJECT_LINKS = frozenset(
    (
        "and",
        "or",
        "who",
        "that",
        "then",
        "once",
        "first",
        "later",
        "never",
        "always",
        "she",
        "he",
        "they",
        "i",
        "we",
        "also",
        "even",
        "had",
        "has",
        "have",
    )
)
_SUBJECT_LINKS_TO = frozenset(("to", "that", "who"))

_PASSIVE_AUXILIARIES = frozenset(("was", "were", "is", "are", "been", "being", "had", "have", "has"))
_PASSIVE_PARTICIPLES = frozenset(
    (
        "taken",
        "made",
        "shot",
        "done",
        "drawn",
        "written",
        "sung",
        "given",
        "shown",
        "run",
        "led",
        "held",
        "put",
        "built",
    )
)


# A work's noun ("her installation Tejer el Agua", "a forty-jar installation called Tidevann"): the
# capitalised words after it are the work's title, not a person it describes (data/candidates.json).
_WORK_NOUNS = frozenset(load("candidates")["work_nouns"])

# word -> the disciplines it may name (data/disciplines.json "weak_cues")
_WEAK_CUES: dict[str, tuple[str, ...]] = {}
for _name, _words in load("disciplines").get("weak_cues", {}).items():
    for _word in _words:
        _WEAK_CUES[_word] = (*_WEAK_CUES.get(_word, ()), _name)
_WEAK_WORDS = frozenset(_WEAK_CUES)
_WEAK_PER_DISCIPLINE = 4
# A practice named by a phrase, not a word ("a room of hanging car doors", "hung from the ceiling" for an
# installation): (discipline, a literal every match contains, the pattern on the lowercase text), weak cues
# too (data/disciplines.json "weak_patterns").  A pattern that starts with "\b" is tried at every
# position of the story by ``re``; one with literal beginnings ("filled") is tried only where they occur.
_WEAK_PATTERNS = [
    (_name, _literal, FastPattern(re.compile(_pattern), short=0))
    for _name, _items in load("disciplines").get("weak_patterns", {}).items()
    for _literal, _pattern in _items
]


def _spans(items) -> list[tuple[int, int]]:
    return sorted((item.start, item.end) for item in items)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted union of possibly overlapping spans."""
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Is [start, end) inside one of the sorted, disjoint ``spans``?"""
    k = bisect.bisect_right(spans, (start, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= start and end <= spans[k][1]


def _describes_someone_else(
    story: AnalysedStory, mentions: Mentions, lex: Lexicon, refs: References, start: int, end: int
) -> bool:
    """True when the cue words describe another person, not the artist."""
    word = story.first_word_from(start)
    last = story.word_at(end - 1)
    sentence = story.sentences[story.word_sentence[word]]
    lower = story.lower_words
    # "the felt-maker Gulmira Seitova", "the veteran woodcut artist Agus Santoso",
    # "a ceramics lecturer", "a painter named Hine Walker".
    k = last + 1
    steps = 0
    titled = lower[last] in _WORK_NOUNS
    while k < sentence.end_word and steps < 3:
        token = story.words[k]
        if token[:1].isupper():
            if titled:
                break  # "her installation Hilos de Agua": a title
            person = mentions.person_at.get(k)
            if person is not None and id(person) not in refs.artist_ids:
                return True
            if token in mentions.person_words and lower[k] not in refs.protagonist.words:
                return True
            break
        if lower[k] in ("named", "called"):
            k += 1
            steps += 1
            continue
        if lower[k] in lex.other_person_nouns and lower[k] not in lex.artist_self_nouns:
            return True
        if lower[k] in lex.role_descriptors or lower[k] in lex.artist_self_nouns or lower[k] in ("artist",):
            titled = False  # "the woodcut artist Agus Santoso"
            k += 1
            steps += 1
            continue
        break
    sentence_refs = refs.per_sentence[story.word_sentence[word]]
    # "Painted in electric greens, ...", "the advertising painted on the buses": a description, not a deed.
    if lower[word].endswith("ed") and last + 1 < sentence.end_word and lower[last + 1] in _PLACE_PREPOSITIONS:
        previous = word - 1
        if previous < sentence.first_word or (
            story.words[previous].isalpha()
            and story.words[previous].islower()
            and previous not in {r.word for r in sentence_refs}
            and lower[previous] not in _AUXILIARIES
            and lower[previous] not in _SUBJECT_LINKS
            and not lower[previous].endswith("ly")
        ):
            return True
    # "A photographer from Lima once followed him": the cue's subject acts on the artist.
    if word - sentence.first_word <= 2 and all(
        lower[k] in ("a", "an", "the") for k in range(sentence.first_word, word)
    ):
        after = [r for r in sentence_refs if r.word > last]
        if (
            after
            and not any(r.word < word for r in sentence_refs)
            and after[0].kind == ARTIST
            and after[0].object_pronoun
        ):
            return True
    # "brings volunteers onto the ward to draw and paint", "a choir that sang": a group does it.
    k = word - 1
    if k - 1 >= sentence.first_word and lower[k] in ("and", "or"):
        k -= 2
    if k >= sentence.first_word and lower[k] in _SUBJECT_LINKS_TO and not _taught_the_artist(lex, lower, k):
        artist_before = max((r.word for r in sentence_refs if r.kind == ARTIST and r.word < k), default=-1)
        for j in range(k - 1, max(sentence.first_word, artist_before + 1, k - 6) - 1, -1):
            if lower[j] in lex.group_nouns or (
                lower[j] in lex.other_person_nouns and lower[j] not in lex.artist_self_nouns
            ):
                return True
    # "cannot dance", "abandoned painting after a single term"
    if any(w in lex.discipline_negations for w in lower[max(sentence.first_word, word - 3) : word]):
        return True
    # "paintings by his oldest friend, Kim", "a sculpture by Rodin",
    # "the photographs were taken by his cousin"
    # "short films made by friends", "a watercolor of the harbour, painted by his late wife"
    by = last + 1
    limit = min(sentence.end_word, last + 4)
    if story.words[last][:1].islower() and not story.lower_words[last].endswith("ed"):
        reduced = last + 1
        while reduced < min(sentence.end_word, last + 10) and lower[reduced] not in _CLAUSE_BREAKS:
            if (
                lower[reduced] == ","
                and reduced + 2 < sentence.end_word
                and lower[reduced + 2] == "by"
                and (lower[reduced + 1] in _PASSIVE_PARTICIPLES or lower[reduced + 1].endswith("ed"))
            ):
                by, limit = reduced + 2, reduced + 3
                break
            reduced += 1
    while by < limit and (
        lower[by] in _PASSIVE_AUXILIARIES
        or (lower[by] in _PASSIVE_PARTICIPLES or (by > last + 1 and lower[by].endswith("ed")))
    ):
        by += 1
    if by < sentence.end_word and lower[by] == "by":
        last = by - 1
        if (
            last + 2 < sentence.end_word
            and lower[last + 2] in _AGENT_DETERMINERS
            and not any(r.kind == ARTIST and last + 2 <= r.word < last + 6 for r in sentence_refs)
        ):
            return True  # "painted by a local artist", "taken by his late wife"
        for k in range(last + 2, min(sentence.end_word, last + 6)):
            if story.words[k][:1].isupper():
                person = mentions.person_at.get(k)
                if (person is not None and id(person) not in refs.artist_ids) or (
                    story.words[k] in mentions.person_words and lower[k] not in refs.protagonist.words
                ):
                    return True
                break
            if lower[k] in lex.other_person_nouns or lower[k] in lex.group_nouns:
                return True
    # "tourists were photographing them": a crowd is the subject.
    k = word - 1
    while k >= sentence.first_word and lower[k] in _AUXILIARIES:
        k -= 1
    if k >= sentence.first_word and k < word and lower[k] in lex.group_nouns:
        return True
    # "His sister Aida, a painter," / "her grandmother, a skilled embroiderer,"
    k = word - 1
    steps = 0
    while k >= sentence.first_word and steps < 5 and story.words[k] != ",":
        if lower[k] in ("a", "an", "the") or story.words[k].islower():
            k -= 1
            steps += 1
            continue
        break
    between = lower[k + 1 : word]
    if (
        k >= sentence.first_word
        and story.words[k] == ","
        and (word - k) <= 5
        and (not between or between[0] in ("a", "an", "the", "herself", "himself", "themself", "also", "once"))
    ):
        head_words = lower[max(sentence.first_word, k - 3) : k]
        if any(w in lex.other_person_nouns and w not in lex.artist_self_nouns for w in head_words):
            return True
        if k - 1 >= sentence.first_word:
            person = mentions.person_ending_at.get(k)
            if person is not None and id(person) not in refs.artist_ids:
                return True
            name = story.words[k - 1]
            if name in mentions.person_words and name.lower() not in refs.protagonist.words:
                return True
    return False


def _taught_the_artist(lex: Lexicon, lower: list[str], to: int) -> bool:
    """'My grandfather taught me to throw pots': the narrator, taught, does it (no reference marks
    a narrator, so the check for the artist between the teacher and "to" does not see them)."""
    return to >= 2 and lower[to - 1] == "me" and lower[to - 2] in lex.causative_verbs


@dataclass(slots=True)
class DisciplineCue:
    """One cue of a discipline in the story, and the rule that rejected it (None: accepted)."""

    name: str
    start: int
    end: int
    rejected_by: str | None
    # Further cues of the same discipline the rules would take too (spans): a practice the story returns
    # to, not one named in passing.  Filled on the first accepted cue only.
    more: list[tuple[int, int]] = field(default_factory=list)


def discipline_cues(
    story: AnalysedStory, mentions: Mentions, lex: Lexicon, refs: References, *, per_discipline: int = 1
) -> list[DisciplineCue]:
    """Every cue of each discipline up to its ``per_discipline``-th accepted one, rejected ones included.

    With ``per_discipline=1`` the rules' answer is the first accepted cue of each discipline;
    the learned layer (:mod:`.candidates`) looks at the rejected ones too.
    """
    anchor_hits = lex.scan_anchors(story)
    title_starts = {t.start for t in mentions.titles}
    blocked = _spans(mentions.titles) + _spans(m for m in mentions.chunks if m.label == MentionLabel.VENUE)
    quoted = [(q.start, q.end) for q in story.quotes if q.mark == '"' and q.start not in title_starts]
    blocked = _merged(blocked + quoted)
    quoted = _merged(quoted)
    cues: list[DisciplineCue] = []
    size = len(story.norm)
    context = lex.discipline_context_exclude
    for name, cue, exclude in lex.disciplines:
        if cue.key not in anchor_hits:
            continue  # (no anchor word: no match; skips the call)
        accepted = 0
        head: DisciplineCue | None = None
        for seen, match in enumerate(cue.finditer(story)):
            if seen >= 8:
                break
            start, end = match.start(), match.end()
            reason = _rejection(story, mentions, lex, refs, blocked, exclude, context, size, start, end)
            if head is not None:
                if reason is None:
                    head.more.append((start, end))
                continue
            if reason == "blocked" and _inside(quoted, start, end):
                reason = "quoted"  # someone's words ("Watercolour is for gardens," he told her)
            cues.append(DisciplineCue(name, start, end, reason))
            if reason is None:
                accepted += 1
                if accepted >= per_discipline:
                    head = cues[-1]
    cues += _weak_cues(story, mentions, lex, refs, blocked, context, size)
    return cues


def _weak_cues(story, mentions, lex, refs, blocked, context, size) -> list[DisciplineCue]:
    """A material or an act that may name a practice ("a loom", "knits", "an oil", "carved"): never the
    rules' answer, a rejected cue ("weak") when the attribution rules would take it, for the learned layer."""
    lower = story.lower_words
    positions = story.positions(_WEAK_WORDS)
    spans = [(story.starts[k], story.ends[k], _WEAK_CUES[lower[k]]) for k in positions]
    low = story.low
    for name, literal, pattern in _WEAK_PATTERNS:
        if literal in low:
            spans.extend((m.start(), m.end(), (name,)) for m in pattern.finditer(low))
    if not spans:
        return []
    spans.sort()
    cues = []
    taken: dict[str, int] = {}
    for start, end, names in spans:
        reason = None
        for name in names:
            if taken.get(name, 0) >= _WEAK_PER_DISCIPLINE:
                continue
            taken[name] = taken.get(name, 0) + 1
            if reason is None:
                why = _rejection(story, mentions, lex, refs, blocked, None, context, size, start, end)
                reason = "weak" if why is None else "weak_" + why
            cues.append(DisciplineCue(name, start, end, reason))
    return cues


def _rejection(story, mentions, lex, refs, blocked, exclude, context, size, start, end) -> str | None:
    """Why the rules do not count the cue at [start, end) as the artist's (None: they do)."""
    if _inside(blocked, start, end):
        return "blocked"
    if exclude is not None and exclude.covers(story.low, max(0, start - 80), min(size, end + 80), start, end):
        return "exclude"
    if context is not None and context.covers(story.low, max(0, start - 120), min(size, end + 80), start, end):
        return "context"  # "went to see a film", "photographs of his performances"
    if _describes_someone_else(story, mentions, lex, refs, start, end):
        return "someone_else"
    first = story.lower_words[story.first_word_from(start)] if story.words else ""
    family = lex.pronoun_of.get(first)
    if family in ("he", "she"):
        # "his canvases" in a story about a woman: the cue names its owner itself.
        if family != refs.pronoun:
            return "other_pronoun"
        if any(
            w in lex.other_person_nouns
            for w in story.lower_words[story.first_word_from(start) + 1 : story.first_word_from(end)]
        ):
            return "relative"  # "her mother taught music": the possessive belongs to someone else
    elif refs.owner_at(start) != ARTIST:
        return "owner"
    first_word = story.first_word_from(start)
    if (
        first_word > 0
        and story.lower_words[first_word - 1] == "the"
        and story.lower_words[first_word].endswith("s")
        and not refs.artist_in_sentence(story.word_sentence[first_word])
    ):
        return "passing"  # "tea going cold beside the drawings": things in a scene, not the artist's practice
    return None


def find_disciplines(
    story: AnalysedStory,
    mentions: Mentions,
    lex: Lexicon,
    refs: References,
    cues: list[DisciplineCue] | None = None,
) -> dict[str, Fact[str]]:
    """Discipline name -> the first cue (sentence and words) attributed to the artist."""
    found: dict[str, Fact[str]] = {}
    for cue in discipline_cues(story, mentions, lex, refs) if cues is None else cues:
        if cue.rejected_by is None and cue.name not in found:
            found[cue.name] = Fact(cue.name, story.sentence_of(cue.start), (cue.start, cue.end))
    return found
