"""The read API (/api/v1/): records with links and evidence, the pages' filters, keyset pages,
conditional GETs, rate limits, CORS and the self-hosted docs."""

import base64
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from profiles.models import Artist, Exhibition, Story
from tests.helpers import PROJECT_DIR, build_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    return build_catalogue(7)


def walk(client, url):
    """Every record of a list, page after page; and the number of pages."""
    results, pages = [], 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        results += body["results"]
        url, pages = body["next"], pages + 1
    return results, pages


# --- records --------------------------------------------------------------------------------


def test_an_artist_links_to_its_page_and_story_with_evidence_and_confidence(client, catalogue):
    artist = catalogue["artists"][0]
    body = client.get(f"/api/v1/artists/{artist.slug}/").json()
    assert body["url"] == f"http://testserver{artist.get_absolute_url()}"
    assert body["story"]["url"] == f"http://testserver{artist.story.get_absolute_url()}"
    assert body["story"]["api_url"].endswith(f"/api/v1/stories/{artist.story.slug}/")
    assert body["evidence"]["birth_city"] == artist.evidence["birth_city"]
    assert body["confidence"] == artist.confidence
    assert body["birth_city"]["url"].endswith(artist.birth_city.get_absolute_url())


def test_works_and_exhibitions_carry_their_evidence_span(client, catalogue):
    work = catalogue["profiles"][0]["work"]
    body = client.get(f"/api/v1/works/{work.slug}/").json()
    span = body["evidence"]
    assert work.title in work.story.text[span["start"] : span["end"]]
    assert body["story"]["source"] == work.story.source_name
    exhibition = catalogue["profiles"][0]["exhibition"]
    body = client.get(f"/api/v1/exhibitions/{exhibition.slug}/").json()
    assert exhibition.venue in exhibition.story.text[body["evidence"]["start"] : body["evidence"]["end"]]
    assert body["artists"][0]["slug"] == catalogue["artists"][0].slug


def test_a_story_holds_its_text_and_its_record_with_editors_corrections(client, catalogue):
    artist = catalogue["artists"][1]
    artist.name = "Corrected By An Editor"
    artist.save()
    body = client.get(f"/api/v1/stories/{artist.story.slug}/").json()
    assert body["text"] == artist.story.text
    assert body["record"]["artist"]["name"] == "Corrected By An Editor"
    assert body["record"]["works"][0]["title"] == "Work number 1"


def test_cities_and_tags(client, catalogue):
    cities = client.get("/api/v1/cities/?sort=artists").json()["results"]
    assert cities[0]["artist_count"] >= cities[-1]["artist_count"]
    tags = client.get("/api/v1/tags/").json()["results"]
    assert {"slug": "steppe", "name": "steppe", "url": "http://testserver/tags/steppe/", "count": 7} in tags


def test_an_unknown_slug_is_404(client, catalogue):
    assert client.get("/api/v1/artists/nobody/").status_code == 404


# --- the pages' filters --------------------------------------------------------------------------


def test_filters_and_search_match_the_pages(client, catalogue):
    painters = {a.slug for a in Artist.objects.filter(disciplines__name="painting")}
    results, _ = walk(client, "/api/v1/artists/?discipline=painting")
    assert {row["slug"] for row in results} == painters
    results, _ = walk(client, "/api/v1/works/?q=number%203")
    assert [row["title"] for row in results] == ["Work number 3"]
    almaty = catalogue["cities"][0]
    results, _ = walk(client, f"/api/v1/exhibitions/?city={almaty.slug}")
    assert {row["slug"] for row in results} == {e.slug for e in Exhibition.objects.filter(city=almaty)}


def test_a_filter_value_that_names_nothing_is_a_400_that_says_which(client, catalogue):
    response = client.get("/api/v1/artists/?city=atlantis")
    assert response.status_code == 400
    assert "city" in response.json()


# --- keyset pages -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("/api/v1/artists/?page_size=2", lambda row: row["name"]),
        ("/api/v1/artists/?page_size=3&sort=recent", None),
        ("/api/v1/works/?page_size=2&sort=title", lambda row: row["title"]),
        ("/api/v1/exhibitions/?page_size=2&sort=year", None),
        ("/api/v1/cities/?page_size=2&sort=artists", None),
        ("/api/v1/tags/?page_size=2", lambda row: row["name"]),
        ("/api/v1/stories/?page_size=2", lambda row: row["source_name"]),
    ],
)
def test_pages_visit_every_record_once_in_a_stable_order(client, catalogue, url, key):
    Exhibition.objects.filter(pk__in=Exhibition.objects.order_by("pk").values("pk")[:3]).update(year=None)
    everything = client.get(url.split("?")[0] + "?page_size=200&" + url.split("?")[1].partition("&")[2]).json()
    results, pages = walk(client, url)
    assert [row["slug"] for row in results] == [row["slug"] for row in everything["results"]]
    assert len({row["slug"] for row in results}) == len(results)
    assert pages > 1
    if key:
        assert [key(row) for row in results] == sorted(key(row) for row in results)


def test_exhibitions_by_year_put_unknown_years_last(client, catalogue):
    Exhibition.objects.filter(pk__in=Exhibition.objects.order_by("pk").values("pk")[:3]).update(year=None)
    results, _ = walk(client, "/api/v1/exhibitions/?page_size=2&sort=year")
    years = [row["year"] for row in results]
    known = [year for year in years if year is not None]
    assert years == known + [None] * 3
    assert known == sorted(known, reverse=True)


def test_search_results_page_in_relevance_order(client, catalogue):
    everything = client.get("/api/v1/artists/?q=example&page_size=200").json()["results"]
    results, pages = walk(client, "/api/v1/artists/?q=example&page_size=2")
    assert pages == 4
    assert [row["slug"] for row in results] == [row["slug"] for row in everything]


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        base64.urlsafe_b64encode(b'[["-created_at","-pk"],["x",1]]').decode(),  # made for another order
        base64.urlsafe_b64encode(b'[["name","pk"],["a","not a number"]]').decode(),  # forged values
        base64.urlsafe_b64encode(b'[["name","pk"],[["a"],1]]').decode(),
    ],
)
def test_a_bad_cursor_is_a_400(client, catalogue, cursor):
    response = client.get(f"/api/v1/artists/?cursor={cursor}")
    assert response.status_code == 400
    assert "cursor" in response.json()


@pytest.mark.parametrize("size", ["0", "201", "many"])
def test_a_bad_page_size_is_a_400(client, catalogue, size):
    assert client.get(f"/api/v1/artists/?page_size={size}").status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/artists/",
        "/api/v1/works/",
        "/api/v1/exhibitions/",
        "/api/v1/cities/",
        "/api/v1/tags/",
        "/api/v1/stories/",
        "/api/v1/artists/?q=example&discipline=painting",
    ],
)
def test_queries_per_page_do_not_grow_with_the_records_on_it(client, url, django_assert_max_num_queries):
    build_catalogue(3)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    build_catalogue(12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(url).json()
    assert len(body["results"]) > 3 or "q=" in url


def test_a_story_record_takes_a_fixed_number_of_queries(client, catalogue, django_assert_max_num_queries):
    story = catalogue["artists"][0].story
    with django_assert_max_num_queries(10):
        assert client.get(f"/api/v1/stories/{story.slug}/").status_code == 200


# --- conditional GETs -------------------------------------------------------------------------


def test_an_unchanged_answer_is_304_and_a_change_makes_a_new_etag(client, catalogue):
    first = client.get("/api/v1/artists/")
    etag = first["ETag"]
    assert first["Last-Modified"]
    assert "no-cache" in first["Cache-Control"]
    again = client.get("/api/v1/artists/", headers={"if-none-match": etag})
    assert again.status_code == 304
    assert not again.content
    Artist.objects.filter(pk=catalogue["artists"][0].pk).update(name="Changed")
    changed = client.get("/api/v1/artists/", headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_if_modified_since_is_answered(client, catalogue):
    first = client.get("/api/v1/works/")
    again = client.get("/api/v1/works/", headers={"if-modified-since": first["Last-Modified"]})
    assert again.status_code == 304


# --- limits and CORS --------------------------------------------------------------------------


def test_the_api_has_a_rate_limit(client, catalogue, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "api": {"views": [], "ip": (3, 60)}}
    for _ in range(3):
        assert client.get("/api/v1/tags/").status_code == 200
    refused = client.get("/api/v1/tags/")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0


def test_any_origin_may_read_but_not_write(client, catalogue):
    response = client.get("/api/v1/artists/", headers={"origin": "https://elsewhere.example"})
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/api/v1/artists/",
        headers={"origin": "https://elsewhere.example", "access-control-request-method": "GET"},
    )
    assert preflight.status_code == 200
    assert set(preflight["Access-Control-Allow-Methods"].replace(" ", "").split(",")) == {"GET", "HEAD", "OPTIONS"}
    assert client.post("/api/v1/artists/", {"name": "x"}).status_code == 405
    assert client.delete(f"/api/v1/artists/{catalogue['artists'][0].slug}/").status_code == 405
    page = client.get("/artists/", headers={"origin": "https://elsewhere.example"})
    assert "Access-Control-Allow-Origin" not in page


# --- schema and docs ----------------------------------------------------------------------------


def test_the_schema_describes_every_endpoint(client):
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    for name in ("artists", "cities", "exhibitions", "works", "stories", "tags"):
        assert f"/api/v1/{name}/" in schema["paths"]
        assert f"/api/v1/{name}/{{slug}}/" in schema["paths"]
    parameters = {p["name"] for p in schema["paths"]["/api/v1/artists/"]["get"]["parameters"]}
    assert {"q", "city", "born", "country", "discipline", "tag", "sort", "cursor", "page_size"} <= parameters


def test_the_docs_page_needs_nothing_from_another_site(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "https://" not in html
    assert "http://" not in html.replace("http://testserver", "")
    for asset in ("swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css"):
        url = f"/static/drf_spectacular_sidecar/swagger-ui-dist/{asset}"
        assert url in html
        assert client.get(url).status_code == 200
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200
    assert "/api/v1/schema/" in script.content.decode()
    assert "<script>" not in html  # no inline script: the page works under the site's CSP


def test_every_fact_of_an_imported_story_carries_its_span_and_confidence_as_in_the_dry_run(client, command):
    """The API's facts are the dry run's: the same spans into the story's text, the same confidence."""
    out, err, status = command("loadstories", "--dry-run", "--format", "json", str(PROJECT_DIR / "seeds"))
    assert status == 0, err
    records = [json.loads(line) for line in out.splitlines() if line.strip()]
    dry_run = max(records, key=lambda record: (len(record["works"]), len(record["exhibitions"])))
    assert command("loadstories", str(PROJECT_DIR / "seeds" / dry_run["source"]))[2] == 0
    story = Story.objects.get()
    text = story.text

    def check(span, confidence, what):
        assert 0 <= span["start"] <= span["match"][0] <= span["match"][1] <= span["end"] <= len(text), what
        assert 0 <= confidence <= 1, what

    artist = client.get(f"/api/v1/artists/{story.artist.slug}/").json()
    spans = [field for field in ("name", "pronoun", "age", "birth_city") if field in dry_run["artist"]["evidence"]]
    assert "name" in spans
    for field in spans:
        assert artist["evidence"][field] == dry_run["artist"]["evidence"][field], field
        check(artist["evidence"][field], artist["evidence"][field]["confidence"], field)
    for discipline, span in artist["evidence"]["disciplines"].items():
        check(span, span["confidence"], discipline)
    works, _ = walk(client, f"/api/v1/works/?artist={story.artist.slug}")
    assert works, "the seed names works"
    assert sorted(work["title"] for work in works) == sorted(work["title"] for work in dry_run["works"])
    expected = {work["title"]: work for work in dry_run["works"]}
    for work in works:
        assert work["evidence"] == expected[work["title"]]["evidence"]
        assert work["confidence"] == expected[work["title"]]["confidence"]
        check(work["evidence"], work["confidence"], work["title"])
    record = client.get(f"/api/v1/stories/{story.slug}/").json()["record"]
    for city in record["cities"]:
        check(city["evidence"], city["confidence"], city["name"])
    for exhibition in record["exhibitions"]:
        check(exhibition["evidence"], exhibition["confidence"], exhibition["venue"])


def test_a_show_thousands_took_part_in_is_one_bounded_record_with_a_link_to_every_artist(client, catalogue):
    from profiles.api.serializers import ARTISTS_PER_SHOW

    show = catalogue["profiles"][0]["exhibition"]
    artists = list(Artist.objects.all())
    extra = [Artist(name=f"Guest Artist {n:03}", slug=f"guest-artist-{n:03}") for n in range(ARTISTS_PER_SHOW + 5)]
    Artist.objects.bulk_create(extra)
    show.artists.add(*artists, *Artist.objects.filter(slug__startswith="guest-artist-"))
    everyone = show.artists.count()
    assert everyone > ARTISTS_PER_SHOW

    body = client.get(f"/api/v1/exhibitions/{show.slug}/").json()
    assert body["artist_count"] == everyone
    expected = list(show.artists.order_by("name", "pk").values_list("slug", flat=True))
    assert [artist["slug"] for artist in body["artists"]] == expected[:ARTISTS_PER_SHOW]
    listed, _ = walk(client, body["artists_url"] + "&page_size=10")
    assert sorted(artist["slug"] for artist in listed) == sorted(expected)

    listing = client.get("/api/v1/exhibitions/").json()["results"]
    assert max(len(record["artists"]) for record in listing) == ARTISTS_PER_SHOW


def test_the_artists_page_lists_one_shows_artists_and_names_the_filter(client, catalogue):
    show = catalogue["profiles"][0]["exhibition"]
    response = client.get("/artists/", {"exhibition": show.slug})
    assert response.status_code == 200
    names = {artist.name for artist in response.context["page_obj"].object_list}
    assert names == set(show.artists.values_list("name", flat=True))
    assert any(chip["param"] == "exhibition" for chip in response.context["active_filters"])
