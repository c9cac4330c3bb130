"""Visitors tag artists and works: who may, what is accepted and refused, what the page says, what it suggests."""

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from profiles.models import TaggedItem
from tests.helpers import build_catalogue, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile():
    return build_catalogue(2)["profiles"][0]


@pytest.fixture
def artist(profile):
    return profile["artist"]


@pytest.fixture
def visitor():
    return make_user("visitor")


@pytest.fixture
def signed_in(client, visitor):
    client.force_login(visitor)
    return client


def tag_names(record):
    return sorted(record.tags.names())


def test_a_signed_in_visitor_tags_an_artist_and_is_recorded_as_the_author(signed_in, artist, visitor):
    response = signed_in.post(artist.get_absolute_url(), {"tags": "  Night   Markets , dusk"})
    assert response.status_code == 302
    assert response["Location"] == artist.get_absolute_url() + "#tags"
    assert tag_names(artist) == ["Night Markets", "dusk", "steppe", "theme 0"]
    item = TaggedItem.objects.get(tag__name="Night Markets")
    assert item.added_by == visitor
    assert item.source == TaggedItem.Source.VISITOR
    page = signed_in.get(artist.get_absolute_url()).content.decode()
    assert 'href="/tags/night-markets/">Night Markets</a>' in page
    assert "Thank you: your tags were added. As you typed them: &#x27;Night Markets&#x27;, &#x27;dusk&#x27;." in page


def test_tags_are_deduplicated_case_insensitively(signed_in, artist):
    signed_in.post(artist.get_absolute_url(), {"tags": "Dusk, dusk, DUSK , Steppe"})
    assert tag_names(artist) == ["Dusk", "steppe", "theme 0"]
    # The importer's "steppe" tag is kept as it was: a visitor re-adding it changes nothing.
    assert TaggedItem.objects.get(tag__name="steppe", object_id=artist.pk).source == "importer"
    signed_in.post(artist.get_absolute_url(), {"tags": "DUSK"})
    assert tag_names(artist) == ["Dusk", "steppe", "theme 0"]


def test_a_visitor_tags_a_work(signed_in, profile):
    work = profile["work"]
    assert signed_in.post(work.get_absolute_url(), {"tags": "oil on linen"}).status_code == 302
    assert tag_names(work) == ["oil on linen"]
    assert "/works/" in signed_in.get("/tags/oil-on-linen/").content.decode()


def test_letters_of_any_script_digits_hyphens_and_apostrophes_are_accepted(signed_in, artist):
    response = signed_in.post(artist.get_absolute_url(), {"tags": "Алматы, 1990s, post-soviet, painter's eye"})
    assert response.status_code == 302
    assert {"Алматы", "1990s", "post-soviet", "painter's eye"} <= set(tag_names(artist))
    page = signed_in.get(artist.get_absolute_url()).content.decode()
    assert "painter&#x27;s eye" in page


def test_anonymous_posts_are_sent_to_sign_in(client, artist, profile):
    for record in (artist, profile["work"]):
        response = client.post(record.get_absolute_url(), {"tags": "sneaky"})
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")
    assert not TaggedItem.objects.filter(tag__name="sneaky").exists()


def test_posts_without_a_csrf_token_are_refused(artist, visitor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(visitor)
    response = client.post(artist.get_absolute_url(), {"tags": "forged"})
    assert response.status_code == 403
    assert not TaggedItem.objects.filter(tag__name="forged").exists()


def test_posts_with_the_csrf_token_from_the_page_are_accepted(artist, visitor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(visitor)
    client.get(artist.get_absolute_url())
    token = client.cookies["csrftoken"].value
    response = client.post(artist.get_absolute_url(), {"tags": "genuine", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert "genuine" in tag_names(artist)


def test_over_long_tags_are_refused(signed_in, artist):
    response = signed_in.post(artist.get_absolute_url(), {"tags": "ok, " + "x" * 51})
    assert response.status_code == 400
    assert "at most 50 characters" in response.content.decode()
    assert tag_names(artist) == ["steppe", "theme 0"]
    assert signed_in.post(artist.get_absolute_url(), {"tags": "y" * 50}).status_code == 302


@pytest.mark.parametrize(
    "tags",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "a&b",
        "semi;colon",
        "under_score",
        'quote"s',
        "<b>bold</b>",
        "- '",
    ],
)
def test_markup_and_other_characters_are_refused_and_shown_escaped(signed_in, artist, tags):
    response = signed_in.post(artist.get_absolute_url(), {"tags": tags})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Tags may only use letters, digits, spaces, hyphens and apostrophes." in page
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "<b>bold" not in page
    assert tag_names(artist) == ["steppe", "theme 0"]


def test_empty_and_too_many_tags_are_refused(signed_in, artist):
    assert signed_in.post(artist.get_absolute_url(), {"tags": " , ,"}).status_code == 400
    assert signed_in.post(artist.get_absolute_url(), {}).status_code == 400
    many = ", ".join(f"tag {number}" for number in range(11))
    response = signed_in.post(artist.get_absolute_url(), {"tags": many})
    assert response.status_code == 400
    assert "at most 10 tags" in response.content.decode()
    assert tag_names(artist) == ["steppe", "theme 0"]


def test_a_visitor_removes_a_tag_they_added(signed_in, artist):
    signed_in.post(artist.get_absolute_url(), {"tags": "mistake"})
    page = signed_in.get(artist.get_absolute_url()).content.decode()
    assert 'aria-label="Remove the tag mistake"' in page
    assert 'aria-label="Remove the tag steppe"' not in page  # not theirs
    response = signed_in.post(f"{artist.get_absolute_url()}tags/mistake/remove/")
    assert response.status_code == 302
    assert tag_names(artist) == ["steppe", "theme 0"]


def test_nobody_removes_tags_they_did_not_add(client, signed_in, artist):
    other = Client()
    other.force_login(make_user("someone-else"))
    other.post(artist.get_absolute_url(), {"tags": "theirs"})
    remove_theirs = f"{artist.get_absolute_url()}tags/theirs/remove/"
    assert signed_in.post(remove_theirs).status_code == 404
    assert signed_in.post(f"{artist.get_absolute_url()}tags/steppe/remove/").status_code == 404
    assert signed_in.get(remove_theirs).status_code == 405
    assert "theirs" in tag_names(artist)


def test_anonymous_removal_is_sent_to_sign_in(client, artist):
    response = client.post(f"{artist.get_absolute_url()}tags/steppe/remove/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "steppe" in tag_names(artist)


def test_removal_needs_a_csrf_token(artist, visitor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(visitor)
    artist.tags.add("mine", through_defaults={"added_by": visitor})
    assert client.post(f"{artist.get_absolute_url()}tags/mine/remove/").status_code == 403
    assert "mine" in tag_names(artist)


def test_anonymous_visitors_see_a_sign_in_link_instead_of_the_form(client, artist):
    page = client.get(artist.get_absolute_url()).content.decode()
    assert 'name="tags"' not in page
    assert "to add tags" in page


@pytest.mark.parametrize("spellings", [("café", "CAFÉ", "Café"), ("Ölmalerei", "ölmalerei"), ("Ἀθῆναι", "ἀθῆναι")])
def test_tags_are_deduplicated_case_insensitively_in_every_script(signed_in, artist, spellings):
    for spelling in spellings:
        signed_in.post(artist.get_absolute_url(), {"tags": spelling})

    assert tag_names(artist) == sorted([spellings[0], "steppe", "theme 0"])
    assert Tag.objects.filter(name__iexact=spellings[-1]).count() == 1


def test_tag_names_with_like_wildcards_match_only_themselves(artist):
    artist.tags.add("100%_done", "100xxdone")

    assert list(Tag.objects.filter(name__iexact="100%_DONE").values_list("name", flat=True)) == ["100%_done"]


# --- normalisation shown, not silent -------------------------------------------------------


def messages_after(client, record, tags):
    response = client.post(record.get_absolute_url(), {"tags": tags}, follow=True)
    assert response.redirect_chain == [(record.get_absolute_url() + "#tags", 302)]
    return [str(message) for message in response.context["messages"]]


def test_a_tag_that_joins_an_existing_one_under_its_spelling_says_so(signed_in, profile):
    other = build_catalogue(2)["artists"][1]
    other.tags.add("kazakh folk")
    artist = profile["artist"]

    said = messages_after(signed_in, artist, "Kazakh Folk, Night Markets, STEPPE, theme 0")

    assert said == [
        "Thank you: your tags were added. As you typed them: 'Night Markets'.",
        "'Kazakh Folk' joined the existing tag 'kazakh folk'.",
        "Already tagged here: 'steppe', 'theme 0'.",
    ]
    assert tag_names(artist) == ["Night Markets", "kazakh folk", "steppe", "theme 0"]
    assert TaggedItem.objects.get(tag__name="kazakh folk", object_id=artist.pk).added_by.username == "visitor"


def test_a_tag_typed_as_an_existing_one_is_added_as_typed(signed_in, artist):
    build_catalogue(2)["artists"][1].tags.add("dusk")
    assert messages_after(signed_in, artist, "dusk") == ["Thank you: your tags were added. As you typed them: 'dusk'."]


def test_joins_are_shown_in_every_script(signed_in, artist):
    build_catalogue(2)["artists"][1].tags.add("алматы")
    assert messages_after(signed_in, artist, "Алматы") == [
        "Thank you: your tags were added.",
        "'Алматы' joined the existing tag 'алматы'.",
    ]


def test_a_post_that_adds_nothing_new_thanks_for_nothing(signed_in, artist):
    assert messages_after(signed_in, artist, "Steppe") == ["Already tagged here: 'steppe'."]


def test_the_messages_are_shown_escaped(signed_in, artist):
    build_catalogue(2)["artists"][1].tags.add("painter's eye")
    response = signed_in.post(artist.get_absolute_url(), {"tags": "Painter's Eye"}, follow=True)
    assert "&#x27;Painter&#x27;s Eye&#x27; joined the existing tag &#x27;painter&#x27;s eye&#x27;." in (
        response.content.decode()
    )


def test_the_limits_are_stated_beside_the_box(signed_in, artist, settings):
    page = signed_in.get(artist.get_absolute_url()).content.decode()
    assert (
        "Up to 10 tags at a time, each up to 50 characters: letters, digits, spaces, hyphens and apostrophes." in page
    )
    assert "At most 30 posts in 10 minutes." in page
    assert "joins it, under its existing spelling" in page
    assert 'aria-describedby="tags-help tags-limits"' in page

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "tagging": {**settings.RATE_LIMITS["tagging"], "user": (5, 3600)}}
    assert "At most 5 posts in 60 minutes." in signed_in.get(artist.get_absolute_url()).content.decode()


def test_the_stated_post_limit_is_the_one_enforced(signed_in, artist, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "tagging": {**settings.RATE_LIMITS["tagging"], "user": (2, 600)}}
    assert "At most 2 posts in 10 minutes." in signed_in.get(artist.get_absolute_url()).content.decode()
    for number in range(2):
        assert signed_in.post(artist.get_absolute_url(), {"tags": f"tag {number}"}).status_code == 302
    assert signed_in.post(artist.get_absolute_url(), {"tags": "one too many"}).status_code == 429


# --- suggestions ---------------------------------------------------------------------------


def suggestions(client, query):
    response = client.get("/tags/suggest.json", {"q": query})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)["tags"]


def test_without_javascript_the_box_offers_the_most_used_tags(signed_in, artist):
    page = signed_in.get(artist.get_absolute_url()).content.decode()
    assert 'list="tag-suggestions"' in page
    assert 'data-suggest-url="/tags/suggest.json"' in page
    # "steppe" tags both artists, so it comes first.
    assert '<datalist id="tag-suggestions"><option value="steppe"></option><option value="theme 0">' in page
    assert 'Often used: <span class="tag-suggestion">steppe</span>, <span class="tag-suggestion">theme 0</span>' in page
    assert '<script src="/static/js/tag-suggest.js" defer></script>' in page


def test_suggestions_match_the_start_of_a_tag_or_of_any_word_in_it(client, artist):
    artist.tags.add("kazakh folk", "folklore", "Folk Revival", "pop")
    assert suggestions(client, "folk") == ["Folk Revival", "folklore", "kazakh folk"]
    assert suggestions(client, "KAZ") == ["kazakh folk"]
    assert suggestions(client, "olk") == []  # inside a word is not a prefix
    assert suggestions(client, "  kazakh   fo ") == ["kazakh folk"]


def test_suggestions_fold_case_in_every_script(client, artist):
    artist.tags.add("Алматы", "Ölmalerei", "Старый Алматы")
    assert suggestions(client, "алм") == ["Алматы", "Старый Алматы"]
    assert suggestions(client, "ölm") == ["Ölmalerei"]


def test_suggestions_put_the_most_used_first_and_are_few(client):
    artists = build_catalogue(3)["artists"]
    for number in range(12):
        artists[0].tags.add(f"theme extra {number:02d}")
    assert suggestions(client, "theme")[:3] == ["theme 0", "theme 1", "theme 2"]
    assert len(suggestions(client, "theme")) == 8
    assert suggestions(client, "st") == ["steppe"]


def test_one_or_two_letters_rank_only_the_first_tags_they_start(client, monkeypatch):
    from profiles import accounts

    artists = build_catalogue(3)["artists"]
    for artist in artists:
        artist.tags.add("zither music")  # the most used of all
    artists[0].tags.add("zebra", "zen garden")
    monkeypatch.setattr(accounts, "SHORT_PREFIX_TAGS", 2)
    # "zither music" is beyond the first two tags by name, so one or two letters do not reach it...
    assert suggestions(client, "z") == ["zebra", "zen garden"]
    assert suggestions(client, "zi") == ["zither music"]
    # ...and three letters rank every match by use.
    assert suggestions(client, "zit") == ["zither music"]


def test_unused_tags_and_wildcards_suggest_nothing(client, artist):
    Tag.objects.create(name="orphan", slug="orphan")
    artist.tags.add("100%_done")
    assert suggestions(client, "orph") == []
    assert suggestions(client, "%") == []
    assert suggestions(client, "_") == []
    assert suggestions(client, "100%_") == ["100%_done"]
    assert suggestions(client, "") == []
    assert suggestions(client, "   ") == []


def test_suggestions_are_bounded_and_cached_until_a_tag_changes(client, artist):
    with CaptureQueriesContext(connection) as first:
        assert suggestions(client, "st" + "e" * 1000) == []  # the query is cut to a tag's length
    assert len(first) == 1
    with CaptureQueriesContext(connection) as again:
        assert suggestions(client, "ste") == ["steppe"]
        assert suggestions(client, "ste") == ["steppe"]
    assert len(again) == 1
    artist.tags.add("stencils")
    assert suggestions(client, "ste") == ["steppe", "stencils"]
    assert client.get("/tags/suggest.json", {"q": "ste"})["Cache-Control"] == "max-age=60"


def test_a_tag_page_named_suggest_still_works(client, artist):
    artist.tags.add("suggest")
    assert client.get("/tags/suggest/").status_code == 200
