"""spaCy's English tokenizer, run from data: the same tokens without importing spaCy.

Importing spaCy (thinc, confection, pydantic, numpy) and building its blank
English pipeline cost most of the extractor's start-up, while all the
extractor asks of it is where the tokens are.  The tokenizer's behaviour is
data (affix and URL regular expressions, special cases), exported once by
``tools/build_tokenizer_rules.py`` into ``data/tokenizer.json``; this module is
spaCy's algorithm (``spacy/tokenizer.pyx``: ``_tokenize_affixes``,
``_split_affixes``, ``_attach_tokens``, ``_apply_special_cases``) written out
in Python on that data.  ``tests/extraction/test_tokenizer.py`` checks that
both give the same tokens on every labelled story and on hostile input.

Tokens are ``(offset, length, is_punct)`` rows, as spaCy's
``Doc.to_array([IDX, LENGTH, IS_PUNCT])`` gives them, white-space tokens
included.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from pathlib import Path

from .patterncache import compile as compile_pattern

DATA_PATH = Path(__file__).resolve().parent / "data" / "tokenizer.json"

Row = tuple[int, int, bool]

# Runs of white space and runs of anything else; str.isspace and re's \s agree (both ask Py_UNICODE_ISSPACE).
_SPANS = re.compile(r"\s+|\S+")


def is_punct(text: str) -> bool:
    """spaCy's ``IS_PUNCT``: every character is Unicode punctuation."""
    return all(unicodedata.category(char).startswith("P") for char in text)


def _compile(spec):
    return None if spec is None else compile_pattern(spec["pattern"], spec["flags"])


@functools.cache
def load_rules(path: Path = DATA_PATH) -> dict:
    """The tokenizer's data file, read once per process (callers must not change it)."""
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def sentence_final_characters() -> frozenset[str]:
    """The characters that end a sentence for spaCy's sentencizer (its ``default_punct_chars``)."""
    return frozenset(load_rules()["sentence_final"])


def stop_words() -> frozenset[str]:
    """spaCy's English stop words (``spacy.lang.en.stop_words.STOP_WORDS``)."""
    return frozenset(load_rules()["stop_words"])


class Tokenizer:
    """spaCy's English tokenizer as plain Python (see the module docstring).

    cache_limit=10_000  distinct white-space-separated spans remembered, the first ones met (as
                        spaCy does); the word splitter keeps its own memo of chunks
    """

    def __init__(self, rules: dict | None = None, *, cache_limit: int = 10_000):
        rules = load_rules() if rules is None else rules
        self._prefix = _compile(rules["prefix"])
        self._suffix = _compile(rules["suffix"])
        self._infix = _compile(rules["infix"])
        self._token_match = _compile(rules["token_match"])
        self._url_match = _compile(rules["url_match"])
        self.special_cases: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in rules["special_cases"].items()}
        # The phrase matcher's patterns (a special case's pieces as the affix rules split it):
        # the patterns, and for each first piece the lengths of the patterns it starts, shortest first.
        self.matched_special_cases: dict[str, tuple[str, ...]] = {
            k: tuple(v) for k, v in rules["matched_special_cases"].items()
        }
        self._patterns = frozenset(self.matched_special_cases.values())
        lengths: dict[str, set[int]] = {}
        for pieces in self._patterns:
            lengths.setdefault(pieces[0], set()).add(len(pieces))
        self._pattern_lengths = {first: sorted(sizes) for first, sizes in lengths.items()}
        self._punct: dict[str, bool] = {}
        # Span -> its tokens as (offset in the span, length, is_punct), and the indices of those that
        # start a pattern.  The special cases are the first entries; spans tokenised since follow.
        self._special_entries = {string: self._entry(pieces) for string, pieces in self.special_cases.items()}
        self._spans = dict(self._special_entries)
        self._cache_limit = len(self._spans) + cache_limit

    @property
    def rules(self) -> dict[str, tuple[str, ...]]:
        """The special cases: string -> its tokens (as spaCy's ``Tokenizer.rules``, without attributes)."""
        return self.special_cases

    def _entry(self, pieces) -> tuple[tuple[Row, ...], tuple[int, ...]]:
        rows = []
        offset = 0
        punct = self._punct
        for piece in pieces:
            flag = punct.get(piece)
            if flag is None:
                flag = punct[piece] = is_punct(piece)
            rows.append((offset, len(piece), flag))
            offset += len(piece)
        firsts = tuple(k for k, piece in enumerate(pieces) if piece in self._pattern_lengths)
        return tuple(rows), firsts

    # -- the public call ---------------------------------------------------------
    def __call__(self, text: str) -> list[Row]:
        """The tokens of ``text`` as ``(offset, length, is_punct)`` rows (spaCy's ``Tokenizer.__call__``)."""
        rows: list[Row] = []
        append = rows.append
        firsts: list[int] = []  # rows that can start a matched special case
        spans = self._spans
        pos = 0
        after_word = False
        # spaCy's _tokenize_affixes: runs of white space and of anything else; a single space
        # after a word is that word's trailing space, not a token.
        for span in _SPANS.findall(text):
            start = pos
            pos += len(span)
            if span[0].isspace():
                if after_word:
                    after_word = False
                    if span[0] == " ":
                        if len(span) == 1:
                            continue
                        span = span[1:]
                        start += 1
            else:
                after_word = True
            entry = spans.get(span)
            if entry is None:
                entry = self._learn(span)
            span_rows, span_firsts = entry
            if span_firsts:
                base = len(rows)
                firsts.extend([base + k for k in span_firsts])
            if len(span_rows) == 1:
                _, length, punct = span_rows[0]
                append((start, length, punct))
            else:
                rows.extend([(start + offset, length, punct) for offset, length, punct in span_rows])
        if firsts:
            return self._apply_special_cases(text, rows, firsts)
        return rows

    def words(self, text: str) -> list[str]:
        """The tokens' texts (white-space tokens included), as ``[t.text for t in nlp.tokenizer(text)]``."""
        return [text[a : a + n] for a, n, _ in self(text)]

    def _learn(self, span: str) -> tuple[tuple[Row, ...], tuple[int, ...]]:
        entry = self._entry(self._tokenize(span))
        if len(self._spans) < self._cache_limit:  # a full cache keeps what it has, as spaCy's does
            self._spans[span] = entry
        return entry

    # -- spaCy's Tokenizer._tokenize: _split_affixes, then _attach_tokens -------------
    def _tokenize(self, string: str) -> list[str]:
        prefixes: list[str] = []
        suffixes: list[str] = []
        specials = self.special_cases
        token_match = self._token_match.match if self._token_match is not None else None
        prefix_search = self._prefix.search if self._prefix is not None else None
        suffix_search = self._suffix.search if self._suffix is not None else None
        last_size = 0
        while string and len(string) != last_size:
            if token_match is not None and token_match(string):
                break
            if string in specials:
                break
            last_size = len(string)
            pre_len = 0
            if prefix_search is not None:
                found = prefix_search(string)
                if found is not None:
                    pre_len = found.end() - found.start()
            if pre_len:
                prefix = string[:pre_len]
                minus_pre = string[pre_len:]
                if minus_pre and minus_pre in specials:
                    string = minus_pre
                    prefixes.append(prefix)
                    break
            suf_len = 0
            if suffix_search is not None:
                found = suffix_search(string[pre_len:])
                if found is not None:
                    suf_len = found.end() - found.start()
            if suf_len:
                suffix = string[-suf_len:]
                minus_suf = string[:-suf_len]
                if minus_suf and minus_suf in specials:
                    string = minus_suf
                    suffixes.append(suffix)
                    break
            if pre_len and suf_len and (pre_len + suf_len) <= len(string):
                string = string[pre_len:-suf_len]
                prefixes.append(prefix)
                suffixes.append(suffix)
            elif pre_len:
                string = minus_pre
                prefixes.append(prefix)
            elif suf_len:
                string = minus_suf
                suffixes.append(suffix)
        tokens = prefixes
        if string:
            # (spaCy also looks in its cache of whole spans here: a remainder has no affixes left,
            # so its cached tokens are the ones the rules below give.)
            special = specials.get(string)
            if special is not None:
                tokens.extend(special)
            elif (token_match is not None and token_match(string)) or (
                self._url_match is not None and self._url_match.match(string)
            ):
                tokens.append(string)
            else:
                matches = list(self._infix.finditer(string)) if self._infix is not None else []
                if not matches:
                    tokens.append(string)
                else:
                    start = 0
                    for match in matches:
                        infix_start, infix_end = match.span()
                        if infix_start == 0:
                            continue
                        if infix_start != start:
                            tokens.append(string[start:infix_start])
                        if infix_start != infix_end:
                            tokens.append(string[infix_start:infix_end])
                        start = infix_end
                    if string[start:]:
                        tokens.append(string[start:])
        tokens.extend(reversed(suffixes))
        return tokens

    # -- spaCy's Tokenizer._apply_special_cases ------------------------------------
    def _apply_special_cases(self, text: str, rows: list[Row], firsts: list[int]) -> list[Row]:
        """Re-find special cases over the tokens, as spaCy's phrase matcher does, and apply them.

        ``firsts`` are the rows whose token starts some pattern: no match starts elsewhere.
        """
        lengths = self._pattern_lengths
        patterns = self._patterns
        count = len(rows)
        matches: list[tuple[int, int]] = []
        for i in firsts:
            offset, length, _ = rows[i]
            for size in lengths[text[offset : offset + length]]:
                if i + size > count:
                    break
                if tuple(text[a : a + n] for a, n, _ in rows[i : i + size]) in patterns:
                    matches.append((i, i + size))
        if not matches:
            return rows
        # Longest first, then the earlier one first; a match is kept unless its first or last
        # token is in a match already seen (kept or not), as spaCy's _filter_special_spans does.
        matches.sort(key=lambda m: (m[0] - m[1], m[0]))
        seen: set[int] = set()
        kept = []
        for start, end in matches:
            if start not in seen and end - 1 not in seen:
                kept.append((start, end))
            seen.update(range(start, end))
        kept.sort()
        out: list[Row] = []
        i = 0
        for start, end in kept:
            out.extend(rows[i:start])
            first = rows[start][0]
            last = rows[end - 1]
            special = self._special_entries.get(text[first : last[0] + last[1]])
            if special is None:
                out.extend(rows[start:end])
            else:
                out.extend((first + a, n, p) for a, n, p in special[0])
            i = end
        out.extend(rows[i:])
        return out
