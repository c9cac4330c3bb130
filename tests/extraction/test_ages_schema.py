"""Ages as SCHEMA reads them: a current age first, else the age at the latest event of the artist's life."""

import pytest

from profiles.extraction import StoryExtractor


@pytest.fixture(scope="module")
def extractor():
    return StoryExtractor()


STORY = (
    "Lena Okafor is a painter from Lagos. {first} Her oil paintings of the lagoon filled a small room. "
    "{second} Her paintings were later shown in a solo exhibition at the Nike Art Gallery in Lagos."
)


def _age(extractor, first, second):
    return extractor.extract(STORY.format(first=first, second=second))["artist"]["age"]


def test_an_age_at_an_event_counts_when_no_current_age_is_stated(extractor):
    assert _age(extractor, "At nineteen she moved to Paris to study painting.", "She returned home later.") == 19


def test_of_several_ages_at_events_the_latest(extractor):
    first = "She left school at sixteen to work in her aunt's print shop."
    second = "At twenty-seven she opened a studio of her own by the water."
    assert _age(extractor, first, second) == 27


def test_a_current_age_beats_an_age_at_an_event(extractor):
    first = "At nineteen she moved to Paris to study painting."
    second = "Now 45, she still paints every morning."
    assert _age(extractor, first, second) == 45


def test_another_persons_age_is_not_the_artists(extractor):
    first = "Her teacher, a 70-year-old printmaker, lent her a press."
    assert _age(extractor, first, "She returned home later.") is None
