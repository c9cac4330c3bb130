"""Site-wide search: other names of cities, and trigram indexes (pg_trgm on PostgreSQL, FTS5 trigram on SQLite)."""

import django.db.models.deletion
from django.db import migrations, models


def install(apps, schema_editor):
    from profiles import search

    search.install_trigram_indexes(schema_editor.connection)
    City = apps.get_model("profiles", "City")
    CityName = apps.get_model("profiles", "CityName")
    rows = []
    for city in City.objects.exclude(geonames_id=None).iterator():
        own = search.fold(city.name)
        names = [name for name in search.gazetteer_names(city) if search.fold(name) != own]
        rows.extend(CityName(city=city, name=name[:200], source="gazetteer") for name in names)
    CityName.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


def uninstall(apps, schema_editor):
    from profiles import search

    search.uninstall_trigram_indexes(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0007_refold_import_keys"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.CreateModel(
            name="CityName",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=200)),
                (
                    "source",
                    models.CharField(
                        choices=[
                            ("gazetteer", "GeoNames alternate name"),
                            ("merge", "Name of a merged record"),
                            ("editor", "Added by an editor"),
                        ],
                        default="gazetteer",
                        max_length=10,
                    ),
                ),
                (
                    "city",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="other_names", to="profiles.city"
                    ),
                ),
            ],
            options={
                "ordering": ["name"],
                "constraints": [models.UniqueConstraint(fields=("city", "name"), name="cityname_unique_per_city")],
            },
        ),
        migrations.RunPython(install, uninstall, elidable=False),
    ]
