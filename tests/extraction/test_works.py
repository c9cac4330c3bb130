"""Stage 3c: titled works and their kinds."""

from tests.helpers import extract_collecting


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


# -- titles without quote marks: what the decision layer is offered, and what it keeps -------------


def _proposed(extractor, text):
    """The works candidates of ``text``: {title key: group}, as the decision layer sees them."""
    _, candidates = extract_collecting(extractor, text)
    return {c.key: c.group for c in candidates["works"]}


WALL_LABEL = (
    "Dara Okonjo\n"
    "Nigerian, born Enugu, 1975\n"
    "\n"
    "Harbour at Dusk, 2019\n"
    "Oil on canvas\n"
    "Gift of the Friends of the Museum\n"
    "\n"
    "Okonjo paints the harbour of Lagos from memory. Harbour at Dusk was first shown at the Nike Art "
    "Gallery in Lagos, and she has painted the same quay every winter since, always from the water.\n"
)


def test_a_title_on_a_line_of_its_own_is_proposed_without_its_date(extractor):
    proposed = _proposed(extractor, WALL_LABEL)
    assert "harbour at dusk" in proposed
    assert "harbour at dusk, 2019" not in proposed
    assert "dara okonjo" not in proposed  # the artist's own line
    assert not [key for key in proposed if key and "born" in key]  # nor the line of their birth


def test_a_wall_label_keeps_its_title(extractor):
    assert [title for title, _ in _works(extractor.extract(WALL_LABEL))] == ["Harbour at Dusk"]


def test_a_line_and_its_part_before_a_comma_are_alternatives(extractor):
    text = WALL_LABEL.replace("Harbour at Dusk, 2019", "Polar Night, Late Afternoon, 2019")
    proposed = _proposed(extractor, text)
    assert proposed["polar night, late afternoon"] == proposed["polar night"] >= 0


def test_an_unquoted_title_goes_on_over_its_small_words(extractor):
    text = (
        "Mirela Vinogradova was born in Odesa and paints the market. "
        "Her canvas Privoz at Dawn shows the fish hall before the traders arrive. "
        "Her series Vesuvio con Panni Stesi hangs in Naples."
    )
    proposed = _proposed(extractor, text)
    assert "privoz at dawn" in proposed
    assert "vesuvio con panni stesi" in proposed
    assert proposed["privoz at dawn"] == proposed["privoz"] >= 0  # one of them at most


def test_a_capitalised_article_after_a_work_noun_opens_the_title(extractor):
    text = (
        "Aoife Ni Dhonnchadha is a filmmaker from Galway. Her film The Long Quay, which follows her "
        "father through the last year of his shop, was shown in Dublin."
    )
    proposed = _proposed(extractor, text)
    assert "the long quay" in proposed
    assert "long quay" not in proposed


def test_a_quote_named_a_motto_a_chant_or_a_nickname_is_no_work(extractor):
    text = (
        'Ilse Vardanyan paints harbours. Her studio motto, "Paint The Tide", hangs by the easel. '
        'Fishermen gave her the nickname "Salt Queen", and children sang the chant "Blue Boats Home" at her '
        'openings. Her best-known painting, "Winter Quay", hangs in Tallinn.'
    )
    assert [title for title, _ in _works(extractor.extract(text))] == ["Winter Quay"]


def _work_features(extractor, text, key):
    return next(c.features for c in extract_collecting(extractor, text)[1]["works"] if c.key == key)


def test_a_name_after_called_or_titled_says_what_it_names(extractor):
    """'a group of twelve jars called X' names a work; 'a restaurant called X', 'a solo show titled X' and
    'an uncle called X' do not; 'You called it X', 'Its working title is X' name what came before."""
    text = (
        "Tendai Moyo is a potter from Harare. In 2019 the National Gallery gave him a solo show titled "
        "Polder Light, built around a group of twelve jars called Mvura Yenyika. His sister opened a "
        "restaurant called Cocina de Humo, and he learned glazing from an uncle called Seu Damiao. "
        "A ring of white clay came next. You called it Nastaliq for Snow. Its working title is Umoya."
    )
    expected = {
        "mvura yenyika": "work",
        "polder light": "show",
        "cocina de humo": "thing",
        "seu damiao": "person",
        "nastaliq for snow": "pron",
        "umoya": "pron",
    }
    for key, head in expected.items():
        assert f"named={head}" in _work_features(extractor, text, key), key


def test_a_made_thing_before_a_capitalised_run_proposes_it_as_a_title(extractor):
    """'the twelve-panel screen Kurokami', 'the smaller weaving Wak'a': nouns of made things outside the
    work nouns the name stage reads open an unquoted title as a work noun does."""
    text = (
        "Haruto Kisaragi is a lacquer artist from Kanazawa. In 2004 the museum showed the twelve-panel "
        "screen Kurokami, and it is shown here alongside the smaller weaving Tsuki no Michi."
    )
    features = _work_features(extractor, text, "kurokami")
    assert "src=bare" in features
    assert "noun_before=work" in features
    assert "src=bare" in _work_features(extractor, text, "tsuki no michi")
