"""python -m profiles.extraction prints one JSON record per story."""

import json

from profiles.extraction.__main__ import main


def test_cli_prints_json_lines(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Ana Ruiz paints in Lima. Ana Ruiz sold a painting.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("", encoding="utf-8")
    assert main([str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["source"] for r in records] == ["a.txt", "b.txt"]
    assert records[0]["artist"]["name"] == "Ana Ruiz"
