"""The learned decision layer: its committed model, its confidences, its contract."""

import json
from pathlib import Path

import pytest

from profiles.extraction.candidates import DECISIONS, FIELDS, STAGES, Candidate
from profiles.extraction.learned import MODEL_PATH, DecisionModel, FieldModel, decide
from profiles.extraction.story_record import Evidence, PlaceRef, StoryRecord

CORPUS = Path(__file__).resolve().parents[1] / "stories"

TEXT = (
    "Ines Calder is a 41-year-old painter born in Porto. She paints harbours in oils; she has done so since "
    "she was a child. "
    'Her series "Salt Light" was shown at the Galeria Quadrado Azul in Lisbon in 2019.'
)


def test_the_committed_model_is_what_the_trainer_reproduces(extractor):
    """`manage.py trainextractor` on the committed corpus writes the committed file, byte for byte."""
    from profiles.extraction.trainer import NEVER, dump, train

    lines = []
    model = train(CORPUS, output=None, extractor=extractor, log=lines.append)
    assert dump(model) == MODEL_PATH.read_text(encoding="utf-8")
    assert NEVER
    assert not set(NEVER) & set(model["sets"])
    assert {"wide-d", "wide-f", "wide-i"} <= set(model["sets"])
    assert any(line.startswith("all ") for line in lines)
    assert any("expected calibration error" in line for line in lines)


def test_every_fact_carries_a_confidence(extractor):
    record = extractor.extract(TEXT, "calder.txt")
    evidence = record["artist"]["evidence"]
    for field in ("name", "pronoun", "age", "birth_city"):
        assert 0.0 <= evidence[field]["confidence"] <= 1.0, field
    assert evidence["disciplines"]
    assert all(0.0 <= span["confidence"] <= 1.0 for span in evidence["disciplines"].values())
    for key in ("cities", "exhibitions", "works"):
        assert record[key], key
        assert all(0.0 <= item["confidence"] <= 1.0 for item in record[key]), key


def test_confidences_survive_a_round_trip_and_older_records_still_read(extractor):
    record = extractor.extract(TEXT, "calder.txt")
    assert StoryRecord.from_json(record, text_length=len(TEXT)).to_json() == record
    span = Evidence.from_json({"start": 0, "end": 5, "match": [0, 2]})
    assert span is not None  # an older record: no confidence, still evidence
    assert span.confidence is None
    assert Evidence.from_json({"start": 0, "end": 5, "confidence": 3})  # a bad confidence is dropped
    assert Evidence.from_json({"start": 0, "end": 5, "confidence": 3}).confidence is None
    assert PlaceRef.from_json({"name": "Porto", "country": "PT", "confidence": 0.9}).confidence == 0.9


def test_without_the_model_the_rules_decide(extractor):
    from profiles.extraction import StoryExtractor

    rules = StoryExtractor(decisions=None, gazetteer=extractor.gazetteer, lexicon=extractor.lexicon)
    record = rules.extract(TEXT, "calder.txt")
    assert record["artist"]["name"] == "Ines Calder"
    assert "confidence" not in record["artist"]["evidence"]["name"]


def test_every_field_has_a_stage_and_a_model():
    assert set(STAGES) == set(FIELDS) == set(DECISIONS)
    model = DecisionModel.load()
    assert model is not None
    assert set(model.fields) == set(FIELDS)
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert data["stories"] >= 300


def _candidate(key, probability, rule, group=-1):
    return Candidate("works", key, None, [], rule, probability, group)


@pytest.mark.parametrize(
    ("probability", "rule", "kept"),
    [(0.1, True, False), (0.2, True, True), (0.55, False, False), (0.7, False, True)],
)
def test_keep_thresholds(probability, rule, kept):
    result = decide("works", [_candidate("x", probability, rule)], drop_below=0.15, add_at=0.6)
    assert bool(result) is kept


def test_alternatives_of_a_group_replace_the_rules_candidate_only_when_likelier():
    ruled = _candidate(("", "venue"), 0.4, True, group=1)
    other = _candidate(("city", "venue"), 0.8, False, group=1)
    assert decide("exhibitions", [ruled, other], drop_below=0.15, add_at=0.6) == [other]
    other.probability = 0.5
    assert decide("exhibitions", [ruled, other], drop_below=0.15, add_at=0.6) == [ruled]


def test_choose_switches_only_past_the_margin():
    rule = Candidate("pronoun", "she", None, [], True, 0.5)
    other = Candidate("pronoun", "they", None, [], False, 0.8)
    assert decide("pronoun", [rule, other], switch_margin=0.2) == [other]
    assert decide("pronoun", [rule, other], switch_margin=0.5) == [rule]


def test_a_field_model_scores_with_its_weights_and_scaling():
    model = FieldModel(0.0, {"a": 2.0}, (1.0, 0.0))
    assert model.probability(["a"]) == pytest.approx(0.8808, abs=1e-4)
    assert model.probability([]) == 0.5


def test_trainextractor_writes_the_cross_validated_records(tmp_path):
    """`--records` writes one cross-validated record per story, named by set and file, beside the figures."""
    from tests.helpers import run_command

    path = tmp_path / "records.jsonl"
    out, err, status = run_command("trainextractor", "--sets", "dev", "heldout", "--dry-run", "--records", str(path))
    assert status == 0, err
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    sources = [line["source"] for line in lines]
    assert len(sources) == len(set(sources)) == 27 + 24
    assert all(source.startswith(("dev/stories/", "heldout/stories/")) for source in sources)
    assert all("artist" in line and "cities" in line for line in lines)
    assert f"wrote the cross-validated records to {path}" in out


def test_trainextractor_refuses_a_records_file_in_a_missing_folder(tmp_path):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="its folder does not exist"):
        call_command("trainextractor", "--sets", "dev", "--records", str(tmp_path / "no" / "r.jsonl"))


def test_a_field_may_be_fitted_less_regularised():
    """The works' model is fitted with a larger C than the others' (trainer.FIELD_REGULARISATION)."""
    from profiles.extraction.trainer import FIELD_REGULARISATION, REGULARISATION, Example, fit

    examples = [
        Example(k, Candidate("works", str(k), None, ["a"] if k % 4 else ["b"], False), bool(k % 4 and k % 7))
        for k in range(40)
    ]
    _, tight = fit(examples)
    _, loose = fit(examples, 10.0)
    assert abs(loose["a"]) > abs(tight["a"])
    assert FIELD_REGULARISATION["works"] > REGULARISATION


def test_a_field_s_model_may_leave_out_rare_features_and_whole_families():
    """A word seen around a few candidates, or a family of them (the words around a candidate), gets no weight."""
    from profiles.extraction.trainer import Example, family, fit

    examples = [
        Example(k, Candidate("age", k, None, [f"L1=w{k % 3}", f"R1=w{k % 13}", "form=digit"], False), bool(k % 3))
        for k in range(40)
    ]
    _, weights = fit(examples, 1.0, 5)
    assert any(f.startswith("L1=") for f in weights)
    assert not any(f.startswith("R1=") for f in weights)
    _, weights = fit(examples, 1.0, 2, ("L1",))
    assert not any(family(f) == "L1" for f in weights)
    assert any(family(f) == "R1" for f in weights)


def test_cross_validation_keeps_each_writer_s_set_in_one_fold_and_the_folds_balanced():
    """Scored out of fold means scored by a model that never saw the story's writer."""
    from collections import Counter

    from profiles.extraction.trainer import FOLDS, read_corpus

    stories = read_corpus(CORPUS)
    folds_of_set: dict[str, set[int]] = {}
    for story in stories:
        folds_of_set.setdefault(story.group, set()).add(story.fold)
    assert all(len(folds) == 1 for folds in folds_of_set.values())
    sizes = Counter(story.fold for story in stories)
    assert len(sizes) == FOLDS
    assert max(sizes.values()) <= 1.1 * min(sizes.values())


def test_with_fewer_sets_than_folds_the_folds_are_grouped_by_story():
    from profiles.extraction.trainer import read_corpus

    stories = read_corpus(CORPUS, ["dev", "heldout"])
    assert len({story.fold for story in stories}) > 2
