"""Extraction time of one megabyte in hostile shapes: linear, or it shows here.

    .venv/bin/python bench/bench_megabyte.py [--max-seconds 30] [SHAPE ...]

For each shape of bench/hostile_stories.py's MEGABYTE_SHAPES (a repeated story,
one token, a sentence of capitalised words, initials, quotes, ...), extracts
half a megabyte and then the whole megabyte in this process and prints the CPU
seconds of each and their ratio: about 2 for a linear pass, 4 for a quadratic
one. Exits 1 when a megabyte takes longer than --max-seconds of CPU or a ratio
passes 3 (super-linear). tests/test_extraction_fuzz.py checks the same shapes
give valid records.
"""

import argparse
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from bench.hostile_stories import MEGABYTE_SHAPES, megabyte_story  # noqa: E402
from profiles.extraction import StoryExtractor  # noqa: E402

MAX_RATIO = 3.0


def cpu_seconds(extractor, text):
    started = time.process_time()
    record = extractor.extract(text, "megabyte.txt")
    seconds = time.process_time() - started
    if "extraction failed" in (record.get("skipped_reason") or ""):
        raise SystemExit(f"extraction failed: {record['skipped_reason']}")
    return seconds


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--max-seconds", type=float, default=30.0)
    parser.add_argument("shapes", nargs="*", metavar="SHAPE", help="some of: " + ", ".join(MEGABYTE_SHAPES))
    args = parser.parse_args(argv)
    unknown = [shape for shape in args.shapes if shape not in MEGABYTE_SHAPES]
    if unknown:
        parser.error(f"unknown shapes: {', '.join(unknown)}")
    extractor = StoryExtractor()
    failed = False
    print(f"{'shape':36} {'0.5 MB s':>9} {'1 MB s':>8} {'ratio':>6}")
    for shape in args.shapes or MEGABYTE_SHAPES:
        text = megabyte_story(shape)
        half, whole = cpu_seconds(extractor, text[: len(text) // 2]), cpu_seconds(extractor, text)
        ratio = whole / half if half > 0.05 else 2.0
        verdict = "ok"
        if whole > args.max_seconds or ratio > MAX_RATIO:
            verdict, failed = "SLOW", True
        print(f"{shape:36} {half:9.2f} {whole:8.2f} {ratio:6.1f}  {verdict}")
    print(f"target: each megabyte under {args.max_seconds:g} s of CPU, ratio at most {MAX_RATIO:g} (linear is 2)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
