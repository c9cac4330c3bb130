"""The three maps and the phone layout in Chromium, checked with axe-core (issue 15, items 2 and 7).

The README's screenshots of these pages come from tools/take_screenshots.py.
"""

import os

import pytest

from tests.browser.test_accessibility import axe_violations
from tests.helpers import build_catalogue

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}
# What a visitor taps: links and controls outside running text (WCAG 2.5.8: at least 24 x 24 CSS px).
TARGETS = (
    ".evidence-link, .chip, .facet a, .facet summary, .facet-values a, .pagination a, .site-nav a, button, "
    ".list-search input"
)


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def test_the_three_maps_render_with_their_lists_and_are_accessible(page, live_server, axe_source):
    catalogue = build_catalogue(6)
    artist = catalogue["profiles"][0]["artist"]
    city = catalogue["profiles"][0]["exhibition"].city
    for path, selector in [
        (city.get_absolute_url(), "svg.map--city"),
        (artist.get_absolute_url(), "svg.map--journey"),
        ("/cities/", "svg.map--catalogue"),
    ]:
        page.goto(live_server.url + path)
        svg = page.locator(selector)
        assert svg.count() == 1, path
        box = svg.bounding_box()
        assert box["width"] > 200, path  # drawn, not collapsed
        assert box["height"] > 80, path
        assert svg.locator("path").count() > 10, path  # country outlines
        assert svg.locator("circle").count() >= 1, path  # the places
        assert page.locator(".map-list li").count() >= 1, path  # the text list beside it
        assert axe_violations(page, axe_source) == [], path


def test_on_a_phone_the_first_result_is_above_the_fold_and_targets_are_big_enough(phone, live_server, axe_source):
    catalogue = build_catalogue(30)
    phone.goto(live_server.url + "/artists/?country=KG")
    first = phone.locator(".results .card").first
    assert first.bounding_box()["y"] + 40 < PHONE["height"]  # its title is on the first screen
    assert phone.locator(".site-search").is_hidden()  # one search box: the list's own
    assert phone.locator(".list-search").is_visible()
    assert "Kyrgyzstan" in phone.locator(".chip").first.inner_text()
    small = too_small_targets(phone)
    assert small == [], small
    assert axe_violations(phone, axe_source) == []

    # Several values of a facet: a chip each; the facet's own page lists every value, big enough to tap.
    phone.goto(live_server.url + "/artists/?country=KG&country=KZ")
    chips = sorted(chip.split("×")[0].strip() for chip in phone.locator(".chip").all_inner_texts())
    assert chips == ["Country: Kazakhstan", "Country: Kyrgyzstan"]
    phone.goto(live_server.url + "/artists/facets/tag/")
    assert phone.locator(".facet-values li").count() >= 5
    small = too_small_targets(phone)
    assert small == [], small
    assert axe_violations(phone, axe_source) == []

    phone.goto(live_server.url + catalogue["profiles"][0]["artist"].get_absolute_url())
    assert phone.locator(".evidence-link").count() >= 3
    small = too_small_targets(phone)
    assert small == [], small
    assert axe_violations(phone, axe_source) == []


def too_small_targets(page):
    """Visible targets narrower or shorter than 24 CSS px, described."""
    return page.evaluate(
        """selector => [...document.querySelectorAll(selector)]
            .map(element => [element, element.getBoundingClientRect()])
            .filter(([element, box]) => box.width > 0 && box.height > 0 && (box.width < 24 || box.height < 24))
            .map(([element, box]) => `${element.className || element.tagName}`
                 + ` ${element.textContent.trim().slice(0, 20)} ${Math.round(box.width)}x${Math.round(box.height)}`)""",
        TARGETS,
    )
