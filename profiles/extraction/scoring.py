"""Score story records against gold records, as docs/record-format.md describes it.

Exact match per story for artist name, pronoun, age and birth city; micro
precision/recall/F1 for disciplines, cities, exhibitions (keyed by city name
and venue) and works (keyed by title); macro F1 is the mean of the eight field
scores.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from pathlib import Path

EXACT_FIELDS = ("artist.name", "artist.pronoun", "artist.age", "artist.birth_city")
SET_FIELDS = ("artist.disciplines", "cities", "exhibitions", "works")


def scorer_fold(text) -> str | None:
    """The shared scorer's folding, exactly: scores must equal the reference scorer's.

    It differs from ``textutil.fold`` (the catalogue's) on purpose: only the
    typographic apostrophe U+2019 is an apostrophe, and a missing value stays None.
    """
    if text is None:
        return None
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.replace("\u2019", "'").split()).casefold()


def city_key(city) -> tuple | None:
    if not city:
        return None
    return (scorer_fold(city.get("name")), (city.get("country") or "").upper())


def title_key(title) -> str | None:
    return scorer_fold((title or "").strip().strip("\"'\u201c\u201d\u2018\u2019*_"))


class Counts:
    """True/false positives and negatives over lists (a repeated item counts twice)."""

    def __init__(self):
        self.tp = self.fp = self.fn = 0

    def add(self, gold: Iterable, predicted: Iterable) -> None:
        remaining = list(predicted)
        for item in gold:
            if item in remaining:
                remaining.remove(item)
                self.tp += 1
            else:
                self.fn += 1
        self.fp += len(remaining)

    def scores(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def exhibition_keys(record: dict) -> list[tuple]:
    keys = []
    for ex in record.get("exhibitions") or []:
        city = city_key(ex.get("city"))
        venue = scorer_fold(ex.get("venue"))
        if city or venue:
            keys.append((city[0] if city else None, venue))
    return keys


def _artist(record: dict) -> dict:
    return record.get("artist") or {}


def load_gold(gold_dir) -> dict[str, dict]:
    gold = {}
    for path in sorted(Path(gold_dir).glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        gold[Path(record["source"]).name] = record
    return gold


def score(gold_dir, records: Iterable[dict]) -> dict:
    """Scores of ``records`` (dicts, matched to gold by ``source``) against ``gold_dir``."""
    return score_records(load_gold(gold_dir), records)


def score_records(gold: dict[str, dict], records: Iterable[dict]) -> dict:
    """Scores of ``records`` against gold records keyed by story file name (a part of a set, say)."""
    predicted = {Path(str(r.get("source", ""))).name: r for r in records}
    exact = dict.fromkeys(EXACT_FIELDS, 0)
    sets = {name: Counts() for name in SET_FIELDS}
    missing = []
    for source, g in gold.items():
        p = predicted.get(source)
        if p is None:
            missing.append(source)
            p = {}
        ga, pa = _artist(g), _artist(p)
        exact["artist.name"] += scorer_fold(ga.get("name")) == scorer_fold(pa.get("name")) and (
            " ".join((ga.get("name") or "").split()) == " ".join((pa.get("name") or "").split())
        )
        exact["artist.pronoun"] += ga.get("pronoun") == pa.get("pronoun")
        exact["artist.age"] += ga.get("age") == pa.get("age")
        exact["artist.birth_city"] += city_key(ga.get("birth_city")) == city_key(pa.get("birth_city"))
        sets["artist.disciplines"].add(
            set(map(scorer_fold, ga.get("disciplines") or [])), set(map(scorer_fold, pa.get("disciplines") or []))
        )
        sets["cities"].add({city_key(c) for c in g.get("cities") or []}, {city_key(c) for c in p.get("cities") or []})
        sets["exhibitions"].add(exhibition_keys(g), exhibition_keys(p))
        sets["works"].add(
            {title_key(w.get("title")) for w in g.get("works") or []},
            {title_key(w.get("title")) for w in p.get("works") or []},
        )
    n = len(gold) or 1
    result: dict = {"stories": len(gold), "missing": missing}
    for name, hits in exact.items():
        result[name] = round(hits / n, 4)
    for name, counts in sets.items():
        precision, recall, f1 = counts.scores()
        result[name] = round(f1, 4)
        result[name + ".precision"] = round(precision, 4)
        result[name + ".recall"] = round(recall, 4)
    fields = EXACT_FIELDS + SET_FIELDS
    result["macro_f1"] = round(sum(result[f] for f in fields) / len(fields), 4)
    return result


def format_row(label: str, result: dict) -> str:
    """One line: a label, its story count, macro F1 and every field (the learning-curve tables' rows)."""
    fields = " ".join(f"{name.removeprefix('artist.')}={result[name]:.2f}" for name in EXACT_FIELDS + SET_FIELDS)
    return f"{label:22s} n={result['stories']:3d}  macro F1 {result['macro_f1']:.3f}  {fields}"


def format_scores(result: dict) -> list[str]:
    """The scores, one line per field."""
    lines = [f"stories: {result['stories']}, without a prediction: {len(result['missing'])}"]
    for name in EXACT_FIELDS + SET_FIELDS:
        extra = ""
        if name + ".precision" in result:
            extra = f"  (P {result[name + '.precision']:.3f}, R {result[name + '.recall']:.3f})"
        lines.append(f"{name:22s} {result[name]:.3f}{extra}")
    lines.append(f"macro F1: {result['macro_f1']:.3f}")
    return lines
