"""What the API says of each record: its facts, each with its evidence span and confidence, and links.

Every record links to its page (``url``) and, for what the importer made, to
its story (``story``: the story's page and its API record). Evidence spans are
character offsets into the story's text, as in the story record
(docs/record-format.md): ``{"start", "end", "match"}``.
"""

from urllib.parse import urlencode

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from taggit.models import Tag

from ..exporting.records import entry_span
from ..models import Artist, City, Exhibition, Story, Venue, Work

ARTISTS_PER_SHOW = 20

SPAN = {
    "type": "object",
    "description": "Character offsets into the story's text: the sentence [start, end) and the words `match`.",
    "properties": {
        "start": {"type": "integer"},
        "end": {"type": "integer"},
        "match": {"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2},
    },
}
STORY_LINK = {
    "type": "object",
    "nullable": True,
    "properties": {
        "source": {"type": "string"},
        "url": {"type": "string", "format": "uri"},
        "api_url": {"type": "string", "format": "uri"},
    },
}
PLACE = {
    "type": "object",
    "nullable": True,
    "properties": {
        "name": {"type": "string"},
        "country": {"type": "string"},
        "slug": {"type": "string"},
        "url": {"type": "string", "format": "uri"},
    },
}


def absolute(request, path):
    return request.build_absolute_uri(path) if request is not None else path


class PageUrlField(serializers.Field):
    """The absolute URL of the record's page (its ``get_absolute_url``)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        return absolute(self.context.get("request"), obj.get_absolute_url())


extend_schema_field({"type": "string", "format": "uri"})(PageUrlField)


@extend_schema_field(STORY_LINK)
class StoryLinkField(serializers.Field):
    """The story a record came from: its page and its record in the API."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, story):
        return story_link(self.context.get("request"), story)


def story_link(request, story):
    if story is None:
        return None
    return {
        "source": story.source_name,
        "url": absolute(request, story.get_absolute_url()),
        "api_url": absolute(request, reverse("api:story-detail", kwargs={"slug": story.slug})),
    }


@extend_schema_field(PLACE)
class PlaceField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, city):
        return place(self.context.get("request"), city)


def place(request, city):
    if city is None:
        return None
    return {
        "name": city.name,
        "country": city.country_code,
        "slug": city.slug,
        "url": absolute(request, city.get_absolute_url()),
    }


@extend_schema_field({"type": "object", "additionalProperties": True, "description": "Field name -> span."})
class ArtistEvidenceField(serializers.JSONField):
    pass


@extend_schema_field(SPAN)
class SpanField(serializers.JSONField):
    pass


class ArtistSerializer(serializers.ModelSerializer):
    url = PageUrlField()
    story = StoryLinkField()
    pronoun = serializers.SerializerMethodField()
    birth_city = PlaceField()
    disciplines = serializers.SerializerMethodField()
    tags = serializers.SerializerMethodField()
    evidence = ArtistEvidenceField(
        read_only=True,
        help_text="Where each fact was read: name, pronoun, age, birth_city, and one span per discipline.",
    )

    class Meta:
        model = Artist
        fields = [
            "slug",
            "name",
            "url",
            "story",
            "pronoun",
            "age",
            "birth_city",
            "disciplines",
            "summary",
            "tags",
            "confidence",
            "evidence",
            "created_at",
            "updated_at",
        ]

    def get_pronoun(self, artist) -> str | None:
        return None if artist.pronoun == Artist.Pronoun.UNKNOWN else artist.pronoun

    def get_disciplines(self, artist) -> list[str]:
        return [discipline.name for discipline in artist.disciplines.all()]

    def get_tags(self, artist) -> list[str]:
        return sorted(tag.name for tag in artist.tags.all())


class ArtistLinkSerializer(serializers.ModelSerializer):
    url = PageUrlField()

    class Meta:
        model = Artist
        fields = ["slug", "name", "url"]


class WorkSerializer(serializers.ModelSerializer):
    url = PageUrlField()
    story = StoryLinkField()
    artist = ArtistLinkSerializer(read_only=True)
    evidence = serializers.SerializerMethodField()
    tags = serializers.SerializerMethodField()

    class Meta:
        model = Work
        fields = ["slug", "title", "url", "story", "kind", "artist", "tags", "confidence", "evidence", "created_at"]

    @extend_schema_field(SPAN)
    def get_evidence(self, work):
        return entry_span(work.evidence, "title")

    def get_tags(self, work) -> list[str]:
        return sorted(tag.name for tag in work.tags.all())


class VenueLinkSerializer(serializers.ModelSerializer):
    """A venue as a record: its page, and the city it is in."""

    url = PageUrlField()

    class Meta:
        model = Venue
        fields = ["slug", "name", "url"]


class ExhibitionSerializer(serializers.ModelSerializer):
    url = PageUrlField()
    story = StoryLinkField(help_text="The story that first told of the show; others may tell of it too.")
    city = PlaceField()
    venue_page = VenueLinkSerializer(
        source="venue_record", read_only=True, allow_null=True, help_text="The venue's record; null when unnamed."
    )
    kind = serializers.SerializerMethodField()
    artists = ArtistLinkSerializer(
        source="first_artists",
        many=True,
        read_only=True,
        help_text=f"The show's first {ARTISTS_PER_SHOW} artists by name; `artists_url` lists them all.",
    )
    artist_count = serializers.IntegerField(read_only=True, help_text="Every artist in the show.")
    artists_url = serializers.SerializerMethodField(help_text="Every artist in the show, a page at a time.")
    evidence = serializers.SerializerMethodField()

    class Meta:
        model = Exhibition
        fields = [
            "slug",
            "title",
            "url",
            "story",
            "venue",
            "venue_page",
            "city",
            "kind",
            "year",
            "artists",
            "artist_count",
            "artists_url",
            "confidence",
            "evidence",
            "created_at",
        ]

    def get_artists_url(self, exhibition) -> str:
        return absolute(
            self.context.get("request"), f"{reverse('api:artist-list')}?{urlencode({'exhibition': exhibition.slug})}"
        )

    def get_kind(self, exhibition) -> str | None:
        return exhibition.kind if exhibition.kind in ("solo", "group") else None

    @extend_schema_field(SPAN)
    def get_evidence(self, exhibition):
        return entry_span(exhibition.evidence, "venue")


class CitySerializer(serializers.ModelSerializer):
    url = PageUrlField()
    country = serializers.CharField(source="country_code", read_only=True)
    artist_count = serializers.IntegerField(read_only=True, help_text="Artists whose stories name the city.")
    born_count = serializers.IntegerField(read_only=True, help_text="Artists born there.")

    class Meta:
        model = City
        fields = [
            "slug",
            "name",
            "url",
            "country",
            "country_name",
            "latitude",
            "longitude",
            "geonames_id",
            "artist_count",
            "born_count",
        ]


class TagSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    count = serializers.IntegerField(read_only=True, help_text="Artists and works carrying the tag.")

    class Meta:
        model = Tag
        fields = ["slug", "name", "url", "count"]

    def get_url(self, tag) -> str:
        return absolute(self.context.get("request"), reverse("profiles:tag-detail", kwargs={"slug": tag.slug}))


class StorySerializer(serializers.ModelSerializer):
    url = PageUrlField()
    api_url = serializers.SerializerMethodField()
    artist = ArtistLinkSerializer(read_only=True)
    skipped_reason = serializers.SerializerMethodField()

    class Meta:
        model = Story
        fields = ["slug", "source_name", "url", "api_url", "artist", "skipped_reason", "imported_at", "updated_at"]

    def get_api_url(self, story) -> str:
        return absolute(self.context.get("request"), reverse("api:story-detail", kwargs={"slug": story.slug}))

    def get_skipped_reason(self, story) -> str | None:
        return story.skipped_reason or None


@extend_schema_field(
    {
        "type": "object",
        "description": "The story record as the catalogue now holds it (docs/record-format.md): "
        "editors' corrections included, each fact with its evidence span and confidence.",
        "additionalProperties": True,
    }
)
class RecordField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, story):
        return story.current_record


class StoryDetailSerializer(StorySerializer):
    text = serializers.CharField(read_only=True)
    record = RecordField()

    class Meta(StorySerializer.Meta):
        fields = [*StorySerializer.Meta.fields, "text", "record"]
