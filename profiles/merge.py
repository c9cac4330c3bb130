"""Merging duplicate records (two Almatys, one artist imported twice) into one.

Every relation that points at a duplicate is moved to the record kept: foreign
keys (an artist's birth city, a work's artist, a story's artist), many-to-many
links from either side (an artist's cities, an exhibition's artists) and tags.
Then the duplicates are deleted. All of it happens in one transaction, so a
failure leaves the catalogue as it was.

A merge is an editor's decision, so the records it changes are marked as
edited (a re-import must not undo it) and each imported duplicate leaves a
tombstone (a re-import must not bring it back). History names both records:
the kept one gets a "merged ... into this record" entry, each duplicate's
deletion says what it was merged into, and every record re-pointed says why.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from taggit.managers import TaggableManager

from . import history
from .addresses import record_former_address
from .editing import mark_edited, remember_deletion, save_edit_marks
from .importing.policy import merge_needs_tombstone
from .models import TaggedItem


class MergeError(ValueError):
    """The records given cannot be merged (different kinds, nothing to merge)."""


@dataclass
class MergeResult:
    kept: object
    merged: list = field(default_factory=list)
    moved: Counter = field(default_factory=Counter)

    def summary(self):
        moved = ", ".join(f"{name.replace('_', ' ')}: {count}" for name, count in sorted(self.moved.items()) if count)
        return moved or "no relations"


def merge_records(keep, duplicates, *, user=None):
    """Fold ``duplicates`` into ``keep``; returns a MergeResult. Raises MergeError."""
    model = type(keep)
    duplicates = [duplicate for duplicate in duplicates if duplicate.pk != keep.pk]
    if not duplicates:
        raise MergeError("Choose at least two records to merge.")
    if any(type(duplicate) is not model for duplicate in duplicates):
        raise MergeError("Only records of the same kind can be merged.")

    result = MergeResult(kept=keep)
    with transaction.atomic():
        keep_marked = False
        merged = ", ".join(_named(duplicate) for duplicate in duplicates)  # before deletion clears their ids
        history.skip_signals(keep)
        for duplicate in duplicates:
            reason = f"{_named(duplicate)} merged into {_named(keep)}"
            _move_incoming_relations(keep, duplicate, result, reason=reason, user=user)
            keep_marked |= _merge_own_many_to_many(keep, duplicate, result)
            _move_tags(keep, duplicate, result)
            label = f"{duplicate} (merged into {keep})"
            if merge_needs_tombstone(keep, duplicate):
                remember_deletion(duplicate, user, label=label)
            result.merged.append(str(duplicate))
            duplicate._change_reason = f"merged into {_named(keep)}"  # read by the history pages
            if user is not None:
                duplicate._history_user = user
            if getattr(duplicate, "slug", None):  # its address answers 301 to the record kept; its name stays
                record_former_address(model, duplicate.slug, keep, getattr(duplicate, "name", None) or str(duplicate))
            duplicate.delete()
        if keep_marked:
            save_edit_marks(keep)
        history.resume_signals(keep)
        history.record_history([keep], reason=f"merged {merged} into this record", user=user)
    return result


def _named(record):
    return f"{record} #{record.pk}"


def _move_incoming_relations(keep, duplicate, result, *, reason, user):
    """Re-point foreign keys and many-to-many links that other records hold to ``duplicate``."""
    moved = []
    for relation in type(keep)._meta.related_objects:
        related_model, remote = relation.related_model, relation.field
        if _is_history(related_model):
            continue  # the duplicate's history stays as it was
        if relation.many_to_many:
            for record in related_model._base_manager.filter(**{remote.name: duplicate}):
                history.skip_signals(record)
                links = getattr(record, remote.name)
                links.remove(duplicate)
                links.add(keep)
                if mark_edited(record, [remote.name]):
                    save_edit_marks(record)
                moved.append(record)
                result.moved[relation.get_accessor_name() or remote.name] += 1
        else:
            for record in related_model._base_manager.filter(**{remote.name: duplicate}):
                history.skip_signals(record)
                setattr(record, remote.name, keep)
                mark_edited(record, [remote.name])
                record.save()
                moved.append(record)
                result.moved[relation.get_accessor_name() or remote.name] += 1
    for record in moved:
        history.resume_signals(record)
    history.record_history(moved, reason=reason, user=user)


def _merge_own_many_to_many(keep, duplicate, result):
    """The kept record gains the duplicate's many-to-many links; True when its edit marks changed."""
    marked = False
    for many in type(keep)._meta.many_to_many:
        if isinstance(many, TaggableManager):
            continue
        existing = set(getattr(keep, many.name).values_list("pk", flat=True))
        new = [row for row in getattr(duplicate, many.name).all() if row.pk not in existing and row.pk != keep.pk]
        if new:
            getattr(keep, many.name).add(*new)
            marked |= mark_edited(keep, [many.name])
            result.moved[many.name] += len(new)
    return marked


def _move_tags(keep, duplicate, result):
    """Move tagged items, keeping who added them; a tag both records carry is kept once."""
    if not any(isinstance(many, TaggableManager) for many in type(keep)._meta.many_to_many):
        return
    content_type = ContentType.objects.get_for_model(type(keep))
    on_keep = TaggedItem.objects.filter(content_type=content_type, object_id=keep.pk)
    kept_tags = set(on_keep.values_list("tag_id", flat=True))
    for item in TaggedItem.objects.filter(content_type=content_type, object_id=duplicate.pk):
        if item.tag_id in kept_tags:
            item.delete()
            continue
        item.object_id = keep.pk
        item.save(update_fields=["object_id"])
        kept_tags.add(item.tag_id)
        result.moved["tags"] += 1


def _is_history(model):
    return hasattr(model, "instance_type") and model.__name__.startswith("Historical")


def relation_counts(record):
    """{relation name: number of linked records}, to help an editor choose which record to keep."""
    counts = {}
    for relation in type(record)._meta.related_objects:
        if _is_history(relation.related_model):
            continue
        name = relation.get_accessor_name()
        count = relation.related_model._base_manager.filter(**{relation.field.name: record}).count()
        if count:
            counts[name.replace("_", " ")] = count
    for many in type(record)._meta.many_to_many:
        count = getattr(record, many.name).count()
        if count:
            counts[many.name] = count
    return counts
