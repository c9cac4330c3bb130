"""What every catalogue record admin shares.

- Edits are written down (``edited_fields``) so re-imports keep them; this is
  done here, on the admin's save, and not in a model signal, because only a
  person's changes count.
- Deleting an imported record leaves a tombstone so re-imports do not bring
  it back (single delete, bulk delete and inline delete alike).
- Provenance: each extracted field has a read-only "from the story" twin.
- History (who, when, old -> new, revert) comes from simple-history's admin,
  written and shown as ``history`` says.
"""

from django.contrib import admin, messages
from django.db import models, transaction
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from simple_history.admin import SimpleHistoryAdmin

from .. import history
from ..editing import (
    changed_model_fields,
    mark_edited,
    remember_deletion,
    restore_edit_marks,
    save_edit_marks,
)
from ..images import PictureField
from .forms import CatalogueRecordForm, MultilineTextField
from .history import HistoryAdminMixin
from .provenance import evidence_html, story_html
from .queue import ReviewQueueMixin, mark_reviewed

FORMFIELD_OVERRIDES = {
    models.ImageField: {"form_class": PictureField},
    models.TextField: {"form_class": MultilineTextField},
}


def thumbnail_html(thumbnail, description, *, size=64):
    """A small picture with its description as alt text, or a dash.

    Sized by a class (``templates/admin/base_site.html``), not a style
    attribute: the Content-Security-Policy allows no inline styles.
    """
    if not thumbnail:
        return "—"
    return format_html('<img src="{}" alt="{}" class="thumb-{}">', thumbnail.url, description, size)


def _evidence_display(field_name):
    @admin.display(description="from the story")
    def display(self, obj):
        return evidence_html(obj, field_name)

    return display


class EditTrackingMixin:
    """Saves through the admin (forms and inlines) mark what a person changed."""

    form = CatalogueRecordForm
    formfield_overrides = FORMFIELD_OVERRIDES

    def save_model(self, request, obj, form, change):
        form.editor = request.user
        changed = changed_model_fields(form, obj)
        restore_edit_marks(obj)  # a reverted version must not roll the marks back
        mark_edited(obj, changed)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            inline_form.editor = request.user
        instances = formset.save(commit=False)
        link = _LinkTable.of(formset.model)
        owners = []
        for obj in formset.deleted_objects:
            if link:
                owners += link.owners(obj)
            else:
                remember_deletion(obj, request.user)
            obj.delete()
        forms_by_instance = {id(inline_form.instance): inline_form for inline_form in formset.forms}
        for obj, changed in formset.changed_objects:
            if link:
                owners += link.owners(obj, forms_by_instance.get(id(obj)))
            else:
                mark_edited(obj, changed)
        for obj in formset.new_objects:
            if link:
                owners += link.owners(obj)
            else:
                mark_edited(obj, forms_by_instance[id(obj)].changed_data)
        for obj in instances:
            obj.save()
        formset.save_m2m()
        for owner, field_name in owners:
            history.skip_signals(owner)
            if mark_edited(owner, [field_name]):
                save_edit_marks(owner)
            history.resume_signals(owner)
        linked_on = f"linked on the page of {form.instance}"
        history.record_history([owner for owner, _ in owners], reason=linked_on, user=request.user)


class _LinkTable:
    """A many-to-many table edited as an inline: an edit there edits the field's owner.

    Linking an exhibition on the artist page changes ``Exhibition.artists``, so
    that exhibition is the record marked as edited.
    """

    def __init__(self, through, owner_field):
        self.through, self.owner_field = through, owner_field
        self.fk_name = owner_field.m2m_field_name()

    @classmethod
    def of(cls, model):
        owner_model = model._meta.auto_created
        if not owner_model:
            return None
        for field in owner_model._meta.many_to_many:
            if getattr(field.remote_field, "through", None) is model:
                return cls(model, field)
        return None

    def owners(self, row, form=None):
        found = [getattr(row, self.fk_name)]
        previous = form.initial.get(self.fk_name) if form is not None else None
        if previous and previous != found[0].pk:
            found += list(self.owner_field.model._base_manager.filter(pk=previous))
        return [(owner, self.owner_field.name) for owner in found]


class TombstoneMixin:
    """Deleting imported records remembers them, so ``loadstories`` never re-creates them."""

    def delete_model(self, request, obj):
        with transaction.atomic():
            remember_deletion(obj, request.user)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                remember_deletion(obj, request.user)
            super().delete_queryset(request, queryset)


class ProvenanceMixin:
    """Adds ``<field>_evidence`` read-only fields for each name in ``evidence_fields``."""

    evidence_fields = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for field_name in cls.evidence_fields:
            setattr(cls, f"{field_name}_evidence", _evidence_display(field_name))

    @admin.display(description="story")
    def story_link(self, obj):
        return story_html(obj)

    @admin.display(description="fields edited by hand")
    def edited_fields_list(self, obj):
        if "*" in (obj.edited_fields or []):
            return "The whole record: re-imports leave it alone."
        return ", ".join(obj.edited_fields or []) or "—"


@admin.action(description="Let re-imports update selected records again", permissions=["change"])
def release_edits(modeladmin, request, queryset):
    count = 0
    for record in queryset.filter(is_edited=True):
        record.edited_fields, record.is_edited = [], False
        save_edit_marks(record)
        count += 1
    modeladmin.message_user(
        request, f"{count} record(s) will follow their story again on the next import.", messages.SUCCESS
    )


class CatalogueRecordAdmin(
    ReviewQueueMixin, EditTrackingMixin, HistoryAdminMixin, TombstoneMixin, ProvenanceMixin, SimpleHistoryAdmin
):
    """Admin for Artist, Work and Exhibition: imported records with provenance and review."""

    actions = [mark_reviewed, release_edits]
    list_per_page = 50
    provenance_fieldset = (
        "Provenance and review",
        {"fields": ["story_link", ("confidence", "reviewed"), ("is_edited", "edited_fields_list")]},
    )

    def get_readonly_fields(self, request, obj=None):
        evidence = [f"{name}_evidence" for name in self.evidence_fields]
        bookkeeping = ["story_link", "confidence", "is_edited", "edited_fields_list"]
        return [*super().get_readonly_fields(request, obj), *evidence, *bookkeeping]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("story")

    # Django's boolean columns show a red cross on every row that is merely not
    # edited or not reviewed yet, which reads as an error: say it only where true.
    @admin.display(description="edited", ordering="is_edited", empty_value="")
    def edited_mark(self, obj):
        if not obj.is_edited:
            return ""
        return format_html('<span class="edited-mark" title="{}">✎ by hand</span>', "Re-imports keep what was edited")

    @admin.display(description="reviewed", ordering="reviewed", empty_value="")
    def reviewed_mark(self, obj):
        return mark_safe('<span class="edited-mark">✓ reviewed</span>') if obj.reviewed else ""
