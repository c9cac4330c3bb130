"""Benchmark the tokenizer run from data against spaCy's own, on the labelled stories.

    .venv/bin/python bench/bench_tokenizer.py [--repeat N]

The extractor tokenises with profiles/extraction/tokenizer.py (spaCy's algorithm on
rules exported to data/tokenizer.json) instead of importing spaCy.  This prints, for
spaCy's tokenizer and for the data one, words per CPU second (time.process_time, best
of N, default 3):

- "tokenise": each story tokenised whole, first with empty caches, then again warm;
- "split": text.WordSplitter laying out every story from an empty memo (it tokenises
  each new white-space chunk once), then again with the memo full: what an import
  pays per story.

spaCy is a dev dependency (requirements-dev.txt); it is imported here only to compare.
"""

import argparse
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from profiles.extraction._spacy import make_blank_pipeline  # noqa: E402
from profiles.extraction.text import WordSplitter, normalise  # noqa: E402
from profiles.extraction.tokenizer import Tokenizer  # noqa: E402


class SpacyRows:
    """spaCy's tokenizer behind the data tokenizer's interface (rows of offset, length, is_punct)."""

    def __init__(self):
        self._tokenizer = make_blank_pipeline().tokenizer  # (imports spaCy the safe way first)
        from spacy.attrs import IDX, IS_PUNCT, LENGTH

        self._attrs = [IDX, LENGTH, IS_PUNCT]
        data = Tokenizer()
        self.rules = data.rules
        self.matched_special_cases = data.matched_special_cases

    def __call__(self, text):
        return self._tokenizer(text).to_array(self._attrs).tolist()


def _texts():
    folders = sorted((PROJECT_DIR / "tests" / "stories").glob("*/stories"))
    return [p.read_text(encoding="utf-8") for folder in folders for p in sorted(folder.glob("*.txt"))]


def _timed(run) -> float:
    started = time.process_time()
    run()
    return time.process_time() - started


def measure(make, norms, repeat):
    """Words per CPU second: tokenise cold, tokenise warm, split cold, split warm.

    Building the tokenizer or splitter is not counted (that is start-up, bench_startup.py).
    """
    words = sum(len(layout[0]) for layout in map(WordSplitter(make()).split, norms) if isinstance(layout, tuple))

    def tokenise(tokenizer):
        for norm in norms:
            tokenizer(norm)

    def split(splitter):
        for norm in norms:
            splitter.split(norm)

    def cold_tokenise():
        tokenizer = make()  # (built outside the timed part)
        return _timed(lambda: tokenise(tokenizer))

    def cold_split():
        splitter = WordSplitter(make())
        return _timed(lambda: split(splitter))

    warm_tokenizer, warm_splitter = make(), WordSplitter(make())
    tokenise(warm_tokenizer)
    split(warm_splitter)
    times = [
        min(cold_tokenise() for _ in range(repeat)),
        min(_timed(lambda: tokenise(warm_tokenizer)) for _ in range(repeat)),
        min(cold_split() for _ in range(repeat)),
        min(_timed(lambda: split(warm_splitter)) for _ in range(repeat)),
    ]
    return [words / elapsed for elapsed in times]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    norms = [normalise(text) for text in _texts()]
    print(f"{len(norms)} labelled stories; words per CPU second, best of {args.repeat}")
    print(f"{'':8} {'tokenise cold':>14} {'tokenise warm':>14} {'split cold':>12} {'split warm':>12}")
    for name, make in (("spaCy", SpacyRows), ("data", Tokenizer)):
        rates = measure(make, norms, args.repeat)
        widths = (14, 14, 12, 12)
        print(f"{name:8} " + " ".join(f"{rate:>{width},.0f}" for rate, width in zip(rates, widths, strict=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
