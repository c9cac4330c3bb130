"""The site-wide search (/search/?q=): a table of queries, each with the record it must find in its top 3,
over a small catalogue with accents, other names of cities, disciplines, tags, works, venues and stories.

The catalogue is built once for the module (inside a transaction rolled back at the end); every test
runs in its own savepoint on top of it. The same table runs on SQLite and on PostgreSQL.
"""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from profiles import site_search
from profiles.models import Artist, City
from profiles.search import CityName, add_city_names
from tests.helpers import make_profile

pytestmark = pytest.mark.django_db

CITIES = {
    # name: (country code, country name, GeoNames id)
    "Almaty": ("KZ", "Kazakhstan", 1526384),
    "Astana": ("KZ", "Kazakhstan", 1526273),
    "Bishkek": ("KG", "Kyrgyzstan", 1528675),
    "Tashkent": ("UZ", "Uzbekistan", 1512569),
    "Istanbul": ("TR", "Turkey", 745044),
    "Lisbon": ("PT", "Portugal", 2267057),
    "Mumbai": ("IN", "India", 1275339),
    "Beijing": ("CN", "China", 1816670),
    "Kyiv": ("UA", "Ukraine", 703448),
    "São Paulo": ("BR", "Brazil", 3448439),
    "Zürich": ("CH", "Switzerland", 2657896),
    "Kraków": ("PL", "Poland", 3094802),
    "Reykjavík": ("IS", "Iceland", 3413829),
}

ARTISTS = [
    # name, born, other city, disciplines, work, venue, tags, story file name
    (
        "Aigerim Sadykova",
        "Almaty",
        "Bishkek",
        ("painting", "drawing"),
        "Steppe Winds",
        "Kasteev Museum",
        ["kazakh folk"],
    ),
    ("Dawit Sørensen", "Reykjavík", "Lisbon", ("photography",), "Salt Light on the Harbour", "Berardo Collection", []),
    ("José Álvarez Núñez", "São Paulo", "Lisbon", ("sculpture",), "Iron Garden", "Pinacoteca", ["brutalism"]),
    ("Zoë Kowalczyk", "Kraków", "Kyiv", ("printmaking",), "Winter Letters", "Bunkier Sztuki", ["protest"]),
    ("Nurlan Abenov", "Astana", "Almaty", ("music",), "Dombra Nights", "Astana Opera", ["kazakh folk", "dombra"]),
    ("Priya Raman", "Mumbai", "Istanbul", ("textile art",), "Indigo Threads", "Bhau Daji Lad Museum", ["weaving"]),
    ("Li Wei", "Beijing", "Tashkent", ("calligraphy",), "Ink River", "National Art Museum", ["ink"]),
    (
        "Farida Yusupova",
        "Tashkent",
        "Bishkek",
        ("ceramics",),
        "Blue Glaze of Samarkand",
        "Savitsky Hall",
        ["silk road"],
    ),
    ("Mehmet Yılmaz", "Istanbul", "Almaty", ("film",), "The Bosphorus at Dawn", "Istanbul Modern", ["documentary"]),
    ("Sólveig Jónsdóttir", "Reykjavík", "Lisbon", ("light art",), "Northern Glow", "Harpa Hall", ["aurora"]),
    ("Lukas Müller", "Zürich", "Kraków", ("architecture",), "Concrete Poem", "Kunsthaus", ["brutalism"]),
    ("Ana Luísa Ferreira", "Lisbon", "São Paulo", ("poetry", "dance"), "Saudade Variations", "Gulbenkian", ["fado"]),
    ("Oksana Shevchenko", "Kyiv", "Kraków", ("street art",), "Sunflower Wall", "PinchukArtCentre", ["mural"]),
    ("Bakyt Osmonov", "Bishkek", "Astana", ("performance art",), "Felt Rivers", "Aitiev Museum", ["nomad"]),
    ("Chen Jing", "Beijing", "Mumbai", ("digital art", "watercolor"), "Pixel Monsoon", "UCCA Center", ["new media"]),
]
STORY_NAMES = {"Priya Raman": "monsoon_diaries.txt", "Dawit Sørensen": "harbour-notebook.txt"}


@pytest.fixture(scope="module")
def catalogue(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        cities = {
            name: City.objects.create(name=name, country_code=code, country_name=country, geonames_id=geonames_id)
            for name, (code, country, geonames_id) in CITIES.items()
        }
        for number, (name, born, other, disciplines, work, venue, tags) in enumerate(ARTISTS):
            make_profile(
                name,
                birth_city=cities[born],
                other_city=cities[other],
                disciplines=disciplines,
                work_title=work,
                venue=venue,
                tags=tags,
                source_name=STORY_NAMES.get(name, f"{number:03d}_story.txt"),
            )
        yield cities
        transaction.set_rollback(True)


QUERIES = [
    # (query, kind, title of the record that must be among the top 3)
    # names, whole and partial, with their accents typed or not, and with typos
    ("Aigerim Sadykova", "artist", "Aigerim Sadykova"),
    ("sadykova", "artist", "Aigerim Sadykova"),
    ("aigerim", "artist", "Aigerim Sadykova"),
    ("Aigrim Sadykova", "artist", "Aigerim Sadykova"),
    ("Sadikova", "artist", "Aigerim Sadykova"),
    ("dawit sorensen", "artist", "Dawit Sørensen"),
    ("Sorensen", "artist", "Dawit Sørensen"),
    ("jose alvarez", "artist", "José Álvarez Núñez"),
    ("nunez", "artist", "José Álvarez Núñez"),
    ("zoe kowalczyk", "artist", "Zoë Kowalczyk"),
    ("Kowalczk", "artist", "Zoë Kowalczyk"),
    ("mehmet yilmaz", "artist", "Mehmet Yılmaz"),
    ("solveig jonsdottir", "artist", "Sólveig Jónsdóttir"),
    ("lukas muller", "artist", "Lukas Müller"),
    ("ana luisa", "artist", "Ana Luísa Ferreira"),
    ("shevchenko", "artist", "Oksana Shevchenko"),
    ("Shevchneko", "artist", "Oksana Shevchenko"),
    ("nurlan", "artist", "Nurlan Abenov"),
    ("li wei", "artist", "Li Wei"),
    ("PRIYA RAMAN", "artist", "Priya Raman"),
    ("yusupova farida", "artist", "Farida Yusupova"),
    # cities: names, typos, other and former names, accents
    ("Almaty", "city", "Almaty"),
    ("Almatty", "city", "Almaty"),
    ("Alma-Ata", "city", "Almaty"),
    ("alma ata", "city", "Almaty"),
    ("Bombay", "city", "Mumbai"),
    ("Peking", "city", "Beijing"),
    ("Kiev", "city", "Kyiv"),
    ("Sao Paulo", "city", "São Paulo"),
    ("Zurich", "city", "Zürich"),
    ("Cracow", "city", "Kraków"),
    ("Reykjavik", "city", "Reykjavík"),
    ("Bishkk", "city", "Bishkek"),
    ("Istambul", "city", "Istanbul"),
    ("Nur-Sultan", "city", "Astana"),
    ("Frunze", "city", "Bishkek"),
    ("Constantinople", "city", "Istanbul"),
    ("Kazakhstan", "city", "Almaty"),
    ("Kyrgyzstan", "city", "Bishkek"),
    # regions, mapped to their countries' cities
    ("Central Asia", "city", "Almaty"),
    ("East Asia", "city", "Beijing"),
    ("Europe", "city", "Lisbon"),
    ("South America", "city", "São Paulo"),
    # disciplines, by the art or the artist
    ("painter", "discipline", "painting"),
    ("painting", "discipline", "painting"),
    ("drawing", "discipline", "drawing"),
    ("photographer", "discipline", "photography"),
    ("sculptor", "discipline", "sculpture"),
    ("musician", "discipline", "music"),
    ("potter", "discipline", "ceramics"),
    ("filmmaker", "discipline", "film"),
    ("calligraphy", "discipline", "calligraphy"),
    ("watercolour", "discipline", "watercolor"),
    ("printmakr", "discipline", "printmaking"),
    # tags
    ("kazakh folk", "tag", "kazakh folk"),
    ("Kazakh Folk", "tag", "kazakh folk"),
    ("kazak folk", "tag", "kazakh folk"),
    ("brutalism", "tag", "brutalism"),
    ("silk road", "tag", "silk road"),
    ("mural", "tag", "mural"),
    # works, whole and partial titles
    ("Steppe Winds", "work", "Steppe Winds"),
    ("steppe", "work", "Steppe Winds"),
    ("salt light", "work", "Salt Light on the Harbour"),
    ("bosphorus", "work", "The Bosphorus at Dawn"),
    ("sunflower", "work", "Sunflower Wall"),
    ("Indigo Thread", "work", "Indigo Threads"),
    ("glaze samarkand", "work", "Blue Glaze of Samarkand"),
    ("Pixel Monson", "work", "Pixel Monsoon"),
    # venues and exhibitions
    ("Kasteev Museum", "venue", "Kasteev Museum"),
    ("kasteev", "venue", "Kasteev Museum"),
    ("Istanbul Modern", "venue", "Istanbul Modern"),
    ("gulbenkian", "venue", "Gulbenkian"),
    ("Solo exhibition at Harpa Hall", "exhibition", "Solo exhibition at Harpa Hall, Lisbon"),
    ("pinacoteca lisbon", "exhibition", "Solo exhibition at Pinacoteca, Lisbon"),
    # stories, by their file name
    ("monsoon diaries", "story", "monsoon_diaries.txt"),
    ("harbour notebook", "story", "harbour-notebook.txt"),
]


def test_the_table_is_long_enough():
    assert len(QUERIES) >= 60


@pytest.mark.parametrize(("query", "kind", "title"), QUERIES, ids=[query for query, _, _ in QUERIES])
def test_each_query_finds_its_record_in_the_top_three(catalogue, query, kind, title):
    top = [(result.kind, result.title) for result in site_search.search(query).top(3)]
    assert (kind, title) in top


def test_results_are_grouped_by_kind_best_group_first(catalogue):
    results = site_search.search("almaty")
    kinds = [group.kind for group in results.groups]
    assert kinds[0] == "city"
    assert len(kinds) == len(set(kinds))
    for group in results.groups:
        scores = [result.score for result in group.results]
        assert scores == sorted(scores, reverse=True)


def test_results_say_why_they_matched(catalogue):
    [almaty] = site_search.search("Alma-Ata").top(1)
    assert (almaty.title, almaty.reason, almaty.matched) == ("Almaty", "other name", "Alma-Ata")
    assert almaty.matched_elsewhere
    region = site_search.search("Central Asia").top(1)[0]
    assert (region.reason, region.matched) == ("region", "Central Asia")
    painter = site_search.search("painter").top(1)[0]
    assert (painter.title, painter.reason, painter.matched) == ("painting", "discipline", "painter")


def test_near_misses_get_a_did_you_mean_from_the_indexed_words(catalogue):
    assert site_search.search("Almatty").suggestion == "Almaty"
    assert site_search.search("kazkh folk").suggestion == "kazakh folk"
    assert site_search.search("Almaty").suggestion == ""


def test_nothing_matches_nonsense(catalogue):
    results = site_search.search("xqzvw jjkkp")
    assert results.count == 0
    assert results.suggestion == ""


def test_matching_words_are_highlighted_and_escaped(catalogue):
    html = str(site_search.highlight("<b>Dawit</b> Sørensen & co", ["sorensen"]))
    assert html == "&lt;b&gt;Dawit&lt;/b&gt; <mark>Sørensen</mark> &amp; co"


def test_groups_are_capped_with_a_link_to_the_list(catalogue, monkeypatch):
    monkeypatch.setattr(site_search, "GROUP_SIZE", 2)
    results = site_search.search("museum")
    venues = next(group for group in results.groups if group.kind == "venue")
    assert len(venues.results) <= site_search.GROUP_SIZE
    assert venues.more_url == "/exhibitions/?q=museum"


def test_the_number_of_queries_does_not_grow_with_the_results(catalogue):
    def count(query):
        with CaptureQueriesContext(connection) as queries:
            site_search.search(query)
        return len(queries)

    assert count("almatty") <= 12  # two passes of one query each, the groups, the regions
    assert count("a") <= 3


def test_the_page_shows_groups_reasons_and_highlights(client, catalogue):
    response = client.get(reverse("profiles:search"), {"q": "Alma-Ata"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Matched other name: <mark>Alma</mark>-<mark>Ata</mark>" in body
    assert 'href="/cities/almaty-kz/"' in body


def test_the_page_suggests_a_spelling(client, catalogue):
    body = client.get(reverse("profiles:search"), {"q": "Almatty"}).content.decode()
    assert 'Did you mean <a href="/search/?q=Almaty">Almaty</a>?' in body


def test_the_page_escapes_the_query(client, catalogue):
    body = client.get(reverse("profiles:search"), {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_an_empty_query_shows_the_form(client, catalogue):
    response = client.get(reverse("profiles:search"))
    assert response.status_code == 200
    assert b'id="search-q"' in response.content


def test_a_too_long_query_is_refused_with_the_reason(client, catalogue):
    response = client.get(reverse("profiles:search"), {"q": "x" * 201})
    assert response.status_code == 400
    assert b"at most 200 characters" in response.content


def test_the_header_search_box_uses_the_site_search(client, catalogue):
    body = client.get(reverse("home")).content.decode()
    assert 'action="/search/"' in body


def test_a_new_city_gets_its_gazetteer_names_and_a_merge_can_add_one(catalogue):
    city = City.objects.create(name="Samarkand", country_code="UZ", country_name="Uzbekistan", geonames_id=1216265)
    assert CityName.objects.filter(city=city).exists()
    add_city_names(city, ["Marakanda", "Samarkand"], source=CityName.Source.MERGE)
    assert list(CityName.objects.filter(city=city, source="merge").values_list("name", flat=True)) == ["Marakanda"]
    assert ("city", "Samarkand") in [(r.kind, r.title) for r in site_search.search("marakanda").top(3)]


def test_the_index_follows_renames_and_deletions(catalogue):
    artist = Artist.objects.get(name="Li Wei")
    artist.name = "Wei Lindqvist"
    artist.save()
    assert ("artist", "Wei Lindqvist") in [(r.kind, r.title) for r in site_search.search("lindqvist").top(3)]
    artist.delete()
    assert site_search.search("lindqvist").count == 0


def test_list_pages_keep_their_own_search(client, catalogue):
    response = client.get(reverse("profiles:artist-list"), {"q": "sadykova"})
    assert "Aigerim Sadykova" in response.content.decode()
