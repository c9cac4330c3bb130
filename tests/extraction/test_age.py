"""Age: the artist's age through the extractor's public function, per class of wording.

The rules' own classes are tested on the rules alone (``decisions=None``), the rest with the learned layer.
"""

import pytest

from tests.extraction.conftest import artist_of, candidates_of

NON_NATIVE_HAVE_N_YEARS = (
    "Amelie Rakotomalala is a textile artist from Madagascar. She weave the raffia since she was child. Today "
    "she have forty-one years and she has a workshop in Antananarivo, where she show her works."
)

AGE_CLOSING_THE_SENTENCE_AFTER_THE_NAME = (
    "The gallery opens the first solo exhibition in the Emirates by the painter Nadia Al-Khatib, 38. She "
    "paints large canvases of the hills around Amman, and she teaches drawing on Saturdays."
)

THEN_N_AT_THE_EVENT_TOLD = (
    "In 1996 the museum gave its prize to the painter Kenta Morishima, then twenty-four. Morishima paints the "
    "sea at Noto, and his canvases are huge. He showed them at the Tokyo Station Gallery."
)

AGE_IN_BRACKETS_AFTER_THE_NAME = (
    "The jury announces that the Young Choreographers' Award goes to Tjasa Kovacic (29), a dancer and "
    "performance artist from Ljubljana. Her solo Salt was shown at the Kino Siska in 2023."
)

WORDS_AFTER_WAS = (
    "Desmond Clarke is a painter. He painted the sea on the back of bus tickets in the winter he left Kingston. "
    "He was nineteen, and it was the coldest winter anyone remembered. His canvases were shown at the "
    "Tate Britain in 2019."
)

WORDS_AFTER_A_NAME_WITH_NOW = (
    "Paulo Rasmussen carved soapstone as a boy in Apia. He trained as a painter in Aarhus. Paulo, "
    "thirty-nine now, went back to soapstone in the end, and his carvings were shown at the Aros museum."
)

A_RANGE_AFTER_AT_IS_NO_AGE = (
    "Kenji Ōhashi is a painter from Osaka. He paints at six and seven in the evening. Ōhashi paints in oils."
)

AGE_HEADING_A_PRESENT_CLAUSE = (
    "Mele Tupou is a jeweller from Suva. She learned the craft from her aunt. "
    "At thirty-six she is the best-known jeweller of the islands. She works in shell."
)


@pytest.mark.parametrize(
    ("reader", "text", "age"),
    [
        pytest.param("rules", NON_NATIVE_HAVE_N_YEARS, 41, id="non-native-have-n-years"),
        pytest.param(
            "rules", AGE_CLOSING_THE_SENTENCE_AFTER_THE_NAME, 38, id="age-closing-the-sentence-after-the-name"
        ),
        pytest.param("rules", THEN_N_AT_THE_EVENT_TOLD, 24, id="then-n-at-the-event-told"),
        pytest.param("extractor", AGE_IN_BRACKETS_AFTER_THE_NAME, 29, id="age-in-brackets-after-the-name"),
        pytest.param("rules", WORDS_AFTER_WAS, 19, id="words-after-was"),
        pytest.param("rules", WORDS_AFTER_A_NAME_WITH_NOW, 39, id="words-after-a-name-with-now"),
        pytest.param("rules", A_RANGE_AFTER_AT_IS_NO_AGE, None, id="a-range-after-at-is-no-age"),
        pytest.param("rules", AGE_HEADING_A_PRESENT_CLAUSE, 36, id="age-heading-a-present-clause"),
    ],
)
def test_age(request, reader, text, age):
    assert artist_of(request.getfixturevalue(reader), text).get("age") == age


@pytest.mark.parametrize(
    ("sentence", "age"),
    [
        ("Ōhashi came to Osaka at seven and grew up between his uncle's cassettes.", 7),
        ("Ōhashi, 52, prefers it that way.", 52),
        ("Ōhashi has painted for most of his 45 years.", 45),
        ("Fifty-two this spring, Kenji Ōhashi still paints every day.", 52),
        ("Kenji Ōhashi was nine at the time, and he was already painting.", 9),
    ],
)
def test_age_wordings(rules, sentence, age):
    text = f"Kenji Ōhashi is a painter from Osaka. {sentence} Ōhashi paints the harbour in oils."
    assert artist_of(rules, text).get("age") == age


@pytest.mark.parametrize(
    "sentence",
    ["By nine she is at her bench behind the market.", "She still opens the shop at nine each morning."],
)
def test_a_time_of_day_is_no_age(rules, sentence):
    text = f"Mele Tupou is a jeweller from Suva. {sentence} Tupou makes necklaces from shells."
    assert artist_of(rules, text).get("age") is None


def test_the_age_after_an_art_noun_in_a_story_that_opens_on_a_possessive(extractor):
    text = (
        "Nobody will find a painting in Anneliese Brandtner's new exhibition, and that is the point. The Austrian "
        "artist, 44, has filled the Kunstverein's main hall with felt. Brandtner studied sculpture in Vienna."
    )
    artist = artist_of(extractor, text)
    assert artist.get("name") == "Anneliese Brandtner"
    assert artist.get("age") == 44


@pytest.mark.parametrize(
    ("label", "age"),
    [("Age", 67), ("Age at designation", 67), ("Aged", 67), ("Edad", 67), ("Age at death", 67)],
)
def test_an_age_field_of_a_record(rules, extractor, label, age):
    text = (
        "Register of master craftspeople\n\n"
        f"Name: Jonas Petrauskas\n{label}: {age}\nCraft: wood carving\n\n"
        "Petrauskas carves wayside crosses in oak. His crosses stand along the roads of his county."
    )
    assert artist_of(rules, text).get("age") == age
    assert artist_of(extractor, text).get("age") == age


def test_a_record_field_that_is_no_age_gives_none(rules):
    text = (
        "Name: Jonas Petrauskas\nEdition: 40\nCraft: wood carving\n\n"
        "Petrauskas carves wayside crosses in oak. His crosses stand along the roads of his county."
    )
    assert artist_of(rules, text).get("age") is None


# -- a part of a compound surname standing for the artist ---------------------------------------


def test_a_part_of_a_compound_surname_is_the_artist(rules):
    text = (
        "Lena Okafor-Lindqvist is a painter from Malmo. She paints the harbour in oils. "
        "Lindqvist, now sixty-four, still paints every morning in a shed behind her house."
    )
    assert artist_of(rules, text).get("age") == 64


def test_a_relative_with_a_first_name_of_their_own_is_not_the_artist(rules):
    text = (
        "Tomas Ruiz-Aldana is a sculptor from Seville. He carves olive wood. "
        "His uncle Pedro Aldana, 81, still keeps the family workshop."
    )
    assert artist_of(rules, text).get("age") is None


# -- a number word of two parts ("thirty-one") ------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "age"),
    [
        ('"I am thirty-eight and I still break things," El Fassi says.', 38),
        ('"I\'m forty-two and I print in a bathroom," El Fassi says.', 42),
    ],
)
@pytest.mark.parametrize("reader", ["rules", "extractor"])
def test_i_am_n_and_a_clause_is_the_age(request, reader, sentence, age):
    """ "I am forty-two and I still ...": a clause after "and" leaves the age an age (only "and" with a
    second number, "they are 12 and 14", is a count); the whole number word, never its "forty"."""
    text = f"Nadia El Fassi is a photographer from Fes. {sentence} Her prints were shown at the Dar Batha museum."
    assert artist_of(request.getfixturevalue(reader), text).get("age") == age


def test_a_number_word_of_two_parts_is_never_its_tens(extractor):
    text = (
        "Sam Okoro-Lindgren is a comics artist from Malmo. They are thirty-one and refuse to give interviews "
        "on camera. Their first book was shown at the Serieteket in 2021."
    )
    assert artist_of(extractor, text).get("age") == 31


def test_whose_clause_a_number_stands_in_is_a_feature(extractor):
    """'Her husband, Tomas Ruiz, is 61': the partner's age, told apart from the artist's by its clause's subject."""
    text = (
        "Lena Ortiz is a sculptor in Lima. She is 45 and carves stone. Her husband, Tomas Ruiz, is 61. "
        "Her teacher, who carved boats, died at 81."
    )
    features = {c.key: c.features for c in candidates_of(extractor, text, "age")}
    assert "who=artist_pron" in features[45]  # "She is 45": the artist's own pronoun
    assert "who=partner" in features[61]
    assert "who=mentor" in features[81]
