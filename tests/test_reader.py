"""The read stage alone: paths in, decoded stories or clear errors out."""

import json

import pytest

from profiles.extraction.reader import PathError, StoryError, StoryText, decode_story, read_stories


def test_a_directory_is_read_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b.txt").write_text("Second story.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First story.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("Nested story.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("Not a story.", encoding="utf-8")

    stories = list(read_stories([tmp_path]))

    assert [story.source for story in stories] == ["a.txt", "b.txt", "sub/c.txt"]


def test_newlines_are_normalised_and_the_hash_follows_the_text():
    story = decode_story(b"One.\r\nTwo.\rThree.", source="s.txt", origin="s.txt")
    assert story.text == "One.\nTwo.\nThree."
    assert story.sha256 == decode_story(b"One.\nTwo.\nThree.", source="s.txt", origin="s.txt").sha256


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Zoë in Malmö".encode(), "Zoë in Malmö"),
        (b"\xef\xbb\xbfWith a BOM", "With a BOM"),
        ("UTF-16 story".encode("utf-16"), "UTF-16 story"),
        ("Café".encode("cp1252"), "Café"),
    ],
)
def test_text_encodings_are_decoded(data, expected):
    story = decode_story(data, source="s.txt", origin="s.txt")
    assert isinstance(story, StoryText)
    assert story.text == expected


def test_decoding_that_is_not_utf8_comes_with_a_warning():
    assert decode_story("Café".encode("cp1252"), source="s", origin="s").warnings
    assert not decode_story("Café".encode(), source="s", origin="s").warnings


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty story"),
        (b" \n ", "empty story"),
        (b"abc\x00def", "binary content"),
        (bytes(range(1, 9)) * 20 + b"text", "binary content"),
        (b"\x81\x8d\x8f\x90\x9d", "not UTF-8"),
    ],
)
def test_bad_bytes_become_errors_naming_the_origin(data, message):
    error = decode_story(data, source="bad.txt", origin="/stories/bad.txt")
    assert isinstance(error, StoryError)
    assert message in error.message
    assert str(error).startswith("/stories/bad.txt: ")


def test_a_stray_control_character_is_not_binary():
    story = decode_story(b"A story with one \x1b escape in it, otherwise plain.", source="s", origin="s")
    assert isinstance(story, StoryText)


def test_missing_paths_are_refused_before_anything_is_read(tmp_path):
    with pytest.raises(PathError, match="no such file"):
        list(read_stories([tmp_path / "missing.txt"]))


def test_json_lines_rows_are_read_one_at_a_time(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text(
        json.dumps({"id": "one", "text": "First."})
        + "\n\n"
        + "{oops\n"
        + json.dumps({"id": 7, "text": "Seven."})
        + "\n",
        encoding="utf-8",
    )

    items = list(read_stories([path]))

    assert [type(item).__name__ for item in items] == ["StoryText", "StoryError", "StoryText"]
    assert items[0].source == "one"
    assert items[1].origin == f"{path}:3"
    assert items[2].source == "7"


def test_an_over_long_json_lines_row_is_skipped_without_losing_the_next(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text(
        json.dumps({"id": "big", "text": "x" * 5000}) + "\n" + json.dumps({"id": "small", "text": "Small."}) + "\n",
        encoding="utf-8",
    )

    items = list(read_stories([path], max_bytes=1000))

    assert isinstance(items[0], StoryError)
    assert "over the 1,000-byte limit" in items[0].message
    assert items[1].source == "small"


def test_reading_is_lazy(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text("".join(json.dumps({"id": str(n), "text": "Story."}) + "\n" for n in range(1000)), encoding="utf-8")

    stories = read_stories([path])

    assert next(stories).source == "0"  # a generator: nothing else was read yet
