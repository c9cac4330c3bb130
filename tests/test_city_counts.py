"""Each city's artist counts are kept by triggers (profiles/city_counts.py): right after every kind of write."""

import shutil

import pytest
from django.db import connection

from profiles import city_counts
from profiles.merge import merge_records
from profiles.models import Artist, City, CityCount, Story, Venue
from tests.helpers import STORIES_DIR, build_big_catalogue, imported_catalogue, make_city, run_command, save_change

pytestmark = pytest.mark.django_db


def counts_from_rows():
    """{city name: (artists naming it, artists born there, exhibitions, venues)}, counted from the rows."""
    return {
        city.name: (city.artists.count(), city.artists_born.count(), city.exhibitions.count(), city.venues.count())
        for city in City.objects.all()
    }


def kept_counts():
    return {
        city.name: (city.artist_count, city.born_count, city.exhibition_count, city.venue_count)
        for city in City.objects.with_artist_counts(places=True)
    }


def artist_counts():
    """{city name: (artists naming it, artists born there)} as the pages read them."""
    return {name: counts[:2] for name, counts in kept_counts().items()}


def assert_counts_right():
    expected = counts_from_rows()
    assert any(any(pair) for pair in expected.values()), "nothing counted: the test would prove nothing"
    assert kept_counts() == expected


@pytest.fixture
def library(tmp_path):
    folder = tmp_path / "library"
    shutil.copytree(STORIES_DIR / "library", folder)
    return folder


def test_an_import_counts_its_cities(library):
    run_command("loadstories", str(library))

    assert_counts_right()
    assert artist_counts()["Cusco"] == (1, 1)


def test_a_changed_story_recounts_the_cities_it_drops_and_adds(library):
    run_command("loadstories", str(library))
    path = library / "mara-quispe.txt"
    text = path.read_text(encoding="utf-8")
    assert "Buenos Aires" in text
    path.write_text(text.replace("Buenos Aires", "Valparaíso"), encoding="utf-8")

    run_command("loadstories", str(library))

    assert_counts_right()
    assert artist_counts()["Buenos Aires"] == (0, 0)


def test_a_story_about_a_known_artist_counts_its_new_city_once(library, tmp_path):
    run_command("loadstories", str(library))
    more = tmp_path / "more.txt"
    more.write_text(
        "Olek Brandt returned to sculpture. His series *Harbour Bells* was shown in a solo exhibition in Kraków "
        "and later in Gdańsk.\n",
        encoding="utf-8",
    )

    run_command("loadstories", str(more))
    run_command("loadstories", str(more))

    assert_counts_right()


def test_bulk_inserts_are_counted():
    build_big_catalogue(40, city_count=6, tag_count=3)

    assert_counts_right()
    assert sorted(kept_counts().values()) == sorted(counts_from_rows().values())


def test_an_editors_change_of_cities_and_birth_city_is_counted(editor_client):
    almaty = imported_catalogue()["artist"]
    astana = make_city("Astana", "KZ", "Kazakhstan")
    shymkent = make_city("Shymkent", "KZ", "Kazakhstan")

    save_change(editor_client, almaty, birth_city=str(astana.pk), cities=[str(astana.pk), str(shymkent.pk)])

    assert_counts_right()
    assert artist_counts() == {"Almaty": (0, 0), "Astana": (1, 1), "Shymkent": (1, 0)}


def test_orm_edits_are_counted(artist):
    other = make_city("Shymkent", "KZ", "Kazakhstan")
    artist.cities.add(artist.birth_city, other)
    assert_counts_right()

    artist.birth_city = other
    artist.save()
    assert_counts_right()

    artist.cities.set([other])
    assert_counts_right()

    Artist.objects.filter(pk=artist.pk).update(birth_city=None)
    artist.cities.clear()
    Artist.objects.create(name="Someone Else", birth_city=other)
    assert_counts_right()
    assert artist_counts()["Shymkent"] == (0, 1)


def test_exhibitions_and_venues_are_counted_where_they_are():
    show = imported_catalogue()["exhibition"]
    almaty = show.city
    astana = make_city("Astana", "KZ", "Kazakhstan")
    Venue.objects.create(name="Kasteev Museum", city=show.city)
    assert_counts_right()

    show.city = astana
    show.save()
    Venue.objects.filter(city=almaty).update(city=astana)
    assert_counts_right()
    assert kept_counts()["Astana"][2:] == (1, Venue.objects.filter(city=astana).count())


def test_merging_cities_moves_their_counts():
    almaty = make_city("Almaty", "KZ", "Kazakhstan")
    alma_ata = make_city("Alma-Ata", "KZ", "Kazakhstan")
    one = Artist.objects.create(name="Aru One", birth_city=almaty)
    two = Artist.objects.create(name="Aru Two", birth_city=alma_ata)
    one.cities.add(almaty, alma_ata)
    two.cities.add(alma_ata)

    merge_records(almaty, [alma_ata])

    assert_counts_right()
    assert artist_counts() == {"Almaty": (2, 2)}


def test_merging_artists_counts_each_city_once():
    almaty = make_city("Almaty", "KZ", "Kazakhstan")
    astana = make_city("Astana", "KZ", "Kazakhstan")
    keep = Artist.objects.create(name="Aru Test", birth_city=almaty)
    duplicate = Artist.objects.create(name="Aru  Test", birth_city=almaty)
    keep.cities.add(almaty)
    duplicate.cities.add(almaty, astana)

    merge_records(keep, [duplicate])

    assert_counts_right()
    assert artist_counts() == {"Almaty": (1, 1), "Astana": (1, 0)}


def test_deletes_are_counted(library):
    run_command("loadstories", str(library))
    mara = Artist.objects.get(name="Mara Quispe")
    olek = Artist.objects.get(name="Olek Brandt")

    mara.delete()
    assert_counts_right()
    Story.objects.filter(artist=olek).delete()
    Artist.objects.filter(pk=olek.pk).delete()
    assert kept_counts() == counts_from_rows()
    assert set(artist_counts().values()) == {(0, 0)}


def test_deleting_a_city_takes_its_counts_row_with_it(artist):
    gone = artist.birth_city
    artist.cities.add(gone)

    gone.delete()

    assert not CityCount.objects.filter(city_id=gone.pk).exists()
    assert Artist.objects.get(pk=artist.pk).birth_city is None


def test_a_lost_trigger_is_put_back_and_the_counts_recounted(artist):
    """What happens after a migration rebuilt a table on SQLite (and what the migration does to existing rows)."""
    other = make_city("Shymkent", "KZ", "Kazakhstan")
    city_counts.uninstall(connection)
    artist.cities.add(artist.birth_city, other)
    assert artist_counts()[other.name] == (0, 0)

    city_counts.install(connection)

    assert_counts_right()
    artist.cities.remove(other)
    assert_counts_right()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (make test-postgres)")
def test_a_batch_holds_its_cities_count_rows_from_the_start():
    """Two import workers take a batch's count rows at once, in city order: neither can hold one the other waits for."""
    import psycopg
    from django.db import transaction

    first, second = make_city("Almaty", "KZ"), make_city("Bishkek", "KG")
    settings = connection.settings_dict
    other = psycopg.connect(
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        dbname=settings["NAME"],
        autocommit=True,
    )
    CityCount.objects.create(city=first)  # a row already there, and one the lock creates
    upsert = (
        f"INSERT INTO {city_counts.COUNTS} (city_id, artists, born, exhibitions, venues) VALUES (%s, 0, 0, 0, 0) "
        "ON CONFLICT (city_id) DO UPDATE SET born = 0"
    )
    try:
        other.execute("SET lock_timeout = '200ms'")
        with transaction.atomic():
            city_counts.lock([second.pk, first.pk])
            for city in (first, second):
                with pytest.raises(psycopg.errors.LockNotAvailable):
                    other.execute(upsert, [city.pk])
        other.execute(upsert, [second.pk])  # released with the transaction
    finally:
        other.close()
    assert CityCount.objects.filter(city__in=[first, second], artists=0, born=0).count() == 2
