"""Exhibitions become shows shared between stories; venues become records.

Schema: ``Venue``, ``Showing`` (one story's telling of a show), and the show's
``identity`` and ``venue_record``. Data (``share_exhibitions``): each existing
exhibition gets the identity the importer now gives it (``keys.show_identity``);
exhibitions of different artists at the same venue in the same city are merged
into the oldest (the duplicates' addresses answer 301 to it); every story's
telling of a show, read from its stored record, becomes a ``Showing``; venue
text becomes ``Venue`` rows; an artist's own show (no venue) gets the artist's
name in its title unless an editor set the title. Editors' deletions hold: a
telling under a tombstoned key joins no show. The key functions are frozen
here, as a migration's code must be.
"""

import hashlib
import unicodedata
from collections import defaultdict

from django.db import migrations, models
import django.db.models.deletion

KEY_LENGTH = 255
OWN_SHOW_LABEL = " of work by "


def fold(text):
    from profiles.extraction.textutil import fold as one_fold

    return one_fold(text if isinstance(text, str) else str(text or ""))


def bounded(key):
    if len(key) <= KEY_LENGTH:
        return key
    return f"{key[: KEY_LENGTH - 17]}#{hashlib.sha256(key.encode()).hexdigest()[:16]}"


def record_exhibitions(record):
    """[(key, entry)] for the exhibition entries of a stored story record, keyed as the importer keys them."""
    keyed, seen = [], {}
    for entry in (record or {}).get("exhibitions") or []:
        if not isinstance(entry, dict):
            continue
        city = entry.get("city") if isinstance(entry.get("city"), dict) else {}
        base = f"exhibition:{fold(city.get('name')) or '-'}|{fold(entry.get('venue')) or '-'}"
        seen[base] = seen.get(base, 0) + 1
        keyed.append((bounded(base if seen[base] == 1 else f"{base}#{seen[base]}"), entry))
    return keyed


def show_identity(key, venue, artist_id):
    return bounded(key) if fold(venue) else bounded(f"{key}|artist:{artist_id}")


def ascii_slug(text, max_length=300):
    from profiles.models import ascii_slug as one_slug

    return one_slug(text, max_length=max_length)


def share_exhibitions(apps, schema_editor):
    Exhibition = apps.get_model("profiles", "Exhibition")
    Showing = apps.get_model("profiles", "Showing")
    Story = apps.get_model("profiles", "Story")
    Artist = apps.get_model("profiles", "Artist")
    DeletedRecord = apps.get_model("profiles", "DeletedRecord")
    exhibited, shown = Exhibition.artists.through, Exhibition.works.through

    artists_of = defaultdict(list)
    for exhibition_id, artist_id in exhibited.objects.order_by("artist_id").values_list("exhibition_id", "artist_id"):
        artists_of[exhibition_id].append(artist_id)

    shows, rows = {}, {}  # identity -> show kept; (story id, key) -> the row the story made
    for exhibition in Exhibition.objects.exclude(import_key="").exclude(story=None).order_by("pk"):
        artist_id = (artists_of.get(exhibition.pk) or [None])[0]
        if not fold(exhibition.venue) and artist_id is None:
            continue
        identity = show_identity(exhibition.import_key, exhibition.venue, artist_id)
        kept = shows.get(identity)
        if kept is None:
            exhibition.identity = identity
            exhibition.save(update_fields=["identity"])
            shows[identity] = exhibition
        else:
            exhibition.identity = identity
            rows[(exhibition.story_id, exhibition.import_key)] = exhibition  # its story's reading, for its showing
            merge_into(apps, kept, exhibition, artists_of)
    for show in shows.values():
        rows[(show.story_id, show.import_key)] = show

    tombstones = set(DeletedRecord.objects.filter(record_type="exhibition").values_list("story_id", "import_key"))
    showings, told = [], set()
    for story in Story.objects.exclude(artist=None).only("pk", "artist_id", "record").iterator(chunk_size=500):
        for key, entry in record_exhibitions(story.record):
            if (story.pk, key) in tombstones or (story.pk, key) in told:
                continue
            show = shows.get(show_identity(key, entry.get("venue"), story.artist_id))
            if show is None:
                continue
            row = rows.get((story.pk, key))
            showings.append(showing_of(Showing, show, story.pk, story.artist_id, key, entry, row))
            told.add((story.pk, key))
    for (story_id, key), row in rows.items():
        if (story_id, key) in told:
            continue
        show = shows.get(row.identity) if row.identity else None
        artist_id = (artists_of.get(row.pk) or [None])[0]
        if show is None or artist_id is None:
            continue
        showings.append(showing_of(Showing, show, story_id, artist_id, key, {}, row))
        told.add((story_id, key))
    Showing.objects.bulk_create(showings, batch_size=1000)

    linked = set(exhibited.objects.values_list("exhibition_id", "artist_id"))
    exhibited.objects.bulk_create(
        [
            exhibited(exhibition_id=pk, artist_id=artist_id)
            for pk, artist_id in {(s.exhibition_id, s.artist_id) for s in showings}
            if (pk, artist_id) not in linked
        ],
        batch_size=1000,
    )
    make_venues(apps)
    name_own_shows(Exhibition, Artist, artists_of)


def merge_into(apps, kept, duplicate, artists_of):
    """The duplicate's artists, works and address go to the show kept; its own reading stays for its showing."""
    Exhibition = apps.get_model("profiles", "Exhibition")
    FormerAddress = apps.get_model("profiles", "FormerAddress")
    ContentType = apps.get_model("contenttypes", "ContentType")
    exhibited, shown = Exhibition.artists.through, Exhibition.works.through
    for artist_id in artists_of.get(duplicate.pk, []):
        if artist_id not in artists_of[kept.pk]:
            exhibited.objects.create(exhibition_id=kept.pk, artist_id=artist_id)
            artists_of[kept.pk].append(artist_id)
    kept_works = set(shown.objects.filter(exhibition_id=kept.pk).values_list("work_id", flat=True))
    shown.objects.bulk_create(
        [
            shown(exhibition_id=kept.pk, work_id=work_id)
            for work_id in shown.objects.filter(exhibition_id=duplicate.pk).values_list("work_id", flat=True)
            if work_id not in kept_works
        ]
    )
    content_type, _ = ContentType.objects.get_or_create(app_label="profiles", model="exhibition")
    FormerAddress.objects.filter(content_type=content_type, object_id=duplicate.pk).update(object_id=kept.pk)
    FormerAddress.objects.update_or_create(
        content_type=content_type,
        old_slug=duplicate.slug,
        defaults={"object_id": kept.pk, "old_name": duplicate.title[:300]},
    )
    Exhibition.objects.filter(pk=duplicate.pk).delete()


def showing_of(Showing, show, story_id, artist_id, key, entry, row):
    """A story's telling of ``show``: the row it made when there is one, else its record's entry."""
    if row is not None:
        values = {
            "venue": row.venue,
            "kind": row.kind,
            "year": row.year,
            "evidence": row.evidence if isinstance(row.evidence, dict) else {},
            "confidence": min(1.0, max(0.0, row.confidence)),
        }
    else:
        span = entry.get("evidence") if isinstance(entry.get("evidence"), dict) else None
        year = entry.get("year")
        confidence = entry.get("confidence")
        values = {
            "venue": " ".join(str(entry.get("venue") or "").split())[:300] or None,
            "kind": entry.get("kind") if entry.get("kind") in ("solo", "group") else "unknown",
            "year": year if isinstance(year, int) and 0 < year < 10000 else None,
            "evidence": dict.fromkeys(("venue", "city", "kind"), span) if span else {},
            "confidence": min(1.0, max(0.0, confidence)) if isinstance(confidence, (int, float)) else 1.0,
        }
    return Showing(exhibition_id=show.pk, story_id=story_id, artist_id=artist_id, import_key=key, **values)


def make_venues(apps):
    """Venue text becomes ``Venue`` rows: one per folded name and city."""
    Exhibition = apps.get_model("profiles", "Exhibition")
    Venue = apps.get_model("profiles", "Venue")
    venues, taken = {}, set(Venue.objects.values_list("slug", flat=True))
    for exhibition in Exhibition.objects.exclude(venue=None).exclude(venue="").order_by("pk"):
        name = " ".join(exhibition.venue.split())[:300]
        identity = (fold(name)[:300], exhibition.city_id)
        venue = venues.get(identity)
        if venue is None:
            venue = Venue.objects.filter(name_key=identity[0], city_id=identity[1]).first()
        if venue is None:
            base = ascii_slug(name)
            slug, number = base, 1
            while slug in taken:
                number += 1
                slug = f"{base}-{number}"
            taken.add(slug)
            venue = Venue.objects.create(name=name, name_key=identity[0], city_id=identity[1], slug=slug)
        venues[identity] = venue
        Exhibition.objects.filter(pk=exhibition.pk).update(venue_record=venue)


def name_own_shows(Exhibition, Artist, artists_of):
    """An artist's own show says whose it is, so lists can tell such shows apart (unless an editor titled it)."""
    names = dict(Artist.objects.values_list("pk", "name"))
    for show in Exhibition.objects.filter(identity__contains="|artist:"):
        edited = show.edited_fields or []
        name = names.get((artists_of.get(show.pk) or [None])[0])
        if not name or "*" in edited or "title" in edited or show.title.endswith(name):
            continue
        Exhibition.objects.filter(pk=show.pk).update(title=f"{show.title}{OWN_SHOW_LABEL}{name}"[:300])


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
        migrations.RunPython(share_exhibitions, migrations.RunPython.noop),
    ]
