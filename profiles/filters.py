"""Facets of the list pages (django-filter) and their counts.

A facet takes several values (``?discipline=painting&discipline=drawing``):
a row matches any of them, and must match every facet in use. Every facet
filters with ``pk__in`` subqueries rather than joins, so combined facets never
duplicate rows and need no DISTINCT. A value that names nothing (an unknown
slug, a malformed country code, a sort order we do not offer) or more than
MAX_FACET_VALUES values makes the filter form invalid; the list views answer
that with a 400.

Each FilterSet names its facets' rows once (``facet_rows``): the list shows
the top values of each, and the facet's own page (``FacetValuesView``) every
value, a page at a time.
"""

import re

import django_filters
from django import forms
from django.db.models import Count, Q
from taggit.models import Tag

from .models import Artist, City, Discipline, Exhibition, Work, tagged_items

FACET_SIZE = 12
MAX_FACET_VALUES = 10  # values of one facet in one address
# A longer ?q= is refused (400 page with the reason): no one types more, and full-text
# engines handle huge words badly (PostgreSQL refuses words over 2 KB in a tsquery).
QUERY_MAX_LENGTH = 200

ArtistCity = Artist.cities.through
ArtistDiscipline = Artist.disciplines.through


def tagged_ids(model, tag):
    """Ids of ``model`` objects carrying ``tag``, as a subquery."""
    return tagged_items(model).filter(tag=tag).values("object_id")


def facet(rows, value, label=None, *, count="pk", distinct=False, limit=FACET_SIZE, offset=0, display=None):
    """The facet's choices among ``rows``: [{"value", "label", "count"}], most common first.

    Rows are grouped on the ``value`` column (and its ``label`` column), counting
    ``count``; ``display(row)`` names a choice when its label is not a column.
    """
    columns = [value] if label is None else [value, label]
    grouped = rows.values(*columns).annotate(count=Count(count, distinct=distinct))
    grouped = grouped.order_by("-count", label or value, value)
    if limit is not None:
        grouped = grouped[offset : offset + limit]
    return [
        {"value": row[value], "label": display(row) if display else row[label or value], "count": row["count"]}
        for row in grouped
    ]


def tag_facet(model, ids):
    return {"rows": tagged_items(model, ids), "value": "tag__slug", "label": "tag__name", "count": "object_id"}


def kind_facet(rows, choices):
    labels = dict(choices)
    return {"rows": rows, "value": "kind", "display": lambda row: labels.get(row["kind"], row["kind"])}


class FacetValues(list):
    """A facet's top values; ``more`` when the facet has others beyond them (its own page lists them all)."""

    more = False


class FewValuesMixin:
    """At most MAX_FACET_VALUES values per facet: each value is one more condition in every query."""

    def validate(self, value):
        super().validate(value)
        if value and len(value) > MAX_FACET_VALUES:
            raise forms.ValidationError(f"At most {MAX_FACET_VALUES} values, please.")


class FewModelsField(forms.ModelMultipleChoiceField):
    def clean(self, value):
        if value and len(value) > MAX_FACET_VALUES:
            raise forms.ValidationError(f"At most {MAX_FACET_VALUES} values, please.")
        return list(super().clean(value))  # the records the check read: a list, so using them reads no more


class FewChoicesField(FewValuesMixin, forms.MultipleChoiceField):
    pass


class CountryCodesField(FewChoicesField):
    """Any two-letter codes (the catalogue names its countries by the cities it holds), upper-cased."""

    def to_python(self, value):
        return [code.upper() for code in super().to_python(value)]

    def valid_value(self, value):
        return bool(re.fullmatch(r"[A-Z]{2}", value))


class ManyFilter(django_filters.ModelMultipleChoiceFilter):
    """Records by slug, several at once; the FilterSet's ``method`` ORs them."""

    field_class = FewModelsField

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset=queryset, to_field_name="slug", **kwargs)


class ChoicesFilter(django_filters.MultipleChoiceFilter):
    field_class = FewChoicesField


class CountryFilter(django_filters.MultipleChoiceFilter):
    field_class = CountryCodesField

    def __init__(self, **kwargs):
        super().__init__(choices=(), **kwargs)


class FacetedFilterSet(django_filters.FilterSet):
    """A FilterSet whose facets are counted among its current results."""

    def facet_rows(self):
        """{facet name: keyword arguments of ``facet()``}, for the current results."""
        return {}

    def facets(self):
        """{facet name: its most common values among the current results (FacetValues)}."""
        facets = {}
        for name, arguments in self.facet_rows().items():
            limit = arguments.get("limit", FACET_SIZE)
            found = facet(**{**arguments, "limit": None if limit is None else limit + 1})
            values = FacetValues(found if limit is None else found[:limit])
            values.more = limit is not None and len(found) > limit
            facets[name] = values
        return facets

    def facet_values(self, name, offset, limit):
        """One page of a facet's values (None when there is no such facet)."""
        arguments = self.facet_rows().get(name)
        if arguments is None:
            return None
        return facet(**{**arguments, "limit": limit, "offset": offset})


class SortFilter(django_filters.ChoiceFilter):
    """``?sort=`` among named orderings: {value: (label, order_by fields)}."""

    def __init__(self, orderings, **kwargs):
        self.orderings = orderings
        super().__init__(choices=[(key, label) for key, (label, _) in orderings.items()], **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.order_by(*self.orderings[value][1])


class ArtistFilter(FacetedFilterSet):
    q = django_filters.CharFilter(method="search", label="Search", max_length=QUERY_MAX_LENGTH)
    city = ManyFilter(City.objects.all(), method="in_city", label="City")
    born = django_filters.ModelChoiceFilter(
        queryset=City.objects.all(), to_field_name="slug", field_name="birth_city", label="Born in"
    )
    country = CountryFilter(method="in_country", label="Country")
    discipline = ManyFilter(Discipline.objects.all(), method="with_discipline", label="Discipline")
    tag = ManyFilter(Tag.objects.all(), method="with_tag", label="Tag")
    # Every artist of one show, a page at a time: the show's own page and its API record list only the first.
    exhibition = django_filters.ModelChoiceFilter(
        queryset=Exhibition.objects.all(), to_field_name="slug", field_name="exhibitions", label="Exhibition"
    )
    sort = SortFilter(
        {"name": ("Name", ("name", "pk")), "recent": ("Recently added", ("-created_at", "-pk"))},
        label="Sort by",
        empty_label=None,
    )

    class Meta:
        model = Artist
        fields = []

    def search(self, queryset, name, value):
        return queryset.search(value)

    def in_city(self, queryset, name, cities):
        if not cities:
            return queryset
        named = ArtistCity.objects.filter(city__in=cities).values("artist_id")
        return queryset.filter(Q(birth_city__in=cities) | Q(pk__in=named))

    def in_country(self, queryset, name, codes):
        if not codes:
            return queryset
        named = ArtistCity.objects.filter(city__country_code__in=codes).values("artist_id")
        return queryset.filter(Q(birth_city__country_code__in=codes) | Q(pk__in=named))

    def with_discipline(self, queryset, name, disciplines):
        if not disciplines:
            return queryset
        return queryset.filter(pk__in=ArtistDiscipline.objects.filter(discipline__in=disciplines).values("artist_id"))

    def with_tag(self, queryset, name, tags):
        if not tags:
            return queryset
        return queryset.filter(pk__in=tagged_items(Artist).filter(tag__in=tags).values("object_id"))

    def facet_rows(self):
        """Cities, countries, disciplines and tags among the current results."""
        ids = self.qs.order_by().values("pk")
        cities = ArtistCity.objects.filter(artist_id__in=ids)
        return {
            "city": {
                "rows": cities,
                "value": "city__slug",
                "label": "city__name",
                "count": "artist_id",
                "distinct": True,
            },
            "country": {
                "rows": cities,
                "value": "city__country_code",
                "label": "city__country_name",
                "count": "artist_id",
                "distinct": True,
            },
            "discipline": {
                "rows": ArtistDiscipline.objects.filter(artist_id__in=ids),
                "value": "discipline__slug",
                "label": "discipline__name",
                "count": "artist_id",
                "limit": FACET_SIZE * 3,
            },
            "tag": tag_facet(Artist, ids),
        }


class WorkFilter(FacetedFilterSet):
    q = django_filters.CharFilter(method="search", label="Search", max_length=QUERY_MAX_LENGTH)
    kind = ChoicesFilter(choices=Work.Kind.choices, label="Kind")
    tag = ManyFilter(Tag.objects.all(), method="with_tag", label="Tag")
    artist = django_filters.ModelChoiceFilter(
        queryset=Artist.objects.all(), to_field_name="slug", field_name="artist", label="Artist"
    )
    sort = SortFilter(
        {
            "title": ("Title", ("title", "pk")),
            "recent": ("Recently added", ("-created_at", "-pk")),
        },
        label="Sort by",
        empty_label=None,
    )

    class Meta:
        model = Work
        fields = []

    def search(self, queryset, name, value):
        return queryset.search(value)

    def with_tag(self, queryset, name, tags):
        if not tags:
            return queryset
        return queryset.filter(pk__in=tagged_items(Work).filter(tag__in=tags).values("object_id"))

    def facet_rows(self):
        ids = self.qs.order_by().values("pk")
        return {
            "kind": {**kind_facet(Work.objects.filter(pk__in=ids), Work.Kind.choices), "limit": None},
            "tag": tag_facet(Work, ids),
        }


class ExhibitionFilter(FacetedFilterSet):
    q = django_filters.CharFilter(method="search", label="Search", max_length=QUERY_MAX_LENGTH)
    kind = ChoicesFilter(choices=Exhibition.Kind.choices, label="Kind")
    city = ManyFilter(City.objects.all(), method="in_city", label="City")
    country = CountryFilter(field_name="city__country_code", label="Country", distinct=False)
    year = django_filters.NumberFilter(field_name="year", label="Year", min_value=1, max_value=9999)
    artist = django_filters.ModelChoiceFilter(
        queryset=Artist.objects.all(), to_field_name="slug", field_name="artists", label="Artist"
    )
    sort = SortFilter(
        {
            "title": ("Title", ("title", "pk")),
            "year": ("Year", ("-year", "title", "pk")),
            "recent": ("Recently added", ("-created_at", "-pk")),
        },
        label="Sort by",
        empty_label=None,
    )

    class Meta:
        model = Exhibition
        fields = []

    def search(self, queryset, name, value):
        return queryset.search(value)

    def in_city(self, queryset, name, cities):
        return queryset.filter(city__in=cities) if cities else queryset

    def facet_rows(self):
        rows = Exhibition.objects.filter(pk__in=self.qs.order_by().values("pk"))
        located = rows.filter(city__isnull=False)
        return {
            "kind": {**kind_facet(rows, Exhibition.Kind.choices), "limit": None},
            "city": {"rows": located, "value": "city__slug", "label": "city__name"},
            "country": {"rows": located, "value": "city__country_code", "label": "city__country_name"},
        }


class CityFilter(FacetedFilterSet):
    q = django_filters.CharFilter(method="search", label="Search", max_length=QUERY_MAX_LENGTH)
    country = CountryFilter(field_name="country_code", label="Country", distinct=False)
    artist = django_filters.ModelChoiceFilter(
        queryset=Artist.objects.all(), to_field_name="slug", field_name="artists", label="Artist"
    )
    sort = SortFilter(
        {"name": ("Name", ("name", "country_code")), "artists": ("Most artists", ("-artist_count", "name"))},
        label="Sort by",
        empty_label=None,
    )

    class Meta:
        model = City
        fields = []

    def search(self, queryset, name, value):
        return queryset.search(value)

    def facet_rows(self):
        return {
            "country": {
                "rows": City.objects.filter(pk__in=self.qs.order_by().values("pk")),
                "value": "country_code",
                "label": "country_name",
                "limit": FACET_SIZE * 2,
                "display": lambda row: row["country_name"] or row["country_code"],
            },
        }
