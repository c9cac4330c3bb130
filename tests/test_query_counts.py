"""Every page runs the same number of queries however big the catalogue is.

Each page is measured on a catalogue of 3 artists and on one of 40 (more
artists per city, tag and discipline, more exhibitions and works): the counts
must be equal, and within the page's budget. ``test_pages_big.py`` checks the
same budgets on 20,000 artists.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.helpers import build_catalogue, make_user

pytestmark = pytest.mark.django_db

# The most queries each page may run (anonymous visitor). A signed-in visitor
# adds two (session and user).
QUERY_BUDGET = {
    "home": 10,
    "artist-list": 7,
    "artist-list-filtered": 10,
    "artist-detail": 9,
    "story-detail": 6,  # the record, read only to render the text (then cached by its hash)
    "city-list": 3,
    "city-list-map": 5,  # the map: its cities, and their artists counted in one GROUP BY
    "city-detail": 7,  # with its former names (merges), cached with its map, and its first venues
    "exhibition-list": 6,
    "exhibition-detail": 5,  # with the stories that tell of the show
    "work-list": 5,
    "work-detail": 4,
    "tag-list": 1,
    "tag-detail": 6,
    "sitemap": 11,  # one count per section, venues included
    "sitemap-artists": 2,
}


def page_urls(artist, story, work, exhibition, city, tag_slug):
    """The pages of the catalogue, named as in QUERY_BUDGET."""
    return {
        "home": "/",
        "artist-list": "/artists/",
        "artist-list-filtered": (
            f"/artists/?q=a&city={city.slug}&country={city.country_code}&discipline=painting&tag={tag_slug}&sort=recent"
        ),
        "artist-detail": artist.get_absolute_url(),
        "story-detail": story.get_absolute_url(),
        "city-list": "/cities/?sort=artists",
        "city-list-map": "/cities/",
        "city-detail": city.get_absolute_url(),
        "exhibition-list": "/exhibitions/",
        "exhibition-detail": exhibition.get_absolute_url(),
        "work-list": "/works/",
        "work-detail": work.get_absolute_url(),
        "tag-list": "/tags/",
        "tag-detail": f"/tags/{tag_slug}/",
        "sitemap": "/sitemap.xml",
        "sitemap-artists": "/sitemap-artists.xml",
    }


def urls_for(catalogue):
    profile = catalogue["profiles"][0]
    return page_urls(
        profile["artist"], profile["story"], profile["work"], profile["exhibition"], catalogue["cities"][0], "steppe"
    )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def measure(client, size):
    return {name: count_queries(client, url) for name, url in urls_for(build_catalogue(size)).items()}


def test_query_counts_do_not_grow_with_the_catalogue(client):
    small = measure(client, 3)
    # A second, larger catalogue in the same database: 43 artists in all.
    large = measure(client, 40)
    assert large == small
    over = {name: count for name, count in small.items() if count > QUERY_BUDGET[name]}
    assert over == {}


@pytest.mark.parametrize("name", sorted(QUERY_BUDGET))
def test_each_page_stays_within_its_budget(client, django_assert_max_num_queries, name):
    url = urls_for(build_catalogue(5))[name]
    with django_assert_max_num_queries(QUERY_BUDGET[name]):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("name", ["artist-detail", "work-detail"])
def test_signed_in_pages_add_only_the_session_user_and_popular_tags(client, django_assert_max_num_queries, name):
    catalogue = build_catalogue(5)
    client.force_login(make_user())
    url = urls_for(catalogue)[name]
    # The session, the user, and the tag form's most used tags (cached until a record changes).
    with django_assert_max_num_queries(QUERY_BUDGET[name] + 3):
        assert client.get(url).status_code == 200
