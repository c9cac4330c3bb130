"""Existing exhibitions become shows shared between stories; venue text becomes venue records.

The schema is migration 0011 (a migration of its own: on PostgreSQL an index
cannot be built in the transaction that changed the table's rows). Here
(``share_exhibitions``): each existing
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
from collections import defaultdict

from django.db import migrations

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


def show_identity(key, venue, artist_id, kind=None, year=None):
    """As ``keys.show_identity`` did when this migration was written."""
    if not fold(venue) or kind == "solo":
        return bounded(f"{key}|artist:{artist_id}")
    return bounded(f"{key}|year:{year}" if year else key)


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
        identity = show_identity(exhibition.import_key, exhibition.venue, artist_id, exhibition.kind, exhibition.year)
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
            show = shows.get(
                show_identity(key, entry.get("venue"), story.artist_id, entry.get("kind"), entry.get("year"))
            )
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
        ("profiles", "0011_shared_exhibitions_and_venues"),
    ]

    operations = [
        migrations.RunPython(share_exhibitions, migrations.RunPython.noop),
    ]
