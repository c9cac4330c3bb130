"""The gazetteer: canonical names, alternate names, disambiguation."""

import pytest

from profiles.extraction.gazetteer import (
    Gazetteer,
    NameTable,
    build_tables,
    default_gazetteer,
    index_key,
    load_index,
)


@pytest.fixture(scope="module")
def gazetteer():
    return default_gazetteer()


@pytest.mark.parametrize(
    ("alias", "name", "country"),
    [
        ("Ulaanbaatar", "Ulan Bator", "MN"),
        ("Khorog", "Khorugh", "TJ"),
        ("Rishtan", "Rishton", "UZ"),
        ("Bombay", "Mumbai", "IN"),
    ],
)
def test_alternate_names_lead_to_the_geonames_name(gazetteer, alias, name, country):
    city = gazetteer.choose(gazetteer.lookup(alias))
    assert (city.name, city.country) == (name, country)


def test_noisy_alternate_names_are_not_cities(gazetteer):
    assert gazetteer.lookup("Acropolis") == []


def test_country_named_beside_the_city_decides(gazetteer):
    matches = gazetteer.lookup("Hammamet")
    assert {m.city.country for m in matches} >= {"TN", "DZ"}
    assert gazetteer.choose(matches, country="DZ").country == "DZ"
    assert gazetteer.choose(matches, story_countries={"TN": 2}).country == "TN"


def test_small_namesake_never_beats_a_great_city(gazetteer):
    assert gazetteer.choose(gazetteer.lookup("Madrid"), story_countries={"CO": 3}).country == "ES"


def test_city_records_carry_coordinates_and_country_name(gazetteer):
    city = gazetteer.choose(gazetteer.lookup("Almaty"))
    assert city.country_name == "Kazakhstan"
    assert 43 < city.latitude < 44
    assert city.geonameid > 0


def test_countries_and_regions(gazetteer):
    assert gazetteer.country_code("the Philippines") == "PH"
    assert gazetteer.country_code("Armenia") == "AM"
    assert gazetteer.is_region("Central Asia")


# -- the index file ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built_tables():
    return build_tables(15000)


def test_index_file_reads_back_what_was_built(tmp_path, built_tables, gazetteer):
    stored = Gazetteer(index_dir=tmp_path)  # builds the tables and stores them
    (index,) = tmp_path.glob("cities15000-*.index")
    assert load_index(15000, tmp_path) == built_tables  # read back from the file, the same tables
    read = Gazetteer(index_dir=tmp_path)
    for name in ("Bombay", "Madrid", "Hammamet", "Ulaanbaatar", "Acropolis", "Saint Petersburg"):
        assert read.lookup(name) == stored.lookup(name) == gazetteer.lookup(name)
    assert read.city(1526384) == gazetteer.city(1526384)
    assert read.city(1526384).name == "Almaty"
    assert index.stat().st_mtime_ns == next(tmp_path.glob("cities15000-*.index")).stat().st_mtime_ns


def test_damaged_or_stale_index_is_built_again(tmp_path, built_tables):
    path = tmp_path / f"{index_key(15000)}.index"
    path.write_bytes(b"\x00not an index")
    stale = tmp_path / "cities15000-0000.marshal"  # (an older format's file)
    stale.write_bytes(b"")
    assert load_index(15000, tmp_path) == built_tables
    assert isinstance(load_index(15000, tmp_path)["alias"], NameTable)  # read from the file built again
    assert load_index(15000, tmp_path) == built_tables
    assert not stale.exists()
    path.write_bytes(path.read_bytes()[:-1])  # cut short
    assert load_index(15000, tmp_path) == built_tables
    assert isinstance(load_index(15000, tmp_path)["alias"], NameTable)


def test_index_that_cannot_be_stored_is_built_in_memory(tmp_path, built_tables, caplog):
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    assert load_index(15000, blocked / "gazetteer") == built_tables
    assert "gazetteer index not stored" in caplog.text


def test_records_from_the_index_file_are_the_records_built_in_memory(extractor, built_tables, monkeypatch):
    """Every labelled story and seed extracts to the same bytes whether the tables came from the file or not."""
    import json
    from pathlib import Path

    from profiles.extraction import StoryExtractor, gazetteer

    monkeypatch.setattr(gazetteer, "build_tables", lambda min_population: built_tables)
    in_memory = StoryExtractor(gazetteer=Gazetteer(index_dir=None), lexicon=extractor.lexicon)
    root = Path(__file__).resolve().parents[2]
    paths = sorted(root.glob("tests/stories/*/stories/*.txt")) + sorted(root.glob("seeds/*.txt"))
    assert len(paths) > 500
    for path in paths:
        text = path.read_text(encoding="utf-8")
        expected = json.dumps(in_memory.extract(text, source=path.name), sort_keys=True)
        assert json.dumps(extractor.extract(text, source=path.name), sort_keys=True) == expected, path


# -- apostrophe-like letters, namesakes, other spellings ------------------------------------------


@pytest.fixture(scope="module")
def gaz():
    from profiles.extraction.gazetteer import default_gazetteer

    return default_gazetteer()


@pytest.mark.parametrize("letter", ["\u02bb", "\u2018", "\u2019", "'", "`", "\u02bc", "\u02bf"])
def test_every_apostrophe_like_letter_finds_the_city(gaz, letter):
    from profiles.extraction.textutil import fold

    found = gaz.lookup(f"Nuku{letter}alofa")
    assert [(m.city.country, m.via_alias) for m in found] == [("TO", False)]
    assert gaz.has_name(fold(f"Nuku{letter}alofa"))  # (the mention finder's pre-check, on the folded name)


def test_completion_reads_the_okina_as_an_apostrophe(gaz):
    assert any(city.country == "TO" for city, _ in gaz.complete("Nuku\u02bbal"))


def test_a_namesake_is_not_measured_against_a_foreign_alternate_name(gaz):
    """Belém is "Bethlehem" in some language: the Bethlehem of a story about Palestine is still offered."""
    city = gaz.choose(gaz.lookup("Bethlehem"), story_countries={"PS": 1, "CL": 1})
    assert city.country == "PS"


def test_the_namesake_of_the_country_the_story_names_most(gaz):
    city = gaz.choose(gaz.lookup("Salto"), story_countries={"UY": 4, "BR": 1, "AR": 2})
    assert city.country == "UY"


def test_a_transliteration_with_the_same_consonants_is_the_city(gaz):
    """Heraklion and Irákleion: the vowels move, the consonants stay; a city under a million people."""
    assert [(m.city.name, m.city.country) for m in gaz.lookup("Heraklion")] == [("Irákleion", "GR")]


def test_one_half_of_a_two_part_name_is_the_citys_own_name():
    from profiles.extraction.gazetteer import default_gazetteer

    found = default_gazetteer().lookup("San Sebastián")
    assert ("ES", False) in [(m.city.country, m.via_alias) for m in found]


@pytest.mark.parametrize(
    ("other", "name", "country"),
    [
        ("Salonica", "Thessaloníki", "GR"),
        ("Leninakan", "Gyumri", "AM"),
        ("Karl-Marx-Stadt", "Chemnitz", "DE"),
        ("Lwów", "Lviv", "UA"),
        ("Gaillimh", "Galway", "IE"),
    ],
)
def test_a_name_the_geonames_tables_lack_is_todays_city(gazetteer, other, name, country):
    """data/places.json "other_city_names": a former or other-language name read as the city's own."""
    assert gazetteer.has_name(other.lower().replace("ó", "o"))
    city = gazetteer.choose(gazetteer.lookup(other))
    assert (city.name, city.country) == (name, country)


def test_a_name_also_another_citys_is_one_more_reading(gazetteer):
    """ "Odessa" is Odesa and the Texan town; a story that names the United States keeps the Texan one."""
    found = gazetteer.lookup("Odessa")
    assert {(m.city.country, m.via_alias) for m in found} >= {("US", False), ("UA", False)}
    assert gazetteer.choose(found).country == "UA"
    assert gazetteer.choose(found, story_countries={"US": 3, "MX": 1}).country == "US"
