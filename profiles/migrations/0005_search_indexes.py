"""Full-text search indexes: GIN on PostgreSQL, FTS5 tables and triggers on SQLite (see profiles/search.py)."""

from django.db import migrations


def install(apps, schema_editor):
    from profiles import search

    search.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from profiles import search

    search.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("profiles", "0004_work_kind_values")]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
