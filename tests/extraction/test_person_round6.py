"""Round 6 of the person fields: the artist decision, the name, the pronoun and the age.

The rules' own classes are tested on the rules alone (``decisions=None``); the features offered to the
learned layer, through the committed decisions.json.
"""

from pathlib import Path

import pytest


def _artist(extractor, text):
    return extractor.extract(text, "story.txt")["artist"] or {}


# -- name: the one full mention hidden by a possessive or a venue-like run ---------------------


def test_a_given_name_before_a_possessive_completes_a_surname_only_protagonist(rules):
    text = (
        "TBILISI — There is a moment in Tamar Gelashvili's new exhibition at the Tbilisi History Museum when the "
        "walls seem to breathe. Fifteen felt panels hang from the ceiling on fishing line. Gelashvili dyed each "
        "of them herself. Gelashvili learned felting from her grandmother. Gelashvili is a textile artist."
    )
    assert _artist(rules, text).get("name") == "Tamar Gelashvili"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The Hartwig Foundation awards its 2025 creation grant of €40,000 to the sculptor Lucía Ybarra de la "
            "Torre, the foundation announced on Monday. Ybarra de la Torre was born in Bilbao and studied sculpture "
            "in Madrid. Ybarra de la Torre casts her bronzes in a foundry by the river.",
            "Lucía Ybarra de la Torre",
        ),
        (
            "In 2011 a boy ran through the streets of Tunis shouting one word. Ben Ammar still remembers the noise. "
            'Ben Ammar is a painter now, and he paints crowds. The word was "Dégage", and the boy, born and raised '
            "in the city, was Sami Ben Ammar.",
            "Sami Ben Ammar",
        ),
    ],
)
def test_a_given_name_before_the_compound_surname_the_text_then_uses(rules, text, name):
    assert _artist(rules, text).get("name") == name


def test_a_role_word_before_the_name_is_no_given_name(rules):
    text = (
        "Curator notes: the painter Ana Ruiz Soto shows new work. Ruiz Soto was born in Seville and paints the "
        "river. Ruiz Soto works in oils."
    )
    assert _artist(rules, text).get("name") == "Ana Ruiz Soto"


# -- age: wordings the patterns missed -------------------------------------------------------


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
    assert _artist(rules, text).get("age") == age


def test_a_range_after_at_is_still_no_age(rules):
    text = "Kenji Ōhashi is a painter from Osaka. He paints at six and seven in the evening. Ōhashi paints in oils."
    assert _artist(rules, text).get("age") is None


@pytest.mark.parametrize(
    "sentence",
    ["By nine she is at her bench behind the market.", "She still opens the shop at nine each morning."],
)
def test_a_time_of_day_is_no_age(rules, sentence):
    text = f"Mele Tupou is a jeweller from Suva. {sentence} Tupou makes necklaces from shells."
    assert _artist(rules, text).get("age") is None


# -- the learned decisions: features the committed model weighs ------------------------------


def test_a_collector_who_never_painted_is_no_artist(extractor):
    text = (
        "Henrik Dahlgren has never painted anything except the walls of his own house, and those badly. Yet the "
        "house, a timber villa on the edge of Uppsala, holds one of the finest private collections of West African "
        "photography in Europe.\n\nDahlgren was born in Gävle and made his money in shipping containers. He bought "
        "his first photograph in 1994, at a street stall in Bamako, because the seller had run out of change. It "
        "was a studio portrait of two brothers in matching suits. He went back the next day and bought twelve "
        "more.\n\nOver thirty years he has collected more than four thousand prints. He has lent works to museums "
        "in Paris and London. He does not paint and has never wanted to."
    )
    assert extractor.extract(text, "story.txt")["artist"] is None


def test_a_review_whose_artist_is_their_only_person_gets_a_singular_they(extractor):
    """A review names its artist a few times and gives them "their" twice, with no kin word the rules need."""
    story = Path(__file__).resolve().parents[1] / "stories" / "wide-b" / "stories" / "wb078_lee-ha-eun.txt"
    artist = _artist(extractor, story.read_text(encoding="utf-8"))
    assert artist.get("name") == "Lee Ha-eun"
    assert artist.get("pronoun") == "they"


def test_an_age_at_the_head_of_a_present_clause_is_read_whole(rules):
    text = (
        "Mele Tupou is a jeweller from Suva. She learned the craft from her aunt. "
        "At thirty-six she is the best-known jeweller of the islands. She works in shell."
    )
    assert _artist(rules, text).get("age") == 36


def test_a_harbourmaster_who_ships_sculpture_is_no_artist(extractor):
    """'He is the harbourmaster', 'he is a locksmith': what the protagonist is, after "the" as after "a"."""
    text = (
        "Tevita Havili has worked the docks of Lautoka since he was a boy. He is the harbourmaster at "
        "Lautoka, a man of 55 with a clipboard and a loud whistle, and for thirty years he has been the person "
        "who gets sculpture off ships.\n\nEvery crate for the Fiji Museum in Suva passes through his hands. He "
        "remembers the canoe prow that the carver Semisi Lolo shipped to the Auckland Art Gallery for a group "
        "exhibition, and the tapa panels of the painter Losana Vuki, which went to a festival in Honolulu.\n\n"
        "He grew up in Nadi. On Sundays he sings in the choir."
    )
    assert extractor.extract(text, "story.txt")["artist"] is None
