"""Rules added for stories phrased unlike the dev set (small stories written for these tests)."""

import pytest


def _exhibitions(record):
    return [((e["city"] or {}).get("name"), e["venue"]) for e in record["exhibitions"]]


def _disciplines(extractor, sentence):
    text = f"Radek Volny is a sculptor from Olomouc. He carves limestone. {sentence} He went home."
    return extractor.extract(text)["artist"]["disciplines"]


# -- exhibitions -------------------------------------------------------------


def test_galleries_that_begin_showing_the_work(extractor):
    text = (
        "Hedda Solberg is a weaver. After the war, galleries in Trondheim began showing her tapestries, "
        "and she never looked back."
    )
    assert _exhibitions(extractor.extract(text)) == [("Trondheim", None)]


def test_work_featured_in_a_show(extractor):
    text = "Mateo Ibarra paints harbours. His canvases were featured in Bilbao and Madrid."
    assert _exhibitions(extractor.extract(text)) == [("Bilbao", None), ("Madrid", None)]


@pytest.mark.parametrize(
    ("sentence", "venue"),
    [
        ("His first documentary premiered at Sundance in January.", "Sundance"),
        ("Two of his portraits hung in the Whitworth Annex last spring.", "Whitworth Annex"),
        ("Later that year his photographs were exhibited at Fotomuseum.", "Fotomuseum"),
    ],
)
def test_venue_without_a_head_word_after_a_showing_verb(extractor, sentence, venue):
    text = f"Ossian Kerr makes films and photographs. {sentence}"
    assert (None, venue) in _exhibitions(extractor.extract(text))


def test_a_room_of_a_venue_is_the_venue(extractor):
    text = (
        "Ilse Brandt builds installations. In 2021 she showed a new work in the Sculpture Hall "
        "of the Kelvingrove Gallery."
    )
    assert _exhibitions(extractor.extract(text)) == [(None, "Kelvingrove Gallery")]


def test_a_persons_name_after_played_at_is_not_a_venue(extractor):
    text = (
        "Joaquim Reis plays the guitar. His friend Marta Lobo married in June, and he played at Marta's "
        "wedding. He exhibited his drawings in Porto."
    )
    assert _exhibitions(extractor.extract(text)) == [("Porto", None)]


# -- disciplines: what the artist does, not what they watch or what documents it --


@pytest.mark.parametrize(
    "sentence",
    [
        "On Sundays he went to see a film with his daughter.",
        "In Vienna he visited an exhibition of photography.",
        "He once saw a ballet in Prague.",
        "Photographs of his sculptures were printed in a catalogue.",
        "Photos and notes from his performances fill a drawer.",
        "The photographs were taken by his nephew Karel, a keen amateur photographer.",
    ],
)
def test_context_only_mentions_are_not_disciplines(extractor, sentence):
    assert _disciplines(extractor, sentence) == ["sculpture"]


@pytest.mark.parametrize(
    ("sentence", "discipline"),
    [
        ("He also photographs the quarries where he finds his stone.", "photography"),
        ("At night he writes poems about the river.", "poetry"),
    ],
)
def test_what_the_artist_does_still_counts(extractor, sentence, discipline):
    assert discipline in _disciplines(extractor, sentence)


# -- age, birth city, pronoun ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Greta Vogel is a 61-year-old printmaker in Kassel. At nineteen she moved to Berlin.", 61),
        ("Now sixty, Bruno Sala still throws pots every morning in Faenza.", 60),
        ("Nadia Rahimi, 44, paints on silk in Lyon. When she was ten she lived in Tunis.", 44),
        ("Piet Jansen paints dykes. At nineteen he moved to Utrecht, and when he was ten he drew every day.", 19),
        ("Ada Obi paints masks in Enugu. Her grandmother, 90, still sews every day.", None),
    ],
)
def test_only_the_current_stated_age(extractor, text, age):
    assert extractor.extract(text)["artist"]["age"] == age


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("Lotte Berg grew up in a suburb of Hamburg. She paints ships.", "Hamburg"),
        ("Lotte Berg was raised on the outskirts of Bremen. She paints ships.", "Bremen"),
        ("Lotte Berg was born in Chile and later moved to Hamburg, where she paints ships.", None),
    ],
)
def test_birth_city(extractor, text, city):
    found = extractor.extract(text)["artist"]["birth_city"]
    assert (found or {}).get("name") == city


def test_a_groups_they_is_not_the_artists_pronoun(extractor):
    text = (
        "Omid Farahani paints miniatures in Isfahan. Omid works slowly. Collectors love the miniatures; "
        "they queue outside the studio. Omid's brushes are made of cat hair."
    )
    assert extractor.extract(text)["artist"]["pronoun"] is None
