"""The typed story record: evidence that knows its bounds, a lossless round trip, and no exception on hostile JSON."""

import dataclasses
import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from profiles.extraction.story_record import (
    ArtistEvidence,
    ArtistRecord,
    Evidence,
    ExhibitionRecord,
    MentionLabel,
    MentionRecord,
    PlaceRef,
    StoryRecord,
    WorkRecord,
)
from tests.extraction.test_record import SAMPLE

TEXT = "Ana Ruiz paints in Lima. She showed at Galería Sur."


# -- Evidence -------------------------------------------------------------------------


def test_evidence_reads_its_sentence_and_words():
    evidence = Evidence.from_json({"start": 0, "end": 24, "match": [19, 23]}, text_length=len(TEXT))

    assert evidence == Evidence(0, 24, (19, 23))
    assert evidence.sentence(TEXT) == "Ana Ruiz paints in Lima."
    assert evidence.matched(TEXT) == "Lima"
    assert Evidence(0, 24).matched(TEXT) is None


@pytest.mark.parametrize(
    "value",
    [
        None,
        "0-24",
        [0, 24],
        {},
        {"start": 0},
        {"end": 24},
        {"start": "0", "end": 24},
        {"start": 0, "end": 24.0},
        {"start": True, "end": 24},
        {"start": 0, "end": False},
        {"start": -1, "end": 24},
        {"start": 0, "end": -24},
        {"start": 25, "end": 24},
        {"start": 0, "end": len(TEXT) + 1},
        {"start": 0, "end": 10**30},
    ],
)
def test_malformed_or_out_of_bounds_evidence_is_none(value):
    assert Evidence.from_json(value, text_length=len(TEXT)) is None


def test_without_a_text_length_only_the_shape_is_checked():
    assert Evidence.from_json({"start": 0, "end": 10**6}) == Evidence(0, 10**6)
    assert Evidence.from_json({"start": 3, "end": 3}, text_length=3) == Evidence(3, 3)


@pytest.mark.parametrize(
    "match",
    [None, "19-23", [19], [19, 23, 24], [23, 19], [19, "23"], [True, 23], [-1, 23], [0, 25], (19.0, 23)],
)
def test_a_bad_match_is_dropped_and_the_sentence_kept(match):
    assert Evidence.from_json({"start": 0, "end": 24, "match": match}) == Evidence(0, 24)


def test_evidence_to_json_is_the_record_form():
    assert Evidence(0, 24, (19, 23)).to_json() == {"start": 0, "end": 24, "match": [19, 23]}
    assert list(Evidence(0, 24).to_json()) == ["start", "end"]


# -- round trip ---------------------------------------------------------------------------


def full_record() -> StoryRecord:
    lima = PlaceRef("Lima", "PE", "Peru", -12.04318, -77.02824, 3936456, Evidence(0, 24, (19, 23)))
    return StoryRecord(
        "ana.txt",
        ArtistRecord(
            "Ana Ruiz",
            "she",
            41,
            PlaceRef("Lima", "PE"),
            ("painting", "drawing"),
            "Ana Ruiz paints in Lima.",
            0.85,
            ArtistEvidence(
                name=Evidence(0, 24, (0, 8)),
                pronoun=Evidence(25, 51, (25, 28)),
                disciplines={"painting": Evidence(0, 24, (9, 15)), "drawing": Evidence(0, 24)},
            ),
        ),
        (lima,),
        (
            ExhibitionRecord(PlaceRef("Lima", "PE"), "Galería Sur", "solo", Evidence(25, 51), 0.9, ("Sol",), 2019),
            ExhibitionRecord(None, None, None),
        ),
        (WorkRecord("Sol", "painting", Evidence(25, 51, (40, 43)), 0.75), WorkRecord("Untitled")),
        (MentionRecord(0, 8, MentionLabel.ARTIST, "Ana Ruiz"), MentionRecord(19, 23, MentionLabel.CITY, "Lima")),
    )


def test_round_trip_of_a_full_record():
    record = full_record()
    data = record.to_json()

    assert StoryRecord.from_json(data) == record
    assert StoryRecord.from_json(json.loads(json.dumps(data)), text_length=len(TEXT)) == record
    assert list(data) == ["source", "artist", "cities", "exhibitions", "works", "mentions", "skipped_reason"]
    assert data["mentions"][0] == {"start": 0, "end": 8, "label": "ARTIST", "text": "Ana Ruiz"}
    assert type(data["mentions"][0]["label"]) is str


def test_round_trip_of_a_skipped_record():
    record = StoryRecord("x.txt", skipped_reason="no artist found: the story names no person")
    assert StoryRecord.from_json(record.to_json()) == record


def test_round_trip_of_every_record_the_extractor_writes(extractor):
    for source, text in [("sample.txt", SAMPLE), ("empty.txt", ""), ("a.txt", "Ana Ruiz paints. Ana Ruiz draws.")]:
        record = extractor.extract_record(text, source)
        data = record.to_json()
        assert data == extractor.extract(text, source)
        assert StoryRecord.from_json(data, text_length=len(text)) == record
        assert StoryRecord.from_json(json.loads(json.dumps(data)), text_length=len(text)) == record


def test_a_gold_record_reads_without_the_extractor_s_extras():
    gold = {
        "source": "g.txt",
        "artist": {
            "name": "Bakhyt Ahmed",
            "pronoun": "he",
            "age": None,
            "birth_city": {"name": "Almaty", "country": "KZ"},
            "disciplines": ["painting"],
        },
        "cities": [{"name": "Almaty", "country": "KZ"}],
        "exhibitions": [{"city": {"name": "Bishkek", "country": "KG"}, "venue": None, "kind": "group"}],
        "works": [{"title": "Sapnagul", "kind": "album"}],
    }
    record = StoryRecord.from_json(gold)

    assert record.artist is not None
    assert record.artist.birth_city == PlaceRef("Almaty", "KZ")
    assert record.to_json() == {**gold, "mentions": [], "skipped_reason": None}


# -- hostile input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [None, [], "record", 3, {"source": 7}, {"artist": "Ana"}, {"cities": {"name": "Lima"}}, {"mentions": "x"}],
)
def test_a_record_that_is_not_one_becomes_an_empty_one(value):
    record = StoryRecord.from_json(value)
    assert record.artist is None
    assert record.cities == record.exhibitions == record.works == record.mentions == ()


def test_malformed_parts_become_none_or_are_left_out():
    data = {
        "source": "x.txt",
        "artist": {
            "name": "Ana Ruiz",
            "pronoun": 3,
            "age": True,
            "birth_city": {"country": "PE"},
            "disciplines": ["painting", None, 4, "drawing"],
            "summary": ["no"],
            "confidence": float("nan"),
            "evidence": {"name": {"start": 5, "end": 2}, "disciplines": {"painting": {"start": 0, "end": 9}, "x": 1}},
        },
        "cities": [{"name": "Lima", "country": None, "latitude": "north", "geonames_id": 1.5}, {"name": ""}, None],
        "exhibitions": [{"city": "Lima", "venue": 7, "kind": "solo", "year": "2019", "works": "Sol"}, "show"],
        "works": [{"title": None}, {"title": "Sol", "kind": ["painting"], "confidence": "high"}],
        "mentions": [
            {"start": 0, "end": 8, "label": "ARTIST", "text": "Ana Ruiz"},
            {"start": 0, "end": 8, "label": "NAME", "text": "Ana Ruiz"},
            {"start": 0, "end": 800, "label": "CITY", "text": "?"},
            {"start": 9, "end": 3, "label": "CITY"},
            {"start": 0, "end": 3, "label": "PERSON", "text": None, "url": "javascript:alert(1)"},
        ],
        "skipped_reason": 0,
    }
    record = StoryRecord.from_json(data, text_length=len(TEXT))

    assert record.artist == ArtistRecord(
        "Ana Ruiz",
        disciplines=("painting", "drawing"),
        evidence=ArtistEvidence(disciplines={"painting": Evidence(0, 9)}),
    )
    assert record.cities == (PlaceRef("Lima", ""),)
    assert record.exhibitions == (ExhibitionRecord(kind="solo"),)
    assert record.works == (WorkRecord("Sol"),)
    assert record.mentions == (
        MentionRecord(0, 8, MentionLabel.ARTIST, "Ana Ruiz"),
        MentionRecord(0, 3, MentionLabel.PERSON, ""),
    )
    assert record.skipped_reason is None


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=6),
    max_leaves=30,
)
KEYS = st.sampled_from(
    ["source", "artist", "cities", "exhibitions", "works", "mentions", "name", "country", "start", "end", "match"]
)
RECORDISH = st.recursive(
    JSON, lambda children: st.dictionaries(KEYS, children, max_size=7) | st.lists(children, max_size=3), max_leaves=40
)


@settings(max_examples=300, deadline=None)
@given(RECORDISH, st.none() | st.integers(min_value=0, max_value=100))
def test_any_json_reads_without_an_exception_and_round_trips(value, text_length):
    record = StoryRecord.from_json(value, text_length=text_length)
    again = StoryRecord.from_json(json.loads(json.dumps(record.to_json())), text_length=text_length)
    assert again == record
    for evidence in _all_evidence(record):
        assert 0 <= evidence.start <= evidence.end
        assert text_length is None or evidence.end <= text_length
    assert all(math.isfinite(number) for number in _numbers(record))


def _all_evidence(record):
    places = list(record.cities)
    if record.artist is not None:
        places.append(record.artist.birth_city)
        if record.artist.evidence is not None:
            found = record.artist.evidence
            yield from (e for e in (found.name, found.pronoun, found.age, found.birth_city) if e)
            yield from found.disciplines.values()
    places += [exhibition.city for exhibition in record.exhibitions]
    yield from (place.evidence for place in places if place is not None and place.evidence is not None)
    yield from (item.evidence for item in (*record.exhibitions, *record.works) if item.evidence is not None)


def _numbers(record):
    for place in record.cities:
        yield from (n for n in (place.latitude, place.longitude) if n is not None)
    for item in (*record.exhibitions, *record.works):
        if item.confidence is not None:
            yield item.confidence


def test_record_classes_stay_frozen_dataclasses_with_their_own_init():
    evidence = Evidence(1, 5, match=(2, 3))
    assert evidence == Evidence(1, 5, (2, 3), None)
    assert hash(evidence) == hash(Evidence(1, 5, (2, 3)))
    with pytest.raises(dataclasses.FrozenInstanceError):
        evidence.start = 0  # type: ignore[misc]
    assert dataclasses.replace(evidence, start=0) == Evidence(0, 5, (2, 3))
    with pytest.raises(TypeError):
        Evidence(1)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Evidence(1, 2, colour="red")  # type: ignore[call-arg]
    first, second = ArtistEvidence(), ArtistEvidence()
    assert first.disciplines == {}
    assert first.disciplines is not second.disciplines
    place = PlaceRef("Almaty", "KZ", geonames_id=1526384)
    assert (place.country_name, place.geonames_id, place.evidence) == (None, 1526384, None)
