"""Template helpers of the public catalogue.

Story text is data: everything here that turns it into HTML escapes it first
(``format_html`` / ``escape``) and only then adds our own markup.
"""

import itertools
import json
import math
import re

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
# A paragraph: a run of text with no blank line inside it.
_PARAGRAPH = re.compile(r"(?:(?!\n[ \t]*\n)[\s\S])+")


# --- Evidence -----------------------------------------------------------------


def evidence_span(record, field, key=None):
    """The (start, end) offsets a record's fact came from, or None.

    ``field`` may list fallbacks: "venue|city|kind" takes the first one known.
    """
    if "|" in field:
        spans = (evidence_span(record, name, key) for name in field.split("|"))
        return next((span for span in spans if span), None)
    span = (getattr(record, "evidence", None) or {}).get(field)
    if key is not None:
        span = span.get(key) if isinstance(span, dict) else None
    if not isinstance(span, dict):
        return None
    try:
        start, end = int(span["start"]), int(span["end"])
    except (KeyError, TypeError, ValueError):
        return None
    if start < 0 or end <= start:
        return None
    return start, end


def anchor_id(start, end):
    return f"s-{start}-{end}"


@register.simple_tag
def evidence_url(record, field, key=None):
    """The story page, scrolled to the sentence a fact came from ("" when unknown)."""
    span = evidence_span(record, field, key)
    if span is None or not getattr(record, "story_id", None):
        return ""
    return f"{record.story.get_absolute_url()}#{anchor_id(*span)}"


@register.simple_tag
def evidence_link(record, field, label, key=None):
    """A small link from a fact to the sentence of the story it came from."""
    url = evidence_url(record, field, key)
    if not url:
        return ""
    start, end = evidence_span(record, field, key)
    sentence = " ".join(record.story.text[start:end].split())
    return format_html(
        '<a class="evidence-link" href="{}" title="{}">'
        '<span aria-hidden="true">¶</span><span class="visually-hidden">Source sentence for {}</span></a>',
        url,
        sentence,
        label,
    )


# --- Story text -----------------------------------------------------------------


def _safe_url(url):
    """Only site-relative paths: a story record can never smuggle in javascript: or another host."""
    return isinstance(url, str) and url.startswith("/") and not url.startswith("//") and "\\" not in url


def _paragraphs(text):
    """(start, end) of each paragraph: runs of text with no blank line inside."""
    for match in _PARAGRAPH.finditer(text):
        start, end = match.span()
        while start < end and text[start] in "\r\n":
            start += 1
        if text[start:end].strip():
            yield start, end


def _mention_links(mentions, size, paragraphs):
    """Mentions that fit the text and one paragraph, without overlapping one another."""
    found = []
    for mention in mentions or ():
        try:
            start, end = int(mention["start"]), int(mention["end"])
        except (KeyError, TypeError, ValueError):
            continue
        if not 0 <= start < end <= size or not any(p <= start and end <= q for p, q in paragraphs):
            continue
        kind = re.sub(r"[^a-z]", "", str(mention.get("label") or "").lower()) or "other"
        url = mention.get("url")
        found.append((start, end, kind, url if _safe_url(url) else None))
    links, last_end = [], -1
    for link in sorted(found, key=lambda item: (item[0], -item[1])):
        if link[0] >= last_end:  # the outermost of nested mentions; crossing ones are dropped
            links.append(link)
            last_end = link[1]
    return links


def story_markup(text, mentions=(), evidence=()):
    """The story as HTML paragraphs, mentions linked, every evidence span anchored.

    ``mentions``: dicts with start, end, label and an optional ``url`` (a site
    path; anything else is not linked). ``evidence``: (start, end) or
    (start, end, (match_start, match_end)) spans. Spans may nest, overlap or
    cross paragraphs: the text is cut at every boundary, each piece lists the
    spans covering it in ``data-ev``, and each span gets an empty anchor
    ``<span id="s-START-END">`` where it begins. ``evidence_css`` highlights the
    pieces of the span in the address's fragment. Offsets are character offsets
    into ``text``; impossible ones are ignored.

    Returns (html, anchor ids).
    """
    text = text or ""
    size = len(text)
    spans = {}
    for item in evidence:
        start, end = item[0], item[1]
        if not 0 <= start < end <= size:
            continue
        matches = spans.setdefault((start, end), set())
        match = item[2] if len(item) > 2 else None
        if match and start <= match[0] < match[1] <= end:
            matches.add(tuple(match))
    paragraphs = list(_paragraphs(text))
    links = _mention_links(mentions, size, paragraphs)
    cuts = {0, size}
    for (start, end), matches in spans.items():
        cuts.update((start, end))
        for match in matches:
            cuts.update(match)
    for start, end, _, _ in links:
        cuts.update((start, end))
    ordered_spans = sorted(spans)
    anchored = set()
    html = []
    for p_start, p_end in paragraphs:
        points = [p_start, *sorted(cut for cut in cuts if p_start < cut < p_end), p_end]
        out, open_link = [], None
        for a, b in itertools.pairwise(points):
            for start, end in ordered_spans:
                if (start, end) not in anchored and start <= a < end:
                    anchored.add((start, end))
                    out.append(format_html('<span class="anchor" id="{}"></span>', anchor_id(start, end)))
            if open_link is None:
                open_link = next((link for link in links if link[0] == a), None)
                if open_link and open_link[3]:
                    out.append(format_html('<a class="mention mention-{}" href="{}">', open_link[2], open_link[3]))
                elif open_link:
                    out.append(format_html('<span class="mention mention-{}">', open_link[2]))
            piece = escape(text[a:b]).replace("\n", "<br>\n")
            covering = [anchor_id(s, e) for s, e in ordered_spans if s <= a and b <= e]
            if covering:
                matched = [
                    anchor_id(s, e) for s, e in ordered_spans if any(m <= a and b <= n for m, n in spans[(s, e)])
                ]
                piece = format_html(
                    '<span class="ev" data-ev="{}"{}>{}</span>',
                    " ".join(covering),
                    format_html(' data-match="{}"', " ".join(matched)) if matched else "",
                    mark_safe(piece),
                )
            out.append(piece)
            if open_link and b == open_link[1]:
                out.append("</a>" if open_link[3] else "</span>")
                open_link = None
        html.append(format_html("<p>{}</p>", mark_safe("".join(out))))
    return mark_safe("\n".join(html)), [anchor_id(s, e) for s, e in ordered_spans]


def evidence_css(ids):
    """Highlights for the evidence span named in the address's fragment (ids are digits only)."""
    if not ids:
        return ""
    safe = [ident for ident in ids if re.fullmatch(r"s-\d+-\d+", ident)]
    sentence = ",\n".join(f'.story__text:has(#{ident}:target) [data-ev~="{ident}"]' for ident in safe)
    words = ",\n".join(f'.story__text:has(#{ident}:target) [data-match~="{ident}"]' for ident in safe)
    return mark_safe(
        f"{sentence} {{ background: var(--mark); box-shadow: 0 0.1em 0 var(--mark-edge); }}\n"
        f"{words} {{ text-decoration: underline 2px; text-underline-offset: 0.2em; font-weight: 600; }}"
    )


def record_spans(record):
    """Every evidence span of a record, with its match: (start, end, match or None)."""
    spans = []
    for field, span in (getattr(record, "evidence", None) or {}).items():
        keys = list(span) if isinstance(span, dict) and "start" not in span else [None]
        for key in keys:
            offsets = evidence_span(record, field, key)
            if not offsets:
                continue
            detail = span.get(key) if key is not None else span
            match = detail.get("match") if isinstance(detail, dict) else None
            try:
                match = (int(match[0]), int(match[1])) if match else None
            except (TypeError, ValueError, IndexError):
                match = None
            spans.append((*offsets, match))
    return spans


def story_page(story, records=()):
    """The story page's text and highlight rules, for the evidence of ``records``."""
    record = story.record if isinstance(story.record, dict) else {}
    mentions = record.get("mentions")
    evidence = [span for item in records for span in record_spans(item)]
    html, ids = story_markup(story.text, mentions if isinstance(mentions, list) else (), evidence)
    return html, evidence_css(ids)


# --- JSON-LD and small helpers --------------------------------------------------------


@register.simple_tag
def json_ld(data):
    """A schema.org JSON-LD block, escaped so no value can close the script element."""
    if not data:
        return ""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', SafeString(payload))


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
