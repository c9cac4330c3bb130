"""Property tests of the extraction pipeline on hostile text: it never fails and always returns a valid record.

Hypothesis feeds ``StoryExtractor`` arbitrary Unicode, story-like text laced
with control characters, right-to-left runs, emoji and very long tokens, from
0 to 100,000 characters. Every record must validate against the schema of
``shared/stories/SCHEMA.md`` (``validate_record`` below) and point only at
offsets inside the text. The extractor logs and swallows its own bugs
(``skipped_reason`` "extraction failed (...)"): that counts as a failure here.

The 1 MB shapes (``bench/hostile_stories.py``) must give valid records too;
how long they take is ``bench/bench_megabyte.py``'s.
"""

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.hostile_stories import MEGABYTE_SHAPES, megabyte_story
from profiles.extraction import StoryExtractor

# --- the schema (SCHEMA.md) ------------------------------------------------------------------

DISCIPLINES = {
    "painting", "drawing", "watercolor", "oil painting", "digital art", "sculpture", "ceramics", "textile art",
    "photography", "printmaking", "illustration", "calligraphy", "installation", "light art", "performance art",
    "music", "film", "street art", "mixed media", "architecture", "fashion design", "jewelry", "poetry", "dance",
    "theatre",
}  # fmt: skip
WORK_KINDS = {
    "painting", "series", "album", "song", "sculpture", "installation", "mural", "photograph", "film", "book",
    "performance", "collection", "other",
}  # fmt: skip
PRONOUNS = {"he", "she", "they", None}
EXHIBITION_KINDS = {"solo", "group", None}


def _nonempty_str(value, where):
    assert isinstance(value, str), f"{where}: {value!r} is not a string"
    assert value.strip(), f"{where}: {value!r} is empty"


def _city(value, where):
    assert isinstance(value, dict), f"{where}: {value!r} is not a city"
    _nonempty_str(value.get("name"), f"{where}.name")
    country = value.get("country")
    is_code = isinstance(country, str) and len(country) == 2 and country.isascii() and country.isupper()
    assert is_code, f"{where}.country: {country!r} is not an ISO 3166-1 alpha-2 code"


def _offsets(value, text, where):
    """Evidence and mentions index the original text: 0 <= start <= end <= len(text)."""
    assert isinstance(value, dict), where
    start, end = value.get("start"), value.get("end")
    assert type(start) is int, f"{where}: start {start!r}"
    assert type(end) is int, f"{where}: end {end!r}"
    assert 0 <= start <= end <= len(text), f"{where}: ({start}, {end}) outside a text of {len(text)}"
    if "match" in value:
        match_start, match_end = value["match"]
        assert start <= match_start <= match_end <= end, f"{where}: match {value['match']} outside ({start}, {end})"


def validate_record(record, text, source):
    """Assert that ``record`` is a story record as SCHEMA.md fixes it, for ``text`` read from ``source``."""
    assert isinstance(record, dict)
    for key in ("source", "artist", "cities", "exhibitions", "works"):
        assert key in record, f"missing key {key!r}"
    assert record["source"] == source
    json.dumps(record)  # the importer stores it as JSON

    artist = record["artist"]
    if artist is not None:
        assert isinstance(artist, dict)
        _nonempty_str(artist["name"], "artist.name")
        assert artist["name"] == " ".join(artist["name"].split()), "artist.name: white space not folded"
        assert artist["pronoun"] in PRONOUNS, f"artist.pronoun: {artist['pronoun']!r}"
        assert artist["age"] is None or type(artist["age"]) is int, f"artist.age: {artist['age']!r}"
        if artist["birth_city"] is not None:
            _city(artist["birth_city"], "artist.birth_city")
        disciplines = artist["disciplines"]
        assert isinstance(disciplines, list), f"disciplines: {disciplines!r}"
        assert set(disciplines) <= DISCIPLINES, f"disciplines outside the vocabulary: {disciplines}"
        assert len(disciplines) == len(set(disciplines)), f"disciplines repeat: {disciplines}"
        for field, span in (artist.get("evidence") or {}).items():
            spans = span.values() if field == "disciplines" else [span]
            for one in spans:
                _offsets(one, text, f"artist.evidence.{field}")

    assert isinstance(record["cities"], list)
    keys = set()
    for number, city in enumerate(record["cities"]):
        _city(city, f"cities[{number}]")
        keys.add((city["name"].casefold(), city["country"]))
        if "evidence" in city:
            _offsets(city["evidence"], text, f"cities[{number}].evidence")
    assert len(keys) == len(record["cities"]), "a city is listed twice"

    assert isinstance(record["exhibitions"], list)
    for number, exhibition in enumerate(record["exhibitions"]):
        where = f"exhibitions[{number}]"
        if exhibition["city"] is not None:
            _city(exhibition["city"], f"{where}.city")
        if exhibition["venue"] is not None:
            _nonempty_str(exhibition["venue"], f"{where}.venue")
        assert exhibition["kind"] in EXHIBITION_KINDS, f"{where}.kind: {exhibition['kind']!r}"
        if "evidence" in exhibition:
            _offsets(exhibition["evidence"], text, f"{where}.evidence")

    assert isinstance(record["works"], list)
    for number, work in enumerate(record["works"]):
        _nonempty_str(work["title"], f"works[{number}].title")
        assert work["kind"] in WORK_KINDS, f"works[{number}].kind: {work['kind']!r}"
        if "evidence" in work:
            _offsets(work["evidence"], text, f"works[{number}].evidence")

    for number, mention in enumerate(record.get("mentions") or []):
        _offsets(mention, text, f"mentions[{number}]")
        assert mention.get("text", text[mention["start"] : mention["end"]]) == text[mention["start"] : mention["end"]]

    reason = record.get("skipped_reason")
    assert reason is None or isinstance(reason, str)
    assert "extraction failed" not in (reason or ""), f"the extractor crashed inside: {reason}"
    assert (artist is None) == (reason is not None), "a record has an artist or says why not, never both"


# --- the extractor, once per module -------------------------------------------------------


@pytest.fixture(scope="module")
def extractor():
    return StoryExtractor()


def check(extractor, text, source="fuzz.txt"):
    record = extractor.extract(text, source=source)
    validate_record(record, text, source)
    return record


FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

# --- strategies ------------------------------------------------------------------------------

NAMES = ["Aru Test", "Dawit Sørensen", "Zhanna O'Neil-Bek", "Ли Мин", "محمد علي", "Ōta Hiro", "A", "Ünal Çelik"]
CITIES = ["Almaty", "Bishkek", "Tashkent", "Ulaanbaatar", "Kraków", "Marrakech", "São Paulo", "Paris", "Nowhere"]
SENTENCES = [
    "{name} was born in {city}.",
    "At {age}, {pronoun} worked in painting and sculpture.",
    '{Pronoun} album "{title}" was shown at the {city} Museum of Art in {year}.',
    "The gallery in {city} gave {name} a solo exhibition.",
    "{Pronoun} paints watercolors of {city}, and {pronoun} took photographs there.",
    "{name}'s mural *{title}* stands in {city}.",
    "Critics from {city} wrote about {name}.",
]
NOISE = st.sampled_from(
    [
        "\x00", "\x07", "\x1b[31m", "\r", "\r\n", "\t", "\x0b", "\x0c", "\u2028", "\u2029", "\x85",
        "\u200b", "\u200d", "\ufeff", "\u00ad",
        "\u202e", "\u202b", "\u200f", "\u2067", "\u2069",  # right-to-left controls
        "الفنانة ولدت في ", "עברית ", "\u0301\u0308\u0323",
        "🎨", "👩🏽‍🎨", "🇰🇿", "\U0001f3f3\ufe0f\u200d\U0001f308",
        "\ufffd", "\U0010ffff", "\uffff", "“", "”", "«", "»", '"', "*", "...", "—", " . ", "!?",
    ]
)  # fmt: skip
WORDS = st.text(st.characters(codec="utf-8"), min_size=1, max_size=12)
LONG_TOKEN = st.builds(lambda char, size: char * size, st.characters(codec="utf-8"), st.integers(100, 20_000))


@st.composite
def story_like(draw):
    """Sentences a story would have, with noise, long tokens and stray Unicode between and inside them."""
    pronoun = draw(st.sampled_from(["she", "he", "they", "it"]))
    pieces = []
    for _ in range(draw(st.integers(0, 14))):
        template = draw(st.sampled_from(SENTENCES))
        sentence = template.format(
            name=draw(st.sampled_from(NAMES)),
            city=draw(st.sampled_from(CITIES)),
            age=draw(st.integers(-5, 10_000)),
            pronoun=pronoun,
            Pronoun={"she": "Her", "he": "His", "they": "Their"}.get(pronoun, "Its"),
            title=draw(st.one_of(WORDS, st.sampled_from(NAMES), st.just(""))),
            year=draw(st.integers(0, 99_999)),
        )
        if draw(st.booleans()):
            cut = draw(st.integers(0, len(sentence)))
            sentence = sentence[:cut] + draw(st.one_of(NOISE, WORDS, LONG_TOKEN)) + sentence[cut:]
        pieces.append(sentence)
        pieces.append(draw(st.sampled_from([" ", "\n", "\n\n", "  ", ""])))
    return "".join(pieces)


@st.composite
def sized_story(draw):
    """Story-like text repeated or cut to a drawn length between 0 and 100,000 characters."""
    size = draw(st.integers(0, 100_000))
    seed = draw(story_like()) or draw(st.text(min_size=1, max_size=50))
    return (seed * (size // max(1, len(seed)) + 1))[:size]


# --- properties ----------------------------------------------------------------------------------


@FUZZ
@given(text=st.text())
def test_any_unicode_text_gives_a_valid_record(extractor, text):
    check(extractor, text)


@FUZZ
@given(text=st.text(st.characters(codec=None, categories=None), max_size=2000))
def test_lone_surrogates_and_unassigned_code_points_give_a_valid_record(extractor, text):
    check(extractor, text)


@FUZZ
@given(text=story_like())
def test_story_like_text_with_noise_gives_a_valid_record(extractor, text):
    check(extractor, text)


@settings(FUZZ, max_examples=15)
@given(text=sized_story())
def test_stories_of_0_to_100_000_characters_give_a_valid_record(extractor, text):
    check(extractor, text)


@FUZZ
@given(texts=st.lists(story_like(), max_size=6))
def test_pipe_gives_one_valid_record_per_story_in_order(extractor, texts):
    pairs = [(f"story-{number}.txt", text) for number, text in enumerate(texts)]
    records = list(extractor.pipe(pairs, batch_size=4))
    assert [record["source"] for record in records] == [source for source, _ in pairs]
    for (source, text), record in zip(pairs, records, strict=True):
        validate_record(record, text, source)


@pytest.mark.parametrize("value", [None, b"Aru Test was born in Almaty.\xff\xfe", 42, "", " ", "\x00" * 10])
def test_odd_argument_types_give_a_valid_record(extractor, value):
    record = extractor.extract(value, source="odd.txt")
    text = value.decode("utf-8", errors="replace") if isinstance(value, bytes) else "" if value is None else str(value)
    validate_record(record, text, "odd.txt")


def test_a_seed_story_gives_an_artist(extractor):
    """The validator is not vacuous: a real story yields a full record that passes it."""
    seed = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))[0]
    text = seed.read_text(encoding="utf-8")
    record = check(extractor, text, seed.name)
    assert record["artist"]
    assert record["artist"]["disciplines"]


# --- 1 MB: a valid record, whatever its shape -----------------------------------------------
# (How long each shape takes is bench/bench_megabyte.py's: a guard against super-linear time.)


@pytest.mark.parametrize("shape", list(MEGABYTE_SHAPES))
def test_a_1_mb_story_gives_a_valid_record(extractor, shape):
    check(extractor, megabyte_story(shape), f"{shape}.txt")
