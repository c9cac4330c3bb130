"""One story, one artist, one address (issue 12 item 9): the same text under two ids, a run that
finds its story already stored by another, a renamed record's old address, crowded slugs."""

import json

import pytest

from profiles.importing import StoryImporter
from profiles.models import Artist, City, Exhibition, FormerAddress, SlugCounter, Story, Work, unique_slugs
from tests.helpers import STORIES_DIR, run_command

pytestmark = pytest.mark.django_db

OLEK = (STORIES_DIR / "library" / "olek-brandt.txt").read_text(encoding="utf-8")


def jsonl(path, rows):
    path.write_text("".join(json.dumps({"id": source, "text": text}) + "\n" for source, text in rows), "utf-8")
    return path


def test_the_same_text_under_two_ids_does_not_duplicate_the_artists_exhibitions(tmp_path, client):
    path = jsonl(tmp_path / "rows.jsonl", [("olek", OLEK), ("olek-again", OLEK)])

    out, err, status = run_command("loadstories", str(path))

    assert status == 0, err
    assert Story.objects.count() == 2
    artist = Artist.objects.get()
    assert artist.exhibitions.count() == Exhibition.objects.count() == 1
    page = client.get(artist.get_absolute_url()).content.decode()
    assert page.count(Exhibition.objects.get().get_absolute_url()) == 1


def test_a_second_story_of_the_artist_adds_only_its_new_exhibitions(tmp_path):
    more = OLEK + "\nIn 2022 he had a solo exhibition at the Arsenał Gallery in Białystok.\n"
    path = jsonl(tmp_path / "rows.jsonl", [("olek", OLEK), ("olek-later", more)])

    out, err, status = run_command("loadstories", str(path))

    assert status == 0, err
    venues = sorted(Artist.objects.get().exhibitions.values_list("venue", flat=True))
    assert len(venues) == 2
    assert len(set(venues)) == 2


def test_a_story_stored_by_another_run_meanwhile_is_unchanged_not_updated(tmp_path, monkeypatch):
    path = tmp_path / "olek.txt"
    path.write_text(OLEK, encoding="utf-8")
    run_command("loadstories", str(path))
    before = Story.objects.get().updated_at
    # What a second run sees when it read the stored hashes before the first one committed.
    monkeypatch.setattr(StoryImporter, "stored_hashes", staticmethod(lambda sources: {}))

    out, err, status = run_command("loadstories", str(path))

    assert status == 0, err
    assert "0 created, 0 updated, 1 unchanged" in out
    assert Story.objects.get().updated_at == before


# --- renamed records keep their old address ------------------------------------------------------


def test_a_renamed_artist_gets_a_new_slug_and_the_old_one_redirects(tmp_path, client):
    path = tmp_path / "olek.txt"
    path.write_text(OLEK, encoding="utf-8")
    run_command("loadstories", str(path))
    old_url = Artist.objects.get().get_absolute_url()

    path.write_text(OLEK.replace("Olek Brandt", "Oleksander Brandt"), encoding="utf-8")
    out, err, status = run_command("loadstories", str(path))

    assert status == 0, err
    artist = Artist.objects.get()
    assert artist.name == "Oleksander Brandt"
    assert artist.slug == "oleksander-brandt"
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == artist.get_absolute_url()
    assert client.get(artist.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("model", "make", "rename"),
    [
        (City, lambda: City.objects.create(name="Alma Ata", country_code="KZ"), {"name": "Almaty"}),
        (Work, None, {"title": "Iron Tides"}),
        (Exhibition, None, {"title": "Solo exhibition in Warsaw"}),
    ],
)
def test_every_renamed_record_redirects_from_its_old_slug(tmp_path, client, model, make, rename):
    if make is None:
        (tmp_path / "olek.txt").write_text(OLEK, encoding="utf-8")
        run_command("loadstories", str(tmp_path))
        record = model.objects.first()
    else:
        record = make()
    old_url = record.get_absolute_url()
    record = model.objects.get(pk=record.pk)
    for name, value in rename.items():
        setattr(record, name, value)
    record.save()

    assert record.get_absolute_url() != old_url
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == record.get_absolute_url()


def test_a_shared_exhibition_is_addressed_by_its_title_alone(tmp_path):
    """A show at a named venue belongs to every artist in it: its address names none of them."""
    (tmp_path / "olek.txt").write_text(OLEK, encoding="utf-8")
    run_command("loadstories", str(tmp_path))
    exhibition = Exhibition.objects.get()
    assert exhibition.slug == "group-exhibition-at-zacheta-national-gallery-of-art-warsaw"

    exhibition.title = "Solo exhibition in Warsaw"
    exhibition.save()

    assert exhibition.slug == "solo-exhibition-in-warsaw"


def test_an_exhibition_keeps_its_artists_name_in_a_new_slug(db):
    """Slugs made before shows were shared carry the artist's name after the title; a new title keeps it."""
    exhibition = Exhibition.objects.create(
        title="Group exhibition in Warsaw", slug="group-exhibition-in-warsaw-olek-brandt"
    )
    exhibition = Exhibition.objects.get(pk=exhibition.pk)

    exhibition.title = "Solo exhibition in Warsaw"
    exhibition.save()

    assert exhibition.slug == "solo-exhibition-in-warsaw-olek-brandt"


def test_a_record_saved_without_a_rename_keeps_its_slug(tmp_path):
    city = City.objects.create(name="Almaty", country_code="KZ")
    city = City.objects.get(pk=city.pk)
    city.latitude = 43.25
    city.save()

    assert city.slug == "almaty-kz"
    assert not FormerAddress.objects.exists()


def test_an_unknown_slug_is_still_404(client):
    assert client.get("/artists/nobody-at-all/").status_code == 404


# --- crowded slugs --------------------------------------------------------------------------------


def test_crowded_slugs_are_numbered_on_from_a_counter(tmp_path):
    City.objects.bulk_create([City(name=f"Blue {n}", country_code="XX", slug=f"blue-{n}") for n in range(2, 40)])
    City.objects.create(name="Blue", country_code="XX", slug="blue")

    first = unique_slugs(City, ["Blue", "Blue"])
    second = unique_slugs(City, ["Blue"])

    assert first == ["blue-40", "blue-41"]
    assert second == ["blue-42"]
    assert SlugCounter.objects.get(model="profiles.city", base="blue").next_number == 43


def test_a_crowded_slug_skips_numbers_taken_since_the_counter_moved():
    City.objects.bulk_create([City(name=f"Red {n}", country_code="XX", slug=f"red-{n}") for n in range(2, 12)])
    City.objects.create(name="Red", country_code="XX", slug="red")
    assert unique_slugs(City, ["Red"]) == ["red-12"]
    City.objects.create(name="Red 13", country_code="XX", slug="red-13")

    assert unique_slugs(City, ["Red", "Red"]) == ["red-14", "red-15"]
