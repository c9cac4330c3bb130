"""Records written as "Label: value" lines: which line says the artist's name, birthplace or age.

Fact sheets, registers, CVs, shop tags and plaques give their facts as fields
("Born: 1961, Bukhara", "Age at designation: 71", "Artist: X") rather than in
sentences, so the phrases the rules read ("born in", "a 71-year-old") are not
there.  A line that opens with a known label (data/labels.json) states that
field of the record's subject; the rules take its value as they would take a
stated fact, and the decision layer sees where each value came from.  Any
label's value but a name's gives its places as fields ("Lives: Amman",
"Previous shows: Baghdad (group, 2015)"): the mention rules take a city
that is a whole item of one as placed, as they take one after "in".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .data import load
from .text import AnalysedStory

_DATA = load("labels")
_LABELS: dict[str, str] = {}
_PREFIXES: list[tuple[str, str]] = []
for _field, _table in _DATA.items():
    for _label in _table["labels"]:
        _LABELS.setdefault(_label, _field)
    _PREFIXES += [(_prefix, _field) for _prefix in _table.get("prefixes", ())]
_PREFIXES.sort(key=lambda item: -len(item[0]))

# A label: a short run of words at the start of a line (after a bullet), then a colon and a value.
_LINE = re.compile(
    r"^[ \t]*(?:[-\u2022\u00b7*][ \t]*)?(?P<label>[^\W\d_][^:\uff1a\n]{0,38}?)[ \t]*[:\uff1a]"
    r"[ \t]*(?P<value>\S[^\n]*)$",
    re.MULTILINE,
)
_MARKS = re.compile(r"\(s\)|[*_\"\u201c\u201d]")
_KEY = "labelled.lines"


@dataclass(frozen=True, slots=True)
class LabelledLine:
    field: str  # "name", "birth" or "age"
    label: str  # the label as written
    start: int  # the value's character span
    end: int


def field_of(label: str) -> str | None:
    """The record field a label names, or None ("Medium", "Venue", an unknown label)."""
    key = " ".join(_MARKS.sub("", label).lower().split()).rstrip(".")
    if not key or len(key.split()) > 6:
        return None
    found = _LABELS.get(key)
    if found is None:
        found = next((f for prefix, f in _PREFIXES if key.startswith(prefix)), None)
    return found


def _record_lines(
    story: AnalysedStory,
) -> tuple[list[LabelledLine], list[tuple[int, int]], list[tuple[str, int, int]]]:
    """The story's "Label: value" lines, read once (cached on the story): those that give a field of the
    record, the value spans of those whose label names no person (a Q/A's "Q:" is no label), and every
    line's label with its value span (a list's label: "Literature:", "Selected exhibitions:")."""
    cached = story.cache.get(_KEY)
    if cached is None:
        lines, values, every = [], [], []
        norm = story.norm
        if ":" in norm or "\uff1a" in norm:
            for match in _LINE.finditer(norm):
                label = match.group("label")
                field = field_of(label)
                start, end = match.start("value"), match.end("value")
                every.append((label, start, end))
                if field is not None:
                    lines.append(LabelledLine(field, label, start, end))
                if len(label.strip()) > 2 and field != "name":
                    values.append((start, end))
        cached = story.cache[_KEY] = (lines, values, every)
    return cached


def labelled_lines(story: AnalysedStory) -> list[LabelledLine]:
    """The story's lines that give a field of the record, in order."""
    return _record_lines(story)[0]


def lines_of(story: AnalysedStory, field: str) -> list[LabelledLine]:
    return [line for line in labelled_lines(story) if line.field == field]


def label_at(story: AnalysedStory, offset: int) -> str | None:
    """The field whose labelled value holds ``offset``, or None (a search, as ``line_label``'s)."""
    lines = labelled_lines(story)
    at = bisect_right(lines, offset, key=lambda line: line.start) - 1
    if at >= 0 and offset < lines[at].end:
        return lines[at].field
    return None


_ITEM_BEFORE = frozenset(":,;")
_ITEM_AFTER = frozenset(",;(.")


def line_label(story: AnalysedStory, offset: int) -> str | None:
    """The label, as written, of the "Label: value" line whose value holds ``offset``, or None.

    Lines come in text order and never overlap, so the only line that can hold ``offset`` is the last
    one starting at or before it: a search, not a walk, as every title of a long list asks."""
    every = _record_lines(story)[2]
    at = bisect_right(every, offset, key=lambda line: line[1]) - 1
    if at >= 0 and offset < every[at][2]:
        return every[at][0]
    return None


def _values(story: AnalysedStory) -> list[tuple[int, int]]:
    """The value spans of the record lines whose label names no person."""
    return _record_lines(story)[1]


def field_item(story: AnalysedStory, start: int, end: int) -> bool:
    """Is ``start:end`` a whole item of a record line's value ("Lives: Amman", "Venue: Darat al Funun,
    Amman", "Previous shows: Baghdad (group, 2015); Kuwait City (solo, 2021)")?

    A record gives a place as a field, not after "in": the item's own line says it is one.
    """
    spans = _values(story)
    if not spans:
        return False
    at = bisect_right(spans, start, key=lambda span: span[0]) - 1
    if at < 0:
        return False
    a, b = spans[at]
    if end > b:
        return False
    norm = story.norm
    before = norm[a:start].rstrip(" \t")
    after = norm[end:b].lstrip(" \t")
    return (not before or before[-1] in _ITEM_BEFORE) and (not after or after[0] in _ITEM_AFTER)


_NO_SHOWING = frozenset(("name", "birth", "age"))


def not_on_fact_lines(story: AnalysedStory, showings: list, span=lambda showing: showing.match) -> list:
    """The showings whose place is not read off a name, birth or age line.

    A fact sheet's lines run together into one sentence with its "Venue:" and
    "Exhibitions:" lines, whose words make it a showing sentence; the city of
    "Born: Karaganda, Kazakhstan" is then paired like a venue's.
    """
    if not showings or not labelled_lines(story):
        return showings
    return [s for s in showings if label_at(story, span(s)[0]) not in _NO_SHOWING]
