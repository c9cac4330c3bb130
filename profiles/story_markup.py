"""The story page's text: paragraphs, linked mentions and anchored evidence, as HTML.

Story text is data: it is escaped first (``format_html`` / ``escape``) and only
then wrapped in our own markup. Mention links are worked out here, when the page
renders, from the story's own rows (its artist, works, exhibitions and the
cities of its record); a ``url`` stored in an older record is ignored.

Every step is one pass over the text's boundaries (sorted once), so the page's
time grows with the size of the story, not with the square of its mentions.
"""

import bisect
import itertools
import re
from collections import defaultdict

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from .extraction.story_record import StoryRecord
from .importing.keys import fold_value, title_key, work_key
from .models import City

# A paragraph: a run of text with no blank line inside it.
_PARAGRAPH = re.compile(r"(?:(?!\n[ \t]*\n)[\s\S])+")


# --- Evidence -----------------------------------------------------------------


def evidence_span(record, field, key=None, *, text=None):
    """The (start, end) offsets a record's fact came from, or None.

    ``field`` may list fallbacks: "venue|city|kind" takes the first one known.
    The span is read by the row's ``evidence_span`` (one rule for every reader);
    an empty one has nothing to point at.
    """
    if "|" in field:
        spans = (evidence_span(record, name, key, text=text) for name in field.split("|"))
        return next((span for span in spans if span), None)
    evidence = record.evidence_span(field, key, text=text) if hasattr(record, "evidence_span") else None
    if evidence is None or evidence.end <= evidence.start:
        return None
    return evidence.start, evidence.end


def anchor_id(start, end):
    return f"s-{start}-{end}"


def record_spans(record, text=None):
    """Every evidence span of a row, with its match: (start, end, match or None)."""
    spans = []
    evidence = record.evidence if isinstance(record.evidence, dict) else {}
    for field, span in evidence.items():
        keys = list(span) if isinstance(span, dict) and "start" not in span else [None]
        for key in keys:
            found = record.evidence_span(field, key, text=text)
            if found is not None and found.start < found.end:
                spans.append((found.start, found.end, found.match))
    return spans


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


# --- Mention links ----------------------------------------------------------------


class MentionLinks:
    """Where each kind of mention of one story leads, from the story's own rows.

    An ARTIST mention leads to the story's artist; a WORK to the story's work of
    that title (or, once an editor renamed it, of that import key); a VENUE to
    the story's exhibition at that venue; a CITY to the city of the record's
    city entry at those offsets or of that name, else to a city of the story's
    rows (its artists' birth cities, its exhibitions' cities) of that name.
    Cities the mentions need and no row brought along are fetched in one query.
    """

    def __init__(self, story, record, mentions, artists=(), works=(), exhibitions=()):
        self.artist = story.artist if story.artist_id else None
        works = sorted(works, key=lambda work: work.pk)
        self.works_by_title = {title_key(work.title): work for work in works}
        self.works_by_key = {work.import_key: work for work in works if work.import_key}
        self.venues = {fold_value(e.venue): e for e in sorted(exhibitions, key=lambda e: e.pk) if e.venue}
        known = [artist.birth_city for artist in artists] + [exhibition.city for exhibition in exhibitions]
        known = [city for city in known if city is not None]
        self.cities_by_name = {fold_value(city.name): city for city in known}
        self.cities = {(city.name, city.country_code): city for city in known}
        self.entries_by_span, self.entries_by_name = self._record_cities(record.cities)
        needed = {key for mention in mentions if mention.get("label") == "CITY" for key in self._entries(mention)}
        needed -= self.cities.keys()
        if needed:
            self.cities.update(City.objects.named(needed))

    @staticmethod
    def _record_cities(places):
        """The record's ``PlaceRef`` entries, as {(start, end): (name, country)} and {folded name: (name, country)}."""
        by_span, by_name = {}, {}
        for place in places:
            if not place.country:
                continue
            key = (place.name[:200], place.country.upper()[:2])
            by_name[fold_value(place.name)] = key
            if place.evidence is not None and place.evidence.match is not None:
                by_span[place.evidence.match] = key
        return by_span, by_name

    def _entries(self, mention):
        """The keys of the record's city entries a CITY mention may stand for, best first."""
        keys = (
            self.entries_by_span.get((mention.get("start"), mention.get("end"))),
            self.entries_by_name.get(fold_value(mention.get("text"))),
        )
        return [key for key in keys if key is not None]

    def url(self, mention):
        """The page a mention leads to, or None."""
        label, text = mention.get("label"), fold_value(mention.get("text"))
        target = None
        if label == "ARTIST":
            target = self.artist
        elif label == "CITY":
            cities = (self.cities.get(key) for key in self._entries(mention))
            target = next((city for city in cities if city is not None), None) or self.cities_by_name.get(text)
        elif label == "WORK":
            target = self.works_by_title.get(title_key(mention.get("text")))
            target = target or self.works_by_key.get(work_key(mention.get("text")))
        elif label == "VENUE":
            target = self.venues.get(text.removeprefix("the "))
        return target.get_absolute_url() if target is not None else None


def linked_mentions(story, artists=(), works=(), exhibitions=()):
    """The story record's mentions, each with the ``url`` of its page (when it has one) worked out now."""
    text = story.text or ""
    record = StoryRecord.from_json(story.record, text_length=len(text))
    if not record.mentions:
        return []
    # A url stored by an older import is not read; a mention without its text takes it from the offsets.
    mentions = [
        {**mention.to_json(), "text": mention.text or text[mention.start : mention.end]} for mention in record.mentions
    ]
    links = MentionLinks(story, record, mentions, artists, works, exhibitions)
    for mention in mentions:
        url = links.url(mention)
        if url:
            mention["url"] = url
    return mentions


# --- Story text -----------------------------------------------------------------


def _safe_url(url):
    """Only site-relative paths: nothing can smuggle in javascript: or another host."""
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
    starts = [start for start, _ in paragraphs]
    found = []
    for mention in mentions or ():
        try:
            start, end = int(mention["start"]), int(mention["end"])
        except (KeyError, TypeError, ValueError):
            continue
        if not 0 <= start < end <= size:
            continue
        index = bisect.bisect_right(starts, start) - 1  # the last paragraph starting at or before the mention
        if index < 0 or end > paragraphs[index][1]:
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


def _evidence_spans(evidence, size):
    """{(start, end): {match, ...}} of the spans that fit the text."""
    spans = {}
    for item in evidence:
        start, end = item[0], item[1]
        if not 0 <= start < end <= size:
            continue
        matches = spans.setdefault((start, end), set())
        match = item[2] if len(item) > 2 else None
        if match and start <= match[0] < match[1] <= end:
            matches.add(tuple(match))
    return spans


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

    One sweep from the start of the text to its end: the spans covering the
    current piece are kept in a dict (in (start, end) order, the order they open
    in), so each boundary is visited once.

    Returns (html, anchor ids).
    """
    text = text or ""
    size = len(text)
    spans = _evidence_spans(evidence, size)
    paragraphs = list(_paragraphs(text))
    links = _mention_links(mentions, size, paragraphs)
    ordered_spans = sorted(spans)

    # What opens and closes at each offset.
    opening, closing = defaultdict(list), defaultdict(list)
    match_opening, match_closing = defaultdict(list), defaultdict(list)
    for span in ordered_spans:  # sorted, so spans opening at one offset open in (start, end) order
        opening[span[0]].append(span)
        closing[span[1]].append(span)
        for match_start, match_end in spans[span]:
            match_opening[match_start].append(span)
            match_closing[match_end].append(span)
    cuts = sorted(
        {0, size, *opening, *closing, *match_opening, *match_closing, *(x for link in links for x in link[:2])}
    )
    events = sorted({*opening, *closing, *match_opening, *match_closing})
    link_at = {link[0]: link for link in links}

    covering = {}  # span -> its anchor id, for the spans covering the current piece, in (start, end) order
    matching = defaultdict(int)  # span -> how many of its matches cover the current piece
    unanchored = {}  # spans opened since the last piece, not yet given their anchor
    next_event = 0

    def advance(position):
        """Open and close everything at offsets up to ``position``."""
        nonlocal next_event
        while next_event < len(events) and events[next_event] <= position:
            at = events[next_event]
            next_event += 1
            for span in closing.get(at, ()):
                covering.pop(span, None)
                unanchored.pop(span, None)
            for span in match_closing.get(at, ()):
                matching[span] -= 1
            for span in opening.get(at, ()):
                covering[span] = unanchored[span] = anchor_id(*span)
            for span in match_opening.get(at, ()):
                matching[span] += 1

    html = []
    for p_start, p_end in paragraphs:
        first, last = bisect.bisect_right(cuts, p_start), bisect.bisect_left(cuts, p_end)
        points = [p_start, *cuts[first:last], p_end]
        out, open_link = [], None
        for a, b in itertools.pairwise(points):
            advance(a)
            for ident in unanchored.values():
                out.append(format_html('<span class="anchor" id="{}"></span>', ident))
            unanchored.clear()
            if open_link is None:
                open_link = link_at.get(a)
                if open_link and open_link[3]:
                    out.append(format_html('<a class="mention mention-{}" href="{}">', open_link[2], open_link[3]))
                elif open_link:
                    out.append(format_html('<span class="mention mention-{}">', open_link[2]))
            piece = escape(text[a:b]).replace("\n", "<br>\n")
            if covering:
                matched = [ident for span, ident in covering.items() if matching[span] > 0]
                piece = format_html(
                    '<span class="ev" data-ev="{}"{}>{}</span>',
                    " ".join(covering.values()),
                    format_html(' data-match="{}"', " ".join(matched)) if matched else "",
                    mark_safe(piece),
                )
            out.append(piece)
            if open_link and b == open_link[1]:
                out.append("</a>" if open_link[3] else "</span>")
                open_link = None
        html.append(format_html("<p>{}</p>", mark_safe("".join(out))))
    return mark_safe("\n".join(html)), [anchor_id(s, e) for s, e in ordered_spans]


def story_page(story, artists=(), works=(), exhibitions=()):
    """The story page's text and highlight rules: its mentions linked, the evidence of its rows anchored."""
    mentions = linked_mentions(story, artists, works, exhibitions)
    evidence = [span for item in (*artists, *works, *exhibitions) for span in record_spans(item, story.text)]
    html, ids = story_markup(story.text, mentions, evidence)
    return html, evidence_css(ids)
