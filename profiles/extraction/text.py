"""Stage 1: normalise a story and lay it out as words, sentences and quotes.

Everything downstream works on character offsets into the *original* text, so
normalisation here is strictly length-preserving: curly quotes become straight
ones, odd spaces and control characters become plain spaces, and very long
runs without white space are broken up (for the tokenizer only).
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Hashable, Set
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from .data import load
from .textutil import is_capitalised
from .tokenizer import Tokenizer, sentence_final_characters

_bisect_left, _bisect_right = bisect.bisect_left, bisect.bisect_right  # (no attribute lookup per call)
_LOWER_COUNTS = "text.lower_counts"  # AnalysedStory.cache keys
_LOWERCASE_COUNTS = "text.lowercase_counts"
_WORD_POSITIONS = "text.word_positions"


class WordPositions(dict):
    """Lowercase word -> the indices of the story's words that are it, in order; a word's list is
    found when it is first asked (``index[word]``; a word the story lacks raises KeyError).

    Stages ask where a few words are (a few dozen a story): each one's occurrences are found by
    ``list.index`` from one to the next, in C, which costs less than a Python step for every word
    of the story to gather them all up front.  ``counts`` is the story's :meth:`AnalysedStory.lower_counts`.
    """

    __slots__ = ("lower_words", "counts")

    def __init__(self, lower_words: list[str], counts: Counter):
        super().__init__()
        self.lower_words = lower_words
        self.counts = counts

    def __missing__(self, word: str) -> list[int]:
        n = self.counts.get(word)
        if not n:
            raise KeyError(word)
        find = self.lower_words.index
        found = []
        i = -1
        for _ in range(n):
            i = find(word, i + 1)
            found.append(i)
        self[word] = found
        return found


class _LowercaseCounts(Counter):
    """Lowercase word -> how often the story writes it with its first letter in lower case, counted
    on the first look-up of each word (a word the story lacks counts 0, as in any Counter)."""

    def __init__(self, words: list[str], positions: WordPositions):
        super().__init__()
        self._words = words
        self._positions = positions

    def __missing__(self, word: str) -> int:
        if word not in self._positions.counts:
            return 0
        found = self._positions[word]
        words = self._words
        count = self[word] = sum(1 for k in found if words[k][:1].islower())
        return count


def _build_translation() -> dict[int, str]:
    table: dict[int, str] = {}
    for ch in "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u301d\u301e\uff02":
        table[ord(ch)] = '"'
    for ch in "\u2018\u2019\u201a\u201b\u2032\u02bc\uff07":
        table[ord(ch)] = "'"
    spaces = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
    for ch in spaces + "\t\r\x0b\x0c":
        table[ord(ch)] = " "
    for code in list(range(0x00, 0x20)) + list(range(0x7F, 0xA0)):
        if chr(code) not in "\n":
            table[code] = " "
    # Zero-width and bidi controls: invisible, but they split or glue words.
    invisible = list(range(0x200B, 0x2010)) + list(range(0x202A, 0x202F)) + list(range(0x2060, 0x2070))
    for code in invisible + [0xFEFF, 0x00AD]:
        table[code] = " "
    for ch in "\u2028\u2029\x85":
        table[ord(ch)] = "\n"
    return table


_TRANSLATION = _build_translation()
# Finding the few characters to replace with one character class is much
# faster than str.translate over the whole text.
_ODD_CHARACTER = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_TRANSLATION)) + "\ud800-\udfff]")
LONG_RUN = 64  # runs of this many characters without white space are broken up (see normalise)
_LONG_RUN = re.compile(r"\S{64,}")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


@functools.cache
def numbering_abbreviations() -> frozenset[str]:
    """Lowercase abbreviations ("no") whose full stop ends no sentence before a number."""
    return frozenset(load("sentences")["numbering_abbreviations"])


def _replace_odd(match: re.Match) -> str:
    # Lone surrogates (undecodable bytes) cannot be encoded for the tokenizer.
    return _TRANSLATION.get(ord(match.group()), "\ufffd")


def _break_long_runs(match: re.Match) -> str:
    run = match.group(0)
    # Length-preserving: every 48th character becomes a space so the tokenizer
    # never sees a pathological token (its affix loop is quadratic in length).
    return "".join(" " if i % 48 == 47 else ch for i, ch in enumerate(run))


def normalise(text: str, *, break_long_runs: bool = True) -> str:
    """Same-length copy of ``text`` that the rules can rely on.

    Offsets into the result are offsets into ``text``.  Surrogates and other
    unencodable code points are kept as they are (they never match a rule).
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    norm = _ODD_CHARACTER.sub(_replace_odd, text)
    if break_long_runs and len(norm) >= 64 and max(map(len, norm.split()), default=0) >= 64:
        norm = _LONG_RUN.sub(_break_long_runs, norm)
    return norm


# Anchor class or pattern key -> indices of the words that have it, in order (see lexicon.WordClasses).
AnchorHits = dict[Hashable, list[int]]


@dataclass(slots=True)
class Sentence:
    start: int  # character offsets into the original text
    end: int
    first_word: int  # word indices, end exclusive
    end_word: int
    paragraph: int


@dataclass(slots=True)
class Quote:
    """A quoted or *starred* stretch: a possible title, or speech."""

    start: int  # offset of the opening mark
    end: int  # offset just after the closing mark
    inner_start: int
    inner_end: int
    mark: str


@dataclass(slots=True)
class AnalysedStory:
    """A story as words and sentences, with offsets into the original text."""

    text: str
    norm: str
    low: str  # same-length lowercase copy of ``norm``
    words: list[str]
    starts: list[int]
    ends: list[int]
    word_sentence: list[int]
    sentences: list[Sentence]
    quotes: list[Quote] = field(default_factory=list)
    lower_words: list[str] = field(default_factory=list)
    lowercase_vocabulary: set[str] = field(default_factory=set)
    sentence_starts: list[int] = field(default_factory=list)
    initial: set[int] = field(default_factory=set)  # words that open a sentence (or a quote in one)
    anchor_hits: AnchorHits | None = None  # filled by Lexicon.scan_anchors
    cache: dict = field(default_factory=dict)  # per-story memo shared by the stages
    # (last character, first character), in lower case, of every two words with no space between
    # ("works" "."): a literal can only run across words there (see lexicon.Anchored).
    joints: frozenset = frozenset()

    def word_at(self, offset: int) -> int:
        """Index of the word that starts at or before ``offset``."""
        index = _bisect_right(self.starts, offset)
        return index - 1 if index else 0

    def first_word_from(self, offset: int) -> int:
        """Index of the first word starting at or after ``offset``."""
        return _bisect_left(self.starts, offset)

    def sentence_of(self, offset: int) -> int:
        # (No sentences, no sentence starts: 0.)
        index = _bisect_right(self.sentence_starts, offset)
        return index - 1 if index else 0

    def sentence_span(self, index: int) -> tuple[int, int]:
        sentence = self.sentences[index]
        return sentence.start, sentence.end

    def lower_counts(self) -> Counter:
        """How often each lowercase word occurs, counted once per story (in C): the stages ask
        "how many of these words", "does any occur" without a Python loop over every word."""
        counts = self.cache.get(_LOWER_COUNTS)
        if counts is None:
            counts = self.cache[_LOWER_COUNTS] = Counter(self.lower_words)
        return counts

    def lowercase_counts(self) -> Counter:
        """How often the story writes each word in lower case (its first letter lower: "blue" but
        not "Blue"), kept per story: a title's words the prose also uses are English.  A stage asks
        a few words of a few titles, so each word is counted when first asked (from
        :meth:`word_positions`), not every word of the story up front."""
        counts = self.cache.get(_LOWERCASE_COUNTS)
        if counts is None:
            counts = self.cache[_LOWERCASE_COUNTS] = _LowercaseCounts(self.words, self.word_positions())
        return counts

    def count_of(self, wanted) -> int:
        """How many of the story's words are, in lower case, in ``wanted`` (a set of lowercase words)."""
        counts = self.lower_counts()
        return sum(map(counts.__getitem__, _present(counts, wanted)))

    def word_positions(self) -> WordPositions:
        """Each lowercase word's indices, in order (``index[word]``), kept per story: see
        :class:`WordPositions`."""
        index = self.cache.get(_WORD_POSITIONS)
        if index is None:
            index = self.cache[_WORD_POSITIONS] = WordPositions(self.lower_words, self.lower_counts())
        return index

    def positions(self, wanted) -> list[int]:
        """The indices, in order, of the words whose lowercase form is in ``wanted`` (a set of
        lowercase words)."""
        index = self.word_positions()
        present = _present(index.counts, wanted)
        if len(present) == 1:
            return index[next(iter(present))][:]
        return sorted(chain.from_iterable(map(index.__getitem__, present))) if present else []

    def quote_at(self, offset: int) -> Quote | None:
        for quote in self.quotes:
            if quote.start <= offset < quote.end:
                return quote
            if quote.start > offset:
                break
        return None


def _present(words: dict, wanted) -> Set[str]:
    """The keys of ``words`` that are in ``wanted``, found by a loop over the smaller of the two:
    ``words.keys() & wanted`` loops over ``wanted`` when it is a frozenset, even a list of hundreds
    asked of a story of a hundred words (a set's own ``intersection`` loops over the story's words)."""
    if (wanted.__class__ is frozenset or wanted.__class__ is set) and len(wanted) > len(words):
        return wanted.intersection(words)
    return words.keys() & wanted


def lowercase_same_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    # A few characters ("İ") lower to two code points: keep offsets aligned ("İzmir" -> "izmir").
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch.lower()[0] for ch in text)


_DOUBLE_QUOTED = re.compile(r'"(?=[^\s"])([^"\n]{1,400}?)"')
# Each pattern starts with its literal mark (fast search); the look-behind comes after it.
_STARRED = re.compile(r"\*(?<![*\w]\*)(?<!^\*\*)(?=[^\s*])([^*\n]{1,200}?)(?<=[^\s*])\*(?![*\w])")
_UNDERSCORED = re.compile(r"_(?<![_\w]_)(?=[^\s_])([^_\n]{1,200}?)(?<=[^\s_])_(?![_\w])")
_SINGLE_QUOTED = re.compile(r"'(?<![\w']')(?=[A-Z0-9\u00C0-\u00DE])([^'\n]{1,150}?)(?<=[^\s])'(?![\w])")


def find_quotes(norm: str) -> list[Quote]:
    """Quoted and emphasised stretches, in text order, never overlapping."""
    found: list[Quote] = []
    for pattern, mark in ((_DOUBLE_QUOTED, '"'), (_STARRED, "*"), (_UNDERSCORED, "_"), (_SINGLE_QUOTED, "'")):
        if mark not in norm:
            continue
        if mark == "'" and " '" not in norm and "('" not in norm and not norm.startswith("'"):
            continue  # apostrophes only: no opening single quote anywhere
        for match in pattern.finditer(norm):
            found.append(Quote(match.start(), match.end(), match.start(1), match.end(1), mark))
    found.sort(key=lambda q: (q.start, -q.end))
    kept: list[Quote] = []
    last_end = -1
    for quote in found:
        if quote.start >= last_end:
            kept.append(quote)
            last_end = quote.end
    return kept


_HYPHENS = ("-", "\u2010", "\u2011")

_final_table = None


def _sentence_final_table():
    """Boolean table over code points: True for the sentencizer's sentence-final characters."""
    global _final_table
    if _final_table is None:
        import numpy as np

        table = np.zeros(0x110000, dtype=bool)
        for ch in _final_characters():
            table[ord(ch)] = True
        _final_table = table
    return _final_table


def sentence_start_flags(is_punct, is_final):
    """Sentence starts as spaCy's sentencizer sets them, computed on arrays.

    The sentencizer starts a sentence at the first token after a
    sentence-final character (``is_final``) that is neither punctuation nor
    such a character (so closing quotes and brackets stay with their
    sentence).  Running it means creating a Python ``Token`` per token; this
    is the same rule on the tokens' arrays.
    """
    import numpy as np

    count = len(is_final)
    flags = np.zeros(count, dtype=bool)
    if count == 0:
        return flags
    flags[0] = True
    plain = np.flatnonzero(~(is_punct | is_final))
    if len(plain):
        # A plain token starts a sentence when a final character came since the previous plain token.
        seen = np.cumsum(is_final)[plain]
        before = np.concatenate(([0], seen[:-1]))
        flags[plain[seen > before]] = True
    return flags


def _cut(text: str, code_points, ends: list[int]) -> list[str]:
    """The words of ``text`` whose ends are ``ends``, split in C.

    Every character outside white space belongs to a word, so putting a space
    after each word's end and calling ``str.split`` gives exactly the words,
    without a Python slice per word.
    """
    import numpy as np

    if code_points is None:
        code_points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    spaced = np.insert(code_points, ends, 32)
    return spaced.tobytes().decode("utf-32-le", "surrogatepass").split()


def _layout_from_doc(norm: str, doc):
    """(words, starts, ends, lower_words, breaks) from the tokens of ``norm``, or None if it has no words.

    ``doc`` is the tokenizer's ``(offset, length, is_punct)`` rows (:mod:`.tokenizer`).

    spaCy splits "Harrington-Aliyev" and "thirty-four" at the hyphen; we glue
    such pieces back into one word because names and number words are single
    units for every rule here.  Sentence starts follow the sentencizer's rule
    (computed on arrays by :func:`sentence_start_flags`, not by the pipe).
    The work is done on arrays: a Python loop per token would cost more than
    the tokenizer itself.
    """
    import numpy as np

    if not len(doc):
        return None
    rows = np.array(doc, dtype=np.int64).reshape(-1, 3)
    token_idx = rows[:, 0].astype(np.int64)
    # White-space tokens start on a white-space character (normalised text has
    # only " " and "\n"); testing that on a code-point array is cheaper than
    # keeping a flag per token.
    code_points = np.frombuffer(norm.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    first_char = code_points[token_idx]
    keep = (first_char != 32) & (first_char != 10)
    token_start = token_idx[keep]
    token_end = token_start + rows[keep, 1].astype(np.int64)
    # Sentence-final tokens are one character long ("." but not "...").
    is_final = (rows[:, 1] == 1) & _sentence_final_table()[code_points[token_idx]]
    flags = sentence_start_flags(rows[:, 2] != 0, is_final)
    # A sentence start put on a white-space token belongs to the next word.
    carried = flags & ~keep
    flags[1:] |= carried[:-1]
    sent_start = flags[keep]
    count = len(token_start)
    if count == 0:
        return None

    # Glue "a-b" (no spaces, letters or digits on both sides) into one word.
    token_starts = token_start.tolist()
    token_ends = token_end.tolist()
    glue_at: list[int] = []
    for hyphen in _HYPHENS:
        position = norm.find(hyphen)
        while position >= 0:
            if 0 < position < len(norm) - 1 and norm[position - 1].isalnum() and norm[position + 1].isalnum():
                k = bisect.bisect_left(token_starts, position)
                if (
                    0 < k < count - 1
                    and token_starts[k] == position
                    and token_ends[k] == position + 1
                    and token_ends[k - 1] == position
                    and token_starts[k + 1] == position + 1
                ):
                    glue_at.append(k)
                    glue_at.append(k + 1)
            position = norm.find(hyphen, position + 1)
    if glue_at:
        glue = np.zeros(count, dtype=bool)
        glue[glue_at] = True
        group_first = np.flatnonzero(~glue)
        starts = token_start[group_first].tolist()
        ends = np.maximum.reduceat(token_end, group_first).tolist()
        breaks = sent_start[group_first].tolist()
    else:
        starts, ends, breaks = token_starts, token_ends, sent_start.tolist()
    words = _cut(norm, code_points, ends)
    if len(words) != len(starts):  # (cannot happen on normalised text; kept as a guard)
        words = [norm[a:b] for a, b in zip(starts, ends, strict=False)]
    return words, starts, ends, None, breaks


# A chunk's layout (see WordSplitter._entry): words, lowercase forms, word starts, the opening
# words without and with a sentence-final token before, the two "final token since" states
# after it, tails or None, joints, word ends.
ChunkLayout = tuple[
    tuple[str, ...],
    tuple[str, ...],
    tuple[int, ...],
    tuple[int, ...],
    tuple[int, ...],
    bool,
    bool,
    tuple[str, ...] | None,
    frozenset[tuple[str, str]],
    tuple[int, ...],
]
# One plain word: its lowercase form, or (lowercase form, tails); anything else: its ChunkLayout.
MemoEntry = str | tuple[str, tuple[str, ...]] | ChunkLayout


class WordSplitter:
    """spaCy's tokenizer plus the word layout of :func:`build_story`, memoised per chunk.

    Long because :meth:`split` is the hot loop of every import and is written
    out inline; the memo's entries are made and read only here.

    spaCy's tokenizer works on the white-space-separated chunks of a text one
    at a time (affixes, infixes, special cases), so a chunk's tokens do not
    depend on its neighbours.  The one exception is a special case with an
    affix that the tokenizer's phrase matcher re-finds over the tokens of the
    whole text, which can run across a single space (":" ")"): where two
    neighbouring chunks could start such a match (a token pair of a special
    case on both sides), the text is handed to the real tokenizer.  For every
    distinct chunk this remembers its words (hyphen pieces glued), their
    lowercase forms and offsets and what the sentence rule makes of them;
    laying out a story is then one dictionary lookup per chunk instead of
    tokenising and converting arrays.
    The result is exactly what :func:`_layout_from_doc` computes on
    ``tokenizer(norm)`` (tests/extraction/test_splitter.py compares the two).

      memo_limit=200_000  distinct chunks remembered before the memo is cleared
    """

    def __init__(self, tokenizer: Tokenizer, *, memo_limit: int = 200_000):
        self.tokenizer = tokenizer
        self._memo: dict[str, MemoEntry] = {}
        self.texts_learned_from = 0  # texts that split() had to learn chunks for, one call each
        self._memo_limit = memo_limit
        self._finals = frozenset(_final_characters())
        # Second token -> first tokens of the special cases' adjacent token pairs (see _special_case_tables).
        pairs, self._rule_first = _special_case_tables(self.tokenizer)
        self._needs: dict[str, set] = {}
        for x, y in pairs:
            self._needs.setdefault(y, set()).add(x)

    # -- learning chunks --------------------------------------------------------
    def learn(self, norms) -> int:
        """Tokenise the chunks of several normalised texts not seen yet, in one tokenizer call.

        Optional (:meth:`split` learns what it lacks), but one call per batch
        of texts is much cheaper than one per text.  Returns how many chunks
        were new.
        """
        chunks: set[str] = set()
        for norm in norms:
            chunks.update(norm.split())
        missing = {chunk for chunk in chunks.difference(self._memo) if len(chunk) < LONG_RUN}
        if missing:
            if len(self._memo) + len(missing) > self._memo_limit:
                return 0  # split() clears the memo first; let it learn then
            self._learn(sorted(missing))
        return len(missing)

    def _learn(self, chunks) -> None:
        """Tokenise ``chunks`` (one call, one per line) and remember each one's layout."""
        chunks = list(chunks)
        # A line break between chunks is a token of its own: no special case spans it.
        joined = "\n".join(chunks)
        rows = self.tokenizer(joined)
        offset = 0
        k = 0
        for chunk in chunks:
            end = offset + len(chunk)
            tokens = []
            while k < len(rows) and rows[k][0] < end:
                idx, length, punct = rows[k]
                tokens.append((idx - offset, idx - offset + length, bool(punct)))
                k += 1
            if k < len(rows) and rows[k][0] == end:
                k += 1  # the line break between two chunks
            self._memo[chunk] = self._entry(chunk, tokens)
            offset = end + 1

    def _entry(self, chunk: str, tokens: list[tuple[int, int, bool]]) -> MemoEntry:
        """The memo entry of ``chunk`` from its tokens ((start, end, is_punct), offsets in the chunk).

        One plain word (most chunks): its lowercase form, or (lowercase form,
        tails) when a special case could run into it from the previous chunk.
        Otherwise (words, lowercase forms, word starts, opening words if no
        sentence-final token came before, opening words if one did, the two
        matching "final token since" states after it, tails or None, joints,
        word ends): see :meth:`split`.  Tails are the endings the previous
        chunk must not have (it then goes to the real tokenizer).
        """
        finals = self._finals
        kinds = []  # "final", "punct" or "plain" per token, as the sentence rule sees them
        for a, b, punct in tokens:
            if b - a == 1 and chunk[a] in finals:
                kinds.append("final")
            elif punct:
                kinds.append("punct")
            else:
                kinds.append("plain")
        # Glue "a-b" pieces: a one-character hyphen token between two tokens it touches, alnum on both sides.
        glued = [False] * len(tokens)
        for k in range(1, len(tokens) - 1):
            a, b, _ = tokens[k]
            if (
                chunk[a] in _HYPHENS
                and b - a == 1
                and tokens[k - 1][1] == a
                and tokens[k + 1][0] == b
                and chunk[a - 1].isalnum()
                and chunk[b].isalnum()
            ):
                glued[k] = glued[k + 1] = True
        first_of_word = [k for k in range(len(tokens)) if not glued[k]]
        rel_starts = tuple(tokens[k][0] for k in first_of_word)
        rel_ends = tuple(
            max(tokens[j][1] for j in range(k, nxt))
            for k, nxt in zip(first_of_word, first_of_word[1:] + [len(tokens)], strict=False)
        )
        words = tuple(chunk[a:b] for a, b in zip(rel_starts, rel_ends, strict=True))
        lowered = chunk.lower()
        lowers = tuple(lowered[a:b] for a, b in zip(rel_starts, rel_ends, strict=True))

        def run(state: bool):
            flags = []
            for kind in kinds:
                if kind == "final":
                    flags.append(False)
                    state = True
                elif kind == "punct":
                    flags.append(False)
                else:
                    flags.append(state)
                    state = False
            word_flags = [flags[k] for k in first_of_word]
            return tuple(k for k, flag in enumerate(word_flags) if flag), state

        flags_off, out_off = run(False)
        flags_on, out_on = run(True)
        # The chunk's first token before special cases apply is its first token now, or the first
        # affix piece of a special case it starts with (":)" was ":" ")").  If that token can
        # follow another in a special case, the previous chunk must not end with the other.
        heads = {chunk[tokens[0][0] : tokens[0][1]]}
        for _, b, _ in tokens:
            head = self._rule_first.get(chunk[:b])
            if head is not None:
                heads.add(head)
        need = tuple(sorted({x for y in heads for x in self._needs.get(y, ())})) or None
        if len(words) == 1 and kinds == ["plain"]:
            return lowers[0] if need is None else (lowers[0], need)  # the common case: one plain word
        joints = frozenset((a[-1:], b[:1]) for a, b in zip(lowers, lowers[1:], strict=False))
        # (Sentence starts are given as the indices of the chunk's words that open a sentence.)
        return (words, lowers, rel_starts, flags_off, flags_on, out_off, out_on, need, joints, rel_ends)

    # -- laying out a text ------------------------------------------------------
    def split(self, norm: str):
        """(words, starts, ends, lower_words, sentence starts, joints) for normalised ``norm``.

        Sentence starts are the indices of the words that open a sentence, in
        order; joints are as in :class:`AnalysedStory`.  None when the text has no
        words; "tokenizer" when only the real tokenizer can say (see the class
        docstring); "long run" when ``norm`` has a run of :data:`LONG_RUN`
        characters without white space (``normalise(break_long_runs=False)``
        leaves those to this check, which costs nothing on the fast path).
        """
        memo = self._memo
        if len(memo) > self._memo_limit:
            memo.clear()
        # Entries are told apart by class and length (cheaper than isinstance in this loop, and
        # beyond what a type checker follows), so the loop reads them untyped.
        get: Callable[[str], Any] = memo.get
        words: list[str] = []
        lowers: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        firsts: list[int] = [0]
        joints: list[frozenset] = []
        words_append, lowers_append, starts_append, ends_append, firsts_append = (
            words.append,
            lowers.append,
            starts.append,
            ends.append,
            firsts.append,
        )
        state = False  # a sentence-final token came since the last plain token
        pos = 0  # where the current piece starts
        space_end = 0  # a white-space token ends here (0: none so far)
        learned = False
        pieces = norm.split(" ")
        # (Each piece's entry looked up by map, in C, as the loop reaches it: _learn may add entries.)
        for piece, entry in zip(pieces, map(get, pieces), strict=True):
            if entry.__class__ is str:
                # The common case: one plain word between single spaces.  A plain word opens a
                # sentence after a final token, with or without a white-space token between
                # (which would carry the start on to it).
                if state:
                    firsts_append(len(words))
                    state = False
                words_append(piece)
                lowers_append(entry)
                starts_append(pos)
                pos += len(piece) + 1
                ends_append(pos - 1)
                continue
            if entry is not None and len(entry) == 10 and pos != space_end:
                # The next most common case, inline: several words ("works.") after one space.
                if entry[7] is not None and pos and norm.endswith(entry[7], 0, pos - 1):
                    return "tokenizer"
                if state:
                    opening, state = entry[4], entry[6]
                else:
                    opening, state = entry[3], entry[5]
                if opening:
                    base = len(words)
                    for k in opening:
                        if base + k != firsts[-1]:
                            firsts_append(base + k)
                words += entry[0]
                lowers += entry[1]
                joints.append(entry[8])
                if len(entry[2]) == 1:
                    starts_append(pos)
                    ends_append(pos + entry[9][0])
                else:
                    starts += map(pos.__add__, entry[2])
                    ends += map(pos.__add__, entry[9])
                pos += len(piece) + 1
                continue
            if not piece:
                pos += 1
                space_end = pos  # a second space in a row (or a leading one): a white-space token
                continue
            for number, chunk in enumerate(piece.split("\n")):
                if number:
                    pos += 1
                    space_end = pos
                if not chunk:
                    continue
                if len(chunk) >= LONG_RUN:
                    return "long run"  # (never memoised, so never met on the fast path above)
                entry = get(chunk)
                if entry is None:
                    if learned:  # pragma: no cover
                        raise RuntimeError(f"chunk not learned: {chunk!r}")
                    self._learn({c for c in norm.split() if c not in memo and len(c) < LONG_RUN})
                    self.texts_learned_from += 1
                    learned = True
                    entry = memo[chunk]
                spaced = pos == space_end
                if entry.__class__ is str or len(entry) == 2:
                    if entry.__class__ is not str:
                        if not spaced and pos and norm.endswith(entry[1], 0, pos - 1):
                            return "tokenizer"
                        entry = entry[0]
                    if state:
                        firsts_append(len(words))
                        state = False
                    words_append(chunk)
                    lowers_append(entry)
                    starts_append(pos)
                    pos += len(chunk)
                    ends_append(pos)
                    continue
                if entry[7] is not None and not spaced and pos and norm.endswith(entry[7], 0, pos - 1):
                    return "tokenizer"
                base = len(words)
                if spaced:
                    # The white-space token takes the sentence start and hands it on to this chunk.
                    if state:
                        firsts_append(base)
                        state = False
                    opening = entry[3]
                    state = entry[5]
                elif state:
                    opening, state = entry[4], entry[6]
                else:
                    opening, state = entry[3], entry[5]
                for k in opening:
                    if base + k != firsts[-1]:
                        firsts_append(base + k)
                words += entry[0]
                lowers += entry[1]
                joints.append(entry[8])
                if len(entry[2]) == 1:
                    starts_append(pos)
                    ends_append(pos + entry[9][0])
                else:
                    starts += map(pos.__add__, entry[2])
                    ends += map(pos.__add__, entry[9])
                pos += len(chunk)
            pos += 1
            if piece[-1] == "\n":
                space_end = pos  # the line break runs on into the next piece
        if not words:
            return None
        if len(firsts) > 1 and firsts[1] == 0:
            del firsts[1]
        return words, starts, ends, lowers, firsts, frozenset().union(*joints)


def _final_characters() -> frozenset[str]:
    return sentence_final_characters()


def _special_case_tables(tokenizer: Tokenizer) -> tuple[frozenset, dict[str, str]]:
    """Adjacent token pairs of the tokenizer's special cases before they apply, and each case's first such token.

    spaCy re-matches special cases that contain affixes (":)", "Dr.", "'s")
    over the tokens of the whole text, as the affixes split them (":" ")");
    a match can only run across a chunk boundary where the tokens on both
    sides are such a pair.
    """
    pairs: set[tuple[str, str]] = set()
    first: dict[str, str] = {}
    for string in tokenizer.rules:
        # The affixes' pieces of the case (what the phrase matcher looks for); one piece when it has none.
        pieces = tokenizer.matched_special_cases.get(string, (string,))
        pairs.update(zip(pieces, pieces[1:], strict=False))
        if pieces:
            first[string] = pieces[0]
    return frozenset(pairs), first


def build_story(
    text: str, norm: str, doc=None, *, max_sentence_words: int = 120, splitter: WordSplitter | None = None
) -> AnalysedStory:
    """Lay out ``norm`` (the normalised ``text``) as an :class:`AnalysedStory`.

    Give either the tokens of ``norm`` (``Tokenizer()(norm)``) or a :class:`WordSplitter`
    (which gives the same words from its memo).  Sentences follow the
    sentencizer's rule with two repairs: paragraph breaks always end a
    sentence, and an opening quote mark that the sentencizer left at the end
    of a sentence moves to the next one.
    """
    layout = None
    if doc is None:
        if splitter is None:
            raise TypeError("build_story needs the tokens of norm or a WordSplitter")
        layout = splitter.split(norm)
        if layout == "long run":
            # The caller normalised without breaking long runs, trusting this check (cheaper than
            # normalise's own): break them now, as normalise would have.
            norm = _LONG_RUN.sub(_break_long_runs, norm)
            layout = splitter.split(norm)
    low = norm.lower()
    if len(low) != len(norm):
        # A few characters ("İ") lower to two code points: keep offsets aligned.
        low = lowercase_same_length(norm)
        if doc is None and splitter is not None:
            layout = None
            doc = splitter.tokenizer(norm)
    elif layout == "tokenizer" and splitter is not None:
        doc = splitter.tokenizer(norm)
    if doc is not None:
        layout = _layout_from_doc(norm, doc)
        if layout is not None:
            words, starts, ends, _, breaks = layout
            lower_words = _cut(low, None, ends) if low is not norm else list(words)
            if len(lower_words) != len(words):
                lower_words = [w.lower() for w in words]
            breaks[0] = True
            joints = frozenset(
                (lower_words[i][-1:], lower_words[i + 1][:1]) for i in range(len(words) - 1) if ends[i] == starts[i + 1]
            )
            layout = words, starts, ends, lower_words, [w for w, b in enumerate(breaks) if b], joints
    if layout is None:
        return AnalysedStory(text, norm, low, [], [], [], [], [], [], [], set(), [], set())
    words, starts, ends, lower_words, first_words, joints = layout
    n = len(words)

    # Paragraph breaks end sentences.
    opening = set(first_words)
    paragraph_before: set[int] = set()
    if "\n" in norm:
        for match in _PARAGRAPH_BREAK.finditer(norm):
            k = bisect.bisect_left(starts, match.end())
            if 0 < k < n:
                opening.add(k)
                paragraph_before.add(k)
        if len(opening) != len(first_words):
            first_words = sorted(opening)
    # "Allotment No. 7": the sentencizer ends a sentence at the abbreviation's full stop, which
    # cuts numbered titles in two; a number right after such a stop continues the sentence.
    numbering = numbering_abbreviations()
    kept_starts = [
        w
        for w in first_words
        if not (
            w >= 2
            and w not in paragraph_before
            and words[w - 1] == "."
            and lower_words[w - 2] in numbering
            and ends[w - 2] == starts[w - 1]
            and words[w][:1].isdigit()
        )
    ]
    if len(kept_starts) != len(first_words):
        opening.difference_update(set(first_words) - set(kept_starts))
        first_words = kept_starts
    # An opening quote the sentence rule attached to the previous sentence.
    moved = False
    for w in first_words[1:]:
        q = w - 1
        if q > 0 and words[q] in ('"', "'") and q not in opening:
            before = norm[starts[q] - 1 : starts[q]]
            after = norm[ends[q] : ends[q] + 1]
            if before.isspace() and after and not after.isspace():
                opening.discard(w)
                opening.add(q)
                if w in paragraph_before:
                    paragraph_before.add(q)
                else:
                    paragraph_before.discard(q)
                paragraph_before.discard(w)
                moved = True
    if moved:
        first_words = sorted(opening)
    # Over-long sentences are cut so per-sentence rules stay linear.
    first_words = first_words + [n]
    sentences: list[Sentence] = []
    paragraph = 0
    word_sentence: list[int] = []
    for a, b in zip(first_words, first_words[1:], strict=False):
        piece_start = a
        while piece_start < b:
            piece_end = min(b, piece_start + max_sentence_words)
            if piece_start == a and a in paragraph_before:
                paragraph += 1
            word_sentence.extend([len(sentences)] * (piece_end - piece_start))
            sentences.append(Sentence(starts[piece_start], ends[piece_end - 1], piece_start, piece_end, paragraph))
            piece_start = piece_end
    vocabulary = set(words)  # "x in vocabulary" for a lowercase x: x occurs in lower case
    initial = {s.first_word for s in sentences}
    for s in sentences:
        # "... said: "Word", (Word after an opening quote or a colon counts as initial.
        k = s.first_word
        if k + 1 < s.end_word and words[k] in ('"', "'", "*", "(", "_"):
            initial.add(k + 1)
    for mark in (":", "\u2014", "\u2013", "("):
        position = norm.find(mark)
        while position >= 0:
            k = bisect.bisect_left(starts, position)
            if k + 1 < n and starts[k] == position and words[k] == mark:
                initial.add(k + 1)
            position = norm.find(mark, position + 1)
    story = AnalysedStory(
        text,
        norm,
        low,
        words,
        starts,
        ends,
        word_sentence,
        sentences,
        find_quotes(norm),
        lower_words,
        vocabulary,
        [s.start for s in sentences],
        initial,
        joints=joints,
    )
    return story


def word_indices(words: list[str], wanted) -> list[int]:
    """The indices of ``words`` that are in ``wanted``, in order (a few words: found by ``list.index``,
    which scans in C, rather than by a Python loop over every word)."""
    found: list[int] = []
    index = words.index
    for word in wanted:
        i = -1
        try:
            while True:
                i = index(word, i + 1)
                found.append(i)
        except ValueError:
            pass
    found.sort()
    return found


def is_sentence_initial(story: AnalysedStory, index: int) -> bool:
    """First word of its sentence, or first after an opening quote/colon/dash."""
    return index in story.initial


def strip_accents(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


__all__ = [
    "AnalysedStory",
    "Sentence",
    "Quote",
    "normalise",
    "build_story",
    "find_quotes",
    "is_sentence_initial",
    "word_indices",
    "is_capitalised",
    "strip_accents",
]
