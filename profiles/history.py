"""History that starts at the first write: imports, reverts and merges as entries of their own.

simple-history writes an entry on each ``save()``; the importer writes rows in
bulk (no signals) and the admin saves a record, then its many-to-many fields,
then its tags. So entries are written here, explicitly, once the record is
complete: one entry per record with its many-to-many links and its tags. The
database copies rows and links into the history tables itself (``INSERT ...
SELECT``), so the cost is a few statements per model however many records a
batch writes, and nothing per record in Python.
"""

from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections, router, transaction
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


def record_imported(created=(), updated=(), *, story=None):
    """The import's entry for each record it wrote: "+" for one it created, "~" for one it changed.

    The importer knows what it wrote, so nothing is compared here. ``story``:
    the one being imported (a shared artist's own story may be another); without
    it each record's own story is named (a batch of new stories). An updated
    record with no history yet (imported before imports kept history) gets "+".
    """
    if not history_enabled():
        return 0
    reason = imported_reason(story) if story is not None else EACH_RECORDS_STORY
    written = 0
    created = _by_model(created)
    for model, records in created.items():
        written += _copy_into_history(model, dict.fromkeys(records, "+"), reason=reason, untagged=True)
    for model, records in _by_model(updated).items():
        new = set(created.get(model, ()))
        records = [pk for pk in records if pk not in new]  # one entry per record
        if not records:
            continue
        types = dict.fromkeys(records, "~")
        for pk in set(records) - _with_history(model, records):
            types[pk] = "+"
        written += _copy_into_history(model, types, reason=reason)
    return written


def record_history(records, *, reason, user=None, history_type="~"):
    """One history entry per record (fields, many-to-many links, tags) as the database holds it now.

    Returns how many entries were written.
    """
    if not history_enabled():
        return 0
    user_id = user.pk if getattr(user, "is_authenticated", False) else None
    return sum(
        _copy_into_history(model, dict.fromkeys(pks, history_type), reason=reason, user_id=user_id)
        for model, pks in _by_model(records).items()
    )


def history_enabled():
    return getattr(settings, "SIMPLE_HISTORY_ENABLED", True)


# The reason of a batch import's entries: "imported from" each record's own story.
EACH_RECORDS_STORY = object()


def _by_model(records):
    """{model: [pk, ...]} of the tracked records that exist, each once."""
    by_model = defaultdict(dict)
    for record in records:
        if record is not None and record.pk is not None and type(record) in TRACKED_MODELS:
            by_model[type(record)][record.pk] = None
    return {model: list(pks) for model, pks in by_model.items()}


def _copy_into_history(model, types, *, reason, user_id=None, untagged=False):
    """Copy the records' rows and links into their history tables, inside the database.

    ``types``: {pk: history type}. One ``INSERT ... SELECT`` per history type and
    one per many-to-many field, so no row or link passes through Python: the
    cost of history stays a few statements per batch. ``untagged``: the records
    were just created and cannot have tags yet.
    """
    history_model = model.history.model
    connection = connections[router.db_for_write(history_model)]
    quote = connection.ops.quote_name
    table, history_table = quote(model._meta.db_table), quote(history_model._meta.db_table)
    field = history_model._meta.get_field
    columns = [(quote(f.column), quote(field(f.name).column)) for f in history_model.tracked_fields]
    targets = [target for _, target in columns]
    values = [f"t.{source}" for source, _ in columns]
    tagged = _has_tag_snapshot(history_model)
    if tagged:
        targets.append(quote(field("tag_names").column))
        values.append("''")
    targets += [quote(field(name).column) for name in ("history_date", "history_type", "history_change_reason")]
    targets.append(quote(field("history_user").column))
    user_type = field("history_user").target_field.rel_db_type(connection)
    now = field("history_date").get_db_prep_value(timezone.now(), connection)
    reason_length = field("history_change_reason").max_length
    join = ""
    if reason is EACH_RECORDS_STORY:
        story = model._meta.get_field("story")
        story_table = quote(story.related_model._meta.db_table)
        join = f"LEFT JOIN {story_table} s ON s.{quote('id')} = t.{quote(story.column)}"
        reason_sql = f"SUBSTR(%s || COALESCE(s.{quote('source_name')}, 'a story'), 1, {reason_length})"
        reason_params = [IMPORTED_FROM]
    else:
        reason_sql, reason_params = "%s", [reason[:reason_length]]
    entries = []  # (history_id, record pk)
    by_type = defaultdict(list)
    for pk, history_type in types.items():
        by_type[history_type].append(pk)
    with connection.cursor() as cursor:
        for history_type, pks in by_type.items():
            for condition, params in _in_list(connection, f"t.{quote(model._meta.pk.column)}", pks):
                cursor.execute(
                    f"INSERT INTO {history_table} ({', '.join(targets)}) "
                    f"SELECT {', '.join(values)}, %s, %s, {reason_sql}, CAST(%s AS {user_type}) "
                    f"FROM {table} t {join} WHERE {condition} "
                    f"RETURNING {quote(field('history_id').column)}, {quote(field('id').column)}",
                    [now, history_type, *reason_params, user_id, *params],
                )
                entries += cursor.fetchall()
        if not entries:
            return 0
        history_ids = [history_id for history_id, _ in entries]
        for m2m_field in history_model._history_m2m_fields:
            _copy_links(connection, cursor, model, m2m_field, history_ids)
        if tagged and not untagged:
            names = _tag_names(model, [pk for _, pk in entries])
            cursor.executemany(
                f"UPDATE {history_table} SET {quote(field('tag_names').column)} = %s "
                f"WHERE {quote(field('history_id').column)} = %s",
                [(names[pk], history_id) for history_id, pk in entries if names.get(pk)],
            )
    return len(entries)


def _copy_links(connection, cursor, model, m2m_field, history_ids):
    """The links of the new entries, copied from the many-to-many table by one ``INSERT ... SELECT``."""
    quote = connection.ops.quote_name
    history_model = model.history.model
    link_model = HistoricalRecords.m2m_models[m2m_field]
    through = getattr(model, m2m_field.name).through
    source, target = _link_columns(model, m2m_field)
    link_column = link_model._meta.get_field
    through_column = through._meta.get_field
    names = ["history", "id", source, target]
    targets = ", ".join(quote(link_column(name).column) for name in names)
    history_id = quote(history_model._meta.get_field("history_id").column)
    for condition, params in _in_list(connection, f"h.{history_id}", history_ids):
        cursor.execute(
            f"INSERT INTO {quote(link_model._meta.db_table)} ({targets}) "
            f"SELECT h.{history_id}, l.{quote(through_column('id').column)}, "
            f"l.{quote(through_column(source).column)}, l.{quote(through_column(target).column)} "
            f"FROM {quote(through._meta.db_table)} l JOIN {quote(history_model._meta.db_table)} h "
            f"ON h.{quote(history_model._meta.get_field('id').column)} = l.{quote(through_column(source).column)} "
            f"WHERE {condition}",
            params,
        )


# SQLite binds at most a few hundred parameters per statement in old builds.
IN_LIST_CHUNK = 500


def _in_list(connection, column, values):
    """(SQL condition, params) pairs matching ``column`` against ``values``: one array on PostgreSQL."""
    if connection.vendor == "postgresql":
        yield f"{column} = ANY(%s)", [list(values)]
        return
    for start in range(0, len(values), IN_LIST_CHUNK):
        part = list(values[start : start + IN_LIST_CHUNK])
        yield f"{column} IN ({', '.join(['%s'] * len(part))})", part


def _with_history(model, pks):
    """Which of ``pks`` have a history entry already."""
    return set(model.history.model.objects.filter(id__in=pks).values_list("id", flat=True).distinct())


def _link_columns(model, field):
    manager = getattr(model, field.name)
    return manager.field.m2m_field_name(), manager.field.m2m_reverse_field_name()


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
