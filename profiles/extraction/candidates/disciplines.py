"""The disciplines' stage: every practice a discipline cue names, the rejected cues too.

What the attribution rules decided about each cue (and why they rejected it),
who the cue's clause is about, and how much the story speaks of the practice's
world are features.  Word lists are in data/disciplines.json.
"""

from __future__ import annotations

from ..data import load
from ..disciplines import DisciplineCue
from ..lexicon import Lexicon
from ..protagonist import ARTIST, Fact, References
from ..text import AnalysedStory
from ..textutil import fold
from .base import Candidate, Findings, _bucket, _is_agent, _position, _sentence_words, _window, _words_of, key_fold

DISCIPLINE_PAST_WORDS = frozenset(load("disciplines")["past_words"])
DISCIPLINE_NEXT_WORDS = frozenset(load("disciplines")["next_words"])
DISCIPLINE_GIVEUP_WORDS = frozenset(load("disciplines")["giveup_words"])
DISCIPLINE_TOPIC_WORDS = {name: frozenset(words) for name, words in load("disciplines")["topic_words"].items()}
DISCIPLINE_SURFACE_WORDS = {name: frozenset(words) for name, words in load("disciplines")["surface_words"].items()}
_OBJECT_PRONOUNS = frozenset(("it", "them"))
DISCIPLINE_IMPLIES = {key_fold(name): tuple(more) for name, more in load("disciplines")["implies"].items()}


def _topic(story: AnalysedStory, name: str) -> int:
    """How often the story uses the words of the practice's world (data/disciplines.json "topic_words"):
    a story about a performance speaks of its audience and hours, one that names it in passing does not."""
    words = DISCIPLINE_TOPIC_WORDS.get(name)
    if not words:
        return -1
    return _bucket(story.count_of(words), (1, 3, 6, 10))


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


def _surface(story: AnalysedStory, name: str, spans: list[tuple[int, int]]) -> str:
    """Whether the practice's cues are said of another practice's surface (data/disciplines.json
    "surface_words"): "painted eleven of those murals", "The wall on Calle 60 ... painted it" are
    street art; a painter who also paints murals has cues of her canvases too.  all / some / none."""
    words = DISCIPLINE_SURFACE_WORDS.get(name)
    if not words or not spans:
        return ""
    lower = story.lower_words
    hits = 0
    for start, end in spans:
        sentence = story.sentence_of(start)
        s = story.sentences[sentence]
        found = not words.isdisjoint(lower[s.first_word : s.end_word])
        after = story.first_word_from(end)
        if not found and sentence > 0 and after < s.end_word and lower[after] in _OBJECT_PRONOUNS:
            before = story.sentences[sentence - 1]  # "painted it": what it is, the sentence before says
            found = not words.isdisjoint(lower[before.first_word : before.end_word])
        hits += found
    return "all" if hits == len(spans) else "some" if hits else "none"


def _given_up(story: AnalysedStory, sentence: int, last: int) -> str:
    """Where a word of leaving a practice behind stands (data/disciplines.json "giveup_words"): after the
    cue in its sentence ("trained as an architect and gave it up"), in the next sentence ("She studied
    painting. She stopped completely."), or nowhere.  Some practices are left far more often than others,
    so the learned layer weighs it beside the discipline."""
    lower = story.lower_words
    s = story.sentences[sentence]
    if not DISCIPLINE_GIVEUP_WORDS.isdisjoint(lower[last + 1 : s.end_word]):
        return "same"
    if sentence + 1 < len(story.sentences):
        n = story.sentences[sentence + 1]
        if not DISCIPLINE_GIVEUP_WORDS.isdisjoint(lower[n.first_word : n.end_word]):
            return "next"
    return "none"


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
        surface = _surface(story, name, spans if rule else [(c.start, c.end) for c in cues])
        if surface:
            features.append(f"surf={name}|{surface}")
            if surface != "none":  # beside which other practice: murals are street art's
                features += [f"surf={name}|{surface}&pair={other}" for other in sorted(ruled_names - {name})]
            features.append(f"rule={how}&surf={name}|{surface}")
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
        given_up = _given_up(story, sentence, last)
        features += [f"giveup={given_up}", f"d={name}&giveup={given_up}"]
        # A practice given up is often told so in the next sentence ("Your early work was painting?" "...
        # I stopped completely"), which the cue's own sentence does not show.
        if sentence + 1 < len(story.sentences):
            features += _sentence_words(story, sentence + 1, DISCIPLINE_NEXT_WORDS, "dnext")
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


def implied_disciplines(kept: list[Candidate], candidates: list[Candidate]) -> list[Candidate]:
    """``kept`` with the disciplines a kept one implies (data/disciplines.json "implies": an oil painter
    paints): that discipline's own candidate if there is one, else one made from the implying fact."""
    keys = {c.key for c in kept}
    added = []
    for c in kept:
        for name in DISCIPLINE_IMPLIES.get(c.key, ()):
            key = key_fold(name)
            if key in keys:
                continue
            own = next((o for o in candidates if o.key == key), None)
            if own is None and isinstance(c.value, Fact):
                fact = Fact(name, c.value.sentence, c.value.match)
                own = Candidate("disciplines", key, fact, [f"implied_by={c.key}"], False, c.probability)
            if own is not None:
                keys.add(key)
                added.append(own)
    return kept + added
