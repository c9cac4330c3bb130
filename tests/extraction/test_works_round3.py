"""Round 3 of works and disciplines (issue #13): candidates and features the learned layer decides with.

The cases are classes of wording counted over the training sets: a title that opens its sentence with
an article, a title over a possessive, a title followed by its year in brackets or opening a list line,
a show's name followed by its venue; for disciplines, a material or an act that may name a practice.
"""

from __future__ import annotations

from tests.helpers import extract_collecting


def _candidates(extractor, text, field):
    record, candidates = extract_collecting(extractor, text)
    return record, candidates[field]


def _features(candidates, key):
    return next(c.features for c in candidates if c.key == key)


# -- title boundaries ------------------------------------------------------------------------------


def test_a_sentence_opening_article_is_offered_with_the_title(extractor):
    text = (
        "Nino Beridze is a sculptor from Tbilisi. The Iron Supra, a forged iron banqueting table with places "
        "for forty guests, was shown at the Tbilisi Biennial in 2019."
    )
    _, candidates = _candidates(extractor, text, "works")
    groups = {c.key: c.group for c in candidates}
    assert "the iron supra" in groups
    assert "iron supra" in groups
    assert groups["the iron supra"] == groups["iron supra"] >= 0  # alternatives: one at most is kept


def test_a_title_is_carried_over_a_possessive(extractor):
    text = (
        "Kalinda Brown is a printmaker from Darwin. Her linocut Mother's Fishing Place has become one of "
        "the most reproduced images of the Top End."
    )
    _, candidates = _candidates(extractor, text, "works")
    keys = {c.key for c in candidates}
    assert "mother's fishing place" in keys


# -- what tells a work from a show -----------------------------------------------------------------


def test_a_bracketed_year_and_a_list_line_are_features(extractor):
    text = (
        "Tariq al-Amin is a painter who lives in Hamburg.\n\n"
        "Selected works\n"
        "- Ya Halab (2014), ink on canvas\n"
        "- Wasserschrift (2021)\n\n"
        "Al-Amin teaches at the academy in Hamburg."
    )
    _, candidates = _candidates(extractor, text, "works")
    features = _features(candidates, "wasserschrift")
    assert "p2=<year>" in features
    assert "year_after=True" in features
    assert "line_start=True" in features


def test_a_venue_right_after_a_title_is_a_feature(extractor):
    text = (
        'Kojo Mensah is a painter from Accra. Solo exhibitions include "Tray Stories", Nubuke Foundation, Accra (2014).'
    )
    _, candidates = _candidates(extractor, text, "works")
    features = _features(candidates, "tray stories")
    assert "venue_after=True" in features
    assert "exh_earlier=True" in features


# -- disciplines: weak cues --------------------------------------------------------------------------


def test_a_weak_cue_is_offered_to_the_learned_layer_never_taken_by_the_rules(extractor):
    text = (
        "Rannva Joensen grew up in Torshavn. Today Rannva knits sculptures: enormous, loose shapes that hang "
        "from the ceiling of the harbour warehouse."
    )
    _, candidates = _candidates(extractor, text, "disciplines")
    textile = next(c for c in candidates if c.key == "textile art")
    assert not textile.rule
    assert "rule=weak" in textile.features
    extractor.decisions, saved = None, extractor.decisions
    try:
        rules_only = extractor.extract(text)
    finally:
        extractor.decisions = saved
    assert "textile art" not in ((rules_only.get("artist") or {}).get("disciplines") or [])


def test_a_capitalised_run_read_as_a_place_is_offered_as_a_title(extractor):
    text = (
        "Anders Olsen is a sculptor in Nuuk. Meltwater Choir came next: a ring of hanging ice blocks above "
        "tuned metal bowls, first installed in a solo show in Reykjavik."
    )
    _, candidates = _candidates(extractor, text, "works")
    assert any(c.key == "meltwater choir" for c in candidates)


def test_a_title_with_a_comma_is_offered_whole(extractor):
    text = (
        "Shirin Ahmadzadeh is a painter from Tabriz. Her installation Blue Tiles, Black Ink, a room of "
        "hand-painted ceramic tiles, was shown in Tehran."
    )
    _, candidates = _candidates(extractor, text, "works")
    groups = {c.key: c.group for c in candidates}
    assert "blue tiles, black ink" in groups
    assert groups["blue tiles, black ink"] == groups["blue tiles"] >= 0


def _rules_disciplines(extractor, text):
    extractor.decisions, saved = None, extractor.decisions
    try:
        record = extractor.extract(text)
    finally:
        extractor.decisions = saved
    return (record.get("artist") or {}).get("disciplines") or []


def test_a_practice_list_names_performance(extractor):
    text = (
        "Ines Acosta Valdivia (Valparaiso, 1983) is a Chilean artist working in installation, sculpture and "
        "performance. She lives in Santiago."
    )
    assert "performance art" in _rules_disciplines(extractor, text)


def test_a_medium_named_alone_is_oil_painting(extractor):
    text = (
        "Martina Ferrari Sosa is a painter from Rosario. Her river pictures are long horizontal canvases in thin, "
        "washed layers of oil, painted over five years."
    )
    assert "oil painting" in _rules_disciplines(extractor, text)


def test_carving_things_or_from_a_material_is_sculpture(extractor):
    text = (
        "Anders Olsen grew up in Nuuk, where everyone knew the boy who carved seals from the ice that washed up "
        "below the cathedral. He still lives there."
    )
    assert "sculpture" in _rules_disciplines(extractor, text)


def test_a_named_cloth_is_only_a_weak_cue(extractor):
    text = "Tavita Leiataua-Faleolo makes tapa cloth in a garage in the south of Auckland, with dyes of bark and clay."
    assert "textile art" not in _rules_disciplines(extractor, text)
    _, candidates = _candidates(extractor, text, "disciplines")
    assert any(c.key == "textile art" and not c.rule for c in candidates)


def test_whether_the_rules_took_a_discipline_is_a_feature(extractor):
    text = "Ramona Benitez was born in Itaugua. She learned at the loom from her mother at seven."
    _, candidates = _candidates(extractor, text, "disciplines")
    textile = next(c for c in candidates if c.key == "textile art")
    assert "rule=weak&ruled_any=False" in textile.features


def test_a_cue_in_someones_quoted_words_is_told_apart(extractor):
    text = (
        'Dilfuza al-Masri is a painter from Nukus. "Watercolour is for gardens," her teacher told her, and she '
        "took up oil painting."
    )
    _, candidates = _candidates(extractor, text, "disciplines")
    watercolor = next(c for c in candidates if c.key == "watercolor")
    assert not watercolor.rule
    assert "rej=quoted" in watercolor.features
