"""A visitor's walk through the catalogue in a real browser."""

import os
import re

import pytest
from playwright.sync_api import expect

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
    # --mark, from the story's highlights stylesheet (it may arrive after the text: wait for it).
    expect(highlighted.first).to_have_css("background-color", "rgb(255, 240, 179)")
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
    page.wait_for_url(re.compile(r"/search/\?q=Work\+number\+3"))  # and its load: the results are read next
    assert "Work number 3" in page.locator(".search-group a").all_inner_texts()
    page.goto(base + "/artists/")
    page.get_by_role("searchbox", name="Search artists by name, city, work or venue").fill("Work number 3")
    page.get_by_role("searchbox", name="Search artists by name, city, work or venue").press("Enter")
    page.wait_for_url(re.compile(r"q=Work\+number\+3"))
    expect(page.locator(".results .card__title")).to_have_text(["Artist 0003 Example"])

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


ARUZHAN = (
    "Aruzhan Temirova is a 33-year-old photographer who grew up in Almaty. Her family came there from "
    "Shymkent, the city of her birth, when she was two.\n\n"
    "Her series *Winter Bazaar* was shown in 2022 at the Kasteev Museum in Almaty.\n"
)
NURLAN = (
    "Nurlan Sadykov was a 38-year-old sculptor whose felt figures carried the wind of the mountains into "
    "museums far away. He was born in Bishkek, Kyrgyzstan, where his mother sewed felt carpets for the bazaar.\n\n"
    "His breakthrough came with *Felt Mountains*, a large sculpture of grey felt and wire.\n"
)


def test_an_editor_fixes_records_from_the_queue_and_a_reimport_keeps_the_fixes(page, live_server, tmp_path, axe_source):
    from profiles.models import Artist
    from tests.browser.test_accessibility import axe_violations
    from tests.helpers import PASSWORD, make_editor, run_command

    folder = tmp_path / "stories"
    folder.mkdir()
    (folder / "aruzhan.txt").write_text(ARUZHAN, encoding="utf-8")
    (folder / "nurlan.txt").write_text(NURLAN, encoding="utf-8")
    assert run_command("loadstories", str(folder))[2] == 0
    assert Artist.objects.get(name="Aruzhan Temirova").birth_city.name == "Almaty"  # the importer's mistake
    make_editor("dana")
    base = live_server.url

    # The queue, from the admin's home page.
    page.goto(base + "/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("dana")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Artists to review").click()
    assert "review=waiting" in page.url
    page.locator("#result_list").get_by_role("link", name="Aruzhan Temirova").click()
    page.wait_for_url("**/change/**")
    assert page.get_by_role("button", name="Save and review next").count() == 1

    # Her story, from the record's provenance; the words "Shymkent" chosen with the keyboard.
    page.locator(".field-story_link").get_by_role("link", name="aruzhan.txt").click()
    page.wait_for_url("**/story/**")
    assert page.locator("#story-text .mention-city").count() >= 2
    assert axe_violations(page, axe_source) == []  # the text, its mentions as buttons, the fix form
    page.locator("#story-text .mention-city", has_text="Shymkent").focus()
    page.keyboard.press("Enter")
    assert "Shymkent" in page.locator("#story-fix-chosen").inner_text()
    page.get_by_label("the artist's birth city").check()
    page.locator(".field-city .select2-selection").click()
    page.locator(".select2-dropdown .select2-search__field").fill("Shym")
    page.locator(".select2-results__option", has_text="Shymkent, Kazakhstan (KZ)").click()
    page.get_by_role("button", name="Fix the record").click()
    assert "Aruzhan Temirova was born in Shymkent, Kazakhstan." in page.locator(".messagelist").inner_text()
    shymkent = Artist.objects.get(name="Aruzhan Temirova").birth_city
    assert (shymkent.name, shymkent.country_name) == ("Shymkent", "Kazakhstan")
    assert shymkent.latitude is not None

    # Back to the queue: save her as reviewed and move on to the next record.
    page.goto(base + "/admin/profiles/artist/?review=waiting")
    page.locator("#result_list").get_by_role("link", name="Aruzhan Temirova").click()
    page.wait_for_url("**/change/**")
    assert "Shymkent, Kazakhstan" in page.locator("#id_birth_city option:checked").inner_text()
    page.get_by_role("button", name="Save and review next").click()
    assert "Next: “Nurlan Sadykov”" in page.locator(".messagelist").inner_text()
    assert page.locator("#id_name").input_value() == "Nurlan Sadykov"

    # Another record: a slip of the keyboard, then back to what was imported in one action.
    page.locator("#id_age").fill("93")
    page.get_by_role("button", name="Save and continue editing").click()
    assert Artist.objects.get(name="Nurlan Sadykov").age == 93
    page.get_by_role("button", name="Revert to the imported version").click()
    assert "back to its imported version" in page.locator(".messagelist").inner_text()
    assert page.locator("#id_age").input_value() == "38"
    page.get_by_role("button", name="Save and review next").click()
    assert "The queue is empty" in page.locator(".messagelist").inner_text()

    # The stories change and are imported again: both fixes stay.
    (folder / "aruzhan.txt").write_text(ARUZHAN.replace("2022", "2023"), encoding="utf-8")
    (folder / "nurlan.txt").write_text(NURLAN.replace("38-year-old", "41-year-old"), encoding="utf-8")
    out, err, status = run_command("loadstories", str(folder))
    assert status == 0, err
    aruzhan, nurlan = Artist.objects.get(name="Aruzhan Temirova"), Artist.objects.get(name="Nurlan Sadykov")
    assert aruzhan.birth_city == shymkent
    assert aruzhan.story.text.count("2023") == 1  # the new text was imported
    assert nurlan.age == 38  # as reverted: the editor's choice, not the new text's 41
    page.goto(base + f"/admin/profiles/artist/{aruzhan.pk}/change/")
    assert "Shymkent, Kazakhstan" in page.locator("#id_birth_city option:checked").inner_text()
