"""Choosing a city from the gazetteer: an autocomplete over its names and alternate names.

The admin's own select2 (shipped with Django's admin) asks ``CityAdmin``'s
``gazetteer/`` address for choices: the catalogue's cities first, then the
gazetteer's (``profiles.extraction.gazetteer``) with their country and
population. A gazetteer city is sent as ``geonames:<id>`` and becomes a City
row, with its country, coordinates and GeoNames id, only when a form saves it;
it is found again under the name and country the importer uses, so the two
never make twins. A city that is not in the gazetteer is added by hand on the
city form, and is shown as such wherever it is offered.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import JsonResponse
from django.urls import reverse
from django.utils.html import format_html

from ..extraction.gazetteer import CityMatch, default_gazetteer
from ..models import City

GEONAMES_PREFIX = "geonames:"
MAX_RESULTS = 20
MIN_GAZETTEER_TERM = 2  # one letter matches thousands of names: wait for the second
MAX_TERM = 100
NOT_IN_GAZETTEER = "added by hand, not in the gazetteer"


def gazetteer():
    return default_gazetteer()


def gazetteer_label(match, alias=None):
    """ "Almaty, Kazakhstan (KZ) · 1,977,011 people", with the alternate name it was found by."""
    also = f" · also “{alias}”" if alias else ""
    return f"{match.name}, {match.country_name} ({match.country}) · {match.population:,} people{also}"


def city_label(city):
    country = f"{city.country_name} ({city.country_code})" if city.country_name else city.country_code
    if city.geonames_id is None:
        return f"{city.name}, {country} · {NOT_IN_GAZETTEER}"
    return f"{city.name}, {country} · in the catalogue"


def choices(term, limit=MAX_RESULTS, *, catalogue_only=False):
    """[(value, label, details)] for ``term``: catalogue cities, then gazetteer cities not in the catalogue yet.

    ``details`` are what the city form fills in from a gazetteer city (None for a catalogue city).
    """
    term = " ".join((term or "").split())[:MAX_TERM]
    if not term:
        return []
    known = list(City.objects.filter(name__istartswith=term).order_by("name", "country_code")[:limit])
    found = [(str(city.pk), city_label(city), None) for city in known]
    if len(term) < MIN_GAZETTEER_TERM or catalogue_only:
        return found
    taken = {city.geonames_id for city in known} | {(city.name, city.country_code) for city in known}
    for match, alias in gazetteer().complete(term, limit=limit):
        if len(found) >= limit:
            break
        if match.geonameid in taken or (match.name, match.country) in taken:
            continue
        found.append((f"{GEONAMES_PREFIX}{match.geonameid}", gazetteer_label(match, alias), city_details(match)))
    return found[:limit]


def gazetteer_view(model_admin):
    """The JSON select2 asks for: ``{"results": [{"id", "text"}], "pagination": {"more": false}}``.

    With ``catalogue`` in the query, only the catalogue's cities (for the list filters).
    """

    def view(request):
        if not model_admin.has_view_permission(request):
            raise PermissionDenied
        results = [
            {"id": value, "text": label, **({"details": details} if details else {})}
            for value, label, details in choices(request.GET.get("term"), catalogue_only="catalogue" in request.GET)
        ]
        return JsonResponse({"results": results, "pagination": {"more": False}})

    return view


def match_for(value):
    """The gazetteer city of a ``geonames:<id>`` value, or None when the value is not one."""
    if not isinstance(value, str) or not value.startswith(GEONAMES_PREFIX):
        return None
    number = value.removeprefix(GEONAMES_PREFIX)
    match = gazetteer().city(int(number)) if number.isdigit() else None
    if match is None:
        raise ValidationError("That city is not in the gazetteer.", code="invalid_choice")
    return match


def city_details(match: CityMatch):
    """A gazetteer city as the City model's fields."""
    return {
        "name": match.name,
        "country_code": match.country,
        "country_name": match.country_name,
        "latitude": match.latitude,
        "longitude": match.longitude,
        "geonames_id": match.geonameid,
    }


def city_from_gazetteer(match: CityMatch):
    """The catalogue's City for a gazetteer city, created (or its missing details filled) as needed."""
    details = city_details(match)
    del details["name"], details["country_code"]
    try:
        with transaction.atomic():
            city, created = City.objects.get_or_create(name=match.name, country_code=match.country, defaults=details)
    except IntegrityError:  # created at the same moment elsewhere
        city, created = City.objects.get(name=match.name, country_code=match.country), False
    if not created:
        missing = {name: value for name, value in details.items() if getattr(city, name) in (None, "")}
        if missing:
            for name, value in missing.items():
                setattr(city, name, value)
            city._change_reason = "details filled from the gazetteer"
            city.save()
    return city


class GazetteerSelect(forms.Select):
    """The admin's select2 autocomplete, asking the gazetteer; only the chosen option is rendered."""

    def __init__(self, attrs=None, *, allow_clear=True, catalogue_only=False):
        super().__init__(attrs)
        self.allow_clear, self.catalogue_only = allow_clear, catalogue_only

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs.update(
            {
                "class": " ".join(filter(None, [attrs.get("class", ""), "admin-autocomplete gazetteer-city"])),
                "data-ajax--cache": "true",
                "data-ajax--delay": 250,
                "data-ajax--type": "GET",
                "data-ajax--url": reverse("admin:profiles_city_gazetteer")
                + ("?catalogue" if self.catalogue_only else ""),
                "data-theme": "admin-autocomplete",
                "data-allow-clear": "true" if self.allow_clear else "false",
                "data-placeholder": "Type a city's name",
                "data-app-label": "profiles",
                "data-model-name": "city",
                "data-field-name": "name",
            }
        )
        return attrs

    def optgroups(self, name, value, attrs=None):
        options = [self.create_option(name, "", "", False, 0)]
        for index, chosen in enumerate(v for v in value if v not in ("", None)):
            label = self.label_for(chosen)
            if label:
                options.append(self.create_option(name, chosen, label, True, index + 1))
        return [(None, options, 0)]

    @staticmethod
    def label_for(value):
        value = str(value)
        if value.startswith(GEONAMES_PREFIX):
            try:
                match = match_for(value)
            except ValidationError:
                return None
            return gazetteer_label(match)
        city = City.objects.filter(pk=value).first() if value.isdigit() else None
        return city_label(city) if city else None

    @property
    def media(self):
        extra = "" if settings.DEBUG else ".min"  # as the admin's own media, so the two merge
        return forms.Media(
            js=(
                f"admin/js/vendor/jquery/jquery{extra}.js",
                f"admin/js/vendor/select2/select2.full{extra}.js",
                "admin/js/jquery.init.js",
                "admin/js/autocomplete.js",
                "admin-catalogue/gazetteer.js",
                "admin-catalogue/select2-labels.js",
            ),
            css={"screen": (f"admin/css/vendor/select2/select2{extra}.css", "admin/css/autocomplete.css")},
        )


class GazetteerCityField(forms.ModelChoiceField):
    """A City, or a gazetteer city (``geonames:<id>``) that becomes one."""

    def __init__(self, queryset=None, **kwargs):
        kwargs.setdefault("widget", GazetteerSelect)
        kwargs.setdefault(
            "help_text",
            "Type a few letters of the city's name (or an old name): the gazetteer fills in its country, "
            "coordinates and GeoNames id. A city it does not know is added by hand with the + button.",
        )
        super().__init__(queryset if queryset is not None else City.objects.all(), **kwargs)

    def to_python(self, value):
        match = match_for(value)
        if match is not None:
            return city_from_gazetteer(match)
        return super().to_python(value)

    def label_from_instance(self, obj):
        return city_label(obj)


def in_gazetteer_html(city):
    """For the city list: say plainly which cities were added by hand."""
    if city.geonames_id is None:
        return format_html('<span class="by-hand-mark" title="{}">added by hand</span>', NOT_IN_GAZETTEER)
    return ""
