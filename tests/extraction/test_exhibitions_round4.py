"""Exhibitions, round 4: venue names and their cities that the rules used to read wrong."""

import pytest

from tests.helpers import extract_collecting


def _rules(extractor, text):
    """The rules' own exhibition candidates of ``text``: their (city, venue) keys."""
    _, candidates = extract_collecting(extractor, text)
    return {c.key for c in candidates["exhibitions"] if c.rule}


STORY = (
    "Valentina Ibarra is a painter from Córdoba, Argentina. She paints the river at dawn, "
    "in oils, on boards she saws herself. {sentence} She is thirty-eight."
)


@pytest.mark.parametrize(
    ("sentence", "key"),
    [
        # a lowercase place noun after a name makes it a venue, as "festival" does
        ("Last year the Aedes gallery in Berlin gave her a solo show.", ("berlin", "aedes")),
        ("In 2020 the Kumu museum in Tallinn showed her boards.", ("tallinn", "kumu")),
        # a possessive inside a name that context made a venue belongs to the name, with its city
        (
            "Her picture books were exhibited at the Bologna Children's Book Fair in 2021.",
            ("bologna", "bologna children's book fair"),
        ),
        # "New York" after a venue and a comma is the city, as after "in"
        (
            "She has had solo exhibitions at the Rubin Museum of Art, New York (2020).",
            ("new york city", "rubin museum of art"),
        ),
        # a big city's other name ending the venue's name
        ("In 2016 she had a solo exhibition at the Kunsthalle Wien.", ("vienna", "kunsthalle wien")),
        ("In 2012 she exhibited at the Factoría Habana.", ("havana", "factoria habana")),
        # "New York" inside a venue's name is the city, not York
        ("In 2019 her dresses were shown at New York Fashion Week.", ("new york city", "new york fashion week")),
        # the city named just before the venue ("in CITY, in the VENUE")
        (
            "The series was shown in 2011 in Moscow, in the Tretyakov Gallery, in a group exhibition.",
            ("moscow", "tretyakov gallery"),
        ),
    ],
)
def test_the_rules_read_the_venue_and_its_city(extractor, sentence, key):
    assert key in _rules(extractor, STORY.format(sentence=sentence))


def test_a_place_noun_after_a_name_does_not_make_it_an_event(extractor):
    """The place heads make a venue, but a gallery is no festival: the city in its name still needs evidence."""
    lex = extractor.lexicon
    assert "gallery" not in lex.event_head_words
    assert ("gallery",) in lex.name_heads_after


def test_a_region_after_a_comma_stays_a_region_without_a_venue(extractor):
    record = extractor.extract(STORY.format(sentence="She later moved to Albany, New York, and kept painting."))
    assert all((c.get("name") or "") != "New York City" for c in record.get("cities") or [])


@pytest.mark.parametrize(
    ("sentence", "key"),
    [
        ("In 2019 her prints were included in a group exhibition of Himalayan textiles in Zürich.", ("zurich", None)),
        (
            "A second group will travel to a group show of Tasmanian ceramics in Melbourne next March.",
            ("melbourne", None),
        ),
    ],
)
def test_a_city_after_the_phrase_describing_the_show_is_a_showing(extractor, sentence, key):
    assert key in _rules(extractor, STORY.format(sentence=sentence))


def test_a_city_after_an_of_phrase_of_no_show_is_not_one(extractor):
    sentence = "In 2019 she exhibited a portrait of her grandmother, who lived in Zürich."
    assert ("zurich", None) not in _rules(extractor, STORY.format(sentence=sentence))


def test_new_delhi_is_new_delhi_not_delhi(extractor):
    """A big city named by its own name is the one meant, though a bigger one has that name as an alternate."""
    sentence = "It was later shown at the Kiran Nadar Museum of Art in New Delhi."
    assert ("new delhi", "kiran nadar museum of art") in _rules(extractor, STORY.format(sentence=sentence))


@pytest.mark.parametrize(("name", "city"), [("Calcutta", "Kolkata"), ("London", "London"), ("Madrid", "Madrid")])
def test_alternate_names_and_namesakes_still_go_to_the_big_city(extractor, name, city):
    record = extractor.extract(STORY.format(sentence=f"In 2017 she had a solo exhibition in {name}."))
    assert city in {c["name"] for c in record["cities"]}
