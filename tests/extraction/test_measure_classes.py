"""Wording classes found on unseen stories (small stories written for these tests)."""

import pytest


def _birth(extractor, text):
    city = extractor.extract(text)["artist"]["birth_city"]
    return city and city["name"]


# -- birth city --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("Odile Marchand is a painter. She hails from Lyon and paints river barges.", "Lyon"),
        ("For years the Bordeaux-born painter Odile Marchand has painted river barges. She lives alone.", "Bordeaux"),
        (
            "Odile Marchand paints river barges in Lyon. A Lyon native who grew up near the docks, she sold her first "
            "canvas at twelve.",
            "Lyon",
        ),
        (
            "Everyone in Lyon knows the barges. A native of the city, Odile Marchand paints them. She never left.",
            "Lyon",
        ),
        ("Odile Marchand was a painter who had grown up above her uncle's bakery in Lyon. She paints barges.", "Lyon"),
    ],
)
def test_birth_city_phrasings(extractor, text, city):
    assert _birth(extractor, text) == city


def test_a_relatives_birth_place_glued_to_a_noun_is_not_the_artists(extractor):
    text = "Odile Marchand paints river barges. Her Bordeaux-born husband sails them. She lives in Lyon."
    assert _birth(extractor, text) != "Bordeaux"


def test_compound_surname_alone_is_the_protagonist(extractor):
    text = (
        "The chairs Tomas Ruiz Salgado sculpts are famous. Ruiz Salgado grew up on the outskirts of Cusco. "
        "He is a sculptor."
    )
    record = extractor.extract(text)
    assert record["artist"]["name"] == "Tomas Ruiz Salgado"
    assert record["artist"]["birth_city"]["name"] == "Cusco"


# -- not an artist -----------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "A portrait of him, painted by a local artist, hangs in the station.",
        "On his wall hangs a watercolor of the bay, painted by his late sister.",
        "A photographer from Oslo once followed him for a season.",
        "He started a club that brings volunteers to the ward to draw and paint with patients.",
    ],
)
def test_someone_elses_art_does_not_make_an_artist(extractor, sentence):
    text = (
        f"Jonas Berg has driven the night train between Bergen and Oslo for twenty years. {sentence} "
        "He plans to retire next spring. He loves the train."
    )
    assert extractor.extract(text)["artist"] is None


def test_films_made_by_friends_are_theirs(extractor):
    text = "Kofi Mensah is a guitarist. He writes music for short films made by friends in Accra. He tours."
    assert extractor.extract(text)["artist"]["disciplines"] == ["music"]


def test_a_painted_surface_is_not_painting(extractor):
    text = (
        "Ama Owusu is a photographer. She shoots the buses of Accra and the slogans painted on them. "
        "Painted in bright colours, the buses look like toys."
    )
    assert extractor.extract(text)["artist"]["disciplines"] == ["photography"]


def test_a_choir_that_sang_is_not_the_artists_music(extractor):
    text = "Lotte Maas makes performance pieces. Her latest gathered a choir that sang for an hour. She watched."
    assert extractor.extract(text)["artist"]["disciplines"] == ["performance art"]


def test_as_a_role_is_the_subjects_own_job(rules):
    """The rules read the role as hers. Whether the learned layer keeps a practice told only as past years
    ("After school came years as…") sits at its threshold, so this class is the rules' to show."""
    text = (
        "Lotte Maas studied drama. After school came years as a stage manager by day and a maker of "
        "performance pieces by night. She lives in Utrecht."
    )
    assert "performance art" in rules.extract(text)["artist"]["disciplines"]
