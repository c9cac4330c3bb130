"""The benchmark's generated stories are read right: a generated corpus the extractor misreads is a bug."""

import re

import pytest

from bench.generate_stories import generate

DISCIPLINE_OF_ROLE = {
    "painter": "painting",
    "sculptor": "sculpture",
    "photographer": "photography",
    "ceramicist": "ceramics",
    "printmaker": "printmaking",
    "illustrator": "illustration",
}
ROLE = re.compile(r"As a young (\w+), ")
TITLE = re.compile(r'The breakthrough came with "([^"]+)"')


@pytest.mark.parametrize("repeating", [False, True])
def test_generated_stories_get_their_one_discipline_and_their_one_work(extractor, repeating):
    wrong = []
    for story_id, text in generate(60, seed=7, repeating=repeating):
        record = extractor.extract(text, story_id)
        artist = record["artist"] or {}
        expected_discipline = DISCIPLINE_OF_ROLE[ROLE.search(text).group(1)]
        expected_title = TITLE.search(text).group(1)
        disciplines = artist.get("disciplines")
        titles = [work["title"] for work in record["works"]]
        if disciplines != [expected_discipline] or titles != [expected_title]:
            wrong.append((story_id, disciplines, titles))
    assert wrong == []
