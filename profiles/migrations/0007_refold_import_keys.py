"""Recompute stored identity keys for the one fold of names.

Before this migration the importer folded only U+2019 into an apostrophe; it
now keys names with ``profiles.extraction.textutil.fold``, which also folds
U+2018, U+02BC and the backtick. Keys an older import stored with one of those
characters (records' ``import_key``, editors' ``DeletedRecord`` tombstones) are
rewritten as the importer now computes them, so that re-importing the story
finds its records and honours its tombstones instead of creating duplicates.

The key functions are frozen here, as a migration's code must be; the old and
new keys of a record are computed by the same copy, with the old and the new fold.
"""

import hashlib
import unicodedata

from django.db import migrations
from django.db.models import Q
from django.db.models.functions import Length

CHANGED_CHARACTERS = ("\u2018", "\u02bc", "`")
KEY_LENGTH = 255
QUOTES = "\"'*_\u201c\u201d\u2018\u2019"
MODELS = {"artist": "Artist", "work": "Work", "exhibition": "Exhibition"}


def old_fold(text):
    text = unicodedata.normalize("NFKD", text).replace("\u2019", "'")
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(text.split()).casefold()


def new_fold(text):
    from profiles.extraction.textutil import fold

    return fold(text)


def record_keys(record, fold):
    """[(record type, key)] an import of ``record`` gives its artist, works and exhibitions, with ``fold``."""

    def folded(value):
        return fold(value if isinstance(value, str) else str(value or ""))

    def bounded(key):
        if len(key) <= KEY_LENGTH:
            return key
        return f"{key[: KEY_LENGTH - 17]}#{hashlib.sha256(key.encode()).hexdigest()[:16]}"

    keys = []
    artist = record.get("artist")
    if isinstance(artist, dict):
        keys.append(("artist", bounded(folded(" ".join(str(artist.get("name") or "").split())[:200]))))
    for work in record.get("works") or []:
        if isinstance(work, dict):
            title = " ".join(str(work.get("title") or "").split())[:300]
            keys.append(("work", bounded("work:" + folded(title.strip().strip(QUOTES)))))
    seen = {}
    for entry in record.get("exhibitions") or []:
        if isinstance(entry, dict):
            city = entry.get("city") or {}
            base = f"exhibition:{folded(city.get('name')) or '-'}|{folded(entry.get('venue')) or '-'}"
            seen[base] = seen.get(base, 0) + 1
            keys.append(("exhibition", bounded(base if seen[base] == 1 else f"{base}#{seen[base]}")))
    return keys


def is_bounded(key):
    return len(key) == KEY_LENGTH and key[-17] == "#"


def new_key(renamed, story_id, record_type, key):
    """The key as the importer now computes it; None when it cannot be told (a long key the record no longer has).

    ``renamed``: {(story id, record type, old key): new key} from the stories' records.
    """
    if (story_id, record_type, key) in renamed:
        return renamed[(story_id, record_type, key)]
    return None if is_bounded(key) else new_fold(key)


def refold_import_keys(apps, schema_editor):
    Story = apps.get_model("profiles", "Story")
    DeletedRecord = apps.get_model("profiles", "DeletedRecord")
    may_change = Q(length=KEY_LENGTH)
    for character in CHANGED_CHARACTERS:
        may_change |= Q(import_key__contains=character)

    rows = []  # (record type, row) whose key may have changed
    for record_type, model_name in MODELS.items():
        queryset = apps.get_model("profiles", model_name).objects.exclude(story=None)
        rows += [(record_type, row) for row in queryset.annotate(length=Length("import_key")).filter(may_change)]
    tombstones = DeletedRecord.objects.annotate(length=Length("import_key")).filter(may_change)
    rows += [(tombstone.record_type, tombstone) for tombstone in tombstones]
    if not rows:
        return

    records = dict(Story.objects.filter(pk__in={row.story_id for _, row in rows}).values_list("pk", "record"))
    renamed = {}
    for story_id, record in records.items():
        record = record or {}
        for old, new in zip(record_keys(record, old_fold), record_keys(record, new_fold), strict=True):
            renamed[(story_id, *old)] = new[1]

    for record_type, row in rows:
        key = new_key(renamed, row.story_id, record_type, row.import_key)
        if key is None or key == row.import_key:
            continue
        model = type(row)
        taken = model.objects.filter(story_id=row.story_id, import_key=key)
        if model is DeletedRecord:
            if taken.filter(record_type=record_type).exists():
                row.delete()  # the same deletion, remembered under the new key already
                continue
        elif record_type != "artist" and taken.exists():
            continue  # two records now share a key: left for an editor to merge
        model.objects.filter(pk=row.pk).update(import_key=key)


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0006_page_indexes"),
    ]

    operations = [
        migrations.RunPython(refold_import_keys, migrations.RunPython.noop, elidable=True),
    ]
