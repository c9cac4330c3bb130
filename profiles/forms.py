"""Forms of the public catalogue: a visitor's tags."""

import re

from django import forms
from django.core.exceptions import ValidationError

TAG_MAX_LENGTH = 50
TAGS_PER_POST = 10
# Letters and digits of any script, spaces, hyphens and apostrophes; nothing else.
TAG_PATTERN = re.compile(r"^(?:[^\W_]|[ '’-])+$")


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


class TagForm(forms.Form):
    tags = forms.CharField(
        label="Add tags",
        max_length=(TAG_MAX_LENGTH + 2) * TAGS_PER_POST,
        help_text="Separate tags with commas. Letters, digits, spaces, hyphens and apostrophes; "
        f"up to {TAG_MAX_LENGTH} characters each.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": "e.g. landscape, protest art"}),
    )

    def clean_tags(self):
        return clean_tag_names(self.cleaned_data["tags"])
