"""Exhibitions, round 3: showings the candidate stage used to miss on unseen stories."""

import pytest

from tests.helpers import extract_collecting


def _proposed(extractor, text):
    """The exhibition candidates of ``text``: {(city, venue) key: features}, as the decision layer sees them."""
    _, candidates = extract_collecting(extractor, text)
    return {c.key: c.features for c in candidates["exhibitions"]}


STORY = (
    "Valentina Ibarra is a painter from Córdoba, Argentina. She paints the river at dawn, "
    "in oils, on boards she saws herself. {sentence} She is thirty-eight."
)


@pytest.mark.parametrize(
    ("sentence", "key"),
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


ENTRY = "Solo exhibitions: Kitchen Windows, PinchukArtCentre, Kyiv (2019); Glass Garden, Galerie Lab, Berlin (2025)."
CV = (
    "Olena Hrytsenko is a Ukrainian painter of tower blocks and kitchen windows. She was born in Kharkiv in 1986.\n\n"
    "{line}\n"
)


@pytest.mark.parametrize(
    ("line", "key"),
    [
        (ENTRY, ("kyiv", "pinchukartcentre")),
        ("Exhibited: Oslo, Kunstnerforbundet, Olena Hrytsenko, 1925 (solo).", ("oslo", "kunstnerforbundet")),
        ("After the exhibition, a selection will travel to ARCO in Madrid in February.", ("madrid", "arco")),
    ],
)
def test_a_name_standing_as_a_field_next_to_a_city_is_a_candidate(extractor, line, key):
    """A venue with no venue word: a catalogue's or a CV's field next to the city."""
    assert key in _proposed(extractor, CV.format(line=line))


def test_the_city_that_ends_a_cv_entry_is_a_city(extractor):
    record = extractor.extract(CV.format(line=ENTRY))
    assert {"Kyiv", "Berlin"} <= {c["name"] for c in record["cities"]}


def test_a_short_name_of_a_venue_already_shown_at_is_the_same_showing(extractor):
    text = (
        "Ramesh Baruah was an Assamese painter of river festivals, born in Guwahati in 1921.\n\n"
        "Exhibited:\nBombay, Jehangir Art Gallery, 1953 (solo exhibition).\n\n"
        "The painting was the centrepiece of his 1953 exhibition at the Jehangir, where the critics praised it."
    )
    venues = [ex["venue"] for ex in extractor.extract(text)["exhibitions"]]
    assert "Jehangir Art Gallery" in venues
    assert "Jehangir" not in venues
