"""Exhibitions as shows shared between stories (issue 15, item 3): venues as records, one show per venue."""

import importlib

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from profiles.editing import remember_deletion
from profiles.extraction.reader import StoryText
from profiles.importing import StoryImporter
from profiles.models import Artist, DeletedRecord, Exhibition, Showing, Story, Venue
from tests.helpers import make_editor

pytestmark = pytest.mark.django_db

migration = importlib.import_module("profiles.migrations.0012_share_existing_exhibitions")

ALMATY = {"name": "Almaty", "country": "KZ"}


def record(source, name, *, venue="Kasteev State Museum of Arts", works=(), extra=()):
    """A story record about ``name``: a show at ``venue`` in Almaty and a group show with no venue there."""
    shows = [
        {"city": ALMATY, "venue": venue, "kind": "group", "year": 2019, "works": list(works)},
        {"city": ALMATY, "venue": None, "kind": "group"},
        *extra,
    ]
    return {
        "source": source,
        "artist": {"name": name, "disciplines": ["painting"]},
        "cities": [{**ALMATY, "country_name": "Kazakhstan", "latitude": 43.25, "longitude": 76.95}],
        "works": [{"title": title, "kind": "painting"} for title in works],
        "exhibitions": shows,
    }


def tell(source, name, text=None, **options):
    text = text or f"{name} paints. {name} showed in Almaty."
    return StoryImporter().import_story(StoryText(source, text, source), record(source, name, **options), force=True)


def shared_show():
    return Exhibition.objects.get(venue_record__isnull=False)


def test_two_artists_stories_naming_one_venue_make_one_show_listing_both():
    tell("aigerim.txt", "Aigerim Bekova", works=["Steppe Winds"])
    tell("dawit.txt", "Dawit Sorensen", venue="kasteev  state museum of ARTS")

    show = shared_show()
    assert sorted(show.artists.values_list("name", flat=True)) == ["Aigerim Bekova", "Dawit Sorensen"]
    assert Venue.objects.count() == 1
    assert show.venue_record.name == "Kasteev State Museum of Arts"
    assert show.venue_record.city.name == "Almaty"
    assert show.title == "Group exhibition at Kasteev State Museum of Arts, Almaty"
    assert sorted(show.showings.values_list("story__source_name", flat=True)) == ["aigerim.txt", "dawit.txt"]
    assert list(show.works.values_list("title", flat=True)) == ["Steppe Winds"]
    # Each story's own spelling of the venue is kept with its showing.
    assert set(show.showings.values_list("venue", flat=True)) == {
        "Kasteev State Museum of Arts",
        "kasteev state museum of ARTS",
    }


def test_a_show_with_no_venue_stays_each_artists_own_and_names_them():
    tell("aigerim.txt", "Aigerim Bekova")
    tell("dawit.txt", "Dawit Sorensen")

    own = Exhibition.objects.filter(venue_record=None).order_by("title")
    assert [(show.title, [a.name for a in show.artists.all()]) for show in own] == [
        ("Group exhibition in Almaty of work by Aigerim Bekova", ["Aigerim Bekova"]),
        ("Group exhibition in Almaty of work by Dawit Sorensen", ["Dawit Sorensen"]),
    ]
    assert len({show.slug for show in own}) == 2


def test_two_artists_solo_shows_at_one_venue_stay_each_artists_own():
    solo = {"city": ALMATY, "venue": "Aspan Gallery", "kind": "solo"}
    tell("aigerim.txt", "Aigerim Bekova", extra=[solo])
    tell("dawit.txt", "Dawit Sorensen", extra=[solo])

    shows = Exhibition.objects.filter(venue="Aspan Gallery").order_by("pk")
    assert [[artist.name for artist in show.artists.all()] for show in shows] == [
        ["Aigerim Bekova"],
        ["Dawit Sorensen"],
    ]
    assert Venue.objects.filter(name="Aspan Gallery").count() == 1


def test_a_venues_shows_in_other_years_are_other_shows():
    tell("aigerim.txt", "Aigerim Bekova")
    later = {"city": ALMATY, "venue": "Kasteev State Museum of Arts", "kind": "group", "year": 2023}
    tell("dawit.txt", "Dawit Sorensen", venue="Aspan Gallery", extra=[later])

    kasteev = Exhibition.objects.filter(venue_record__name="Kasteev State Museum of Arts").order_by("year")
    assert [(show.year, [a.name for a in show.artists.all()]) for show in kasteev] == [
        (2019, ["Aigerim Bekova"]),
        (2023, ["Dawit Sorensen"]),
    ]


def test_another_story_of_the_same_artist_shares_the_artists_own_show():
    tell("aigerim.txt", "Aigerim Bekova")
    tell("aigerim-2.txt", "Aigerim Bekova", text="Aigerim Bekova paints still. She showed in Almaty.")

    assert Exhibition.objects.count() == 2
    assert Showing.objects.count() == 4


def test_reimporting_a_story_changes_nothing():
    tell("aigerim.txt", "Aigerim Bekova", works=["Steppe Winds"])
    tell("dawit.txt", "Dawit Sorensen")
    before = sorted(Showing.objects.values_list("pk", "exhibition_id", "story_id", "artist_id", "import_key"))
    shows = sorted(Exhibition.objects.values_list("pk", "title", "slug"))

    tell("aigerim.txt", "Aigerim Bekova", works=["Steppe Winds"])
    tell("dawit.txt", "Dawit Sorensen")

    assert sorted(Showing.objects.values_list("pk", "exhibition_id", "story_id", "artist_id", "import_key")) == before
    assert sorted(Exhibition.objects.values_list("pk", "title", "slug")) == shows
    assert shared_show().artists.count() == 2
    assert Venue.objects.count() == 1


def test_deleting_one_story_keeps_the_other_artists_part_in_the_show():
    tell("aigerim.txt", "Aigerim Bekova")
    tell("dawit.txt", "Dawit Sorensen")

    Story.objects.get(source_name="aigerim.txt").delete()

    show = shared_show()
    assert list(show.artists.values_list("name", flat=True)) == ["Dawit Sorensen"]
    assert list(show.showings.values_list("story__source_name", flat=True)) == ["dawit.txt"]
    assert show.story.source_name == "dawit.txt"  # the remaining story now describes the show
    assert not Exhibition.objects.filter(title__endswith="Aigerim Bekova").exists()


def test_a_story_that_no_longer_names_the_venue_takes_only_its_artist_away():
    tell("aigerim.txt", "Aigerim Bekova")
    tell("dawit.txt", "Dawit Sorensen")

    result = tell("dawit.txt", "Dawit Sorensen", text="Dawit Sorensen paints. He moved.", venue="Tselinny Centre")

    assert result.outcome == "updated"
    kasteev = Exhibition.objects.get(venue_record__name="Kasteev State Museum of Arts")
    assert list(kasteev.artists.values_list("name", flat=True)) == ["Aigerim Bekova"]
    tselinny = Exhibition.objects.get(venue_record__name="Tselinny Centre")
    assert list(tselinny.artists.values_list("name", flat=True)) == ["Dawit Sorensen"]


def test_the_last_story_gone_takes_the_show_away():
    tell("aigerim.txt", "Aigerim Bekova")
    Story.objects.all().delete()

    assert not Exhibition.objects.exists()
    assert Venue.objects.count() == 1  # the venue stays a record


def test_an_editors_edit_of_a_shared_show_is_kept_on_reimport():
    tell("aigerim.txt", "Aigerim Bekova")
    tell("dawit.txt", "Dawit Sorensen")
    show = shared_show()
    show.title = "Steppe and City"
    show.kind = "solo"
    show.edited_fields = ["title", "kind"]
    show.is_edited = True
    show.save()

    result = tell("aigerim.txt", "Aigerim Bekova", text="Aigerim Bekova paints again.")
    tell("dawit.txt", "Dawit Sorensen", text="Dawit Sorensen paints again.")

    show.refresh_from_db()
    assert (show.title, show.kind) == ("Steppe and City", "solo")
    assert show.artists.count() == 2
    assert any("title, kind edited by hand, kept" in note for note in result.left_alone)


def test_a_show_an_editor_deleted_is_not_brought_back_by_either_story():
    tell("aigerim.txt", "Aigerim Bekova")
    tell("dawit.txt", "Dawit Sorensen")
    show = shared_show()
    remember_deletion(show, make_editor())
    show.delete()

    tell("aigerim.txt", "Aigerim Bekova", text="Aigerim Bekova paints again.")
    tell("dawit.txt", "Dawit Sorensen", text="Dawit Sorensen paints again.")

    assert DeletedRecord.objects.filter(record_type="exhibition").count() == 2
    assert not Exhibition.objects.filter(venue_record__isnull=False).exists()


def test_a_batch_of_new_stories_shares_shows_too():
    stories = [
        (StoryText(source, f"{name} paints.", source), record(source, name))
        for source, name in [("aigerim.txt", "Aigerim Bekova"), ("dawit.txt", "Dawit Sorensen")]
    ]

    results, rest = StoryImporter().import_new_stories(stories)

    assert [result.outcome for result in results] == ["created", "created"]
    assert not rest
    assert shared_show().artists.count() == 2
    assert Exhibition.objects.count() == 3


# --- the data migration -----------------------------------------------------------------------------


def per_artist_catalogue():
    """A catalogue as it was before shows were shared: one exhibition row per story, no showings, no venues."""
    tell("aigerim.txt", "Aigerim Bekova", works=["Steppe Winds"])
    tell("dawit.txt", "Dawit Sorensen", venue="KASTEEV State Museum of Arts")
    tell("aigerim-2.txt", "Aigerim Bekova", text="Aigerim Bekova paints still. She showed in Almaty.")
    aigerim, dawit = Artist.objects.get(name="Aigerim Bekova"), Artist.objects.get(name="Dawit Sorensen")
    Showing.objects.all().delete()
    Exhibition.objects.all().delete()
    Venue.objects.all().delete()
    rows = []
    for story, artist, venue in [
        ("aigerim.txt", aigerim, "Kasteev State Museum of Arts"),
        ("dawit.txt", dawit, "KASTEEV State Museum of Arts"),
    ]:
        story = Story.objects.get(source_name=story)
        museum = Exhibition.objects.create(
            title=f"Group exhibition at {venue}, Almaty",
            slug=f"kasteev-{artist.slug}",
            venue=venue,
            city=aigerim.cities.get(),
            kind="group",
            year=2019,
            story=story,
            import_key="exhibition:almaty|kasteev state museum of arts",
        )
        museum.artists.add(artist)
        own = Exhibition.objects.create(
            title="Group exhibition in Almaty",
            slug=f"group-{artist.slug}",
            city=aigerim.cities.get(),
            kind="group",
            story=story,
            import_key="exhibition:almaty|-",
        )
        own.artists.add(artist)
        rows += [museum, own]
    return rows


def test_the_migration_merges_per_artist_rows_into_shared_shows():
    aigerim_museum, aigerim_own, dawit_museum, dawit_own = per_artist_catalogue()
    Exhibition.objects.filter(pk=dawit_own.pk).update(title="Almaty group show", edited_fields=["title"])

    migration.share_exhibitions(apps, None)

    museum = Exhibition.objects.get(pk=aigerim_museum.pk)
    assert not Exhibition.objects.filter(pk=dawit_museum.pk).exists()
    assert sorted(museum.artists.values_list("name", flat=True)) == ["Aigerim Bekova", "Dawit Sorensen"]
    assert museum.venue_record.name == "Kasteev State Museum of Arts"
    assert Venue.objects.count() == 1
    tellers = sorted(museum.showings.values_list("story__source_name", flat=True))
    assert tellers == ["aigerim-2.txt", "aigerim.txt", "dawit.txt"]
    # The artist's own shows stay two, named for their artists unless an editor titled one.
    assert Exhibition.objects.get(pk=aigerim_own.pk).title == "Group exhibition in Almaty of work by Aigerim Bekova"
    assert Exhibition.objects.get(pk=dawit_own.pk).title == "Almaty group show"
    # The second story of Aigerim's tells of her two shows: it gets showings too.
    second = Story.objects.get(source_name="aigerim-2.txt")
    assert sorted(second.showings.values_list("exhibition_id", flat=True)) == sorted([museum.pk, aigerim_own.pk])
    # The merged row's address leads to the show kept.
    response = Client().get("/exhibitions/kasteev-dawit-sorensen/")
    assert response.status_code == 301
    assert response["Location"] == museum.get_absolute_url()


def test_after_the_migration_a_reimport_changes_nothing():
    per_artist_catalogue()
    migration.share_exhibitions(apps, None)
    shows = sorted(Exhibition.objects.values_list("pk", "identity"))
    showings = Showing.objects.count()

    tell("aigerim.txt", "Aigerim Bekova", works=["Steppe Winds"])
    tell("dawit.txt", "Dawit Sorensen", venue="KASTEEV State Museum of Arts")

    assert sorted(Exhibition.objects.values_list("pk", "identity")) == shows
    assert Showing.objects.count() == showings


def test_a_tombstoned_telling_joins_no_show_in_the_migration():
    aigerim_museum, _, dawit_museum, _ = per_artist_catalogue()
    DeletedRecord.objects.create(
        story=dawit_museum.story, record_type="exhibition", import_key=dawit_museum.import_key, label="x"
    )
    dawit_museum.delete()

    migration.share_exhibitions(apps, None)

    museum = Exhibition.objects.get(pk=aigerim_museum.pk)
    assert list(museum.artists.values_list("name", flat=True)) == ["Aigerim Bekova"]


# --- pages --------------------------------------------------------------------------------------------


def test_the_venue_page_lists_its_shows_and_the_show_page_links_the_venue(client):
    tell("aigerim.txt", "Aigerim Bekova")
    tell("dawit.txt", "Dawit Sorensen")
    show = shared_show()
    venue = show.venue_record

    page = client.get(venue.get_absolute_url())
    assert page.status_code == 200
    assert show.get_absolute_url() in page.content.decode()
    assert "Almaty" in page.content.decode()

    page = client.get(show.get_absolute_url()).content.decode()
    assert venue.get_absolute_url() in page
    for artist in Artist.objects.all():
        assert artist.get_absolute_url() in page

    city = client.get(venue.city.get_absolute_url()).content.decode()
    assert venue.get_absolute_url() in city

    artist = client.get(Artist.objects.get(name="Dawit Sorensen").get_absolute_url()).content.decode()
    assert show.get_absolute_url() in artist


def test_an_unknown_venue_is_not_found(client):
    assert client.get(reverse("profiles:venue-detail", kwargs={"slug": "nowhere"})).status_code == 404


def test_search_finds_a_venue_as_a_record(client):
    tell("aigerim.txt", "Aigerim Bekova")
    venue = shared_show().venue_record

    page = client.get("/search/", {"q": "kasteev museum"}).content.decode()

    assert f'href="{venue.get_absolute_url()}"' in page
    assert "Venue in Almaty" in page


# Not serialized_rollback: restoring the serialized catalogue at set-up clashes with the
# content types a preceding flush re-creates; the test migrates forward again at its end.
@pytest.mark.django_db(transaction=True)
def test_migrating_a_per_artist_catalogue_forward_shares_its_shows():
    """The migration itself, run by Django's executor on rows made with the models as they were."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, after = (
        ("profiles", "0010_merge_search_and_slug_counters"),
        ("profiles", migration.__name__.rsplit(".")[-1]),
    )
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old = executor.loader.project_state([before]).apps
    try:
        City, Story, Artist = (old.get_model("profiles", name) for name in ("City", "Story", "Artist"))
        OldExhibition = old.get_model("profiles", "Exhibition")
        almaty = City.objects.create(name="Almaty", country_code="KZ", slug="almaty-kz")
        for name in ("Aigerim Bekova", "Dawit Sorensen"):
            slug = name.lower().replace(" ", "-")
            story = Story.objects.create(
                source_name=f"{slug}.txt",
                slug=slug,
                text=f"{name} paints.",
                sha256="0" * 64,
                record={"exhibitions": [{"city": {"name": "Almaty", "country": "KZ"}, "venue": "Kasteev Museum"}]},
            )
            artist = Artist.objects.create(name=name, slug=slug, story=story)
            Story.objects.filter(pk=story.pk).update(artist=artist)
            show = OldExhibition.objects.create(
                title="Exhibition at Kasteev Museum, Almaty",
                slug=f"kasteev-{slug}",
                venue="Kasteev Museum",
                city=almaty,
                story=story,
                import_key="exhibition:almaty|kasteev museum",
            )
            show.artists.add(artist)

        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate([after])

        show = Exhibition.objects.get()
        assert sorted(show.artists.values_list("name", flat=True)) == ["Aigerim Bekova", "Dawit Sorensen"]
        assert show.showings.count() == 2
        assert show.venue_record.name == "Kasteev Museum"
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())


def test_a_story_now_about_another_artist_moves_its_own_show_to_that_artist():
    tell("dawit.txt", "Dawit Sorensen")
    tell("story.txt", "Aigerim Bekova")

    tell("story.txt", "Dawit Sorensen", text="Dawit Sorensen paints. Dawit Sorensen showed in Almaty.")

    own = Exhibition.objects.filter(venue_record=None)
    assert [show.title for show in own] == ["Group exhibition in Almaty of work by Dawit Sorensen"]
    assert sorted(own.get().showings.values_list("story__source_name", flat=True)) == ["dawit.txt", "story.txt"]
    assert list(shared_show().artists.values_list("name", flat=True)) == ["Dawit Sorensen"]


def test_merging_two_venues_keeps_their_shows_on_the_one_kept_and_its_old_address(client):
    from profiles.merge import merge_records

    tell("aigerim.txt", "Aigerim Bekova", venue="Museum of Modern Art")
    tell("dawit.txt", "Dawit Sorensen", venue="MoMA")
    keep, duplicate = Venue.objects.get(name="Museum of Modern Art"), Venue.objects.get(name="MoMA")
    old_url = duplicate.get_absolute_url()

    merge_records(keep, [duplicate])

    assert Exhibition.objects.filter(venue_record=keep).count() == 2
    assert client.get(old_url)["Location"] == keep.get_absolute_url()
    # A re-import keeps the editor's choice of venue for the show.
    tell("dawit.txt", "Dawit Sorensen", text="Dawit Sorensen paints again.", venue="MoMA")
    assert Exhibition.objects.get(venue="MoMA").venue_record == keep
    # A story still naming the merged venue finds the venue kept: the duplicate does not come back.
    tell("lena.txt", "Lena Ivanova", venue="MoMA")
    assert not Venue.objects.filter(name="MoMA").exists()
    assert Exhibition.objects.get(venue="MoMA").artists.count() == 2
