"""Pages whose work does not grow with the catalogue.

CityCount and the triggers that keep it (profiles/city_counts.py), filled from
the existing rows; indexes that let a city page and the related artists read
only the rows they show: (shared thing, artist) on the through tables whose
unique index Django orders the other way, (artist, shared thing).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


THROUGH_INDEXES = [
    # (index, table, columns)
    ("artist_cities_city_artist_idx", "profiles_artist_cities", "city_id, artist_id"),
    ("artist_disciplines_discipline_artist_idx", "profiles_artist_disciplines", "discipline_id, artist_id"),
]


def install_counts(apps, schema_editor):
    from profiles import city_counts

    city_counts.install(schema_editor.connection)


def uninstall_counts(apps, schema_editor):
    from profiles import city_counts

    city_counts.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("profiles", "0013_merge_shared_exhibitions_and_tag_index"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CityCount",
            fields=[
                (
                    "city",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="profiles.city",
                    ),
                ),
                ("artists", models.IntegerField(default=0, help_text="Artists whose stories name the city.")),
                ("born", models.IntegerField(default=0, help_text="Artists born there.")),
                ("exhibitions", models.IntegerField(default=0, help_text="Exhibitions held there.")),
                ("venues", models.IntegerField(default=0, help_text="Venues there.")),
            ],
        ),
        migrations.RemoveIndex(
            model_name="artist",
            name="artist_birth_city_idx",
        ),
        migrations.AddIndex(
            model_name="artist",
            index=models.Index(fields=["birth_city", "name"], name="artist_birth_city_name_idx"),
        ),
        migrations.AddIndex(
            model_name="exhibition",
            index=models.Index(fields=["city", "-year", "title"], name="exhibition_city_year_idx"),
        ),
        migrations.AddIndex(
            model_name="taggeditem",
            index=models.Index(fields=["tag", "content_type", "-object_id"], name="taggeditem_tag_object_idx"),
        ),
        migrations.RunSQL(
            [f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})" for name, table, columns in THROUGH_INDEXES],
            [f"DROP INDEX IF EXISTS {name}" for name, _, _ in THROUGH_INDEXES],
            elidable=False,
        ),
        migrations.RunPython(install_counts, uninstall_counts, elidable=False),
    ]
