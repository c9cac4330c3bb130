"""Facets of the list pages (django-filter) and their counts.

Every facet filters with ``pk__in`` subqueries rather than joins, so combined
facets never duplicate rows and need no DISTINCT. A value that names nothing
(an unknown slug, a malformed country code, a sort order we do not offer)
makes the filter form invalid; the list views answer that with a 400.
"""

import django_filters
from django import forms
from django.db.models import Count, Q
from taggit.models import Tag

from .models import Artist, City, Discipline, Exhibition, Work, tagged_items

FACET_SIZE = 12
# A longer ?q= is refused (400 page with the reason): no one types more, and full-text
# engines handle huge words badly (PostgreSQL refuses words over 2 KB in a tsquery).
QUERY_MAX_LENGTH = 200

ArtistCity = Artist.cities.through
ArtistDiscipline = Artist.disciplines.through


def tagged_ids(model, tag):
    """Ids of ``model`` objects carrying ``tag``, as a subquery."""
    return tagged_items(model).filter(tag=tag).values("object_id")


def facet(rows, value, label=None, *, count="pk", distinct=False, limit=FACET_SIZE, display=None):
    """The facet's choices among ``rows``: [{"value", "label", "count"}], most common first.

    Rows are grouped on the ``value`` column (and its ``label`` column), counting
    ``count``; ``display(row)`` names a choice when its label is not a column.
    """
    columns = [value] if label is None else [value, label]
    grouped = rows.values(*columns).annotate(count=Count(count, distinct=distinct)).order_by("-count", label or value)
    if limit is not None:
        grouped = grouped[:limit]
    return [
        {"value": row[value], "label": display(row) if display else row[label or value], "count": row["count"]}
        for row in grouped
    ]


def tag_facet(model, ids):
    return facet(tagged_items(model, ids), "tag__slug", "tag__name", count="object_id")


def kind_facet(rows, choices):
    labels = dict(choices)
    return facet(rows, "kind", limit=None, display=lambda row: labels.get(row["kind"], row["kind"]))


class CountryCodeField(forms.RegexField):
    def __init__(self, **kwargs):
        super().__init__(regex=r"^[A-Za-z]{2}$", **kwargs)

    def clean(self, value):
        value = super().clean(value)
        return value.upper() if value else value


class CountryFilter(django_filters.CharFilter):
    field_class = CountryCodeField


class SortFilter(django_filters.ChoiceFilter):
    """``?sort=`` among named orderings: {value: (label, order_by fields)}."""

    def __init__(self, orderings, **kwargs):
        self.orderings = orderings
        super().__init__(choices=[(key, label) for key, (label, _) in orderings.items()], **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.order_by(*self.orderings[value][1])


class ArtistFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search", max_length=QUERY_MAX_LENGTH)
    city = django_filters.ModelChoiceFilter(
        queryset=City.objects.all(), to_field_name="slug", method="in_city", label="City"
    )
    born = django_filters.ModelChoiceFilter(
        queryset=City.objects.all(), to_field_name="slug", field_name="birth_city", label="Born in"
    )
    country = CountryFilter(method="in_country", label="Country")
    discipline = django_filters.ModelChoiceFilter(
        queryset=Discipline.objects.all(), to_field_name="slug", method="with_discipline", label="Discipline"
    )
    tag = django_filters.ModelChoiceFilter(
        queryset=Tag.objects.all(), to_field_name="slug", method="with_tag", label="Tag"
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

    def in_city(self, queryset, name, city):
        return queryset.filter(Q(birth_city=city) | Q(pk__in=ArtistCity.objects.filter(city=city).values("artist_id")))

    def in_country(self, queryset, name, code):
        named = ArtistCity.objects.filter(city__country_code=code).values("artist_id")
        return queryset.filter(Q(birth_city__country_code=code) | Q(pk__in=named))

    def with_discipline(self, queryset, name, discipline):
        return queryset.filter(pk__in=ArtistDiscipline.objects.filter(discipline=discipline).values("artist_id"))

    def with_tag(self, queryset, name, tag):
        return queryset.filter(pk__in=tagged_ids(Artist, tag))

    def facets(self):
        """Counts of cities, countries, disciplines and tags among the current results."""
        ids = self.qs.order_by().values("pk")
        cities = ArtistCity.objects.filter(artist_id__in=ids)
        return {
            "city": facet(cities, "city__slug", "city__name", count="artist_id", distinct=True),
            "country": facet(cities, "city__country_code", "city__country_name", count="artist_id", distinct=True),
            "discipline": facet(
                ArtistDiscipline.objects.filter(artist_id__in=ids),
                "discipline__slug",
                "discipline__name",
                count="artist_id",
                limit=FACET_SIZE * 3,
            ),
            "tag": tag_facet(Artist, ids),
        }


class WorkFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search", max_length=QUERY_MAX_LENGTH)
    kind = django_filters.ChoiceFilter(choices=Work.Kind.choices, label="Kind")
    tag = django_filters.ModelChoiceFilter(
        queryset=Tag.objects.all(), to_field_name="slug", method="with_tag", label="Tag"
    )
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

    def with_tag(self, queryset, name, tag):
        return queryset.filter(pk__in=tagged_ids(Work, tag))

    def facets(self):
        ids = self.qs.order_by().values("pk")
        return {
            "kind": kind_facet(Work.objects.filter(pk__in=ids), Work.Kind.choices),
            "tag": tag_facet(Work, ids),
        }


class ExhibitionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search", max_length=QUERY_MAX_LENGTH)
    kind = django_filters.ChoiceFilter(choices=Exhibition.Kind.choices, label="Kind")
    city = django_filters.ModelChoiceFilter(
        queryset=City.objects.all(), to_field_name="slug", field_name="city", label="City"
    )
    country = CountryFilter(field_name="city__country_code", label="Country")
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

    def facets(self):
        rows = Exhibition.objects.filter(pk__in=self.qs.order_by().values("pk"))
        located = rows.filter(city__isnull=False)
        return {
            "kind": kind_facet(rows, Exhibition.Kind.choices),
            "city": facet(located, "city__slug", "city__name"),
            "country": facet(located, "city__country_code", "city__country_name"),
        }


class CityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search", max_length=QUERY_MAX_LENGTH)
    country = CountryFilter(field_name="country_code", label="Country")
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

    def facets(self):
        return {
            "country": facet(
                City.objects.filter(pk__in=self.qs.order_by().values("pk")),
                "country_code",
                "country_name",
                limit=FACET_SIZE * 2,
                display=lambda row: row["country_name"] or row["country_code"],
            ),
        }
