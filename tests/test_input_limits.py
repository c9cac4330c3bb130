"""Hostile input on the public pages: oversized bodies, long queries and slugs, odd Unicode. Never a 500."""

import pytest
from django.test import Client

from profiles.filters import QUERY_MAX_LENGTH
from profiles.models import TaggedItem
from tests.helpers import admin_url, build_catalogue, imported_catalogue, make_editor, make_user

pytestmark = pytest.mark.django_db

LISTS = ["/artists/", "/works/", "/exhibitions/", "/cities/"]
ODD_QUERIES = [
    "",
    " ",
    "Алматы",
    "אַלמאַטי",  # right-to-left
    "\u202eevil\u202c",  # a right-to-left override
    "🎨🖌️👩🏽‍🎨",
    "e\u0301\u0301\u0301\u0301",  # stacked combining accents
    "\ufeffzero\u200bwidth",
    "\x01\x07\x1b[31m",  # control characters
    "'; DROP TABLE profiles_artist; --",
    '"unbalanced * ( OR AND NEAR',  # FTS operators
    "a:* & !b | (c",  # tsquery operators
    "%",
    "_",
    "\\",
    "x" * QUERY_MAX_LENGTH,
]


@pytest.fixture
def catalogue():
    return build_catalogue(3)


@pytest.fixture
def strict_client():
    """A client that turns a server error into a 500 response, as a browser would see it."""
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_search_queries_answer_200(strict_client, catalogue, query):
    for url in LISTS:
        assert strict_client.get(url, {"q": query}).status_code == 200, url


def test_a_search_query_over_the_limit_is_a_400_that_says_why(strict_client, catalogue):
    for url in LISTS:
        response = strict_client.get(url, {"q": "x" * (QUERY_MAX_LENGTH + 1)})
        assert response.status_code == 400
        assert f"at most {QUERY_MAX_LENGTH} characters" in response.text


def test_search_boxes_stop_typing_at_the_limit(client, catalogue):
    for url in ["/", "/artists/", "/no-such-page/"]:
        assert f'maxlength="{QUERY_MAX_LENGTH}"' in client.get(url).text


def test_one_enormous_word_is_refused_not_searched(strict_client, catalogue):
    assert strict_client.get("/artists/", {"q": "ab" * 1000}).status_code == 400


@pytest.mark.parametrize(
    "raw",
    [
        "q=%ED%A0%80",  # a lone surrogate, as UTF-8 bytes
        "q=%FF%FE%FD",  # not UTF-8 at all
        "q=%C0%AF",  # an overlong encoding of "/"
        "q=%E2%80%AE%D8%A7",  # RLO then Arabic
        "city=%F0%9F%8E%A8",  # an emoji where a slug goes
        "discipline=" + "a" * 1000,
        "q=a&q=b&q=c",  # repeated parameters
        "page=%F0%9F%8E%A8",
        "page=99999999999999999999999999",
        "page=-1",
        "sort=%00",
    ],
)
def test_malformed_query_strings_never_raise(strict_client, catalogue, raw):
    for url in LISTS:
        status = strict_client.get(f"{url}?{raw}").status_code
        assert status in {200, 400, 404}, (url, raw, status)


@pytest.mark.parametrize("path", ["/tags/a%00b/", "/artists/a%00b/", "/stories/%00/"])
def test_nul_characters_in_the_path_are_a_400(strict_client, catalogue, path):
    response = strict_client.get(path)
    assert response.status_code == 400
    assert "NUL" in response.text


@pytest.mark.parametrize("query", ["q=a%00b", "city=%00", "born=%00", "tag=%00", "page=%00"])
def test_nul_characters_in_the_query_are_refused_or_ignored_by_the_page(strict_client, catalogue, query):
    for url in LISTS:  # a list without that filter ignores the parameter
        assert strict_client.get(f"{url}?{query}").status_code in {200, 400, 404}, (url, query)
    assert strict_client.get(f"/artists/?{query}").status_code in {400, 404}


def test_a_query_string_over_2_kb_is_a_414(strict_client, catalogue):
    response = strict_client.get("/artists/?" + "&".join(f"x{n}=y" for n in range(600)))
    assert response.status_code == 414
    assert response["Content-Security-Policy"]  # refusals still carry the security headers


@pytest.mark.parametrize("prefix", ["/artists/", "/works/", "/exhibitions/", "/cities/", "/stories/", "/tags/"])
def test_very_long_or_odd_slugs_are_a_404(strict_client, catalogue, prefix):
    for slug in ["a" * 5000, "-" * 300, "%F0%9F%8E%A8" * 50, "%E2%80%AE" + "b" * 100]:
        assert strict_client.get(f"{prefix}{slug}/").status_code == 404, (prefix, slug[:20])


# --- bodies ----------------------------------------------------------------------------------


@pytest.fixture
def tagger(strict_client):
    strict_client.force_login(make_user("tagger"))
    return strict_client


def test_a_tagging_body_over_2_mb_is_a_400(tagger, catalogue):
    artist = catalogue["artists"][0]
    response = tagger.post(artist.get_absolute_url(), {"tags": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 400
    assert not TaggedItem.objects.filter(added_by__username="tagger").exists()


def test_too_many_form_fields_are_a_400(tagger, catalogue):
    artist = catalogue["artists"][0]
    fields = {f"field{n}": "x" for n in range(1500)}
    assert tagger.post(artist.get_absolute_url(), {"tags": "fine", **fields}).status_code == 400


def test_an_oversized_tag_box_is_refused_with_a_message(tagger, catalogue):
    artist = catalogue["artists"][0]
    response = tagger.post(artist.get_absolute_url(), {"tags": "x" * 5000})
    assert response.status_code == 400
    assert "at most" in response.text


@pytest.mark.parametrize(
    "tags",
    [
        "\x00",
        "a\x00b",
        "\u202e",
        "🎨",
        "\ufeff",
        "\x1b[31m",
        "\ud800".encode("utf-8", "surrogatepass").decode("latin-1"),
    ],
)
def test_odd_tags_are_refused_cleanly(tagger, catalogue, tags):
    artist = catalogue["artists"][0]
    assert tagger.post(artist.get_absolute_url(), {"tags": tags}).status_code == 400


def test_a_body_announced_over_12_mb_is_a_413_before_it_is_read(tagger, catalogue):
    artist = catalogue["artists"][0]
    response = tagger.generic(
        "POST",
        artist.get_absolute_url(),
        b"tags=x",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(13 * 1024 * 1024),
    )
    assert response.status_code == 413


def test_an_admin_upload_over_12_mb_is_a_413(strict_client):
    records = imported_catalogue()
    strict_client.force_login(make_editor())
    url = admin_url(type(records["artist"]), "change", records["artist"].pk)
    response = strict_client.generic(
        "POST", url, b"", content_type="multipart/form-data; boundary=x", CONTENT_LENGTH=str(50 * 1024 * 1024)
    )
    assert response.status_code == 413


def test_a_bad_content_length_is_a_400(strict_client, catalogue):
    response = strict_client.generic("POST", "/accounts/login/", b"", CONTENT_LENGTH="lots")
    assert response.status_code == 400
