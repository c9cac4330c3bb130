"""scoring.py implements the measures of docs/record-format.md."""

import json

from profiles.extraction.scoring import format_scores, score


def test_perfect_and_imperfect_predictions(tmp_path):
    gold = {
        "source": "s.txt",
        "artist": {
            "name": "Ana Ruiz",
            "pronoun": "she",
            "age": None,
            "birth_city": {"name": "Lima", "country": "PE"},
            "disciplines": ["painting", "poetry"],
        },
        "cities": [{"name": "Lima", "country": "PE"}, {"name": "Cusco", "country": "PE"}],
        "exhibitions": [
            {"city": {"name": "Cusco", "country": "PE"}, "venue": None, "kind": "solo"},
            {"city": None, "venue": None, "kind": None},
        ],
        "works": [{"title": "Red Sea", "kind": "painting"}],
    }
    (tmp_path / "s.txt.json").write_text(json.dumps(gold), encoding="utf-8")
    assert score(tmp_path, [gold])["macro_f1"] == 1.0
    predicted = json.loads(json.dumps(gold))
    predicted["artist"]["disciplines"] = ["painting"]
    predicted["cities"][1]["name"] = "CUSCO"  # case-insensitive
    predicted["works"][0]["title"] = '"Red Sea"'  # quotes stripped
    result = score(tmp_path, [predicted])
    assert result["cities"] == 1.0
    assert result["works"] == 1.0
    assert result["artist.disciplines.recall"] == 0.5
    assert format_scores(result)[-1].startswith("macro F1:")


def test_missing_prediction(tmp_path):
    (tmp_path / "x.txt.json").write_text(
        json.dumps({"source": "x.txt", "artist": None, "cities": [], "exhibitions": [], "works": []}), encoding="utf-8"
    )
    result = score(tmp_path, [])
    assert result["missing"] == ["x.txt"]
