"""The review queue: the least confident fact first, filters for what is missing, "save and review next".

A record is as doubtful as its weakest fact. Each fact's confidence is read
where the import stored it: a per-fact ``confidence`` in the record's evidence
(``evidence.<field>.confidence``) when the extractor gives one, otherwise the
record's own. An artist's works and exhibitions are facts about the artist
too, and their confidences vary (0.5 to 0.9, docs/record-format.md) where the
artist's own barely does, so the artist queue is ordered by the weakest of all
of them. All of it is SQL (subqueries and JSON lookups), so the queue is one
query per page however large the catalogue.
"""

import copy

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Case, F, FloatField, Min, OuterRef, Q, Subquery, Value, When
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce, Least
from django.http import HttpResponseRedirect, QueryDict
from django.template.response import TemplateResponse
from django.urls import reverse

from ..models import Artist, Exhibition, Work

QUEUE_PARAMETER = "review"
WAITING = "waiting"

# Per model: the facts with a confidence of their own, as (label, field in the evidence).
FACTS = {
    Artist: [("name", "name"), ("pronoun", "pronoun"), ("age", "age"), ("birth city", "birth_city")],
    Work: [("title", "title"), ("kind", "kind")],
    Exhibition: [("venue", "venue"), ("city", "city"), ("kind", "kind")],
}


def _fact_confidence(field):
    """The confidence the evidence gives this fact, or the record's own; 1 for a fact the record lacks."""
    given = Coalesce(Cast(KT(f"evidence__{field}__confidence"), FloatField()), F("confidence"))
    return Case(When(evidence__has_key=field, then=given), default=Value(1.0), output_field=FloatField())


def _weakest_of(model, related):
    """MIN(confidence) of ``model`` rows linked to each artist by ``related`` (1 when none)."""
    rows = model.objects.filter(**{related: OuterRef("pk")}).order_by().values(related)
    weakest = rows.annotate(weakest=Min("confidence")).values("weakest")
    return Coalesce(Subquery(weakest, output_field=FloatField()), Value(1.0))


def fact_confidences(model):
    """{annotation name: expression} for every fact of ``model`` with a confidence."""
    annotations = {"confidence_record": F("confidence")}
    annotations.update({f"confidence_{field}": _fact_confidence(field) for _, field in FACTS[model]})
    if model is Artist:
        annotations["confidence_works"] = _weakest_of(Work, "artist")
        annotations["confidence_exhibitions"] = _weakest_of(Exhibition, "artists")
    return annotations


def weakest_fact(model):
    """The lowest confidence among the record's facts, as an expression."""
    return Least(*fact_confidences(model).values())


def with_weakest_fact(queryset):
    """``queryset`` with ``weakest_fact`` and each fact's ``confidence_<field>``."""
    annotations = fact_confidences(queryset.model)
    queryset = queryset.annotate(**annotations)
    return queryset.annotate(weakest_fact=Least(*[F(name) for name in annotations]))


def fact_kinds(model):
    """(parameter value, label) for each kind of fact of ``model``."""
    kinds = [("record", "the record itself"), *((field, label) for label, field in FACTS[model])]
    if model is Artist:
        kinds += [("works", "works"), ("exhibitions", "exhibitions")]
    return kinds


class WeakestFactFilter(admin.SimpleListFilter):
    """Records whose least confident fact is of one kind (their birth city, their works...)."""

    title = "least sure about"
    parameter_name = "weakest"

    def lookups(self, request, model_admin):
        return fact_kinds(model_admin.model)

    def queryset(self, request, queryset):
        kinds = dict(fact_kinds(queryset.model))
        if self.value() not in kinds:
            return queryset
        queryset = with_weakest_fact(queryset)
        return queryset.filter(weakest_fact=F(f"confidence_{self.value()}"))


MISSING = {
    Artist: {
        "birth_city": ("no birth city", Q(birth_city__isnull=True)),
        "disciplines": ("no disciplines", ~Q(pk__in=Artist.disciplines.through.objects.values("artist_id"))),
        "exhibitions": ("no exhibitions", ~Q(pk__in=Exhibition.artists.through.objects.values("artist_id"))),
        "works": ("no works", ~Q(pk__in=Work.objects.values("artist_id"))),
        "age": ("no age", Q(age__isnull=True)),
    },
    Exhibition: {
        "city": ("no city", Q(city__isnull=True)),
        "venue": ("no venue", Q(venue__isnull=True) | Q(venue="")),
        "year": ("no year", Q(year__isnull=True)),
    },
    Work: {"kind": ("kind not stated", Q(kind="other"))},
}


class MissingFieldFilter(admin.SimpleListFilter):
    """Records that lack a fact an editor may find in the story."""

    title = "missing"
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _) in MISSING[model_admin.model].items()]

    def queryset(self, request, queryset):
        missing = MISSING[queryset.model].get(self.value())
        return queryset.filter(missing[1]) if missing else queryset


# --- "mark reviewed", with a confirmation that counts what it clears ------------------------


def count_facts(record):
    """The extracted facts a review vouches for: each evidence span (each discipline counts)."""
    count = 0
    for value in (record.evidence or {}).values():
        if isinstance(value, dict) and "start" not in value:
            count += len(value)  # one span per discipline
        elif value:
            count += 1
    return count


@admin.action(description="Mark selected records as reviewed…", permissions=["change"])
def mark_reviewed(modeladmin, request, queryset):
    waiting = queryset.filter(reviewed=False)
    if request.POST.get("confirm") != "yes":
        records = list(waiting.select_related(None).only("pk", "evidence"))
        context = {
            **modeladmin.admin_site.each_context(request),
            "title": "Mark as reviewed?",
            "subtitle": None,
            "opts": modeladmin.model._meta,
            "selected": queryset.count(),
            "records": len(records),
            "facts": sum(count_facts(record) for record in records),
            "pks": list(queryset.values_list("pk", flat=True)),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": modeladmin.media,
        }
        request.current_app = modeladmin.admin_site.name
        return TemplateResponse(request, "admin/profiles/mark_reviewed_confirmation.html", context)
    count = facts = 0
    for record in waiting:
        record.reviewed = True
        record._change_reason = "marked reviewed"
        record.save(update_fields=["reviewed", "updated_at"])  # one by one, so history has each
        count += 1
        facts += count_facts(record)
    modeladmin.message_user(
        request, f"Marked {count} record(s) as reviewed, clearing {facts} fact(s) from the queue.", messages.SUCCESS
    )
    return None


# --- the change form, reached from the queue ------------------------------------------------


class ReviewQueueMixin:
    """Orders the queue by the weakest fact; "save and review next" on forms opened from it."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.GET.get(QUEUE_PARAMETER) == WAITING:
            queryset = with_weakest_fact(queryset)
        return queryset

    def get_ordering(self, request):
        if request.GET.get(QUEUE_PARAMETER) == WAITING:
            return [weakest_fact(self.model).asc(), "confidence", "pk"]
        return super().get_ordering(request)

    def get_list_display(self, request):
        shown = list(super().get_list_display(request))
        if request.GET.get(QUEUE_PARAMETER) == WAITING and "weakest_fact_display" not in shown:
            # The weakest fact says more than the record's own confidence (one of the facts), in its room.
            shown = [name for name in shown if name != "confidence"]
            shown.insert(min(len(shown), 2), "weakest_fact_display")
        return shown

    @admin.display(description="least sure", ordering="weakest_fact")
    def weakest_fact_display(self, obj):
        weakest = getattr(obj, "weakest_fact", None)
        if weakest is None:
            return "—"
        facts = [
            label for field, label in fact_kinds(type(obj)) if getattr(obj, f"confidence_{field}", None) == weakest
        ]
        if len(facts) > 2:  # a tie of many facts: name the first, say how many more
            return f"{weakest:.2f} ({facts[0]} and {len(facts) - 1} more)"
        return f"{weakest:.2f} ({', '.join(facts)})" if facts else f"{weakest:.2f}"

    def _queue_filters(self, request):
        """The changelist filters the form was opened with, when they are the review queue's."""
        preserved = QueryDict(request.GET.get("_changelist_filters", ""))
        return preserved if preserved.get(QUEUE_PARAMETER) == WAITING else None

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["from_review_queue"] = bool(change and self._queue_filters(request))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_change(self, request, obj):
        filters = self._queue_filters(request)
        if "_review_next" not in request.POST or filters is None:
            return super().response_change(request, obj)
        if not obj.reviewed:
            obj.reviewed = True
            obj._change_reason = "reviewed from the queue"
            obj.save(update_fields=["reviewed", "updated_at"])
        following = self._next_in_queue(request, filters, obj)
        opts = self.model._meta
        if following is None:
            self.message_user(request, f"Saved “{obj}”. The queue is empty.", messages.SUCCESS)
            return HttpResponseRedirect(
                f"{reverse(f'admin:{opts.app_label}_{opts.model_name}_changelist')}?{filters.urlencode()}"
            )
        self.message_user(request, f"Saved “{obj}” as reviewed. Next: “{following}”.", messages.SUCCESS)
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[following.pk])
        return HttpResponseRedirect(f"{url}?{_preserve(filters)}")

    def _next_in_queue(self, request, filters, current):
        """The first record of the queue, as the changelist with these filters would list it."""
        queue_request = copy.copy(request)
        queue_request.GET, queue_request.POST = filters, QueryDict()
        changelist = self.get_changelist_instance(queue_request)
        return changelist.get_queryset(queue_request).exclude(pk=current.pk).first()


def _preserve(filters):
    wrapped = QueryDict(mutable=True)
    wrapped["_changelist_filters"] = filters.urlencode()
    return wrapped.urlencode()
