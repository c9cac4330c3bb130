"""Sidebar filters an editor asks for: country, confidence band, review state."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.main import PAGE_VAR
from django.db.models import Q
from django.http import QueryDict

from ..models import City

CONFIDENCE_BANDS = {
    "low": ("low (under 0.5)", Q(confidence__lt=0.5)),
    "medium": ("medium (0.5 to 0.8)", Q(confidence__gte=0.5, confidence__lt=0.8)),
    "high": ("high (0.8 and over)", Q(confidence__gte=0.8)),
}


class ConfidenceFilter(admin.SimpleListFilter):
    """How sure the extractor was, in three bands rather than a hundred values."""

    title = "confidence"
    parameter_name = "confidence_band"

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _) in CONFIDENCE_BANDS.items()]

    def queryset(self, request, queryset):
        band = CONFIDENCE_BANDS.get(self.value())
        return queryset.filter(band[1]) if band else queryset


class ReviewFilter(admin.SimpleListFilter):
    """The review queue: records nobody has checked yet, least sure first (see ``get_ordering``)."""

    title = "review"
    parameter_name = "review"
    WAITING = "waiting"

    def lookups(self, request, model_admin):
        return [(self.WAITING, "Waiting for review, least sure first"), ("done", "Reviewed")]

    def queryset(self, request, queryset):
        if self.value() == self.WAITING:
            return queryset.filter(reviewed=False)
        if self.value() == "done":
            return queryset.filter(reviewed=True)
        return queryset


class DropdownFilter(admin.SimpleListFilter):
    """A long filter as one dropdown (searchable with ``admin-catalogue/filters.js``), not a page of links.

    A GET form with the list's other parameters, so it works without scripts too.
    """

    template = "admin/profiles/dropdown_filter.html"

    def choices(self, changelist):
        others = QueryDict(changelist.get_query_string(remove=[self.parameter_name, PAGE_VAR]).lstrip("?"))
        self.other_parameters = [(name, value) for name, values in others.lists() for value in values]
        yield {"selected": self.value() is None, "value": "", "display": "All"}
        for value, label in self.lookup_choices:
            yield {"selected": self.value() == str(value), "value": value, "display": label}


def country_filter(lookup, title="country"):
    """A filter on the country of the city at ``lookup`` (say "birth_city__country_code"), by name."""

    class CountryFilter(DropdownFilter):
        parameter_name = lookup.replace("__country_code", "_country")

        def lookups(self, request, model_admin):
            countries = {}
            for code, name in City.objects.order_by("country_name", "country_code").values_list(
                "country_code", "country_name"
            ):
                countries.setdefault(code, f"{name} ({code})" if name else code)
            return sorted(countries.items(), key=lambda item: item[1])

        def queryset(self, request, queryset):
            if self.value():
                return queryset.filter(**{lookup: self.value()}).distinct()
            return queryset

    CountryFilter.title = title
    CountryFilter.__name__ = f"CountryFilter_{lookup}"
    return CountryFilter


class DropdownFilterMedia:
    """For admins with a ``DropdownFilter``: the admin's select2 (searchable dropdowns) and the filters' script."""

    @property
    def media(self):
        extra = "" if settings.DEBUG else ".min"  # as the admin's own media, so the two merge
        return super().media + forms.Media(
            js=[
                f"admin/js/vendor/jquery/jquery{extra}.js",
                f"admin/js/vendor/select2/select2.full{extra}.js",
                "admin/js/jquery.init.js",
                "admin/js/autocomplete.js",
                "admin-catalogue/filters.js",
                "admin-catalogue/select2-labels.js",
            ],
            css={"screen": [f"admin/css/vendor/select2/select2{extra}.css", "admin/css/autocomplete.css"]},
        )


def city_filter(lookup, title="city"):
    """A filter on the city at ``lookup`` (say "birth_city"): an autocomplete over the catalogue's cities.

    Thousands of cities make no list of links: the page lists none, and the
    autocomplete asks for them as the editor types.
    """

    class CityFilter(admin.SimpleListFilter):
        parameter_name = lookup
        template = "admin/profiles/city_filter.html"

        def lookups(self, request, model_admin):
            chosen = City.objects.filter(pk=self.value()).first() if (self.value() or "").isdigit() else None
            return [(str(chosen.pk), str(chosen))] if chosen else []

        def has_output(self):
            return True

        def choices(self, changelist):
            others = QueryDict(changelist.get_query_string(remove=[self.parameter_name, PAGE_VAR]).lstrip("?"))
            self.other_parameters = [(name, value) for name, values in others.lists() for value in values]
            from .gazetteer import GazetteerSelect

            widget = GazetteerSelect(catalogue_only=True, attrs={"id": f"filter-{self.parameter_name}"})
            self.widget_html = widget.render(self.parameter_name, self.value())
            return []

        def queryset(self, request, queryset):
            if (self.value() or "").isdigit():
                return queryset.filter(**{f"{lookup}_id": self.value()})
            return queryset

    CityFilter.title = title
    CityFilter.__name__ = f"CityFilter_{lookup}"
    return CityFilter
