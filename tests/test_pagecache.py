"""Whole pages cached for anonymous visitors (catalogue/middleware/pagecache.py), tested through the pages."""

import re

import pytest
from django.conf import settings
from django.test import Client

from tests.helpers import build_catalogue, make_user

pytestmark = pytest.mark.django_db

SECURITY_HEADERS = ("Content-Security-Policy", "X-Frame-Options", "Referrer-Policy", "X-Content-Type-Options")


@pytest.fixture
def catalogue():
    return build_catalogue(3)


@pytest.fixture
def profile(catalogue):
    return catalogue["profiles"][0]


@pytest.fixture
def artist(profile):
    return profile["artist"]


@pytest.fixture
def signed_in(visitor):
    client = Client()
    client.force_login(visitor)
    return client


@pytest.fixture
def visitor():
    return make_user("visitor")


def csrf_token(response):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)


@pytest.mark.parametrize("url", ["/", "/artists/", "/artists/?sort=recent", "/tags/", "/cities/", "/sitemap.xml"])
def test_a_second_anonymous_visit_is_served_from_the_cache(client, catalogue, url, django_assert_num_queries):
    first = client.get(url)
    assert first.status_code == 200
    assert first.templates  # rendered
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.status_code == 200
    assert not second.templates  # not rendered: answered from the cache
    assert second.content == first.content


def test_each_query_string_is_a_page_of_its_own(client, catalogue, django_assert_max_num_queries):
    by_name = client.get("/artists/?sort=name").content
    with django_assert_max_num_queries(50) as captured:
        by_date = client.get("/artists/?sort=recent").content
    assert len(captured) > 0
    assert client.get("/artists/?sort=name").content == by_name
    assert client.get("/artists/?sort=recent").content == by_date


def test_a_head_request_is_answered_from_the_page_a_get_stored(client, artist, django_assert_num_queries):
    page = client.get(artist.get_absolute_url())
    with django_assert_num_queries(0):
        head = client.head(artist.get_absolute_url())
    assert head.status_code == 200
    assert not head.templates
    assert head["Content-Length"] == page["Content-Length"]


def test_a_record_change_invalidates_every_cached_page(client, artist, django_assert_max_num_queries):
    assert artist.name in client.get(artist.get_absolute_url()).content.decode()
    artist.name = "Renamed Artist"
    artist.save()
    with django_assert_max_num_queries(50) as captured:
        page = client.get(artist.get_absolute_url()).content.decode()
    assert len(captured) > 0
    assert "Renamed Artist" in page
    assert "Renamed Artist" in client.get("/artists/").content.decode()


def test_a_signed_in_visitor_never_gets_the_cached_page(client, signed_in, artist):
    anonymous = client.get(artist.get_absolute_url()).content.decode()
    client.get(artist.get_absolute_url())  # now cached
    assert "Sign out" not in anonymous
    assert 'class="tag-form"' not in anonymous
    page = signed_in.get(artist.get_absolute_url()).content.decode()
    assert "Sign out" in page
    assert 'class="tag-form"' in page
    assert signed_in.get("/").content.decode().count("Sign out") == 1


def test_a_signed_in_visitors_page_is_never_served_to_anyone_else(client, signed_in, artist):
    for _ in range(2):
        assert "Sign out" in signed_in.get(artist.get_absolute_url()).content.decode()
    page = client.get(artist.get_absolute_url()).content.decode()
    assert "Sign out" not in page
    assert 'class="tag-form"' not in page


def test_any_session_cookie_bypasses_the_cache(client, artist, django_assert_max_num_queries):
    client.get("/")
    client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-real-session"
    with django_assert_max_num_queries(50) as captured:
        response = client.get("/")
    assert len(captured) > 0
    assert response.status_code == 200


def test_the_story_page_is_cached_with_its_highlights_in_a_stylesheet(client, profile, django_assert_num_queries):
    """No inline style and so no per-response nonce: a long story's page is rendered once, then replayed."""
    url = profile["story"].get_absolute_url()
    first = client.get(url)
    assert "<style" not in first.content.decode()
    assert "'nonce-" not in first["Content-Security-Policy"]
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.content == first.content


def test_a_page_with_a_csrf_form_is_never_cached(client):
    first = client.get("/accounts/login/")
    assert settings.CSRF_COOKIE_NAME in first.cookies
    second = client.get("/accounts/login/")
    assert csrf_token(second) != csrf_token(first)
    # A fresh visitor still gets a CSRF cookie of their own, not a stored page without one.
    fresh = Client().get("/accounts/login/")
    assert settings.CSRF_COOKIE_NAME in fresh.cookies


def test_a_visitor_with_a_csrf_cookie_still_gets_cached_pages(client, catalogue, django_assert_num_queries):
    client.get("/accounts/login/")
    assert settings.CSRF_COOKIE_NAME in client.cookies
    client.get("/tags/")
    with django_assert_num_queries(0):
        hit = client.get("/tags/")
    assert hit.status_code == 200
    assert not hit.templates


def test_headers_on_a_hit_equal_headers_on_a_miss(client, artist):
    miss = client.get(artist.get_absolute_url())
    hit = client.get(artist.get_absolute_url())
    assert dict(hit.headers) == dict(miss.headers)
    for name in SECURITY_HEADERS:
        assert hit[name]
    assert "'nonce-" not in hit["Content-Security-Policy"]
    assert hit["X-Frame-Options"] == "DENY"
    assert hit["X-Content-Type-Options"] == "nosniff"
    assert hit["Referrer-Policy"] == "same-origin"
    assert not hit.cookies


def test_hsts_is_replayed_over_https_only(client, artist):
    secure_miss = client.get(artist.get_absolute_url(), secure=True)
    secure_hit = client.get(artist.get_absolute_url(), secure=True)
    assert secure_miss["Strict-Transport-Security"].startswith("max-age=")
    assert dict(secure_hit.headers) == dict(secure_miss.headers)
    plain = client.get(artist.get_absolute_url())
    assert "Strict-Transport-Security" not in plain


def test_messages_are_shown_once_and_never_cached(client, signed_in, artist):
    client.get(artist.get_absolute_url())  # the anonymous page is cached
    assert signed_in.post(artist.get_absolute_url(), {"tags": "dusk"}).status_code == 302
    # The thank-you waits in the messages cookie; without the session the visitor is anonymous again.
    assert "messages" in signed_in.cookies
    del signed_in.cookies[settings.SESSION_COOKIE_NAME]
    page = signed_in.get(artist.get_absolute_url()).content.decode()
    assert "Thank you: your tags were added." in page
    assert "dusk" in page
    assert "Thank you" not in client.get(artist.get_absolute_url()).content.decode()


def test_posts_are_never_answered_from_the_cache(client, artist):
    client.get(artist.get_absolute_url())
    client.get(artist.get_absolute_url())  # cached
    response = client.post(artist.get_absolute_url(), {"tags": "dusk"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    empty = client.generic("POST", artist.get_absolute_url(), b"", content_type="application/x-www-form-urlencoded")
    assert empty.status_code == 302
    assert empty["Location"].startswith("/accounts/login/")


def test_a_post_answer_is_never_stored(client, visitor, django_assert_max_num_queries):
    response = client.post("/accounts/login/", {"username": "visitor", "password": "wrong"})
    assert response.status_code == 200
    with django_assert_max_num_queries(50):
        page = client.get("/accounts/login/").content.decode()
    assert "Please enter a correct username and password" not in page


def test_errors_and_redirects_are_not_cached(client, catalogue, django_assert_max_num_queries):
    assert client.get("/artists/no-such-artist/").status_code == 404
    with django_assert_max_num_queries(50) as captured:
        assert client.get("/artists/no-such-artist/").status_code == 404
    assert len(captured) > 0
    assert client.get("/artists").status_code == 301


def test_plain_http_is_still_redirected_when_ssl_redirects_are_on(settings, artist):
    settings.SECURE_SSL_REDIRECT = True
    client = Client()
    assert client.get(artist.get_absolute_url(), secure=True).status_code == 200
    assert client.get(artist.get_absolute_url(), secure=True).status_code == 200  # cached
    response = client.get(artist.get_absolute_url())
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_an_unknown_host_is_refused_even_for_a_cached_page(client, artist):
    client.get(artist.get_absolute_url())
    client.get(artist.get_absolute_url())  # cached
    assert client.get(artist.get_absolute_url(), headers={"host": "evil.example"}).status_code == 400


def test_unknown_query_parameters_never_fill_the_cache(client, catalogue):
    from django.core.cache import cache

    def stored_pages():
        return sum(key.split(":")[2] == "page" for key in cache._cache)  # the page cache's keys: ":1:page:..."

    client.get("/artists/")
    client.get("/?sort=name")
    assert stored_pages() == 2
    for number in range(20):
        assert client.get(f"/artists/?utm_source={number}").status_code == 200
        assert client.get(f"/?sort=name&junk{number}=1").status_code == 200
    assert stored_pages() == 2
    assert client.get("/artists/?utm_source=0").templates  # rendered again, not served from a stored copy
