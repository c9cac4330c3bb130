"""The review queue: the least confident fact first, filters for what is missing, save and review next."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from profiles.models import Artist, City, Exhibition, Work
from tests.helpers import admin_url, form_data

pytestmark = pytest.mark.django_db

QUEUE = "?review=waiting"


@pytest.fixture
def artists(db):
    """Four artists at the same confidence, told apart by their weakest fact."""
    lima = City.objects.create(name="Lima", country_code="PE", country_name="Peru")
    made = {}
    for name, work_confidence, birth_confidence in [
        ("Ada Sure", 0.9, None),
        ("Bea Shaky Work", 0.5, None),
        ("Cai Shaky City", 0.9, 0.3),
        ("Dov Middling", 0.75, None),
    ]:
        evidence = {"name": {"start": 0, "end": 5}}
        if birth_confidence is not None:
            evidence["birth_city"] = {"start": 0, "end": 5, "confidence": birth_confidence}
        artist = Artist.objects.create(name=name, confidence=0.85, birth_city=lima, evidence=evidence)
        Work.objects.create(title=f"Work of {name}", artist=artist, confidence=work_confidence)
        made[name] = artist
    made["Ada Sure"].birth_city = None
    made["Ada Sure"].save()
    return made


def names(response):
    return [row.name for row in response.context["cl"].result_list]


def test_the_queue_puts_the_least_confident_fact_first(editor_client, artists):
    response = editor_client.get(admin_url(Artist) + QUEUE)

    assert names(response) == ["Cai Shaky City", "Bea Shaky Work", "Dov Middling", "Ada Sure"]
    assert "0.30 (birth city)" in response.text
    assert "0.50 (works)" in response.text


def test_the_queue_filters_by_missing_field_and_by_kind_of_fact(editor_client, artists):
    missing = editor_client.get(admin_url(Artist) + QUEUE + "&missing=birth_city")
    no_exhibitions = editor_client.get(admin_url(Artist) + QUEUE + "&missing=exhibitions")
    weakest_works = editor_client.get(admin_url(Artist) + QUEUE + "&weakest=works")
    weakest_city = editor_client.get(admin_url(Artist) + QUEUE + "&weakest=birth_city")

    assert names(missing) == ["Ada Sure"]
    assert len(names(no_exhibitions)) == 4
    assert names(weakest_works) == ["Bea Shaky Work", "Dov Middling"]
    assert names(weakest_city) == ["Cai Shaky City"]
    assert "no birth city" in missing.text
    assert "least sure about" in missing.text


@pytest.mark.parametrize("model", [Work, Exhibition])
def test_every_queue_orders_and_filters(editor_client, artists, model):
    if model is Exhibition:
        for confidence in (0.9, 0.75):
            Exhibition.objects.create(title=f"Show {confidence}", confidence=confidence)
    response = editor_client.get(admin_url(model) + QUEUE + "&missing=" + ("kind" if model is Work else "city"))

    assert response.status_code == 200
    confidences = [row.weakest_fact for row in response.context["cl"].result_list]
    assert confidences == sorted(confidences)
    assert len(confidences) == model.objects.count()


def test_save_and_review_next_walks_the_queue(editor_client, artists):
    queue = editor_client.get(admin_url(Artist) + QUEUE)
    first = queue.context["cl"].result_list[0]
    change_url = admin_url(Artist, "change", first.pk) + "?_changelist_filters=review%3Dwaiting"
    page = editor_client.get(change_url)
    assert "Save and review next" in page.text
    assert "Save and review next" not in editor_client.get(admin_url(Artist, "change", first.pk)).text

    data = form_data(page)
    data["age"] = "44"
    data["_review_next"] = "Save and review next"
    response = editor_client.post(change_url, data)

    assert response.status_code == 302
    following = artists["Bea Shaky Work"]
    assert response["Location"] == admin_url(Artist, "change", following.pk) + "?_changelist_filters=review%3Dwaiting"
    first.refresh_from_db()
    assert (first.age, first.reviewed) == (44, True)
    assert names(editor_client.get(admin_url(Artist) + QUEUE))[0] == "Bea Shaky Work"


def test_the_last_item_goes_back_to_the_empty_queue(editor_client, artists):
    Artist.objects.exclude(pk=artists["Ada Sure"].pk).update(reviewed=True)
    url = admin_url(Artist, "change", artists["Ada Sure"].pk) + "?_changelist_filters=review%3Dwaiting"
    data = {**form_data(editor_client.get(url)), "_review_next": "1"}

    response = editor_client.post(url, data, follow=True)

    assert "The queue is empty" in response.text
    assert names(response) == []


def test_mark_reviewed_asks_first_and_counts_the_facts_it_clears(editor_client, artists):
    selected = [artists["Cai Shaky City"].pk, artists["Bea Shaky Work"].pk]
    ask = editor_client.post(admin_url(Artist), {"action": "mark_reviewed", ACTION_CHECKBOX_NAME: selected})

    assert ask.status_code == 200
    assert "2 artists" in ask.text
    assert "3 facts" in ask.text  # name + birth city, and name
    assert not Artist.objects.filter(reviewed=True).exists()

    done = editor_client.post(
        admin_url(Artist), {"action": "mark_reviewed", ACTION_CHECKBOX_NAME: selected, "confirm": "yes"}, follow=True
    )

    assert "Marked 2 record(s) as reviewed, clearing 3 fact(s)" in done.text
    assert set(Artist.objects.filter(reviewed=True).values_list("pk", flat=True)) == set(selected)
    assert Artist.history.filter(history_change_reason="marked reviewed").count() == 2


def test_reverting_a_record_opened_from_the_queue_stays_in_the_queue(editor_client):
    from profiles import history
    from tests.helpers import imported_catalogue, save_change

    records = imported_catalogue()
    artist = records["artist"]
    history.record_imported([artist], story=records["story"])
    save_change(editor_client, artist, age="93")
    change_url = admin_url(Artist, "change", artist.pk) + "?_changelist_filters=review%3Dwaiting"
    page = editor_client.get(change_url).text
    revert_url = f"/admin/profiles/artist/{artist.pk}/revert-imported/?_changelist_filters=review%3Dwaiting"
    assert f'action="{revert_url}"' in page.replace("&amp;", "&")
    response = editor_client.post(revert_url)
    assert response["Location"] == change_url
    artist.refresh_from_db()
    assert artist.age is None
    assert "Save and review next" in editor_client.get(response["Location"]).text
