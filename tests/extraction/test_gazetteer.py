"""The gazetteer: canonical names, alternate names, disambiguation."""

import pytest

from profiles.extraction.gazetteer import default_gazetteer


@pytest.fixture(scope="module")
def gazetteer():
    return default_gazetteer()


@pytest.mark.parametrize(
    ("alias", "name", "country"),
    [
        ("Ulaanbaatar", "Ulan Bator", "MN"),
        ("Khorog", "Khorugh", "TJ"),
        ("Rishtan", "Rishton", "UZ"),
        ("Bombay", "Mumbai", "IN"),
    ],
)
def test_alternate_names_lead_to_the_geonames_name(gazetteer, alias, name, country):
    city = gazetteer.choose(gazetteer.lookup(alias))
    assert (city.name, city.country) == (name, country)


def test_noisy_alternate_names_are_not_cities(gazetteer):
    assert gazetteer.lookup("Acropolis") == []


def test_country_named_beside_the_city_decides(gazetteer):
    matches = gazetteer.lookup("Hammamet")
    assert {m.city.country for m in matches} >= {"TN", "DZ"}
    assert gazetteer.choose(matches, country="DZ").country == "DZ"
    assert gazetteer.choose(matches, story_countries={"TN": 2}).country == "TN"


def test_small_namesake_never_beats_a_great_city(gazetteer):
    assert gazetteer.choose(gazetteer.lookup("Madrid"), story_countries={"CO": 3}).country == "ES"


def test_city_records_carry_coordinates_and_country_name(gazetteer):
    city = gazetteer.choose(gazetteer.lookup("Almaty"))
    assert city.country_name == "Kazakhstan"
    assert 43 < city.latitude < 44
    assert city.geonameid > 0


def test_countries_and_regions(gazetteer):
    assert gazetteer.country_code("the Philippines") == "PH"
    assert gazetteer.country_code("Armenia") == "AM"
    assert gazetteer.is_region("Central Asia")
