"""Fixing a record from the story's text in the admin: the page, each kind of fix, permissions, re-imports."""

import re

import pytest
from django.contrib.auth.models import Permission

from profiles.models import Artist, City, DeletedRecord, Discipline, Exhibition, Story, Work
from tests.helpers import admin_url, imported_catalogue, make_editor, run_command

pytestmark = pytest.mark.django_db

TASHKENT = 1512569


def fix_url(story):
    return f"/admin/profiles/story/{story.pk}/fix/"


def words(story, phrase, occurrence=1):
    """The (start, end) offsets of the ``occurrence``-th ``phrase`` in the story."""
    start = -1
    for _ in range(occurrence):
        start = story.text.index(phrase, start + 1)
    return start, start + len(phrase)


def with_mentions(story, *mentions):
    """Give the story's record these (phrase, label) mentions, as the extractor would."""
    found = []
    for phrase, label in mentions:
        start, end = words(story, phrase)
        found.append({"start": start, "end": end, "label": label, "text": phrase})
    story.record = {"source": story.source_name, "mentions": found}
    story.save()
    return story


def test_the_story_page_shows_the_text_with_its_mentions_not_the_json(editor_client):
    records = imported_catalogue()
    story = with_mentions(records["story"], ("Aru Test", "ARTIST"), ("Kasteev Museum", "VENUE"), ("Salt Road", "WORK"))
    page = editor_client.get(admin_url(Story, "change", story.pk)).text
    assert re.search(r'<span class="mention mention-venue">(<span class="ev"[^>]*>)?Kasteev Museum<', page)
    assert re.search(r'<span class="mention mention-work">(<span class="ev"[^>]*>)?Salt Road<', page)
    assert re.search(r'data-match="s-0-63">Aru Test<', page)  # the artist's name, marked as its evidence
    assert "&lt;script&gt;alert(&#x27;story&#x27;)&lt;/script&gt;" in page  # the story's markup stays text
    assert "<script>alert(" not in page
    assert '"mentions"' not in page  # the raw record is not shown
    assert '<p data-start="0">' in page
    assert 'id="story-fix-form"' in page
    assert "Kasteev Museum (venue, " in page  # the mention list, for a browser without scripts


def test_fixing_the_birth_city_from_the_story_with_the_gazetteer(editor_client, editor):
    records = imported_catalogue()
    story, artist = records["story"], records["artist"]
    start, end = words(story, "Almaty")
    response = editor_client.post(
        fix_url(story), {"start": start, "end": end, "what": "birth_city", "city": f"geonames:{TASHKENT}"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/admin/profiles/story/{story.pk}/change/"  # the message shows at the top
    artist.refresh_from_db()
    tashkent = artist.birth_city
    assert (tashkent.name, tashkent.country_code, tashkent.country_name, tashkent.geonames_id) == (
        "Tashkent",
        "UZ",
        "Uzbekistan",
        TASHKENT,
    )
    assert tashkent.latitude == pytest.approx(41.26, abs=0.1)
    assert "birth_city" in artist.edited_fields
    assert artist.is_edited
    assert artist.evidence["birth_city"]["match"] == [start, end]
    assert artist.evidence["birth_city"]["start"] == 0  # the sentence the words are in
    latest = artist.history.latest()
    assert (latest.history_user, latest.birth_city_id) == (editor, tashkent.pk)
    assert "fixed from the story" in latest.history_change_reason
    page = editor_client.get(response["Location"]).text
    assert "was born in Tashkent, Uzbekistan" in page


def test_a_city_left_empty_is_looked_up_by_the_chosen_words(editor_client):
    records = imported_catalogue()
    story = records["story"]
    story.text = story.text.replace("where the mountains", "near Tashkent, where the mountains")
    story.save()
    start, end = words(story, "Tashkent")
    assert editor_client.post(fix_url(story), {"start": start, "end": end, "what": "birth_city"}).status_code == 302
    assert Artist.objects.get().birth_city.geonames_id == TASHKENT


def test_a_mention_chosen_from_the_list_works_without_scripts(editor_client):
    records = imported_catalogue()
    story = with_mentions(records["story"], ("Kasteev Museum", "VENUE"))
    start, end = words(story, "Kasteev Museum")
    exhibition = records["exhibition"]
    exhibition.venue = "Somewhere else"
    exhibition.save()
    response = editor_client.post(
        fix_url(story), {"mention": f"{start}-{end}", "what": "exhibition_venue", "exhibition": exhibition.pk}
    )
    assert response.status_code == 302
    exhibition.refresh_from_db()
    assert exhibition.venue == "Kasteev Museum"
    assert exhibition.edited_fields == ["venue"]
    assert exhibition.evidence["venue"]["match"] == [start, end]


def test_words_chosen_as_a_work_add_it_and_not_a_work_deletes_it_for_good(editor_client):
    records = imported_catalogue()
    story = records["story"]
    start, end = words(story, "large canvases")
    assert editor_client.post(fix_url(story), {"start": start, "end": end, "what": "work"}).status_code == 302
    added = Work.objects.get(title="large canvases")
    assert (added.artist, added.story, added.is_edited) == (records["artist"], story, True)
    assert added.evidence["title"]["match"] == [start, end]

    start, end = words(story, "Salt Road")
    assert editor_client.post(fix_url(story), {"start": start, "end": end, "what": "not_work"}).status_code == 302
    assert not Work.objects.filter(title="Salt Road").exists()
    assert DeletedRecord.objects.filter(story=story, record_type="work", import_key="work:salt road").exists()


def test_not_a_city_unlinks_it_and_a_discipline_is_added_with_its_evidence(editor_client):
    records = imported_catalogue()
    story, artist, exhibition = records["story"], records["artist"], records["exhibition"]
    start, end = words(story, "Almaty", 2)  # the exhibition's city
    assert editor_client.post(fix_url(story), {"start": start, "end": end, "what": "not_city"}).status_code == 302
    artist.refresh_from_db()
    exhibition.refresh_from_db()
    assert exhibition.city is None
    assert "city" in exhibition.edited_fields
    # The birth city was read from other words ("born in Almaty"): those still name the city.
    assert artist.birth_city == records["city"]
    assert list(artist.cities.all()) == [records["city"]]

    sculpture = Discipline.objects.get(name="sculpture")
    start, end = words(story, "large canvases")
    response = editor_client.post(
        fix_url(story), {"start": start, "end": end, "what": "discipline", "discipline": sculpture.pk}
    )
    assert response.status_code == 302
    artist.refresh_from_db()
    assert set(artist.disciplines.values_list("name", flat=True)) == {"painting", "sculpture"}
    assert artist.evidence["disciplines"]["sculpture"]["match"] == [start, end]
    assert "painting" in artist.evidence["disciplines"]  # the import's evidence of the others stays


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"what": "birth_city"}, "Choose the words"),
        ({"start": 5, "end": 99999, "what": "birth_city"}, "not words of the story"),
        ({"start": 10, "end": 5, "what": "birth_city"}, "not words of the story"),
        ({"start": 0, "end": 400, "what": "work"}, "at most 300 characters"),
        ({"start": 0, "end": 8, "what": "exhibition_venue"}, "Choose the exhibition"),
        ({"start": 0, "end": 8, "what": "birth_city"}, "is not in the gazetteer"),
        ({"start": 0, "end": 8, "what": "birth_city", "city": "geonames:999999999"}, "not in the gazetteer"),
        ({"start": 0, "end": 8, "what": "nonsense"}, "Select a valid choice"),
    ],
)
def test_bad_choices_say_why_and_change_nothing(editor_client, data, error):
    records = imported_catalogue()
    story = records["story"]
    story.text += " " + "x" * 400
    story.save()
    before = Artist.objects.values().get()
    response = editor_client.post(fix_url(story), data)
    assert response.status_code == 200
    assert error in response.text
    assert "Nothing changed" in response.text
    assert Artist.objects.values().get() == before
    assert Exhibition.objects.get().venue == "Kasteev Museum"


def test_fixing_needs_the_permission_to_change_what_is_fixed(client):
    records = imported_catalogue()
    story = records["story"]
    start, end = words(story, "Almaty")
    data = {"start": start, "end": end, "what": "birth_city", "city": f"geonames:{TASHKENT}"}
    viewer = make_editor("viewer", in_group=False)
    viewer.user_permissions.add(*Permission.objects.filter(codename__in=["view_story", "view_artist"]))
    client.force_login(viewer)
    page = client.get(admin_url(Story, "change", story.pk)).text
    assert 'id="story-fix-form"' not in page  # the text, without a form they may not use
    assert "mention" in page or "story-text" in page
    assert client.post(fix_url(story), data).status_code == 403
    outsider = make_editor("outsider", in_group=False)
    client.force_login(outsider)
    assert client.post(fix_url(story), data).status_code == 403
    client.logout()
    assert client.post(fix_url(story), data).status_code == 302  # to the sign-in page
    assert Artist.objects.get().birth_city.name == "Almaty"
    assert client.get(fix_url(story)).status_code == 302


def test_only_post_changes_anything(editor_client):
    story = imported_catalogue()["story"]
    assert editor_client.get(fix_url(story)).status_code == 405


STORY = (
    "Nurlan Sadykov was a 38-year-old sculptor whose felt figures carried the wind of the mountains into "
    "museums far away. He was born in Bishkek, Kyrgyzstan, where his mother sewed felt carpets for the bazaar.\n\n"
    "In 2019 the Kasteev Museum in Almaty gave him a solo exhibition, and people queued in the snow to see it.\n"
)


def test_a_fix_from_the_story_survives_a_reimport(tmp_path, editor_client):
    folder = tmp_path / "stories"
    folder.mkdir()
    path = folder / "nurlan.txt"
    path.write_text(STORY, encoding="utf-8")
    assert run_command("loadstories", str(folder))[2] == 0
    story = Story.objects.get()
    artist = story.artist
    assert artist.birth_city.name == "Bishkek"
    start, end = words(story, "Almaty")  # an editor says he was born there (say the story is wrong)
    assert editor_client.post(fix_url(story), {"start": start, "end": end, "what": "birth_city"}).status_code == 302

    path.write_text(STORY.replace("38-year-old", "39-year-old"), encoding="utf-8")
    out, err, status = run_command("loadstories", str(folder))
    assert status == 0, err
    artist.refresh_from_db()
    assert artist.age == 39  # the import did update the record
    assert artist.birth_city.name == "Almaty"
    assert artist.evidence["birth_city"]["match"] == [start, end]
    assert City.objects.filter(name="Almaty").count() == 1


def test_the_story_page_costs_the_same_queries_however_many_records_it_has(editor_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    records = imported_catalogue()
    story = with_mentions(records["story"], ("Salt Road", "WORK"), ("Kasteev Museum", "VENUE"))
    url = admin_url(Story, "change", story.pk)
    editor_client.get(url)
    with CaptureQueriesContext(connection) as few:
        editor_client.get(url)
    for number in range(10):
        Work.objects.create(title=f"More {number}", artist=records["artist"], story=story, evidence={})
        Exhibition.objects.create(title=f"Show {number}", story=story, city=records["city"])
    with CaptureQueriesContext(connection) as many:
        page = editor_client.get(url).text
    assert "Show 9" in page
    assert len(many) == len(few)


def test_a_skipped_story_shows_its_text_and_fixes_needing_an_artist_say_so(editor_client):
    story = Story.objects.create(
        source_name="skipped.txt",
        text="A shopping list: apples, Almaty pears.",
        sha256="0" * 64,
        skipped_reason="no artist",
    )
    page = editor_client.get(admin_url(Story, "change", story.pk))
    assert page.status_code == 200
    assert "A shopping list: apples, Almaty pears." in page.text
    start, end = words(story, "Almaty")
    response = editor_client.post(fix_url(story), {"start": start, "end": end, "what": "birth_city"})
    assert "This story has no artist to fix." in response.text
    response = editor_client.post(fix_url(story), {"start": start, "end": end, "what": "not_city"}, follow=True)
    assert "nothing changed" in response.text


def test_not_a_city_clears_only_what_was_read_from_those_words(editor_client):
    text = (
        "Lia Moreau was born in Florence. Her friend Florence Adeyemi curated her first show. "
        "Moreau later showed at the Uffizi in Florence."
    )
    records = imported_catalogue()
    story, artist, exhibition = records["story"], records["artist"], records["exhibition"]
    Story.objects.filter(pk=story.pk).update(text=text)
    story.refresh_from_db()
    florence = City.objects.create(name="Florence", country_code="IT", country_name="Italy")
    born, decoy, shown = (words(story, "Florence", n) for n in (1, 2, 3))
    artist.birth_city = florence
    artist.evidence = {"birth_city": {"start": 0, "end": 32, "match": list(born)}}
    artist.save()
    artist.cities.set([florence])
    exhibition.city = florence
    exhibition.evidence = {"city": {"start": 85, "end": len(text), "match": list(shown)}}
    exhibition.save()
    story.record = {
        "source": story.source_name,
        "mentions": [
            {"start": s, "end": e, "label": label, "text": text[s:e]}
            for (s, e), label in ((born, "CITY"), (decoy, "CITY"), (shown, "CITY"))
        ],
    }
    story.save()

    response = editor_client.post(fix_url(story), {"start": decoy[0], "end": decoy[1], "what": "not_city"}, follow=True)
    assert "nothing changed" in response.content.decode()
    artist.refresh_from_db()
    exhibition.refresh_from_db()
    assert (artist.birth_city, exhibition.city, list(artist.cities.all())) == (florence, florence, [florence])
    story.refresh_from_db()
    assert [m["start"] for m in story.record["mentions"]] == [born[0], shown[0]]  # the page no longer marks it

    # Words that were the only ones naming the city: every record read from them lets it go.
    artist.evidence = {}
    artist.save()
    exhibition.city = None
    exhibition.save()
    story.record = {"source": story.source_name, "mentions": [{"start": born[0], "end": born[1], "label": "CITY"}]}
    story.save()
    Story.objects.filter(pk=story.pk).update(
        text=text.replace("Florence Adeyemi", "Dora Adeyemi").replace("Uffizi in Florence", "Uffizi in Pisa")
    )
    story.refresh_from_db()
    response = editor_client.post(fix_url(story), {"start": born[0], "end": born[1], "what": "not_city"}, follow=True)
    assert "is not a city: cleared" in response.content.decode(), [str(m) for m in response.context["messages"]]
    artist.refresh_from_db()
    assert artist.birth_city is None
    assert not artist.cities.exists()
