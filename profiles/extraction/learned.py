"""The learned decision layer: weights from data/decisions.json score each candidate.

One logistic model per field (trained by :mod:`.trainer`, ``manage.py
trainextractor``): a candidate's score is the bias plus the weights of its
feature strings; a Platt scaling fitted on out-of-fold predictions turns the
score into a calibrated probability that the fact is right.  Plain Python at
run time (a dictionary look-up per feature), no scikit-learn, no pickle.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any

from .candidates import DECISIONS, Candidate, implied_disciplines

MODEL_PATH = Path(__file__).resolve().parent / "data" / "decisions.json"


@dataclass(slots=True)
class FieldModel:
    bias: float
    weights: dict[str, float]
    platt: tuple[float, float]  # probability = sigmoid(a * score + b)
    # The rules' own candidates are dropped below ``drop_below``; others are added from ``add_at``;
    # for a "choose" field another candidate replaces the rules' one when it is ``switch_margin`` more probable.
    drop_below: float = 0.5
    add_at: float = 0.5
    switch_margin: float = 0.0
    # Disciplines only: when the rules accept none (the artist would be dropped), the likeliest
    # rejected one is kept from ``rescue_at``.
    rescue_at: float = 1.01
    # A candidate the rules did not find, of a kind named here (Candidate.kind: a bare city, a venue with
    # its city ...), is added from its kind's threshold instead of ``add_at``.
    add_at_kind: dict[str, float] = field(default_factory=dict)

    def probability(self, features: list[str]) -> float:
        score = self.bias + sum(map(self.weights.get, features, repeat(0.0)))
        z = self.platt[0] * score + self.platt[1]
        if z < -30:
            return 0.0
        if z > 30:
            return 1.0
        return 1.0 / (1.0 + math.exp(-z))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FieldModel:
        platt = data.get("platt") or (1.0, 0.0)
        return cls(
            float(data["bias"]),
            dict(data["weights"]),
            (float(platt[0]), float(platt[1])),
            float(data.get("drop_below", 0.5)),
            float(data.get("add_at", 0.5)),
            float(data.get("switch_margin", 0.0)),
            float(data.get("rescue_at", 1.01)),
            {kind: float(value) for kind, value in (data.get("add_at_kind") or {}).items()},
        )


class DecisionModel:
    """Per-field models; :meth:`decide` keeps or chooses candidates and sets their probabilities."""

    def __init__(self, fields: dict[str, FieldModel]):
        self.fields = fields

    @classmethod
    def load(cls, path: Path | str = MODEL_PATH) -> DecisionModel | None:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return cls.from_json(data)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DecisionModel:
        return cls({name: FieldModel.from_json(value) for name, value in data["fields"].items()})

    def decide(self, field: str, candidates: list[Candidate]) -> list[Candidate]:
        """The candidates the record keeps, each with its ``probability``."""
        model = self.fields.get(field)
        if model is None:  # no model for the field: the rules decide, without a probability
            return [c for c in candidates if c.rule and c.key is not None]
        for c in candidates:
            c.probability = model.probability(c.features)
        return decide(
            field, candidates, model.drop_below, model.add_at, model.switch_margin, model.rescue_at, model.add_at_kind
        )


def decide(
    field: str,
    candidates: list[Candidate],
    drop_below: float = 0.5,
    add_at: float = 0.5,
    switch_margin: float = 0.0,
    rescue_at: float = 1.01,
    add_at_kind: dict[str, float] | None = None,
) -> list[Candidate]:
    """What the record keeps of ``candidates`` whose probabilities are set (see candidates.DECISIONS).

    ``add_at_kind``: for a "keep" field, the threshold from which a candidate the rules did not find is
    added, by its kind (Candidate.kind); ``add_at`` for the kinds it does not name.
    """
    how = DECISIONS[field]
    if how == "confirm":
        return [c for c in candidates if c.rule]
    if how == "choose":
        if not candidates:
            return []
        ruled = [c for c in candidates if c.rule]
        best = max(candidates, key=lambda c: (c.probability, c.rule))
        if ruled and best.probability < ruled[0].probability + switch_margin:
            best = ruled[0]
        elif ruled and ruled[0].key is None and best.probability < add_at:
            best = ruled[0]  # the rules found nobody: naming someone takes a likely candidate, as adding a fact does
        return [] if best.key is None else [best]
    kept = []
    groups: dict[int, list[Candidate]] = {}
    kinds = add_at_kind or {}
    for c in candidates:
        if c.group >= 0:
            groups.setdefault(c.group, []).append(c)
        elif c.probability >= (drop_below if c.rule else kinds.get(c.kind, add_at)):
            kept.append(c)
    for items in groups.values():
        # Alternatives to one rule candidate (an exhibition's city): the likeliest, if likely enough.
        ruled = [c for c in items if c.rule]
        alternative = max(
            (c for c in items if not c.rule and c.probability >= kinds.get(c.kind, add_at)),
            key=_probability,
            default=None,
        )
        if alternative is not None and (not ruled or alternative.probability > ruled[0].probability):
            kept.append(alternative)
        elif ruled and ruled[0].probability >= drop_below:
            kept.append(ruled[0])
    if groups:
        order = {id(c): k for k, c in enumerate(candidates)}
        kept.sort(key=lambda c: order[id(c)])
    if field == "disciplines" and not kept:
        # The rules' surest discipline stays: dropping them all would drop the artist.
        ruled = [c for c in candidates if c.rule]
        if ruled:
            kept = [max(ruled, key=lambda c: c.probability)]
        elif candidates:
            best = max(candidates, key=_probability)
            if best.probability >= rescue_at:
                kept = [best]
    if field == "disciplines":
        kept = implied_disciplines(kept, candidates)  # "oil painting" brings "painting"
    return kept


def _probability(candidate: Candidate) -> float:
    return candidate.probability
