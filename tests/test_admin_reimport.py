"""End to end: what an editor does in the admin survives ``loadstories`` re-importing a changed story."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from profiles.models import Artist, DeletedRecord, Exhibition, Work
from tests.helpers import admin_url, form_data, run_command, save_change

pytestmark = pytest.mark.django_db

STORY = (
    "Nurlan Sadykov was a 38-year-old sculptor whose felt figures carried the wind of the mountains into "
    "museums far away. He was born in Bishkek, Kyrgyzstan, where his mother sewed felt carpets for the bazaar.\n\n"
    "His breakthrough came with *Felt Mountains*, a large sculpture of grey felt and wire.\n\n"
    "In 2019 the Kasteev Museum in Almaty gave him a solo exhibition, and people queued in the snow to see it.\n\n"
    "Today Nurlan Sadykov still works every morning in a small studio near the bazaar, and he says the "
    "mountains are his first teacher.\n"
)


@pytest.fixture
def stories(tmp_path):
    """A private folder with one story of our own, imported once."""
    folder = tmp_path / "stories"
    folder.mkdir()
    (folder / "nurlan-sadykov.txt").write_text(STORY, encoding="utf-8")
    out, err, status = run_command("loadstories", str(folder))
    assert status == 0, err
    return folder


def rewrite(folder, old, new):
    path = folder / "nurlan-sadykov.txt"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_edited_field_survives_a_reimport_of_a_changed_story(stories, editor_client):
    artist = Artist.objects.get(name="Nurlan Sadykov")
    assert artist.age == 38
    save_change(editor_client, artist, age="39")
    rewrite(stories, "a 38-year-old sculptor", "a 41-year-old sculptor")

    dry_out, dry_err, _ = run_command("loadstories", "--dry-run", str(stories))
    out, err, status = run_command("loadstories", str(stories), verbosity=2)

    assert status == 0, err
    assert "would leave alone" in dry_out + dry_err
    assert "age edited by hand" in dry_out + dry_err
    assert "1 updated" in out
    assert "left alone" in out
    artist.refresh_from_db()
    assert artist.age == 39
    assert artist.story.text.count("41-year-old") == 1  # the new text was imported all the same
    assert Artist.objects.filter(name="Nurlan Sadykov").count() == 1


def test_a_work_renamed_in_the_artist_page_keeps_its_new_title(stories, editor_client):
    artist = Artist.objects.get(name="Nurlan Sadykov")
    url = admin_url(Artist, "change", artist.pk)
    data = form_data(editor_client.get(url))
    assert data["works-0-title"] == "Felt Mountains"
    data["works-0-title"] = "Felt Mountains (1998)"
    assert editor_client.post(url, data).status_code == 302
    rewrite(stories, "people queued in the snow", "people queued in the rain")

    out, err, status = run_command("loadstories", str(stories))

    assert status == 0, err
    assert list(Work.objects.values_list("title", flat=True)) == ["Felt Mountains (1998)"]


def test_a_deleted_work_is_not_recreated(stories, editor_client):
    work = Work.objects.get(title="Felt Mountains")
    response = editor_client.post(admin_url(Work, "delete", work.pk), {"post": "yes"})
    assert response.status_code == 302
    rewrite(stories, "grey felt and wire", "grey felt, wire and horsehair")

    dry_out, dry_err, _ = run_command("loadstories", "--dry-run", str(stories))
    out, err, status = run_command("loadstories", str(stories))

    assert status == 0, err
    assert "would leave alone: work 'Felt Mountains'" in dry_out + dry_err
    assert not Work.objects.filter(title="Felt Mountains").exists()
    assert DeletedRecord.objects.filter(record_type="work").count() == 1
    assert Artist.objects.get(name="Nurlan Sadykov").story.text.count("horsehair") == 1


def test_an_exhibition_deleted_in_bulk_is_not_recreated(stories, editor_client):
    exhibitions = list(Exhibition.objects.values_list("pk", flat=True))
    assert exhibitions
    response = editor_client.post(
        admin_url(Exhibition), {"action": "delete_selected", ACTION_CHECKBOX_NAME: exhibitions, "post": "yes"}
    )
    assert response.status_code == 302
    rewrite(stories, "people queued in the snow", "people queued in the rain")

    out, err, status = run_command("loadstories", str(stories))

    assert status == 0, err
    assert not Exhibition.objects.exists()
