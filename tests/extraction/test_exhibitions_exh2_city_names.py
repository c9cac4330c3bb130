"""Issue #13: venues named by their city with no venue word ("Photo Cairo", "Frieze Seoul", "Tate
Liverpool") are proposed as showings in that city; a person who shares a word with a town, a place in a
city and a name that goes on past a possessive are not."""

from __future__ import annotations

from tests.helpers import extract_collecting

BIO = "Maya Lind is a painter born in Oslo. She paints harbours in oils. "


def _keys(extractor, text):
    return {c.key for c in extract_collecting(extractor, text)[1]["exhibitions"]}


def test_a_fair_named_by_its_city_is_a_venue_in_that_city(extractor):
    keys = _keys(extractor, BIO + "Her group exhibitions include Photo Cairo (2019) and Frieze Seoul (2022).")
    assert ("cairo", "photo cairo") in keys
    assert ("seoul", "frieze seoul") in keys


def test_a_branch_named_by_its_city_opens_the_sentence(extractor):
    keys = _keys(extractor, BIO + "Tate Liverpool hung her paintings in a group exhibition last spring.")
    assert ("liverpool", "tate liverpool") in keys


def test_a_person_whose_given_name_is_a_town_is_no_venue(extractor):
    keys = _keys(extractor, BIO + "Her work was shown in a group exhibition with Florence Okafor.")
    assert not any(venue and "florence" in venue for _, venue in keys)


def test_a_place_in_a_city_is_no_venue(extractor):
    keys = _keys(extractor, BIO + "Her murals were shown in a group exhibition along Mombasa Road.")
    assert not any(venue and "mombasa" in venue for _, venue in keys)


def test_a_name_going_on_past_a_possessive_stays_whole(extractor):
    keys = _keys(extractor, BIO + "In 2020 her drawings were shown at the Bologna Children's Book Fair.")
    assert ("bologna", "bologna children's book fair") in keys


def test_an_akademi_is_a_venue(extractor):
    keys = _keys(extractor, BIO + "Group exhibitions: Lalit Kala Akademi, New Delhi (2004); Prague Quadrennial (2011).")
    assert ("new delhi", "lalit kala akademi") in keys
    assert ("prague", "prague quadrennial") in keys


def test_a_ceramics_fair_is_a_venue(extractor):
    keys = _keys(
        extractor, BIO + "Her group exhibitions include Prague Quadrennial (2011) and Lisbon Ceramics Fair (2018)."
    )
    assert ("lisbon", "lisbon ceramics fair") in keys
