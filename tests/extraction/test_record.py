"""The record: its keys and vocabularies (docs/record-format.md), offsets into the original text, robustness."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from profiles.vocabulary import DISCIPLINES, EXHIBITION_KINDS, PRONOUNS, WORK_KINDS

SAMPLE = (
    "\u201cClay listens,\u201d says Lucía de la Fuente.\u00a0At forty-six, the ceramicist runs a workshop on the edge "
    "of Oaxaca, the city where she was born.\n\nHer series \u201cCeniza y Agua\u201d was shown in a solo exhibition at "
    "Galería Tierra Roja in Mexico City, and later her pots were exhibited in Madrid and Seville."
)


def validate(record, text):
    """Assert the record has the documented shape and that every offset points into ``text``."""
    assert set(record) == {"source", "artist", "cities", "exhibitions", "works", "mentions", "skipped_reason"}
    json.dumps(record)
    for mention in record["mentions"]:
        assert text[mention["start"] : mention["end"]] == mention["text"]
        assert mention["label"] in {"ARTIST", "PERSON", "CITY", "VENUE", "WORK"}
    artist = record["artist"]
    if artist is None:
        assert isinstance(record["skipped_reason"], str)
        assert record["skipped_reason"]
        assert record["exhibitions"] == []
        assert record["works"] == []
    else:
        assert record["skipped_reason"] is None
        assert artist["pronoun"] in (*PRONOUNS, None)
        assert artist["age"] is None or isinstance(artist["age"], int)
        assert set(artist["disciplines"]) <= set(DISCIPLINES)
        assert len(set(artist["disciplines"])) == len(artist["disciplines"])
        assert 0 <= artist["confidence"] <= 1
        assert len(artist["summary"]) <= 300
        for field, span in artist["evidence"].items():
            spans = span.values() if field == "disciplines" else [span]
            for item in spans:
                assert 0 <= item["start"] <= item["end"] <= len(text)
    for city in record["cities"]:
        assert set(city) >= {"name", "country", "country_name", "latitude", "longitude", "geonames_id", "evidence"}
        assert len(city["country"]) == 2
    for exhibition in record["exhibitions"]:
        assert exhibition["kind"] in (*EXHIBITION_KINDS, None)
        assert exhibition["venue"] is None or not exhibition["venue"].lower().startswith("the ")
    for work in record["works"]:
        assert work["kind"] in WORK_KINDS


def test_record_shape_and_values(extractor):
    record = extractor.extract(SAMPLE, source="lucia.txt")
    validate(record, SAMPLE)
    artist = record["artist"]
    assert (artist["name"], artist["pronoun"], artist["age"]) == ("Lucía de la Fuente", "she", 46)
    assert artist["birth_city"] == {"name": "Oaxaca", "country": "MX"}
    assert [c["name"] for c in record["cities"]] == ["Oaxaca", "Mexico City", "Madrid", "Sevilla"]


def test_evidence_offsets_point_at_the_sentence(extractor):
    record = extractor.extract(SAMPLE)
    evidence = record["artist"]["evidence"]["age"]
    assert SAMPLE[evidence["start"] : evidence["end"]].startswith("At forty-six")
    assert SAMPLE[slice(*evidence["match"])] == "forty-six"
    city = record["cities"][0]["evidence"]
    assert SAMPLE[slice(*city["match"])] == "Oaxaca"


def test_not_an_artist_gives_a_reason(extractor):
    text = (
        "Tomasz Wrona was a ferry captain born in Gdańsk. He sailed to Karlskrona for thirty years. "
        "His wife, a painter, filled their flat with watercolours."
    )
    record = extractor.extract(text, source="captain.txt")
    validate(record, text)
    assert record["artist"] is None
    assert "no art form" in record["skipped_reason"]
    assert [c["name"] for c in record["cities"]] == ["Gdańsk", "Karlskrona"]


def test_pipe_matches_extract_and_keeps_order(extractor):
    items = [("a.txt", SAMPLE), ("b.txt", ""), ("c.txt", "Ana Ruiz paints in Lima. Ana Ruiz paints.")]
    piped = list(extractor.pipe(items, batch_size=2))
    assert [r["source"] for r in piped] == ["a.txt", "b.txt", "c.txt"]
    assert piped == [extractor.extract(text, source=source) for source, text in items]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n ",
        "\x00\x01\x7f\x1b[31m",
        "\u202eمرحبا\u202c Ana Ruiz painted in Lima.",
        "🎨 Ana Ruiz 🎨 paints in Lima 🇵🇪.",
        "a" * 100_000,
        "!" * 50_000,
        "a\udcffb",
        '"' * 3000 + "*" * 3000,
    ],
)
def test_odd_input_never_raises(extractor, text):
    validate(extractor.extract(text, source="odd"), text)


def test_a_megabyte_gives_a_valid_record(extractor):
    # How long it takes is bench/hostile.py's to measure: no timed unit tests.
    text = (SAMPLE + "\n\n") * 2500
    validate(extractor.extract(text), text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=400))
def test_arbitrary_text(extractor, text):
    validate(extractor.extract(text), text)
