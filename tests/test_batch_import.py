"""New stories are imported many per transaction, with multi-row writes.

The batch path must give the same catalogue as importing the stories one at a
time, must fall back to one story per transaction when anything in a batch
fails, and its number of queries must not grow with the number of stories.
"""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.generate_stories import write
from profiles import caching
from profiles.models import Artist, City, Exhibition, Story, Work
from tests.helpers import STORIES_DIR, run_command

pytestmark = pytest.mark.django_db

LIBRARY = STORIES_DIR / "library"


def jsonl(path, stories):
    path.write_text("".join(json.dumps({"id": source, "text": text}) + "\n" for source, text in stories), "utf-8")
    return path


def library_story(name):
    return (LIBRARY / name).read_text(encoding="utf-8")


def catalogue_snapshot():
    """The catalogue as comparable data: every row by its slug, relations by slug."""
    artists = {
        artist.slug: (
            artist.name,
            artist.story.source_name,
            artist.pronoun,
            artist.age,
            artist.birth_city.slug if artist.birth_city else None,
            sorted(artist.cities.values_list("slug", flat=True)),
            sorted(artist.disciplines.values_list("slug", flat=True)),
        )
        for artist in Artist.objects.select_related("story", "birth_city")
    }
    works = sorted(Work.objects.values_list("slug", "title", "kind", "artist__slug", "story__source_name"))
    exhibitions = {
        exhibition.slug: (
            exhibition.title,
            exhibition.venue,
            exhibition.city.slug if exhibition.city else None,
            exhibition.story.source_name,
            sorted(exhibition.artists.values_list("slug", flat=True)),
            sorted(exhibition.works.values_list("slug", flat=True)),
        )
        for exhibition in Exhibition.objects.select_related("city", "story")
    }
    stories = sorted(Story.objects.values_list("source_name", "slug", "artist__slug", "skipped_reason", "record"))
    stories = [(*row[:4], json.dumps(row[4], sort_keys=True)) for row in stories]
    cities = sorted(City.objects.values_list("slug", "name", "country_code", "latitude", "geonames_id"))
    return artists, works, exhibitions, stories, cities


def empty_catalogue():
    for model in (Exhibition, Work, Artist, Story, City):
        model.objects.all().delete()


def test_a_batch_gives_the_same_catalogue_as_one_story_at_a_time(tmp_path):
    from profiles.extraction import StoryExtractor
    from profiles.extraction.reader import read_stories
    from profiles.importing import StoryImporter

    stories = write(30, tmp_path / "stories.jsonl")
    with stories.open("a", encoding="utf-8") as extra:  # works, a skipped story, a shared artist
        for path in sorted(LIBRARY.glob("*.txt")):
            extra.write(json.dumps({"id": path.name, "text": path.read_text(encoding="utf-8")}) + "\n")
        extra.write(json.dumps({"id": "mara-again", "text": library_story("mara-quispe.txt")}) + "\n")
    out, err, status = run_command("loadstories", str(stories))
    assert status == 0, err
    assert "33 created, 0 updated, 0 unchanged, 1 skipped" in out
    assert Work.objects.exists()
    batched = catalogue_snapshot()

    empty_catalogue()
    importer, extractor = StoryImporter(), StoryExtractor()
    for story in read_stories([str(stories)]):
        importer.import_story(story, extractor.extract(story.text, source=story.source), known_new=True)

    assert catalogue_snapshot() == batched


def test_the_number_of_queries_does_not_grow_with_the_batch(tmp_path):
    lines = write(44, tmp_path / "all.jsonl").read_text("utf-8").splitlines(keepends=True)
    small, large = tmp_path / "small.jsonl", tmp_path / "large.jsonl"
    small.write_text("".join(lines[:4]), "utf-8")
    large.write_text("".join(lines[4:]), "utf-8")
    # Cities are created once per run, one INSERT each: import them first.
    run_command("loadstories", str(small))
    run_command("loadstories", str(large))
    for model in (Exhibition, Work, Artist, Story):
        model.objects.all().delete()

    with CaptureQueriesContext(connection) as small_queries:
        run_command("loadstories", str(small))
    with CaptureQueriesContext(connection) as large_queries:
        run_command("loadstories", str(large))

    assert Artist.objects.count() == 44
    # One story at a time this would be hundreds of queries. The only growth is
    # a multi-row INSERT split at the database's limit of query parameters.
    # (History of the imported state adds a constant few: rows, links and tags per model;
    # PostgreSQL takes one more for the batch's advisory locks. Shows are shared with stories
    # already imported: the batch's shows and venues are looked up by identity, and each
    # story's part in a show is a row of its own, three more. The generated stories' titled
    # works are found: their rows, links and history add a constant four.)
    assert len(small_queries) <= 36
    assert len(large_queries) <= len(small_queries) + 3


def test_stories_about_the_same_artist_in_one_batch_share_the_artist(tmp_path):
    mara = library_story("mara-quispe.txt")
    path = jsonl(tmp_path / "stories.jsonl", [("first", mara), ("second", mara + "\nShe still paints.\n")])

    out, err, status = run_command("loadstories", str(path))

    assert status == 0, err
    assert "2 created" in out
    artist = Artist.objects.get(name="Mara Quispe")
    assert set(artist.stories.values_list("source_name", flat=True)) == {"first", "second"}
    assert artist.story.source_name == "first"
    assert Work.objects.filter(title="Andean Light").count() == 2  # each story keeps its own records


def test_a_new_story_about_an_artist_already_in_the_catalogue_attaches(tmp_path):
    run_command("loadstories", str(LIBRARY / "mara-quispe.txt"))
    path = jsonl(
        tmp_path / "stories.jsonl",
        [("again", library_story("mara-quispe.txt")), ("olek", library_story("olek-brandt.txt"))],
    )

    out, err, status = run_command("loadstories", str(path))

    assert status == 0, err
    assert "2 created" in out
    assert Artist.objects.filter(name="Mara Quispe").count() == 1
    assert Artist.objects.get(name="Mara Quispe").stories.count() == 2
    assert Artist.objects.get(name="Olek Brandt").story.source_name == "olek"


def test_a_source_named_in_two_files_of_one_run_is_created_then_updated(tmp_path):
    # (Twice in one file, the second row is refused by the reader: tests/test_hostile_input.py.)
    mara = library_story("mara-quispe.txt")
    first = jsonl(tmp_path / "first.jsonl", [("mara", mara)])
    second = jsonl(tmp_path / "second.jsonl", [("mara", mara + "\nShe still paints.\n")])

    out, err, status = run_command("loadstories", str(first), str(second))

    assert status == 0, err
    assert "1 created, 1 updated" in out
    assert Story.objects.get().text.endswith("She still paints.\n")


def test_when_one_story_breaks_the_batch_the_others_are_still_imported(tmp_path, monkeypatch):
    from profiles.importing import rows

    exhibition_rows = rows.exhibition_rows

    def broken_for_olek(shared, story_text, artist, *args):
        if artist is not None and artist.name == "Olek Brandt":
            raise RuntimeError("disk on fire")
        return exhibition_rows(shared, story_text, artist, *args)

    monkeypatch.setattr(rows, "exhibition_rows", broken_for_olek)

    out, err, status = run_command("loadstories", str(LIBRARY))

    assert status == 1
    assert "olek-brandt.txt" in err
    assert "disk on fire" in err
    assert "2 created" not in out
    assert set(Artist.objects.values_list("name", flat=True)) == {"Mara Quispe"}
    assert set(Story.objects.values_list("source_name", flat=True)) == {"mara-quispe.txt", "ilse-baker.txt"}
    assert not Work.objects.filter(title="Iron Tide").exists()


def test_a_batch_invalidates_cached_aggregates():
    before = caching.version()

    run_command("loadstories", str(LIBRARY))

    assert caching.version() != before
