"""Where a record came from: the story and, per field, the sentence it was read in.

Story text is data from outside: it is only ever passed through ``format_html``
arguments (escaped), never marked safe, so markup in a story shows as text.
"""

from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join

EMPTY = "—"


def span_bounds(text, span):
    """(start, end, match_start, match_end) clamped to the text, or None when unusable.

    ``match`` is where the words that gave the value sit, as offsets into the
    story like ``start``/``end``; it is dropped when it lies outside the sentence.
    """
    if not isinstance(span, dict):
        return None
    start, end = span.get("start"), span.get("end")
    if not _is_offset(start) or not _is_offset(end):
        return None
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    if end <= start:
        return None
    match = span.get("match")
    if (
        isinstance(match, list | tuple)
        and len(match) == 2
        and all(_is_offset(offset) for offset in match)
        and start <= match[0] < match[1] <= end
    ):
        return start, end, match[0], match[1]
    return start, end, None, None


def _is_offset(value):
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def sentence_html(text, span):
    """The evidence sentence, escaped, with the matched words in ``<mark>``."""
    bounds = span_bounds(text, span)
    if bounds is None:
        return None
    start, end, match_start, match_end = bounds
    if match_start is None:
        return format_html('<q class="evidence">{}</q>', " ".join(text[start:end].split()))
    return format_html(
        '<q class="evidence">{}<mark>{}</mark>{}</q>',
        text[start:match_start].lstrip(),
        text[match_start:match_end],
        text[match_end:end].rstrip(),
    )


def evidence_html(record, field_name):
    """The evidence for one field of ``record``, ready for a read-only admin field."""
    if not record or not record.story_id:
        return EMPTY
    span = (record.evidence or {}).get(field_name)
    text = record.story.text
    if isinstance(span, dict) and "start" not in span:
        # One sentence per value, as for an artist's disciplines.
        rows = [(label, sentence_html(text, value)) for label, value in span.items()]
        rows = [(label, sentence) for label, sentence in rows if sentence]
        if not rows:
            return EMPTY
        return format_html('<ul class="evidence-list">{}</ul>', format_html_join("", "<li><b>{}</b>: {}</li>", rows))
    return sentence_html(text, span) or EMPTY


def story_html(record):
    """A link to the record's story (the evidence's) and, for an artist, to their other stories."""
    story = getattr(record, "story", None)
    if story is None:
        return "Added by hand (no story)."
    html = _story_link(story)
    others = record.stories.exclude(pk=story.pk) if hasattr(record, "stories") else []
    if others:
        html = format_html(
            "{}<br>Also told in: {}", html, format_html_join(", ", "{}", ((_story_link(other),) for other in others))
        )
    return html


def _story_link(story):
    admin_url = reverse("admin:profiles_story_change", args=[story.pk])
    try:
        public_url = story.get_absolute_url()
    except NoReverseMatch:
        public_url = None
    if public_url:
        return format_html('<a href="{}">{}</a> (<a href="{}">public page</a>)', admin_url, story, public_url)
    return format_html('<a href="{}">{}</a>', admin_url, story)
