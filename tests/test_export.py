"""`manage.py exportcatalogue`: dumps of the catalogue as it now is, and their round trip through `loadstories`."""

import csv
import io
import json
import shutil

import pytest
from django.core.management import CommandError

from profiles.models import Artist, City, DeletedRecord, Exhibition, Story, Work
from tests.helpers import STORIES_DIR, build_catalogue, run_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(tmp_path):
    """The test library, imported by the real importer."""
    folder = tmp_path / "library"
    shutil.copytree(STORIES_DIR / "library", folder)
    out, err, status = run_command("loadstories", str(folder))
    assert status == 0, err
    return folder


def export(tmp_path, format="jsonl", name=None):
    path = tmp_path / (name or f"catalogue.{format}")
    out, err, status = run_command("exportcatalogue", "--format", format, "--output", str(path))
    assert status == 0, err
    return path


def rows(path):
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def empty_the_catalogue():
    DeletedRecord.objects.all().delete()
    Exhibition.objects.all().delete()
    Work.objects.all().delete()
    Story.objects.all().delete()
    Artist.objects.all().delete()
    City.objects.all().delete()


def test_json_lines_is_one_story_record_per_story_with_its_text(imported, tmp_path):
    lines = rows(export(tmp_path))
    assert [line["source"] for line in lines] == sorted(Story.objects.values_list("source_name", flat=True))
    first = lines[0]
    assert list(first)[:7] == ["source", "artist", "cities", "exhibitions", "works", "mentions", "skipped_reason"]
    story = Story.objects.get(source_name=first["id"])
    assert first["text"] == story.text
    for work in first["works"]:
        span = work["evidence"]
        assert work["title"] in story.text[span["start"] : span["end"]]
        assert 0 <= work["confidence"] <= 1
    assert all("url" not in mention for line in lines for mention in line["mentions"])


def test_editors_corrections_win_over_the_stored_record(imported, tmp_path):
    artist = Artist.objects.filter(works__isnull=False).first()
    artist.name, artist.age, artist.edited_fields = "Corrected Name", 77, ["name", "age"]
    artist.save()
    deleted, kept = list(artist.works.order_by("pk"))[:2] if artist.works.count() > 1 else (artist.works.get(), None)
    deleted.delete()
    if kept:
        Work.objects.filter(pk=kept.pk).update(title="A Corrected Title")
    line = next(row for row in rows(export(tmp_path)) if row["id"] == artist.story.source_name)
    assert line["artist"]["name"] == "Corrected Name"
    assert line["artist"]["age"] == 77
    titles = [work["title"] for work in line["works"]]
    assert deleted.title not in titles
    if kept:
        assert "A Corrected Title" in titles


def test_round_trip_export_import_export_gives_the_same_bytes(imported, tmp_path):
    artist = Artist.objects.filter(works__isnull=False, exhibitions__isnull=False).first()
    artist.pronoun, artist.birth_city = "they", City.objects.order_by("name").last()
    artist.save()
    Work.objects.filter(artist=artist).update(title="Renamed By An Editor", kind="film")
    Exhibition.objects.filter(artists=artist).update(venue="Corrected Hall", year=1999)
    first = export(tmp_path, name="first.jsonl").read_bytes()

    empty_the_catalogue()
    out, err, status = run_command("loadstories", "--records", str(tmp_path / "first.jsonl"))
    assert status == 0, err
    again = export(tmp_path, name="again.jsonl").read_bytes()

    assert again == first
    assert Artist.objects.filter(pronoun="they", works__title="Renamed By An Editor").exists()


def test_records_need_json_lines(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Aigerim painted.", encoding="utf-8")
    with pytest.raises(CommandError, match="--records reads .jsonl files only"):
        run_command("loadstories", "--records", str(story))


def test_a_malformed_record_row_fails_clearly_and_the_rest_import(imported, tmp_path):
    path = export(tmp_path)
    lines = path.read_text("utf-8").splitlines()
    empty_the_catalogue()
    broken = tmp_path / "broken.jsonl"
    broken.write_text("\n".join(["{not json", *lines[:2]]) + "\n", encoding="utf-8")
    out, err, status = run_command("loadstories", "--records", str(broken))
    assert status == 1
    assert "broken.jsonl:1: malformed JSON Lines row" in err
    assert Story.objects.count() == 2


def test_csv_has_one_row_per_story_with_links(db, tmp_path):
    catalogue = build_catalogue(3)
    table = list(csv.DictReader(io.StringIO(export(tmp_path, "csv").read_text("utf-8"))))
    assert len(table) == 3
    artist = catalogue["artists"][0]
    row = next(row for row in table if row["artist"] == artist.name)
    assert row["artist_url"].endswith(artist.get_absolute_url())
    assert row["story_url"].endswith(artist.story.get_absolute_url())
    assert row["birth_city"] == artist.birth_city.name
    assert row["works"] == "Work number 0"


def test_json_ld_is_one_schema_org_document(db, tmp_path):
    build_catalogue(3)
    document = json.loads(export(tmp_path, "jsonld").read_text("utf-8"))
    assert document["@context"] == "https://schema.org"
    assert len(document["@graph"]) == 3
    story = document["@graph"][0]
    assert story["@type"] == "ShortStory"
    assert story["about"]["@type"] == "Person"
    assert story["about"]["subjectOf"][0]["@type"] == "CreativeWork"


def test_standard_output_by_default(db):
    build_catalogue(2)
    out, err, status = run_command("exportcatalogue")
    assert status == 0
    assert len(out.splitlines()) == 2


def test_queries_grow_with_chunks_not_with_stories(db, tmp_path, django_assert_max_num_queries):
    build_catalogue(12)
    with django_assert_max_num_queries(40):
        run_command("exportcatalogue", "--chunk-size", "5", "--output", str(tmp_path / "out.jsonl"))


def test_an_output_that_is_a_directory_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="is a directory"):
        run_command("exportcatalogue", "--output", str(tmp_path))


def test_a_dry_run_of_records_reports_without_writing(imported, tmp_path):
    path = export(tmp_path)
    empty_the_catalogue()
    out, err, status = run_command("loadstories", "--records", "--dry-run", "--format", "json", str(path))
    assert status == 0, err
    printed = [json.loads(line) for line in out.splitlines()]
    assert [row["source"] for row in printed] == [row["source"] for row in rows(path)]
    assert {row["import"]["outcome"] for row in printed} <= {"created", "skipped"}
    assert not Story.objects.exists()
