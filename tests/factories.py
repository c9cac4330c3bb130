"""Catalogues for the page tests, built with the ORM.

``make_profile`` makes one artist the way the importer would: a story whose
record carries mentions (with links), and an artist, a work and an exhibition
whose evidence points at sentences of that story. ``build_catalogue`` makes a
few of them that share cities, disciplines and tags; ``build_big_catalogue``
makes 20,000 artists with ``bulk_create`` in a few seconds.
"""

import hashlib
import itertools

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Subquery
from taggit.models import Tag

from profiles.models import Artist, City, Discipline, Exhibition, Story, TaggedItem, Work

CITIES = [
    ("Almaty", "KZ", "Kazakhstan", 43.25, 76.91667),
    ("Bishkek", "KG", "Kyrgyzstan", 42.87, 74.59),
    ("Tashkent", "UZ", "Uzbekistan", 41.26465, 69.21627),
    ("Istanbul", "TR", "Turkey", 41.01384, 28.94966),
    ("Astana", "KZ", "Kazakhstan", 51.1801, 71.44598),
    ("Lisbon", "PT", "Portugal", 38.71667, -9.13333),
]


def make_user(username="visitor", password="a-long-test-password"):
    return get_user_model().objects.create_user(username=username, password=password)


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
    story = Story.objects.create(source_name=source_name, text=text, sha256=hashlib.sha256(text.encode()).hexdigest())
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
    """``size`` artists with stories, works, exhibitions and tags, in bulk (a few seconds)."""
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
