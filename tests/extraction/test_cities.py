"""Cities: the record's cities through the extractor's public function, per class of wording.

Rule-level behaviour is tested on the rules alone (``decisions=None``), and the record with the learned layer.
"""

import pytest

from tests.extraction.conftest import city_keys

NAIROBI = "Wanjiku Otieno-Hale is a painter. She painted {phrase} for years, and now lives in Nairobi."

PROVENANCE_LINE = (
    "Kwame Asante-Boateng (b. 1950) painted the market women of his childhood. The canvas was acquired "
    "from the artist in 1978. Private collection, Rotterdam; thence by descent, Antwerp."
)

# A record gives its places as fields, not after "in": an item of a "Label: value" line is a place.
FACT_SHEET_LINES = (
    "FACT SHEET\n\nArtist: Rana Al-Haddadi\nBorn: 1984, Mosul\nLives: Amman\nPractice: painting, collage\n"
    "Venue: Makan Art Space, Amman\nPrevious shows: Baghdad (group, 2015); Kuwait City (solo, 2021)\n\n"
    "Notes for editors: Al-Haddadi paints the river houses of her childhood on salvaged doors."
)

CITY_IN_BRACKETS_AFTER_A_NAME = (
    "The foundation announces its print grants. Ilse Marijke Dorrestein (Utrecht) receives the main "
    "award for her woodcuts; smaller grants go to Jonas Eriksson Bergqvist (Uppsala)."
)

LIST_OF_BIG_CITIES_WITHOUT_A_PREPOSITION = (
    "Accra, Lagos, Abidjan, Dakar: for ten years the photographer Efua Mensah-Boakye has followed the "
    "coastal road and the markets along it."
)

CITY_THAT_ALSO_NAMES_A_SERIES = (
    "Giorgi Abashidze is a Georgian painter. He was born in Kutaisi in 1961, and his best-known series, "
    "Kutaisi Rain, shows the town's courtyards under water."
)

ONE_HALF_OF_A_TWO_PART_NAME = (
    "Amaia Zubizarreta Elorza is a sculptor who works in iron. Her first solo show was held at a small "
    "gallery in San Sebastián, and her pieces stand in parks across the region."
)

BIG_CITY_ONLY_A_VENUES_NAME_NAMES = (
    "Lena Brandstetter is an Austrian painter who lives in Graz. Her large canvases of empty swimming "
    "pools were shown at Kunsthalle Basel in 2022, and she is now painting lidos."
)

FAR_BIGGER_NAMESAKE_OVER_A_COUNTRY_IN_PASSING = (
    "Mele Tuilagi is a weaver from Apia. She spent a year at a residency in Honolulu, "
    "and in 2019 she had a solo exhibition of her tapa in Wellington."
)

ONLY_COUNTRY_NAMED_KEEPS_ITS_NAMESAKE = (
    "Ixchel Canche is a weaver from Valladolid, in Mexico. Her huipiles were shown in Mérida in 2018."
)

IN_A_NAME_THAT_IS_NO_CITY = (
    "Juan Pereira Soto is a Chilean painter. The years by the sea instilled in Juan a love of blue, "
    "and he lives in Valparaíso."
)

NAME_BEFORE_A_FEATURE_WORD = NAIROBI.format(phrase="the Kisii hills")

NAME_BEFORE_A_FUNCTION_WORD = NAIROBI.format(phrase="the Paraná at dawn")

NAME_BEFORE_A_KIN_WORD = NAIROBI.format(phrase="a Kikuyu mother")


@pytest.mark.parametrize(
    ("text", "cities"),
    [
        pytest.param(PROVENANCE_LINE, [("Rotterdam", "NL"), ("Antwerp", "BE")], id="provenance-line"),
        pytest.param(
            FACT_SHEET_LINES, [("Amman", "JO"), ("Baghdad", "IQ"), ("Kuwait City", "KW")], id="fact-sheet-lines"
        ),
        pytest.param(
            CITY_IN_BRACKETS_AFTER_A_NAME, [("Utrecht", "NL"), ("Uppsala", "SE")], id="city-in-brackets-after-a-name"
        ),
        pytest.param(
            LIST_OF_BIG_CITIES_WITHOUT_A_PREPOSITION,
            [("Accra", "GH"), ("Lagos", "NG"), ("Abidjan", "CI"), ("Dakar", "SN")],
            id="list-of-big-cities-without-a-preposition",
        ),
        pytest.param(CITY_THAT_ALSO_NAMES_A_SERIES, [("Kutaisi", "GE")], id="city-that-also-names-a-series"),
        pytest.param(
            ONE_HALF_OF_A_TWO_PART_NAME, [("Donostia / San Sebastián", "ES")], id="one-half-of-a-two-part-name"
        ),
    ],
)
def test_cities_the_rules_and_the_learned_layer_find(rules, extractor, text, cities):
    for x in (rules, extractor):
        found = city_keys(x, text)
        for city in cities:
            assert city in found


@pytest.mark.parametrize(
    ("text", "city"),
    [
        pytest.param(BIG_CITY_ONLY_A_VENUES_NAME_NAMES, ("Basel", "CH"), id="big-city-only-a-venues-name-names"),
        pytest.param(
            FAR_BIGGER_NAMESAKE_OVER_A_COUNTRY_IN_PASSING,
            ("Wellington", "NZ"),
            id="far-bigger-namesake-over-a-country-in-passing",
        ),
        pytest.param(
            ONLY_COUNTRY_NAMED_KEEPS_ITS_NAMESAKE, ("Valladolid", "MX"), id="only-country-named-keeps-its-namesake"
        ),
    ],
)
def test_a_city_the_learned_layer_finds(extractor, text, city):
    assert city in city_keys(extractor, text)


@pytest.mark.parametrize(
    ("text", "only"),
    [
        pytest.param(IN_A_NAME_THAT_IS_NO_CITY, "Valparaíso", id="in-a-name-that-is-no-city"),
        pytest.param(NAME_BEFORE_A_FEATURE_WORD, "Nairobi", id="name-before-a-feature-word"),
        pytest.param(NAME_BEFORE_A_FUNCTION_WORD, "Nairobi", id="name-before-a-function-word"),
        pytest.param(NAME_BEFORE_A_KIN_WORD, "Nairobi", id="name-before-a-kin-word"),
    ],
)
def test_a_name_that_is_no_city_of_its_own_name(rules, text, only):
    assert [c for c in city_keys(rules, text) if c[0] != only] == []


@pytest.mark.parametrize("month", ["March", "Spring"])
def test_a_month_or_season_is_no_town(rules, extractor, month):
    text = (
        f"Tomasz Wielgus is a Polish painter who lives in Gdańsk. His new paintings open at a gallery "
        f"in Warsaw in {month}, and he is painting every day."
    )
    for x in (rules, extractor):
        assert (month, "GB") not in city_keys(x, text)
        assert (month, "US") not in city_keys(x, text)
        assert ("Warsaw", "PL") in city_keys(x, text)


@pytest.mark.parametrize(
    ("phrase", "city"),
    [
        ("left for", ("Lisbon", "PT")),
        ("was bound for", ("Lisbon", "PT")),
        ("toured", ("Lisbon", "PT")),
        ("is planned for", ("Lisbon", "PT")),
    ],
)
def test_a_journey_names_its_city(rules, extractor, phrase, city):
    text = (
        f"Inês Moura Teles is a Portuguese ceramicist. Her first show {phrase} Lisbon when she was "
        f"twenty-five, and she still works with the clay of her village."
    )
    if phrase == "left for":
        text = "Inês Moura Teles is a Portuguese ceramicist. At twenty she left for Lisbon with one suitcase."
    for x in (rules, extractor):
        assert city in city_keys(x, text)


@pytest.mark.parametrize(
    "phrase",
    ["the Lagos guitarist", "the Lagos docks", "a Lagos dealer"],
)
def test_a_big_city_used_as_an_adjective(rules, extractor, phrase):
    text = (
        f"Adaeze Okonkwo-Bright is a Nigerian painter. Her new series began with {phrase} she met at a "
        f"wedding in Ibadan."
    )
    for x in (rules, extractor):
        assert ("Lagos", "NG") in city_keys(x, text)


# -- namesake cities: the story's evidence of a country, not size alone ---------------------------------

NAMESAKE_BESIDE_OTHER_NAMESAKES_OF_ITS_COUNTRY = (
    "Aroha Tane is a weaver from New Zealand. She grew up in Dunedin and studied in Wellington, then spent "
    "a year on a residency in Austin, Texas, before returning to Nelson, where she lives."
)

NAMESAKE_BEFORE_A_PLACE_WORD_OF_ITS_COUNTRY = (
    "Dolores Whitecloud is a quilter from Oklahoma. She has shown in Tulsa, in Phoenix and in Houston, and "
    "in 2022 at the Venice Biennale, where her quilt of the prairie hung in the Arsenale."
)

FAR_SMALLER_NAMESAKE_OF_A_NAMED_COUNTRY = (
    "Awa Diallo-Moreau is a Senegalese photographer who lives in France. She was born in Saint-Louis and "
    "studied in Paris and in Lyon; her pictures of fishing boats were shown in Marseille."
)

NAMESAKE_OF_A_PEOPLE_OF_ITS_COUNTRY = (
    "Rangi Parata is a Māori carver. He was born in Hamilton and learned to carve from his uncle; "
    "his panels now stand in a meeting house near Hamilton."
)

NAMESAKE_BEFORE_A_REGION_OF_ITS_COUNTRY = (
    "Grace Lam is a painter who grew up in Hong Kong and studied in Kowloon. In 1990 she moved to Victoria, "
    "British Columbia, where she paints the harbour."
)

NAMESAKES_OF_ANOTHER_COUNTRY_BESIDE_IT = (
    "Margaret Ellery was a painter of the sea. She studied in Cambridge and taught in Plymouth, in England, "
    "and in 1970 she moved to Halifax, Nova Scotia, where she painted the harbour until her death."
)


@pytest.mark.parametrize(
    ("text", "city"),
    [
        pytest.param(
            NAMESAKE_BEFORE_A_REGION_OF_ITS_COUNTRY, ("Victoria", "CA"), id="namesake-before-a-region-of-its-country"
        ),
        pytest.param(
            NAMESAKES_OF_ANOTHER_COUNTRY_BESIDE_IT, ("Halifax", "CA"), id="namesakes-of-another-country-beside-it"
        ),
        pytest.param(
            NAMESAKE_BESIDE_OTHER_NAMESAKES_OF_ITS_COUNTRY,
            ("Dunedin", "NZ"),
            id="namesake-beside-other-namesakes-of-its-country",
        ),
        pytest.param(
            NAMESAKE_BEFORE_A_PLACE_WORD_OF_ITS_COUNTRY,
            ("Venice", "IT"),
            id="namesake-before-a-place-word-of-its-country",
        ),
        pytest.param(
            FAR_SMALLER_NAMESAKE_OF_A_NAMED_COUNTRY, ("Saint-Louis", "SN"), id="far-smaller-namesake-of-a-named-country"
        ),
        pytest.param(NAMESAKE_OF_A_PEOPLE_OF_ITS_COUNTRY, ("Hamilton", "NZ"), id="namesake-of-a-people-of-its-country"),
    ],
)
def test_the_story_chooses_between_namesake_cities(rules, extractor, text, city):
    for x in (rules, extractor):
        found = city_keys(x, text)
        assert city in found
        assert not any(name == city[0] and country != city[1] for name, country in found)
