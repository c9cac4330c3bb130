"""Stage 3b: disciplines, only the artist's, in SCHEMA's vocabulary."""

from profiles.extraction.disciplines import find_disciplines


def _disciplines(analyse, text):
    result = analyse(text)
    return set(find_disciplines(result.story, result.mentions, result.lexicon, result.refs))


def test_relatives_practice_does_not_count(analyse):
    text = "Nurlan Osmon writes songs. His sister Aida, a painter, designed the cover. Nurlan released an album."
    assert _disciplines(analyse, text) == {"music"}


def test_teachers_descriptor_does_not_count(analyse):
    text = "Under her teacher, the felt-maker Gulmira Seitova, Aigerim Bek learned to take photographs."
    assert _disciplines(analyse, text) == {"photography"}


def test_schema_mappings(analyse):
    text = ("Timur Delgado works with oils and watercolours. His light installations and murals "
            "are famous, and he has composed music for film.")
    found = _disciplines(analyse, text)
    assert {"oil painting", "watercolor", "light art", "installation", "street art", "music"} <= found


def test_negated_and_crowd_practices_do_not_count(analyse):
    text = ("Rin Moore builds light installations. Rin insists they cannot dance. "
            "Tourists were photographing the lights all night.")
    assert _disciplines(analyse, text) == {"light art", "installation"}


def test_encouraged_but_refused_does_not_count(analyse):
    text = "Gulnara Meer studied architecture. Her father encouraged her to paint, but she found it dull."
    assert _disciplines(analyse, text) == {"architecture"}
