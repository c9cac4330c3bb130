"""A country the story names once in passing does not make a small namesake the city meant."""

from profiles.extraction import StoryExtractor


def test_a_far_bigger_namesake_beats_a_country_named_in_passing():
    text = (
        "Mele Tuilagi is a weaver from Apia. She spent a year at a residency in Honolulu, "
        "and in 2019 she had a solo exhibition of her tapa in Wellington."
    )
    cities = [{"name": c["name"], "country": c["country"]} for c in StoryExtractor().extract(text)["cities"]]
    assert {"name": "Wellington", "country": "NZ"} in cities


def test_the_only_country_the_story_names_keeps_its_namesake():
    text = "Ixchel Canche is a weaver from Valladolid, in Mexico. Her huipiles were shown in Mérida in 2018."
    cities = [{"name": c["name"], "country": c["country"]} for c in StoryExtractor().extract(text)["cities"]]
    assert {"name": "Valladolid", "country": "MX"} in cities
