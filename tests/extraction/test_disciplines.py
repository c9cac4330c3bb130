"""Stage 3b: disciplines, only the artist's, in the record's closed vocabulary."""

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
    text = (
        "Timur Delgado works with oils and watercolours. His light installations and murals "
        "are famous, and he has composed music for film."
    )
    found = _disciplines(analyse, text)
    assert {"oil painting", "watercolor", "light art", "installation", "street art", "music"} <= found


def test_negated_and_crowd_practices_do_not_count(analyse):
    text = (
        "Rin Moore builds light installations. Rin insists they cannot dance. "
        "Tourists were photographing the lights all night."
    )
    assert _disciplines(analyse, text) == {"light art", "installation"}


def test_encouraged_but_refused_does_not_count(analyse):
    text = "Gulnara Meer studied architecture. Her father encouraged her to paint, but she found it dull."
    assert _disciplines(analyse, text) == {"architecture"}


def test_possessive_cue_owned_by_a_relative_does_not_count(analyse):
    text = "Lena Ortiz is a sculptor. Her father taught music at the village school, and she carved wood."
    assert _disciplines(analyse, text) == {"sculpture"}


def test_objects_and_materials_are_not_practices(analyse):
    text = (
        "Pavel Dorn is a sculptor. He welds gates from the broken frame of an old printing press, and "
        "he likes the long painted barges on the canal. Photographs of it went round the world, "
        "and his gates began to draw collectors."
    )
    assert _disciplines(analyse, text) == {"sculpture"}


def test_declined_offer_is_not_practice(analyse):
    text = (
        "Sari Holm is a photographer. A bank offered her a fee for a bronze sculpture for its lobby, "
        "but she turned it down."
    )
    assert _disciplines(analyse, text) == {"photography"}


def test_documentary_photography_is_not_film(analyse):
    text = "Ivo Marek is a photographer. A museum asked him to join a survey of documentary photography."
    assert _disciplines(analyse, text) == {"photography"}


def test_giving_performances_is_performance_art(analyse):
    text = (
        "Noor Vale is an installation artist. On the opening night she gave a performance inside "
        "her installation. Her performances are slow and silent."
    )
    assert "performance art" in _disciplines(analyse, text)


def test_concert_performances_are_not_performance_art(analyse):
    text = "Jon Arce is a singer. His concert performances with the band sold out."
    assert "performance art" not in _disciplines(analyse, text)


def test_carving_figures_is_sculpture_carving_blocks_is_not(analyse):
    carver = "Yaw Ampofo works in a shed in Kumasi. He has carved figures from mahogany for twenty years."
    assert _disciplines(analyse, carver) == {"sculpture"}
    printmaker = "Milica Hart makes prints. She carves her images into blocks of cherry wood."
    assert "sculpture" not in _disciplines(analyse, printmaker)


def test_runway_and_fashion_week_are_fashion_design(analyse):
    text = "At Accra Fashion Week the designer Efua Boateng closed the show. Efua sent twelve looks down the runway."
    assert "fashion design" in _disciplines(analyse, text)


def test_a_paintings_composition_is_not_music(analyse):
    text = (
        "Vera Roth painted in oils in Kyiv. This composition, in which a red wedge cuts a black field, "
        "is her best known painting."
    )
    assert "music" not in _disciplines(analyse, text)


def test_photographs_of_the_piece_or_to_work_from_are_not_photography(analyse):
    text = (
        "Isabela Cartagena builds sculptures of salt. Photographs of the piece went round the world, "
        "and Isabela refuses to work from photographs."
    )
    assert _disciplines(analyse, text) == {"sculpture"}


def test_a_surface_painted_white_is_not_painting(analyse):
    text = "Signe Mortensen takes photographs in a greenhouse whose glass is painted white from the inside."
    assert _disciplines(analyse, text) == {"photography"}


def test_a_work_noun_before_its_title_is_the_artist_s_not_a_person_s(analyse):
    # The capitalised words after "installation" are the work's title, not a person it describes.
    text = (
        "Ana Luisa Quispe lives in Cusco. She weaves alpaca. Her installation Hilos de Agua fills a room. "
        "She is proud of it."
    )
    assert "installation" in _disciplines(analyse, text)
    text = (
        "Ingrid Solheim lives in Oslo, where she was born. Her best-known piece, a forty-jar installation "
        "called Tidevann, stands in a library. She is ninety."
    )
    assert "installation" in _disciplines(analyse, text)


def test_a_descriptor_before_a_name_still_describes_that_person(analyse):
    text = "Under her teacher, the woodcut artist Agus Santoso, Dewi Lestari learned to take photographs."
    assert _disciplines(analyse, text) == {"photography"}


def test_painting_said_of_murals_and_walls_is_a_feature(extractor):
    from tests.helpers import extract_collecting

    text = (
        "Valentina Ocampo was born in Medellín, where she still lives. "
        "She painted eleven of the murals on the stairs of Comuna 13. "
        "The wall on Calle 60 took eleven days. She painted it in the rainy season."
    )
    _, candidates = extract_collecting(extractor, text)
    found = next(c for c in candidates["disciplines"] if c.key == "painting")
    assert "surf=painting|all" in found.features
    assert "surf=painting|all&pair=street art" in found.features
    text = (
        "Valentina Ocampo was born in Medellín, where she still lives. "
        "She painted eleven of the murals on the stairs of Comuna 13. "
        "In her studio she paints small canvases of her mother's kitchen."
    )
    _, candidates = extract_collecting(extractor, text)
    found = next(c for c in candidates["disciplines"] if c.key == "painting")
    assert "surf=painting|some" in found.features


def test_a_performance_named_as_a_work_is_performance_art(analyse):
    for text in (
        "Zhanna Abenova lives in Almaty, where she was born. Her best work is a performance in which she recites "
        "her grandmother's letters, was shown in Bishkek. She is forty.",
        "Rumi Haque lives in Dhaka, where they were born. Their next work was a performance, *Salt Tongue*, in which "
        "they lay for six hours on a bed of salt. They are thirty.",
        "Toomas Kivirähk lives in Tartu. The composer and performer Toomas Kivirähk brings his Bog Choir to Tallinn.",
        "Fatima Bennani lives in Rabat, where she was born. She works with fishing nets and with long-duration "
        "performance. She is fifty.",
    ):
        assert "performance art" in _disciplines(analyse, text), text


def test_a_practice_of_textiles_and_one_s_own_loom_are_textile_art(analyse):
    text = "Anujin Batbayar lives in Lisbon, where she was born. She holds an MA in textile practice. She is thirty."
    assert "textile art" in _disciplines(analyse, text)
    text = "Bianca Oduya lives in Nairobi, where she was born. She wove the cotton on her own loom. She is thirty."
    assert "textile art" in _disciplines(analyse, text)


def test_hangings_are_a_weak_cue_of_textile_art(extractor):
    from tests.helpers import extract_collecting

    text = "Risten Somby lives in Kautokeino, where she was born. Her great hangings trace the herds' roads."
    _, candidates = extract_collecting(extractor, text)
    found = next(c for c in candidates["disciplines"] if c.key == "textile art")
    assert "rule=weak" in found.features


def test_oil_painting_kept_brings_painting(extractor):
    # A catalogue label's "Oil on linen": the record's oil painting is a painting too (docs/record-format.md).
    text = (
        "Gustavo Díaz\nArgentine, born 1971 in Mendoza; lives and works in Buenos Aires\n\n"
        "Los que se fueron, 2018\nOil on linen, nine panels\n\n"
        "This work imagines the nine siblings his grandfather left behind. "
        "The artist worked from memory and from archives in Dublin."
    )
    disciplines = extractor.extract(text)["artist"]["disciplines"]
    assert {"oil painting", "painting"} <= set(disciplines)
