"""History: each admin change is kept with who, when, old and new values, and can be reverted."""

import pytest
from django.urls import reverse

from profiles.models import Artist, City, Discipline, Exhibition, Work
from tests.helpers import admin_url, form_data, imported_catalogue, run_command, save_change

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


# --- history from the first write: the import --------------------------------------------

NURLAN = (
    "Nurlan Sadykov was a 38-year-old sculptor whose felt figures carried the wind of the mountains into "
    "museums far away. He was born in Bishkek, Kyrgyzstan, where his mother sewed felt carpets for the bazaar.\n\n"
    "His breakthrough came with *Felt Mountains*, a large sculpture of grey felt and wire.\n\n"
    "In 2019 the Kasteev Museum in Almaty gave him a solo exhibition, and people queued in the snow to see it.\n"
)


@pytest.fixture
def imported(tmp_path):
    folder = tmp_path / "stories"
    folder.mkdir()
    (folder / "nurlan.txt").write_text(NURLAN, encoding="utf-8")
    out, err, status = run_command("loadstories", str(folder / "nurlan.txt"))
    assert status == 0, err
    return folder / "nurlan.txt"


def reimport(path, old, new):
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    out, err, status = run_command("loadstories", str(path))
    assert status == 0, err


def test_the_import_writes_each_records_first_version_with_its_links(imported):
    artist = Artist.objects.get(name="Nurlan Sadykov")
    exhibition = Exhibition.objects.get(artists=artist)
    work = Work.objects.get(artist=artist)

    for record in (artist, work, exhibition):
        entries = list(type(record).history.filter(id=record.pk))
        assert [(entry.history_type, entry.history_change_reason) for entry in entries] == [
            ("+", "imported from nurlan.txt")
        ]
    first = artist.history.get()
    assert first.story_id == artist.story_id
    assert first.birth_city.name == "Bishkek"
    assert [row.discipline.name for row in first.disciplines.all()] == ["sculpture"]
    assert {row.city.name for row in first.cities.all()} == {"Bishkek", "Almaty"}
    assert [row.artist_id for row in exhibition.history.get().artists.all()] == [artist.pk]


def test_a_reimport_writes_only_what_changed(imported):
    artist = Artist.objects.get(name="Nurlan Sadykov")
    reimport(imported, "38-year-old", "41-year-old")

    entries = list(artist.history.order_by("history_date", "history_id"))
    assert [entry.history_type for entry in entries] == ["+", "~"]
    delta = entries[1].diff_against(entries[0])
    assert {change.field for change in delta.changes} <= {"age", "summary"}  # the summary quotes the age
    assert "age" in {change.field for change in delta.changes}
    work = Work.objects.get(artist=artist)
    assert work.history.count() == 1  # the work did not change


def test_the_history_page_shows_the_import_and_a_readable_diff(imported, editor_client):
    artist = Artist.objects.get(name="Nurlan Sadykov")
    almaty = City.objects.get(name="Almaty")

    save_change(editor_client, artist, birth_city=str(almaty.pk), tags="felt, wind")

    entries = list(artist.history.order_by("history_date", "history_id"))
    assert [entry.history_change_reason for entry in entries] == ["imported from nurlan.txt", "changed in the admin"]
    page = editor_client.get(admin_url(Artist, "history", artist.pk)).text
    assert "imported from nurlan.txt" in page
    assert "the importer" in page
    assert "First version." in page
    assert "<del>Bishkek, Kyrgyzstan</del> &rarr; <ins>Almaty, Kazakhstan</ins>" in page
    assert "<strong>Tags:</strong> <del>none</del> &rarr; <ins>felt, wind</ins>" in page
    assert "style=" not in page


def test_many_to_many_changes_are_one_entry_with_the_links(imported, editor_client):
    artist = Artist.objects.get(name="Nurlan Sadykov")
    painting = Discipline.objects.get(name="painting")
    sculpture = Discipline.objects.get(name="sculpture")

    save_change(editor_client, artist, disciplines=[str(painting.pk), str(sculpture.pk)])

    latest = artist.history.latest()
    assert latest.history_user is not None
    assert artist.history.count() == 2
    assert sorted(row.discipline.name for row in latest.disciplines.all()) == ["painting", "sculpture"]
    page = editor_client.get(admin_url(Artist, "history", artist.pk)).text
    assert "<strong>Disciplines:</strong> <del>[sculpture]</del> &rarr; <ins>[painting, sculpture]</ins>" in page


# --- revert to the imported version --------------------------------------------------------


def test_revert_to_the_imported_version_is_one_action_and_survives_a_reimport(imported, editor_client, editor):
    artist = Artist.objects.get(name="Nurlan Sadykov")
    almaty = City.objects.get(name="Almaty")
    save_change(editor_client, artist, birth_city=str(almaty.pk), age="60", tags="mistake", disciplines=[])
    change_page = editor_client.get(admin_url(Artist, "change", artist.pk)).text
    assert "Revert to the imported version" in change_page

    response = editor_client.post(admin_url(Artist, "revert_imported", artist.pk))

    assert response.status_code == 302
    artist.refresh_from_db()
    assert (artist.birth_city.name, artist.age) == ("Bishkek", 38)
    assert list(artist.disciplines.values_list("name", flat=True)) == ["sculpture"]
    assert list(artist.tags.names()) == []
    latest = artist.history.latest()
    assert (latest.history_change_reason, latest.history_user) == ("reverted to the imported version", editor)
    # The revert is a person's decision: the story changing later does not undo it.
    assert {"birth_city", "age", "disciplines", "tags"} <= set(artist.edited_fields)
    reimport(imported, "38-year-old", "41-year-old")
    artist.refresh_from_db()
    assert artist.age == 38


def test_revert_needs_a_post_and_an_imported_version(editor_client, catalogue):
    artist = catalogue["artist"]  # made directly, never imported
    url = admin_url(Artist, "revert_imported", artist.pk)

    assert editor_client.get(url).status_code == 405
    response = editor_client.post(url, follow=True)

    assert "has no imported version" in response.text
    assert "Revert to the imported version" not in editor_client.get(admin_url(Artist, "change", artist.pk)).text


# --- merges ----------------------------------------------------------------------------------


def test_a_merge_is_recorded_as_a_merge_naming_both_records(imported, editor_client, editor):
    from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

    artist = Artist.objects.get(name="Nurlan Sadykov")
    bishkek = artist.birth_city
    duplicate = City.objects.create(name="Bishkek City", country_code="KG", country_name="Kyrgyzstan")
    save_change(editor_client, artist, birth_city=str(duplicate.pk))

    response = editor_client.post(
        admin_url(City, "changelist"),
        {
            "action": "merge_selected",
            ACTION_CHECKBOX_NAME: [bishkek.pk, duplicate.pk],
            "apply": "1",
            "keep": bishkek.pk,
        },
    )

    assert response.status_code == 302
    reason = f"Bishkek City, Kyrgyzstan #{duplicate.pk} merged into Bishkek, Kyrgyzstan #{bishkek.pk}"
    latest = artist.history.latest()
    assert (latest.history_change_reason, latest.history_user) == (reason, editor)
    kept = City.history.filter(id=bishkek.pk).latest()
    assert kept.history_change_reason == f"merged Bishkek City, Kyrgyzstan #{duplicate.pk} into this record"
    gone = City.history.filter(id=duplicate.pk).latest()
    assert (gone.history_type, gone.history_change_reason) == ("-", f"merged into Bishkek, Kyrgyzstan #{bishkek.pk}")
    page = editor_client.get(admin_url(Artist, "history", artist.pk)).text
    assert f"Bishkek City, Kyrgyzstan #{duplicate.pk} (merged into Bishkek, Kyrgyzstan #{bishkek.pk})" in page
    assert "Deleted city" not in page
