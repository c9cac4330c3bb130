"""The public pages, tested through what they answer."""

import json
import re

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils.module_loading import import_string

from catalogue import urls as catalogue_urls
from profiles import models
from profiles.models import Artist, City, Exhibition, Story, Work
from profiles.story_markup import story_markup
from tests.helpers import build_catalogue, make_city, make_profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    return build_catalogue(6)


@pytest.fixture
def profile(catalogue):
    return catalogue["profiles"][0]


def html(response):
    return response.content.decode()


def evidence_text(page, ident):
    """The story text the evidence span ``ident`` covers, as the page marks it."""
    pieces = re.findall(r'<span class="ev" data-ev="([^"]*)"[^>]*>(.*?)</span>', page, re.S)
    return "".join(piece for idents, piece in pieces if ident in idents.split()).replace("<br>\n", "\n")


def json_ld(response):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html(response), re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_every_page_answers(client, catalogue, profile):
    pages = [
        "/",
        "/artists/",
        profile["artist"].get_absolute_url(),
        profile["story"].get_absolute_url(),
        "/cities/",
        catalogue["cities"][0].get_absolute_url(),
        "/exhibitions/",
        profile["exhibition"].get_absolute_url(),
        "/works/",
        profile["work"].get_absolute_url(),
        "/tags/",
        "/tags/steppe/",
        "/accounts/login/",
        "/sitemap.xml",
        "/sitemap-artists.xml",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url


def test_pages_have_their_own_title_and_description(client, profile):
    response = client.get(profile["artist"].get_absolute_url())
    page = html(response)
    assert "<title>Artist 0000 Example · The catalogue</title>" in page
    description = re.search(r'<meta name="description" content="([^"]*)">', page).group(1)
    assert "Artist number 0" in description
    assert page.count("<h1") == 1


def test_home_shows_counts_artists_cities_stories_tags_and_search(client, catalogue):
    page = html(client.get("/"))
    assert re.search(r"<dt>Artists</dt><dd><a [^>]*>6</a>", page)
    assert "Artist 0005 Example" in page
    assert 'href="/cities/almaty-kz/"' in page
    assert "The story of Artist 0005 Example" in page
    assert 'href="/tags/steppe/"' in page
    assert 'role="search"' in page


def test_artist_infobox_lists_the_facts(client, profile):
    page = html(client.get(profile["artist"].get_absolute_url()))
    infobox = page[page.index('class="infobox"') : page.index("</aside>")]
    assert 'href="/cities/almaty-kz/">Almaty</a>, Kazakhstan' in infobox
    assert "<dt>Age</dt><dd>34" in infobox
    assert "she/her" in infobox
    assert 'href="/artists/?discipline=painting">painting</a>' in infobox
    assert 'href="/cities/bishkek-kg/">Bishkek</a>' in infobox


def test_artist_page_shows_works_exhibitions_tags_and_the_story(client, profile):
    page = html(client.get(profile["artist"].get_absolute_url()))
    assert f'href="{profile["work"].get_absolute_url()}"><cite>Work number 0</cite>' in page
    assert f'href="{profile["exhibition"].get_absolute_url()}">Solo exhibition at Gallery 0, Bishkek</a>' in page
    assert 'href="/tags/steppe/">steppe</a>' in page
    assert f'href="{profile["story"].get_absolute_url()}"' in page


def test_each_fact_links_to_its_sentence_on_the_story_page(client, profile):
    artist = profile["artist"]
    page = html(client.get(artist.get_absolute_url()))
    links = set(re.findall(r'class="evidence-link" href="([^"]+)"', page))
    story_url = profile["story"].get_absolute_url()
    # name, birth city, age, pronoun, disciplines, work title and exhibition.
    assert len(links) >= 4
    story_page = html(client.get(story_url))
    for link in links:
        path, anchor = link.split("#")
        assert path == story_url
        assert f'id="{anchor}"' in story_page
    start, end = artist.evidence["birth_city"]["start"], artist.evidence["birth_city"]["end"]
    assert f"{story_url}#s-{start}-{end}" in links
    assert evidence_text(story_page, f"s-{start}-{end}") == profile["story"].text[start:end]
    assert "born in" in evidence_text(story_page, f"s-{start}-{end}")
    # The page's highlight stylesheet marks that span when the address names it.
    stylesheet = re.search(r'<link rel="stylesheet" href="([^"]*/highlights\.css\?v=\w+)">', story_page).group(1)
    highlights = client.get(stylesheet.replace("&amp;", "&"))
    assert highlights["Content-Type"].startswith("text/css")
    assert f'.story__text:has(#s-{start}-{end}:target) [data-ev~="s-{start}-{end}"]' in highlights.content.decode()


def test_story_page_links_the_mentions_and_lists_the_facts(client, profile):
    page = html(client.get(profile["story"].get_absolute_url()))
    piece = r'(?:<span class="anchor" id="[^"]+"></span>)*<span class="ev" data-ev="[^"]+">'
    assert re.search(rf'<a class="mention mention-city" href="/cities/almaty-kz/">{piece}Almaty</span></a>', page)
    work_url = profile["work"].get_absolute_url()
    assert re.search(rf'<a class="mention mention-work" href="{work_url}">{piece}Work number 0</span></a>', page)
    assert re.search(rf'<span class="mention mention-person">{piece}Artist 0000 Example</span></span>', page)
    facts = page[page.index('class="story__facts"') :]
    assert "Born in" in facts
    assert "Work number 0" in facts
    assert "Solo exhibition at Gallery 0" in facts


def test_story_markup_is_escaped_and_unsafe_links_are_not_followed(client, catalogue):
    text = 'Ana <script>alert("x")</script> was born in Almaty & painted "<b>Salt</b>".'
    story = Story.objects.create(
        source_name="markup.txt",
        text=text,
        sha256="1" * 64,
        record={
            "mentions": [
                {"start": 0, "end": 3, "label": "ARTIST", "text": "Ana", "url": "javascript:alert(1)"},
                {
                    "start": text.index("Almaty"),
                    "end": text.index("Almaty") + 6,
                    "label": "CITY",
                    "url": "//evil.example/",
                },
                {"start": text.index("<b>"), "end": text.index("</b>") + 4, "label": "WORK", "url": "/works/salt/"},
                {"start": 5000, "end": 5010, "label": "CITY", "url": "/cities/nowhere/"},
            ]
        },
    )
    # Links come from the story's own rows: a url stored in the record is never followed.
    Work.objects.create(title="<b>Salt</b>", slug="salt", artist=Artist.objects.create(name="Ana"), story=story)
    page = html(client.get(story.get_absolute_url()))
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "javascript:" not in page
    assert "evil.example" not in page
    assert '<a class="mention mention-work" href="/works/salt/">&lt;b&gt;Salt&lt;/b&gt;</a>' in page
    assert "/cities/nowhere/" not in page


def test_story_markup_keeps_paragraphs_and_anchors_overlapping_spans():
    text = "First line.\nSecond line.\n\nAn artist from Almaty."
    first = (0, 11)
    crossing = (6, text.index("An artist") + 9)  # from the first paragraph into the second
    last = (text.index("An artist"), len(text))
    city = text.index("Almaty")
    markup, ids = story_markup(
        text,
        mentions=[{"start": city, "end": city + 6, "label": "CITY", "url": "/cities/almaty-kz/"}],
        evidence=[first, crossing, last, last, (city, city + 6, (city, city + 6)), (0, 5000)],
    )
    assert markup.count("<p>") == 2
    assert "<br>\n" in markup
    assert ids == ["s-0-11", f"s-6-{crossing[1]}", f"s-{last[0]}-{last[1]}", f"s-{city}-{city + 6}"]
    for start, end in (first, crossing, last):
        assert markup.count(f'id="s-{start}-{end}"') == 1
        covered = evidence_text(markup, f"s-{start}-{end}").replace("\n", "")
        assert covered == text[start:end].replace("\n", "")
    assert (
        f'<a class="mention mention-city" href="/cities/almaty-kz/"><span class="anchor" id="s-{city}-{city + 6}">'
        in (markup)
        or f'<span class="anchor" id="s-{city}-{city + 6}"></span><a class="mention mention-city"' in markup
    )
    assert f'data-match="s-{city}-{city + 6}">Almaty</span></a>' in markup


def test_json_ld_describes_each_kind_of_page(client, catalogue, profile):
    person = json_ld(client.get(profile["artist"].get_absolute_url()))
    assert person["@type"] == "Person"
    assert person["name"] == "Artist 0000 Example"
    assert person["birthPlace"]["name"] == "Almaty"
    assert json_ld(client.get(profile["work"].get_absolute_url()))["@type"] == "CreativeWork"
    event = json_ld(client.get(profile["exhibition"].get_absolute_url()))
    assert event["@type"] == "ExhibitionEvent"
    assert event["location"]["address"]["addressLocality"] == "Bishkek"
    city = json_ld(client.get(catalogue["cities"][0].get_absolute_url()))
    assert city["@type"] == "City"
    assert city["geo"]["latitude"] == pytest.approx(43.25)


def test_json_ld_cannot_be_broken_out_of(client, catalogue):
    artist = Artist.objects.create(name="Eve</script><script>alert(1)</script>", summary="a & b <i>c</i>")
    response = client.get(artist.get_absolute_url())
    page = html(response)
    assert "<script>alert(1)" not in page
    assert json_ld(response)["name"] == "Eve</script><script>alert(1)</script>"
    assert "<h1" in page
    assert "Eve&lt;/script&gt;" in page


def test_city_page_shows_born_artists_exhibitions_country_coordinates_and_a_map(client, catalogue):
    bishkek = City.objects.get(slug="bishkek-kg")
    page = html(client.get(bishkek.get_absolute_url()))
    assert "Artist 0001 Example" in page  # born in Bishkek
    assert "Solo exhibition at Gallery 0, Bishkek" in page
    assert "Kyrgyzstan" in page
    assert "42.8700, 74.5900" in page
    svg = re.search(r"<svg .*?</svg>", page, re.S).group(0)
    assert 'class="map map--city"' in svg
    assert 'role="img"' in svg
    assert "<title>Bishkek, Kyrgyzstan: 42.87° N, 74.59° E</title>" in svg  # the city's own dot
    assert "<path" in svg  # country outlines, not a bare grid
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_city_without_coordinates_has_no_map(client, catalogue):
    city = make_city("Nowhere", "ZZ")
    page = html(client.get(city.get_absolute_url()))
    assert "<svg" not in page


def test_related_artists_are_ranked_by_what_they_share(client, catalogue):
    almaty, bishkek, lisbon = (City.objects.get(slug=slug) for slug in ("almaty-kz", "bishkek-kg", "lisbon-pt"))
    me = make_profile("Me Myself", birth_city=lisbon, other_city=lisbon, disciplines=("dance",), tags=["rare"])
    twin = make_profile("Close Twin", birth_city=lisbon, other_city=lisbon, disciplines=("dance",), tags=["rare"])
    twin["exhibition"].artists.add(me["artist"])
    me["exhibition"].artists.add(twin["artist"])
    cousin = make_profile("Far Cousin", birth_city=lisbon, other_city=almaty, disciplines=("dance",))
    make_profile("No Relation", birth_city=bishkek, other_city=almaty, disciplines=("jewelry",), tags=["other"])
    page = html(client.get(me["artist"].get_absolute_url()))
    related = page[page.index('id="related-heading"') :]
    names = re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', related)
    assert names[:2] == ["Close Twin", "Far Cousin"]
    assert "No Relation" not in names
    assert "Shares 2 exhibitions, 1 tag, 1 city, 1 discipline" in related
    assert cousin["artist"].name in names


def test_related_artists_rank_a_bounded_sample_of_a_widely_shared_discipline(client, catalogue):
    """Thousands sharing a discipline cost the page no more than a sample of them: the newest
    ``RELATED_SAMPLE``. An older artist who shares more (an exhibition) is still found, through that."""
    faro = make_city("Faro", "PT", "Portugal")
    me = make_profile("Me Myself", birth_city=faro, other_city=faro, disciplines=("dance",))
    partner = make_profile("Zed Partner", birth_city=faro, other_city=faro, disciplines=("jewelry",))
    me["exhibition"].artists.add(partner["artist"])
    # Alphabetically first, but older than the sample: ranked by the whole discipline, they would win the ties.
    old = Artist.objects.bulk_create(Artist(name=f"Aaa Old {n:03d}", slug=f"aaa-old-{n:03d}") for n in range(10))
    new = Artist.objects.bulk_create(
        Artist(name=f"Bbb New {n:03d}", slug=f"bbb-new-{n:03d}") for n in range(models.RELATED_SAMPLE)
    )
    dance = me["artist"].disciplines.get()
    Artist.disciplines.through.objects.bulk_create(
        Artist.disciplines.through(artist=artist, discipline=dance) for artist in [*old, *new]
    )

    page = html(client.get(me["artist"].get_absolute_url()))

    related = page[page.index('id="related-heading"') :]
    names = re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', related)
    assert names == ["Zed Partner", *(f"Bbb New {n:03d}" for n in range(5))]


def test_artist_search_covers_names_cities_works_and_venues(client, catalogue):
    def found(query):
        page = html(client.get("/artists/", {"q": query}))
        return re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', page)

    assert found("0002 exam") == ["Artist 0002 Example"]
    assert found("Work number 4") == ["Artist 0004 Example"]
    assert found("Gallery 3") == ["Artist 0003 Example"]
    assert "Artist 0003 Example" in found("Istanbul")
    assert found("nothing like this") == []


def test_facets_combine_and_show_counts(client, catalogue):
    page = html(client.get("/artists/", {"discipline": "painting"}))
    titles = re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', page)
    assert titles == ["Artist 0000 Example", "Artist 0003 Example", "Artist 0005 Example"]
    # Counts are of the current results.
    assert re.search(r'discipline=painting&amp;city=almaty-kz">Almaty</a> <span class="count">2</span>', page)
    combined = html(client.get("/artists/", {"discipline": "painting", "city": "almaty-kz"}))
    assert re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', combined) == [
        "Artist 0000 Example",
        "Artist 0005 Example",
    ]
    assert "Discipline: painting" in combined
    assert "City: Almaty, Kazakhstan" in combined
    by_country = html(client.get("/artists/", {"country": "kz"}))
    assert "Artist 0000 Example" in by_country
    assert "Artist 0004 Example" in by_country
    assert "Artist 0001 Example" not in by_country
    tagged = html(client.get("/artists/", {"tag": "theme-1"}))
    assert re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', tagged) == [
        "Artist 0001 Example",
        "Artist 0005 Example",
    ]


def card_titles(response):
    return re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', html(response))


def test_a_facet_takes_several_values_or_within_and_across_facets(client, catalogue):
    painting = set(card_titles(client.get("/artists/", {"discipline": "painting"})))
    music = set(card_titles(client.get("/artists/", {"discipline": "music"})))
    in_almaty = set(card_titles(client.get("/artists/", {"city": "almaty-kz"})))
    either = client.get("/artists/?discipline=painting&discipline=music")
    assert set(card_titles(either)) == painting | music
    assert len(painting | music) > len(painting)
    both = client.get("/artists/?discipline=painting&discipline=music&city=almaty-kz")
    assert set(card_titles(both)) == (painting | music) & in_almaty

    page = html(both)
    # One chip per value, each removing that value only.
    chips = dict(re.findall(r'<a class="chip" href="([^"]+)">([^<]+)<', page))
    assert chips == {
        "?discipline=music&amp;city=almaty-kz": "Discipline: painting ",
        "?discipline=painting&amp;city=almaty-kz": "Discipline: music ",
        "?discipline=painting&amp;discipline=music": "City: Almaty, Kazakhstan ",
    }
    # A chosen value is marked in its facet and its link takes it out; another value's link adds it.
    assert re.search(r'<a href="\?discipline=music&amp;city=almaty-kz" aria-current="true"', page)
    assert 'href="?discipline=painting&amp;discipline=music&amp;discipline=sculpture&amp;city=almaty-kz"' in page


def test_a_facet_refuses_more_values_than_it_takes(client, catalogue):
    many = "&".join(f"tag=theme-{number % 4}" for number in range(11))
    response = client.get(f"/artists/?{many}")
    assert response.status_code == 400
    assert "At most 10 values" in html(response)
    assert client.get("/cities/?country=kz&country=kg").status_code == 200
    assert client.get("/cities/?country=kz&country=k1").status_code == 400


def test_more_leads_to_every_value_of_a_facet_a_page_at_a_time(client, catalogue, monkeypatch):
    from profiles.views import FacetValuesView

    artist = catalogue["profiles"][0]["artist"]
    artist.tags.add(*(f"extra {number:02d}" for number in range(20)))
    page = html(client.get("/artists/"))
    assert "extra 19" not in page  # beyond the top values
    link = re.search(r'<a href="(/artists/facets/tag/[^"]*)">Every tag…</a>', page).group(1)
    assert link == "/artists/facets/tag/"

    monkeypatch.setattr(FacetValuesView, "page_size", 10)
    names = []
    for number in (1, 2, 3):
        listing = html(client.get("/artists/facets/tag/", {"page": number}))
        names += re.findall(r'\?tag=[^"]+">([^<]+)</a> <span class="count">', listing)
    assert len(names) == len(set(names)) == 25  # "steppe", four themes and twenty extras, each once
    assert "extra 19" in names
    assert client.get("/artists/facets/tag/", {"page": 4}).status_code == 404
    for page in ("0", "x", "99999999999999999999"):
        assert client.get("/artists/facets/tag/", {"page": page}).status_code == 404

    # The facet page keeps the list's filters, and its links lead back to the list with the value added.
    filtered = html(client.get("/artists/facets/tag/", {"discipline": "music"}))
    assert "extra 19" not in filtered
    assert 'href="/artists/?discipline=music&amp;tag=steppe"' in filtered
    assert client.get("/artists/facets/colour/").status_code == 404
    assert client.get("/artists/facets/tag/", {"discipline": "basket-weaving"}).status_code == 400
    assert client.get("/works/facets/tag/").status_code == 200
    assert client.get("/exhibitions/facets/city/").status_code == 200
    assert client.get("/cities/facets/country/").status_code == 200


def test_sorting_by_name_and_by_recently_added(client, catalogue):
    by_name = re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', html(client.get("/artists/?sort=name")))
    recent = re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', html(client.get("/artists/?sort=recent")))
    assert by_name == sorted(by_name)
    assert recent == list(reversed(by_name))


@pytest.mark.parametrize(
    "query",
    [
        "city=atlantis",
        "discipline=basket-weaving",
        "tag=no-such-tag",
        "country=Kazakhstan",
        "sort=price",
        "born=%00",
    ],
)
def test_unknown_filter_values_are_a_400_not_a_500(client, catalogue, query):
    response = client.get(f"/artists/?{query}")
    assert response.status_code == 400
    assert "We could not read this address" in html(response)


@pytest.mark.parametrize(
    "url", ["/works/?kind=poem", "/exhibitions/?year=abc", "/exhibitions/?city=nowhere", "/cities/?country=123"]
)
def test_other_lists_refuse_unknown_filter_values_with_400(client, catalogue, url):
    assert client.get(url).status_code == 400


def test_unknown_parameters_are_ignored(client, catalogue):
    assert client.get("/artists/?colour=blue&utm_source=x").status_code == 200


@pytest.mark.parametrize("page", ["99", "0", "-1", "abc", "1.5", "9" * 30])
def test_out_of_range_pages_are_a_clean_404(client, catalogue, page):
    for url in ("/artists/", "/works/", "/exhibitions/", "/cities/"):
        response = client.get(url, {"page": page})
        assert response.status_code == 404
        assert "Page not found" in html(response)


def test_lists_are_paginated_24_a_page(client, catalogue):
    build_catalogue(25)
    first = html(client.get("/artists/"))
    assert first.count('class="card__title"') == 24
    assert "Page 1 of 2" in first
    assert 'rel="next" href="?page=2"' in first
    assert html(client.get("/artists/?page=2")).count('class="card__title"') == 7
    assert client.get("/artists/?page=last").status_code == 200


def test_work_and_exhibition_lists_filter_and_link_back(client, catalogue, profile):
    works = html(client.get("/works/", {"kind": "painting", "q": "number 0"}))
    assert f'href="{profile["work"].get_absolute_url()}"' in works
    assert f'href="{profile["artist"].get_absolute_url()}"' in works
    shows = html(client.get("/exhibitions/", {"kind": "solo", "city": "bishkek-kg"}))
    assert "Solo exhibition at Gallery 0, Bishkek" in shows
    assert "Group exhibition" not in shows
    exhibition = html(client.get(profile["exhibition"].get_absolute_url()))
    assert f'href="{profile["artist"].get_absolute_url()}"' in exhibition
    assert 'href="/cities/bishkek-kg/"' in exhibition
    work = html(client.get(profile["work"].get_absolute_url()))
    assert f'href="{profile["exhibition"].get_absolute_url()}"' in work


def test_tag_pages(client, catalogue):
    cloud = html(client.get("/tags/"))
    assert re.search(r'href="/tags/steppe/">steppe <span class="count">6', cloud)
    page = html(client.get("/tags/theme-1/"))
    assert "Artist 0001 Example" in page
    assert "Artist 0005 Example" in page
    assert "Artist 0002 Example" not in page
    assert client.get("/tags/no-such-tag/").status_code == 404


@pytest.mark.parametrize("url", ["/artists/nobody/", "/works/nothing/", "/cities/atlantis/", "/stories/none/", "/x/"])
def test_unknown_records_are_a_friendly_404(client, catalogue, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in html(response)
    assert 'role="search"' in html(response)


def test_server_error_page_is_friendly_and_needs_no_database(django_assert_num_queries):
    server_error = import_string(catalogue_urls.handler500)
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_sitemap_lists_every_kind_of_page(client, catalogue, profile):
    index = html(client.get("/sitemap.xml"))
    for section in ("pages", "artists", "works", "exhibitions", "cities", "venues", "stories", "tags"):
        assert f"/sitemap-{section}.xml" in index
    artists = html(client.get("/sitemap-artists.xml"))
    assert f"http://testserver{profile['artist'].get_absolute_url()}" in artists
    assert "http://testserver/tags/steppe/" in html(client.get("/sitemap-tags.xml"))


def test_login_and_logout_pages(client, django_user_model):
    django_user_model.objects.create_user("someone", password="a-long-test-password")
    page = html(client.get(reverse("login")))
    assert 'autocomplete="current-password"' in page
    response = client.post(
        reverse("login"), {"username": "someone", "password": "a-long-test-password", "next": "/tags/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/tags/"
    assert "Signed in as someone" in html(client.get("/"))
    response = client.post(reverse("logout"))
    assert response.status_code in (200, 302)
    assert "Sign in" in html(client.get("/"))


def test_records_without_a_story_still_render(client, catalogue):
    city = City.objects.get(slug="almaty-kz")
    artist = Artist.objects.create(name="Hand Made", birth_city=city)
    work = Work.objects.create(title="Loose", kind="film", artist=artist)
    show = Exhibition.objects.create(title="Hand show", city=city)
    for record in (artist, work, show):
        response = client.get(record.get_absolute_url())
        assert response.status_code == 200
        assert "evidence-link" not in html(response)
