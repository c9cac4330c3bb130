"""Template helpers of the public catalogue: thin wrappers over ``story_markup`` and ``jsonld``.

Story text is data: everything here that turns it into HTML escapes it first
(``format_html``) and only then adds our own markup.
"""

import math

from django import template
from django.utils.html import format_html
from django.utils.text import Truncator

from .. import jsonld
from ..story_markup import anchor_id, evidence_span

register = template.Library()


# --- Evidence -----------------------------------------------------------------


@register.simple_tag
def evidence_url(record, field, key=None):
    """The story page, scrolled to the sentence a fact came from ("" when unknown)."""
    if not getattr(record, "story_id", None):
        return ""
    span = evidence_span(record, field, key, text=record.story.text)
    if span is None:
        return ""
    return f"{record.story.get_absolute_url()}#{anchor_id(*span)}"


@register.simple_tag
def evidence_link(record, field, label, key=None):
    """A small link from a fact to the sentence of the story it came from."""
    url = evidence_url(record, field, key)
    if not url:
        return ""
    start, end = evidence_span(record, field, key, text=record.story.text)
    # At most a few hundred characters, however long the sentence: a title attribute, once per fact.
    sentence = Truncator(" ".join(record.story.text[start : min(end, start + 400)].split())).chars(240)
    return format_html(
        '<a class="evidence-link" href="{}" title="{}">'
        '<span aria-hidden="true">¶</span><span class="visually-hidden">Source sentence for {}</span></a>',
        url,
        sentence,
        label,
    )


# --- JSON-LD and small helpers --------------------------------------------------------


@register.simple_tag
def json_ld(data):
    """A schema.org JSON-LD block, escaped so no value can close the script element."""
    return jsonld.script(data)


@register.filter
def cloud_size(count, maximum):
    """A tag's weight in the cloud, 1 to 5, on a log scale of its count."""
    try:
        count, maximum = int(count), int(maximum)
    except (TypeError, ValueError):
        return 1
    if maximum <= 1 or count <= 1:
        return 1
    return 1 + round(4 * math.log(count) / math.log(maximum))


@register.simple_tag(takes_context=True)
def querystring_set(context, key, value):
    """The current query string with ``key`` set to ``value`` (or removed when None), back on page 1."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    if value is None or value == "":
        params.pop(key, None)
    else:
        params[key] = str(value)
    return f"?{params.urlencode()}" if params else "?"


@register.simple_tag(takes_context=True)
def querystring_toggle(context, key, value):
    """The current query string with ``value`` added to ``key``'s values, or taken out when it is one of them;
    back on page 1. (Facets take several values: a row matches any value of a facet.)"""
    params = context["request"].GET.copy()
    params.pop("page", None)
    values = params.getlist(key)
    value = str(value)
    params.setlist(key, [other for other in values if other != value] if value in values else [*values, value])
    return f"?{params.urlencode()}" if params else "?"


@register.filter
def related_reason(artist):
    """What a related artist shares, in words ("2 cities, 1 exhibition")."""
    parts = []
    for attribute, singular, plural in (
        ("shared_exhibitions", "exhibition", "exhibitions"),
        ("shared_tags", "tag", "tags"),
        ("shared_cities", "city", "cities"),
        ("shared_disciplines", "discipline", "disciplines"),
    ):
        count = getattr(artist, attribute, 0) or 0
        if count:
            parts.append(f"{count} {singular if count == 1 else plural}")
    return f"Shares {', '.join(parts)}" if parts else ""
