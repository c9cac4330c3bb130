"""Stage 3c: titled works and their kinds."""


def _works(record):
    return [(w["title"], w["kind"]) for w in record["works"]]


def test_titles_and_kinds(extractor):
    text = (
        'Nurlan Osmon makes music. His debut album, "Songs from the Pastures," was recorded in a week. '
        "Its most loved track, *Karakol Rain*, became a hit. Nurlan also wrote a book of poems, "
        '"Winter Bread".'
    )
    assert _works(extractor.extract(text)) == [
        ("Songs from the Pastures", "album"),
        ("Karakol Rain", "song"),
        ("Winter Bread", "book"),
    ]


def test_appositive_decides_the_kind(extractor):
    text = 'Aigerim Bek weaves felt. She made "Seven Winters", a series of seven felt panels.'
    assert _works(extractor.extract(text)) == [("Seven Winters", "series")]


def test_speech_critics_words_and_exhibition_names_are_not_works(extractor):
    text = (
        'Paris Osei prints. "Every print is a door," she says. A critic called her work "a quiet storm". '
        'The gallery included her prints in a group exhibition called "Surfaces".'
    )
    assert _works(extractor.extract(text)) == []
