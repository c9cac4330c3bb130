"""Speed-ups of round 4 change nothing that is found (prefilter.FastPattern's one search for many beginnings)."""

import random
import re

from profiles.extraction.prefilter import FastPattern


def _key(match):
    return None if match is None else (match.span(), match.groups(), match.lastgroup)


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
