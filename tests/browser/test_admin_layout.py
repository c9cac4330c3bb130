"""The admin at 1,280 x 800 in Chromium: lists that fit, names that do not wrap to a column of letters, long
filters as one searchable dropdown."""

import os

import pytest

from profiles.extraction.gazetteer import default_gazetteer
from profiles.models import City
from tests.helpers import PASSWORD, make_city, make_editor, make_profile

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LONG_NAMES = [
    "Aigerim Bekmukhambetova-Sarsenbayeva",
    "Maximiliano Fernández de la Concepción",
    "Oluwaseun Adebayo-Okonkwo",
    "Nguyễn Thị Minh Khai Phương",
    "Kristjan Þorvaldsson Guðmundsdóttir",
]

LAYOUT = """() => {
  const names = [...document.querySelectorAll('#result_list .field-name, #result_list .field-title')]
    .filter((cell) => cell.closest('tbody'));
  const lines = names.map((cell) => {
    const link = cell.querySelector('a') || cell;
    const height = parseFloat(getComputedStyle(link).lineHeight) || 16;
    return Math.round(link.getBoundingClientRect().height / height);
  });
  const results = document.querySelector('.results');
  const visibleRight = results.getBoundingClientRect().right + 1;
  return {
    pageWidth: document.documentElement.scrollWidth,
    hiddenColumns: [...document.querySelectorAll('#result_list thead th')]
      .filter((th) => th.getBoundingClientRect().right > visibleRight)
      .map((th) => th.innerText),
    clipped: results.scrollWidth - results.clientWidth,
    maxNameLines: Math.max(...lines),
    filterHeight: document.querySelector('#changelist-filter').getBoundingClientRect().height,
  };
}"""


@pytest.fixture
def crowded_catalogue():
    """Long names, several disciplines each, and cities in some 180 countries (a long country filter)."""
    almaty, bishkek = make_city("Almaty", "KZ", "Kazakhstan"), make_city("Bishkek", "KG", "Kyrgyzstan")
    disciplines = ("painting", "sculpture", "photography", "film")
    for number, name in enumerate(LONG_NAMES * 4):
        make_profile(
            f"{name} {number}",
            birth_city=(almaty, bishkek)[number % 2],
            other_city=(bishkek, almaty)[number % 2],
            disciplines=disciplines[: 2 + number % 3],
            work_title=f"Work {number}",
        )
    countries = default_gazetteer().country_names
    City.objects.bulk_create(
        City(name=f"Capital of {code}", slug=f"capital-{code.lower()}", country_code=code, country_name=name)
        for code, name in sorted(countries.items())[:180]
        if code not in ("KZ", "KG")
    )


def sign_in(page, live_server):
    make_editor("dana")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("dana")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_the_record_lists_fit_a_1280_pixel_screen(page, live_server, crowded_catalogue):
    sign_in(page, live_server)
    for path in ["artist/", "artist/?review=waiting", "work/?review=waiting", "exhibition/?review=waiting", "city/"]:
        page.goto(f"{live_server.url}/admin/profiles/{path}")
        layout = page.evaluate(LAYOUT)
        assert layout["pageWidth"] <= 1280, (path, layout)
        assert layout["hiddenColumns"] == [], (path, layout)
        assert layout["clipped"] <= 0, (path, layout)
        assert layout["maxNameLines"] <= 2, (path, layout)


@pytest.mark.parametrize("query", ["", "?review=waiting"])
def test_the_artist_list_has_short_filters_and_plain_marks(page, live_server, crowded_catalogue, query):
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/admin/profiles/artist/{query}")
    layout = page.evaluate(LAYOUT)
    assert layout["pageWidth"] <= 1280, layout
    assert layout["hiddenColumns"] == [], layout
    assert layout["clipped"] <= 0, layout
    assert layout["maxNameLines"] <= 2, layout
    # The birth-country filter is one dropdown, not 180 links down the page.
    assert page.locator("#changelist-filter a[href*='birth_city_country=']").count() == 0
    assert page.locator("select[name=birth_city_country] option").count() > 150
    assert layout["filterHeight"] < 2000, layout  # 180 country links made it 4,300 px
    # "Edited by hand" only where true: no red cross meaning "not edited".
    assert page.locator("#result_list img[src*='icon-no']").count() == 0


def test_the_country_dropdown_is_searchable_and_filters(page, live_server, crowded_catalogue, axe_source):
    from tests.browser.test_accessibility import axe_violations

    sign_in(page, live_server)
    page.goto(f"{live_server.url}/admin/profiles/artist/?review=waiting")
    assert axe_violations(page, axe_source) == []
    page.locator("#changelist-filter .select2-selection").first.click()
    page.locator(".select2-dropdown .select2-search__field").fill("Kyrgyz")
    page.locator(".select2-results__option", has_text="Kyrgyzstan (KG)").click()
    page.wait_for_url("**birth_city_country=KG**")
    assert "review=waiting" in page.url  # the other filters stay
    names = page.locator("#result_list tbody th.field-name").all_inner_texts()
    assert len(names) == 10
    assert all(int(name.rsplit(" ", 1)[1]) % 2 == 1 for name in names)  # those born in Bishkek
