"""The triggers that keep ``CityCount`` right: one place for every writer.

Imports write links with multi-row INSERTs, the admin and merges through the
ORM, deletes through Django's collector or a cascade: a count kept in Python
would need every one of them to remember it, and a bulk path that forgot would
drift silently. Triggers in the database see every write, in the writer's own
transaction.

Four sources are counted, each by its city column (``_sources()``): the links
of ``Artist.cities`` into ``CityCount.artists``, ``Artist.birth_city`` into
``born``, exhibitions and venues held in the city into ``exhibitions`` and
``venues``.

A write that adds to a city upserts its row; one that takes away only updates
an existing row, so deleting a city (whose ``CityCount`` row the collector may
delete before the links) never re-creates a row for a city that is going away.

SQLite has only row triggers. PostgreSQL gets statement triggers with
transition tables, so a bulk insert of many links updates each city once, in
city order (which keeps two concurrent writers from taking the same rows'
locks in opposite orders within a statement).

On SQLite a migration that rebuilds a table drops its triggers: ``install()``
runs after every migrate, puts missing triggers back and then recounts, since
writes in between went uncounted.
"""

from django.db import connection, transaction

COUNTS = "profiles_citycount"


def _sources():
    from .models import Artist, Exhibition, Venue

    return [
        # (table, city column, count column)
        (Artist.cities.through._meta.db_table, "city_id", "artists"),
        (Artist._meta.db_table, "birth_city_id", "born"),
        (Exhibition._meta.db_table, "city_id", "exhibitions"),
        (Venue._meta.db_table, "city_id", "venues"),
    ]


COLUMNS = ("artists", "born", "exhibitions", "venues")


def _name(table, suffix):
    return f"citycount_{table}_{suffix}"


def _sqlite_triggers(table, city, column):
    add = (
        f"INSERT INTO {COUNTS} (city_id, {', '.join(COLUMNS)}) "
        f"VALUES (new.{city}, {', '.join('1' if name == column else '0' for name in COLUMNS)}) "
        f"ON CONFLICT (city_id) DO UPDATE SET {column} = {COUNTS}.{column} + 1;"
    )
    remove = f"UPDATE {COUNTS} SET {column} = {column} - 1 WHERE city_id = old.{city};"
    changed = f"old.{city} IS NOT new.{city}"
    return {
        _name(table, "ai"): f"CREATE TRIGGER {{name}} AFTER INSERT ON {table} WHEN new.{city} IS NOT NULL "
        f"BEGIN {add} END",
        _name(table, "ad"): f"CREATE TRIGGER {{name}} AFTER DELETE ON {table} WHEN old.{city} IS NOT NULL "
        f"BEGIN {remove} END",
        _name(table, "au_old"): f"CREATE TRIGGER {{name}} AFTER UPDATE OF {city} ON {table} "
        f"WHEN {changed} AND old.{city} IS NOT NULL BEGIN {remove} END",
        _name(table, "au_new"): f"CREATE TRIGGER {{name}} AFTER UPDATE OF {city} ON {table} "
        f"WHEN {changed} AND new.{city} IS NOT NULL BEGIN {add} END",
    }


def _postgres_triggers(table, city, column):
    """One statement trigger per operation; each sums its rows' changes per city, then applies them."""
    deltas = {
        "INSERT": f"SELECT {city} AS city_id, 1 AS d FROM new_rows",
        "DELETE": f"SELECT {city} AS city_id, -1 AS d FROM old_rows",
        "UPDATE": (
            f"SELECT n.{city} AS city_id, 1 AS d FROM new_rows n JOIN old_rows o ON o.id = n.id "
            f"WHERE n.{city} IS DISTINCT FROM o.{city} "
            f"UNION ALL SELECT o.{city}, -1 FROM new_rows n JOIN old_rows o ON o.id = n.id "
            f"WHERE n.{city} IS DISTINCT FROM o.{city}"
        ),
    }
    values = ", ".join("d.n" if name == column else "0" for name in COLUMNS)
    statements = {}
    for operation, rows in deltas.items():
        name = _name(table, operation.lower())
        body = (
            f"WITH d AS (SELECT city_id, SUM(d) AS n FROM ({rows}) x WHERE city_id IS NOT NULL GROUP BY city_id), "
            f"taken AS (UPDATE {COUNTS} c SET {column} = c.{column} + d.n FROM d "
            f"WHERE d.n < 0 AND c.city_id = d.city_id) "
            f"INSERT INTO {COUNTS} AS c (city_id, {', '.join(COLUMNS)}) SELECT d.city_id, {values} FROM d "
            f"WHERE d.n > 0 ORDER BY d.city_id "
            f"ON CONFLICT (city_id) DO UPDATE SET {column} = c.{column} + excluded.{column};"
        )
        transitions = {
            "INSERT": "NEW TABLE AS new_rows",
            "DELETE": "OLD TABLE AS old_rows",
            "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        }[operation]
        statements[name] = [
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN {body} RETURN NULL; END $$",
            f"CREATE OR REPLACE TRIGGER {name} AFTER {operation} ON {table} REFERENCING {transitions} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
        ]
    return statements


def _existing(cursor, vendor):
    if vendor == "postgresql":
        cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE 'citycount\\_%'")
    else:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'citycount\\_%' ESCAPE '\\'"
        )
    return {row[0] for row in cursor.fetchall()}


def install(connection):
    """Create the missing triggers; when any was missing, recount every city (idempotent)."""
    if connection.vendor not in ("postgresql", "sqlite"):
        raise NotImplementedError(f"city counts need triggers written for {connection.vendor}")
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        existing = _existing(cursor, connection.vendor)
        missing = 0
        for table, city, column in _sources():
            if connection.vendor == "postgresql":
                triggers = _postgres_triggers(table, city, column)
            else:
                triggers = _sqlite_triggers(table, city, column)
            for name, statements in triggers.items():
                if name in existing:
                    continue
                missing += 1
                for statement in [statements] if isinstance(statements, str) else statements:
                    cursor.execute(statement.replace("{name}", name))
        if missing:
            recount(cursor)


def uninstall(connection):
    with connection.cursor() as cursor:
        for name in _existing(cursor, connection.vendor):
            if connection.vendor == "postgresql":
                table = next(table for table, _, _ in _sources() if name.startswith(_name(table, "")))
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
                cursor.execute(f"DROP FUNCTION IF EXISTS {name}()")
            else:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def recount(cursor):
    """Every city's counts from the rows themselves (a migration's or a repair's one full pass)."""
    counted = {column: (table, city) for table, city, column in _sources()}
    counts = ", ".join(
        f"(SELECT COUNT(*) FROM {table} r WHERE r.{city} = c.id)" for table, city in (counted[c] for c in COLUMNS)
    )
    cursor.execute(f"DELETE FROM {COUNTS}")
    cursor.execute(f"INSERT INTO {COUNTS} (city_id, {', '.join(COLUMNS)}) SELECT c.id, {counts} FROM profiles_city c")


def lock(city_ids):
    """Take the count rows of ``city_ids`` now, in city order, for the rest of the transaction (PostgreSQL).

    A batch writes artists, then their links, then shows: each statement's
    trigger updates its cities in order, but the same city's row is taken by
    several statements, so two concurrent batches could each hold a row the
    other's next statement wants (a deadlock PostgreSQL breaks by aborting one).
    Taken all at once, in one order, at the start, they cannot. SQLite has one
    writer at a time and needs nothing.
    """
    if connection.vendor != "postgresql":
        return
    ids = sorted(set(city_ids))
    if not ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {COUNTS} (city_id, {', '.join(COLUMNS)}) "
            f"SELECT id, {', '.join('0' for _ in COLUMNS)} FROM unnest(%s::bigint[]) AS id ORDER BY id "
            f"ON CONFLICT (city_id) DO UPDATE SET artists = {COUNTS}.artists",
            [ids],
        )
