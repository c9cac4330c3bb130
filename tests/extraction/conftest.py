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
