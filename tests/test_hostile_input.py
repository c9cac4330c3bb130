"""Careless and hostile input to `manage.py loadstories` (issue 12): each bad entry is
reported with its file (and line), the run goes on, the good stories are imported and
nothing of the bad one is written."""

import contextlib
import json
import os
import shutil
import tempfile
import unicodedata
from pathlib import Path

import pytest

from profiles.models import Artist, Story, Work
from tests.helpers import STORIES_DIR, run_command

pytestmark = pytest.mark.django_db

LIBRARY = STORIES_DIR / "library"
OLEK = (LIBRARY / "olek-brandt.txt").read_text(encoding="utf-8")
MARA = (LIBRARY / "mara-quispe.txt").read_text(encoding="utf-8")
NOBODY = 65534


@pytest.fixture
def library(tmp_path):
    """A private copy of the test stories (two about artists, one not)."""
    folder = tmp_path / "library"
    shutil.copytree(LIBRARY, folder)
    return folder


@contextlib.contextmanager
def unprivileged():
    """Run the block as an ordinary user: root reads every directory, whatever its mode.

    As root, only the effective user and group change (the saved ones stay root), so
    they can be given back afterwards.
    """
    if os.geteuid() != 0:
        yield
        return
    try:
        os.setegid(NOBODY)
        os.seteuid(NOBODY)
    except PermissionError:
        os.setegid(0)
        pytest.skip("running as root without the right to change the effective user")
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@pytest.fixture
def open_folder():
    """A folder an ordinary user may enter (pytest's own temporary folders are private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="hostile-"))
    folder.chmod(0o755)
    yield folder
    for path in folder.rglob("*"):
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(folder)


def no_traceback(err):
    assert "Traceback" not in err
    assert "Error(" not in err


# --- item 4: directories that cannot be walked ---------------------------------------------


def test_a_symlink_loop_is_reported_and_the_rest_imported(library):
    (library / "loop-a").symlink_to("loop-b")
    (library / "loop-b").symlink_to("loop-a")
    (library / "nested").mkdir()
    (library / "nested" / "up").symlink_to("..", target_is_directory=True)  # a loop for a walk that follows links

    out, err, status = run_command("loadstories", str(library))

    assert status == 1
    no_traceback(err)
    assert f"{library / 'loop-a'}: symbolic link loop" in err
    assert f"{library / 'loop-b'}: symbolic link loop" in err
    assert "2 created, 0 updated, 0 unchanged, 1 skipped, 2 failed" in err
    assert set(Artist.objects.values_list("name", flat=True)) == {"Mara Quispe", "Olek Brandt"}


def test_an_unreadable_subdirectory_is_reported_and_the_rest_imported(open_folder):
    # A real permission denial from the kernel: mode 000, read as an ordinary user (see unprivileged).
    (open_folder / "a-story.txt").write_text(OLEK, encoding="utf-8")
    locked = open_folder / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(MARA, encoding="utf-8")
    (open_folder / "z-story.txt").write_text(MARA.replace("Mara Quispe", "Rosa Quispe"), encoding="utf-8")
    locked.chmod(0o000)

    with unprivileged():
        out, err, status = run_command("loadstories", str(open_folder))

    assert status == 1
    no_traceback(err)
    assert f"{locked}: directory cannot be read (Permission denied)" in err
    assert "1 failed" in err
    assert set(Story.objects.values_list("source_name", flat=True)) == {"a-story.txt", "z-story.txt"}


def test_a_symlink_to_a_file_outside_the_directory_is_refused(library, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(MARA.replace("Mara Quispe", "Rosa Quispe"), encoding="utf-8")
    (library / "outside.txt").symlink_to(secret)
    (library / "alias.txt").symlink_to(library / "olek-brandt.txt")  # inside: fine

    out, err, status = run_command("loadstories", str(library))

    assert status == 1
    no_traceback(err)
    assert f"{library / 'outside.txt'}: symbolic link to a file outside {library}" in err
    assert str(secret) in err
    assert "1 failed" in err
    assert not Story.objects.filter(source_name="outside.txt").exists()
    assert not Artist.objects.filter(name="Rosa Quispe").exists()
    assert Story.objects.get(source_name="alias.txt").artist.name == "Olek Brandt"


# --- item 5: ids no database can hold -------------------------------------------------------


@pytest.mark.parametrize("bad_id", ["olek\u0000two", "olek\u001btwo", "olek\u0085two", "olek\ud800two"])
def test_a_json_lines_id_with_a_control_character_is_refused_at_read_time(tmp_path, bad_id):
    path = tmp_path / "rows.jsonl"
    rows = [{"id": "mara", "text": MARA}, {"id": bad_id, "text": OLEK}, {"id": "olek", "text": OLEK}]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")

    out, err, status = run_command("loadstories", str(path))

    assert status == 1
    no_traceback(err)
    assert f'{path}:2: malformed JSON Lines row: "id" contains U+{ord(bad_id[4]):04X}' in err
    assert "cannot be read" not in err
    assert set(Story.objects.values_list("source_name", flat=True)) == {"mara", "olek"}


@pytest.mark.parametrize(("bad_text", "message"), [("Olek\u0000 Brandt", "NUL"), ("Olek\udc00", "lone surrogate")])
def test_a_json_lines_text_no_database_can_store_is_refused(tmp_path, bad_text, message):
    path = tmp_path / "rows.jsonl"
    rows = [{"id": "bad", "text": bad_text + OLEK}, {"id": "mara", "text": MARA}]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")

    out, err, status = run_command("loadstories", str(path))

    assert status == 1
    no_traceback(err)
    assert f"{path}:1: " in err
    assert message in err
    assert list(Story.objects.values_list("source_name", flat=True)) == ["mara"]


# --- item 7: encodings ----------------------------------------------------------------------

DAWIT = (
    "Dawit Sørensen was born in Aarhus, Denmark. The painter's harbour murals made him known, "
    "and in 2012 he had a solo exhibition at the Kunsthal in Århus.\n"
)


def test_a_stray_byte_in_utf8_keeps_the_rest_utf8(tmp_path):
    path = tmp_path / "dawit.txt"
    data = DAWIT.encode("utf-8")
    path.write_bytes(data.replace(b"known", b"kn\xe9own", 1))

    out, err, status = run_command("loadstories", str(path))

    assert status == 0, err
    assert f"warning: {path}: 1 byte that is not UTF-8 replaced" in err
    assert Artist.objects.get().name == "Dawit Sørensen"
    assert "kn\ufffdown" in Story.objects.get().text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_decoded_with_a_warning(tmp_path, codec):
    path = tmp_path / "dawit.txt"
    path.write_bytes(DAWIT.encode(codec))

    out, err, status = run_command("loadstories", str(path))

    assert status == 0, err
    assert f"warning: {path}: decoded as UTF-16" in err
    assert Artist.objects.get().name == "Dawit Sørensen"


def test_binary_with_a_utf16_like_pattern_is_still_refused(tmp_path):
    path = tmp_path / "samples.txt"
    path.write_bytes(b"".join(n.to_bytes(2, "little") for n in range(0, 256)))  # 16-bit samples

    out, err, status = run_command("loadstories", str(path))

    assert status == 1
    no_traceback(err)
    assert f"{path}: binary content" in err
    assert not Story.objects.exists()


# --- item 6: one name, several spellings ----------------------------------------------------

ZOE = (
    "{name} was born in Malmö, Sweden. The painter's café murals made her name, and in 2010 "
    'she had a solo exhibition in Göteborg. Her painting "{title}" hangs in the town hall.\n'
)


def test_unicode_equivalent_names_make_one_artist(tmp_path):
    nfc = unicodedata.normalize("NFC", "Zoë Åberg")
    nfd = unicodedata.normalize("NFD", "Zoë Åberg")
    fullwidth = "\uff3a" + nfc[1:]
    assert len({nfc, nfd, fullwidth}) == 3
    for number, name in enumerate([nfc, nfd, fullwidth]):
        (tmp_path / f"zoe-{number}.txt").write_text(ZOE.format(name=name, title=f"Harbour {number}"), encoding="utf-8")

    out, err, status = run_command("loadstories", str(tmp_path))

    assert status == 0, err
    assert list(Artist.objects.values_list("name", flat=True)) == [nfc]
    assert Story.objects.count() == 3


# --- item 8: invisible characters -----------------------------------------------------------

INVISIBLE = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u200c\u200d\u2060\ufeff"


def test_bidirectional_and_zero_width_characters_are_stripped(tmp_path):
    path = tmp_path / "olek.txt"
    text = OLEK.replace("Olek Brandt", "Ol\u202eek\u200b Bra\u2066ndt\u2069").replace(
        "Iron Tide", "Iron\u200d Ti\ufeffde"
    )
    path.write_text(text, encoding="utf-8")

    out, err, status = run_command("loadstories", str(path))

    assert status == 0, err
    assert f"warning: {path}: removed" in err
    artist = Artist.objects.get()
    assert artist.name == "Olek Brandt"
    titles = list(Work.objects.values_list("title", flat=True))
    assert titles == ["Iron Tide"]
    stored = artist.name + "".join(titles) + Story.objects.get().text
    assert not set(stored) & set(INVISIBLE)


# --- item 9: one id twice in a file ---------------------------------------------------------


def test_the_same_id_twice_in_one_file_refuses_the_second(tmp_path):
    path = tmp_path / "rows.jsonl"
    rows = [
        {"id": "olek", "text": OLEK},
        {"id": "mara", "text": MARA},
        {"id": " olek ", "text": OLEK.replace("Olek Brandt", "Otto Brandt")},
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")

    out, err, status = run_command("loadstories", str(path))

    assert status == 1
    no_traceback(err)
    assert f'{path}:3: duplicate "id" "olek": line 1 has it already; this row is refused' in err
    assert "Otto" not in Story.objects.get(source_name="olek").text
    assert set(Artist.objects.values_list("name", flat=True)) == {"Olek Brandt", "Mara Quispe"}
