"""History that starts at the first write: imports, reverts and merges as entries of their own.

simple-history writes an entry on each ``save()``; the importer writes rows in
bulk (no signals) and the admin saves a record, then its many-to-many fields,
then its tags. So entries are written here, explicitly, once the record is
complete: one entry per record with its many-to-many links and its tags, in a
constant number of queries per model however many records there are.
"""

from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections, router, transaction
from django.db.models import Max, Subquery
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .models import Artist, City, Exhibition, TaggedItem, Work

IMPORTED_FROM = "imported from "
REVERTED = "reverted to the imported version"
TRACKED_MODELS = (Artist, City, Exhibition, Work)


def imported_reason(story):
    return f"{IMPORTED_FROM}{story.source_name if story is not None else 'a story'}"


def skip_signals(record):
    """Keep simple-history's save and many-to-many signals quiet; ``record_history`` writes the entry."""
    record.skip_history_when_saving = True


def resume_signals(record):
    record.__dict__.pop("skip_history_when_saving", None)


def record_imported(records, *, story=None, stories=()):
    """The import's entry for each record it wrote: "+" for a new one, "~" when it changed, none when not.

    ``story``: the one being imported (a shared artist's own story may be
    another); ``stories``: those of a batch, whose artists were linked to them
    by an UPDATE.
    """
    for batch_story in stories:
        if batch_story.artist is not None and batch_story.artist.story_id is None:
            batch_story.artist.story = batch_story
    return record_history(
        records,
        reason=lambda record: imported_reason(story or record.story),
        history_type="+",
        only_changed=not stories,  # a batch writes only new records
    )


def record_history(records, *, reason, user=None, history_type="~", only_changed=False):
    """One history entry per record (fields, many-to-many links, tags); returns the entries.

    ``reason`` is a string or a function of the record. With ``only_changed``,
    a record whose newest entry already says the same is skipped (a re-import
    that changed nothing about it).
    """
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return []
    by_model = defaultdict(list)
    for record in records:
        if record is not None and record.pk is not None and type(record) in TRACKED_MODELS:
            by_model[type(record)].append(record)
    written = []
    for model, rows in by_model.items():
        written += _record_model_history(model, rows, reason, user, history_type, only_changed)
    return written


def _record_model_history(model, records, reason, user, history_type, only_changed):
    history_model = model.history.model
    records = list({record.pk: record for record in records}.values())
    pks = [record.pk for record in records]
    links = {field.name: _links(model, field, pks) for field in history_model._history_m2m_fields}
    tags = _tag_names(model, pks) if _has_tag_snapshot(history_model) else None
    types = dict.fromkeys((record.pk for record in records), history_type)
    if only_changed and records:
        types = _changed_since_latest(history_model, records, links, tags)
    now = timezone.now()
    entries = []
    for record in records:
        if record.pk not in types:
            continue
        entry = history_model(
            history_date=now,
            history_user=user if getattr(user, "is_authenticated", False) else None,
            history_change_reason=reason(record) if callable(reason) else reason,
            history_type=types[record.pk],
            **{field.attname: getattr(record, field.attname) for field in history_model.tracked_fields},
        )
        if tags is not None:
            entry.tag_names = tags.get(record.pk, "")
        entries.append(entry)
    if not entries:
        return []
    history_model.objects.bulk_create(entries)
    for field in history_model._history_m2m_fields:
        source, target = _link_columns(model, field)
        _insert_links(
            HistoricalRecords.m2m_models[field],
            [f"{source}_id", f"{target}_id"],
            [
                (entry.history_id, row_id, entry.id, pk)
                for entry in entries
                for pk, row_id in links[field.name].get(entry.id, ())
            ],
        )
    return entries


def _insert_links(link_model, columns, rows):
    """INSERT the link rows of history entries with executemany: they are plain ids, and many.

    Building a model instance per link row cost more than all of an import's own writes.
    """
    if not rows:
        return
    connection = connections[router.db_for_write(link_model)]
    quote = connection.ops.quote_name
    meta = link_model._meta
    names = ["history_id", "id", *columns]
    column_sql = ", ".join(
        quote(meta.get_field(name.removesuffix("_id") if name != "id" else name).column) for name in names
    )
    sql = f"INSERT INTO {quote(meta.db_table)} ({column_sql}) VALUES ({', '.join(['%s'] * len(names))})"
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _link_columns(model, field):
    manager = getattr(model, field.name)
    return manager.field.m2m_field_name(), manager.field.m2m_reverse_field_name()


def _links(model, field, pks):
    """{record pk: sorted [(linked pk, link row id)]} for one many-to-many field, in one query."""
    through = getattr(model, field.name).through
    source, target = _link_columns(model, field)
    found = defaultdict(list)
    for owner, linked, row_id in through.objects.filter(**{f"{source}_id__in": pks}).values_list(
        f"{source}_id", f"{target}_id", "id"
    ):
        found[owner].append((linked, row_id))
    return {owner: sorted(linked) for owner, linked in found.items()}


def _has_tag_snapshot(history_model):
    return any(field.name == "tag_names" for field in history_model._meta.fields)


def _tag_names(model, pks):
    """{record pk: "tag, tag"} in one query."""
    content_type = ContentType.objects.get_for_model(model)
    found = defaultdict(list)
    for object_id, name in TaggedItem.objects.filter(content_type=content_type, object_id__in=pks).values_list(
        "object_id", "tag__name"
    ):
        found[object_id].append(name)
    return {pk: ", ".join(sorted(names, key=str.casefold)) for pk, names in found.items()}


def _changed_since_latest(history_model, records, links, tags):
    """{pk: history type} of the records to write: "+" without history, "~" when it differs from the newest.

    Two or three queries per model: the newest entry of each record, then its links.
    """
    newest_ids = (
        history_model.objects.filter(id__in=[record.pk for record in records])
        .values("id")
        .annotate(newest=Max("history_id"))
        .values("newest")
    )
    latest = {entry.id: entry for entry in history_model.objects.filter(history_id__in=Subquery(newest_ids))}
    then_links = {}
    for field in history_model._history_m2m_fields:
        _, target = _link_columns(type(records[0]), field)
        found = defaultdict(list)
        link_model = HistoricalRecords.m2m_models[field]
        for history_id, linked in link_model.objects.filter(
            history_id__in=[e.history_id for e in latest.values()]
        ).values_list("history_id", f"{target}_id"):
            found[history_id].append(linked)
        then_links[field.name] = found
    types = {}
    for record in records:
        entry = latest.get(record.pk)
        if entry is None:
            types[record.pk] = "+"
        elif _differs(history_model, entry, record, links, then_links, tags):
            types[record.pk] = "~"
    return types


def _differs(history_model, entry, record, links, then_links, tags):
    for field in history_model.tracked_fields:
        if getattr(entry, field.attname) != getattr(record, field.attname):
            return True
    if tags is not None and entry.tag_names != tags.get(record.pk, ""):
        return True
    for field in history_model._history_m2m_fields:
        now = [pk for pk, _ in links[field.name].get(record.pk, [])]
        if sorted(then_links[field.name].get(entry.history_id, [])) != now:
            return True
    return False


# --- the imported version ------------------------------------------------------------


def imported_version(record):
    """The newest entry an import wrote for ``record`` (its state as the story gave it), or None."""
    history = type(record).history.filter(id=record.pk, history_change_reason__startswith=IMPORTED_FROM)
    return history.order_by("-history_date", "-history_id").first()


def revert_to_imported(record, user):
    """Put ``record`` back as its last import left it (fields, links, tags); returns the fields changed.

    A revert is an editor's decision, so the fields it changes are marked as
    edited: the next import must not undo it either. Raises LookupError when no
    import wrote the record.
    """
    from .editing import mark_edited  # not at the top: the importer imports this module, and editing the importer

    version = imported_version(record)
    if version is None:
        raise LookupError(f"{record} has no imported version to go back to.")
    model = type(record)
    history_model = model.history.model
    changed = []
    bookkeeping = {"id", "story", "import_key", "confidence", "is_edited", "edited_fields", "reviewed", "created_at"}
    for field in history_model.tracked_fields:
        if field.name in bookkeeping or field.name.endswith("_thumbnail"):
            continue
        value = getattr(version, field.attname)
        if getattr(record, field.attname) != value:
            setattr(record, field.attname, value)
            changed.append(field.name)
    with transaction.atomic():
        skip_signals(record)
        for field in history_model._history_m2m_fields:
            _, target = _link_columns(model, field)
            then = sorted(getattr(version, field.name).values_list(f"{target}_id", flat=True))
            manager = getattr(record, field.name)
            if sorted(manager.values_list("pk", flat=True)) != then:
                manager.set(then)
                changed.append(field.name)
        if _has_tag_snapshot(history_model):
            then = [name.strip() for name in (version.tag_names or "").split(",") if name.strip()]
            if sorted(record.tags.names(), key=str.casefold) != sorted(then, key=str.casefold):
                record.tags.set(then, through_defaults={"source": TaggedItem.Source.EDITOR, "added_by": user})
                changed.append("tags")
        mark_edited(record, changed)
        record.save()
        resume_signals(record)
        record_history([record], reason=REVERTED, user=user)
    return changed
