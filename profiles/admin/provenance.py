"""Where a record came from: the story and, per field, the sentence it was read in.

Story text is data from outside: it is only ever passed through ``format_html``
arguments (escaped), never marked safe, so markup in a story shows as text.
"""

from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join

EMPTY = "—"


def sentence_html(text, evidence):
    """An ``Evidence``'s sentence, escaped, with the matched words in ``<mark>``."""
    if evidence is None or evidence.end <= evidence.start:
        return None
    start, end = evidence.start, evidence.end
    if evidence.match is None or evidence.match[0] == evidence.match[1]:
        return format_html('<q class="evidence">{}</q>', " ".join(text[start:end].split()))
    match_start, match_end = evidence.match
    return format_html(
        '<q class="evidence">{}<mark>{}</mark>{}</q>',
        text[start:match_start].lstrip(),
        text[match_start:match_end],
        text[match_end:end].rstrip(),
    )


def evidence_html(record, field_name):
    """The evidence for one field of ``record``, ready for a read-only admin field.

    Spans are read by the row's ``evidence_span``, the one rule for every reader.
    """
    if not record or not record.story_id:
        return EMPTY
    text = record.story.text
    span = record.evidence.get(field_name) if isinstance(record.evidence, dict) else None
    if isinstance(span, dict) and "start" not in span:
        # One sentence per value, as for an artist's disciplines.
        rows = [(label, sentence_html(text, record.evidence_span(field_name, label, text=text))) for label in span]
        rows = [(label, sentence) for label, sentence in rows if sentence]
        if not rows:
            return EMPTY
        return format_html('<ul class="evidence-list">{}</ul>', format_html_join("", "<li><b>{}</b>: {}</li>", rows))
    return sentence_html(text, record.evidence_span(field_name, text=text)) or EMPTY


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
