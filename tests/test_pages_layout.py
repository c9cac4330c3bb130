"""What phones and the infobox show (issue 15, item 7), checked in the HTML; tests/browser/ measures it."""

import re

import pytest

from profiles.models import Artist
from tests.helpers import build_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    return build_catalogue(3)


def test_a_country_chip_names_the_country(client, catalogue):
    page = client.get("/artists/?country=KG").content.decode()
    chip = re.search(r'<a class="chip"[^>]*>(.*?)<span', page, re.S).group(1)
    assert "Kyrgyzstan" in chip
    assert "KG" not in chip


def test_results_come_before_the_filters_and_facets_fold(client, catalogue):
    page = client.get("/artists/").content.decode()
    assert page.index('id="results-heading"') < page.index('id="filters"')
    assert '<details class="facet" open>' in page
    assert 'href="#filters"' in page  # a way to the filters from the top of the results
    assert 'class="has-list-search"' in page  # the header's search box steps aside on phones


def test_the_infobox_hides_what_the_story_does_not_state_and_names_its_source(client, catalogue):
    artist = catalogue["profiles"][0]["artist"]
    Artist.objects.filter(pk=artist.pk).update(age=None, pronoun="unknown")
    page = client.get(artist.get_absolute_url()).content.decode()
    assert "Not stated" not in page
    assert "<dt>Age</dt>" not in page
    assert "<dt>Pronoun</dt>" not in page
    assert "<dt>Born in</dt>" in page
    source = re.search(r"<dt>Source</dt><dd>(.*?)</dd>", page, re.S).group(1)
    assert f"The story of {artist.name}" in source
    assert ".txt" not in source
