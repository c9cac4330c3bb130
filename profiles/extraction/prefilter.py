"""Necessary literals of a regex: a cheap test that a stretch of text cannot match.

Python's ``re`` tries a pattern that starts with ``\\b`` or an alternation at
every position of the text, which is slow; a search for plain strings is fast
(the engine skips ahead to their first characters).  For a pattern we find a
set of strings, at least one of which occurs inside *every* match ("paint"
for ``\\bpaint(?:s|ed|ing)?\\b``, {"her", "his", "their"} for
``\\b(?:her|his|their)\\s+...``).  Where none of them occurs, the pattern
cannot match and need not run.  Results never change: a stretch that holds
one of the strings is searched with the pattern as before.

The strings are read off the parsed pattern (``re._parser``): literal runs,
alternations of them, optional suffixes and groups; anything else (classes,
repeats of classes, back references) just stops a run.  Look-arounds consume
nothing and are ignored.  Inline flags inside a group end the analysis of
that group.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Set
from typing import TYPE_CHECKING

from . import patterncache

if TYPE_CHECKING:  # the type stubs describe the parser under its old names
    import sre_constants as _c
    import sre_parse as _parse
else:
    try:  # Python 3.11+
        from re import _constants as _c
        from re import _parser as _parse
    except ImportError:  # pragma: no cover - older Pythons
        import sre_constants as _c
        import sre_parse as _parse

_MAX_SET = 64  # alternatives kept while expanding a run ("h" + {"er", "is"})
_MIN_LENGTH = 2  # shorter literals are not worth a search

_ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT} | ({_c.POSSESSIVE_REPEAT} if hasattr(_c, "POSSESSIVE_REPEAT") else set())


class _Exact:
    """The item always consumes exactly one of ``strings``."""

    __slots__ = ("strings",)

    def __init__(self, strings):
        self.strings = frozenset(strings)


class _Contains:
    """Whatever the item consumes contains one of ``strings``."""

    __slots__ = ("strings",)

    def __init__(self, strings):
        self.strings = frozenset(strings)


def _score(strings) -> tuple:
    """Better requirements have longer shortest strings, then fewer strings."""
    return (min(map(len, strings)), -len(strings))


def _best(candidates):
    candidates = [c for c in candidates if c and min(map(len, c)) > 0]
    return max(candidates, key=_score) if candidates else None


def _analyse_sequence(items) -> _Exact | _Contains | None:
    run: set[str] | None = {""}
    candidates: list[frozenset] = []
    exact = True
    for op, av in items:
        result = _analyse_item(op, av)
        if isinstance(result, _Exact):
            if run is not None:
                joined = {a + b for a in run for b in result.strings}
                if len(joined) <= _MAX_SET:
                    run = joined
                    continue
                candidates.append(frozenset(run))
                exact = False
            run = set(result.strings)
            continue
        exact = False
        if run is not None:
            candidates.append(frozenset(run))
        run = {""}
        if isinstance(result, _Contains):
            candidates.append(result.strings)
    if exact and run is not None:
        return _Exact(run)
    if run is not None:
        candidates.append(frozenset(run))
    best = _best(candidates)
    return _Contains(best) if best else None


def _analyse_item(op, av) -> _Exact | _Contains | None:
    if op is _c.LITERAL:
        return _Exact({chr(av)})
    if op in _ZERO_WIDTH:
        return _Exact({""})
    if op is _c.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if add_flags or del_flags:
            return None
        return _analyse_sequence(sub)
    if hasattr(_c, "ATOMIC_GROUP") and op is _c.ATOMIC_GROUP:
        return _analyse_sequence(av)
    if op is _c.BRANCH:
        alternatives = [_analyse_sequence(alt) for alt in av[1]]
        results = [r for r in alternatives if r is not None]
        if len(results) < len(alternatives):
            return None
        if all(isinstance(r, _Exact) for r in results):
            strings = set().union(*(r.strings for r in results))
            return _Exact(strings) if len(strings) <= _MAX_SET else _Contains(strings)
        strings = set().union(*(r.strings for r in results))
        return _Contains(strings) if min(map(len, strings)) > 0 else None
    if op in _REPEATS:
        low, high, sub = av
        inner = _analyse_sequence(sub)
        if inner is None:
            return None
        if low == 0 and high == 1 and isinstance(inner, _Exact):
            return _Exact(inner.strings | {""})
        if low >= 1 and min(map(len, inner.strings)) > 0:
            return _Contains(inner.strings)
        return None
    return None


def _parsed(pattern: str | re.Pattern, flags: int) -> list | None:
    """The pattern's parse tree as a list of items, or None for what this module does not analyse."""
    if isinstance(pattern, re.Pattern):
        source, flags = pattern.pattern, pattern.flags
    else:
        source = pattern
    if flags & re.VERBOSE:
        return None
    try:
        parsed = _parse.parse(source, flags)
    except Exception:  # pragma: no cover - the pattern compiled, so this should not happen
        return None
    if parsed.state.flags & re.IGNORECASE and not flags & re.IGNORECASE:
        return None  # a global inline (?i)
    return list(parsed.data)


def _source(pattern: str | re.Pattern, flags: int) -> tuple:
    return (pattern.pattern, pattern.flags) if isinstance(pattern, re.Pattern) else (pattern, int(flags))


def necessary_literals(pattern: str | re.Pattern, flags: int = 0) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` contains, or None if we cannot tell.

    Read once per pattern and kept between processes (patterncache.py): parsing is slow.
    """
    key = _source(pattern, flags)
    return patterncache.analysis("necessary", key, lambda: _necessary_literals(*key))


def _necessary_literals(pattern: str, flags: int) -> frozenset[str] | None:
    parsed = _parsed(pattern, flags)
    if parsed is None:
        return None
    result = _analyse_sequence(parsed)
    if result is None:
        return None
    strings = frozenset(result.strings)
    if not strings or min(map(len, strings)) < _MIN_LENGTH:
        return None
    # A string that contains another one adds nothing: "paint" covers "paints" and "painted".
    return frozenset(s for s in strings if not any(t != s and t in s for t in strings))


class Prefilter:
    """``could_match(text, pos, endpos)``: False only when ``regex`` cannot match in ``text[pos:endpos]``.

    For a case-sensitive regex the literals are searched in the same text.
    For an ``re.I`` regex they are searched, in lower case, in a lowercase
    copy of the text, when that is exact (see :func:`_folded`); otherwise
    the answer is always True.
    """

    __slots__ = ("literals", "search", "ignore_case")

    def __init__(self, regex: re.Pattern):
        self.literals: tuple[str, ...] = ()
        self.search = None
        self.ignore_case = bool(regex.flags & re.IGNORECASE)
        strings = necessary_literals(regex)
        if strings is None:
            return
        if self.ignore_case:
            if not all(s.isascii() for s in strings):
                return
            strings = frozenset(s.lower() for s in strings)
        self.literals = tuple(sorted(strings, key=lambda s: (-len(s), s)))
        self.search = patterncache.compile("|".join(re.escape(s) for s in self.literals)).search

    def __bool__(self) -> bool:
        return self.search is not None

    def could_match(self, text: str, pos: int, endpos: int) -> bool:
        if self.search is None:
            return True
        haystack = _folded(text) if self.ignore_case else text
        return haystack is None or self.search(haystack, pos, endpos) is not None

    def could_match_anywhere(self, text: str) -> bool:
        """False only when ``regex`` cannot match anywhere in ``text`` (one substring test per literal)."""
        if self.search is None:
            return True
        haystack = _folded(text) if self.ignore_case else text
        if haystack is None:
            return True
        return any(literal in haystack for literal in self.literals)


# ---------------------------------------------------------------------------
# Where matches can start: a pattern run only at its literal beginnings
# ---------------------------------------------------------------------------

_MAX_STARTS = 40
_SHORT = 240  # stretches shorter than this are left to the pattern
_UNSAFE_CASE = re.compile("[\u0130\u0131\u017f]")  # "İ", "ı", "ſ": re.I folds them to ASCII letters; lower() does not
_folded_last: tuple = (None, None)
_FIND_EACH = 3  # up to this many literal beginnings, each is looked for with str.find


def _trie(literals) -> str:
    """A regex matching exactly ``literals``, its alternatives factored by first characters."""
    tree: dict = {}
    for literal in literals:
        node = tree
        for ch in literal:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) if ch else "" for ch, child in sorted(node.items())]
        if len(branches) == 1:
            return branches[0]
        if "" in branches:  # a literal ends here and longer ones go on
            return "(?:" + "|".join(b for b in branches if b) + ")?"
        return "(?:" + "|".join(branches) + ")"

    return build(tree)


def _starts_of_sequence(items, limit: int = _MAX_STARTS) -> set[str] | None:
    """Strings one of which every match of ``items`` starts with (None: no such set of at most ``limit``)."""
    prefixes = {""}
    for op, av in items:
        result = _analyse_item(op, av)
        if isinstance(result, _Exact):
            joined = {a + b for a in prefixes for b in result.strings}
            if len(joined) > limit:
                break
            prefixes = joined
            continue
        inner = None
        if op is _c.BRANCH:
            alternatives = [_starts_of_sequence(alt, limit) for alt in av[1]]
            known = [a for a in alternatives if a is not None]
            if len(known) == len(alternatives):
                inner = _shortest_prefixes(set().union(*known))
        elif op is _c.SUBPATTERN and not (av[1] or av[2]):
            inner = _starts_of_sequence(av[3], limit)
        if inner is not None:
            joined = {a + b for a in prefixes for b in inner}
            if len(joined) <= limit:
                prefixes = joined
        break
    if "" in prefixes:
        return None
    return _shortest_prefixes(prefixes)


def _shortest_prefixes(strings) -> set[str]:
    """Drop strings that begin with another one of the set ("them" covers "themself")."""
    return {s for s in strings if not any(t != s and s.startswith(t) for t in strings)}


def literal_starts(pattern: str | re.Pattern, flags: int = 0, *, limit: int = _MAX_STARTS) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` starts with, or None if we cannot tell in ``limit`` strings.

    Read once per pattern and kept between processes (patterncache.py): parsing is slow.
    """
    key = (*_source(pattern, flags), limit)
    return patterncache.analysis("starts", key, lambda: _literal_starts(*key))


def _literal_starts(pattern: str, flags: int, limit: int) -> frozenset[str] | None:
    parsed = _parsed(pattern, flags)
    if parsed is None:
        return None
    starts = _starts_of_sequence(parsed, limit)
    if not starts or min(map(len, starts)) < _MIN_LENGTH:
        return None
    return frozenset(starts)


def _folded(text: str) -> str | None:
    """``text`` in lower case when a lowercase literal search there finds exactly what re.I would."""
    global _folded_last
    last_text, last_folded = _folded_last
    if last_text is text:
        return last_folded
    lowered = text.lower()
    folded: str | None = lowered
    if len(lowered) != len(text) or (not text.isascii() and _UNSAFE_CASE.search(text)):
        folded = None
    _folded_last = (text, folded)
    return folded


class FastPattern:
    """A compiled pattern that is tried only where one of its literal beginnings occurs.

    ``search``, ``match`` and ``finditer`` take the same arguments and return
    the same matches as the pattern's own methods.  Python's ``re`` cannot
    skip ahead in a pattern that starts with ``\\b`` or an alternation (and
    never for letters under ``re.I``), so it tries every position of the
    text; here ``str.find`` locates the positions where a match could start
    (for ``re.I``, in a lowercase copy, when that is exact: ASCII beginnings,
    and none of the three letters whose case folding ``lower()`` does not
    share) and the pattern is matched there, in order.  Patterns without such
    beginnings, empty matches and unsuitable texts use the pattern itself.
    """

    __slots__ = (
        "regex",
        "pattern",
        "flags",
        "groupindex",
        "starts",
        "ignore_case",
        "short",
        "_find_starts",
        "_could_match",
    )

    def __init__(
        self, regex: re.Pattern, *, short: int = _SHORT, max_starts: int = _MAX_STARTS, prefilter: bool = False
    ):
        """``short``: stretches shorter than this are searched by the pattern itself (unless the
        beginnings are searched for all at once);
        ``max_starts``: with more literal beginnings than this, the pattern is always used;
        ``prefilter``: ``search`` and ``finditer`` first ask whether the stretch holds one of the
        pattern's necessary literals (:class:`Prefilter`), for a pattern run on many short windows
        that mostly lack them."""
        self.regex = regex
        self.pattern = regex.pattern
        self.flags = regex.flags
        self.groupindex = regex.groupindex
        self.ignore_case = bool(regex.flags & re.IGNORECASE)
        self.short = short
        starts: Set[str] | None = literal_starts(regex, limit=max(max_starts, _MAX_STARTS))
        if starts is not None and self.ignore_case:
            starts = {s.lower() for s in starts} if all(s.isascii() for s in starts) else None
        # Too many beginnings: their first few characters are beginnings too ("draughts" for
        # "draughtsman", "draughtswoman").
        for length in (8, 6, 5, 4, 3):
            if not starts or len(starts) <= max_starts:
                break
            starts = _shortest_prefixes({s[:length] for s in starts})
        self.starts = tuple(sorted(starts)) if starts and len(starts) <= max_starts else None
        # Beyond a few beginnings, one search for all of them (a trie, which re skips through by
        # its first characters) costs less than a str.find per beginning, and less than the
        # pattern tried at every position even of a short stretch.
        self._find_starts = (
            patterncache.compile(_trie(self.starts)).search
            if self.starts is not None and len(self.starts) > _FIND_EACH
            else None
        )
        if self._find_starts is not None:
            self.short = 0
        literals = Prefilter(regex) if prefilter else None
        self._could_match = literals.could_match if literals else None

    def __repr__(self) -> str:
        return f"FastPattern({self.regex!r})"

    def _candidates(self, text: str, pos: int, endpos: int, last: int = sys.maxsize) -> list[int] | None:
        """Where a match in ``text[pos:endpos]`` may start, in order, up to ``last``; None: ask the pattern."""
        if self.starts is None or min(endpos, len(text)) - pos < self.short:
            return None  # (a short stretch is searched faster by the pattern itself)
        if self.ignore_case:
            folded = _folded(text)
            if folded is None:
                return None
            text = folded
        pos = max(pos, 0)
        endpos = max(endpos, 0)
        found: list[int] = []
        search = self._find_starts
        if search is not None:
            # Every position where a beginning occurs, in order (a search from each next position).
            match = search(text, pos, endpos)
            while match is not None:
                i = match.start()
                if i > last:
                    break
                found.append(i)
                match = search(text, i + 1, endpos)
            return found
        find = text.find
        for literal in self.starts:
            i = find(literal, pos, endpos)
            while 0 <= i <= last:
                found.append(i)
                i = find(literal, i + 1, endpos)
        if len(self.starts) > 1:
            found.sort()
        return found

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize):
        return self.regex.match(text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize):
        if self._could_match is not None and not self._could_match(text, pos, endpos):
            return None
        candidates = self._candidates(text, pos, endpos)
        if candidates is None:
            return self.regex.search(text, pos, endpos)
        match = self.regex.match
        for start in candidates:
            found = match(text, start, endpos)
            if found is not None:
                return found
        return None

    def covers(self, text: str, pos: int, endpos: int, start: int, end: int) -> bool:
        """Some match of ``finditer(text, pos, endpos)`` holds [start, end).

        Matches come in order of their starts, so none after ``start`` can:
        the beginnings past it are neither looked for nor tried.
        """
        candidates = self._candidates(text, pos, endpos, start)
        if candidates is None:
            return self._covers(self.regex.finditer(text, pos, endpos), start, end)
        match = self.regex.match
        current = pos
        for at in candidates:
            if at < current:
                continue
            item = match(text, at, endpos)
            if item is not None:
                stop = item.end()
                if stop == at:  # an empty match: as finditer, let re apply its own rules
                    return self._covers(self.regex.finditer(text, pos, endpos), start, end)
                if end <= stop:  # (it starts at ``at``, at or before ``start``)
                    return True
                current = stop
        return False

    @staticmethod
    def _covers(matches, start: int, end: int) -> bool:
        for item in matches:
            if item.start() > start:
                return False
            if end <= item.end():
                return True
        return False

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize):
        if self._could_match is not None and not self._could_match(text, pos, endpos):
            return iter(())
        candidates = self._candidates(text, pos, endpos)
        if candidates is None:
            return self.regex.finditer(text, pos, endpos)
        match = self.regex.match
        found = []
        current = pos
        for start in candidates:
            if start < current:
                continue
            item = match(text, start, endpos)
            if item is not None:
                if item.end() == start:  # an empty match: let re apply its own rules
                    return self.regex.finditer(text, pos, endpos)
                found.append(item)
                current = item.end()
        return iter(found)
