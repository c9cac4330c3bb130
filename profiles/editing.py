"""What a person did to an imported record, written down for the importer.

Two promises to editors rest on this module. A field changed by hand goes into
the record's ``edited_fields`` so ``loadstories`` never overwrites it, and an
imported record deleted by hand leaves a ``DeletedRecord`` so ``loadstories``
never re-creates it. The admin calls these functions explicitly (never a model
signal): the importer's own saves must not count as a person's edits. What the
marks protect, and under which keys a deletion is remembered, is decided in
``profiles/importing/policy.py``.
"""

from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone

from .importing.policy import RECORD_TYPES, tombstone_keys
from .models import Artist, DeletedRecord, ImportedRecord

# Review state and provenance are not facts about the artist: changing them is
# not an edit the importer needs to respect.
BOOKKEEPING_FIELDS = frozenset(
    {
        "reviewed",
        "is_edited",
        "edited_fields",
        "confidence",
        "evidence",
        "import_key",
        "story",
        "created_at",
        "updated_at",
    }
)


def mark_edited(record, field_names):
    """Add ``field_names`` to the record's ``edited_fields``; True when the record changed.

    Only sets attributes; the caller saves the record.
    """
    if not isinstance(record, ImportedRecord):
        return False
    edited = list(record.edited_fields or [])
    added = [name for name in field_names if name not in BOOKKEEPING_FIELDS and name not in edited]
    edited.extend(dict.fromkeys(added))
    if not added and (record.is_edited or not edited):
        return False
    record.edited_fields = edited
    record.is_edited = True
    return True


def save_edit_marks(record):
    """Persist only the edit marks, for records changed elsewhere (an inline, a merge)."""
    record.save(update_fields=["edited_fields", "is_edited", "updated_at"])


def changed_model_fields(form, instance):
    """Model fields the submitted form changes on ``instance``, in form order.

    ``form.changed_data`` compares with the form's initial values; when
    simple-history reverts a record, those are the *old* version's, so concrete
    fields are also compared with the row as it stands in the database.
    """
    names = dict.fromkeys(form.changed_data)
    current = type(instance)._base_manager.filter(pk=instance.pk).first() if instance.pk else None
    if current is not None:
        for name in form.fields:
            field = _model_field(instance, name)
            if field is None or not field.concrete or field.many_to_many:
                continue
            if field.value_from_object(instance) != field.value_from_object(current):
                names[name] = None
    return [name for name in form.fields if name in names]


def restore_edit_marks(instance):
    """Keep the database's edit marks on ``instance`` (a reverted version carries old ones)."""
    if not isinstance(instance, ImportedRecord) or instance.pk is None:
        return
    current = type(instance)._base_manager.filter(pk=instance.pk).values("edited_fields", "is_edited").first()
    if current:
        instance.edited_fields = list(current["edited_fields"] or [])
        instance.is_edited = current["is_edited"]


def _model_field(instance, name):
    try:
        return instance._meta.get_field(name)
    except FieldDoesNotExist:  # a form-only field
        return None


# --- deletions -------------------------------------------------------------------


def remember_deletion(record, user=None, *, label=None):
    """Leave tombstones so ``loadstories`` never re-creates ``record``; returns them.

    Deleting an artist also deletes their works (a cascade), so those are
    remembered too.
    """
    label = (label or str(record))[:300]
    record_type = RECORD_TYPES.get(type(record))
    tombstones = []
    for story_id, import_key in tombstone_keys(record):
        tombstone, _ = DeletedRecord.objects.update_or_create(
            story_id=story_id,
            record_type=record_type,
            import_key=import_key,
            defaults={"label": label, "deleted_by": user_or_none(user), "deleted_at": timezone.now()},
        )
        tombstones.append(tombstone)
    if isinstance(record, Artist) and record.pk:
        for work in record.works.exclude(story=None).exclude(import_key=""):
            tombstones += remember_deletion(work, user, label=f"{work} (with its artist {record})")
    return tombstones


def user_or_none(user):
    return user if user is not None and getattr(user, "is_authenticated", False) else None
