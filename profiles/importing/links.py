"""Mention links stored with a story's record at import, for the story page.

Temporary: the story page is to build these links when it renders; this module
goes once it does.
"""

import re

from django.urls import get_script_prefix, reverse

from .keys import fold_value, title_key

ASCII_SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")
_URL_SLUG_MARK = "slug-mark-0"
_slug_url_parts = {}


def slug_url(viewname, slug):
    """``reverse(viewname, kwargs={"slug": slug})``, with the URLconf walked once per view.

    An import links every city, work and exhibition a story mentions: thousands of reverses.
    """
    if not ASCII_SLUG.match(slug):
        return reverse(viewname, kwargs={"slug": slug})  # reverse() percent-encodes the rest
    key = (viewname, get_script_prefix())
    parts = _slug_url_parts.get(key)
    if parts is None:
        parts = _slug_url_parts[key] = reverse(viewname, kwargs={"slug": _URL_SLUG_MARK}).split(_URL_SLUG_MARK)
    return slug.join(parts)


def link_mentions(shared, record, artist, works, exhibitions):
    """``record`` with each recognised mention given the URL of its page.

    ``works``: the story's works by ``title_key``; ``exhibitions``: its exhibitions.
    """
    mentions = record.get("mentions")
    if not mentions:
        return record
    city_urls = {}
    for city_record in record.get("cities") or []:
        ref = shared.city(city_record)
        if ref is None:
            continue
        url = slug_url("profiles:city-detail", ref.slug)
        city_urls[fold_value(city_record.get("name"))] = url
        match = (city_record.get("evidence") or {}).get("match")
        if isinstance(match, list) and len(match) == 2:
            city_urls[tuple(match)] = url
    venue_urls = {fold_value(e.venue): e for e in exhibitions if e.venue}
    artist_url = slug_url("profiles:artist-detail", artist.slug) if artist is not None else None
    linked = []
    for mention in mentions:
        mention = dict(mention)
        label, text = mention.get("label"), fold_value(mention.get("text"))
        url = None
        if label == "ARTIST":
            url = artist_url
        elif label == "CITY":
            url = city_urls.get((mention.get("start"), mention.get("end"))) or city_urls.get(text)
        elif label == "WORK":
            work = works.get(title_key(mention.get("text")))
            url = slug_url("profiles:work-detail", work.slug) if work else None
        elif label == "VENUE":
            exhibition = venue_urls.get(text.removeprefix("the "))
            url = slug_url("profiles:exhibition-detail", exhibition.slug) if exhibition else None
        if url:
            mention["url"] = url
        linked.append(mention)
    return {**record, "mentions": linked}
