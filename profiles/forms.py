"""Forms of the public catalogue: a visitor's tags."""

import re
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.functional import cached_property
from taggit.models import Tag

TAG_MAX_LENGTH = 50
TAGS_PER_POST = 10
# Letters and digits of any script, spaces, hyphens and apostrophes; nothing else.
TAG_PATTERN = re.compile(r"^(?:[^\W_]|[ '’-])+$")
# How many of the most used tags the form offers below the box (and in its <datalist>).
POPULAR_TAGS = 12


def clean_tag_names(raw):
    """The tags typed into the box: split on commas, trimmed, folded, de-duplicated.

    Raises ValidationError naming the first tag that is too long or carries a
    character outside letters, digits, spaces, hyphens and apostrophes.
    """
    names, seen = [], set()
    for part in (raw or "").split(","):
        name = " ".join(part.split()).replace("’", "'")
        if not name:
            continue
        if len(name) > TAG_MAX_LENGTH:
            raise ValidationError(
                "Each tag can be at most %(limit)d characters long.",
                code="too_long",
                params={"limit": TAG_MAX_LENGTH},
            )
        if not TAG_PATTERN.match(name) or not any(char.isalnum() for char in name):
            raise ValidationError(
                "Tags may only use letters, digits, spaces, hyphens and apostrophes.",
                code="bad_characters",
            )
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            names.append(name)
    if not names:
        raise ValidationError("Type at least one tag.", code="empty")
    if len(names) > TAGS_PER_POST:
        raise ValidationError("Add at most %(limit)d tags at a time.", code="too_many", params={"limit": TAGS_PER_POST})
    return names


def tagging_posts_limit():
    """(posts, minutes) one signed-in visitor may make, from ``settings.RATE_LIMITS``; None without a limit."""
    rule = getattr(settings, "RATE_LIMITS", {}).get("tagging", {}).get("user")
    if not rule:
        return None
    count, seconds = rule
    return count, max(1, round(seconds / 60))


@dataclass
class TaggingOutcome:
    """What became of each typed tag, so the page can say it rather than change spellings silently."""

    added: list = field(default_factory=list)  # stored as typed (new, or an existing tag spelt the same)
    joined: list = field(default_factory=list)  # (typed, existing spelling) pairs
    already: list = field(default_factory=list)  # already on this record (existing spelling)

    def messages(self):
        lines = []
        if self.added or self.joined:
            thanks = "Thank you: your tags were added."
            lines.append(f"{thanks} As you typed them: {_quoted(self.added)}." if self.added else thanks)
        lines += [f"'{typed}' joined the existing tag '{existing}'." for typed, existing in self.joined]
        if self.already:
            lines.append(f"Already tagged here: {_quoted(self.already)}.")
        return lines


def _quoted(names):
    return ", ".join(f"'{name}'" for name in names)


class TagForm(forms.Form):
    tags = forms.CharField(
        label="Add tags",
        max_length=(TAG_MAX_LENGTH + 2) * TAGS_PER_POST,
        help_text="Separate tags with commas.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": "e.g. landscape, protest art"}),
    )

    tag_max_length = TAG_MAX_LENGTH
    tags_per_post = TAGS_PER_POST

    def clean_tags(self):
        return clean_tag_names(self.cleaned_data["tags"])

    @cached_property
    def posts_limit(self):
        return tagging_posts_limit()

    @cached_property
    def popular_tags(self):
        """The most used tags, offered below the box and in its <datalist> (works without JavaScript)."""
        from . import caching
        from .models import most_used_tags

        tags = caching.cached("popular-tags", lambda: most_used_tags(POPULAR_TAGS), POPULAR_TAGS)
        return sorted(tags, key=lambda tag: (-tag.count, tag.name.casefold()))

    def save(self, record, user):
        """Add the cleaned tags to ``record`` as ``user``'s, and say what became of each one."""
        from .models import TaggedItem, tagged_items

        names = self.cleaned_data["tags"]
        matches = Q()
        for name in names:
            matches |= Q(name__iexact=name)
        existing = {tag.name.casefold(): tag for tag in Tag.objects.filter(matches)}
        on_record = set(
            tagged_items(type(record), [record.pk])
            .filter(tag__in=list(existing.values()))
            .values_list("tag_id", flat=True)
        )
        outcome = TaggingOutcome()
        for name in names:
            tag = existing.get(name.casefold())
            if tag is not None and tag.pk in on_record:
                outcome.already.append(tag.name)
            elif tag is None or tag.name == name:
                outcome.added.append(name)
            else:
                outcome.joined.append((name, tag.name))
        record.tags.add(*names, through_defaults={"added_by": user, "source": TaggedItem.Source.VISITOR})
        return outcome
