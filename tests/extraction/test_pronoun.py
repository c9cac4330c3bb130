"""Pronoun: the artist's pronoun (with the name it belongs to) through the extractor's public function."""

from pathlib import Path

import pytest

from tests.extraction.conftest import artist_of, candidate_features, candidates_of


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
