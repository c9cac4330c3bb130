"""Wording classes from a set written by someone who never saw the extractor (stories written for these tests)."""

import pytest

from tests.helpers import extract_collecting


def _name(record):
    return record["artist"] and record["artist"]["name"]


# -- protagonist choice ----------------------------------------------------------


def test_a_teacher_quoted_first_is_not_the_protagonist(extractor):
    text = (
        '"Tomas was always carving something," says Ilona Varga, who taught him woodwork at school. '
        "Tomas Halberg, now 41, grew up in Tampere and carves sculptures of birds from birch. "
        "He shows them every spring at a gallery in Turku."
    )
    assert _name(extractor.extract(text)) == "Tomas Halberg"


def test_an_interviewer_named_first_is_not_the_protagonist(extractor):
    text = (
        "TALKING WITH MARISOL ECHEVERRI\n\n"
        "Joan Pardo met the painter Marisol Echeverri, 58, in the studio where she paints her portraits.\n\n"
        "JOAN PARDO: When did you start?\n\n"
        "MARISOL ECHEVERRI: At school. I painted my mother and I still paint her."
    )
    assert _name(extractor.extract(text)) == "Marisol Echeverri"


def test_the_person_whose_birth_is_told_is_the_protagonist(extractor):
    text = (
        "A DAY WITH OTTO BRANDVOLD\n\n"
        "The weaver Otto Brandvold was born in Bergen and weaves rugs from undyed wool. "
        "Last year he shared a group show with Sigrid Lunde, who paints the same fjords."
    )
    assert _name(extractor.extract(text)) == "Otto Brandvold"


@pytest.mark.parametrize("verb", ["Ask", "Meet", "Imagine"])
def test_an_imperative_verb_is_not_part_of_the_name(extractor, verb):
    text = (
        f"{verb} Delia Fairweather about clay and she will talk for an hour. "
        "She has made stoneware pots in Cardiff for thirty years."
    )
    assert _name(extractor.extract(text)) == "Delia Fairweather"


# -- cities used as adjectives or possessives, and cities in venue names -------------


def _cities(record):
    return [(c["name"], c["country"]) for c in record["cities"]]


def _exhibitions(record):
    return [((e["city"] or {}).get("name"), e["venue"]) for e in record["exhibitions"]]


def test_a_city_used_as_an_adjective(extractor):
    text = "Fenna Roelofs, 29, paints ships. She worked in a Groningen bakery before her first show."
    assert ("Groningen", "NL") in _cities(extractor.extract(text))


def test_an_ethnic_adjective_is_not_a_city(extractor):
    text = "Amos Wekesa paints rivers. He was born to a Kikuyu mother in a village by the lake."
    assert _cities(extractor.extract(text)) == []


def test_a_big_citys_possessive_gives_the_venue_its_city(extractor):
    text = "Jonah Pelt paints harbours. Lisbon's Galeria Quadrado gave him a solo show in 2020."
    record = extractor.extract(text)
    assert ("Lisbon", "PT") in _cities(record)
    assert _exhibitions(record) == [("Lisbon", "Galeria Quadrado")]


def test_a_city_ending_a_venue_name_after_de(extractor):
    text = "Inés Carrasco takes photographs. She showed them at the Museo de la Imagen de Rosario in 2019."
    assert _exhibitions(extractor.extract(text)) == [("Rosario", "Museo de la Imagen de Rosario")]


def test_a_big_city_opening_a_museum_name(extractor):
    text = "Ravi Menon paints. His canvases were shown in a group exhibition at the Bangkok Art Museum."
    assert _exhibitions(extractor.extract(text)) == [("Bangkok", "Bangkok Art Museum")]


def test_a_museum_named_after_a_family_in_a_named_city(extractor):
    text = "Yuna Sato paints. She had a solo exhibition at the Mori Art Museum in Tokyo."
    record = extractor.extract(text)
    assert _exhibitions(record) == [("Tokyo", "Mori Art Museum")]
    assert _cities(record) == [("Tokyo", "JP")]


# -- ages: a current age first, else the age at the latest event of the artist's life -----


def _age(record):
    return record["artist"]["age"]


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Odile Marchand paints lakes. At the age of seven she painted her first one. She lives in Annecy.", 7),
        (
            "Odile Marchand paints lakes. At the age of seven she painted her first one. Now 44, she lives in Annecy.",
            44,
        ),
        (
            "Odile Marchand paints lakes. She was born in Lyon, and her studio is in Annecy. "
            "At sixty-one she still paints every morning.",
            61,
        ),
        ("Odile Marchand paints lakes. At 39 she has had more shows than her teacher.", 39),
    ],
)
def test_age_at_a_past_event_and_current_age(extractor, text, age):
    assert _age(extractor.extract(text)) == age


def test_a_first_surname_used_alone_refers_to_the_artist(extractor):
    text = (
        "Before dawn the harbour is quiet except for Rocío Salgado Pereira and her brushes. "
        "Salgado, now 31, paints murals on the sea wall of Vigo."
    )
    assert _age(extractor.extract(text)) == 31


# -- disciplines in other words --------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "discipline"),
    [
        ("In 2020 she published a photobook of the harbour.", "photography"),
        ("The pictures she takes at dawn are her best.", "photography"),
        ("Lately she has started filming as well.", "film"),
    ],
)
def test_photography_and_film_in_other_words(extractor, sentence, discipline):
    text = f"Ottilie Brask lives in Aarhus. {sentence} She works alone."
    assert discipline in extractor.extract(text)["artist"]["disciplines"]


# -- a region or a hyphenated birth word settles the city --------------------------------


def test_a_region_picks_the_namesakes_country(extractor):
    text = (
        "Morag Lindsay paints the sea. She died last year in Halifax, Nova Scotia, "
        "where she had painted for forty years."
    )
    assert ("Halifax", "CA") in _cities(extractor.extract(text))


def test_a_two_word_city_before_born(extractor):
    text = "Lena Ostrova paints. The Hong Kong-born painter now lives in Toronto."
    record = extractor.extract(text)
    assert ("Hong Kong", "HK") in _cities(record)
    assert record["artist"]["birth_city"] == {"name": "Hong Kong", "country": "HK"}


def test_a_parents_born_word_is_not_the_artists_birth_city(extractor):
    text = (
        "Cora Vance takes photographs. Born in a fishing town to a Lagos-born nurse and a sailor, "
        "she photographs ports. Her prints sell in London."
    )
    assert extractor.extract(text)["artist"]["birth_city"] is None


# -- titles in sentence case, in other languages, after an appositive -----------------------


def _titles(record):
    return [w["title"] for w in record["works"]]


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        ("Her first film, *El verano quieto*, premiered in Lima.", "El verano quieto"),
        ('Her first installation, "Canción para una casa", filled a chapel.', "Canción para una casa"),
        ('The series that made her name, "Winter Kelp", was shown in Oslo.', "Winter Kelp"),
        ('The first collection under her own label, "Salt Linen", sold out.', "Salt Linen"),
    ],
)
def test_titles_in_other_wordings(extractor, sentence, title):
    text = f"Teodora Vale makes films and installations in Porto. {sentence} She lives by the sea."
    assert title in _titles(extractor.extract(text))


def test_a_quoted_phrase_in_sentence_case_is_still_not_a_title(extractor):
    text = (
        'Teodora Vale makes films in Porto. Critics have called her work "cinema with the patience '
        'of a painter", a phrase she dislikes.'
    )
    assert _titles(extractor.extract(text)) == []


def test_a_city_with_a_dotted_capital_i(extractor):
    text = "Tuğçe Aksoy paints. Aksoy, who was born in İzmir in 1991, now lives in Ankara."
    record = extractor.extract(text)
    assert record["artist"]["birth_city"] == {"name": "İzmir", "country": "TR"}


# -- a quarter "of" a city; a gallery that did not show the work --------------------------


def test_a_quarter_of_a_city_gives_the_birth_city(extractor):
    text = "Piero Santangelo paints. He grew up in the Borgo Antico of Bari, where his father mended nets."
    assert extractor.extract(text)["artist"]["birth_city"] == {"name": "Bari", "country": "IT"}


def test_no_gallery_in_a_city_is_not_a_showing(extractor):
    text = (
        "Piero Santangelo paints. He has shown in group shows in Milan, though no gallery in Bari "
        "has ever shown his work."
    )
    assert _exhibitions(extractor.extract(text)) == [("Milan", None)]


# -- stories that are not about an artist ----------------------------------------------------


def test_an_obituary_of_a_scientist_who_sketched(extractor):
    text = (
        "Harold Penhale, a soil chemist whose studies of peat changed farming in Wales, "
        "died in Cardiff on Monday. He was 91. In his last years he drew the hedgerows near his house "
        "and painted a few watercolours for his grandchildren."
    )
    assert extractor.extract(text)["artist"] is None


@pytest.mark.parametrize("appositive", ["a former civil engineer", "a surgeon and painter"])
def test_a_career_change_or_a_second_art_keeps_the_artist(extractor, appositive):
    text = f"Harold Penhale, {appositive}, paints the hedgerows of Wales. He shows his canvases in Cardiff."
    assert extractor.extract(text)["artist"]["name"] == "Harold Penhale"


def test_a_city_story_that_names_a_muralist_once(extractor):
    text = (
        "Porto climbs steeply from the river. Its tiled houses lean on each other.\n\n"
        "The city was rich once, when the port wines sailed to London. Then the trade moved away.\n\n"
        "Today the walls of the old quarter are covered in murals, the largest by the muralist "
        "Inês Calado, and visitors come to photograph them.\n\n"
        "The trams still run along the river to the sea."
    )
    assert extractor.extract(text)["artist"] is None


def test_a_hill_named_like_a_person_is_a_place(extractor):
    text = (
        "Ramón Ibarra paints the hills of Valparaíso. He grew up on Cerro Polanco and still paints "
        "its stairways. His murals cover the houses of Cerro Alegre."
    )
    record = extractor.extract(text)
    assert record["artist"]["name"] == "Ramón Ibarra"
    assert not [m for m in record["mentions"] if m["text"].startswith("Cerro") and m["label"] == "PERSON"]


# -- a venue keeps its whole name ----------------------------------------------------------


def test_a_possessive_opening_a_venue_name(extractor):
    """The rules read the whole name; whether a two-sentence text's showing is kept is the learned layer's call."""
    text = (
        "Edwin Marsh paints the fens. In 2016 Miller's Barn, the small gallery near his village, "
        "gave him his first solo exhibition."
    )
    _, candidates = extract_collecting(extractor, text)
    ruled = [c.key for c in candidates["exhibitions"] if c.rule]
    assert ruled == [(None, "miller's barn")]


def test_a_swahili_connector_inside_a_festival_name(extractor):
    text = "Neema Otieno sings and paints. In 2021 she performed at the Sauti za Pwani festival in Mombasa."
    assert _exhibitions(extractor.extract(text)) == [("Mombasa", "Sauti za Pwani")]


def test_an_alternate_spelling_of_a_city_in_an_event_name(extractor):
    text = (
        "Issa Traoré paints. In 2019 he showed a series in a group show in Bamako, and in 2022 he had "
        "a whole room at the Marrakech Biennale."
    )
    assert _exhibitions(extractor.extract(text)) == [("Bamako", None), ("Marrakesh", "Marrakech Biennale")]


def test_a_nationality_word_picks_the_namesakes_country(extractor):
    text = (
        "Awa Sarr takes photographs. Her father is Senegalese, and she spent her childhood holidays "
        "in Saint-Louis, where he still lives."
    )
    assert ("Saint-Louis", "SN") in _cities(extractor.extract(text))


# -- one sentence, several cities --------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "A touring exhibition of Nordic ceramics took them to Vilnius, Riga and Tallinn in 2022.",
        "In 2022 a touring exhibition brought her vases to Vilnius, Riga and Tallinn.",
    ],
)
def test_a_touring_show_carried_to_several_cities(extractor, sentence):
    text = f"Saga Lind is a ceramicist in Malmö. {sentence}"
    assert _exhibitions(extractor.extract(text)) == [("Vilnius", None), ("Riga", None), ("Tallinn", None)]


def test_taking_a_train_after_a_show_is_not_a_showing(extractor):
    text = "Saga Lind is a ceramicist. After her exhibition in Malmö she took a train to Riga."
    assert _exhibitions(extractor.extract(text)) == [("Malmö", None)]


def test_an_english_spelling_one_letter_from_the_local_name(extractor):
    text = "Joris Maes paints. In 2023 a group exhibition took his canvases to Ghent."
    assert ("Gent", "BE") in _cities(extractor.extract(text))
