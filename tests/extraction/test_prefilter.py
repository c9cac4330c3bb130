"""Literal prefilters never change what a pattern finds (prefilter.py, lexicon.Anchored)."""

import bisect
import random
import re
from pathlib import Path

import pytest

from profiles.extraction.prefilter import FastPattern, Prefilter, literal_starts, necessary_literals
from profiles.extraction.protagonist import _CONTRAST
from profiles.extraction.text import build_story, normalise

STORIES = Path(__file__).resolve().parent / "stories"
HELDOUT = Path(__file__).resolve().parents[1] / "stories" / "heldout" / "stories"


def _texts():
    texts = [
        p.read_text(encoding="utf-8")
        for folder in (STORIES, HELDOUT)
        if folder.is_dir()
        for p in sorted(folder.glob("*.txt"))
    ]
    # Case folding that lower() does not share ("İ", "ı", "ſ"), capitals, and no spaces at all.
    texts += [t.replace("i", "\u0130", 5).replace("s", "\u017f", 5).replace("I", "\u0131", 2) for t in texts[:6]]
    texts += [t.upper() for t in texts[:6]] + [t.replace(" ", "") for t in texts[:3]]
    return texts


def _key(match):
    return None if match is None else (match.span(), match.groups(), match.lastgroup)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bpaint(?:s|ed|ing)?\b", {"paint"}),
        (r"\b(?:her|his|their)\s+(?:native|home)\s+(?:city|town)\b", {"native", "home"}),
        (r"\b\w+\b", None),
        (r"\b(?i:solo)\b", None),
    ],
)
def test_necessary_literals(pattern, expected):
    found = necessary_literals(re.compile(pattern))
    assert (set(found) if found is not None else None) == expected


def test_literal_starts():
    assert set(literal_starts(re.compile(r"\b(?:their|them)\s+x|\bthemself\b"))) == {"their", "them"}
    assert literal_starts(re.compile(r"\b\w+ing\b")) is None
    many = re.compile("|".join(rf"\bw{i:02d}x" for i in range(60)))
    assert literal_starts(many) is None  # more beginnings than the default limit
    assert literal_starts(many, limit=100) == {f"w{i:02d}x" for i in range(60)}
    fast = FastPattern(many, short=0, max_starts=100)
    text = "w07x aw08x w59x, w60x w00xy"
    assert (
        [m.span() for m in fast.finditer(text)]
        == [m.span() for m in many.finditer(text)]
        == [(0, 4), (11, 15), (22, 26)]
    )


def test_necessary_literals_are_in_every_match():
    rng = random.Random(2)
    texts = _texts()
    patterns = [
        r"\b(?:grew|grown)\s+up\s+(?:in|on)\b",
        r"\bpen[- ]and[- ]ink\b",
        r"\bdraw(?:s|ing|n)?\s+(?:in|on)\b",
        r"\b(?:a\s+)?native\s+of\b",
        r"\balbums?\b|\bsinger\b|\bplay(?:s|ed)?\s+the\s+guitar\b",
    ]
    for pattern in patterns:
        regex = re.compile(pattern, re.I)
        literals = necessary_literals(regex)
        for text in rng.sample(texts, 10):
            for match in regex.finditer(text):
                assert any(lit in match.group().lower() for lit in literals), (pattern, match.group())


def _lexicon_patterns(lex):
    patterns = [v for v in vars(lex).values() if isinstance(v, FastPattern)]
    patterns += [r for r, *_ in lex.age_patterns] + [c for *_, (c, _) in lex.age_patterns if c]
    patterns += [e for _, _, e in lex.disciplines if e] + [_CONTRAST]
    return patterns


def test_fast_patterns_find_what_the_patterns_find(extractor):
    rng = random.Random(7)
    patterns = _lexicon_patterns(extractor.lexicon)
    assert any(p.starts for p in patterns)
    for text in _texts():
        norm = normalise(text)
        low = norm.lower() if len(norm.lower()) == len(norm) else norm
        for pattern in patterns:
            subject = norm if pattern.ignore_case else low
            for _ in range(3):
                start, end = rng.randrange(-5, len(subject) + 5), rng.randrange(-5, len(subject) + 300)
                if rng.random() < 0.4:
                    start, end = 0, len(subject)
                assert _key(pattern.search(subject, start, end)) == _key(pattern.regex.search(subject, start, end))
                assert [_key(m) for m in pattern.finditer(subject, start, end)] == [
                    _key(m) for m in pattern.regex.finditer(subject, start, end)
                ]


def _reference_finditer(pattern, story, start=0, end=None):
    """Anchored.finditer as it was before literals: every window searched."""
    text = story.low if pattern.on_lower else story.norm
    end = len(text) if end is None else end
    word_hits = story.anchor_hits.get(pattern.key) if story.anchor_hits else None
    if not word_hits:
        return []
    hits = [story.starts[i] for i in word_hits if start <= story.starts[i] < end]
    windows = []
    for position in hits:
        lo, hi = max(start, position - pattern.radius), min(end, position + pattern.radius)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    matches, seen = [], set()
    for lo, hi in windows:
        for match in pattern.regex.finditer(text, lo, hi):
            span = match.span()
            if span in seen or span[0] == span[1]:
                continue
            k = bisect.bisect_left(hits, span[0])
            if k < len(hits) and hits[k] < span[1]:
                seen.add(span)
                matches.append(match)
    matches.sort(key=lambda m: m.start())
    return matches


def test_anchored_patterns_find_what_every_window_gives(extractor):
    lex = extractor.lexicon
    patterns = [lex.pronoun_declaration] + lex.trigger_patterns + [p for p, _ in lex.birth_phrases]
    patterns += [p for p, _ in lex.backward_birth_phrases] + [cue for _, cue, _ in lex.disciplines]
    assert any(p.literal_key for p in patterns)
    for text in _texts():
        norm = normalise(text)
        story = build_story(text, norm, splitter=extractor.splitter)
        lex.scan_anchors(story)
        for pattern in patterns:
            assert [_key(m) for m in pattern.finditer(story)] == [
                _key(m) for m in _reference_finditer(pattern, story)
            ], pattern.regex.pattern[:60]


def test_prefilter_declines_when_case_folding_differs():
    prefilter = Prefilter(re.compile(r"\bsculpt\w*", re.I))
    assert prefilter.could_match("A SCULPTOR", 0, 10)
    assert not prefilter.could_match("A painter", 0, 9)
    assert prefilter.could_match("A \u017fculptor", 0, 10)  # "ſ" matches "s" under re.I


# -- FastPattern's one search for many beginnings changes nothing that is found ------------------


def test_many_overlapping_beginnings_find_what_the_pattern_finds():
    # Beginnings that are prefixes of one another, overlap ("abc" inside "xabca") or contain
    # characters special to re: every start must still be tried, in order.
    words = ["ab", "abc", "bca", "cab", "a.b", "a+", "xabca", "abcab", "(ab)"]
    pattern = "|".join(rf"{re.escape(w)}\w*" for w in words)
    rng = random.Random(4)
    for flags in (0, re.I):
        fast = FastPattern(re.compile(pattern, flags), short=0, max_starts=64)
        assert fast.starts is not None
        assert len(fast.starts) > 3
        for _ in range(400):
            text = "".join(rng.choice("abcABx .+()") for _ in range(rng.randrange(0, 60)))
            start, end = rng.randrange(-3, len(text) + 3), rng.randrange(-3, len(text) + 5)
            assert _key(fast.search(text, start, end)) == _key(fast.regex.search(text, start, end))
            assert [_key(m) for m in fast.finditer(text, start, end)] == [
                _key(m) for m in fast.regex.finditer(text, start, end)
            ]


class _CountingRegex:
    """A compiled pattern that counts the stretches it is run on."""

    def __init__(self, regex):
        self.regex, self.runs = regex, 0

    def search(self, *args):
        self.runs += 1
        return self.regex.search(*args)

    def finditer(self, *args):
        self.runs += 1
        return self.regex.finditer(*args)


@pytest.mark.parametrize(
    ("text", "found", "runs"),
    [
        ("By then she had turned forty.", ["turned forty"], 2),
        ("AGED NINETY, he still painted.", ["AGED NINETY"], 2),
        ("The winter was long and the sea was cold.", [], 0),
    ],
)
def test_a_pattern_of_many_windows_skips_those_without_its_words(text, found, runs):
    regex = re.compile(r"\b(?:turned|aged)\s+(?P<age>\w+)", re.I)
    fast = FastPattern(regex, prefilter=True)
    counting = fast.regex = _CountingRegex(regex)
    assert [m.group() for m in fast.finditer(text, 0, len(text))] == found
    assert _key(fast.search(text, 0, len(text))) == _key(regex.search(text))
    assert counting.runs == runs
