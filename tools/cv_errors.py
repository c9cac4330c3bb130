"""List the cross-validated records' wrong facts, field by field, beside the gold.

    manage.py trainextractor --dry-run --records /tmp/cv.jsonl
    python tools/cv_errors.py /tmp/cv.jsonl [--field works] [--sets wide-a wide-b] [--limit 50]

Each line is one story and one field: what the gold has that the record misses (``-``) and what
the record has that the gold does not (``+``). Reading errors by field across every set, not one
story's answers, is how a class of wording is found.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from profiles.extraction.scoring import city_key, exhibition_keys, scorer_fold, title_key

STORIES = Path(__file__).resolve().parent.parent / "tests" / "stories"
FIELDS = ("name", "pronoun", "age", "birth_city", "disciplines", "cities", "exhibitions", "works")


def field_keys(record: dict, field: str) -> set:
    artist = record.get("artist") or {}
    if field in ("name", "pronoun", "age"):
        value = artist.get(field)
        return set() if value is None else {scorer_fold(value) if isinstance(value, str) else value}
    if field == "birth_city":
        key = city_key(artist.get("birth_city"))
        return set() if key is None else {key}
    if field == "disciplines":
        return {scorer_fold(d) for d in artist.get("disciplines") or []}
    if field == "cities":
        return {city_key(c) for c in record.get("cities") or []}
    if field == "exhibitions":
        return set(exhibition_keys(record))
    return {title_key(w.get("title")) for w in record.get("works") or []}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("records", help="JSON lines from trainextractor --records")
    parser.add_argument("--field", choices=FIELDS, action="append", help="Only these fields (repeatable).")
    parser.add_argument("--sets", nargs="*", help="Only these sets.")
    parser.add_argument("--limit", type=int, default=0, help="At most this many lines per field.")
    args = parser.parse_args(argv)
    tally: Counter = Counter()
    for field in args.field or FIELDS:
        shown = 0
        for line in Path(args.records).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            group, _, name = record["source"].partition("/stories/")
            if args.sets and group not in args.sets:
                continue
            gold = json.loads((STORIES / group / "gold" / f"{name}.json").read_text(encoding="utf-8"))
            want, got = field_keys(gold, field), field_keys(record, field)
            if want == got:
                continue
            tally[field, "-"] += len(want - got)
            tally[field, "+"] += len(got - want)
            if not args.limit or shown < args.limit:
                shown += 1
                missing = "; ".join(map(str, sorted(want - got, key=str)))
                extra = "; ".join(map(str, sorted(got - want, key=str)))
                print(f"{field:11s} {group}/{name}  -[{missing}]  +[{extra}]")
    for field in args.field or FIELDS:
        print(f"{field}: {tally[field, '-']} missed, {tally[field, '+']} wrong")
    return 0


if __name__ == "__main__":
    sys.exit(main())
