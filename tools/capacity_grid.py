"""Choose each field's model capacity by cross-validation grouped by writer, and print the table.

    python tools/capacity_grid.py [--fields works age ...] [--cache /tmp/examples.pkl]

For every field of the decision layer, the candidates of the whole corpus are collected once
(``trainer.collect``: steps 1 and 2 of the training), then each setting is fitted on four folds of
sets and scored on the fifth, as ``manage.py trainextractor`` does: the regularisation (C), the
least count of examples a feature needs, and, from the best of those, leaving out whole feature
families (the words around a candidate, a sentence's words) one at a time, greedily.

The figure of a setting is the field's decision on out-of-fold probabilities, with its thresholds
chosen on them as the trainer chooses them (accuracy for one-value fields and the artist decision,
F1 for lists): the trainer's per-field figure without the record around it. A setting is taken
when it is not worse than the field's current one by more than ``--tolerance`` and is smaller
(fewer weights); a gain below the noise (0.002) is not a reason to keep more capacity.
The "artist" decision is scored over the stories the disciplines reach (``drop_below``) and the
others (``rescue_at``), as extraction applies it.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from profiles.extraction import trainer
from profiles.extraction.candidates import FIELDS
from profiles.extraction.learned import decide

STORIES = Path(__file__).resolve().parent.parent / "tests" / "stories"
C_GRID = (0.1, 0.3, 1.0, 3.0)
COUNT_GRID = (2, 5, 10)
OPEN_FAMILY = 20  # a family with at least this many distinct features is open-vocabulary (words, not flags)


def collected(cache: Path | None, sets: list[str] | None):
    stories = trainer.read_corpus(STORIES, sets)
    if cache is not None and cache.is_file():
        with open(cache, "rb") as handle:
            cached = pickle.load(handle)
        if len(cached) == 3:  # (a cache without the stories' names: of the stories read now)
            return stories, *cached
        names, examples, gold, protected = cached
        by_name = {(s.group, s.name): s for s in stories}
        return [by_name[n] for n in names], examples, gold, protected
    from profiles.extraction.extractor import StoryExtractor

    c = trainer.collect(stories, StoryExtractor(decisions=None))
    for items in c.examples.values():
        for e in items:
            e.candidate.value = None  # (the record's objects: not needed to fit, and heavy to keep)
    if cache is not None:
        with open(cache, "wb") as handle:
            names = [(s.group, s.name) for s in stories]
            pickle.dump((names, c.examples, c.gold, c.protected), handle, protocol=pickle.HIGHEST_PROTOCOL)
    return stories, c.examples, c.gold, c.protected


def evaluate(field, examples, stories, gold, protected, setting, reaching=None):
    """(figure, mean weights per fold model, thresholds) of one setting (C, count, dropped families)."""
    regularisation, count, dropped = setting
    raw: dict[int, float] = {}
    models = trainer.out_of_fold(
        examples, stories, raw, lambda items: trainer.fit(items, regularisation, count, dropped)
    )
    sizes = [len(weights) for _, weights in models]
    trainer.calibrate(examples, raw)
    limits = trainer.thresholds(field, examples, gold, protected, reaching)
    by_story = defaultdict(list)
    for e in examples:
        by_story[e.story].append(e.candidate)
    if field == "artist":
        value = artist_value(by_story, gold, limits, reaching)
    else:
        value = trainer._value(field, by_story, gold, limits, range(len(gold)))
    return value, sum(sizes) / len(sizes), limits


def artist_value(by_story, gold, limits, reaching) -> float:
    right = 0
    for k, items in by_story.items():
        if k in reaching:
            keep = bool(decide("artist", items, drop_below=limits["drop_below"]))
        else:
            keep = max(c.probability for c in items) >= limits["rescue_at"]
        right += keep == gold[k]["artist"]
    return right / max(1, len(by_story))


def current(field):
    return (
        trainer.FIELD_REGULARISATION.get(field, trainer.REGULARISATION),
        trainer.FIELD_MIN_FEATURE_COUNT.get(field, trainer.MIN_FEATURE_COUNT),
        tuple(trainer.FIELD_DROPPED_FAMILIES.get(field, ())),
    )


def show(setting):
    c, n, dropped = setting
    return f"C={c:<4g} min={n:<3d} drop={','.join(dropped) or '-'}"


def search(field, items, stories, gold, protected, reaching, args):
    """The field's table: C by feature count, then families left out one by one; returns the chosen setting."""

    def run(setting):
        return evaluate(field, items, stories, gold, protected, setting, reaching)[:2]

    def line(setting):
        print(f"  {show(setting):60s} {table[setting][0]:.4f} {table[setting][1]:8.0f}", flush=True)

    base = current(field)
    table = {base: run(base)}
    base_value = table[base][0]
    print(f"\n{field}: {len(items)} candidates; current {show(base)}: {base_value:.4f} ({table[base][1]:.0f} weights)")
    for c in C_GRID:
        for n in COUNT_GRID:
            setting = (c, n, base[2])
            if setting not in table:
                table[setting] = run(setting)
            line(setting)
    # Not worse than the current setting; among the settings within the noise of the best, the smallest.
    ok = {s: v for s, v in table.items() if v[0] >= base_value - args.tolerance}
    top = max(v[0] for v in ok.values())
    best = min((s for s, v in ok.items() if v[0] >= top - 0.002), key=lambda s: (table[s][1], -table[s][0], s[0]))
    floor = max(base_value - args.tolerance, table[best][0] - 0.002)
    if not args.no_families:
        counts = defaultdict(set)
        for e in items:
            for f in e.candidate.features:
                counts[trainer.family(f)].add(f)
        families = sorted(
            (f for f, names in counts.items() if len(names) >= OPEN_FAMILY), key=lambda f: -len(counts[f])
        )
        print(f"  open families: {', '.join(f'{f} ({len(counts[f])})' for f in families)}")
        for name in families:
            if name in best[2]:
                continue
            setting = (best[0], best[1], tuple(sorted((*best[2], name))))
            table[setting] = run(setting)
            line(setting)
            if table[setting][0] >= floor:
                best = setting
    print(f"  -> {field}: {show(best)}: {table[best][0]:.4f} ({table[best][1]:.0f} weights)", flush=True)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fields", nargs="*", default=[f for f in FIELDS if f != "name"] + ["name"])
    parser.add_argument("--sets", nargs="*", default=None)
    parser.add_argument("--cache", type=Path, default=None, help="Keep the collected candidates here (pickle).")
    parser.add_argument("--tolerance", type=float, default=0.0005)
    parser.add_argument("--no-families", action="store_true", help="Only C and the feature count.")
    args = parser.parse_args()

    started = time.monotonic()
    stories, examples, gold, protected = collected(args.cache, args.sets)
    print(f"{len(stories)} stories; candidates collected in {time.monotonic() - started:.0f}s", flush=True)
    # The stories whose record keeps an artist unless the artist decision drops it: from the current disciplines model.
    reaching = None
    if "artist" in args.fields:
        evaluate("disciplines", examples["disciplines"], stories, gold, protected, current("disciplines"))
        disc_limits = trainer.thresholds("disciplines", examples["disciplines"], gold, protected)
        reaching = trainer.reaching_stories(examples["disciplines"], disc_limits)

    chosen = {}
    for field in args.fields:
        chosen[field] = search(field, examples[field], stories, gold, protected, reaching, args)
    print(f"\nchosen ({time.monotonic() - started:.0f}s):")
    for field, setting in chosen.items():
        print(f"  {field:12s} {show(setting)}")


if __name__ == "__main__":
    main()
