"""Every page answers 200 on a catalogue of 20,000 artists, within the same query budgets.

The catalogue is built once for the module with ``bulk_create`` inside a
transaction that is rolled back at the end, so other modules never see it.
"""

import time

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from profiles.models import Artist
from profiles.sitemaps import ArtistSitemap
from tests.helpers import build_big_catalogue, make_user
from tests.test_query_counts import QUERY_BUDGET, page_urls

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

SIZE = 20_000
# Wall-clock ceiling for one page on the big catalogue: a generous bound that
# still catches a page that walks every row.
SECONDS_PER_PAGE = 3.0


@pytest.fixture(scope="module")
def big(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            catalogue = build_big_catalogue(SIZE)
            # On PostgreSQL, check the deferred foreign keys of the bulk rows once, here:
            # otherwise every test's savepoint rollback puts them back in the queue and
            # each test's teardown re-checks some 100,000 of them (seconds per test).
            connection.check_constraints()
            yield catalogue
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def urls(big):
    return page_urls(big["artist"], big["story"], big["work"], big["exhibition"], big["city"], big["tag"].slug)


def test_the_catalogue_is_big(big):
    assert Artist.objects.count() >= SIZE


@pytest.mark.parametrize("name", sorted(QUERY_BUDGET))
def test_page_answers_within_its_query_budget(client, big, urls, name):
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(urls[name])
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    assert len(queries.captured_queries) <= QUERY_BUDGET[name]
    assert elapsed < SECONDS_PER_PAGE


def test_artist_list_is_paginated_24_a_page(client, big):
    response = client.get("/artists/?page=2")
    assert response.status_code == 200
    assert response.content.decode().count('class="card__title"') == 24
    assert "Page 2 of 834" in response.content.decode()


def test_last_page_answers_and_the_one_after_is_a_clean_404(client, big):
    assert client.get("/artists/?page=834").status_code == 200
    response = client.get("/artists/?page=835")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_signed_in_artist_page_stays_within_budget(client, big, urls):
    client.force_login(make_user("big-visitor"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(urls["artist-detail"]).status_code == 200
    # The session, the user, and the tag form's most used tags (cached until a record changes).
    assert len(queries.captured_queries) <= QUERY_BUDGET["artist-detail"] + 3


def test_sitemap_sections_are_split_into_pages(client, big):
    limit = ArtistSitemap.limit
    pages = -(-SIZE // limit)
    assert pages >= 2
    index = client.get("/sitemap.xml").content.decode()
    assert f"sitemap-artists.xml?p={pages}" in index
    assert f"sitemap-artists.xml?p={pages + 1}" not in index
    page = client.get(f"/sitemap-artists.xml?p={pages}")
    assert page.status_code == 200
    assert page.content.decode().count("<url>") == SIZE - (pages - 1) * limit
