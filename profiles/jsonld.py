"""schema.org JSON-LD for the public pages: one builder per kind of page, one for a Person.

Each builder takes the request (for absolute URLs) and what its page has
already loaded, so none of them queries the database. ``script`` writes the
block so no value can close the script element.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

CONTEXT = "https://schema.org"
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def script(data):
    """``data`` as a ``<script type="application/ld+json">`` element ("" when there is none)."""
    if not data:
        return ""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', SafeString(payload))


def absolute(request, obj_or_path):
    """The absolute URL of a record (its ``get_absolute_url``) or of a site path."""
    path = obj_or_path if isinstance(obj_or_path, str) else obj_or_path.get_absolute_url()
    return request.build_absolute_uri(path)


def person(request, artist):
    """An artist as a schema.org Person: the block every page that names an artist uses."""
    return {"@type": "Person", "name": artist.name, "url": absolute(request, artist)}


def creative_work(request, work):
    return {"@type": "CreativeWork", "name": work.title, "url": absolute(request, work)}


def _keywords(tagged_items):
    return ", ".join(item.tag.name for item in tagged_items)


def website(request):
    """The home page: the site, and how to search it."""
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": "The catalogue",
        "url": absolute(request, "/"),
        "potentialAction": {
            "@type": "SearchAction",
            "target": absolute(request, reverse("profiles:artist-list")) + "?q={search_term_string}",
            "query-input": "required name=search_term_string",
        },
    }


def artist_page(request, artist, *, disciplines, tagged_items, works):
    data = {"@context": CONTEXT, **person(request, artist)}
    if artist.summary:
        data["description"] = artist.summary
    if artist.birth_city:
        data["birthPlace"] = {
            "@type": "City",
            "name": artist.birth_city.name,
            "url": absolute(request, artist.birth_city),
        }
    if disciplines:
        data["knowsAbout"] = [discipline.name for discipline in disciplines]
    if tagged_items:
        data["keywords"] = _keywords(tagged_items)
    if works:
        data["subjectOf"] = [creative_work(request, work) for work in works]
    if artist.portrait:
        data["image"] = absolute(request, artist.portrait.url)
    return data


def work_page(request, work, *, tagged_items):
    data = {
        "@context": CONTEXT,
        **creative_work(request, work),
        "genre": work.get_kind_display(),
        "creator": person(request, work.artist),
    }
    if work.description:
        data["description"] = work.description
    if tagged_items:
        data["keywords"] = _keywords(tagged_items)
    if work.image:
        data["image"] = absolute(request, work.image.url)
    return data


def exhibition_page(request, exhibition, *, artists, works):
    data = {
        "@context": CONTEXT,
        "@type": "ExhibitionEvent",
        "name": exhibition.title,
        "url": absolute(request, exhibition),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
    }
    location = {"@type": "Place", "name": exhibition.venue or (exhibition.city.name if exhibition.city else "")}
    if exhibition.city:
        location["address"] = {
            "@type": "PostalAddress",
            "addressLocality": exhibition.city.name,
            "addressCountry": exhibition.city.country_code,
        }
    if location["name"]:
        data["location"] = location
    if exhibition.year:
        data["startDate"] = str(exhibition.year)
    if artists:
        data["performer"] = [person(request, artist) for artist in artists]
    if works:
        data["workFeatured"] = [creative_work(request, work) for work in works]
    return data


def city_page(request, city):
    data = {
        "@context": CONTEXT,
        "@type": "City",
        "name": city.name,
        "url": absolute(request, city),
        "containedInPlace": {"@type": "Country", "name": city.country_name or city.country_code},
    }
    if city.latitude is not None and city.longitude is not None:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": city.latitude, "longitude": city.longitude}
    return data


def story_page(request, story, *, artists):
    return {
        "@context": CONTEXT,
        "@type": "ShortStory",
        "name": story.source_name,
        "url": absolute(request, story),
        "about": [person(request, artist) for artist in artists],
    }
