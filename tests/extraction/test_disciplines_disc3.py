"""Disciplines (third round): the vocabulary of a practice named through its products ("tiles" for
ceramics, "video" for film, "dresses" for fashion design) reaches the learned layer as weak cues; the
words of a practice's world a story uses ("audience", "hours") and the words around a weak cue
("installations of light") are features it weighs."""

from __future__ import annotations

import pytest

from tests.helpers import extract_collecting


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (
            "Beatriz Saldanha lives in Recife. Her tiles replace the broken ones on colonial churches.",
            "ceramics",
        ),
        (
            "Fatima Bennani lives in Fez. She cuts zellige by hand in a courtyard behind the medina.",
            "ceramics",
        ),
        (
            "Yasmin Farouk lives in Cairo. Her video follows her grandmother along the Nile at Aswan.",
            "film",
        ),
        (
            "Marisol Torres lives in Seville. Her dresses are famous for their colour and their ruffles.",
            "fashion design",
        ),
        (
            "Sakura Hanamoto lives in Nagasaki. She draws manga above her parents' bakery.",
            "illustration",
        ),
        (
            "Purnomo Hadi lives in Yogyakarta. He composed the whole score for the gamelan himself.",
            "music",
        ),
    ],
)
def test_a_practice_named_by_its_products_is_a_weak_cue(extractor, text, key):
    _, candidates = extract_collecting(extractor, text)
    found = next(c for c in candidates["disciplines"] if c.key == key)
    assert not found.rule
    assert "rule=weak" in found.features


def test_the_words_around_a_weak_cue_are_features(extractor):
    text = "Friederike Osswald lives in Cologne. She makes installations of light and glass."
    _, candidates = extract_collecting(extractor, text)
    found = next(c for c in candidates["disciplines"] if c.key == "light art")
    assert "wL=light art|of" in found.features
    assert "wR=light art|and" in found.features


def test_the_words_of_a_practice_s_world_are_counted(extractor):
    text = (
        "Rumi Haque lives in Dhaka. Their next work was a performance in which they lay for six hours "
        "on a bed of salt while the audience sat in silence. The audience stayed for hours."
    )
    _, candidates = extract_collecting(extractor, text)
    found = next(c for c in candidates["disciplines"] if c.key == "performance art")
    assert "d=performance art&topic=3" in found.features
    quiet = "Rumi Haque lives in Dhaka. Their cousin gave a performance once."
    _, candidates = extract_collecting(extractor, quiet)
    found = next(c for c in candidates["disciplines"] if c.key == "performance art")
    assert "d=performance art&topic=1" in found.features


@pytest.mark.parametrize(
    "text",
    [
        "Lucas Ferrand lives in Biarritz. He still draws in pencil every morning at the cafe below his flat.",
        "Achieng Otieno lives in Nairobi. She taught herself animation, drawing on cheap paper at night.",
    ],
)
def test_drawing_in_a_material_or_on_a_surface_is_drawing(extractor, text):
    record = extractor.extract(text)
    assert "drawing" in record["artist"]["disciplines"]


def test_drawing_in_a_crowd_is_still_not_drawing(extractor):
    record = extractor.extract("Lucas Ferrand lives in Biarritz. His sculptures draw in crowds every summer.")
    assert "drawing" not in record["artist"]["disciplines"]


@pytest.mark.parametrize(
    "text",
    [
        "Amara Berg is a photographer in Oslo. Now thirty-eight, she still shoots on film.",
        "Karim Salam is a photographer in Cairo. He takes a single roll of black-and-white film a day.",
        "Tomasz Nowak is an illustrator in Warsaw. He designs posters for films he has not seen.",
        "Thabo Mokoena is a jazz pianist in Durban. He composes film scores too.",
    ],
)
def test_film_as_another_craft_s_material_or_subject_is_not_film(extractor, text):
    record = extractor.extract(text)
    assert "film" not in record["artist"]["disciplines"]


def test_a_film_of_one_s_own_is_still_film(extractor):
    record = extractor.extract("Yasmin Farouk lives in Cairo. She makes films about the Nile.")
    assert "film" in record["artist"]["disciplines"]


def test_a_practice_dropped_for_another_is_not_kept(extractor):
    text = (
        "Adaeze Bello lives in Lagos. She studied fine art in Nsukka, but dropped painting for tailoring in "
        "her second year. Today she is a fashion designer, and her dresses are dyed with indigo."
    )
    record, candidates = extract_collecting(extractor, text)
    assert "painting" not in record["artist"]["disciplines"]
    assert not next(c for c in candidates["disciplines"] if c.key == "painting").rule


@pytest.mark.parametrize(
    "text",
    [
        "Nguyen Thi Hoa is a lacquer painter in Hue. She applies twenty layers to each panel, sanding between "
        "coats with charcoal and finally with her own palm.",
        "Dewi Sari is a textile artist in Solo. Dewi Sari draws with hot wax, as her grandmother did.",
    ],
)
def test_charcoal_to_sand_lacquer_and_wax_drawn_for_batik_are_not_drawing(extractor, text):
    record, candidates = extract_collecting(extractor, text)
    assert "drawing" not in record["artist"]["disciplines"]
    assert not any(c.rule for c in candidates["disciplines"] if c.key == "drawing")


def test_a_group_named_between_the_artist_and_the_cue_is_its_doer(extractor):
    text = (
        "Jonas Berg has driven the night train between Bergen and Oslo for twenty years. He started a club "
        "that brings volunteers to the ward to draw and paint with patients. He plans to retire next spring. "
        "He loves the train."
    )
    _, candidates = extract_collecting(extractor, text)
    found = next(c for c in candidates["disciplines"] if c.key == "painting")
    assert "rule=False&asubj=artist_other" in found.features
