"""Birth city, round 2 (issue #13): city names with an okina, namesakes, hometown wording.

Rule-level behaviour is tested on the rules alone (``decisions=None``); the gazetteer directly.
"""

import pytest


@pytest.fixture(scope="module")
def gaz():
    from profiles.extraction.gazetteer import default_gazetteer

    return default_gazetteer()


def _artist(extractor, text):
    return extractor.extract(text, "story.txt")["artist"] or {}


# -- apostrophe-like letters ------------------------------------------------------------------


@pytest.mark.parametrize("letter", ["\u02bb", "\u2018", "\u2019", "'", "`", "\u02bc", "\u02bf"])
def test_every_apostrophe_like_letter_finds_the_city(gaz, letter):
    from profiles.extraction.textutil import fold

    found = gaz.lookup(f"Nuku{letter}alofa")
    assert [(m.city.country, m.via_alias) for m in found] == [("TO", False)]
    assert gaz.has_name(fold(f"Nuku{letter}alofa"))  # (the mention finder's pre-check, on the folded name)


@pytest.mark.parametrize("letter", ["\u02bb", "\u2018", "'"])
def test_a_birth_city_spelt_with_an_okina(rules, letter):
    text = (
        "Mele Taufa is a weaver of tapa cloth. She was born in "
        f"Nuku{letter}alofa in 1970 and still beats the bark on the veranda of her mother's house."
    )
    city = _artist(rules, text).get("birth_city") or {}
    assert city.get("country") == "TO"


def test_completion_reads_the_okina_as_an_apostrophe(gaz):
    assert any(city.country == "TO" for city, _ in gaz.complete("Nuku\u02bbal"))


# -- namesakes ---------------------------------------------------------------------------------


def test_a_namesake_is_not_measured_against_a_foreign_alternate_name(gaz):
    """Belém is "Bethlehem" in some language: the Bethlehem of a story about Palestine is still offered."""
    city = gaz.choose(gaz.lookup("Bethlehem"), story_countries={"PS": 1, "CL": 1})
    assert city.country == "PS"


def test_the_namesake_of_the_country_the_story_names_most(gaz):
    city = gaz.choose(gaz.lookup("Salto"), story_countries={"UY": 4, "BR": 1, "AR": 2})
    assert city.country == "UY"


def test_a_birth_city_among_cities_of_its_country(rules):
    text = (
        "Facundo Olivera is an architect. Born in Salto, a river town, Olivera moved to Montevideo to study. "
        "His buildings are modest: a school in Paysandú, a library in Rivera. His sister has had shows in "
        "Montevideo and São Paulo."
    )
    city = _artist(rules, text).get("birth_city") or {}
    assert (city.get("name"), city.get("country")) == ("Salto", "UY")


# -- other spellings of a city's name ---------------------------------------------------------


def test_a_transliteration_with_the_same_consonants_is_the_city(gaz):
    """Heraklion and Irákleion: the vowels move, the consonants stay; a city under a million people."""
    assert [(m.city.name, m.city.country) for m in gaz.lookup("Heraklion")] == [("Irákleion", "GR")]


def test_a_birth_city_under_its_english_spelling(rules):
    text = (
        "Nikos Papadakis is a sculptor. Papadakis was born in Heraklion, on Crete, and he still carves in a "
        "workshop his grandfather built. He uses marble from Naxos and showed for the first time in Athens."
    )
    city = _artist(rules, text).get("birth_city") or {}
    assert city.get("country") == "GR"


# -- non-native wording -----------------------------------------------------------------------


def test_borned_in_is_a_birth_phrase(rules):
    text = (
        "Artist Lee Hyun-woo is ceramic maker and also calligraphy writer. He is borned in Daegu city and from "
        "child he is seeing his grandfather make the pots. Now he have a studio in Seoul."
    )
    city = _artist(rules, text).get("birth_city") or {}
    assert city.get("name") == "Daegu"


# -- hometown wording -------------------------------------------------------------------------


def test_a_village_just_outside_a_city_gives_that_city(rules):
    text = (
        "Femke de Vries is a painter. De Vries grew up on a farm in Haren, just outside Groningen, where the "
        "wind was loud. She now lives in Amsterdam."
    )
    city = _artist(rules, text).get("birth_city") or {}
    assert (city.get("name"), city.get("country")) == ("Groningen", "NL")


def _birth_candidates(text):
    from profiles.extraction import StoryExtractor

    extractor = StoryExtractor(decisions=None)
    extractor.collect = True
    extractor.extract(text, "story.txt")
    return [tuple(c.key) for c in extractor.last_candidates.get("birth_city", [])]


def test_a_hometown_under_an_old_spelling_is_offered():
    """ "her hometown of Mysore": the city the rules did not take, known by its alternate name, is offered."""
    text = (
        "Class of 2009: Priyanka Venkataraman writes in from Mumbai. Her film follows three generations of women "
        "who sell flowers at the Devaraja Market in her hometown of Mysore. It premiered in Busan."
    )
    assert ("mysuru", "IN") in _birth_candidates(text)


def test_a_city_of_two_words_named_before_the_birth_phrase_is_offered():
    text = (
        "Nasrin Haidari paints the rooftops of every city she has lived in. There are eleven. The first is "
        "Mazar-e Sharif, where she was born in 1979; the last, so far, is Glasgow."
    )
    assert ("mazar-e sharif", "AF") in _birth_candidates(text)
