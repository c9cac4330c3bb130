"""Round 6 of works: unquoted titles the capitalised runs cut short, and what follows a title.

A title in another language or in sentence case ("Kot w butach", "Les Heures creuses") has lowercase
words a capitalised run stops at; a capitalised number word ("Ten Thousand Lanterns") is a stop
word that ended the run before it.  Both are now proposed whole, as alternatives the learned layer
chooses among.
"""

from __future__ import annotations

from tests.helpers import extract_collecting


def _works(extractor, text):
    return extract_collecting(extractor, text)[1]["works"]


def _features(extractor, text, key):
    return next(c.features for c in _works(extractor, text) if c.key == key)


def test_a_title_in_another_language_is_proposed_whole(extractor):
    text = (
        "Wiktor Rozanski was a Polish illustrator. He drew posters for the theatre, and he also "
        "illustrated children's books, notably Kot w butach (1964). In 2019 his choreographer friend "
        "Marta Ruiz took Les Heures creuses, a three-hour performance, to Avignon."
    )
    keys = {c.key for c in _works(extractor, text)}
    assert "kot w butach" in keys
    assert "les heures creuses" in keys


def test_prose_after_a_name_is_not_carried_into_a_title(extractor):
    text = (
        "Xavier Ibanez is a Spanish sculptor who carves granite. A cast of El abrazo was sold at auction, "
        "and a granite cast was sold in Girona."
    )
    keys = {c.key for c in _works(extractor, text)}
    assert "el abrazo" in keys
    assert not any(k.startswith("el abrazo was") for k in keys)  # "was": an English stop word
    assert not any(k.startswith("spanish sculptor") for k in keys)  # a nationality is no title's head


def test_a_capitalised_number_word_opens_a_title(extractor):
    text = (
        "Chen Yiling is a media artist from Shanghai. Two works made her name: Rain Protocol, a projected "
        "storm, and Ten Thousand Lanterns, a generative animation that never repeats a frame."
    )
    keys = {c.key for c in _works(extractor, text)}
    assert "ten thousand lanterns" in keys


def test_the_appositive_past_a_bracket_is_a_feature(extractor):
    text = (
        "Ilse Vermeulen is a Belgian jeweller. Her collections include Kant (2019), neckpieces of "
        "pierced silver, which she showed in Antwerp."
    )
    features = _features(extractor, text, "kant")
    assert "pa1=," in features
    assert "pa2=neckpieces" in features


def test_a_label_line_before_the_artists_name_is_a_feature(extractor):
    text = (
        "Caldera, Morning\nIngrid Solheim-Vazquez\nSpanish-Norwegian, born 1960\nGelatin silver print, 2004\n\n"
        "Ingrid Solheim-Vazquez photographed the island's volcanic crater every morning for a year, and "
        "she printed the pictures herself in a darkroom in her kitchen."
    )
    features = _features(extractor, text, "caldera, morning")
    assert "before_name=True" in features


def test_what_a_title_is_said_to_be_is_a_feature(extractor):
    text = (
        "Ilse Brandstetter is an Austrian sculptor who works in lead and felt. Ghungroo is a solo performance "
        "with bells on her feet. Her teacher, Victoria Lang, was a retired set designer."
    )
    assert "pred=work" in _features(extractor, text, "ghungroo")


def test_a_noun_phrase_and_a_comma_before_a_title_is_a_feature(extractor):
    text = (
        'Anoush Petrosyan is an Armenian weaver from Gyumri. A new rug, "Container", woven from the memory '
        "of her grandmother's kitchen, is going to Venice."
    )
    assert "np_comma=True" in _features(extractor, text, "container")


def test_a_run_read_as_a_venue_for_the_city_at_its_end_is_proposed_as_a_title(extractor):
    text = (
        "Abena Osei-Bonsu is a Ghanaian fashion designer. Her collection Fante Queens, inspired by the royal "
        "regalia of the coastal chiefs, was shown at Lagos Fashion Week."
    )
    keys = {c.key for c in _works(extractor, text)}
    assert "fante queens" in keys
