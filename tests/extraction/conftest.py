"""Fixtures for the extraction tests: one extractor per session (it loads the gazetteer)."""

from pathlib import Path

import pytest

STORIES = Path(__file__).resolve().parent / "stories"


@pytest.fixture(scope="session")
def extractor():
    from profiles.extraction import StoryExtractor

    return StoryExtractor()


@pytest.fixture(scope="session")
def rules():
    """The rules alone, without the learned layer (``decisions=None``): for the rules' own classes."""
    from profiles.extraction import StoryExtractor

    return StoryExtractor(decisions=None)


@pytest.fixture(scope="session")
def analyse(extractor):
    """Run the stages up to the references on a text; returns a namespace of their results."""
    from types import SimpleNamespace

    from profiles.extraction.protagonist import References, find_pronoun, find_protagonist
    from profiles.extraction.text import build_story, normalise

    def run(text):
        norm = normalise(text)
        story = build_story(text, norm, splitter=extractor.splitter)
        mentions = extractor.find_mentions(story)
        lex = extractor.lexicon
        protagonist = find_protagonist(story, mentions, lex)
        pronoun = find_pronoun(story, mentions, lex, protagonist) if protagonist else None
        refs = None
        if protagonist:
            refs = References(story, mentions, lex, protagonist, pronoun.value if pronoun else None)
        return SimpleNamespace(
            story=story, mentions=mentions, protagonist=protagonist, pronoun=pronoun, refs=refs, lexicon=lex
        )

    return run


@pytest.fixture(scope="session")
def story_file():
    def read(name):
        return (STORIES / name).read_text(encoding="utf-8")

    return read


# -- helpers the per-field modules share ---------------------------------------------------------


def artist_of(extractor, text, source="story.txt"):
    """The record's artist of ``text`` ({} when there is none)."""
    return extractor.extract(text, source)["artist"] or {}


def city_keys(extractor, text):
    """The record's cities of ``text`` as (name, country) pairs."""
    return [(c["name"], c["country"]) for c in extractor.extract(text, "story.txt")["cities"]]


def candidates_of(extractor, text, field, source=""):
    """The candidates of ``field`` the decision layer is offered for ``text`` (every stage run)."""
    from tests.helpers import extract_collecting

    return extract_collecting(extractor, text, source)[1][field]


def candidate_features(candidates, key):
    """The features of the candidate with ``key``."""
    return next(c.features for c in candidates if c.key == key)


def exhibition_candidates(extractor, text):
    return candidates_of(extractor, text, "exhibitions")


def exhibition_keys(extractor, text):
    """The (city, venue) keys of every exhibition candidate of ``text``."""
    return {c.key for c in exhibition_candidates(extractor, text)}


def exhibition_rule_keys(extractor, text):
    """The (city, venue) keys of the exhibition candidates the rules took."""
    return {c.key for c in exhibition_candidates(extractor, text) if c.rule}


def proposed_exhibitions(extractor, text):
    """The exhibition candidates of ``text``: {(city, venue) key: features}, as the decision layer sees them."""
    return {c.key: c.features for c in exhibition_candidates(extractor, text)}


def work_candidates(extractor, text):
    return candidates_of(extractor, text, "works")


def work_features(extractor, text, key):
    return candidate_features(work_candidates(extractor, text), key)


def rules_only_disciplines(extractor, text):
    """The disciplines ``extractor``'s rules alone take for ``text`` (its decisions set aside for the call)."""
    extractor.decisions, saved = None, extractor.decisions
    try:
        record = extractor.extract(text)
    finally:
        extractor.decisions = saved
    return (record.get("artist") or {}).get("disciplines") or []
