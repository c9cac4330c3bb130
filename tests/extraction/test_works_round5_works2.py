"""Round 5 of works (issue #13): numbered titles stay whole, shows' names stay out.

A "No." before a number is an abbreviation, not the end of a sentence, so "Allotment No. 7" is one
title, not a sentence ending in "No." and another starting with "7".
"""

from __future__ import annotations

from tests.helpers import extract_collecting


def test_a_numbering_abbreviation_before_a_number_ends_no_sentence(analyse):
    text = "She painted Allotment No. 7 in 2019. Then she said no. She paints again.\n\nNo. 4 opens."
    story = analyse(text).story
    sentences = [text[s.start : s.end] for s in story.sentences]
    assert sentences == [
        "She painted Allotment No. 7 in 2019.",
        "Then she said no.",
        "She paints again.",
        "No. 4 opens.",
    ]


def test_a_numbered_title_is_proposed_whole(extractor):
    text = (
        "Maren Holt is a painter from Bergen. Her quiet canvas Window No. 9 shows a kitchen at dusk, "
        "and she hung it in her studio."
    )
    keys = {c.key for c in extract_collecting(extractor, text)[1]["works"]}
    assert "window no. 9" in keys or "window no 9" in keys


def _features(extractor, text, key):
    candidates = extract_collecting(extractor, text)[1]["works"]
    return next(c.features for c in candidates if c.key == key)


def test_the_first_noun_of_the_clause_says_whose_name_a_quote_is(extractor):
    text = (
        'Maren Holt is a painter from Bergen. A retrospective of her smaller works, "Azul", was held in Oslo, '
        'and her painting "Harbour Light" hangs in the town hall.'
    )
    assert "head=exh" in _features(extractor, text, "azul")
    assert "head=work" in _features(extractor, text, "harbour light")


def test_a_noun_phrase_right_before_a_capitalised_run_is_a_feature(extractor):
    text = "Maren Holt is a singer from Bergen. In 2016 she made the disc Kalemba, and she sang it in Oslo."
    assert "np_b1=True" in _features(extractor, text, "kalemba")
