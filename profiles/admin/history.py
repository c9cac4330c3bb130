"""History pages editors can read and act on.

- One entry per admin save, written once the record, its many-to-many links and
  its tags are all saved (``log_addition`` / ``log_change`` run last, both for
  the change form and for simple-history's revert form).
- Each entry's diff names what changed in words: tags included, and a record
  merged away named with what it was merged into, not "Deleted city (pk=…)".
- "Revert to the imported version" is one POST (``profiles.history``).
- The templates link no user page (editors may not see users) and use no
  inline style (the Content-Security-Policy refuses it).
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.http import urlencode
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

from .. import history

MERGED_INTO = "merged into "


def _preserved_filters(request):
    """The list filters a form was opened with (the review queue's), to keep across a revert."""
    filters = request.GET.get("_changelist_filters")
    return f"?{urlencode({'_changelist_filters': filters})}" if filters else ""


class ReadableHistoryHelper(HistoricalRecordContextHelper):
    """Names records that no longer exist by their last known name, and what they were merged into."""

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        if isinstance(value, list):
            return [_name_deleted(item) for item in value]
        return _name_deleted(value)


def _name_deleted(value):
    if not isinstance(value, DeletedObject):
        return value
    model = value.model
    manager = getattr(model, "history", None)
    last = manager.filter(id=value.pk).order_by("-history_date", "-history_id").first() if manager else None
    if last is None:
        return f"{model._meta.verbose_name} #{value.pk} (deleted)"
    reason = last.history_change_reason or ""
    fate = reason if reason.startswith(MERGED_INTO) else "deleted"
    return f"{last.instance} #{value.pk} ({fate})"


class HistoryAdminMixin:
    """For every catalogue record admin built on ``SimpleHistoryAdmin``."""

    object_history_template = "admin/profiles/object_history.html"
    object_history_list_template = "admin/profiles/object_history_list.html"
    history_list_per_page = 50

    # --- writing -----------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        history.skip_signals(obj)  # written whole by _record below, after links and tags
        super().save_model(request, obj, form, change)

    def log_addition(self, request, obj, message):
        self._record(request, obj, "+", "added in the admin")
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        reverting = (request.resolver_match.url_name or "").endswith("_simple_history")
        reason = "reverted to an earlier version" if reverting else "changed in the admin"
        self._record(request, obj, "~", reason)
        return super().log_change(request, obj, message)

    def _record(self, request, obj, history_type, reason):
        if getattr(obj, "skip_history_when_saving", False):
            history.resume_signals(obj)
            history.record_history([obj], reason=reason, user=request.user, history_type=history_type)

    # --- reading -----------------------------------------------------------------

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistoryHelper(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        super().set_history_delta_changes(request, historical_records, foreign_keys_are_objs)
        records = list(historical_records)
        for newer, older in zip(records, records[1:], strict=False):
            old_tags, new_tags = getattr(older, "tag_names", None), getattr(newer, "tag_names", None)
            if new_tags is not None and old_tags != new_tags:
                changes = list(getattr(newer, "history_delta_changes", []) or [])
                changes.append({"field": "Tags", "old": old_tags or "none", "new": new_tags or "none"})
                newer.history_delta_changes = changes

    def history_view(self, request, object_id, extra_context=None):
        record = self.get_object(request, unquote(object_id))
        extra = {"imported_version": history.imported_version(record) if record is not None else None}
        if record is not None:
            extra["revert_imported_url"] = self._revert_url(record)
            extra["can_revert"] = self.has_change_permission(request, record)
        return super().history_view(request, object_id, extra_context={**extra, **(extra_context or {})})

    # --- reverting to the imported version -------------------------------------------

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}_revert_imported"
        own = [path("<path:object_id>/revert-imported/", self.admin_site.admin_view(self.revert_imported), name=name)]
        return own + super().get_urls()

    def _revert_url(self, record):
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_revert_imported", args=[record.pk])

    def revert_imported(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        record = self.get_object(request, unquote(object_id))
        if record is None:
            raise Http404
        if not self.has_change_permission(request, record):
            raise PermissionDenied
        opts = self.model._meta
        try:
            changed = history.revert_to_imported(record, request.user)
        except LookupError as error:
            self.message_user(request, str(error), messages.WARNING)
        else:
            if changed:
                self.log_change_message(request, record, f"Reverted to the imported version: {', '.join(changed)}.")
                self.message_user(
                    request,
                    f"{record} is back to its imported version ({', '.join(changed)}); "
                    "re-imports will keep it that way.",
                    messages.SUCCESS,
                )
            else:
                self.message_user(request, f"{record} already matches its imported version.", messages.INFO)
        change_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
        return HttpResponseRedirect(change_url + _preserved_filters(request))

    def log_change_message(self, request, obj, message):
        """The admin's own log (recent actions), without a second history entry."""
        return super().log_change(request, obj, message)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra = dict(extra_context or {})
        record = self.get_object(request, unquote(object_id))
        if record is not None:
            extra["imported_version"] = history.imported_version(record)
            extra["revert_imported_url"] = self._revert_url(record) + _preserved_filters(request)
        return super().change_view(request, object_id, form_url, extra_context=extra)
