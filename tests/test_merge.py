"""Merging duplicates: every relation and tag moves to the record kept, in one transaction."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import LogEntry

from profiles import merge
from profiles.merge import MergeError, merge_records
from profiles.models import Artist, City, DeletedRecord, Exhibition, Story, TaggedItem, Work
from tests.helpers import admin_url, imported_catalogue, make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_almatys(db):
    """The same city twice, each holding some of the catalogue's relations."""
    almaty = City.objects.create(name="Almaty", country_code="KZ", country_name="Kazakhstan")
    alma_ata = City.objects.create(name="Alma-Ata", country_code="KZ", country_name="Kazakhstan")
    born_in_almaty = Artist.objects.create(name="Aru One", birth_city=almaty)
    born_in_alma_ata = Artist.objects.create(name="Aru Two", birth_city=alma_ata)
    visited_both = Artist.objects.create(name="Aru Three")
    visited_both.cities.add(almaty, alma_ata)
    visited_one = Artist.objects.create(name="Aru Four")
    visited_one.cities.add(alma_ata)
    show = Exhibition.objects.create(title="Group exhibition in Alma-Ata", city=alma_ata)
    return {
        "almaty": almaty,
        "alma_ata": alma_ata,
        "born_in_almaty": born_in_almaty,
        "born_in_alma_ata": born_in_alma_ata,
        "visited_both": visited_both,
        "visited_one": visited_one,
        "show": show,
    }


def merge_through_admin(client, model, records, keep):
    url = admin_url(model)
    selected = [record.pk for record in records]
    confirmation = client.post(url, {"action": "merge_selected", ACTION_CHECKBOX_NAME: selected})
    assert confirmation.status_code == 200
    assert confirmation.templates[0].name == "admin/profiles/merge_confirmation.html"
    return client.post(
        url, {"action": "merge_selected", ACTION_CHECKBOX_NAME: selected, "apply": "yes", "keep": keep.pk}, follow=True
    )


# --- through the admin -------------------------------------------------------------------------


def test_merging_two_cities_leaves_one_with_all_relations(editor_client, editor, two_almatys):
    data = two_almatys
    almaty = data["almaty"]

    response = merge_through_admin(editor_client, City, [almaty, data["alma_ata"]], keep=almaty)

    assert response.status_code == 200
    assert "Merged “Alma-Ata, Kazakhstan” into “Almaty, Kazakhstan”" in response.text
    assert list(City.objects.all()) == [almaty]
    assert set(almaty.artists_born.all()) == {data["born_in_almaty"], data["born_in_alma_ata"]}
    assert set(almaty.artists.all()) == {data["visited_both"], data["visited_one"]}
    assert list(almaty.exhibitions.all()) == [data["show"]]
    assert Artist.objects.count() == 4  # nobody was lost on the way


def test_a_city_merge_is_marked_as_an_edit_and_kept_in_history(editor_client, editor, two_almatys):
    data = two_almatys

    merge_through_admin(editor_client, City, [data["almaty"], data["alma_ata"]], keep=data["almaty"])

    moved = Artist.objects.get(pk=data["born_in_alma_ata"].pk)
    assert moved.edited_fields == ["birth_city"]
    assert moved.history.latest().history_user == editor
    assert Artist.objects.get(pk=data["visited_one"].pk).edited_fields == ["cities"]
    assert Exhibition.objects.get(pk=data["show"].pk).edited_fields == ["city"]
    assert Artist.objects.get(pk=data["born_in_almaty"].pk).edited_fields == []  # untouched
    assert LogEntry.objects.filter(object_id=str(data["almaty"].pk), change_message__startswith="Merged").exists()
    assert City.history.filter(id=data["alma_ata"].pk, history_type="-").get().history_user == editor


def test_the_confirmation_page_suggests_the_record_with_most_links(editor_client, two_almatys):
    data = two_almatys

    response = editor_client.post(
        admin_url(City),
        {"action": "merge_selected", ACTION_CHECKBOX_NAME: [data["almaty"].pk, data["alma_ata"].pk]},
    )

    assert response.context["suggested"] == data["alma_ata"]
    assert "artists born: 1; artists: 2; exhibitions: 1" in response.text


def test_one_record_is_not_enough_to_merge(editor_client, two_almatys):
    response = editor_client.post(
        admin_url(City), {"action": "merge_selected", ACTION_CHECKBOX_NAME: [two_almatys["almaty"].pk]}, follow=True
    )

    assert "Select at least two cities to merge." in response.text
    assert City.objects.count() == 2


def test_merging_two_artists_moves_works_stories_exhibitions_and_tags(editor_client, editor):
    first = imported_catalogue()
    artist = first["artist"]
    artist.tags.add("steppe", "folk")
    other_story = make_story("Aru Testova paints. Her series Dust is known.", "aru-testova.txt")
    duplicate = Artist.objects.create(name="Aru Testova", story=other_story, import_key="aru testova")
    other_story.artist = duplicate
    other_story.save()
    dust = Work.objects.create(title="Dust", artist=duplicate, story=other_story, import_key="work:dust")
    show = Exhibition.objects.create(title="Group show", story=other_story, import_key="exhibition:-|-")
    show.artists.add(duplicate)
    duplicate.tags.add("folk", "dust")

    merge_through_admin(editor_client, Artist, [artist, duplicate], keep=artist)

    assert list(Artist.objects.all()) == [artist]
    assert set(artist.works.all()) == {first["work"], dust}
    assert set(artist.stories.all()) == {first["story"], other_story}
    assert set(artist.exhibitions.all()) == {first["exhibition"], show}
    assert sorted(artist.tags.names()) == ["dust", "folk", "steppe"]
    assert TaggedItem.objects.filter(object_id=duplicate.pk, content_type__model="artist").count() == 0
    assert Work.objects.get(pk=dust.pk).edited_fields == ["artist"]
    assert Exhibition.objects.get(pk=show.pk).edited_fields == ["artists"]
    # Re-importing the duplicate's story must not bring "Aru Testova" back.
    tombstone = DeletedRecord.objects.get()
    assert (tombstone.story, tombstone.record_type, tombstone.import_key) == (other_story, "artist", "aru testova")
    assert "merged into Aru Test" in tombstone.label


def test_merging_exhibitions_joins_their_artists_and_works(editor_client):
    data = imported_catalogue()
    show = data["exhibition"]
    other_artist = Artist.objects.create(name="Bolat Other")
    other_work = Work.objects.create(title="Wind", artist=other_artist)
    twin = Exhibition.objects.create(
        title="Kasteev Museum show", venue="Kasteev Museum", story=data["story"], import_key="exhibition:twin"
    )
    twin.artists.add(other_artist)
    twin.works.add(other_work)

    merge_through_admin(editor_client, Exhibition, [show, twin], keep=show)

    show.refresh_from_db()
    assert list(Exhibition.objects.all()) == [show]
    assert set(show.artists.all()) == {data["artist"], other_artist}
    assert set(show.works.all()) == {data["work"], other_work}
    assert set(show.edited_fields) == {"artists", "works"}
    assert DeletedRecord.objects.get().import_key == "exhibition:twin"


def test_works_have_no_merge_action(editor_client):
    response = editor_client.get(admin_url(Work))

    assert "merge_selected" not in response.context["action_form"].fields["action"].choices.__repr__()


# --- the merge itself -----------------------------------------------------------------------


def test_a_failed_merge_changes_nothing(two_almatys, monkeypatch):
    data = two_almatys

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(merge, "_move_tags", broken)

    with pytest.raises(RuntimeError):
        merge_records(data["almaty"], [data["alma_ata"]])

    assert City.objects.count() == 2
    assert Artist.objects.get(pk=data["born_in_alma_ata"].pk).birth_city == data["alma_ata"]
    assert Exhibition.objects.get(pk=data["show"].pk).city == data["alma_ata"]


def test_records_of_different_kinds_are_not_merged(two_almatys):
    with pytest.raises(MergeError):
        merge_records(two_almatys["almaty"], [two_almatys["show"]])


def test_an_artist_whose_name_folds_to_the_kept_one_leaves_no_tombstone():
    story = Story.objects.create(source_name="b.txt", text="ARU test paints.", sha256="1" * 64)
    keep = Artist.objects.create(name="Aru Test")
    duplicate = Artist.objects.create(name="ARU  test", story=story, import_key="aru test")

    merge_records(keep, [duplicate])

    # The importer finds the kept artist by name when that story comes back.
    assert not DeletedRecord.objects.exists()
