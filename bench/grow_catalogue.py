"""Grow a catalogue N-fold by copying its rows in SQL, for benchmarks that need many records fast.

    manage.py shell -c "from bench.grow_catalogue import grow; print(grow(10))"

Every story, artist, work and exhibition is copied N-1 times with its
relations (cities, disciplines, the exhibition's artists and works); each copy
gets new ids and names and slugs ending in "-copyK", so the copies are new
records, not duplicates. Sends no signals and leaves the search indexes to the
database's triggers.
"""

from django.db import connection, transaction

from profiles.models import Artist, Exhibition, Story, Work

RECORDS = [Story, Artist, Work, Exhibition]
RELATIONS = [Artist.cities.through, Artist.disciplines.through, Exhibition.artists.through, Exhibition.works.through]
RENAMED = {(Story, "source_name"), (Story, "slug"), (Artist, "slug"), (Artist, "name"), (Work, "slug")}
RENAMED |= {(Exhibition, "slug")}


def _last_id(model):
    return model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _copy_statement(model, number, offsets, last_ids):
    quote = connection.ops.quote_name
    columns, values = [], []
    for field in model._meta.concrete_fields:
        column = quote(field.column)
        if field.primary_key:
            if model not in offsets:
                continue  # a relation row: a new id of its own
            value = f"{column} + {offsets[model] * number}"
        elif field.is_relation and field.related_model in offsets:
            value = f"{column} + {offsets[field.related_model] * number}"
        elif (model, field.name) in RENAMED:
            value = f"{column} || '-copy{number}x{offsets[model]}'"
        else:
            value = column
        columns.append(column)
        values.append(value)
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(values)} FROM {table} "
        f"WHERE {pk} <= {last_ids[model]}"
    )


def grow(factor):
    """Make the catalogue ``factor`` times as large; return the number of stories."""
    offsets = {model: _last_id(model) for model in RECORDS}
    last_ids = {model: _last_id(model) for model in RECORDS + RELATIONS}
    with transaction.atomic(), connection.cursor() as cursor:
        for number in range(1, factor):
            for model in RECORDS + RELATIONS:
                cursor.execute(_copy_statement(model, number, offsets, last_ids))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in RECORDS + RELATIONS:
                table = model._meta.db_table
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")
    return Story.objects.count()
