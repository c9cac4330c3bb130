"""Search and merges in Chromium, checked with axe-core (issue 15, items 1 and 4): the header box leads to
/search/, a typo gets "did you mean", other names find their city, matches are highlighted; a merged city's
old address answers 301 to the one kept, and search still finds it by its old name."""

import os
import re

import pytest

from profiles.merge import merge_records
from profiles.models import City
from tests.browser.test_accessibility import axe_violations
from tests.helpers import make_profile

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def cities():
    def city(name, code, country, geonames_id=None):
        return City.objects.create(name=name, country_code=code, country_name=country, geonames_id=geonames_id)

    almaty = city("Almaty", "KZ", "Kazakhstan", 1526384)  # the gazetteer knows it as Alma-Ata too
    bishkek = city("Bishkek", "KG", "Kyrgyzstan", 1528675)
    lisbon = city("Lisbon", "PT", "Portugal", 2267057)
    make_profile(
        "Aigerim Sadykova",
        birth_city=almaty,
        other_city=bishkek,
        disciplines=("painting", "drawing"),
        work_title="Steppe Winds",
        venue="Kasteev Museum",
        tags=["kazakh folk"],
    )
    make_profile("Dawit Sørensen", birth_city=lisbon, other_city=almaty, work_title="Salt Light on the Harbour")
    return {"almaty": almaty, "bishkek": bishkek, "lisbon": lisbon}


def search_from_the_header(page, query):
    page.locator(".site-search input[name=q]").fill(query)
    page.locator(".site-search button").click()
    page.wait_for_load_state()


def results(page, kind):
    """The titles of one group of results, as shown."""
    group = page.locator(f"section.search-group:has(h3#group-{kind})")
    return [title.strip() for title in group.locator(".record-list li > a").all_inner_texts()]


def test_search_finds_typos_other_names_and_highlights_what_matched(page, live_server, axe_source, cities):
    page.goto(live_server.url + "/")
    search_from_the_header(page, "Sadikova")
    assert re.search(r"/search/\?q=Sadikova$", page.url)
    # A near miss: found anyway, and the spelling the catalogue uses is offered.
    assert "Aigerim Sadykova" in results(page, "artist")
    suggestion = page.locator(".search-suggestion a")
    assert suggestion.inner_text() == "Sadykova"
    assert axe_violations(page, axe_source) == []

    suggestion.click()
    page.wait_for_load_state()
    assert page.locator(".search-suggestion").count() == 0
    marked = page.locator("#group-artist ~ .record-list li > a mark")
    assert marked.first.inner_text() == "Sadykova"

    # Accents typed or not, and a city's other name.
    search_from_the_header(page, "dawit sorensen")
    assert results(page, "artist")[0] == "Dawit Sørensen"
    assert page.locator("#group-artist ~ .record-list li > a mark").all_inner_texts() == ["Dawit", "Sørensen"]
    search_from_the_header(page, "Alma-Ata")
    assert results(page, "city")[0] == "Almaty"
    reason = page.locator("#group-city ~ .record-list .card__reason").first.inner_text()
    assert reason.startswith("Matched other name")
    assert "Alma" in page.locator("#group-city ~ .record-list .card__reason mark").first.inner_text()
    assert axe_violations(page, axe_source) == []

    # Disciplines and tags are searched too; a result leads to its record.
    search_from_the_header(page, "painter")
    assert results(page, "discipline")[0] == "painting"
    search_from_the_header(page, "kazakh folk")
    page.locator("#group-tag ~ .record-list li > a", has_text="kazakh folk").click()
    page.wait_for_load_state()
    assert "kazakh folk" in page.locator("h1").inner_text()
    assert "Aigerim Sadykova" in page.content()


def test_a_merged_city_redirects_and_search_finds_its_old_name(page, live_server, axe_source, cities):
    almaty = cities["almaty"]
    vernyi = City.objects.create(name="Vernyi", country_code="KZ", country_name="Kazakhstan")
    make_profile("Nurlan Abenov", birth_city=vernyi, other_city=cities["bishkek"], work_title="Dombra Nights")
    old_address = vernyi.get_absolute_url()
    page.goto(live_server.url + old_address)
    assert page.locator("h1").inner_text().startswith("Vernyi")

    merge_records(almaty, [vernyi])

    response = page.goto(live_server.url + old_address)
    assert response.url == live_server.url + almaty.get_absolute_url()
    first = response.request.redirected_from
    assert first is not None
    assert first.url == live_server.url + old_address
    assert first.response().status == 301
    assert page.locator("h1").inner_text().startswith("Almaty")
    assert "Vernyi" in page.locator("main").inner_text()  # "Also known as"
    assert "Nurlan Abenov" in page.locator("main").inner_text()  # the merged city's artist moved over
    assert axe_violations(page, axe_source) == []

    search_from_the_header(page, "Vernyi")
    assert results(page, "city")[0] == "Almaty"
    page.locator("#group-city ~ .record-list li > a").first.click()
    page.wait_for_load_state()
    assert page.url == live_server.url + almaty.get_absolute_url()
