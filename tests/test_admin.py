"""The editors' admin: pages, provenance, edit marks, tombstones and the review queue."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group

from profiles.models import Artist, City, DeletedRecord, Discipline, Exhibition, Story, TaggedItem, Work
from tests.helpers import admin_url, form_data, imported_catalogue
from tests.helpers import post_change as change

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(db):
    return imported_catalogue()


# --- pages ----------------------------------------------------------------------------------


@pytest.mark.parametrize("model", [Artist, Work, Exhibition, City, Story, Discipline, DeletedRecord, TaggedItem])
def test_every_list_opens_for_an_editor(editor_client, catalogue, model):
    assert editor_client.get(admin_url(model)).status_code == 200


@pytest.mark.parametrize(
    ("model", "query"),
    [
        (Artist, "?review=waiting&confidence_band=high&is_edited__exact=0&birth_city_country=KZ&q=aru"),
        (Artist, "?disciplines__id__exact={painting}"),
        (Work, "?kind__exact=painting&confidence_band=medium&q=salt"),
        (Exhibition, "?city_country=KZ&confidence_band=low&q=kasteev"),
        (City, "?country_code=KZ&q=alma"),
    ],
)
def test_filters_and_search_find_the_record(editor_client, catalogue, model, query):
    painting = Discipline.objects.get(name="painting").pk
    response = editor_client.get(admin_url(model) + query.format(painting=painting))

    assert response.status_code == 200
    assert response.context["cl"].result_count == 1


def test_every_change_page_opens(editor_client, catalogue):
    for key in ("artist", "work", "exhibition", "city", "story"):
        record = catalogue[key]
        assert editor_client.get(admin_url(type(record), "change", record.pk)).status_code == 200


def test_the_artist_page_shows_works_and_exhibitions_inline(editor_client, catalogue):
    response = editor_client.get(admin_url(Artist, "change", catalogue["artist"].pk))

    inlines = {inline.formset.model for inline in response.context["inline_admin_formsets"]}
    assert inlines == {Work, Exhibition.artists.through}
    assert "Salt Road" in response.text
    assert "Exhibition at Kasteev Museum" in response.text


def test_autocomplete_finds_cities_for_an_editor(editor_client, catalogue):
    response = editor_client.get(
        "/admin/autocomplete/",
        {"term": "alm", "app_label": "profiles", "model_name": "artist", "field_name": "birth_city"},
    )

    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == ["Almaty, Kazakhstan"]


# --- provenance -----------------------------------------------------------------------------


def test_provenance_shows_the_story_and_highlights_the_matched_words(editor_client, catalogue):
    response = editor_client.get(admin_url(Artist, "change", catalogue["artist"].pk))
    page = response.text

    assert "aru-test.txt" in page
    assert "<mark>Aru Test</mark> was born in Almaty, where the mountains meet the city." in page
    assert "Aru Test was born in <mark>Almaty</mark>" in page
    assert '<b>painting</b>: <q class="evidence">She <mark>paints</mark> large canvases' in page


def test_an_artists_other_stories_are_listed(editor_client, catalogue):
    other = Story.objects.create(
        source_name="<b>second</b>.txt", text="More.", sha256="2" * 64, artist=catalogue["artist"]
    )

    page = editor_client.get(admin_url(Artist, "change", catalogue["artist"].pk)).text

    assert "Also told in:" in page
    assert f'href="{admin_url(Story, "change", other.pk)}">&lt;b&gt;second&lt;/b&gt;.txt</a>' in page


def test_markup_in_a_story_is_shown_as_text_never_run(editor_client, catalogue):
    page = editor_client.get(admin_url(Artist, "change", catalogue["artist"].pk)).text

    assert "<script>alert('story')</script>" not in page
    assert "&lt;script&gt;alert(&#x27;story&#x27;)&lt;/script&gt; about her &amp; her friends." in page


def test_evidence_that_points_outside_the_story_shows_nothing(editor_client, catalogue):
    artist = catalogue["artist"]
    artist.evidence = {"name": {"start": 5000, "end": 6000}, "age": {"start": "x"}, "pronoun": "oops"}
    artist.save()

    response = editor_client.get(admin_url(Artist, "change", artist.pk))

    assert response.status_code == 200
    assert "<mark>" not in response.text


# --- edits are remembered -----------------------------------------------------------------


def test_a_changed_field_is_marked_as_edited(editor_client, catalogue):
    artist = catalogue["artist"]

    response = change(editor_client, artist, age="41", summary="A painter of the steppe.")

    assert response.status_code == 302, response.context["adminform"].form.errors
    artist.refresh_from_db()
    assert artist.age == 41
    assert artist.is_edited
    assert set(artist.edited_fields) == {"age", "summary"}


def test_saving_without_changes_marks_nothing(editor_client, catalogue):
    artist = catalogue["artist"]

    response = change(editor_client, artist)

    assert response.status_code == 302
    artist.refresh_from_db()
    assert not artist.is_edited
    assert artist.edited_fields == []


def test_a_browsers_line_endings_are_not_an_edit(editor_client, catalogue):
    artist = catalogue["artist"]
    artist.summary = "A painter.\nShe lives in Almaty."
    artist.save()

    change(editor_client, artist, summary="A painter.\r\nShe lives in Almaty.")

    artist.refresh_from_db()
    assert artist.summary == "A painter.\nShe lives in Almaty."
    assert not artist.is_edited


def test_many_to_many_changes_count_as_edits(editor_client, catalogue):
    artist = catalogue["artist"]
    bishkek = City.objects.create(name="Bishkek", country_code="KG", country_name="Kyrgyzstan")
    painting, sculpture = Discipline.objects.get(name="painting"), Discipline.objects.get(name="sculpture")

    change(
        editor_client,
        artist,
        cities=[str(catalogue["city"].pk), str(bishkek.pk)],
        disciplines=[str(painting.pk), str(sculpture.pk)],
    )

    artist.refresh_from_db()
    assert set(artist.edited_fields) == {"cities", "disciplines"}
    assert set(artist.cities.all()) == {catalogue["city"], bishkek}


def test_earlier_edit_marks_are_kept(editor_client, catalogue):
    artist = catalogue["artist"]
    change(editor_client, artist, age="41")
    change(editor_client, artist, name="Aru Testova")

    artist.refresh_from_db()
    assert artist.edited_fields == ["age", "name"]


def test_review_state_is_not_an_edit(editor_client, catalogue):
    work = catalogue["work"]

    change(editor_client, work, reviewed="on")

    work.refresh_from_db()
    assert work.reviewed
    assert not work.is_edited


def test_an_edit_in_the_works_inline_marks_that_work(editor_client, catalogue):
    artist, work = catalogue["artist"], catalogue["work"]
    url = admin_url(Artist, "change", artist.pk)
    data = form_data(editor_client.get(url))
    data["works-0-title"] = "Salt Road II"

    response = editor_client.post(url, data)

    assert response.status_code == 302
    work.refresh_from_db()
    artist.refresh_from_db()
    assert work.title == "Salt Road II"
    assert work.edited_fields == ["title"]
    assert not artist.is_edited


def test_linking_an_exhibition_on_the_artist_page_edits_that_exhibitions_artists(editor_client, catalogue):
    artist = catalogue["artist"]
    other = Exhibition.objects.create(title="Group exhibition in Bishkek", story=catalogue["story"], import_key="x")
    url = admin_url(Artist, "change", artist.pk)
    data = form_data(editor_client.get(url))
    prefix = "Exhibition_artists"
    data[f"{prefix}-TOTAL_FORMS"] = "2"
    data[f"{prefix}-1-exhibition"] = str(other.pk)
    data[f"{prefix}-1-artist"] = str(artist.pk)

    response = editor_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    other.refresh_from_db()
    assert artist in other.artists.all()
    assert other.edited_fields == ["artists"]
    assert not Exhibition.objects.get(pk=catalogue["exhibition"].pk).is_edited


def test_moving_an_exhibition_link_edits_both_exhibitions(editor_client, catalogue):
    artist, before = catalogue["artist"], catalogue["exhibition"]
    after = Exhibition.objects.create(title="Group exhibition in Bishkek", story=catalogue["story"], import_key="x")
    url = admin_url(Artist, "change", artist.pk)
    data = form_data(editor_client.get(url))
    data["Exhibition_artists-0-exhibition"] = str(after.pk)

    assert editor_client.post(url, data).status_code == 302

    assert list(artist.exhibitions.all()) == [after]
    for exhibition in (before, after):
        exhibition.refresh_from_db()
        assert exhibition.edited_fields == ["artists"]


def test_tags_typed_by_an_editor_are_the_editors(editor_client, editor, catalogue):
    artist = catalogue["artist"]

    change(editor_client, artist, tags="steppe, landscape")

    items = TaggedItem.objects.filter(object_id=artist.pk)
    assert {item.tag.name for item in items} == {"steppe", "landscape"}
    assert {(item.source, item.added_by) for item in items} == {(TaggedItem.Source.EDITOR, editor)}
    artist.refresh_from_db()
    assert artist.edited_fields == ["tags"]


def test_an_artist_added_by_hand_gets_a_slug_and_edit_marks(editor_client, catalogue):
    url = admin_url(Artist, "add")
    data = form_data(editor_client.get(url))
    data.update(name="Dana Hand", pronoun="they")

    response = editor_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    dana = Artist.objects.get(name="Dana Hand")
    assert dana.slug == "dana-hand"
    assert dana.is_edited
    assert "name" in dana.edited_fields


# --- deletions are remembered ---------------------------------------------------------------


def test_deleting_an_imported_work_leaves_a_tombstone(editor_client, editor, catalogue):
    work = catalogue["work"]

    response = editor_client.post(admin_url(Work, "delete", work.pk), {"post": "yes"})

    assert response.status_code == 302
    assert not Work.objects.filter(pk=work.pk).exists()
    tombstone = DeletedRecord.objects.get()
    assert (tombstone.story, tombstone.record_type, tombstone.import_key) == (
        catalogue["story"],
        "work",
        "work:salt road",
    )
    assert tombstone.deleted_by == editor
    assert tombstone.label == "Salt Road"


def test_bulk_delete_leaves_tombstones_for_imported_records_only(editor_client, catalogue):
    handmade = Exhibition.objects.create(title="Added by hand")
    exhibition = catalogue["exhibition"]

    response = editor_client.post(
        admin_url(Exhibition),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [exhibition.pk, handmade.pk], "post": "yes"},
    )

    assert response.status_code == 302
    assert not Exhibition.objects.exists()
    assert list(DeletedRecord.objects.values_list("record_type", "import_key")) == [
        ("exhibition", "exhibition:almaty|kasteev museum")
    ]


def test_deleting_an_artist_remembers_the_artist_and_their_works(editor_client, catalogue):
    response = editor_client.post(admin_url(Artist, "delete", catalogue["artist"].pk), {"post": "yes"})

    assert response.status_code == 302
    assert set(DeletedRecord.objects.values_list("record_type", "import_key")) == {
        ("artist", "aru test"),
        ("work", "work:salt road"),
    }


def test_deleting_an_artist_told_in_two_stories_leaves_a_tombstone_in_each(editor_client, catalogue):
    artist = catalogue["artist"]
    Story.objects.create(
        source_name="again.txt",
        text="ARU TEST returns.",
        sha256="3" * 64,
        artist=artist,
        record={"artist": {"name": "ARU  TEST"}},
    )

    editor_client.post(admin_url(Artist, "delete", artist.pk), {"post": "yes"})

    tombstones = DeletedRecord.objects.filter(record_type="artist")
    assert sorted(tombstones.values_list("story__source_name", "import_key")) == [
        ("again.txt", "aru test"),
        ("aru-test.txt", "aru test"),
    ]


def test_deleting_a_work_in_the_inline_leaves_a_tombstone(editor_client, catalogue):
    artist = catalogue["artist"]
    url = admin_url(Artist, "change", artist.pk)
    data = form_data(editor_client.get(url))
    data["works-0-DELETE"] = "on"

    response = editor_client.post(url, data)

    assert response.status_code == 302
    assert not Work.objects.exists()
    assert DeletedRecord.objects.get().import_key == "work:salt road"


# --- the review queue -------------------------------------------------------------------------


def test_the_review_queue_lists_the_least_sure_first(editor_client, catalogue):
    story = catalogue["story"]
    for title, confidence in [("Sure", 0.95), ("Unsure", 0.1), ("Middling", 0.5)]:
        Work.objects.create(
            title=title, artist=catalogue["artist"], story=story, import_key=title, confidence=confidence
        )
    Work.objects.create(title="Checked", artist=catalogue["artist"], confidence=0.0, reviewed=True)

    response = editor_client.get(admin_url(Work) + "?review=waiting")

    titles = [work.title for work in response.context["cl"].result_list]
    assert titles == ["Unsure", "Middling", "Salt Road", "Sure"]


def test_the_admin_home_links_to_the_review_queue(editor_client):
    page = editor_client.get("/admin/").text

    assert "Review queue" in page
    assert admin_url(Artist) + "?review=waiting" in page


def test_mark_reviewed_action(editor_client, editor, catalogue):
    work, exhibition = catalogue["work"], catalogue["exhibition"]

    response = editor_client.post(
        admin_url(Work), {"action": "mark_reviewed", ACTION_CHECKBOX_NAME: [work.pk], "confirm": "yes"}, follow=True
    )

    assert "Marked 1 record(s) as reviewed, clearing 2 fact(s) from the queue." in response.text
    work.refresh_from_db()
    assert work.reviewed
    assert not work.is_edited
    assert work.history.latest().history_user == editor
    exhibition.refresh_from_db()
    assert not exhibition.reviewed


def test_release_edits_lets_the_importer_update_a_record_again(editor_client, catalogue):
    artist = catalogue["artist"]
    change(editor_client, artist, age="41")

    editor_client.post(admin_url(Artist), {"action": "release_edits", ACTION_CHECKBOX_NAME: [artist.pk]})

    artist.refresh_from_db()
    assert (artist.is_edited, artist.edited_fields, artist.age) == (False, [], 41)


def test_stories_cannot_be_added_or_rewritten_in_the_admin(client, catalogue, django_user_model):
    superuser = django_user_model.objects.create_superuser("boss", password="a-long-test-password")
    client.force_login(superuser)
    story = catalogue["story"]

    assert client.get(admin_url(Story, "add")).status_code == 403
    client.post(admin_url(Story, "change", story.pk), {"text": "rewritten"})

    story.refresh_from_db()
    assert story.text.startswith("Aru Test was born")


def test_the_editors_group_exists():
    assert Group.objects.filter(name="Editors").exists()
