"""A show shared by two artists' stories, and its venue's page, in Chromium with axe-core (issue 15, item 3)."""

import os

import pytest

from profiles.extraction.reader import StoryText
from profiles.importing import StoryImporter
from profiles.models import Exhibition
from tests.browser.test_accessibility import axe_violations

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ALMATY = {"name": "Almaty", "country": "KZ", "country_name": "Kazakhstan", "latitude": 43.25, "longitude": 76.95}


def import_story(source, name, sentence):
    """A story of ``name`` showing at the Kasteev museum in ``sentence``, imported from its record."""
    text = f"{name} was born in Almaty. {sentence}"
    start = text.index(sentence)
    record = {
        "source": source,
        "artist": {"name": name, "disciplines": ["painting"], "birth_city": {"name": "Almaty", "country": "KZ"}},
        "cities": [ALMATY],
        "exhibitions": [
            {
                "city": {"name": "Almaty", "country": "KZ"},
                "venue": "Kasteev State Museum of Arts",
                "kind": "group",
                "year": 2019,
                "evidence": {"start": start, "end": start + len(sentence), "match": "Kasteev State Museum of Arts"},
            }
        ],
    }
    return StoryImporter().import_story(StoryText(source, text, source), record)


def test_a_shared_exhibition_lists_both_artists_and_links_its_venue(page, live_server, axe_source):
    import_story("aigerim.txt", "Aigerim Bekova", "She showed at the Kasteev State Museum of Arts in 2019.")
    import_story("dawit.txt", "Dawit Sorensen", "In 2019 the Kasteev State Museum of Arts showed his prints.")
    show = Exhibition.objects.get()

    page.goto(live_server.url + show.get_absolute_url())

    assert page.locator("h1").inner_text() == "Group exhibition at Kasteev State Museum of Arts, Almaty"
    artists = page.locator("#artists-heading ~ .cards .card")
    names = {text.strip() for text in page.locator("#artists-heading ~ .cards h3").all_inner_texts()}
    assert artists.count() == 2, names
    assert names == {"Aigerim Bekova", "Dawit Sorensen"}
    assert axe_violations(page, axe_source) == []

    page.get_by_role("link", name="Kasteev State Museum of Arts").first.click()
    page.wait_for_url(f"**{show.venue_record.get_absolute_url()}")
    assert page.locator("h1").inner_text() == "Kasteev State Museum of Arts"
    assert page.get_by_role("link", name=show.title).count() == 1
    assert page.get_by_role("link", name="Dawit Sorensen").count() == 1
    assert axe_violations(page, axe_source) == []
