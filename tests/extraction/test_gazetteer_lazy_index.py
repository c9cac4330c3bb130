"""The gazetteer's index file is read a piece at a time (issue 14): a lookup reads the pieces it needs."""

import pytest

from profiles.extraction.gazetteer import CityRows, Gazetteer, NameTable, build_tables


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gazetteer")
    Gazetteer(index_dir=folder)  # builds the tables and stores them
    return folder


@pytest.fixture(scope="module")
def in_memory():
    return Gazetteer(index_dir=None)


def _read(table):
    pieces = table._buckets if isinstance(table, NameTable) else table._chunks
    return sum(piece is not None for piece in pieces), len(pieces)


def test_a_lookup_reads_only_the_pieces_it_needs(index_dir, in_memory):
    read = Gazetteer(index_dir=index_dir)
    assert isinstance(read._alias, NameTable)
    assert isinstance(read._rows, CityRows)
    assert _read(read._alias)[0] == _read(read._primary)[0] == _read(read._rows)[0] == 0
    for name in ("Bombay", "Madrid", "Hammamet", "Acropolis", "Saint Petersburg", "Nowhere-on-earth"):
        assert read.has_name(name.lower()) == in_memory.has_name(name.lower())
        assert read.lookup(name) == in_memory.lookup(name)
    for table in (read._primary, read._alias, read._rows):
        loaded, pieces = _read(table)
        assert 0 < loaded <= 12 < pieces


def test_the_whole_tables_answer_as_the_built_ones(index_dir, in_memory):
    read = Gazetteer(index_dir=index_dir)
    assert read.complete("sain", limit=50) == in_memory.complete("sain", limit=50)
    assert read.city(1526384) == in_memory.city(1526384)
    assert read.city(-1) is None
    built = build_tables(15000)
    assert read._primary == built["primary"]
    assert read._alias == built["alias"]
    assert read._rows == built["cities"]
    assert len(read._alias) == len(built["alias"])
    assert sorted(read._alias) == sorted(built["alias"])
    assert "nowhere-on-earth" not in read._alias
    assert read._alias.get(7) is None


def test_load_all_reads_every_piece_for_a_server_to_share(index_dir):
    read = Gazetteer(index_dir=index_dir).load_all()
    for table in (read._primary, read._alias, read._rows):
        loaded, pieces = _read(table)
        assert loaded == pieces


def test_names_that_cannot_be_encoded_are_looked_up_like_any_other(index_dir, in_memory):
    read = Gazetteer(index_dir=index_dir)
    for name in ("\udcff", "Par\udc80is", "\ud800"):
        assert read.has_name(name) is in_memory.has_name(name) is False
        assert read.lookup(name) == in_memory.lookup(name) == []
