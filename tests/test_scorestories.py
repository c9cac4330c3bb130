"""`manage.py scorestories`: measuring the importer against gold records."""

import json

import pytest
from django.core.management import CommandError

from tests.helpers import STORIES_DIR, run_command

LIBRARY = STORIES_DIR / "library"


@pytest.fixture
def gold(tmp_path):
    folder = tmp_path / "gold"
    folder.mkdir()
    record = {
        "source": "olek-brandt.txt",
        "artist": {
            "name": "Olek Brandt",
            "pronoun": "he",
            "age": None,
            "birth_city": {"name": "Gdańsk", "country": "PL"},
            "disciplines": ["sculpture"],
        },
        "cities": [{"name": "Gdańsk", "country": "PL"}, {"name": "Warsaw", "country": "PL"}],
        "exhibitions": [
            {"city": {"name": "Warsaw", "country": "PL"}, "venue": "Zachęta National Gallery of Art", "kind": "group"}
        ],
        "works": [{"title": "Iron Tide", "kind": "sculpture"}],
    }
    (folder / "olek-brandt.txt.json").write_text(json.dumps(record), encoding="utf-8")
    return folder


def test_scores_every_field_and_writes_nothing(gold, db):
    from profiles.models import Story

    out, err, status = run_command("scorestories", "--json", str(gold), str(LIBRARY / "olek-brandt.txt"))

    result = json.loads(out)
    assert status == 0
    assert result["stories"] == 1
    assert result["missing"] == []
    assert result["artist.name"] == 1.0
    assert result["cities"] == 1.0
    assert 0 <= result["macro_f1"] <= 1
    assert not Story.objects.exists()


def test_misses_name_the_story_and_the_field(gold):
    record_path = gold / "olek-brandt.txt.json"
    record = json.loads(record_path.read_text(encoding="utf-8"))
    record["artist"]["age"] = 99
    record_path.write_text(json.dumps(record), encoding="utf-8")

    out, err, status = run_command("scorestories", "--misses", str(gold), str(LIBRARY / "olek-brandt.txt"))

    assert "olek-brandt.txt: artist.age: expected 99, got None" in out
    assert "macro F1:" in out


def test_a_threshold_fails_the_run(gold):
    out, err, status = run_command(
        "scorestories", "--min-macro-f1", "1.01", str(gold), str(LIBRARY / "olek-brandt.txt")
    )

    assert status == 1
    assert "below 1.010" in err


def test_a_folder_without_gold_records_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="not a folder of gold records"):
        run_command("scorestories", str(tmp_path), str(LIBRARY))


def test_registers_score_each_register_on_its_own_stories(gold, tmp_path):
    second = json.loads((gold / "olek-brandt.txt.json").read_text(encoding="utf-8"))
    second["source"] = "ilse-baker.txt"
    second["artist"]["name"] = "Somebody Else"
    (gold / "ilse-baker.txt.json").write_text(json.dumps(second), encoding="utf-8")
    registers = tmp_path / "registers.csv"
    registers.write_text("file,register\nolek-brandt.txt,narrative\nilse-baker.txt,obituary\n", encoding="utf-8")

    out, err, status = run_command(
        "scorestories",
        "--json",
        "--registers",
        str(registers),
        str(gold),
        str(LIBRARY / "olek-brandt.txt"),
        str(LIBRARY / "ilse-baker.txt"),
    )

    result = json.loads(out)
    assert result["stories"] == 2
    assert result["registers"]["narrative"]["stories"] == 1
    assert result["registers"]["narrative"]["artist.name"] == 1.0
    assert result["registers"]["obituary"]["artist.name"] == 0.0
    assert result["artist.name"] == 0.5


def test_registers_print_one_row_per_register(gold, tmp_path):
    registers = tmp_path / "registers.csv"
    registers.write_text("file,register\nolek-brandt.txt,wall-label\n", encoding="utf-8")

    out, err, status = run_command(
        "scorestories", "--registers", str(registers), str(gold), str(LIBRARY / "olek-brandt.txt")
    )

    rows = [line for line in out.splitlines() if " n=  1 " in line]
    assert [row.split()[0] for row in rows] == ["all", "wall-label"]
    assert "name=1.00" in rows[1]


def test_a_registers_file_without_its_columns_is_an_error(gold, tmp_path):
    registers = tmp_path / "registers.csv"
    registers.write_text("story,kind\nolek-brandt.txt,narrative\n", encoding="utf-8")

    with pytest.raises(CommandError, match="needs the columns file and register"):
        run_command("scorestories", "--registers", str(registers), str(gold), str(LIBRARY / "olek-brandt.txt"))
