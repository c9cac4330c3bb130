"""The read stage alone: paths in, decoded stories or clear errors out."""

import json
import os
import sys
import unicodedata
from pathlib import Path

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


# --- hostile and careless input (issue 12) ----------------------------------------------------


def test_a_symlink_loop_becomes_an_error_and_the_walk_goes_on(tmp_path):
    (tmp_path / "a.txt").write_text("First story.", encoding="utf-8")
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    (tmp_path / "up").symlink_to(".", target_is_directory=True)  # not followed: its stories are read where they are
    (tmp_path / "z.txt").write_text("Last story.", encoding="utf-8")

    items = list(read_stories([tmp_path]))

    assert [(type(item).__name__, item.source) for item in items] == [
        ("StoryText", "a.txt"),
        ("StoryError", "loop.txt"),
        ("StoryText", "z.txt"),
    ]
    assert str(items[1]) == f"{tmp_path / 'loop.txt'}: symbolic link loop (it leads back to itself): not followed"


def test_a_directory_that_cannot_be_listed_becomes_an_error(tmp_path, monkeypatch):
    # The smallest OS call, patched: tests/test_hostile_input.py makes a real unreadable directory.
    (tmp_path / "a.txt").write_text("First story.", encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text("Hidden story.", encoding="utf-8")
    (tmp_path / "z.txt").write_text("Last story.", encoding="utf-8")
    scandir = os.scandir

    def refusing_scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing_scandir)

    items = list(read_stories([tmp_path]))

    assert [item.source for item in items] == ["a.txt", "locked", "z.txt"]
    assert str(items[1]) == (
        f"{tmp_path / 'locked'}: directory cannot be read (Permission denied); the stories in it were not imported"
    )


def test_symlinks_are_read_only_inside_the_directory(tmp_path):
    stories, elsewhere = tmp_path / "stories", tmp_path / "elsewhere"
    stories.mkdir()
    elsewhere.mkdir()
    (stories / "a.txt").write_text("A story.", encoding="utf-8")
    (elsewhere / "secret.txt").write_text("Not for the catalogue.", encoding="utf-8")
    (stories / "alias.txt").symlink_to("a.txt")
    (stories / "outside.txt").symlink_to(elsewhere / "secret.txt")
    (stories / "more").symlink_to(elsewhere, target_is_directory=True)
    (stories / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (stories / "notes.md").symlink_to(elsewhere / "secret.txt")  # not a story name: ignored, as ever

    items = {item.source: item for item in read_stories([stories])}

    assert set(items) == {"a.txt", "alias.txt", "outside.txt", "more", "gone.txt"}
    assert items["alias.txt"].text == "A story."
    assert (
        items["outside.txt"].message
        == f"symbolic link to a file outside {stories} ({elsewhere / 'secret.txt'}): refused"
    )
    assert items["more"].message == f"symbolic link to a directory outside {stories} ({elsewhere}): not followed"
    assert "symbolic link to a missing file" in items["gone.txt"].message


def test_a_broken_symlink_argument_is_refused_before_anything_is_read(tmp_path):
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    with pytest.raises(PathError, match="symbolic link that leads nowhere"):
        list(read_stories([tmp_path / "loop.txt"]))


def test_a_deep_directory_is_walked_without_recursion(tmp_path, monkeypatch):
    folder = tmp_path
    for _ in range(400):
        folder = folder / "d"
    folder.mkdir(parents=True)
    (folder / "deep.txt").write_text("A story at the bottom.", encoding="utf-8")
    monkeypatch.setattr(sys, "getrecursionlimit", sys.getrecursionlimit)  # restored afterwards
    sys.setrecursionlimit(300)  # a walk that recursed would need a frame per level
    try:
        (story,) = read_stories([tmp_path])
    finally:
        sys.setrecursionlimit(1000)

    assert story.source == "d/" * 400 + "deep.txt"


def test_a_file_name_that_is_not_utf8_becomes_an_error(tmp_path):
    path = tmp_path / os.fsdecode(b"caf\xe9.txt")
    path.write_text("A story.", encoding="utf-8")

    (in_directory,) = read_stories([tmp_path])
    (named,) = read_stories([path])

    for error in (in_directory, named):
        assert isinstance(error, StoryError)
        assert str(error) == f"{tmp_path}/caf\\xe9.txt: file name is not valid UTF-8; rename the file"
        str(error).encode("utf-8")  # printable


@pytest.mark.parametrize(
    ("data", "expected", "warning"),
    [
        (
            "Dawit Sørensen, mur\x00als".encode().replace(b"\x00", b"\xe9"),
            "Dawit Sørensen, mur\ufffdals",
            "1 byte that is",
        ),
        ("Zoë Åberg ö \x00\x00".encode().replace(b"\x00", b"\xff"), "Zoë Åberg ö \ufffd\ufffd", "2 bytes that are"),
        ("Café Zoë Åberg".encode("cp1252"), "Café Zoë Åberg", "Windows-1252"),
        ("Zoë Åberg\n".encode("utf-16-le"), "Zoë Åberg\n", "UTF-16 without a byte-order mark"),
        ("Zoë Åberg\n".encode("utf-16-be"), "Zoë Åberg\n", "UTF-16 without a byte-order mark"),
        ("Москва — Зоя\n".encode("utf-16-le"), "Москва — Зоя\n", "UTF-16 without a byte-order mark"),
    ],
)
def test_text_that_is_not_quite_utf8_is_decoded_with_a_warning(data, expected, warning):
    story = decode_story(data, source="s", origin="s")
    assert isinstance(story, StoryText), story
    assert story.text == expected
    assert warning in story.warnings[0]


@pytest.mark.parametrize(
    "data",
    [
        b"".join(n.to_bytes(2, "little") for n in range(256)),  # 16-bit samples: a UTF-16-like NUL pattern
        b"".join(n.to_bytes(2, "big") for n in range(256)),
        "Text".encode("utf-16-le") * 5 + b"\x00\xd8",  # UTF-16-like, but with a lone surrogate
        b"text\x00" * 20,  # NULs on both sides
    ],
)
def test_binary_content_is_still_refused(data):
    error = decode_story(data, source="s", origin="s")
    assert isinstance(error, StoryError)
    assert "binary content" in error.message


def test_text_is_put_in_one_spelling():
    nfd = unicodedata.normalize("NFD", "Zoë Åberg")
    story = decode_story(
        f"{nfd} and \uff3a\uff4f\uff45, \U0001d419oe, the \ufb01ne café.".encode(), source="s", origin="s"
    )
    assert story.text == "Zoë Åberg and Zoe, Zoe, the fine café."
    assert story.warnings == ("folded 5 letters in fullwidth or styled forms to plain letters",)
    assert not decode_story(f"{nfd}.".encode(), source="s", origin="s").warnings  # NFC is silent


def test_what_full_nfkc_would_damage_is_left_alone():
    text = "H₂O, 10 m², ½ a loaf, 1º piso, Wait…\u00a0«\u202fOui\u202f», 東京（日本），ＴＭ\u3000x™, ①"
    story = decode_story(text.encode(), source="s", origin="s")
    assert story.text == text.replace("ＴＭ", "TM")


def test_invisible_characters_are_removed_with_a_warning():
    text = "Ol\u202eek\u200b\ufeff Bra\u2066ndt\u2069 wo\u200cr\u2060ks\u200d, \u202aIron\u202c Tide."
    story = decode_story(text.encode(), source="s", origin="s")
    assert story.text == "Olek Brandt works, Iron Tide."
    assert story.warnings == ("removed 10 invisible characters (bidirectional controls, zero-width spaces or joiners)",)


@pytest.mark.parametrize("emoji", ["👨\u200d👩\u200d👧", "👩🏽\u200d🔬", "❤️\u200d🔥"])
def test_a_zero_width_joiner_between_emoji_is_kept(emoji):
    story = decode_story(f"Her sign: {emoji}.".encode(), source="s", origin="s")
    assert story.text == f"Her sign: {emoji}."
    assert not story.warnings


def test_only_invisible_characters_make_an_empty_story():
    error = decode_story("\u200b\u202e \n".encode(), source="s", origin="s")
    assert isinstance(error, StoryError)
    assert "empty story" in error.message


def test_json_lines_ids_and_texts_no_database_can_store_are_refused(tmp_path):
    path = tmp_path / "rows.jsonl"
    rows = [
        '{"id": "nul\\u0000id", "text": "A story."}',
        '{"id": "esc\\u001bid", "text": "A story."}',
        '{"id": "rlo\\u202eid", "text": "A story."}',
        '{"id": "surrogate\\ud800", "text": "A story."}',
        '{"id": "nul-text", "text": "A \\u0000 story."}',
        '{"id": "surrogate-text", "text": "A \\udc00 story."}',
        '{"id": "good", "text": "A story."}',
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")

    items = list(read_stories([path]))

    assert [type(item).__name__ for item in items] == ["StoryError"] * 6 + ["StoryText"]
    assert items[0].message == (
        'malformed JSON Lines row: "id" contains U+0000 at character 3 (a control or invisible character); '
        "ids must be plain printable text"
    )
    assert [item.message.split(" at ")[0] for item in items[1:4]] == [
        'malformed JSON Lines row: "id" contains U+001B',
        'malformed JSON Lines row: "id" contains U+202E',
        'malformed JSON Lines row: "id" contains U+D800',
    ]
    assert "NUL characters" in items[4].message
    assert items[5].message == "not valid Unicode: a lone surrogate ('\\udc00') at character 2"
    assert [item.origin for item in items] == [f"{path}:{number}" for number in range(1, 8)]


def test_a_repeated_json_lines_id_is_refused_naming_both_lines(tmp_path):
    path = tmp_path / "rows.jsonl"
    rows = [{"id": "a", "text": "First."}, {"id": "b", "text": "Other."}, {"id": " a", "text": "Second."}]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")

    first, other, second = read_stories([path])

    assert (first.source, first.text, other.source) == ("a", "First.", "b")
    assert str(second) == f'{path}:3: duplicate "id" "a": line 1 has it already; this row is refused'
