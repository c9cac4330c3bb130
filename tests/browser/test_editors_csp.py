"""Every admin page an editor opens, in Chromium: no Content-Security-Policy violation, none in the console."""

import os

import pytest

from profiles.models import City
from tests.helpers import PASSWORD, imported_catalogue, make_editor
from tests.test_admin_csp import admin_pages

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


def test_every_admin_page_an_editor_opens_raises_no_violation(page, live_server):
    records = imported_catalogue()
    City.objects.create(name="Alma-Ata", country_code="KZ", country_name="Kazakhstan")
    make_editor("dana")
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(WATCH_VIOLATIONS)
    page.goto(live_server.url + "/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("dana")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    problems = {}
    for name, method, url, _ in admin_pages(records):
        if method != "get":
            continue
        response = page.goto(live_server.url + url)
        assert response.status == 200, (name, response.status)
        found = page.evaluate("() => window.__cspViolations")
        if found:
            problems[name] = found
    # The confirmation pages of the actions, reached as an editor reaches them.
    page.goto(live_server.url + "/admin/profiles/artist/")
    page.locator("input.action-select").first.check()
    page.locator("select[name=action]").select_option("mark_reviewed")
    page.locator(".actions button[type=submit]").first.click()
    assert "clears" in page.locator("#content").inner_text()
    problems["mark reviewed"] = page.evaluate("() => window.__cspViolations")

    # The scripted widgets, used: the gazetteer autocomplete, the country dropdown, the story's mentions.
    page.goto(live_server.url + f"/admin/profiles/artist/{records['artist'].pk}/change/")
    page.locator(".field-birth_city .select2-selection").click()
    page.locator(".select2-dropdown .select2-search__field").fill("Tashk")
    page.locator(".select2-results__option", has_text="Tashkent, Uzbekistan").click()
    problems["gazetteer autocomplete"] = page.evaluate("() => window.__cspViolations")
    page.goto(live_server.url + "/admin/profiles/city/add/")
    page.locator(".field-from_gazetteer .select2-selection").click()
    page.locator(".select2-dropdown .select2-search__field").fill("Bishk")
    page.locator(".select2-results__option", has_text="Bishkek, Kyrgyzstan").click()
    assert page.get_by_label("Country name:").input_value() == "Kyrgyzstan"
    problems["city from the gazetteer"] = page.evaluate("() => window.__cspViolations")
    page.goto(live_server.url + "/admin/profiles/artist/")
    page.locator("#changelist-filter .select2-selection").first.click()
    page.locator(".select2-dropdown .select2-search__field").fill("Kaz")
    page.locator(".select2-results__option", has_text="Kazakhstan (KZ)").click()
    page.wait_for_url("**birth_city_country=KZ**")
    problems["country dropdown"] = page.evaluate("() => window.__cspViolations")
    page.locator("form.city-filter .select2-selection").first.click()
    page.locator(".select2-dropdown .select2-search__field").fill("Almat")
    page.locator(".select2-results__option", has_text="Almaty, Kazakhstan").click()
    page.wait_for_url("**birth_city=**")
    assert page.locator("#result_list tbody tr").count() == 1
    problems["city filter"] = page.evaluate("() => window.__cspViolations")
    story = records["story"]
    start = story.text.index("Kasteev Museum")
    story.record = {"mentions": [{"start": start, "end": start + 14, "label": "VENUE", "text": "Kasteev Museum"}]}
    story.save()
    page.goto(live_server.url + f"/admin/profiles/story/{story.pk}/change/")
    page.locator("#story-text .mention").first.focus()
    page.keyboard.press("Enter")
    assert page.locator("#id_start").input_value() == str(start)
    problems["story mentions"] = page.evaluate("() => window.__cspViolations")

    assert {name: found for name, found in problems.items() if found} == {}
    assert [text for text in console if "Content Security Policy" in text] == []
