"""The memoised word splitter lays a story out exactly as the tokenizer's path does."""

import random
from pathlib import Path

import pytest

from profiles.extraction.text import WordSplitter, build_story, normalise

STORIES = Path(__file__).resolve().parent / "stories"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "stories"
HELDOUT = Path(__file__).resolve().parents[1] / "stories" / "heldout" / "stories"


def _layout(story):
    return (
        story.words,
        story.starts,
        story.ends,
        story.lower_words,
        story.word_sentence,
        story.sentences,
        story.quotes,
        story.lowercase_vocabulary,
        story.sentence_starts,
        story.initial,
        story.low,
        story.joints,
    )


def _same_both_ways(extractor, splitter, text):
    norm = normalise(text)
    by_doc = build_story(text, norm, extractor.tokenizer(norm))
    by_splitter = build_story(text, norm, splitter=splitter)
    assert _layout(by_splitter) == _layout(by_doc), text[:200]


def _story_texts():
    texts = []
    for folder in (STORIES, SHARED / "dev", SHARED / "seeds", HELDOUT):
        if folder.is_dir():
            texts += [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    return texts


@pytest.fixture(scope="module")
def splitter(extractor):
    return WordSplitter(extractor.tokenizer)


def test_stories_and_their_variants(extractor, splitter):
    texts = _story_texts()
    assert texts
    rng = random.Random(3)
    for text in texts:
        for variant in (
            text,
            text.lower(),
            text.upper(),
            text.replace(". ", ".\n\n  "),
            text.replace(" ", "  ", 7),
            " ".join(rng.sample(text.split(" "), len(text.split(" ")))),
        ):
            _same_both_ways(extractor, splitter, variant)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n",
        "  \n \n",
        "a",
        " a",
        "\na",
        "a \nb",
        "a\n b",
        "a  b",
        "a \n\n  b",
        "He said: \"Go.\" Then 'Art' (1999) was shown.",
        "Dr. Ana Ruiz-Pérez, 34, lives in St. Louis.",
        "Harrington-Aliyev's thirty-four works... and e.g. U.S.-based a.m. shows :) ok",
        "a : ) b",
        "a :) b",
        "it 's",
        "x ( : y",
        "can't won't don't Let's gonna",
        "ΟΔΟΣ. ΣΑΣ ΟΔΟΣ'Α İstanbul ſtrasse",
    ],
)
def test_edge_cases(extractor, splitter, text):
    _same_both_ways(extractor, splitter, text)


def test_special_cases_across_a_space_go_to_the_tokenizer(extractor, splitter):
    norm = normalise("a : ) b")
    assert splitter.split(norm) == "tokenizer"  # ":)" could be matched across the space
    assert splitter.split(normalise("a :) b")) != "tokenizer"


def test_random_text_with_special_cases(extractor, splitter):
    rng = random.Random(11)
    specials = list(extractor.tokenizer.rules)
    alphabet = list("abcXYZOos .,;:!?'\"()-\u2013\u2014\n  _*/&%$0123456789éİΣσςß<>=^|[]{}°") + [
        "Dr.",
        "St.",
        ":)",
        "'s",
        "a.m.",
        "and/or",
        "e.g.",
        "U.S.",
        "--",
        "...",
        "\u2026",
        "Omar",
        "he",
        "it",
    ]
    for _ in range(3000):
        parts = [
            rng.choice(alphabet) if rng.random() < 0.6 else rng.choice(specials) for _ in range(rng.randrange(0, 30))
        ]
        separator = rng.choice(["", " ", " ", "\n", "  "])
        _same_both_ways(extractor, splitter, separator.join(parts))


def test_a_full_memo_is_cleared_and_refilled(extractor):
    small = WordSplitter(extractor.tokenizer, memo_limit=5)
    for text in _story_texts()[:5]:
        _same_both_ways(extractor, small, text)
    assert len(small._memo) < 400


def test_learning_ahead_changes_nothing(extractor):
    texts = _story_texts()[:8]
    ahead = WordSplitter(extractor.tokenizer)
    ahead.learn(normalise(t) for t in texts)
    lazy = WordSplitter(extractor.tokenizer)
    for text in texts:
        norm = normalise(text)
        assert _layout(build_story(text, norm, splitter=ahead)) == _layout(build_story(text, norm, splitter=lazy))
    assert ahead.texts_learned_from == 0


@pytest.mark.parametrize(
    "text",
    [
        "x" * 100,
        "Ana Ruiz " + "y" * 63 + " paints.",
        "Ana Ruiz " + "y" * 64 + " paints.",
        "a " + "z" * 64 + "\n" + "w" * 200 + " b",
        "http://example.org/" + "path/" * 30 + " and more",
        "\u201c" + "q" * 70 + "\u201d",
    ],
)
def test_long_runs_are_broken_by_the_splitter_as_normalise_breaks_them(extractor, splitter, text):
    text = "She is a painter. " + text + " She paints."
    norm = normalise(text)
    by_doc = build_story(text, norm, extractor.tokenizer(norm))
    unbroken = normalise(text, break_long_runs=False)
    by_splitter = build_story(text, unbroken, splitter=splitter)
    assert by_splitter.norm == norm
    assert _layout(by_splitter) == _layout(by_doc)
