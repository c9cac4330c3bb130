"""A trigram index for the tag suggestions on PostgreSQL (``profiles.accounts.suggest_tags``).

The suggestions match a prefix of any word of a tag's name: ``(' ' || lower(name)) LIKE '% prefix%'``.
pg_trgm answers that pattern from the index (the word's start is a trigram of its own), where the
plain column would be read in full. SQLite keeps its scan: nothing to do there.
"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public")
            cursor.execute(
                "CREATE INDEX IF NOT EXISTS taggit_tag_spaced_name_trgm_idx ON taggit_tag "
                "USING gin ((' ' || lower(name)) public.gin_trgm_ops)"
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS taggit_tag_spaced_name_trgm_idx")


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0010_merge_search_and_slug_counters"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
