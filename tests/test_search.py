"""Search uses the database's full-text index (GIN on PostgreSQL, FTS5 on SQLite) and finds the same rows on both."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from profiles.models import Artist, City, Exhibition, Work
from tests.helpers import build_catalogue, make_city, make_profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    return build_catalogue(6)


def names(queryset):
    return [artist.name for artist in queryset]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("0002 exam", ["Artist 0002 Example"]),
        ("ARTIST 0001", ["Artist 0001 Example"]),
        ("work number 4", ["Artist 0004 Example"]),
        ("gallery 3", ["Artist 0003 Example"]),
        ("tashkent", ["Artist 0001 Example", "Artist 0002 Example"]),
        ("kazakhstan", ["Artist 0000 Example", "Artist 0003 Example", "Artist 0004 Example", "Artist 0005 Example"]),
        ("nothing like this", []),
        ("rtist", []),  # words match from their start, not anywhere inside
        ("%", []),
        ("'; DROP TABLE profiles_artist; --", []),
    ],
)
def test_artist_search_finds_the_same_rows_on_every_database(catalogue, query, expected):
    assert sorted(names(Artist.objects.search(query))) == expected


def test_a_blank_query_keeps_every_artist(catalogue):
    assert Artist.objects.search("   ").count() == 6


def test_name_matches_rank_above_matches_through_a_relation(db):
    city = make_city("Almaty", "KZ", "Kazakhstan")
    other = make_city("Bishkek", "KG", "Kyrgyzstan")
    make_profile("Zhanna Almaty", birth_city=other, other_city=other, source_name="a.txt")
    make_profile("Aigerim Sadykova", birth_city=city, other_city=other, source_name="b.txt")
    assert names(Artist.objects.search("almaty")) == ["Zhanna Almaty", "Aigerim Sadykova"]


def test_rows_are_not_repeated_when_several_relations_match(catalogue):
    results = list(Artist.objects.search("example"))
    assert len(results) == len({artist.pk for artist in results}) == 6


def test_other_lists_search_their_own_fields(catalogue):
    assert [work.title for work in Work.objects.search("number 2")] == ["Work number 2"]
    assert Work.objects.search("0003 example").get().title == "Work number 3"
    assert {city.name for city in City.objects.search("kaz")} == {"Almaty", "Astana"}
    assert {e.venue for e in Exhibition.objects.search("gallery 5")} == {"Gallery 5"}
    assert Exhibition.objects.search("lisbon").count() == 1


def test_new_and_renamed_records_are_found_at_once(catalogue):
    artist = catalogue["artists"][0]
    artist.name = "Renamed Person"
    artist.save()
    assert names(Artist.objects.search("renamed")) == ["Renamed Person"]
    assert "Artist 0000 Example" not in names(Artist.objects.search("0000"))
    artist.delete()
    assert names(Artist.objects.search("renamed")) == []


def test_search_uses_the_full_text_index_not_a_like_scan(catalogue):
    with CaptureQueriesContext(connection) as queries:
        list(Artist.objects.search("tashkent"))
    sql = queries.captured_queries[0]["sql"]
    assert "LIKE" not in sql.upper()
    assert ("@@" in sql and "to_tsvector" in sql) if connection.vendor == "postgresql" else "MATCH" in sql


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN indexes are PostgreSQL's")
def test_postgresql_plans_use_the_gin_index(catalogue):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = Artist.objects.filter(
            pk__in=Artist.objects.search("tashkent").values("pk")
        ).query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "profiles_artist_search_idx" in plan
    assert "profiles_city_search_idx" in plan


def test_list_pages_search(client, catalogue):
    assert "Work number 2" in client.get("/works/", {"q": "number 2"}).content.decode()
    page = client.get("/cities/", {"q": "uzbek"}).content.decode()
    assert "Tashkent" in page
    assert "Lisbon" not in page
    assert client.get("/exhibitions/", {"q": "gallery 1"}).status_code == 200
