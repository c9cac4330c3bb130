"""The test suite's helpers, in one place: paths and commands, users, catalogues, admin forms, pictures.

Fixtures stay in tests/conftest.py; everything a test calls directly lives here.
``make_profile`` makes one artist the way the importer would: a story whose
record carries mentions (with links), and an artist, a work and an exhibition
whose evidence points at sentences of that story. ``build_catalogue`` makes a
few of them that share cities, disciplines and tags; ``build_big_catalogue``
makes thousands with ``bulk_create``. ``imported_catalogue`` is the admin tests'
single artist with evidence and match offsets; the admin tests drive the real
admin URLs, posting what ``form_data`` reads off the change page.
"""

import hashlib
import io
import itertools
import os
import subprocess
import sys
from pathlib import Path

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from PIL import Image
from taggit.models import Tag
from taggit.utils import edit_string_for_tags

from profiles.models import Artist, City, Discipline, Exhibition, Showing, Story, TaggedItem, Venue, Work, venue_key

PROJECT_DIR = Path(__file__).resolve().parent.parent
STORIES_DIR = Path(__file__).resolve().parent / "stories"
PASSWORD = "a-long-test-password"


# --- commands ------------------------------------------------------------------------------


def run_command(*args, **options):
    """Run a management command; return (stdout, stderr, exit status) like a shell would see."""
    from profiles.management.commands.loadstories import StoriesFailed

    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err, **options)
        returncode = 0
    except SystemExit as exit_:
        returncode = exit_.code if isinstance(exit_.code, int) else 1
    except StoriesFailed as failure:  # reported as manage.py reports a CommandError
        err.write(f"{type(failure).__name__}: {failure}\n")
        returncode = failure.returncode
    return out.getvalue(), err.getvalue(), returncode


def python(*args, timeout=120, **env):
    """Run the project's Python in a fresh process, in the project folder, with exactly ``env`` on top of PATH and HOME.

    Nothing else of this process's environment is passed on, so what the
    process sees is what the test says.
    """
    environment = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/tmp"), **env}
    return subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def manage(*args, timeout=120, **env):
    """``manage.py`` in a fresh process with exactly ``env`` (see ``python``)."""
    return python("manage.py", *args, timeout=timeout, **env)


# --- users ---------------------------------------------------------------------------------


def extract_collecting(extractor, text, source=""):
    """``extractor.extract`` with every stage run, as the trainer runs it: (record, {field: candidates})."""
    extractor.collect = True
    try:
        record = extractor.extract(text, source)
        return record, extractor.last_candidates
    finally:
        extractor.collect = False


def make_user(username="visitor", password=PASSWORD, **fields):
    return get_user_model().objects.create_user(username=username, password=password, **fields)


def make_editor(username="editor", *, in_group=True, is_staff=True):
    """A staff user, in the "Editors" group unless told otherwise."""
    user = make_user(username, is_staff=is_staff)
    if in_group:
        user.groups.add(Group.objects.get(name="Editors"))
    return user


# --- catalogues ----------------------------------------------------------------------------


CITIES = [
    ("Almaty", "KZ", "Kazakhstan", 43.25, 76.91667),
    ("Bishkek", "KG", "Kyrgyzstan", 42.87, 74.59),
    ("Tashkent", "UZ", "Uzbekistan", 41.26465, 69.21627),
    ("Istanbul", "TR", "Turkey", 41.01384, 28.94966),
    ("Astana", "KZ", "Kazakhstan", 51.1801, 71.44598),
    ("Lisbon", "PT", "Portugal", 38.71667, -9.13333),
]


def make_city(name, country_code, country_name="", latitude=None, longitude=None):
    city, _ = City.objects.get_or_create(
        name=name,
        country_code=country_code,
        defaults={"country_name": country_name, "latitude": latitude, "longitude": longitude},
    )
    return city


def _span(text, phrase, start=0):
    position = text.index(phrase, start)
    return position, position + len(phrase)


def _sentence(text, phrase):
    """The offsets of the sentence containing ``phrase``."""
    position = text.index(phrase)
    stop = text.rfind(". ", 0, position)
    start = max(stop + 2 if stop >= 0 else 0, text.rfind("\n", 0, position) + 1)
    end = text.index(".", position) + 1
    return {"start": start, "end": end}


def make_profile(
    name,
    *,
    birth_city,
    other_city,
    disciplines=("painting",),
    work_title="Steppe Winds",
    work_kind="painting",
    venue="Kasteev Museum",
    exhibition_kind="solo",
    year=2019,
    age=34,
    pronoun="she",
    tags=(),
    source_name=None,
    summary="",
):
    """One artist with a story, a work and an exhibition, all linked by evidence."""
    possessive = {"she": "her", "he": "his", "they": "their"}[pronoun]
    discipline_words = " and ".join(disciplines)
    text = (
        f"{name} was born in {birth_city.name}, where the markets smell of apples.\n\n"
        f"At {age}, {pronoun} worked in {discipline_words}. "
        f'{possessive.capitalize()} {work_kind} "{work_title}" became famous.\n\n'
        f"The {venue} in {other_city.name} gave {name} a {exhibition_kind} show in {year}."
    )
    source_name = source_name or f"{Artist.objects.count():03d}_{name.lower().replace(' ', '-')}.txt"
    story = make_story(text, source_name)
    artist = Artist.objects.create(
        name=name, pronoun=pronoun, age=age, birth_city=birth_city, story=story, summary=summary
    )
    artist.cities.add(birth_city, other_city)
    artist.disciplines.add(*Discipline.objects.filter(name__in=disciplines))
    birth = _sentence(text, f"born in {birth_city.name}")
    practice = _sentence(text, f"At {age},")
    artist.evidence = {
        "name": birth,
        "birth_city": birth,
        "age": practice,
        "pronoun": practice,
        "disciplines": dict.fromkeys(disciplines, practice),
    }
    artist.save()
    work = Work.objects.create(
        title=work_title,
        kind=work_kind,
        artist=artist,
        story=story,
        evidence={"title": _sentence(text, work_title), "kind": _sentence(text, work_title)},
    )
    show = _sentence(text, f"The {venue}")
    exhibition = Exhibition.objects.create(
        title=Exhibition.describe(kind=exhibition_kind, venue=venue, city_name=other_city.name),
        venue=venue,
        city=other_city,
        kind=exhibition_kind,
        year=year,
        story=story,
        evidence={"venue": show, "city": show, "kind": show},
    )
    exhibition.artists.add(artist)
    exhibition.works.add(work)
    # The venue as a record and the story's telling of the show, as the importer makes them.
    place = Venue.objects.filter(name_key=venue_key(venue), city=other_city).first()
    if place is None:
        place = Venue.objects.create(name=venue, city=other_city)
    Exhibition.objects.filter(pk=exhibition.pk).update(venue_record=place)
    exhibition.venue_record = place
    Showing.objects.create(
        exhibition=exhibition,
        story=story,
        artist=artist,
        import_key=f"exhibition:{venue_key(other_city.name)}|{venue_key(venue)}",
        venue=venue,
        kind=exhibition_kind,
        year=year,
        evidence=exhibition.evidence,
    )
    if tags:
        artist.tags.add(*tags, through_defaults={"source": TaggedItem.Source.IMPORTER})
    mentions = []
    for label, phrase, url, nth in [
        ("ARTIST", name, artist.get_absolute_url(), 0),
        ("CITY", birth_city.name, birth_city.get_absolute_url(), 0),
        ("WORK", work_title, work.get_absolute_url(), 0),
        ("VENUE", venue, exhibition.get_absolute_url(), 0),
        ("CITY", other_city.name, other_city.get_absolute_url(), text.index(f"The {venue}")),
        ("PERSON", name, None, text.index(f"gave {name}")),
    ]:
        start, end = _span(text, phrase, nth)
        mention = {"start": start, "end": end, "label": label, "text": phrase}
        if url:
            mention["url"] = url
        mentions.append(mention)
    story.record = {
        "source": source_name,
        "artist": {"name": name, "pronoun": pronoun, "age": age},
        "mentions": mentions,
    }
    story.artist = artist
    story.save()
    return {"artist": artist, "story": story, "work": work, "exhibition": exhibition}


def build_catalogue(size=3):
    """``size`` artists in a handful of cities, sharing disciplines and tags."""
    cities = [make_city(*row) for row in CITIES]
    disciplines = ["painting", "music", "sculpture", "photography", "film"]
    profiles = []
    for number in range(size):
        profiles.append(
            make_profile(
                f"Artist {number:04d} Example",
                birth_city=cities[number % len(cities)],
                other_city=cities[(number + 1) % len(cities)],
                disciplines=(disciplines[number % 5], disciplines[(number + 2) % 5]),
                work_title=f"Work number {number}",
                venue=f"Gallery {number % 7}",
                exhibition_kind=("solo", "group")[number % 2],
                year=2000 + number % 20,
                pronoun=("she", "he", "they")[number % 3],
                tags=[f"theme {number % 4}", "steppe"],
                summary=f"Artist number {number}, a fictional artist.",
            )
        )
    return {"cities": cities, "profiles": profiles, "artists": [p["artist"] for p in profiles]}


def build_big_catalogue(size=20_000, city_count=300, tag_count=60):
    """``size`` artists with stories, works, exhibitions and tags, in bulk."""
    cities = City.objects.bulk_create(
        City(
            name=f"Town {number:03d}",
            slug=f"town-{number:03d}",
            country_code=f"Q{chr(65 + number % 26)}",
            country_name=f"Country {chr(65 + number % 26)}",
            latitude=(number % 170) - 85,
            longitude=(number * 7 % 360) - 180,
        )
        for number in range(city_count)
    )
    disciplines = list(Discipline.objects.order_by("pk"))
    text = (
        "Big Artist was born in Town 000. She painted every day.\n\n"
        'Her painting "Big Work" hung at the Big Hall in Town 001 in 2020.'
    )
    born, practice, show = {"start": 0, "end": 35}, {"start": 36, "end": 55}, {"start": 57, "end": len(text)}
    stories = Story.objects.bulk_create(
        Story(source_name=f"big_{number:05d}.txt", slug=f"big-{number:05d}", text=text, sha256="0" * 64)
        for number in range(size)
    )
    artists = Artist.objects.bulk_create(
        Artist(
            name=f"Big Artist {number:05d}",
            slug=f"big-artist-{number:05d}",
            pronoun="she",
            age=20 + number % 60,
            birth_city=cities[number % city_count],
            story=story,
            summary="A generated artist.",
            evidence={"name": born, "birth_city": born, "age": practice, "disciplines": {"painting": practice}},
        )
        for number, story in enumerate(stories)
    )
    Story.objects.filter(source_name__startswith="big_").update(
        artist=Subquery(Artist.objects.filter(story=OuterRef("pk")).values("pk")[:1])
    )
    ArtistCity = Artist.cities.through
    ArtistCity.objects.bulk_create(
        itertools.chain.from_iterable(
            (
                ArtistCity(artist=artist, city=cities[number % city_count]),
                ArtistCity(artist=artist, city=cities[(number * 13 + 1) % city_count]),
            )
            for number, artist in enumerate(artists)
        ),
        ignore_conflicts=True,
    )
    ArtistDiscipline = Artist.disciplines.through
    ArtistDiscipline.objects.bulk_create(
        itertools.chain.from_iterable(
            (
                ArtistDiscipline(artist=artist, discipline=disciplines[number % len(disciplines)]),
                ArtistDiscipline(artist=artist, discipline=disciplines[(number * 7 + 3) % len(disciplines)]),
            )
            for number, artist in enumerate(artists)
        ),
        ignore_conflicts=True,
    )
    works = Work.objects.bulk_create(
        Work(
            title=f"Big Work {number:05d}",
            slug=f"big-work-{number:05d}",
            kind=("painting", "album", "film", "mural")[number % 4],
            artist=artist,
            story=artist.story,
            evidence={"title": show, "kind": show},
        )
        for number, artist in enumerate(artists)
    )
    exhibitions = Exhibition.objects.bulk_create(
        Exhibition(
            title=f"Big Show {number:05d}",
            slug=f"big-show-{number:05d}",
            venue=f"Big Hall {number % 500}",
            city=cities[number % city_count],
            kind=("solo", "group", "unknown")[number % 3],
            year=1990 + number % 35,
            story=artists[number * 4].story,
            evidence={"venue": show, "city": show},
        )
        for number in range(size // 4)
    )
    Exhibition.artists.through.objects.bulk_create(
        itertools.chain.from_iterable(
            (
                Exhibition.artists.through(exhibition=exhibition, artist=artists[number * 4]),
                Exhibition.artists.through(exhibition=exhibition, artist=artists[number * 4 + 1]),
            )
            for number, exhibition in enumerate(exhibitions)
        )
    )
    Exhibition.works.through.objects.bulk_create(
        Exhibition.works.through(exhibition=exhibition, work=works[number * 4])
        for number, exhibition in enumerate(exhibitions)
    )
    tags = Tag.objects.bulk_create(
        Tag(name=f"big tag {number}", slug=f"big-tag-{number}") for number in range(tag_count)
    )
    artist_type = ContentType.objects.get_for_model(Artist)
    work_type = ContentType.objects.get_for_model(Work)
    TaggedItem.objects.bulk_create(
        [
            TaggedItem(content_type=artist_type, object_id=artist.pk, tag=tags[number % tag_count], source="importer")
            for number, artist in enumerate(artists)
        ]
        + [
            TaggedItem(content_type=work_type, object_id=work.pk, tag=tags[number % tag_count], source="importer")
            for number, work in enumerate(works[: size // 4])
        ]
    )
    return {
        "artist": artists[size // 2],
        "work": works[size // 2],
        "exhibition": exhibitions[len(exhibitions) // 2],
        "city": cities[0],
        "story": stories[size // 2],
        "tag": tags[0],
    }


# --- admin -------------------------------------------------------------------------------


STORY_TEXT = (
    "Aru Test was born in Almaty, where the mountains meet the city. "
    "She paints large canvases of the steppe. "
    'Her painting "Salt Road" was shown at the Kasteev Museum in Almaty. '
    "Critics wrote <script>alert('story')</script> about her & her friends."
)


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
    """A story as the importer stores it: its text and that text's SHA-256."""
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


def post_change(client, record, **changes):
    """Open the record's admin change page, apply ``changes`` to its form data and post it; return the response."""
    url = admin_url(type(record), "change", record.pk)
    data = form_data(client.get(url))
    data.update(changes)
    return client.post(url, data)


def save_change(client, record, **changes):
    """``post_change``, which must save (a redirect; otherwise the form's errors are shown)."""
    response = post_change(client, record, **changes)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


# --- pictures -----------------------------------------------------------------------------


def encode(image, file_format, **options):
    """The bytes of ``image`` saved as ``file_format``."""
    buffer = io.BytesIO()
    image.save(buffer, format=file_format, **options)
    return buffer.getvalue()


def picture(file_format="PNG", size=(64, 48), mode="RGB", color="teal", **save_options):
    return encode(Image.new(mode, size, color), file_format, **save_options)


def upload(data, name="holiday-snap.png", content_type="image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)
