"""Stage 1: normalise a story and lay it out as words, sentences and quotes.

Everything downstream works on character offsets into the *original* text, so
normalisation here is strictly length-preserving: curly quotes become straight
ones, odd spaces and control characters become plain spaces, and very long
runs without white space are broken up (for the tokenizer only).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

from .textutil import is_capitalised


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
_LONG_RUN = re.compile(r"\S{64,}")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


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


@dataclass
class Sentence:
    start: int          # character offsets into the original text
    end: int
    first_word: int     # word indices, end exclusive
    end_word: int
    paragraph: int


@dataclass
class Quote:
    """A quoted or *starred* stretch: a possible title, or speech."""

    start: int          # offset of the opening mark
    end: int            # offset just after the closing mark
    inner_start: int
    inner_end: int
    mark: str


@dataclass
class Story:
    """A story as words and sentences, with offsets into the original text."""

    text: str
    norm: str
    low: str                       # same-length lowercase copy of ``norm``
    words: list[str]
    starts: list[int]
    ends: list[int]
    word_sentence: list[int]
    sentences: list[Sentence]
    quotes: list[Quote] = field(default_factory=list)
    lower_words: list[str] = field(default_factory=list)
    lowercase_vocabulary: set[str] = field(default_factory=set)
    sentence_starts: list[int] = field(default_factory=list)
    initial: set[int] = field(default_factory=set)   # words that open a sentence (or a quote in one)
    anchor_hits: dict | None = None                  # filled by Lexicon.scan_anchors
    cache: dict = field(default_factory=dict)        # per-story memo shared by the stages

    def word_at(self, offset: int) -> int:
        """Index of the word that starts at or before ``offset``."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def first_word_from(self, offset: int) -> int:
        """Index of the first word starting at or after ``offset``."""
        return bisect.bisect_left(self.starts, offset)

    def sentence_of(self, offset: int) -> int:
        if not self.sentences:
            return 0
        return max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)

    def sentence_span(self, index: int) -> tuple[int, int]:
        sentence = self.sentences[index]
        return sentence.start, sentence.end

    def quote_at(self, offset: int) -> Quote | None:
        for quote in self.quotes:
            if quote.start <= offset < quote.end:
                return quote
            if quote.start > offset:
                break
        return None


def lowercase_same_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    # A few characters ("İ") lower to two code points: keep offsets aligned.
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


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

        from ._spacy import import_spacy

        table = np.zeros(0x110000, dtype=bool)
        for ch in import_spacy().pipeline.Sentencizer.default_punct_chars:
            table[ord(ch)] = True
        _final_table = table
    return _final_table


def sentence_start_flags(is_punct, is_final):
    """Sentence starts as spaCy's sentencizer sets them, computed on arrays.

    The sentencizer starts a sentence at the first token after a
    sentence-final character (``is_final``) that is neither punctuation nor
    such a character (so closing quotes and brackets stay with their
    sentence).  Running it means creating a Python ``Token`` per token; this
    is the same rule on the ``Doc``'s arrays.
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


def build_story(text: str, norm: str, doc, *, max_sentence_words: int = 120) -> Story:
    """Turn a spaCy ``Doc`` of ``norm`` into a :class:`Story`.

    spaCy splits "Harrington-Aliyev" and "thirty-four" at the hyphen; we glue
    such pieces back into one word because names and number words are single
    units for every rule here.  Sentences follow the sentencizer's rule (computed
    on arrays by :func:`sentence_start_flags`, not by the pipe), with two
    repairs: paragraph breaks always end a sentence, and an opening quote mark
    that the sentencizer left at the end of a sentence moves to the next one.
    The work is done on arrays: a Python loop per token would cost more than
    the tokenizer itself.
    """
    import numpy as np
    from spacy.attrs import IDX, IS_PUNCT, LENGTH

    low = lowercase_same_length(norm)
    if not len(doc):
        return Story(text, norm, low, [], [], [], [], [], [], [], set(), [], set())
    rows = doc.to_array([IDX, LENGTH, IS_PUNCT])
    token_idx = rows[:, 0].astype(np.int64)
    # White-space tokens start on a white-space character (normalised text has
    # only " " and "\n"); testing that on a code-point array is cheaper than
    # asking spaCy for IS_SPACE.
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
        return Story(text, norm, low, [], [], [], [], [], [], [], set(), [], set())

    # Glue "a-b" (no spaces, letters or digits on both sides) into one word.
    token_starts = token_start.tolist()
    token_ends = token_end.tolist()
    glue_at: list[int] = []
    for hyphen in _HYPHENS:
        position = norm.find(hyphen)
        while position >= 0:
            if 0 < position < len(norm) - 1 and norm[position - 1].isalnum() and norm[position + 1].isalnum():
                k = bisect.bisect_left(token_starts, position)
                if 0 < k < count - 1 and token_starts[k] == position and token_ends[k] == position + 1 \
                        and token_ends[k - 1] == position and token_starts[k + 1] == position + 1:
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
    breaks[0] = True
    words = _cut(norm, code_points, ends)
    if len(words) != len(starts):   # (cannot happen on normalised text; kept as a guard)
        words = [norm[a:b] for a, b in zip(starts, ends, strict=False)]
    n = len(words)

    # Paragraph breaks end sentences.
    paragraph_before = [False] * n
    if "\n" in norm:
        for match in _PARAGRAPH_BREAK.finditer(norm):
            k = bisect.bisect_left(starts, match.end())
            if 0 < k < n:
                breaks[k] = True
                paragraph_before[k] = True
    first_words = [w for w, b in enumerate(breaks) if b]
    # An opening quote the sentence rule attached to the previous sentence.
    for w in first_words[1:]:
        q = w - 1
        if q > 0 and words[q] in ('"', "'") and not breaks[q]:
            before = norm[starts[q] - 1:starts[q]]
            after = norm[ends[q]:ends[q] + 1]
            if before.isspace() and after and not after.isspace():
                breaks[w] = False
                breaks[q] = True
                paragraph_before[q] = paragraph_before[w]
                paragraph_before[w] = False
                first_words = None
    if first_words is None:
        first_words = [w for w, b in enumerate(breaks) if b]
    # Over-long sentences are cut so per-sentence rules stay linear.
    first_words.append(n)
    sentences: list[Sentence] = []
    paragraph = 0
    word_sentence: list[int] = []
    for a, b in zip(first_words, first_words[1:], strict=False):
        piece_start = a
        while piece_start < b:
            piece_end = min(b, piece_start + max_sentence_words)
            if piece_start == a and paragraph_before[a]:
                paragraph += 1
            word_sentence.extend([len(sentences)] * (piece_end - piece_start))
            sentences.append(Sentence(starts[piece_start], ends[piece_end - 1], piece_start, piece_end, paragraph))
            piece_start = piece_end
    lower_words = _cut(low, None, ends) if low is not norm else list(words)
    if len(lower_words) != n:
        lower_words = [w.lower() for w in words]
    vocabulary = set(words)   # "x in vocabulary" for a lowercase x: x occurs in lower case
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
    story = Story(text, norm, low, words, starts, ends, word_sentence, sentences, find_quotes(norm),
                  lower_words, vocabulary, [s.start for s in sentences], initial)
    return story


def is_sentence_initial(story: Story, index: int) -> bool:
    """First word of its sentence, or first after an opening quote/colon/dash."""
    return index in story.initial


def strip_accents(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


__all__ = ["Story", "Sentence", "Quote", "normalise", "build_story", "find_quotes",
           "is_sentence_initial", "is_capitalised", "strip_accents"]
