"""Fixing records from a story's admin page: the text with its mentions, and "these words are ...".

The page shows the story as the public page does (``profiles.story_markup``),
every recognised mention highlighted and each record's evidence marked, not
the raw JSON record. The editor chooses words (a mention from the list, a
selection with ``admin-catalogue/story-fix.js``, or offsets typed in) and says
what they are; ``profiles.editing.StoryFix`` makes the change. An ordinary
form post, so it works without scripts, and no inline script or style.
"""

import copy
import re

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, QueryDict
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..editing import StoryFix
from ..extraction.story_record import StoryRecord
from ..models import Discipline, Exhibition, Work
from ..story_markup import _paragraphs, record_spans, story_markup
from .gazetteer import GazetteerCityField

MAX_MENTIONS_LISTED = 500  # the mention list is bounded; longer stories still take offsets or a selection
CITY_FIXES = {StoryFix.BIRTH_CITY, StoryFix.EXHIBITION_CITY}
EXHIBITION_FIXES = {StoryFix.EXHIBITION_CITY, StoryFix.EXHIBITION_VENUE}


class StoryFixForm(forms.Form):
    """Which words (a mention, or offsets), what they are, and the record or value it concerns."""

    mention = forms.ChoiceField(label="A mention", required=False)
    start = forms.IntegerField(label="or from character", required=False, min_value=0)
    end = forms.IntegerField(label="to character", required=False, min_value=0)
    what = forms.ChoiceField(label="These words are", choices=StoryFix.CHOICES, widget=forms.RadioSelect)
    city = GazetteerCityField(required=False, label="The city")
    exhibition = forms.ModelChoiceField(Exhibition.objects.none(), required=False, label="The exhibition")
    work = forms.ModelChoiceField(Work.objects.none(), required=False, label="The work (to rename or delete)")
    discipline = forms.ModelChoiceField(Discipline.objects.all(), required=False, label="The discipline")

    class Media:
        js = ["admin-catalogue/story-fix.js"]

    def __init__(self, story, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.story = story
        text = story.text or ""
        mentions = StoryRecord.from_json(story.record, text_length=len(text)).mentions
        mentions = sorted(mentions, key=lambda mention: (mention.start, mention.end))[:MAX_MENTIONS_LISTED]
        self.fields["mention"].choices = [("", "—")] + [
            (f"{m.start}-{m.end}", f"{text[m.start : m.end]} ({m.label.value.lower()}, {m.start}–{m.end})")
            for m in mentions
        ]
        self.fields["exhibition"].queryset = Exhibition.objects.filter(story=story).order_by("title", "pk")
        self.fields["work"].queryset = Work.objects.filter(story=story).order_by("title", "pk")
        self.fields["city"].help_text = (
            "For a city: type a few letters and choose it from the gazetteer. Left empty, the chosen words are "
            "looked up there."
        )
        self.fields["start"].widget.attrs["class"] = "story-fix-start"
        self.fields["end"].widget.attrs["class"] = "story-fix-end"

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start is None and end is None and data.get("mention"):
            start, end = (int(part) for part in data["mention"].split("-"))
        text = self.story.text or ""
        if start is None or end is None:
            raise forms.ValidationError("Choose the words: a mention, a selection in the text, or their offsets.")
        if not 0 <= start < end <= len(text) or not text[start:end].strip():
            raise forms.ValidationError(f"Those offsets are not words of the story (it has {len(text)} characters).")
        if end - start > StoryFix.MAX_WORDS:
            raise forms.ValidationError(f"Choose at most {StoryFix.MAX_WORDS} characters: a name, not a passage.")
        data["start"], data["end"] = start, end
        what = data.get("what")
        if what in CITY_FIXES and data.get("city") is None:
            data["city"] = self._city_named(text[start:end])
        if what in CITY_FIXES | {StoryFix.DISCIPLINE, StoryFix.WORK} and self.story.artist_id is None:
            raise forms.ValidationError("This story has no artist to fix.")
        if what in EXHIBITION_FIXES and data.get("exhibition") is None:
            self.add_error("exhibition", "Choose the exhibition.")
        if what == StoryFix.DISCIPLINE and data.get("discipline") is None:
            self.add_error("discipline", "Choose the discipline.")
        return data

    def _city_named(self, words):
        from .gazetteer import city_from_gazetteer, gazetteer

        matches = gazetteer().lookup(" ".join(words.split()))
        match = gazetteer().choose(matches)
        if match is None:
            self.add_error("city", f"“{words}” is not in the gazetteer: choose the city, or add it by hand first.")
            return None
        return city_from_gazetteer(match)

    def fix(self, user):
        data = self.cleaned_data
        return StoryFix(
            self.story,
            data["start"],
            data["end"],
            data["what"],
            user=user,
            city=data.get("city"),
            exhibition=data.get("exhibition"),
            work=data.get("work"),
            discipline=data.get("discipline"),
        )


def story_text_html(story):
    """The story with its mentions highlighted and its records' evidence marked; paragraphs carry their offset."""
    text = story.text or ""
    record = StoryRecord.from_json(story.record, text_length=len(text))
    mentions = [mention.to_json() for mention in record.mentions]
    rows = []
    if story.artist_id:
        rows.append(story.artist)
    rows += list(Work.objects.filter(story=story)) + list(Exhibition.objects.filter(story=story))
    evidence = [span for row in rows for span in record_spans(row, text)]
    html, _ = story_markup(text, mentions, evidence)
    starts = iter(start for start, _ in _paragraphs(text))
    # Each paragraph says where it starts, so the script can turn a selection into offsets.
    return mark_safe(re.sub("<p>", lambda _: format_html('<p data-start="{}">', next(starts)), html))


class StoryFixMixin:
    """For ``StoryAdmin``: the story's text and the fix form on its page, and the address the form posts to."""

    change_form_template = "admin/profiles/story/change_form.html"

    def render_change_form(self, request, context, *args, **kwargs):
        if context.get("fix_form") is not None:
            context["media"] = context["media"] + context["fix_form"].media
        return super().render_change_form(request, context, *args, **kwargs)

    def get_urls(self):
        fix = path("<path:object_id>/fix/", self.admin_site.admin_view(self.fix_view), name="profiles_story_fix")
        return [fix, *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        story = self.get_object(request, unquote(object_id))
        extra = dict(extra_context or {})
        if story is not None:
            extra.setdefault("fix_form", StoryFixForm(story))
            extra["fix_url"] = reverse("admin:profiles_story_fix", args=[story.pk])
            extra["can_fix"] = any(request.user.has_perms(perms) for perms in StoryFix.PERMISSIONS.values())
            extra["story_text"] = story_text_html(story)
        return super().change_view(request, object_id, form_url, extra_context=extra)

    def fix_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        story = self.get_object(request, unquote(object_id))
        if story is None:
            raise Http404
        if not self.has_view_permission(request, story):
            raise PermissionDenied
        form = StoryFixForm(story, request.POST)
        if form.is_valid():
            if not request.user.has_perms(StoryFix.PERMISSIONS[form.cleaned_data["what"]]):
                raise PermissionDenied
            message = form.fix(request.user).apply()
            self.message_user(request, f"{message} Re-imports will keep it.", messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:profiles_story_change", args=[story.pk]))
        self.message_user(request, "Nothing changed: see the form below.", messages.ERROR)
        page_request = copy.copy(request)  # the page again, as a GET: its own form must not see this post
        page_request.method, page_request.POST = "GET", QueryDict()
        return self.change_view(page_request, object_id, extra_context={"fix_form": form})
