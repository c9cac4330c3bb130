"""``python -m profiles.extraction PATH...``: one JSON record per story on stdout.

PATH is a .txt file or a directory of .txt files (read in name order).  For
the dev loop: ``--score GOLD_DIR`` prints the scores against gold records.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def story_paths(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(sorted(p for p in path.glob("*.txt") if p.is_file()))
        else:
            found.append(path)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m profiles.extraction", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help=".txt files or directories of them")
    parser.add_argument("--score", metavar="GOLD_DIR", help="print scores against gold records to stderr")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--indent", type=int, default=None, help="pretty-print records (not JSON Lines)")
    args = parser.parse_args(argv)

    from . import StoryExtractor

    extractor = StoryExtractor()
    paths = story_paths(args.paths)
    pairs = ((p.name, p.read_text(encoding="utf-8", errors="replace")) for p in paths)
    records = []
    for record in extractor.pipe(pairs, batch_size=args.batch_size):
        sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=args.indent) + "\n")
        if args.score:
            records.append(record)
    if args.score:
        from .scoring import format_scores, score

        for line in format_scores(score(args.score, records)):
            print(line, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
