"""Round 6 of exhibitions: the venue's city and the coined names of lists and CV lines.

The classes: a kind of place between a venue's name and its city ("the Ultima festival in Oslo") or a
comma before "in" ("..., in Kazan"); a city inside a venue's name that is not its first match ("Pérez Art
Museum Miami", not Pérez in Argentina; "Centre Pompidou-Metz"); a one-word name ending a longer
stretch before a city ("exhibitions include Dak'Art, Dakar", "at MUMOK, Vienna") or opening its sentence
("Foam in Amsterdam showed ..."); a CV's gallery named for a person ("Esther Schipper, Berlin"); and, for
the decision layer, what stands between a venue and a city of its sentence.
"""

from __future__ import annotations

from tests.helpers import extract_collecting

BIO = "Rania Haddad is a painter and printmaker born in Beirut. She paints the sea in oils. "


def _exhibitions(extractor, text):
    return extract_collecting(extractor, text)[1]["exhibitions"]


def _keys(extractor, text):
    return {c.key for c in _exhibitions(extractor, text)}


def _rule_keys(extractor, text):
    return {c.key for c in _exhibitions(extractor, text) if c.rule}


def test_a_kind_of_place_between_a_venue_and_its_city(extractor):
    text = BIO + "In 2020 she showed at the Riddu Riđđu festival, and in 2022 at the Ultima festival in Oslo."
    keys = _rule_keys(extractor, text)
    assert ("oslo", "ultima") in keys
    assert ("oslo", "riddu riđđu") not in keys


def test_a_comma_before_in_keeps_the_city_the_venues(extractor):
    text = BIO + "Her first solo exhibition was at the State Museum of Fine Arts, in Kazan."
    assert ("kazan", "state museum of fine arts") in _rule_keys(extractor, text)


def test_the_biggest_city_in_a_venues_name_is_its_city(extractor):
    text = BIO + "In 2021 her work was included in a group exhibition at the Pérez Art Museum Miami."
    assert ("miami", "perez art museum miami") in _rule_keys(extractor, text)


def test_a_city_after_a_hyphen_in_a_venues_name(extractor):
    text = BIO + "A year later she was included in a group exhibition at the Centre Pompidou-Metz."
    assert ("metz", "centre pompidou-metz") in _rule_keys(extractor, text)


def test_a_one_word_name_ending_a_stretch_before_its_city(extractor):
    text = BIO + 'Group exhibitions include Dak\'Art, Dakar (2016) and "Soft Borders" at MUMOK, Vienna (2020).'
    candidates = {c.key: c for c in _exhibitions(extractor, text)}
    assert "side=before-tail" in candidates[("dakar", "dak'art")].features
    assert ("vienna", "mumok") in candidates


def test_a_name_opening_its_sentence_before_its_city(extractor):
    text = BIO + "Foam in Amsterdam showed the full series in 2020."
    field = next(c for c in _exhibitions(extractor, text) if c.key == ("amsterdam", "foam"))
    assert "side=in-tail" in field.features


def test_a_cv_field_named_for_a_person_is_a_candidate(extractor):
    text = (
        BIO
        + "Solo exhibitions: Room Without Wind, Gallery Chosun, Seoul (2019); "
        + "Hanji Weather, Esther Schipper, Berlin (2024)."
    )
    field = next(c for c in _exhibitions(extractor, text) if c.key == ("berlin", "esther schipper"))
    assert "fperson=True" in field.features


def test_the_artists_own_name_in_a_field_is_no_venue(extractor):
    text = "Exhibited: Madrid, Rosa Villaverde, 1930. Rosa Villaverde was a painter born in Seville."
    assert ("madrid", "rosa villaverde") not in _keys(extractor, text)


def test_what_stands_between_a_venue_and_a_city_of_its_sentence(extractor):
    text = BIO + "Six of the sheets went to Edinburgh in 2012 for a group exhibition at the Royal Scottish Academy."
    alternative = next(c for c in _exhibitions(extractor, text) if c.key == ("edinburgh", "royal scottish academy"))
    assert "cprep=to" in alternative.features
    assert "vbetween=0" in alternative.features


def test_a_venue_named_after_a_small_town_behind_a_hyphen_has_no_city(extractor):
    text = BIO + "In 2019 she showed at the Amrita Sher-Gil Arts Foundation."
    assert not any(key[0] == "gil" for key in _keys(extractor, text))
