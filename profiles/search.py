"""Full-text search over the catalogue: indexed on both databases, never a ``LIKE '%q%'`` scan.

PostgreSQL: an expression GIN index on ``to_tsvector('simple', ...)`` per
document, queried with a prefix ``tsquery`` and ranked with ``ts_rank``.
SQLite: an FTS5 external-content table per document, kept in step by triggers
(so bulk inserts are indexed too), queried with prefix terms, ranked by bm25.

Both tokenise the same way (lower-cased words, accents kept, punctuation and
underscores split words) and both match every query word as a word prefix, so
"felt riv" finds "Felt Rivers" on either database.
"""

import re

from django.db import connections, router
from django.db.models import F, FloatField, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

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
        return SearchRank(_vector(model), query)
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
                statements = _sqlite_statements(table, columns)
                cursor.execute(statements["table"])
                cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table])
                existing = {row[0] for row in cursor.fetchall()}
                missing = [name for name in statements if name.endswith(("_ai", "_ad", "_au")) and name not in existing]
                for name in missing:
                    cursor.execute(statements[name])
                if missing:
                    cursor.execute(statements["rebuild"])


def uninstall(using_connection):
    with using_connection.cursor() as cursor:
        for table in DOCUMENTS:
            if using_connection.vendor == "postgresql":
                cursor.execute(f"DROP INDEX IF EXISTS {table}_search_idx")
            elif using_connection.vendor == "sqlite":
                for suffix in ("ai", "ad", "au"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{suffix}")
                cursor.execute(f"DROP TABLE IF EXISTS {table}_fts")
