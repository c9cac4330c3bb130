"""Database-specific SQL: artist look-ups under advisory locks, slug allocation, bulk inserts.

SQLite runs each import transaction IMMEDIATE, so it already holds the write
lock; on PostgreSQL advisory locks on artist names, held until commit, keep two
imports from creating the same artist.
"""

from django.db import connections, models, router
from django.db.models import Value

from ..models import Artist, unique_slugs
from .keys import artist_lock_key


def existing_artist_id(name):
    """The oldest artist of that exact name, looked up inside the story's transaction.

    A plain SQL probe: every imported story makes one.
    """
    connection = connections[router.db_for_write(Artist)]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [artist_lock_key(name)])
        cursor.execute(
            f"SELECT {quote('id')} FROM {quote(Artist._meta.db_table)} WHERE {quote('name')} = %s "
            f"ORDER BY {quote('id')} LIMIT 1",
            [name],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def existing_artist_names(names):
    """Which of ``names`` the catalogue already has an artist for, checked inside the batch's transaction.

    On PostgreSQL the advisory locks are taken in one order by every importer,
    so two batches never wait on each other in a cycle.
    """
    if not names:
        return set()
    connection = connections[router.db_for_write(Artist)]
    if connection.vendor == "postgresql":
        keys = sorted({artist_lock_key(name) for name in names})
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(key)) FROM unnest(%s::text[]) AS key", [keys])
    return set(Artist.objects.filter(name__in=names).values_list("name", flat=True))


def allocate_slugs(model, rows, slug_texts):
    """Free slugs for new rows, with room left for a "-N" suffix."""
    if not rows:
        return
    max_length = model._meta.get_field("slug").max_length - 10
    for row, slug in zip(rows, unique_slugs(model, slug_texts, max_length=max_length), strict=True):
        row.slug = slug


def bulk_create_with_slugs(model, rows, slug_texts):
    allocate_slugs(model, rows, slug_texts)
    if rows:
        model.objects.bulk_create(rows)


def set_foreign_key(model, field_name, pairs):
    """Point ``field_name`` of many rows at their targets: [(row pk, target pk)], one prepared UPDATE.

    A single ``UPDATE ... CASE`` with a branch per row cost more to build than to run.
    """
    if not pairs:
        return
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    meta = model._meta
    column, pk = quote(meta.get_field(field_name).column), quote(meta.pk.column)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {quote(meta.db_table)} SET {column} = %s WHERE {pk} = %s", [(target, row) for row, target in pairs]
        )


def bulk_insert(model, rows):
    """``bulk_create`` for rows with large JSON documents (story records): on PostgreSQL, as a VALUES list.

    Django 5.2 inserts many rows on PostgreSQL as one ``UNNEST`` of arrays, and
    psycopg escapes every quote of a JSON document inside an array literal in
    Python, which is slow for documents the size of a story record. A JSON value
    given as an expression makes Django write a ``VALUES`` list instead (slower
    for rows whose JSON is small, which keep ``bulk_create``).
    """
    if not rows:
        return
    json_fields = [f for f in model._meta.concrete_fields if isinstance(f, models.JSONField)]
    if connections[router.db_for_write(model)].vendor != "postgresql" or not json_fields:
        model.objects.bulk_create(rows)
        return
    plain = [[getattr(row, f.attname) for f in json_fields] for row in rows]
    for row, values in zip(rows, plain, strict=True):
        for json_field, value in zip(json_fields, values, strict=True):
            setattr(row, json_field.attname, Value(value, output_field=json_field))
    try:
        model.objects.bulk_create(rows)
    finally:
        for row, values in zip(rows, plain, strict=True):
            for json_field, value in zip(json_fields, values, strict=True):
                setattr(row, json_field.attname, value)
