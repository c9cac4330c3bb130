"""The artist decision: whether a text is about an artist at all, as one learned decision."""

from pathlib import Path

import pytest

from profiles.extraction.candidates import DECISIONS, FIELDS, Candidate
from profiles.extraction.trainer import Example, gold_keys, label, thresholds
from tests.extraction.conftest import candidate_features, candidates_of

COLLECTOR = (
    "Every Saturday morning Martin Oduya drives to the flea market in Nairobi with an empty boot and comes home "
    "with it full. He is a dentist during the week.\n\n"
    "Over twenty years he has collected more than four hundred paintings, most of them by painters nobody else "
    "was buying. His favourite is a small oil by Wanjiru Kamau, a painter from Nakuru, which he bought for the "
    "price of a lunch. Kamau later had a solo show at the Circle Art Gallery, and Oduya lent the picture for it.\n\n"
    "His flat has no empty wall left. He says he will stop buying when his wife asks him to, and she has not "
    "asked yet."
)

PAINTER = (
    "Every Saturday morning Martin Oduya drives to the flea market in Nairobi to buy old frames for his "
    "paintings. He is a painter, and has been since he left school.\n\n"
    "Over twenty years he has painted more than four hundred canvases, most of them of the market itself. "
    "His first solo show was at the Circle Art Gallery in 2015, and he still paints in oils every morning.\n\n"
    "His flat has no empty wall left. He says he will stop painting when his wife asks him to, and she has not "
    "asked yet."
)


def test_a_collector_who_buys_paintings_is_not_the_record_s_artist(extractor):
    record = extractor.extract(COLLECTOR, "collector.txt")
    assert record["artist"] is None
    assert record["skipped_reason"].startswith("no artist found:")
    assert "Martin Oduya" in record["skipped_reason"]
    assert record["exhibitions"] == []
    assert record["works"] == []
    assert {c["name"] for c in record["cities"]} >= {"Nairobi"}


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


def test_the_same_life_told_as_a_painter_s_keeps_its_artist(extractor):
    record = extractor.extract(PAINTER, "painter.txt")
    assert record["artist"]["name"] == "Martin Oduya"
    assert "painting" in record["artist"]["disciplines"]


def test_an_artist_whose_art_form_no_cue_names_is_kept_without_disciplines(extractor):
    """The record-level decision is sure she is an artist; her art (necklaces of river glass) has no cue."""
    text = (
        "Odile Marchetti-Kane has spent twenty years turning the green glass of the Loire into necklaces. She was "
        "born in Nantes in 1979 and grew up walking the river banks with her grandmother, who kept every smooth "
        "shard they found in a biscuit tin. Marchetti-Kane, now 45, still works from a small room above a bakery. "
        "Each piece takes her a week; she drills the glass by hand and threads it on waxed linen. Her first solo "
        "show opened at the Galerie Lumen in Lyon in 2021, and she is preparing a second."
    )
    record = extractor.extract(text, "glass.txt")
    assert record["skipped_reason"] is None
    assert record["artist"]["name"] == "Odile Marchetti-Kane"
    assert record["artist"]["birth_city"] == {"name": "Nantes", "country": "FR"}
    assert record["artist"]["age"] == 45


def test_the_record_level_decision_is_a_field_of_the_learned_layer():
    assert "artist" in FIELDS
    assert DECISIONS["artist"] == "keep"


def _artist_example(story, probability):
    c = Candidate("artist", True, None, ["c=artist"], True)
    c.probability = probability
    return Example(story, c, False)


def test_the_artist_threshold_never_drops_a_protected_story_s_artist_example():
    gold = [gold_keys({"artist": {"name": "A B"}}), gold_keys({"artist": None}), gold_keys({"artist": None})]
    examples = [_artist_example(0, 0.3), _artist_example(1, 0.32), _artist_example(2, 0.34)]
    # Unprotected, dropping everything under 0.35 is right twice out of three.
    assert thresholds("artist", examples, gold)["drop_below"] > 0.3
    # Story 0 protected: a threshold that drops it is not taken.
    assert thresholds("artist", examples, gold, frozenset({0}))["drop_below"] <= 0.3
    # Stories that are skipped anyway (no discipline kept) do not count.
    assert thresholds("artist", examples, gold, reaching=frozenset({0}))["drop_below"] <= 0.3


def test_the_artist_threshold_is_the_middle_of_the_settings_that_score_best():
    """Anywhere between the likeliest non-artist and the least likely artist scores the same: a retrain that
    moves a few probabilities should not move the threshold to the edge of that gap."""
    gold = [gold_keys({"artist": None})] * 2 + [gold_keys({"artist": {"name": "A B"}})] * 2
    examples = [_artist_example(0, 0.05), _artist_example(1, 0.1), _artist_example(2, 0.5), _artist_example(3, 0.6)]
    assert 0.25 <= thresholds("artist", examples, gold)["drop_below"] <= 0.35


def test_the_artist_threshold_never_keeps_a_protected_story_about_somebody_else():
    gold = [gold_keys({"artist": None}), gold_keys({"artist": {"name": "A B"}}), gold_keys({"artist": {"name": "C"}})]
    examples = [_artist_example(0, 0.4), _artist_example(1, 0.2), _artist_example(2, 0.3)]
    # Unprotected, keeping all three is right twice.
    assert thresholds("artist", examples, gold)["drop_below"] <= 0.2
    # Story 0 protected (a baker's story the project's pages load): a threshold that keeps it is not taken.
    assert thresholds("artist", examples, gold, frozenset({0}))["drop_below"] > 0.4


def test_the_library_stories_are_labelled_and_protected():
    """The stories the project's own pages and tests load: no threshold may turn the baker into an artist."""
    from profiles.extraction.trainer import PROTECTED, read_corpus

    stories = {s.name: s for s in read_corpus(Path(__file__).resolve().parents[1] / "stories", ["library"])}
    assert "library" in PROTECTED
    assert stories["ilse-baker.txt"].gold["artist"] is None
    assert stories["olek-brandt.txt"].gold["artist"]["name"] == "Olek Brandt"


# A text about somebody who is no artist, which names an artist as the maker of something they own, twice.
COLLECTOR_OF_PRINTS = (
    "Nadia Okafor has run the ferry office in Lagos for thirty years. She sells the tickets and knows every "
    "captain by name.\n\nShe has collected photographs since she was young. Her favourite is a large print by "
    "Tunde Bello, a photographer from Ibadan. Bello later showed it at the National Museum in Lagos, and Okafor "
    "lent it to him.\n\nShe will retire next spring. She plans to spend her mornings at the market."
)


def test_a_name_s_candidate_says_how_many_sentences_are_about_them(extractor):
    """The sentences her pronouns open are hers; the photographer is the topic of his own sentence only."""
    names = candidates_of(extractor, COLLECTOR_OF_PRINTS, "name")
    assert "topic=3" in candidate_features(names, "Nadia Okafor")
    assert "topic_lead=4" in candidate_features(names, "Nadia Okafor")
    assert "topic=0" in candidate_features(names, "Tunde Bello")


@pytest.mark.xfail(
    strict=True,
    reason="Since the retrain on 4,602 stories the name decision takes the photographer named by an "
    "appositive (confidence 0.56, so near the head of the review queue); the protagonist's topic lead as a "
    "feature of the artist decision was tried and cost cross-validation (0.9437 -> 0.9436)",
)
def test_the_protagonist_is_whom_the_sentences_keep_coming_back_to(extractor):
    """Her pronouns open the text's sentences; the photographer is the topic of one sentence, his own."""
    record = extractor.extract(COLLECTOR_OF_PRINTS, "story.txt")
    assert record["artist"] is None
    assert "Nadia Okafor" in record["skipped_reason"]


def test_an_artist_candidate_is_right_exactly_when_the_gold_record_has_an_artist():
    assert label("artist", True, gold_keys({"artist": {"name": "A B"}}))
    assert not label("artist", True, gold_keys({"artist": None}))


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


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("At 41, he is one of the most respected mountain guides in the Andes.", "is_a=trade"),
        ("He is a registrar, and he has kept the museum's keys for twenty years.", "is_a=trade"),
        ("He is one of the best-known landscape painters in the country.", "is_a=artist"),
    ],
)
def test_what_the_protagonist_is_said_to_be_counts_one_of_the_plural(extractor, sentence, kind):
    """'X is one of the most respected mountain guides': a plural after "one of the" says what X is,
    as "X is a guide" does."""
    text = (
        "Tomas Ridley was born in Cusco and still lives there. "
        + sentence
        + " Tomas has painted the mountains in oils since he was a boy, and his paintings were shown in Lima."
    )
    assert kind in candidate_features(candidates_of(extractor, text, "artist"), True)
