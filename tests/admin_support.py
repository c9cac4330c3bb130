"""Helpers for the admin tests: editors, imported records, pictures and form data.

The admin tests drive the real admin URLs with a signed-in editor, posting the
same fields a browser would; ``form_data`` reads them off the change page.
"""

import hashlib
import io

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from taggit.utils import edit_string_for_tags

from profiles.models import Artist, City, Discipline, Exhibition, Story, Work

PASSWORD = "a-long-test-password-for-editors"

STORY_TEXT = (
    "Aru Test was born in Almaty, where the mountains meet the city. "
    "She paints large canvases of the steppe. "
    'Her painting "Salt Road" was shown at the Kasteev Museum in Almaty. '
    "Critics wrote <script>alert('story')</script> about her & her friends."
)


def make_editor(username="editor", *, in_group=True, is_staff=True):
    """A staff user, in the "Editors" group unless told otherwise."""
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, is_staff=is_staff)
    if in_group:
        user.groups.add(Group.objects.get(name="Editors"))
    return user


def admin_url(model, view="changelist", *args):
    return reverse(f"admin:profiles_{model._meta.model_name}_{view}", args=args)


def span(text, sentence, words=None):
    """Evidence for ``sentence`` in ``text``, with ``words`` inside it as the match."""
    start = text.index(sentence)
    evidence = {"start": start, "end": start + len(sentence)}
    if words:
        match = text.index(words, start)
        evidence["match"] = [match, match + len(words)]
    return evidence


def make_story(text=STORY_TEXT, source_name="aru-test.txt"):
    return Story.objects.create(source_name=source_name, text=text, sha256=hashlib.sha256(text.encode()).hexdigest())


def imported_catalogue():
    """An artist, a work and an exhibition as the importer would leave them, with evidence."""
    story = make_story()
    text = story.text
    almaty = City.objects.create(name="Almaty", country_code="KZ", country_name="Kazakhstan")
    artist = Artist.objects.create(
        name="Aru Test",
        pronoun="she",
        birth_city=almaty,
        story=story,
        import_key="aru test",
        confidence=0.9,
        evidence={
            "name": span(text, "Aru Test was born in Almaty, where the mountains meet the city.", "Aru Test"),
            "birth_city": span(text, "Aru Test was born in Almaty, where the mountains meet the city.", "Almaty"),
            "pronoun": span(text, "She paints large canvases of the steppe.", "She"),
            "disciplines": {"painting": span(text, "She paints large canvases of the steppe.", "paints")},
            "summary": span(text, "Critics wrote <script>alert('story')</script> about her & her friends."),
        },
    )
    artist.cities.add(almaty)
    artist.disciplines.add(Discipline.objects.get(name="painting"))
    story.artist = artist
    story.save()
    sentence = 'Her painting "Salt Road" was shown at the Kasteev Museum in Almaty.'
    work = Work.objects.create(
        title="Salt Road",
        kind="painting",
        artist=artist,
        story=story,
        import_key="work:salt road",
        confidence=0.6,
        evidence={"title": span(text, sentence, "Salt Road"), "kind": span(text, sentence, "painting")},
    )
    exhibition = Exhibition.objects.create(
        title="Exhibition at Kasteev Museum",
        venue="Kasteev Museum",
        city=almaty,
        story=story,
        import_key="exhibition:almaty|kasteev museum",
        confidence=0.3,
        evidence={"venue": span(text, sentence, "Kasteev Museum"), "city": span(text, sentence, "Almaty")},
    )
    exhibition.artists.add(artist)
    exhibition.works.add(work)
    return {"story": story, "city": almaty, "artist": artist, "work": work, "exhibition": exhibition}


# --- forms -------------------------------------------------------------------------------


def form_data(response):
    """What a browser would post back, unchanged, for the admin form on ``response``."""
    data = {}
    context = response.context
    form = context["adminform"].form
    _add_form(data, form)
    for inline in context.get("inline_admin_formsets") or []:
        formset = inline.formset
        _add_form(data, formset.management_form)
        for inline_form in formset.forms:
            _add_form(data, inline_form)
    return data


def _add_form(data, form):
    for name, field in form.fields.items():
        bound = form[name]
        value = bound.value()
        if field.disabled or isinstance(field.widget, forms.FileInput):
            continue
        if isinstance(field.widget, forms.CheckboxInput):
            if value:
                data[bound.html_name] = "on"
            continue
        if value is None:
            continue
        if name == "tags" and not isinstance(value, str):
            data[bound.html_name] = edit_string_for_tags(value)
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(getattr(item, "pk", item)) for item in value]
        else:
            data[bound.html_name] = str(getattr(value, "pk", value))


# --- pictures -----------------------------------------------------------------------------


def picture(file_format="PNG", size=(64, 48), mode="RGB", color="teal", **save_options):
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, format=file_format, **save_options)
    return buffer.getvalue()


def upload(data, name="holiday-snap.png", content_type="image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def save_change(client, record, **changes):
    """Open the record's admin change page, apply ``changes`` to its form data and save it."""
    url = admin_url(type(record), "change", record.pk)
    data = form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response
