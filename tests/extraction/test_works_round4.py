"""Round 4 of works and disciplines (issue #13): training sees what extraction sees, and titles of shows.

The classes: the other fields' candidates hang on whom the record names, so the trainer collects them
for the learned name decision, not the rules' choice; a quoted title that an appositive or the words
before it call a show ('"Salt and Iron", a solo exhibition by ...', 'her first solo exhibition, X') whatever
stage found it; and the disciplines' thresholds, searched finely but never scoring the protected stories worse.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from profiles.extraction.candidates import Candidate
from profiles.extraction.trainer import Example, thresholds
from tests.helpers import extract_collecting

CORPUS = Path(__file__).resolve().parents[1] / "stories"


def _candidates(extractor, text, field):
    return extract_collecting(extractor, text)[1][field]


def _features(candidates, key):
    return next(c.features for c in candidates if c.key == key)


# -- shows' names among the title candidates ---------------------------------------------------------


def test_an_appositive_that_calls_the_title_a_show_is_a_feature(extractor):
    text = (
        'Stevenson Gallery announces "Salt and Iron", a solo exhibition by Lindiwe Dlamini. Dlamini is a '
        "painter born in Durban; she paints mining towns in oils."
    )
    features = _features(_candidates(extractor, text, "works"), "salt and iron")
    assert "exh_appos=True" in features


def test_a_work_with_a_plain_appositive_is_not_called_a_show(extractor):
    text = (
        'Lindiwe Dlamini is a painter born in Durban. Her painting "Salt and Iron", a view of a mine at '
        "dusk, hangs in the Johannesburg Art Gallery."
    )
    features = _features(_candidates(extractor, text, "works"), "salt and iron")
    assert "exh_appos=False" in features


def test_a_show_named_before_the_quote_is_told_whatever_stage_found_the_title(extractor):
    text = (
        "Lindiwe Dlamini is a painter born in Durban. She paints mining towns in oils. In 2019 came her first "
        "solo exhibition, Afterglow, at the Durban Art Gallery."
    )
    candidates = _candidates(extractor, text, "works")
    features = _features(candidates, "afterglow")
    assert "src=chunk" in features  # a capitalised run, not a title the rules found
    assert "exhibition_title=True" in features
    assert any(f.startswith("someone_else=") for f in features)


# -- training sees what extraction sees --------------------------------------------------------------


class _Watching:
    """The session's extractor, noting which decisions each collecting run had."""

    def __init__(self, extractor):
        self._extractor = extractor
        self.collected_with: list[tuple[str, ...]] = []

    def __getattr__(self, name):
        return getattr(self._extractor, name)

    def __setattr__(self, name, value):
        if name in ("_extractor", "collected_with"):
            object.__setattr__(self, name, value)
        else:
            setattr(self._extractor, name, value)

    def extract(self, text, source=""):
        if self._extractor.collect:
            decisions = self._extractor.decisions
            self.collected_with.append(tuple(sorted(decisions.fields)) if decisions else ())
        return self._extractor.extract(text, source)


def test_other_fields_are_collected_for_the_learned_name(extractor, tmp_path):
    """Stories where only the learned name finds the artist give the works model examples too."""
    from profiles.extraction.trainer import train

    for part in ("stories", "gold"):
        (tmp_path / "dev" / part).mkdir(parents=True)
    names = sorted(p.name for p in (CORPUS / "dev" / "stories").glob("d*.txt"))[:6]
    for name in names:
        shutil.copy(CORPUS / "dev" / "stories" / name, tmp_path / "dev" / "stories" / name)
        shutil.copy(CORPUS / "dev" / "gold" / f"{name}.json", tmp_path / "dev" / "gold" / f"{name}.json")
    watching = _Watching(extractor)
    saved = extractor.decisions
    train(tmp_path, output=None, extractor=watching, log=lambda line: None)
    assert extractor.decisions is saved
    assert not extractor.collect
    assert ("name",) in watching.collected_with  # a collecting run decided the name with the name model
    assert watching.collected_with.count(("name",)) == len(names)


# -- the disciplines' thresholds ------------------------------------------------------------------


def _discipline(key, probability, rule=False):
    c = Candidate("disciplines", key, None, [], rule)
    c.probability = probability
    return c


def test_no_discipline_threshold_scores_the_dev_stories_worse():
    """The dev stories (the record format's own examples) keep their score: a setting that adds a
    wrong dev discipline is not taken, however much it gains elsewhere."""
    gold = [{"artist": True, "disciplines": ["painting"]} for _ in range(6)]
    examples = [Example(0, _discipline("painting", 0.9, rule=True), True)]
    examples.append(Example(0, _discipline("music", 0.58), False))  # the dev story's one false cue
    for k in range(1, 6):
        examples.append(Example(k, _discipline("painting", 0.58), True))  # missed by the cues elsewhere
    chosen = thresholds("disciplines", examples, gold, protected=frozenset({0}))
    assert chosen["drop_below"] == 0.0
    assert chosen["add_at"] > 0.58
    assert thresholds("disciplines", examples, gold)["add_at"] <= 0.55  # unprotected, it would be taken


def test_a_rescue_threshold_below_one_half_is_tried():
    gold = [{"artist": True, "disciplines": ["painting"]} for _ in range(4)] + [{"artist": False, "disciplines": []}]
    examples = [Example(k, _discipline("painting", 0.46), True) for k in range(4)]
    examples.append(Example(4, _discipline("painting", 0.3), False))
    chosen = thresholds("disciplines", examples, gold)
    assert chosen["rescue_at"] == 0.45
