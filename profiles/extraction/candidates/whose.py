"""Whose a cue is: the person its clause is about, as features a field's stage reads (the age's, for now).

A story that gives long passages to a teacher, a partner, a parent or a rival
who is an artist too names their crafts, shows, ages and works in the words
the protagonist's own would use.  What tells them apart is the clause: its
subject ("her sister plays the cello; she paints"), a possessor just before
the cue ("his wife's prints", "Marta's show", "her teacher's kiln") and how
far back each person was last named.  The rules decide some of this
(``References.owner_at``); here it is said as features, so that the learned
layer weighs it per field (age reads it; disciplines, exhibitions and works were tried and lost a little
under cross-validation beside their own owner features).  Classes of person nouns (kin, partner, mentor,
peer) and the clause words are data (data/whose.json).  Whose a subject pronoun is, the person its
sentence opens on (``protagonist.subject_pronoun_owners``), the pronoun's stage reads as features.
"""

from __future__ import annotations

from ..data import load
from ..protagonist import ARTIST, Ref, subject_pronoun_owners
from ..text import AnalysedStory
from .base import Findings, _bucket

_DATA = load("whose")
CLAUSE_MARKS = frozenset(_DATA["clause_marks"])
CLAUSE_WORDS = frozenset(_DATA["clause_words"])
RELATIVE_WORDS = frozenset(_DATA["relative_words"])
POSSESSIVE_MARKS = frozenset(_DATA["possessive_marks"])
POSSESSIVE_DETERMINERS = frozenset(_DATA["possessive_determiners"])
POSSESSOR_SKIP = frozenset(_DATA["possessor_skip"])
NOUN_CLASS = {word: name for name, words in _DATA["person_nouns"].items() for word in words}
_DISTANCE_EDGES = (4, 12, 30, 80)  # words back to the last mention of a person


def _ref_class(story: AnalysedStory, found: Findings, ref: Ref) -> str:
    """What a reference is: the artist (by name or pronoun), or someone else by name, by pronoun or
    by a noun of a class (kin, partner, mentor, peer, role)."""
    word = story.lower_words[ref.word]
    if ref.kind == ARTIST:
        return "artist_pron" if word in found.lexicon.pronoun_of and word not in POSSESSIVE_DETERMINERS else "artist"
    if word in found.lexicon.pronoun_of:
        return "pron"
    if word in NOUN_CLASS:
        return NOUN_CLASS[word]
    if word in found.lexicon.other_person_nouns:
        return "role"
    # A name the writer introduced by its role ("her teacher, Marta Berg", "the potter Ana Ruiz").
    k = ref.word - 1
    if k >= 0 and story.lower_words[k] == ",":
        k -= 1
    if k >= 0 and story.lower_words[k] in NOUN_CLASS:
        return NOUN_CLASS[story.lower_words[k]]
    return "name"


def _clause_start(story: AnalysedStory, lo: int, first: int) -> tuple[int, bool]:
    """Where the clause that holds word ``first`` starts, and whether it is a relative clause."""
    lower = story.lower_words
    for k in range(first - 1, lo - 1, -1):
        word = lower[k]
        if word in CLAUSE_MARKS or word in CLAUSE_WORDS:
            return k + 1, False
        if word in RELATIVE_WORDS:
            return k, True
    return lo, False


def _head(story: AnalysedStory, refs: list[Ref]) -> Ref:
    """The clause's first person, past a possessor of the next one ("Her husband", "Lena's teacher"):
    the person possessed is the subject."""
    lower = story.lower_words
    head = refs[0]
    for nxt in refs[1:]:
        end = head.end_word if head.end_word > 0 else head.word + 1
        owner = lower[head.word] in POSSESSIVE_DETERMINERS or (end < len(lower) and lower[end] in POSSESSIVE_MARKS)
        if not owner or nxt.word - end > 2:
            break
        head = nxt
    return head


def _possessor(story: AnalysedStory, found: Findings, refs: list[Ref], lo: int, first: int) -> str:
    """Who owns what the cue names: 'his wife's prints', 'Marta's show', 'her first solo show'."""
    lower = story.lower_words
    k = first - 1
    while k >= lo and k >= first - 4 and lower[k] in POSSESSOR_SKIP:
        k -= 1
    if k < lo:
        return ""
    word = lower[k]
    if word in POSSESSIVE_MARKS or word.endswith(("'s", "\u2019s")):
        at = k - 1 if word in POSSESSIVE_MARKS else k
        for r in reversed(refs):
            end = (r.end_word if r.end_word > 0 else r.word + 1) - 1
            if r.word <= at <= end:
                return _ref_class(story, found, r)
        noun = lower[at] if at >= lo else ""
        return NOUN_CLASS.get(noun, "role" if noun in found.lexicon.other_person_nouns else "thing")
    if word in POSSESSIVE_DETERMINERS:
        if word == "my":
            return "artist"
        pronoun = found.refs.pronoun if found.refs is not None else None
        family = found.lexicon.pronoun_of.get(word)
        if pronoun is None:
            return "pron?"
        return "artist" if family == pronoun else "pron"
    return ""


def whose_features(story: AnalysedStory, found: Findings, first: int) -> list[str]:
    """Features of who word ``first``'s clause is about (cached per story and word).

    ``subj``: the first person its clause names before it (for a relative clause, the person
    the "who" follows); ``poss``: a possessor just before it; ``who``: the possessor if there
    is one, else the subject; ``near``: which of the artist and anyone else was named last,
    with how many words back each was.
    """
    refs_all = found.refs
    if refs_all is None or not story.words:
        return []
    key = ("candidates.whose", first)
    cached = story.cache.get(key)
    if cached is not None:
        return cached
    first = min(first, len(story.words) - 1)
    if story.lower_words[first] in POSSESSIVE_DETERMINERS and first + 1 < len(story.words):
        first += 1  # a cue that holds its owner ("his prints"): the owner stands before the rest
    sentence = story.word_sentence[first]
    lo = story.sentences[sentence].first_word
    refs = refs_all.per_sentence[sentence]
    before = [r for r in refs if r.word < first]
    start, relative = _clause_start(story, lo, first)
    subject = "none"
    if relative:
        earlier = [r for r in before if r.word < start]
        if earlier:
            subject = _ref_class(story, found, earlier[-1])
    else:
        in_clause = [r for r in before if r.word >= start]
        if in_clause:
            subject = _ref_class(story, found, _head(story, in_clause))
        elif before:
            subject = "prev_" + ("artist" if before[-1].kind == ARTIST else "other")
    possessor = _possessor(story, found, before, lo, first) or "none"
    who = possessor if possessor not in ("none", "thing") else subject
    # How far back the artist and anyone else were last named (this sentence and the three before), and
    # who was last named by a name or a noun, not a pronoun: "Her teacher ... She died at eighty-one"
    # says "she" of the teacher though it is the artist's pronoun too.
    last_artist = last_other = -1
    named = ""
    pronouns = found.lexicon.pronoun_of
    for s in range(sentence, max(-1, sentence - 4), -1):
        for r in reversed(refs_all.per_sentence[s]):
            if r.word >= first:
                continue
            if r.kind == ARTIST:
                last_artist = max(last_artist, r.word)
            else:
                last_other = max(last_other, r.word)
            if not named and story.lower_words[r.word] not in pronouns:
                named = "artist" if r.kind == ARTIST else "other"
        if last_artist >= 0 and last_other >= 0 and named:
            break
    far = len(_DISTANCE_EDGES) + 1
    to_artist = _bucket(first - last_artist, _DISTANCE_EDGES) if last_artist >= 0 else far
    to_other = _bucket(first - last_other, _DISTANCE_EDGES) if last_other >= 0 else far
    nearer = "artist" if last_artist > last_other else "other" if last_other >= 0 else "none"
    cached = story.cache[key] = [
        f"wsubj={subject}",
        f"wposs={possessor}",
        f"who={who}",
        f"wnear={nearer}",
        f"wnear={nearer}&who={who}",
        f"wdist={to_artist}|{to_other}",
        f"wsubj={subject}&named={named or 'none'}",
    ]
    return cached


def pronoun_owners(story: AnalysedStory, found: Findings) -> dict[str, tuple[int, int]]:
    """``protagonist.subject_pronoun_owners`` for the protagonist the record names."""
    return subject_pronoun_owners(story, found.mentions, found.lexicon, found.protagonist)
