"""Birth city: former names of cities, names the gazetteer lists under a longer one, birth words after the city.

Rule-level behaviour is tested on the rules alone (``decisions=None``); candidates through the
extractor's ``last_candidates``.
"""

import pytest


@pytest.fixture(scope="module")
def collecting():
    from profiles.extraction import StoryExtractor

    extractor = StoryExtractor(decisions=None)
    extractor.collect = True
    return extractor


def _birth(extractor, text):
    return (extractor.extract(text, "story.txt")["artist"] or {}).get("birth_city")


def _candidates(extractor, text):
    extractor.extract(text, "story.txt")
    return {c.key: c.features for c in extractor.last_candidates["birth_city"]}


@pytest.mark.parametrize(
    ("place", "city", "country"),
    [
        ("Trivandrum", "Thiruvananthapuram", "IN"),
        ("Tanjore", "Thanjavur", "IN"),
        ("Frunze", "Bishkek", "KG"),
        ("Solo", "Surakarta", "ID"),
    ],
)
def test_a_former_name_is_the_city(rules, extractor, place, city, country):
    text = (
        f"Arjun Menon is a painter. He was born in {place} and grew up in a house full of his mother's "
        f"dance students. His paintings were shown in a solo exhibition at the Kiran Nadar Museum in Delhi."
    )
    assert _birth(rules, text) == {"name": city, "country": country}
    assert _birth(extractor, text) == {"name": city, "country": country}


def test_a_name_listed_as_part_of_a_longer_one(rules, extractor):
    text = (
        "Iñaki Etxeberria is a Basque sculptor. He was born in San Sebastián, Spain, in 1952. His steel "
        "volumes were shown in a solo exhibition at the Guggenheim Museum in Bilbao."
    )
    expected = {"name": "Donostia / San Sebastián", "country": "ES"}
    assert _birth(rules, text) == expected
    assert _birth(extractor, text) == expected


def test_the_solo_of_a_solo_show_is_no_city(extractor):
    text = "Solo exhibitions: Ana Ruiz, a painter born in Quito, showed her canvases at the Museo in Lima."
    cities = [c["name"] for c in extractor.extract(text, "story.txt")["cities"]]
    assert "Surakarta" not in cities


def test_a_birth_word_after_the_city_is_its_feature(collecting):
    features = _candidates(
        collecting,
        "The painter Aziz Karimov, a Samarkand native, has lived in Tashkent for twenty years. "
        "His first solo exhibition was in Tashkent in 2012.",
    )
    assert "ta=native" in features[("samarkand", "UZ")]
    assert "ta=none" in features[("tashkent", "UZ")]
    features = _candidates(
        collecting,
        "For forty years the Jafari family have farmed pomegranates on the edge of Shiraz, where the "
        "director Kaveh Jafari was born. He made his name with a short film shown in Amsterdam.",
    )
    assert {"ta=born", "ta_where=True"} <= set(features[("shiraz", "IR")])


def test_the_city_first_named_after_born_is_marked(collecting):
    features = _candidates(
        collecting,
        "Fatoumata Sow is a singer and guitarist. She was born into a family of griots in Kayes, in western "
        "Mali, and grew up in Bamako, where her father played at weddings. Her first album was recorded in "
        "Bamako in 2019.",
    )
    assert {"born_next=True", "born_elsewhere=False"} <= set(features[("kayes", "ML")])
    assert {"born_next=False", "born_elsewhere=True"} <= set(features[("bamako", "ML")])
    features = _candidates(
        collecting, "Lotte Berg was born in Chile and later moved to Hamburg, where she paints ships."
    )
    assert {"born_next=False", "born_elsewhere=False"} <= set(features[("hamburg", "DE")])


# -- "born there": the place the sentences before are about ------------------------------------


@pytest.mark.parametrize(
    ("opening", "city"),
    [
        # the town opens the sentence; a bigger city named after it only places it
        ("In Cholula, a short bus ride west of Puebla, every street has a potter.", "Cholula"),
        ("In Ouidah, two hours along the coast from Cotonou, the old merchant houses are crumbling.", "Ouidah"),
    ],
)
def test_born_there_is_the_city_the_sentence_before_is_about(rules, opening, city):
    text = (
        f"{opening} Adjoa Mensah was born there, in a house behind the market, and she has painted "
        "its walls since she was twelve. Her murals were shown at the Zeitz Museum in Cape Town."
    )
    assert (_birth(rules, text) or {}).get("name") == city


def test_born_there_after_a_place_the_gazetteer_does_not_know_names_no_city(rules):
    text = (
        "Qarabulaq sits on the steppe above Almaty, a village of orchards and dust. "
        "Dana Seitova was born there, and she now paints the orchards in a studio in Berlin. "
        "Her canvases were shown at the Kunsthalle in Berlin."
    )
    assert _birth(rules, text) is None


def test_someone_elses_birth_there_is_not_the_artists(rules):
    text = (
        "Ines Okafor is a painter who lives in Lisbon. Her husband comes from Porto. "
        "He was born there in 1970. Her paintings were shown at the Gulbenkian in Lisbon."
    )
    assert _birth(rules, text) is None
