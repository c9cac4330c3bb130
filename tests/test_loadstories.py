"""`manage.py loadstories`: importing, re-importing, dry runs and bad input."""

import io
import json
import os
import shutil
import subprocess
import sys

import pytest
from django.core.management import CommandError
from django.test import Client

from profiles.models import Artist, City, DeletedRecord, Exhibition, Story, Work
from tests.helpers import PROJECT_DIR, STORIES_DIR, run_command

pytestmark = pytest.mark.django_db

LIBRARY = STORIES_DIR / "library"


@pytest.fixture
def library(tmp_path):
    """A private copy of the test stories, free to change."""
    folder = tmp_path / "library"
    shutil.copytree(LIBRARY, folder)
    return folder


def summary(out, err):
    """The command's last line, wherever it went."""
    return (
        (out.strip().splitlines() or [""])[-1] if "stories:" in out or "story:" in out else err.strip().splitlines()[-1]
    )


# --- importing ---------------------------------------------------------------------


def test_imports_a_folder_of_stories(library):
    out, err, status = run_command("loadstories", str(library))

    assert status == 0, err
    assert "3 stories: 2 created, 0 updated, 0 unchanged, 1 skipped, 0 failed" in out
    assert set(Artist.objects.values_list("name", flat=True)) == {"Mara Quispe", "Olek Brandt"}
    mara = Artist.objects.get(name="Mara Quispe")
    assert mara.pronoun == "she"
    assert mara.age == 45
    assert (mara.birth_city.name, mara.birth_city.country_code) == ("Cusco", "PE")
    assert {"painting", "oil painting"} <= set(mara.disciplines.values_list("name", flat=True))
    assert {"Cusco", "Lima", "Santiago", "Buenos Aires"} <= set(mara.cities.values_list("name", flat=True))
    assert list(mara.works.values_list("title", flat=True)) == ["Andean Light"]
    assert mara.story.source_name == "mara-quispe.txt"
    assert Story.objects.get(source_name="mara-quispe.txt").artist == mara


def test_exhibitions_get_city_venue_kind_and_a_descriptive_title(library):
    run_command("loadstories", str(library))

    mara = Artist.objects.get(name="Mara Quispe")
    shows = {(e.city.name if e.city else None, e.venue, e.kind) for e in mara.exhibitions.all()}
    assert ("Lima", "Museo de Arte de Lima", "solo") in shows
    assert ("Santiago", None, "group") in shows
    assert ("Buenos Aires", None, "group") in shows
    group = Exhibition.objects.get(city__name="Buenos Aires")
    # A show with no venue is the artist's own: its title says whose, so lists can tell such shows apart.
    assert group.title == "Group exhibition in Buenos Aires of work by Mara Quispe"
    museum = Exhibition.objects.get(city__name="Lima")
    # A solo show is its artist's own too, even at a named venue: two artists' solo shows there stay two.
    assert museum.title == "Solo exhibition at Museo de Arte de Lima of work by Mara Quispe"
    assert museum.venue_record.name == "Museo de Arte de Lima"
    assert museum.venue_record.city.name == "Lima"
    assert "Buenos Aires" in group.description


def test_every_fact_keeps_its_evidence_sentence(library):
    run_command("loadstories", str(library))

    mara = Artist.objects.get(name="Mara Quispe")
    birth = mara.evidence_for("birth_city")
    assert "born in Cusco" in birth["text"]
    work = mara.works.get()
    assert "Andean Light" in work.evidence_for("title")["text"]
    story = mara.story
    assert story.record["artist"]["name"] == "Mara Quispe"
    # Mention links are built when the story page renders, never stored.
    assert not any("url" in mention for mention in story.record["mentions"])
    assert f'href="{mara.get_absolute_url()}"' in Client().get(story.get_absolute_url()).content.decode()


def test_a_story_not_about_an_artist_is_skipped_with_a_reason(library):
    out, err, status = run_command("loadstories", str(library / "ilse-baker.txt"))

    assert status == 0
    assert "ilse-baker.txt: skipped:" in out
    assert not Artist.objects.exists()
    assert Story.objects.get().skipped_reason


def test_cities_are_shared_between_stories(library, tmp_path):
    second = tmp_path / "second.txt"
    second.write_text(
        "Rosa Huaman was born in Cusco, Peru. The painter showed her canvases in a group exhibition in Lima.\n",
        encoding="utf-8",
    )
    run_command("loadstories", str(library), str(second))

    assert City.objects.filter(name="Cusco", country_code="PE").count() == 1
    assert City.objects.get(name="Cusco").artists_born.count() == 2


def test_no_path_imports_the_seeds():
    out, err, status = run_command("loadstories")

    assert status == 0, err
    assert Story.objects.count() == len(list((PROJECT_DIR / "seeds").glob("*.txt"))) == 3
    assert Artist.objects.count() == 3


def test_a_missing_path_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="no such file or directory"):
        run_command("loadstories", str(tmp_path / "nowhere"))


def test_an_unsupported_file_is_a_command_error(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("Not a story", encoding="utf-8")
    with pytest.raises(CommandError, match="not a story file"):
        run_command("loadstories", str(path))


def test_json_lines_rows_are_named_by_their_id(tmp_path):
    path = tmp_path / "batch.jsonl"
    text = (LIBRARY / "olek-brandt.txt").read_text(encoding="utf-8")
    path.write_text(json.dumps({"id": "olek", "text": text}) + "\n", encoding="utf-8")

    out, err, status = run_command("loadstories", str(path))

    assert status == 0, err
    assert Story.objects.get().source_name == "olek"
    assert Artist.objects.get().name == "Olek Brandt"


# --- re-importing ----------------------------------------------------------------------


def test_reimporting_the_same_text_is_a_quick_no_op(library, django_assert_max_num_queries):
    run_command("loadstories", str(library))
    before = {row.pk: row.updated_at for row in Artist.objects.all()}

    with django_assert_max_num_queries(3):
        out, err, status = run_command("loadstories", str(library))

    assert "3 stories: 0 created, 0 updated, 3 unchanged, 0 skipped, 0 failed" in out
    assert {row.pk: row.updated_at for row in Artist.objects.all()} == before


def test_changed_text_updates_records_in_place(library):
    run_command("loadstories", str(library))
    mara = Artist.objects.get(name="Mara Quispe")
    path = library / "mara-quispe.txt"
    text = path.read_text(encoding="utf-8")
    text = text.replace("a 45-year-old painter", "a 46-year-old painter")
    text = text.replace(
        "A year later her paintings were shown in group exhibitions in Santiago and Buenos Aires, "
        "alongside painters from across South America.",
        "A year later her paintings were shown in a group exhibition in Santiago.",
    )
    path.write_text(text, encoding="utf-8")

    out, err, status = run_command("loadstories", str(library))

    assert "1 updated" in out
    assert "2 unchanged" in out
    assert Artist.objects.filter(name="Mara Quispe").count() == 1
    mara.refresh_from_db()
    assert mara.age == 46
    assert not Exhibition.objects.filter(city__name="Buenos Aires").exists()
    assert Exhibition.objects.filter(city__name="Santiago", story=mara.story).count() == 1
    assert Work.objects.filter(title="Andean Light").count() == 1


def test_works_the_new_text_no_longer_names_are_removed(library):
    run_command("loadstories", str(library))
    path = library / "olek-brandt.txt"
    path.write_text(path.read_text(encoding="utf-8").replace('"Iron Tide"', "a wave"), encoding="utf-8")

    run_command("loadstories", str(library))

    assert not Work.objects.filter(title="Iron Tide").exists()


def test_a_story_about_a_known_artist_attaches_to_them(library, tmp_path):
    run_command("loadstories", str(library))
    more = tmp_path / "more.txt"
    more.write_text(
        "Olek Brandt returned to sculpture after a long winter. He welded a new series, *Harbour Bells*, "
        "which was shown in a solo exhibition in Kraków.\n",
        encoding="utf-8",
    )

    run_command("loadstories", str(more))

    olek = Artist.objects.get(name="Olek Brandt")
    assert olek.stories.count() == 2
    assert olek.story.source_name == "olek-brandt.txt"
    assert set(olek.works.values_list("title", flat=True)) == {"Iron Tide", "Harbour Bells"}
    assert "Kraków" in set(olek.cities.values_list("name", flat=True))


def test_fields_edited_by_hand_survive_a_changed_story(library):
    run_command("loadstories", str(library))
    mara = Artist.objects.get(name="Mara Quispe")
    mara.age = 44
    mara.edited_fields = ["age"]
    mara.is_edited = True
    mara.save()
    path = library / "mara-quispe.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("a 45-year-old", "a 47-year-old"), encoding="utf-8")

    out, err, status = run_command("loadstories", str(library), verbosity=2)

    mara.refresh_from_db()
    assert mara.age == 44
    assert "left alone" in out
    assert "age" in out


def test_a_record_an_editor_deleted_is_not_recreated(library):
    run_command("loadstories", str(library))
    work = Work.objects.get(title="Iron Tide")
    DeletedRecord.objects.create(story=work.story, record_type="work", import_key=work.import_key, label=work.title)
    work.delete()
    path = library / "olek-brandt.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nHe is still proud of it.\n", encoding="utf-8")

    out, err, status = run_command("loadstories", "--dry-run", str(library))
    assert "would leave alone: work 'Iron Tide'" in out
    run_command("loadstories", str(library))

    assert not Work.objects.filter(title="Iron Tide").exists()


def test_a_story_is_imported_whole_or_not_at_all(library, monkeypatch):
    from profiles.importing import rows

    def broken(self, *args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(rows, "exhibition_rows", broken)

    out, err, status = run_command("loadstories", str(library / "mara-quispe.txt"))

    assert status == 1
    assert "mara-quispe.txt" in err
    assert "disk on fire" in err
    assert not Story.objects.exists()
    assert not Artist.objects.exists()
    assert not Work.objects.exists()


# --- dry runs -----------------------------------------------------------------------------


def test_dry_run_json_prints_one_record_per_story_and_writes_nothing(library):
    out, err, status = run_command("loadstories", "--dry-run", "--format", "json", str(library))

    assert status == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [record["source"] for record in records] == ["ilse-baker.txt", "mara-quispe.txt", "olek-brandt.txt"]
    assert records[0]["artist"] is None
    assert records[1]["artist"]["name"] == "Mara Quispe"
    for record in records:
        assert {"source", "artist", "cities", "exhibitions", "works"} <= set(record)
    assert "Dry run, nothing written" in err
    assert not Story.objects.exists()
    assert not City.objects.exists()


def test_dry_run_text_reports_what_would_happen(library):
    out, err, status = run_command("loadstories", "--dry-run", str(library))

    assert "mara-quispe.txt: would be created: Mara Quispe" in out
    assert "Dry run, nothing written: 3 stories: 2 created" in out
    assert not Artist.objects.exists()


def test_json_format_needs_a_dry_run(library):
    with pytest.raises(CommandError, match="--dry-run"):
        run_command("loadstories", "--format", "json", str(library))


# --- bad input: a clear error naming the file, and nothing lost ------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty story"),
        (b"  \n\t\n  ", "empty story"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary content"),
        (b"Mara \x00\x00\x00 Quispe", "binary content"),
        (b"\xff\xfe\x00\xd8", "UTF-16"),
    ],
)
def test_bad_files_fail_clearly_and_the_rest_still_import(library, content, message):
    bad = library / "bad.txt"
    bad.write_bytes(content)

    out, err, status = run_command("loadstories", str(library))

    assert status == 1
    assert f"{bad}: " in err
    assert message in err
    assert "Traceback" not in err
    assert "2 created" in err
    assert "1 failed" in err
    assert Artist.objects.count() == 2
    assert not Story.objects.filter(source_name="bad.txt").exists()


def test_utf8_with_a_byte_order_mark_is_read(library):
    path = library / "olek-brandt.txt"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())

    out, err, status = run_command("loadstories", str(path))

    assert status == 0, err
    assert Artist.objects.get().name == "Olek Brandt"
    assert not Story.objects.get().text.startswith("\ufeff")


def test_windows_1252_text_is_decoded_with_a_warning(tmp_path):
    path = tmp_path / "latin.txt"
    text = (
        "Zoë Lindgren was born in Malmö, Sweden. The painter's café murals made her name, and in 2010 "
        "she had a solo exhibition in Göteborg.\n"
    )
    path.write_bytes(text.encode("cp1252"))

    out, err, status = run_command("loadstories", str(path))

    assert status == 0
    assert f"warning: {path}: not UTF-8" in err
    assert "Zoë Lindgren was born in Malmö" in Story.objects.get().text
    assert Artist.objects.get().name == "Zoë Lindgren"


def test_files_over_the_size_limit_are_refused(library):
    out, err, status = run_command("loadstories", "--max-bytes", "600", str(library))

    assert status == 1
    assert "mara-quispe.txt: file is 940 bytes, over the 600-byte limit" in err
    assert set(Artist.objects.values_list("name", flat=True)) == {"Olek Brandt"}


def test_malformed_json_lines_rows_are_named_by_file_and_line(tmp_path):
    path = tmp_path / "batch.jsonl"
    good = json.dumps({"id": "olek", "text": (LIBRARY / "olek-brandt.txt").read_text(encoding="utf-8")})
    path.write_text(
        "\n".join(
            [
                good,
                "{not json",
                json.dumps(["a", "list"]),
                json.dumps({"id": "", "text": "x"}),
                json.dumps({"id": "no-text"}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )

    out, err, status = run_command("loadstories", str(path))

    assert status == 1
    for line in (2, 3, 4, 5):
        assert f"{path}:{line}: malformed JSON Lines row" in err
    assert Story.objects.get().source_name == "olek"


def test_markup_in_a_story_is_stored_as_text(tmp_path, client):
    path = tmp_path / "markup.txt"
    path.write_text(
        "Lina <script>alert(1)</script> Moreau was born in Lyon, France. The painter showed "
        "*<b>Bold Night</b>* in a solo exhibition in Paris.\n",
        encoding="utf-8",
    )

    run_command("loadstories", str(path))

    story = Story.objects.get()
    assert "<script>alert(1)</script>" in story.text
    response = client.get(story.get_absolute_url())
    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;" in response.content


# --- exit status -------------------------------------------------------------------------------


def test_failed_stories_raise_a_command_error_with_status_1(library):
    from django.core.management import call_command

    (library / "bad.txt").write_bytes(b"")

    with pytest.raises(CommandError, match="1 failed") as failure:
        call_command("loadstories", "--dry-run", str(library / "bad.txt"), stdout=io.StringIO(), stderr=io.StringIO())

    assert failure.value.returncode == 1


def test_failed_stories_exit_with_status_1(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'none.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "tests.settings",
    }

    process = subprocess.run(
        [sys.executable, "manage.py", "loadstories", "--dry-run", str(tmp_path / "bad.txt")],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
    )

    assert process.returncode == 1
    assert "StoriesFailed: Dry run, nothing written: 1 story: 0 created" in process.stderr
    assert "Traceback" not in process.stderr


def test_extraction_ahead_in_worker_processes_changes_nothing(tmp_path):
    """``--jobs 2`` over several batches: the next batch is extracted while one is written, same output."""
    from bench.generate_stories import write

    corpus = write(100, tmp_path / "corpus.jsonl")
    runs = []
    for jobs in ("1", "2"):
        out, err, status = run_command(
            "loadstories", str(corpus), "--dry-run", "--format", "json", "--batch-size", "34", "--jobs", jobs
        )
        assert status == 0, err
        runs.append(out)
    assert runs[0] == runs[1]
    assert len(runs[0].splitlines()) == 100

    out, err, status = run_command("loadstories", str(corpus), "--batch-size", "34", "--jobs", "2")
    assert status == 0, err
    assert "100 stories: 100 created" in out
    assert sorted(Story.objects.values_list("source_name", flat=True)) == sorted(
        json.loads(line)["source"] for line in runs[0].splitlines()
    )
