"""Train the learned decision layer (data/decisions.json) on the labelled stories.

``manage.py trainextractor`` runs :func:`train`.  Deterministic: the stories
are read in sorted order, folds are whole sets assigned by size, the
solver is deterministic, and the weights are rounded before they are written.

1. Every story runs through the extractor with ``collect`` set: each stage's
   candidates (:mod:`.candidates`), labelled right or wrong by matching their
   scoring keys (scoring.py) against the story's gold record.
2. Five folds grouped by set (by writer): a logistic regression per field is trained
   on four folds and scores the fifth, so every story gets out-of-fold scores from a
   model that never saw its writer's stories.
   The name comes first: the other fields' candidates are collected again for
   the person its out-of-fold decision names, as extraction would name them
   (the rules' choice, or nobody, would give other candidates than inference sees).
3. A Platt scaling per field, fitted on those out-of-fold scores, makes them
   probabilities; the report's calibration and review figures use them.
4. Every story is extracted again with its own fold's model (never one trained
   on it) and scored, next to the rules-only records: the cross-validated scores.
5. The model trained on every story is written, with the Platt scalings.

scikit-learn is needed here only; extraction reads the JSON with plain Python.
"""

from __future__ import annotations

import csv
import json
import math
import zlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from .candidates import DECISIONS, FIELDS, Candidate
from .learned import MODEL_PATH, DecisionModel, FieldModel, decide
from .scoring import EXACT_FIELDS, SET_FIELDS, Counts, city_key, exhibition_keys, score, title_key
from .scoring import scorer_fold as fold

FOLDS = 5
MIN_FEATURE_COUNT = 2
REGULARISATION = 0.3  # scikit-learn's C
# Per field: the regularisation (C), the least count of examples a feature must be seen in, and the feature
# families (:func:`family`) left out, chosen by cross-validation grouped by writer with tools/capacity_grid.py:
# the smallest model that scores no worse than the one before (the words around a candidate, L2/L21/R1 and
# the like, are the families that fit a writer's wording).
FIELD_REGULARISATION = {
    "name": 3.0,
    "pronoun": 3.0,
    "age": 3.0,
    "birth_city": 3.0,
    "disciplines": 1.0,
    "cities": 1.0,
    "exhibitions": 1.0,
    "works": 1.0,
    "artist": 3.0,
}
FIELD_MIN_FEATURE_COUNT = {"name": 10, "pronoun": 10, "age": 10, "birth_city": 5, "artist": 10}
FIELD_DROPPED_FAMILIES = {
    "name": ("L2", "L21", "R1"),
    "age": ("L2", "LR", "R1"),
    "birth_city": ("L2", "L21", "R1", "R2", "R3", "ts"),
}
# The never-seen test sets: not read, not even listed.
NEVER = ("wide-cf", "wide-cg", "wide-ch", "wide-ci", "wide-cj", "wide-ck", "wide-cl", "wide-cm")


@dataclass(slots=True)
class LabelledStory:
    group: str  # the set's directory name
    name: str  # file name
    text: str
    gold: dict[str, Any]
    register: str
    fold: int = 0


def read_corpus(root: Path | str, sets: list[str] | None = None) -> list[LabelledStory]:
    """Every story with a gold record under ``root``/<set>/{stories,gold}, sorted by set and name."""
    root = Path(root)
    names = sets if sets is not None else sorted(p.name for p in root.iterdir() if p.is_dir() and p.name not in NEVER)
    stories = []
    for group in names:
        if group in NEVER:
            continue
        folder = root / group
        # (A set whose stories are loaded as they are, "library", keeps them beside its gold/.)
        texts = folder / "stories" if (folder / "stories").is_dir() else folder
        if not (folder / "gold").is_dir():
            continue
        registers: dict[str, str] = {}
        if (folder / "registers.csv").is_file():
            with open(folder / "registers.csv", encoding="utf-8", newline="") as handle:
                registers = {row["file"]: row["register"] for row in csv.DictReader(handle)}
        for path in sorted(texts.glob("*.txt")):
            gold_path = folder / "gold" / (path.name + ".json")
            if not gold_path.is_file():
                continue
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            story = LabelledStory(
                group, path.name, path.read_text(encoding="utf-8"), gold, registers.get(path.name, "")
            )
            story.fold = zlib.crc32(f"{group}/{path.name}".encode()) % FOLDS
            stories.append(story)
    _fold_by_set(stories)
    return stories


def _fold_by_set(stories: list[LabelledStory]) -> None:
    """Keep each set, one writer's stories, in one fold: balanced, largest set first, into the emptiest fold.

    Stories by one writer share their wording, so folds grouped by story let a model be scored on a
    writer it was trained on; the never-seen sets showed cross-validation gains that new writers did
    not see. With fewer sets than folds, the folds stay grouped by story.
    """
    sizes: dict[str, int] = defaultdict(int)
    for story in stories:
        sizes[story.group] += 1
    if len(sizes) < FOLDS:
        return
    load = [0] * FOLDS
    fold_of: dict[str, int] = {}
    for group in sorted(sizes, key=lambda g: (-sizes[g], g)):
        k = min(range(FOLDS), key=lambda f: (load[f], f))
        fold_of[group] = k
        load[k] += sizes[group]
    for story in stories:
        story.fold = fold_of[story.group]


# -- labels ------------------------------------------------------------------------------


def gold_keys(gold: dict[str, Any]) -> dict[str, Any]:
    artist = gold.get("artist") or None
    keys: dict[str, Any] = {"artist": artist is not None}
    if artist:
        keys["name"] = " ".join((artist.get("name") or "").split())
        keys["pronoun"] = artist.get("pronoun")
        keys["age"] = artist.get("age")
        keys["birth_city"] = city_key(artist.get("birth_city"))
        keys["disciplines"] = [fold(d) for d in artist.get("disciplines") or []]
    else:
        keys["disciplines"] = []
    keys["cities"] = [city_key(c) for c in gold.get("cities") or []]
    keys["exhibitions"] = exhibition_keys(gold)
    keys["works"] = [title_key(w.get("title")) for w in gold.get("works") or []]
    return keys


def label(field: str, key: Any, gold: dict[str, Any]) -> bool:
    """Is a candidate with scoring key ``key`` right for ``field``, per the gold record's keys?"""
    if field == "artist":
        return bool(gold["artist"]) == bool(key)
    if field in ("name", "pronoun", "age", "birth_city"):
        return bool(gold["artist"]) and gold[field] == key
    if field in ("disciplines", "exhibitions", "works") and not gold["artist"]:
        return False
    return key in gold[field]


# -- fitting -----------------------------------------------------------------------------


@dataclass(slots=True)
class Example:
    story: int  # index into the corpus
    candidate: Candidate
    label: bool


# Most conservative first: the rules' answer stands unless the model is fairly sure it is wrong
# (their unit-tested classes stay as they are).
DROP_GRID = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
ADD_GRID = (1.01, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.5)
MARGIN_GRID = (1.01, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1)
CHOOSE_ADD_GRID = (0.0, 0.2, 0.3, 0.4, 0.5)


# The sets the rules were written on, and the stories the project's own pages and tests load: a threshold that
# loses any of their facts is not taken.
PROTECTED = ("dev", "library")


def thresholds(
    field: str,
    examples: list[Example],
    gold: list[dict[str, Any]],
    protected: frozenset[int] = frozenset(),
    reaching: frozenset[int] | None = None,
) -> dict[str, Any]:
    """The decision thresholds that score best on out-of-fold probabilities (ties: the more conservative).

    ``gold`` holds each story's gold keys (:func:`gold_keys`); the candidates' probabilities are set.
    A setting that scores the ``protected`` stories worse than the most conservative one is skipped.
    ``reaching`` (the record-level "artist" decision only): the stories whose record keeps an artist
    unless that decision drops it; the others are skipped whatever it says.
    """
    how = DECISIONS[field]
    if how == "confirm":
        return {}
    by_story: dict[int, list[Candidate]] = defaultdict(list)
    for e in examples:
        by_story[e.story].append(e.candidate)
    if field == "artist":
        return _artist_threshold(by_story, gold, protected, reaching)
    if how == "choose":
        # add_at: how likely a candidate must be to name something where the rules found nothing (0: any)
        settings = [{"switch_margin": m, "add_at": a} for m in MARGIN_GRID for a in CHOOSE_ADD_GRID]
    else:
        settings = [{"drop_below": d, "add_at": a} for d in DROP_GRID for a in ADD_GRID]
    values, allowed = [], []
    floor = None
    for setting in settings:
        values.append(_value(field, by_story, gold, setting, range(len(gold))))
        kept_protected = _value(field, by_story, gold, setting, sorted(protected)) if protected else 0.0
        if floor is None:
            floor = kept_protected
        allowed.append(kept_protected >= floor - 1e-9)
    best = settings[_steady_grid(settings, values, allowed)]
    if how == "keep":
        best = _kind_thresholds(field, by_story, gold, protected, best)
    if field == "disciplines":
        best = dict(best, rescue_at=_rescue_at(by_story, gold, best))
    return best


def _value(
    field: str,
    by_story: dict[int, list[Candidate]],
    gold: list[dict[str, Any]],
    setting: dict[str, Any],
    indices: Any,
) -> float:
    """Accuracy (one-value fields) or F1 (lists) of the decisions under ``setting`` over the ``indices`` stories."""
    counts = Counts()
    right = 0
    total = 0
    for index in indices:
        keys = gold[index]
        total += 1
        kept = [c.key for c in decide(field, by_story.get(index, []), **setting)]
        if field in EXACT:
            value = kept[0] if kept else None
            right += bool(keys["artist"]) and keys.get(field) == value or (not keys["artist"] and value is None)
        else:
            counts.add(keys[field] if keys["artist"] or field == "cities" else [], kept)
    return right / max(1, total) if field in EXACT else counts.scores()[2]


# Fine grids: the threshold is the middle of the range of settings that score within the noise of the best,
# so that a retrain that moves a few probabilities does not move it from one end of that range to the other.
ARTIST_GRID = tuple(k / 100 for k in range(61))
BARE_GRID = (1.01, *(k / 100 for k in range(99, 59, -1)))
PLATEAU = 0.001  # share of the stories: settings this close to the best are as good


def _steady(values: Sequence[float], allowed: list[bool], slack: float, at: Callable[[int], float] = float) -> int:
    """The allowed setting within ``slack`` of the best nearest the middle of those, from the first to the
    last; ``at`` places a setting on its grid (by default its index)."""
    best = max(v for v, ok in zip(values, allowed, strict=True) if ok)
    good = [k for k, (v, ok) in enumerate(zip(values, allowed, strict=True)) if ok and v >= best - slack]
    return _nearest_middle(good, at)


def _nearest_middle(good: list[int], at: Callable[[int], float]) -> int:
    """Of ``good`` (ordered by ``at``), the one nearest the middle of the first and the last; ties: the lower."""
    middle = (at(good[0]) + at(good[-1])) / 2
    return min(good, key=lambda k: (abs(at(k) - middle), at(k)))


STEADY_SLACK = 0.001  # a field's figure (accuracy or F1): settings this close to the best are as good


def _steady_grid(settings: list[dict[str, float]], values: list[float], allowed: list[bool]) -> int:
    """The best setting, then each threshold in turn moved to the middle of its range within the noise of the best.

    The first best of a grid moves from one end of a flat range to the other when a retrain moves a few
    probabilities; the middle of the range does not.
    """
    index = max(
        (k for k in range(len(settings)) if allowed[k]), key=lambda k: (values[k] > values[0] + 1e-12, values[k], -k)
    )
    best = values[index]
    for name in settings[0]:
        others = {key: value for key, value in settings[index].items() if key != name}
        line = [k for k, s in enumerate(settings) if all(s[key] == value for key, value in others.items())]
        good = [k for k in line if allowed[k] and values[k] >= best - STEADY_SLACK]
        if good:
            at = {k: settings[k][name] for k in good}
            index = _nearest_middle(sorted(good, key=at.__getitem__), at.__getitem__)
    return index


# The "add" threshold of each kind of candidate the rules did not find (Candidate.kind), from the same fine
# steps: a kind seen fewer than KIND_MIN times keeps the field's ``add_at``.
KIND_GRID = (1.01, *(k / 100 for k in range(95, 25, -5)))
KIND_MIN = 100
KIND_PASSES = 2


def _kind_thresholds(
    field: str,
    by_story: dict[int, list[Candidate]],
    gold: list[dict[str, Any]],
    protected: frozenset[int],
    best: dict[str, Any],
) -> dict[str, Any]:
    """``best`` with an ``add_at_kind``: each kind's own threshold, the middle of those within the noise of the best.

    One shared threshold for every candidate the rules did not find is set by the kinds that need it high
    (a bare city), so the kinds that would pay lower (a venue with its city) are kept out with them. Each
    kind in turn is moved along the grid, the others held; twice round, as the F1 of one depends on the rest.
    """
    counts: dict[str, int] = defaultdict(int)
    for items in by_story.values():
        for c in items:
            if not c.rule and c.kind:
                counts[c.kind] += 1
    kinds = sorted(kind for kind, n in counts.items() if n >= KIND_MIN)
    if not kinds:
        return best
    chosen = dict.fromkeys(kinds, best["add_at"])
    everyone = range(len(gold))
    for _ in range(KIND_PASSES):
        for kind in kinds:
            trials = [dict(best, add_at_kind=dict(chosen, **{kind: value})) for value in KIND_GRID]
            values = [_value(field, by_story, gold, setting, everyone) for setting in trials]
            kept = [
                _value(field, by_story, gold, setting, sorted(protected)) if protected else 0.0 for setting in trials
            ]
            allowed = [k >= kept[0] - 1e-9 for k in kept]  # no protected story worse than adding none
            chosen[kind] = KIND_GRID[_steady(values, allowed, STEADY_SLACK, KIND_GRID.__getitem__)]
    return dict(best, add_at_kind=chosen)


def _artist_threshold(
    by_story: dict[int, list[Candidate]],
    gold: list[dict[str, Any]],
    protected: frozenset[int],
    reaching: frozenset[int] | None,
) -> dict[str, float]:
    """The probability below which a record's artist is dropped: the most right artist/no-artist calls.

    Counted over the stories that would keep an artist otherwise. Neither drops an artist of ``protected``
    nor keeps one of its stories about somebody else (as few as can be, when no setting does both).
    """
    stories = [k for k in sorted(by_story) if reaching is None or k in reaching]
    slack = PLATEAU * len(by_story)
    values, wrong = [], []
    for threshold in ARTIST_GRID:
        value = mistakes = 0
        for k in stories:
            keep = bool(decide("artist", by_story[k], drop_below=threshold))
            value += keep == gold[k]["artist"]
            mistakes += k in protected and keep != gold[k]["artist"]
        values.append(value)
        wrong.append(mistakes)
    best = ARTIST_GRID[_steady(values, [w == min(wrong) for w in wrong], slack)]
    # The stories no discipline reaches: an artist kept all the same from ``rescue_at`` (with no art form).
    bare = [k for k in sorted(by_story) if reaching is not None and k not in reaching]
    values, wrong = [], []
    for threshold in BARE_GRID:
        kept = [k for k in bare if max(c.probability for c in by_story[k]) >= threshold]
        wrong.append(sum(k in protected and not gold[k]["artist"] for k in kept))
        values.append(sum(not gold[k]["artist"] for k in bare) + sum(1 if gold[k]["artist"] else -1 for k in kept))
    rescue = BARE_GRID[_steady(values, [w == 0 for w in wrong], slack)] if bare else BARE_GRID[0]
    return {"drop_below": best, "add_at": 1.01, "rescue_at": rescue}


RESCUE_GRID = (1.01, 0.8, 0.7, 0.6, 0.55, 0.5, 0.45, 0.4)


def _rescue_at(by_story: dict[int, list[Candidate]], gold: list[dict[str, Any]], setting: dict[str, Any]) -> float:
    """The lowest probability at which a discipline the rules rejected keeps an artist the rules would drop.

    Scored per story: +1 when the gold record has an artist, -1 when it has none.
    """
    best, best_gain = 1.01, 0
    for rescue in RESCUE_GRID[1:]:
        gain = 0
        for index, items in by_story.items():
            if any(c.rule for c in items) or decide("disciplines", items, **setting):
                continue
            if max(c.probability for c in items) >= rescue:
                gain += 1 if gold[index]["artist"] else -1
        if gain > best_gain:
            best, best_gain = rescue, gain
    return best


EXACT = ("name", "pronoun", "age", "birth_city")


def family(feature: str) -> str:
    """A feature string's family: what comes before its first "=" ("L2=born" -> "L2", "c=he&rule=she" -> "c")."""
    return feature.split("=", 1)[0]


def fit_field(field: str, examples: list[Example]) -> tuple[float, dict[str, float]]:
    """:func:`fit` with the field's own regularisation, feature count and families."""
    return fit(
        examples,
        FIELD_REGULARISATION.get(field, REGULARISATION),
        FIELD_MIN_FEATURE_COUNT.get(field, MIN_FEATURE_COUNT),
        FIELD_DROPPED_FAMILIES.get(field, ()),
    )


def fit(
    examples: list[Example],
    regularisation: float = REGULARISATION,
    min_count: int = MIN_FEATURE_COUNT,
    dropped: tuple[str, ...] | frozenset[str] = (),
) -> tuple[float, dict[str, float]]:
    """A logistic regression over the feature strings: (bias, weights); ``regularisation`` is scikit-learn's C.

    Only features seen in ``min_count`` examples, and of no ``dropped`` family (:func:`family`), get a weight.
    """
    import numpy as np
    from scipy.sparse import csr_matrix  # type: ignore[import-untyped]
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    labels = [e.label for e in examples]
    if not examples or all(labels) or not any(labels):
        rate = (sum(labels) + 0.5) / (len(labels) + 1.0)
        return math.log(rate / (1 - rate)), {}
    counts: dict[str, int] = defaultdict(int)
    for e in examples:
        for f in set(e.candidate.features):
            counts[f] += 1
    dropped = frozenset(dropped)
    kept = sorted(f for f, n in counts.items() if n >= min_count and (not dropped or family(f) not in dropped))
    vocabulary = {f: k for k, f in enumerate(kept)}
    if not vocabulary:  # (a small corpus: no feature seen often enough) the base rate alone
        rate = (sum(labels) + 0.5) / (len(labels) + 1.0)
        return math.log(rate / (1 - rate)), {}
    rows, cols = [], []
    for i, e in enumerate(examples):
        for column in sorted({vocabulary[f] for f in e.candidate.features if f in vocabulary}):
            rows.append(i)
            cols.append(column)
    matrix = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(examples), len(vocabulary)))
    model = LogisticRegression(C=regularisation, solver="liblinear", max_iter=1000, random_state=0)
    model.fit(matrix, np.array(labels, dtype=int))
    names = sorted(vocabulary, key=vocabulary.__getitem__)
    weights = {
        name: round(float(w), 4) for name, w in zip(names, model.coef_[0], strict=True) if abs(round(float(w), 4)) > 0
    }
    return round(float(model.intercept_[0]), 4), weights


def platt(scores: list[float], labels: list[bool]) -> tuple[float, float]:
    """sigmoid(a * score + b) fitted to out-of-fold scores."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    if len(set(labels)) < 2:
        return 1.0, 0.0
    model = LogisticRegression(C=1e6, solver="lbfgs", max_iter=1000)
    model.fit(np.array(scores).reshape(-1, 1), np.array(labels, dtype=int))
    return round(float(model.coef_[0][0]), 4), round(float(model.intercept_[0]), 4)


def out_of_fold(
    examples: list[Example],
    stories: list[LabelledStory],
    raw: dict[int, float],
    fit_one: Callable[[list[Example]], tuple[float, dict[str, float]]],
) -> list[tuple[float, dict[str, float]]]:
    """Each fold's model, fitted by ``fit_one`` on the other folds; ``raw`` gets each example's out-of-fold score."""
    models = []
    for k in range(FOLDS):
        models.append(fit_one([e for e in examples if stories[e.story].fold != k]))
        for e in examples:
            if stories[e.story].fold == k:
                raw[id(e)] = _raw(*models[k], e.candidate.features)
    return models


def calibrate(examples: list[Example], raw: dict[int, float]) -> tuple[float, float]:
    """Platt scaling of the out-of-fold scores ``raw``; sets each candidate's probability with it."""
    scaling = platt([raw[id(e)] for e in examples], [e.label for e in examples])
    _set_probabilities(examples, raw, scaling)
    return scaling


def reaching_stories(discipline_examples: list[Example], limits: dict[str, Any]) -> frozenset[int]:
    """The stories whose record keeps an artist unless the artist decision drops it: a discipline is kept."""
    kept: dict[int, list[Candidate]] = defaultdict(list)
    for e in discipline_examples:
        kept[e.story].append(e.candidate)
    return frozenset(k for k, items in kept.items() if decide("disciplines", items, **limits))


def _set_probabilities(examples: list[Example], raw: dict[int, float], scaling: tuple[float, float]) -> None:
    a, b = scaling
    for e in examples:
        e.candidate.probability = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, a * raw[id(e)] + b))))


def _raw(bias: float, weights: dict[str, float], features: list[str]) -> float:
    return bias + sum(weights.get(f, 0.0) for f in features)


# -- figures -----------------------------------------------------------------------------


def fact_outcomes(record: dict[str, Any], gold: dict[str, Any]) -> list[tuple[float, bool]]:
    """(confidence, right) for every fact of a predicted record."""
    keys = gold_keys(gold)
    artist = record.get("artist")
    facts: list[tuple[float, bool]] = []
    if artist:
        evidence = artist.get("evidence") or {}
        values = {
            "name": " ".join((artist.get("name") or "").split()),
            "pronoun": artist.get("pronoun"),
            "age": artist.get("age"),
            "birth_city": city_key(artist.get("birth_city")),
        }
        for field, value in values.items():
            if value is not None and field in evidence:
                facts.append((evidence[field].get("confidence", 0.5), label(field, value, keys)))
        for name, span in (evidence.get("disciplines") or {}).items():
            facts.append((span.get("confidence", 0.5), label("disciplines", fold(name), keys)))
    for city in record.get("cities") or []:
        facts.append((city.get("confidence", 0.5), label("cities", city_key(city), keys)))
    exhibitions = [e for e in record.get("exhibitions") or [] if e.get("city") or e.get("venue")]
    for ex, key in zip(exhibitions, exhibition_keys({"exhibitions": exhibitions}), strict=True):
        facts.append((ex.get("confidence", 0.5), label("exhibitions", key, keys)))
    for work in record.get("works") or []:
        facts.append((work.get("confidence", 0.5), label("works", title_key(work.get("title")), keys)))
    return facts


def calibration(facts: list[tuple[float, bool]], bins: int = 10) -> dict[str, float]:
    """Expected calibration error, and the share of wrong facts among the least confident 15%."""
    if not facts:
        return {"facts": 0, "wrong": 0, "ece": 0.0, "review_15": 0.0}
    total = len(facts)
    ece = 0.0
    for b in range(bins):
        inside = [(p, ok) for p, ok in facts if min(bins - 1, int(p * bins)) == b]
        if inside:
            mean_p = sum(p for p, _ in inside) / len(inside)
            accuracy = sum(ok for _, ok in inside) / len(inside)
            ece += len(inside) / total * abs(mean_p - accuracy)
    ordered = sorted(facts, key=lambda item: item[0])
    wrong = sum(1 for _, ok in facts if not ok)
    reviewed = ordered[: math.ceil(0.15 * total)]
    found = sum(1 for _, ok in reviewed if not ok)
    return {
        "facts": total,
        "wrong": wrong,
        "ece": round(ece, 4),
        "review_15": round(found / wrong, 4) if wrong else 1.0,
    }


def _scores(stories: list[LabelledStory], records: dict[str, dict[str, Any]]) -> dict[str, Any]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        for s in stories:
            gold = dict(s.gold)
            gold["source"] = f"{s.group}__{s.name}"
            (Path(folder) / f"{s.group}__{s.name}.json").write_text(json.dumps(gold), encoding="utf-8")
        return score(folder, [dict(records[f"{s.group}/{s.name}"], source=f"{s.group}__{s.name}") for s in stories])


# -- the whole run -----------------------------------------------------------------------


def train(
    root: Path | str,
    *,
    output: Path | str | None = MODEL_PATH,
    sets: list[str] | None = None,
    extractor: Any = None,
    log: Callable[[str], None] = print,
    records: Path | str | None = None,
) -> dict[str, Any]:
    """Train, report cross-validated figures through ``log``, write the model; returns the model's JSON.

    ``records`` names a JSON-lines file for the cross-validated records, one per story, whose
    ``source`` is ``SET/stories/FILE``: scored against a set's gold or read beside it, they show
    where the layer is wrong on stories it was not trained on.
    """
    from .extractor import StoryExtractor

    stories = read_corpus(root, sets)
    extractor = extractor or StoryExtractor(decisions=None)
    saved = extractor.decisions, extractor.collect
    log(f"{len(stories)} labelled stories in {len(sorted({s.group for s in stories}))} sets")
    try:
        collected = collect(stories, extractor)
        examples, rules_records, raw = collected.examples, collected.rules_records, collected.raw
        name_weights, scalings, name_limits = collected.name_weights, collected.scalings, collected.name_limits
        every_gold, protected = collected.gold, collected.protected

        by_field = {"name": name_weights}
        for field in FIELDS:
            if field != "name":
                by_field[field] = out_of_fold(examples[field], stories, raw, partial(fit_field, field))
        fold_weights = [{field: by_field[field][k] for field in FIELDS} for k in range(FOLDS)]

        # 3. calibration, then the decision thresholds.
        for field in FIELDS:
            if field != "name":
                scalings[field] = calibrate(examples[field], raw)
        limits = {
            field: thresholds(field, examples[field], every_gold, protected)
            for field in FIELDS
            if field not in ("artist", "name")
        }
        limits["name"] = name_limits
        reaching = reaching_stories(examples["disciplines"], limits["disciplines"])
        limits["artist"] = thresholds("artist", examples["artist"], every_gold, protected, reaching)
        log("thresholds: " + "; ".join(f"{f} {limits[f]}" for f in FIELDS if limits[f]))

        # 4. cross-validated records.
        learned_records: dict[str, dict[str, Any]] = {}
        for k in range(FOLDS):
            extractor.decisions = DecisionModel(
                {f: FieldModel(b, w, scalings[f], **limits[f]) for f, (b, w) in fold_weights[k].items()}
            )
            for s in stories:
                if s.fold == k:
                    learned_records[f"{s.group}/{s.name}"] = extractor.extract(s.text, s.name)
    finally:
        extractor.decisions, extractor.collect = saved
    _report(stories, rules_records, learned_records, log)
    if records is not None:
        with open(records, "w", encoding="utf-8") as handle:
            for s in stories:
                record = dict(learned_records[f"{s.group}/{s.name}"], source=f"{s.group}/stories/{s.name}")
                handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        log(f"wrote the cross-validated records to {records}")

    # 5. the model trained on everything.
    trained: dict[str, Any] = {}
    for field in FIELDS:
        bias, weights = fit_field(field, examples[field])
        trained[field] = {"bias": bias, "platt": list(scalings[field]), "weights": dict(sorted(weights.items()))}
        trained[field].update(limits[field])
    model = {
        "about": "The extractor's learned decision layer, written by manage.py trainextractor (extraction/trainer.py).",
        "version": 1,
        "stories": len(stories),
        "sets": sorted({s.group for s in stories}),
        "fields": trained,
    }
    if output is not None:
        Path(output).write_text(dump(model), encoding="utf-8")
        log(f"wrote {output}")
    return model


@dataclass(slots=True)
class Collected:
    """Steps 1 and 2 of :func:`train`: every field's labelled candidates, and the name's out-of-fold model."""

    examples: dict[str, list[Example]]
    rules_records: dict[str, dict[str, Any]]
    raw: dict[int, float]  # id(example) -> out-of-fold score (the name's)
    name_weights: list[tuple[float, dict[str, float]]]
    scalings: dict[str, tuple[float, float]]
    name_limits: dict[str, float]
    gold: list[dict[str, Any]]
    protected: frozenset[int]


def collect(stories: list[LabelledStory], extractor: Any) -> Collected:
    """Extract every story: the rules-only records, and each field's candidates labelled against the gold.

    The name comes first: the other fields' candidates hang on whom the record names, so they are
    collected for the person the learned name decision picks (out of fold), as at extraction, not
    for the rules' choice. Leaves ``extractor`` without decisions and not collecting.
    """
    examples: dict[str, list[Example]] = {field: [] for field in FIELDS}
    rules_records: dict[str, dict[str, Any]] = {}
    extractor.decisions, extractor.collect = None, False
    for s in stories:
        rules_records[f"{s.group}/{s.name}"] = extractor.extract(s.text, s.name)
    extractor.collect = True
    for index, s in enumerate(stories):
        extractor.extract(s.text, s.name)
        keys = gold_keys(s.gold)
        for c in extractor.last_candidates.get("name", []):
            examples["name"].append(Example(index, c, label("name", c.key, keys)))
    raw: dict[int, float] = {}
    name_weights = out_of_fold(examples["name"], stories, raw, lambda items: fit_field("name", items))
    scalings = {"name": calibrate(examples["name"], raw)}
    every_gold = [gold_keys(s.gold) for s in stories]
    protected = frozenset(k for k, s in enumerate(stories) if s.group in PROTECTED)
    name_limits = thresholds("name", examples["name"], every_gold, protected)
    for k in range(FOLDS):
        bias, weights = name_weights[k]
        name_model = FieldModel(
            bias,
            weights,
            scalings["name"],
            add_at=name_limits["add_at"],
            switch_margin=name_limits["switch_margin"],
        )
        extractor.decisions = DecisionModel({"name": name_model})
        for index, s in enumerate(stories):
            if s.fold != k:
                continue
            extractor.extract(s.text, s.name)
            keys = gold_keys(s.gold)
            for field, items in extractor.last_candidates.items():
                if field != "name":
                    for c in items:
                        examples[field].append(Example(index, c, label(field, c.key, keys)))
    examples = {field: sorted(items, key=lambda e: e.story) for field, items in examples.items()}
    extractor.decisions, extractor.collect = None, False
    return Collected(examples, rules_records, raw, name_weights, scalings, name_limits, every_gold, protected)


def dump(model: dict[str, Any]) -> str:
    return json.dumps(model, indent=0, sort_keys=True, ensure_ascii=False) + "\n"


def _report(
    stories: list[LabelledStory],
    rules: dict[str, dict[str, Any]],
    learned: dict[str, dict[str, Any]],
    log: Callable[[str], None],
) -> None:
    fields = EXACT_FIELDS + SET_FIELDS
    short = ["name", "pron", "age", "birth", "disc", "cities", "exh", "works"]
    log("cross-validated (5 folds grouped by set, i.e. by writer): rules only -> learned")
    log(f"{'group':28s} {'n':>4s}  {'macro F1':>13s}  " + " ".join(f"{s:>11s}" for s in short))
    groups: dict[str, list[LabelledStory]] = {"all": stories}
    for s in stories:
        groups.setdefault(s.group, []).append(s)
    for s in stories:
        if s.register:
            groups.setdefault(f"  {s.group}:{s.register}", []).append(s)
    for name, members in groups.items():
        a, b = _scores(members, rules), _scores(members, learned)
        cells = " ".join(f"{a[f]:.2f}->{b[f]:.2f}".rjust(11) for f in fields)
        log(f"{name:28s} {len(members):4d}  {a['macro_f1']:.3f}->{b['macro_f1']:.3f}  {cells}")
    facts = [f for s in stories for f in fact_outcomes(learned[f"{s.group}/{s.name}"], s.gold)]
    figures = calibration(facts)
    log(
        f"facts (out-of-fold): {figures['facts']}, wrong {figures['wrong']}; "
        f"reviewing the least confident 15% finds {figures['review_15']:.0%} of the wrong ones; "
        f"expected calibration error {figures['ece']:.3f}"
    )
