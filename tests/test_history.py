"""History: each admin change is kept with who, when, old and new values, and can be reverted."""

import pytest
from django.urls import reverse

from profiles.models import Artist, City, Exhibition, Work
from tests.helpers import admin_url, form_data, imported_catalogue, save_change

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(db):
    return imported_catalogue()


def test_a_change_is_recorded_with_who_when_and_the_old_and_new_values(editor_client, editor, catalogue):
    artist = catalogue["artist"]

    save_change(editor_client, artist, name="Aru Testova", age="41")

    latest = artist.history.latest()
    assert latest.history_user == editor
    assert latest.history_type == "~"
    changes = {change.field: (change.old, change.new) for change in latest.diff_against(latest.prev_record).changes}
    assert changes["name"] == ("Aru Test", "Aru Testova")
    assert changes["age"] == (None, 41)
    assert changes["edited_fields"] == ([], ["name", "age"])

    page = editor_client.get(admin_url(Artist, "history", artist.pk)).text
    assert "editor" in page
    assert "Aru Test" in page
    assert "Aru Testova" in page
    assert "&rarr;" in page  # old -> new


@pytest.mark.parametrize(
    ("key", "field", "value"),
    [("city", "name", "Almaty City"), ("work", "title", "Salt"), ("exhibition", "venue", "Kasteev")],
)
def test_every_record_page_keeps_history(editor_client, editor, catalogue, key, field, value):
    record = catalogue[key]

    save_change(editor_client, record, **{field: value})

    latest = type(record).history.filter(id=record.pk).latest()
    assert (getattr(latest, field), latest.history_user) == (value, editor)
    assert editor_client.get(admin_url(type(record), "history", record.pk)).status_code == 200


def test_a_change_is_reverted_from_the_history_page(editor_client, editor, catalogue):
    artist = catalogue["artist"]
    save_change(editor_client, artist, name="Aru Mistake", summary="Wrong.")
    before = artist.history.order_by("history_date").first()

    revert_url = reverse("admin:profiles_artist_simple_history", args=[artist.pk, before.history_id])
    page = editor_client.get(revert_url)
    assert page.status_code == 200
    assert "Revert" in page.text
    response = editor_client.post(revert_url, form_data(page))

    assert response.status_code == 302, response.context["adminform"].form.errors
    artist.refresh_from_db()
    assert (artist.name, artist.summary) == ("Aru Test", "")
    latest = artist.history.latest()
    assert latest.history_user == editor
    assert latest.name == "Aru Test"
    # A revert is itself a person's edit: the importer must not undo it either.
    assert {"name", "summary"} <= set(artist.edited_fields)
    assert artist.is_edited
    # Fields history does not keep (evidence) survive the revert.
    assert artist.evidence["name"]["match"]


def test_a_deletion_is_recorded_with_who(editor_client, editor, catalogue):
    work = catalogue["work"]

    editor_client.post(admin_url(Work, "delete", work.pk), {"post": "yes"})

    deleted = Work.history.filter(id=work.pk).latest()
    assert (deleted.history_type, deleted.history_user, deleted.title) == ("-", editor, "Salt Road")


def test_history_lists_are_there_for_every_tracked_model(editor_client, catalogue):
    for model in (Artist, City, Exhibition, Work):
        record = model.objects.first()
        assert editor_client.get(admin_url(model, "history", record.pk)).status_code == 200
