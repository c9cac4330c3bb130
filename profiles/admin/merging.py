"""The "merge duplicates" admin action: choose the record to keep, then merge.

The first step shows the selected records with what links to each, and asks
which one to keep; the second (the same action posted with ``apply``) merges
them through ``profiles.merge`` in one transaction and logs it.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import transaction
from django.template.response import TemplateResponse

from ..merge import MergeError, merge_records, relation_counts


class MergeableMixin:
    """Offers the merge action to people who may both change and delete these records."""

    def has_merge_permission(self, request):
        return self.has_change_permission(request) and self.has_delete_permission(request)


@admin.action(description="Merge selected duplicates into one", permissions=["merge"])
def merge_selected(modeladmin, request, queryset):
    records = list(queryset.order_by("pk"))
    opts = modeladmin.model._meta
    if len(records) < 2:
        modeladmin.message_user(request, f"Select at least two {opts.verbose_name_plural} to merge.", messages.WARNING)
        return None
    if request.POST.get("apply"):
        keep = next((record for record in records if str(record.pk) == request.POST.get("keep")), None)
        if keep is None:
            modeladmin.message_user(request, "Choose the record to keep.", messages.ERROR)
        else:
            return _merge(modeladmin, request, queryset, keep, [r for r in records if r.pk != keep.pk])

    rows = [(record, relation_counts(record)) for record in records]
    suggested = max(rows, key=lambda row: (sum(row[1].values()), -row[0].pk))[0]
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": f"Merge {opts.verbose_name_plural}",
        "subtitle": None,
        "opts": opts,
        "rows": rows,
        "suggested": suggested,
        "queryset": queryset,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "action": "merge_selected",
        "media": modeladmin.media,
    }
    request.current_app = modeladmin.admin_site.name
    return TemplateResponse(request, "admin/profiles/merge_confirmation.html", context)


def _merge(modeladmin, request, queryset, keep, duplicates):
    try:
        with transaction.atomic():
            modeladmin.log_deletions(request, queryset.exclude(pk=keep.pk))
            result = merge_records(keep, duplicates, user=request.user)
            names = ", ".join(f"“{name}”" for name in result.merged)
            modeladmin.log_change(request, keep, f"Merged {names} into this record.")
    except MergeError as error:
        modeladmin.message_user(request, str(error), messages.ERROR)
        return None
    modeladmin.message_user(request, f"Merged {names} into “{keep}” (moved {result.summary()}).", messages.SUCCESS)
    return None
