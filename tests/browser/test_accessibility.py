"""axe-core on the main pages: no serious or critical violations."""

import os

import pytest

from tests.helpers import build_catalogue, make_user

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def axe_violations(page, axe_source):
    # Evaluated by the test driver, not added as an inline <script>: the pages' CSP forbids those.
    page.evaluate(axe_source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in result["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def test_main_pages_have_no_serious_accessibility_violations(page, live_server, axe_source):
    catalogue = build_catalogue(6)
    profile = catalogue["profiles"][0]
    pages = [
        "/",
        "/artists/",
        "/artists/?discipline=music",
        profile["artist"].get_absolute_url(),
        profile["story"].get_absolute_url(),
        profile["work"].get_absolute_url(),
        profile["exhibition"].get_absolute_url(),
        "/cities/",
        catalogue["cities"][0].get_absolute_url(),
        "/works/",
        "/exhibitions/",
        "/tags/",
        "/tags/steppe/",
        "/accounts/login/",
        "/no-such-page/",
    ]
    problems = {}
    for path in pages:
        page.goto(live_server.url + path)
        found = axe_violations(page, axe_source)
        if found:
            problems[path] = found
    assert problems == {}


def test_signed_in_artist_page_with_the_tag_form_is_accessible(page, live_server, axe_source):
    artist = build_catalogue(2)["artists"][0]
    make_user("visitor", "a-long-test-password")
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Username").fill("visitor")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.goto(live_server.url + artist.get_absolute_url())
    page.get_by_label("Add tags").fill("<b>bold</b>")
    page.get_by_role("button", name="Add", exact=True).click()
    assert page.locator("#tags .errorlist").count() == 1
    assert axe_violations(page, axe_source) == []
