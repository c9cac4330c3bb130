"""The stages of the protagonist: their name, whether they are an artist, their pronoun and their age.

Names: every person the protagonist rules ranked, and "nobody" when the rules
would drop the one they ranked first, told apart by how the text speaks of each
(a person's subject sentences, pronouns and appositives; a title's or a venue's
quotes, articles and places).  Whether the text is about its protagonist as an
artist: one candidate.  The pronoun: each of "he", "she", "they" and none.  The
age: every number the age patterns looked at.  Word lists are in
data/candidates.json, data/people.json and data/ages.json.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import repeat

from ..data import load
from ..lexicon import Lexicon
from ..protagonist import ARTIST, CURRENT_AGE_STRENGTH, Fact, Protagonist, age_mentions, biography_cue, speech_mask
from ..story_record import MentionLabel
from ..text import AnalysedStory
from .base import (
    PREDICATE_VERBS,
    TITLE_ARTICLES,
    TRADE_NOUNS,
    WORK_NOUNS,
    Candidate,
    Findings,
    _bucket,
    _is_agent,
    _position,
    _sentence_words,
    _Spans,
    _window,
)
from .whose import pronoun_owners, whose_features

_WORDS = load("candidates")
ORGANISATION_WORDS = frozenset(_WORDS["organisation_words"])
AGE_WORDS = frozenset(load("ages")["context_words"])
_ART_NEGATION = load("people")["art_negation"]
ART_NEGATIONS = frozenset(_ART_NEGATION["negations"])
ART_NEGATION_FILLERS = frozenset(_ART_NEGATION["fillers"])
ART_PRACTICE_WORDS = frozenset(_ART_NEGATION["practice_words"])
TRADE_VERBS = frozenset(_ART_NEGATION["trade_verbs"])
VERB_FILLERS = frozenset(_ART_NEGATION["verb_fillers"])
_CLAUSE_OPENERS = ART_NEGATIONS | PREDICATE_VERBS  # the words _art_denied_or_named reads a clause after
AGE_EDGES = (15, 20, 30, 50, 70, 90)


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
    topics = _topics(story, found, people)
    for c, value, topic in zip(candidates, evidence, topics, strict=True):
        lead = topic - max((t for t in topics if t is not topic), default=0) if len(topics) > 1 else topic
        c.features.append(f"topic={_bucket(topic / max(1, len(story.sentences)), (0.15, 0.3, 0.5))}")
        c.features.append(f"topic_lead={_bucket(lead, (-2, 0, 1, 3))}")
        others = [v for v in evidence if v is not value]
        c.features.append(f"ev={_bucket(value, (0, 2, 4, 6))}")
        c.features.append(f"ev_rank={min(2, sum(v > value for v in evidence))}")
        c.features.append(f"ev_lead={_bucket(value - max(others), (-4, -2, 0, 1, 3)) if others else 'alone'}")
    if people[0].named_once_late:  # the rules find nobody: "none" is their answer
        none_features = [
            "c=None",
            f"npers={_bucket(persons, (2, 4, 8, 16))}",
            f"best_score={_bucket(best, (5, 10, 20))}",
            f"best_topic={_bucket(max(topics) / max(1, len(story.sentences)), (0.15, 0.3, 0.5))}",
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


def _topics(story: AnalysedStory, found: Findings, people: list[Protagonist]) -> list[int]:
    """How many sentences each person is the topic of: the sentences whose first reference to anyone is
    their name, or a pronoun whose nearest name before it is theirs.

    A text is about whoever its sentences keep coming back to ("He is a dentist", "His flat"), not
    whoever has the most art words around a name: an artist named once as the maker of a painting
    ("a small oil by X, a painter from Nakuru") is the topic of that sentence at most.
    """
    owner_at: list[tuple[int, int]] = []
    for k, p in enumerate(people):
        owner_at += [(m.first_word, k) for m in p.mentions]
    taken = {start for start, _ in owner_at}
    owner_at += [(m.first_word, -1) for m in found.mentions.persons if m.first_word not in taken]
    owner_at.sort()
    starts = [w for w, _ in owner_at]
    pronoun_of = found.lexicon.pronoun_of
    lower = story.lower_words
    pronouns = [j for j in found.lexicon.scan_anchors(story).get("pronoun", ()) if pronoun_of[lower[j]] in _THIRD]
    counts = [0] * len(people)
    for sentence in story.sentences:
        n = bisect_left(starts, sentence.first_word)
        named = starts[n] if n < len(starts) and starts[n] < sentence.end_word else sentence.end_word
        r = bisect_left(pronouns, sentence.first_word)
        said = pronouns[r] if r < len(pronouns) and pronouns[r] < named else None
        if said is not None:
            n = bisect_left(starts, said) - 1  # the nearest name before the pronoun
            owner = owner_at[n][1] if n >= 0 else -1
        else:
            owner = owner_at[n][1] if named < sentence.end_word else -1
        if owner >= 0:
            counts[owner] += 1
    return counts


_THIRD = frozenset(("he", "she", "they"))


def _person_evidence(features: list[str]) -> int:
    """A rough count of the signs that a name is a person's, for comparing the candidates."""
    return sum(map(_PERSON_EVIDENCE.get, features, repeat(0)))


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
    title_spans = story.cache.get("candidates.title_spans")  # (the same for every person of the story)
    if title_spans is None:
        title_spans = story.cache["candidates.title_spans"] = _Spans((t.start, t.end) for t in found.mentions.titles)
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
    bio = any(biography_cue(story, lex, m) for m in p.mentions[:3])
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


def _own_pronouns(story: AnalysedStory, found: Findings) -> dict[str, tuple[int, int, int]]:
    """Per pronoun, its uses outside speech whose nearest person named before is the artist, the others,
    and those of the artist's uses that no role noun stands between ("an old man who will not sell his
    orchard", "a grandfather who was a fisherman all his life": the man's, though the artist was named last).

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
    roles = story.positions(found.lexicon.other_person_nouns)
    in_quote = speech_mask(story, found.mentions)
    own = {"he": [0, 0, 0], "she": [0, 0, 0], "they": [0, 0, 0]}
    for index in found.lexicon.scan_anchors(story).get("pronoun", ()):
        family = pronoun_of.get(lower[index])
        if family not in own or in_quote[index]:
            continue
        k = bisect_left(starts, index)
        mine = bool(k and people[k - 1][1])
        own[family][0 if mine else 1] += 1
        if mine:
            r = bisect_left(roles, index)
            if not r or roles[r - 1] < starts[k - 1]:
                own[family][2] += 1
    return {family: (mine, theirs, clean) for family, (mine, theirs, clean) in own.items()}


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
    features.append(f"bio={any(biography_cue(story, lex, m) for m in p.mentions[:3])}")
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
            if not TRADE_NOUNS.isdisjoint(words):  # (most sentences have none: no loop over their words)
                trades += sum(
                    1 for j, w in enumerate(words) if w in TRADE_NOUNS and (j == 0 or words[j - 1] not in possessive)
                )
            arts += sum(map(lex.artist_self_nouns.__contains__, words))
            for j in range(len(words) - 2) if "as" in words else ():
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
    features.append(f"trades_all={_bucket(story.count_of(TRADE_NOUNS), (1, 3, 6))}")
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
    # (Only a negation or a predicate verb starts a clause read below: their places, found once.)
    cue_words = story.positions(_CLAUSE_OPENERS)
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
        for j in cue_words[bisect_left(cue_words, sentence.first_word) : bisect_left(cue_words, sentence.end_word)]:
            word = lower[j]
            if word in ART_NEGATIONS:
                for n in range(j + 1, min(j + 5, sentence.end_word)):
                    if lower[n] in ART_PRACTICE_WORDS or lower[n] in art_nouns:
                        denied += 1
                        break
                    if lower[n] not in ART_NEGATION_FILLERS:
                        break
            elif word in PREDICATE_VERBS and j + 1 < sentence.end_word and lower[j + 1] in ("a", "an", "the", "one"):
                # ("he is the harbourmaster", "she is the most important collector", "he is one of the most
                # respected mountain guides": a plural after "one of the")
                subject = [r for r in refs.per_sentence[k] if r.word < j]
                if not subject or subject[-1].kind != ARTIST or j - subject[-1].word > 4:
                    continue
                first = j + 2
                if lower[j + 1] == "one":
                    if lower[j + 2 : j + 4] != ["of", "the"]:
                        continue
                    first = j + 4
                for n in range(first, min(first + (3 if first == j + 2 else 4), sentence.end_word)):
                    noun = lower[n]
                    single = noun[:-1] if first != j + 2 and noun.endswith("s") else noun
                    if noun in art_nouns or single in art_nouns:
                        said.add("artist")
                        break
                    if noun in TRADE_NOUNS or single in TRADE_NOUNS:
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
    said = story.lower_counts()
    first_person = said["i"] + said["my"] + said["me"]
    # "You are eight years old, in your grandmother's kitchen": a story told to its artist names no pronoun.
    second_person = _bucket(said["you"] + said["your"], (1, 3, 8))
    total = sum(counts.values())
    lead = _leading_pronouns(story, found)
    own = _own_pronouns(story, found)
    owners = pronoun_owners(story, found)
    # The family whose subject uses the artist's sentences keep most, net of those others' sentences keep.
    lead_owner = max(owners, key=lambda f: (owners[f][0] - owners[f][1], owners[f][0], f != "they"))
    if owners[lead_owner][0] <= owners[lead_owner][1]:
        lead_owner = ""
    rule = found.pronoun.value if found.pronoun else None
    strength = found.pronoun.strength if found.pronoun else 0.0
    common = [f"rule={rule}", f"fp={_bucket(first_person, (1, 3, 8))}", f"tot={_bucket(total, (1, 3, 6, 12))}"]
    common.append(f"strength={_bucket(strength, (0.2, 0.5, 0.99))}")
    candidates = []
    for value in ("he", "she", "they", None):
        # (A pronoun the rules did not choose and the story never uses has no candidate: its features
        # are not made.)
        fact: Fact[str] | None = None
        if value is None:
            pass
        elif value == rule and found.pronoun is not None:
            fact = found.pronoun
        elif value in hits:
            index = hits[value]
            fact = Fact(value, story.word_sentence[index], (story.starts[index], story.ends[index]))
        else:
            continue
        features = [f"c={value}", f"c={value}&rule={rule}", f"is_rule={value == rule}"] + common
        features.append(f"c={value}&fp={_bucket(first_person, (1, 3, 8))}")
        features.append(f"c={value}&sp={second_person}")
        if value is not None:
            share = counts[value] / total if total else 0.0
            features.append(f"c={value}&n={_bucket(counts[value], (1, 2, 4, 8))}")
            features.append(f"c={value}&share={_bucket(share, (0.2, 0.5, 0.8, 0.99))}")
            features.append(f"share={_bucket(share, (0.2, 0.5, 0.8, 0.99))}")
            features.append(f"c={value}&lead={_bucket(lead[value], (1, 2, 4))}")
            mine, theirs, clean = own[value]
            features.append(f"c={value}&own={_bucket(mine, (1, 2, 4))}")
            features.append(f"c={value}&clean={_bucket(clean, (1, 2, 4))}")
            features.append(f"c={value}&own={_bucket(mine, (1, 2, 4))}&theirs={_bucket(theirs, (1, 3))}")
            said_mine, said_theirs = owners[value]
            features.append(f"c={value}&subj={_bucket(said_mine, (1, 2, 4))}&theirs={_bucket(said_theirs, (1, 3))}")
            features.append(f"c={value}&subj_lead={value == lead_owner}")
            # An interview or a first-person text says "I": the one "her" of its introduction is the artist's.
            features.append(f"c={value}&fp={_bucket(first_person, (1, 3, 8))}&own={_bucket(mine, (1, 2))}")
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
        features += whose_features(story, found, k)
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
        said = story.lower_counts()
        count = said["i"] + said["my"] + said["me"]
        cached = story.cache["candidates.first_person"] = f"fp={_bucket(count, (1, 3, 8))}"
    return cached
