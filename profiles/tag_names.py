"""Tag names compare case-insensitively in every script, on every database.

django-taggit (with ``TAGGIT_CASE_INSENSITIVE``) finds an existing tag with
``name__iexact``. PostgreSQL's ``UPPER()`` folds every script, but SQLite's
``LIKE`` folds ASCII only, so "café" and "CAFÉ" became two tags there. On
SQLite the tag name's ``iexact`` lookup instead compares both sides through
Python's ``str.casefold``, registered on each new connection. The tag table
is small, so comparing through a function (no index) costs nothing visible.
"""

from django.db.models.lookups import IExact

SQLITE_FUNCTION = "catalogue_casefold"


def casefold(value):
    return value.casefold() if isinstance(value, str) else value


class UnicodeIExact(IExact):
    """``iexact`` that folds every script on SQLite; the database's own elsewhere."""

    def as_sqlite(self, compiler, connection):
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        # IExact.process_rhs escapes LIKE wildcards; this compares with "=", so take the value as it is.
        rhs_sql, rhs_params = super(IExact, self).process_rhs(compiler, connection)
        return f"{SQLITE_FUNCTION}({lhs_sql}) = {SQLITE_FUNCTION}({rhs_sql})", (*lhs_params, *rhs_params)


def register_sqlite_function(sender, connection, **kwargs):
    """connection_created: give each SQLite connection the folding function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 1, casefold, deterministic=True)


def install():
    from django.db.backends.signals import connection_created
    from taggit.models import Tag

    Tag._meta.get_field("name").register_lookup(UnicodeIExact, lookup_name="iexact")
    connection_created.connect(register_sqlite_function, dispatch_uid="catalogue-sqlite-casefold")
