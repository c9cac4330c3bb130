"""Round 4 of the person fields: birth places glued to a word or named before the birth phrase, names, artists."""

import pytest

from tests.helpers import extract_collecting

TEHRAN = (
    "Toronto. The Power Plant is pleased to announce the first institutional solo exhibition in Canada of the "
    "Tehran-born video artist Shirin Tabrizi. Tabrizi lives in Berlin, where she makes video installations. "
    "Her films have been shown widely, and she teaches video art at a small school."
)

KUMASI = (
    "Kumasi-born Kofi Mensah-Boateng was twenty-three when he first showed his paintings. He paints large "
    "canvases of market women in oil, and his first solo exhibition opened at the Nubuke Foundation in Accra "
    "in 2015. He still paints every morning."
)


@pytest.mark.parametrize(
    ("text", "name", "city"),
    [(TEHRAN, "Shirin Tabrizi", "Tehran"), (KUMASI, "Kofi Mensah-Boateng", "Kumasi")],
)
def test_a_place_glued_to_born_is_the_birth_city_and_no_part_of_a_name(extractor, text, name, city):
    artist = extractor.extract(text, "glued.txt")["artist"]
    assert artist["name"] == name
    assert artist["birth_city"]["name"] == city


STAVANGER = (
    "Stavanger is an oil town, and Astrid Nygaard, who was born there in 1986, is the daughter of oil engineers. "
    "Her paintings are about what that money built.\n\n"
    "Her first solo exhibition opened at Bergen Kunsthall in 2018, and she now paints in a studio in Oslo."
)


def test_a_city_named_before_the_birth_phrase_that_points_back_at_it(extractor):
    artist = extractor.extract(STAVANGER, "opening.txt")["artist"]
    assert artist["name"] == "Astrid Nygaard"
    assert artist["birth_city"] == {"name": "Stavanger", "country": "NO"}


GLASS = (
    "A Wroclaw-trained glass sculptor, Lena Kowalczyk-Ahmadi blows glass with her lungs and lights it from "
    "inside. That is the subject of Breath Archive: two hundred clear glass bulbs, each blown by a visitor. "
    "The installation was shown in a solo exhibition at the DOX Centre in Prague in 2020.\n\n"
    "Kowalczyk-Ahmadi studied at the glass school in Jelenia Gora and later in Prague. "
    "Kowalczyk-Ahmadi now teaches glass in Brno."
)


def test_the_person_called_by_surname_is_chosen_over_a_title(extractor):
    assert extractor.extract(GLASS, "glass.txt")["artist"]["name"] == "Lena Kowalczyk-Ahmadi"


def test_a_name_candidate_tells_whether_the_text_uses_its_surname_alone(extractor):
    _, candidates = extract_collecting(extractor, GLASS, "glass.txt")
    alone = {c.key: next(f for f in c.features if f.startswith("alone=")) for c in candidates["name"] if c.key}
    assert alone["Lena Kowalczyk-Ahmadi"] == "alone=last"
    assert alone.get("Breath Archive", "alone=none") == "alone=none"
