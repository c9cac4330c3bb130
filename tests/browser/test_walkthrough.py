"""A visitor's walk through the catalogue in a real browser."""

import os
import re

import pytest

from tests.helpers import build_catalogue, make_user

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_walk_search_filter_sign_in_and_tag(page, live_server):
    catalogue = build_catalogue(8)
    make_user("visitor", "a-long-test-password")
    first = catalogue["artists"][7]  # the newest, so on the home page
    neighbour = catalogue["artists"][1]  # born in the same city as the first
    base = live_server.url

    # Home -> an artist.
    page.goto(base + "/")
    assert page.locator("h1").inner_text() == "The catalogue"
    page.get_by_role("link", name=first.name).first.click()
    assert page.locator("h1").inner_text().startswith(first.name)

    # Artist -> the city they were born in -> another artist born there.
    page.locator(".infobox").get_by_role("link", name=first.birth_city.name).first.click()
    assert page.locator("h1").inner_text() == first.birth_city.name
    page.locator("#born-heading + .cards").get_by_role("link", name=neighbour.name).click()
    assert page.locator("h1").inner_text().startswith(neighbour.name)

    # A fact links to its sentence in the story, which is highlighted there.
    page.locator(".infobox a.evidence-link").first.click()
    assert "#s-" in page.url
    anchor = page.url.split("#")[1]
    assert page.locator(f"#{anchor}:target").count() == 1
    highlighted = page.locator(f'[data-ev~="{anchor}"]')
    assert neighbour.birth_city.name in " ".join(highlighted.all_inner_texts())
    colour = highlighted.first.evaluate("element => getComputedStyle(element).backgroundColor")
    assert colour == "rgb(255, 240, 179)"  # --mark
    assert (
        page.locator(f'.ev:not([data-ev~="{anchor}"])').first.evaluate(
            "element => getComputedStyle(element).backgroundColor"
        )
        == "rgba(0, 0, 0, 0)"
    )

    # Search everything from the header, then the artist list's own search.
    page.goto(base + "/")
    page.get_by_role("searchbox", name="Search the catalogue").fill("Work number 3")
    page.get_by_role("searchbox", name="Search the catalogue").press("Enter")
    assert "/search/?q=Work+number+3" in page.url
    assert "Work number 3" in page.locator(".search-group a").all_inner_texts()
    page.goto(base + "/artists/")
    page.get_by_role("searchbox", name="Search artists by name, city, work or venue").fill("Work number 3")
    page.get_by_role("searchbox", name="Search artists by name, city, work or venue").press("Enter")
    assert "q=Work+number+3" in page.url
    assert page.locator(".results .card__title").all_inner_texts() == ["Artist 0003 Example"]

    # Filter by a discipline, then narrow by a city: the facets combine.
    page.goto(base + "/artists/")
    page.locator(".facets").get_by_role("link", name="music", exact=True).click()
    assert "discipline=music" in page.url
    musicians = page.locator(".results .card").count()
    assert 0 < musicians < 8
    for meta in page.locator(".results .card__meta").all_inner_texts():
        assert "music" in meta
    page.locator("#facet-city + ul a").first.click()
    assert "discipline=music" in page.url
    assert "city=" in page.url
    assert page.locator(".active-filters .chip").count() == 2

    # Sign in, coming back to the artist page.
    page.goto(base + first.get_absolute_url())
    page.locator("#tags").get_by_role("link", name="Sign in").click()
    page.get_by_label("Username").fill("visitor")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    assert page.url.endswith(first.get_absolute_url())
    assert "Signed in as visitor" in page.locator(".site-account").inner_text()

    # Tag the artist; the tag shows escaped and leads to its page.
    page.get_by_label("Add tags").fill("  Windswept Plains , windswept plains, dusk ")
    page.get_by_role("button", name="Add", exact=True).click()
    tags = page.locator("#tags .tag").all_inner_texts()
    assert "Windswept Plains" in tags
    assert "dusk" in tags
    assert len([tag for tag in tags if tag.lower() == "windswept plains"]) == 1
    page.locator("#tags").get_by_role("link", name="Windswept Plains").click()
    assert re.search(r"/tags/windswept-plains/$", page.url)
    assert page.locator("h1").inner_text() == "Tagged “Windswept Plains”"
    assert first.name in page.locator("main").inner_text()

    # Take the tag away again.
    page.goto(base + first.get_absolute_url())
    page.get_by_role("button", name="Remove the tag dusk").click()
    assert "dusk" not in page.locator("#tags .tag").all_inner_texts()
