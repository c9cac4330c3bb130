"""Pronoun: the artist's pronoun (with the name it belongs to) through the extractor's public function."""

from pathlib import Path

import pytest

from tests.extraction.conftest import artist_of, candidate_features, candidates_of


@pytest.mark.xfail(
    strict=True,
    reason="Since the retrain on 7,162 stories (wide-bx to wide-ce joined) the artist decision drops the artist "
    "(0.399 against a drop-below of 0.40): its features describe the rules' protagonist, the buyer named first, "
    "not the person the name decision takes",
)
def test_a_story_opening_on_the_artist_s_first_buyer_is_about_the_artist(extractor):
    text = (
        "Hannah Oyelowo was the first person to buy a photograph from Tunde Bakare, and she still tells the story: "
        "a market stall in Ibadan, a box of prints, and a young man who would not stop talking about light.\n\n"
        "Tunde was born in Ibadan, the son of a schoolteacher. He learned photography from a studio portraitist and "
        "then spent ten years taking the studio apart. He photographs market women at dawn, always in black and "
        "white.\n\n"
        "His first solo exhibition, at the Nike Art Gallery in Lagos, sold out. Tunde, now forty, lives in Lagos. "
        "Hannah Oyelowo still owns the first print."
    )
    record = extractor.extract(text, "buyer.txt")
    assert record["artist"]["name"] == "Tunde Bakare"
    assert record["artist"]["pronoun"] == "he"


def test_a_review_whose_artist_is_their_only_person_gets_a_singular_they(extractor):
    """A review names its artist a few times and gives them "their" twice, with no kin word the rules need."""
    story = Path(__file__).resolve().parents[1] / "stories" / "wide-b" / "stories" / "wb078_lee-ha-eun.txt"
    artist = artist_of(extractor, story.read_text(encoding="utf-8"))
    assert artist.get("name") == "Lee Ha-eun"
    assert artist.get("pronoun") == "they"


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        pytest.param(
            "Ines Varga's third graphic novel is about an old man who will not sell his orchard. Varga draws "
            "in ink, and the book was shown at a festival in Angoulême.",
            "c=he&clean=0",
            id="a-role-noun-between-the-artist-and-the-pronoun",
        ),
        pytest.param(
            "Ines Varga paints harbours. We spoke in his studio in Split, among stacks of canvases.\n\n"
            "Why harbours?\nMy father was a sailor. I grew up on the quay.",
            "c=he&clean=1",
            id="the-pronoun-right-after-the-artist",
        ),
    ],
)
def test_a_pronoun_after_a_role_noun_is_not_counted_as_the_artist_s_alone(extractor, text, clean):
    """'an old man who will not sell his orchard': the man's, though the artist was the last one named."""
    assert clean in candidate_features(candidates_of(extractor, text, "pronoun"), "he")


# A story the artist shares with a teacher, a pupil or a rival: the other person opens it and shares its
# sentences, so counting the pronouns of the sentences that name the artist gives the artist theirs.
_PUPIL_OPENS = (
    "Tomas Berg was twenty when he first knocked on the door of Alma Reyes's studio in Valparaíso, holding a "
    "roll of drawings he never showed anyone. He is 31 now, and his murals of fishermen have made him the best "
    "known young painter in the port. He still visits Alma Reyes every Sunday.\n\n"
    "Alma Reyes was born in Santiago in 1958. She trained as a painter in Madrid and came home to teach. "
    "She is sixty-six and paints every morning.\n\n"
    "Tomas says she taught him patience. He bought her canvas *Low Tide* for his mother."
)


def test_a_subject_pronoun_is_the_person_its_sentence_opens_on(analyse):
    """'Tomas was twenty when he first knocked on the door of Alma's studio ... drawings he never showed':
    Tomas's, though Alma was named last; 'She trained in Madrid' after 'Alma Reyes was born': Alma's."""
    from profiles.extraction.protagonist import subject_pronoun_owners

    result = analyse(_PUPIL_OPENS)
    assert result.protagonist.name == "Alma Reyes"
    owners = subject_pronoun_owners(result.story, result.mentions, result.lexicon, result.protagonist)
    assert owners["he"][0] == 0
    assert owners["he"][1] >= 4
    assert owners["she"][0] >= 2


def test_the_artist_s_pronoun_is_not_the_one_of_the_pupil_who_opens_the_story(analyse, extractor):
    result = analyse(_PUPIL_OPENS)
    assert result.pronoun.value == "she"
    artist = artist_of(extractor, _PUPIL_OPENS)
    assert (artist.get("name"), artist.get("pronoun"), artist.get("age")) == ("Alma Reyes", "she", 66)


def test_the_pronoun_the_artist_s_sentences_keep_is_a_feature(extractor):
    candidates = candidates_of(extractor, _PUPIL_OPENS, "pronoun")
    assert "c=she&subj_lead=True" in candidate_features(candidates, "she")
    assert "c=he&subj_lead=False" in candidate_features(candidates, "he")


def test_a_story_told_of_the_artist_alone_keeps_its_pronoun(analyse):
    """A role noun may be the artist ('the boy filled the margins'): no switch on a one-person story."""
    text = (
        "Sipho Dlamini grew up in Soweto in a house his father built. There was no money for lessons, and the "
        "boy filled the margins of old newspapers with faces. At a community centre he found linocut. "
        "He is 44 now and prints in Johannesburg."
    )
    assert analyse(text).pronoun.value == "he"
