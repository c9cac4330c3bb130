"""Exhibitions as shows shared between stories: ``Venue``, ``Showing`` and the show's identity and venue.

The existing rows are carried by migration 0012.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0010_merge_search_and_slug_counters"),
    ]

    operations = [
        migrations.AddField(
            model_name="exhibition",
            name="identity",
            field=models.CharField(
                blank=True,
                editable=False,
                help_text="What makes stories' showings this one show (importing.keys.show_identity).",
                max_length=255,
            ),
        ),
        migrations.AddField(
            model_name="historicalexhibition",
            name="identity",
            field=models.CharField(
                blank=True,
                editable=False,
                help_text="What makes stories' showings this one show (importing.keys.show_identity).",
                max_length=255,
            ),
        ),
        migrations.AlterField(
            model_name="exhibition",
            name="venue",
            field=models.CharField(
                blank=True, help_text="The venue's name as shown (searched as text).", max_length=300, null=True
            ),
        ),
        migrations.AlterField(
            model_name="historicalexhibition",
            name="venue",
            field=models.CharField(
                blank=True, help_text="The venue's name as shown (searched as text).", max_length=300, null=True
            ),
        ),
        migrations.CreateModel(
            name="Showing",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("import_key", models.CharField(max_length=255)),
                (
                    "venue",
                    models.CharField(
                        blank=True, help_text="The venue as this story names it.", max_length=300, null=True
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("solo", "Solo"), ("group", "Group"), ("unknown", "Not stated")],
                        default="unknown",
                        max_length=10,
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(blank=True, null=True)),
                ("evidence", models.JSONField(blank=True, default=dict)),
                ("confidence", models.FloatField(default=1.0)),
                (
                    "artist",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="showings", to="profiles.artist"
                    ),
                ),
                (
                    "exhibition",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="showings", to="profiles.exhibition"
                    ),
                ),
                (
                    "story",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="showings", to="profiles.story"
                    ),
                ),
            ],
            options={
                "ordering": ["story", "pk"],
            },
        ),
        migrations.CreateModel(
            name="Venue",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=300)),
                (
                    "name_key",
                    models.CharField(
                        editable=False,
                        help_text="The folded name: two stories' spellings of one venue match on it.",
                        max_length=300,
                    ),
                ),
                ("slug", models.SlugField(max_length=320, unique=True)),
                (
                    "city",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="venues",
                        to="profiles.city",
                    ),
                ),
            ],
            options={
                "ordering": ["name", "pk"],
            },
        ),
        migrations.AddField(
            model_name="exhibition",
            name="venue_record",
            field=models.ForeignKey(
                blank=True,
                help_text="The venue as a record; the show is shared by every story naming it.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="exhibitions",
                to="profiles.venue",
                verbose_name="venue page",
            ),
        ),
        migrations.AddField(
            model_name="historicalexhibition",
            name="venue_record",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The venue as a record; the show is shared by every story naming it.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="profiles.venue",
                verbose_name="venue page",
            ),
        ),
        migrations.AddIndex(
            model_name="exhibition",
            index=models.Index(fields=["venue_record", "-year", "title"], name="exhibition_venue_year_idx"),
        ),
        migrations.AddConstraint(
            model_name="exhibition",
            constraint=models.UniqueConstraint(
                condition=models.Q(("identity", ""), _negated=True),
                fields=("identity",),
                name="exhibition_unique_identity",
            ),
        ),
        migrations.AddIndex(
            model_name="showing",
            index=models.Index(fields=["exhibition", "artist"], name="showing_exhibition_artist_idx"),
        ),
        migrations.AddIndex(
            model_name="showing",
            index=models.Index(fields=["artist"], name="showing_artist_idx"),
        ),
        migrations.AddConstraint(
            model_name="showing",
            constraint=models.UniqueConstraint(
                fields=("story", "import_key"), name="showing_unique_import_key_per_story"
            ),
        ),
        migrations.AddConstraint(
            model_name="showing",
            constraint=models.CheckConstraint(
                condition=models.Q(("confidence__gte", 0), ("confidence__lte", 1)), name="showing_confidence_0_1"
            ),
        ),
        migrations.AddIndex(
            model_name="venue",
            index=models.Index(fields=["name"], name="venue_name_idx"),
        ),
        migrations.AddIndex(
            model_name="venue",
            index=models.Index(fields=["city", "name"], name="venue_city_name_idx"),
        ),
        migrations.AddConstraint(
            model_name="venue",
            constraint=models.UniqueConstraint(
                condition=models.Q(("city__isnull", False)),
                fields=("name_key", "city"),
                name="venue_unique_name_per_city",
            ),
        ),
        migrations.AddConstraint(
            model_name="venue",
            constraint=models.UniqueConstraint(
                condition=models.Q(("city__isnull", True)), fields=("name_key",), name="venue_unique_name_without_city"
            ),
        ),
    ]
