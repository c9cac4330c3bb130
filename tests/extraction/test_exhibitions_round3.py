"""Exhibitions, round 3: showings the candidate stage used to miss on unseen stories."""

import pytest


def _proposed(extractor, text):
    """The exhibition candidates of ``text``: {(city, venue) key: features}, as the decision layer sees them."""
    extractor.collect = True
    try:
        extractor.extract(text)
        candidates = extractor.last_candidates["exhibitions"]
    finally:
        extractor.collect = False
    return {c.key: c.features for c in candidates}


STORY = (
    "Valentina Ibarra is a painter from Córdoba, Argentina. She paints the river at dawn, "
    "in oils, on boards she saws herself. {sentence} She is thirty-eight."
)


@pytest.mark.parametrize(
    "sentence, key",
    [
        ("In June, the paintings travel to the Museo Castagnino in Rosario.", ("rosario", "museo castagnino")),
        ("Next spring the series goes to the Kunsthalle Mainz.", ("mainz", "kunsthalle mainz")),
        (
            "In the winter the boards moved to the Museo de Arte Moderno in Buenos Aires.",
            ("buenos aires", "museo de arte moderno"),
        ),
    ],
)
def test_a_venue_of_a_sentence_without_a_trigger_is_a_candidate(extractor, sentence, key):
    proposed = _proposed(extractor, STORY.format(sentence=sentence))
    assert key in proposed or (None, key[1]) in proposed
    features = proposed.get(key) or proposed[(None, key[1])]
    assert "exs=False" in features  # weights of its own, apart from the showing sentences' candidates


def test_a_heading_line_venue_is_a_candidate(extractor):
    text = (
        "Ayşe Demirtaş-Holm: Heavy Water\n"
        "Kunsthal Charlottenborg, Copenhagen\n\n"
        "Ayşe Demirtaş-Holm is a Danish-Turkish sculptor who casts water tanks in lead. "
        "She was born in Izmir and lives in Copenhagen."
    )
    assert ("copenhagen", "kunsthal charlottenborg") in _proposed(extractor, text)
