"""Disciplines (issue #13, second round): practices named by a material or an act the strong cues
do not cover ("writes code", "carves puppets", "stencil prints", "beaded earrings") reach the learned layer as weak
cues; the rules never take them."""

from __future__ import annotations

import pytest

from tests.helpers import extract_collecting


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (
            "Njambi Kariuki grew up in Nakuru. Today she writes code that turns rainfall records into "
            "slowly shifting images of the lake.",
            "digital art",
        ),
        (
            "Bagus Santoso lives in Solo. Bagus carves puppets from buffalo hide and performs with them "
            "through the night.",
            "theatre",
        ),
        (
            "Freya Tait lives in Lerwick. Her large oil Peat Smoke was shown at the academy in Edinburgh.",
            "oil painting",
        ),
        (
            "Elisapee Qavavau lives in Kinngait. Elisapee makes stonecut and stencil prints of owls and sleds.",
            "printmaking",
        ),
        (
            "Josette Laroque lives in Winnipeg. Her beaded earrings are worn at every powwow on the prairies.",
            "jewelry",
        ),
    ],
)
def test_a_practice_named_by_its_material_or_act_is_a_weak_cue(extractor, text, key):
    _, candidates = extract_collecting(extractor, text)
    found = next(c for c in candidates["disciplines"] if c.key == key)
    assert not found.rule
    assert "rule=weak" in found.features


def test_the_artist_as_subject_is_weighed_when_someone_else_is_named_nearer(extractor):
    # The owner rule rejects the cue (the nearest person is the grandmother); the learned layer is told
    # that the artist is the sentence's subject and the grandmother only owns the dresses.
    text = (
        "Layla Haddad lives in Amman. She layered fabric from her grandmother's dresses into mixed media "
        "panels that look like letters half-remembered."
    )
    _, candidates = extract_collecting(extractor, text)
    found = next(c for c in candidates["disciplines"] if c.key == "mixed media")
    assert not found.rule
    assert "rule=False&asubj=artist_other_obj" in found.features
