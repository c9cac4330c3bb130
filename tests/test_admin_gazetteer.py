"""Choosing cities from the gazetteer in the admin: the autocomplete, the city form, the record forms."""

import pytest

from profiles.admin.gazetteer import MAX_RESULTS
from profiles.models import Artist, City, Exhibition
from tests.helpers import admin_url, imported_catalogue, make_editor, save_change

pytestmark = pytest.mark.django_db

GAZETTEER = "/admin/profiles/city/gazetteer/"
TASHKENT = 1512569


def results(client, term):
    response = client.get(GAZETTEER, {"term": term})
    assert response.status_code == 200
    return response.json()["results"]


def test_the_autocomplete_finds_names_and_alternate_names_with_country_and_population(editor_client):
    found = results(editor_client, "Tashk")
    assert found[0]["id"] == f"geonames:{TASHKENT}"
    assert found[0]["text"] == "Tashkent, Uzbekistan (UZ) · 1,978,028 people"
    assert found[0]["details"]["latitude"] == pytest.approx(41.26, abs=0.1)
    beijing = results(editor_client, "Peking")[0]
    assert beijing["text"].startswith("Beijing, China (CN)")
    assert "also “peking”" in beijing["text"]


def test_catalogue_cities_come_first_and_a_city_added_by_hand_says_so(editor_client):
    City.objects.create(name="Tashkent", country_code="UZ", country_name="Uzbekistan", geonames_id=TASHKENT)
    bronx = City.objects.create(name="The Bronxville", country_code="US")
    found = results(editor_client, "tashkent")
    assert [item["text"] for item in found].count("Tashkent, Uzbekistan (UZ) · in the catalogue") == 1
    assert not any(item["id"] == f"geonames:{TASHKENT}" for item in found)  # no twin from the gazetteer
    assert results(editor_client, "The Bronxv")[0] == {
        "id": str(bronx.pk),
        "text": "The Bronxville, US · added by hand, not in the gazetteer",
    }


@pytest.mark.parametrize("term", ["a", "sa", "San", "new"])
def test_the_results_are_bounded(editor_client, term):
    for number in range(MAX_RESULTS + 5):
        City.objects.create(name=f"San Test {number}", country_code="ES")
    found = results(editor_client, term)
    assert len(found) <= MAX_RESULTS
    if term != "a":
        assert len(found) == MAX_RESULTS


def test_an_empty_or_huge_term_answers_quickly_with_little(editor_client):
    assert results(editor_client, "") == []
    assert results(editor_client, "x" * 1_000) == []


def test_the_autocomplete_is_for_people_who_may_see_cities(client):
    assert client.get(GAZETTEER, {"term": "Tash"}).status_code == 302  # to the sign-in page
    client.force_login(make_editor("outsider", in_group=False))
    assert client.get(GAZETTEER, {"term": "Tash"}).status_code == 403
    client.force_login(make_editor("dana"))
    assert client.get(GAZETTEER, {"term": "Tash"}).status_code == 200


def test_the_city_form_fills_a_gazetteer_city_in(editor_client):
    response = editor_client.post(admin_url(City, "add"), {"from_gazetteer": f"geonames:{TASHKENT}"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    city = City.objects.get()
    assert (city.name, city.country_code, city.country_name, city.geonames_id) == (
        "Tashkent",
        "UZ",
        "Uzbekistan",
        TASHKENT,
    )
    assert city.longitude == pytest.approx(69.2, abs=0.1)


def test_a_geonames_id_typed_alone_fills_the_rest(editor_client):
    response = editor_client.post(admin_url(City, "add"), {"geonames_id": TASHKENT})
    assert response.status_code == 302
    assert City.objects.get().name == "Tashkent"


def test_a_city_the_gazetteer_lacks_is_added_by_hand_and_marked(editor_client):
    response = editor_client.post(
        admin_url(City, "add"), {"name": "Little Nowhere", "country_code": "kz", "country_name": "Kazakhstan"}
    )
    assert response.status_code == 302
    city = City.objects.get()
    assert (city.country_code, city.geonames_id) == ("KZ", None)
    assert "added by hand" in editor_client.get(admin_url(City)).text
    missing = editor_client.post(admin_url(City, "add"), {"name": "", "country_code": ""})
    assert missing.status_code == 200
    assert "Choose the city in the gazetteer, or type this field." in missing.text


def test_a_birth_city_and_an_exhibition_city_are_chosen_from_the_gazetteer(editor_client):
    records = imported_catalogue()
    artist, exhibition = records["artist"], records["exhibition"]
    save_change(editor_client, artist, birth_city=f"geonames:{TASHKENT}")
    artist.refresh_from_db()
    assert (artist.birth_city.name, artist.birth_city.geonames_id) == ("Tashkent", TASHKENT)
    assert "birth_city" in artist.edited_fields
    page = editor_client.get(admin_url(Artist, "change", artist.pk)).text
    assert "Tashkent, Uzbekistan (UZ) · in the catalogue" in page
    save_change(editor_client, exhibition, city=f"geonames:{TASHKENT}")
    exhibition.refresh_from_db()
    assert exhibition.city == artist.birth_city  # the same row, not a twin
    assert City.objects.filter(name="Tashkent").count() == 1


def test_choosing_a_catalogue_city_missing_its_details_fills_them(editor_client):
    records = imported_catalogue()
    bare = City.objects.create(name="Tashkent", country_code="UZ")
    artist = records["artist"]
    save_change(editor_client, artist, birth_city=f"geonames:{TASHKENT}")
    bare.refresh_from_db()
    assert (bare.country_name, bare.geonames_id) == ("Uzbekistan", TASHKENT)
    assert Artist.objects.get().birth_city == bare
    assert Exhibition.objects.get().city.name == "Almaty"


def test_the_city_filters_ask_the_catalogue_only(editor_client):
    records = imported_catalogue()
    bishkek = City.objects.create(name="Bishkek", country_code="KG", country_name="Kyrgyzstan")
    Artist.objects.create(name="Other Artist", birth_city=bishkek)
    page = editor_client.get(admin_url(Artist))
    assert 'data-ajax--url="/admin/profiles/city/gazetteer/?catalogue"' in page.text
    assert [item["id"] for item in results(editor_client, "Bish")][0] == str(bishkek.pk)
    only = editor_client.get(GAZETTEER, {"term": "Bish", "catalogue": ""}).json()["results"]
    assert [item["id"] for item in only] == [str(bishkek.pk)]
    filtered = editor_client.get(admin_url(Artist), {"birth_city": bishkek.pk, "review": "waiting"})
    assert [artist.name for artist in filtered.context["cl"].result_list] == ["Other Artist"]
    assert "Bishkek, Kyrgyzstan (KG) · added by hand" in filtered.text  # the chosen city, shown in the filter
    assert '<input type="hidden" name="review" value="waiting">' in filtered.text
    exhibitions = editor_client.get(admin_url(Exhibition), {"city": records["city"].pk})
    assert [exhibition.title for exhibition in exhibitions.context["cl"].result_list] == [records["exhibition"].title]
    assert editor_client.get(admin_url(Artist), {"birth_city": "nonsense"}).status_code == 200
