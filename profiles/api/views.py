"""The API's endpoints: read-only, filtered by the pages' FilterSets over the pages' querysets."""

from django.db.models import Count, OuterRef, Prefetch
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import viewsets
from taggit.models import Tag

from .. import filters
from ..exporting.records import current_record, stories_for_records
from ..models import Artist, City, Exhibition, Story, Work, subquery_count
from . import serializers
from .conditional import conditional
from .pagination import KeysetPagination
from .schema import CatalogueAutoSchema

STORY_LINK_FIELDS = ("story__text", "story__record")  # a record's story link needs its name and slug only


class CatalogueViewSet(viewsets.ReadOnlyModelViewSet):
    """List (filtered, keyset-paginated) and retrieve by slug; every answer can be revalidated (304)."""

    lookup_field = "slug"
    lookup_value_regex = "[^/]+"
    schema = CatalogueAutoSchema()
    pagination_class = KeysetPagination
    filter_backends = [DjangoFilterBackend]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return conditional(request, response)


@extend_schema_view(
    list=extend_schema(summary="Artists", description="Filter and search as on /artists/."),
    retrieve=extend_schema(summary="One artist"),
)
class ArtistViewSet(CatalogueViewSet):
    serializer_class = serializers.ArtistSerializer
    filterset_class = filters.ArtistFilter

    def get_queryset(self):
        return Artist.objects.with_related().select_related("story").defer(*STORY_LINK_FIELDS)


@extend_schema_view(
    list=extend_schema(summary="Works", description="Filter and search as on /works/."),
    retrieve=extend_schema(summary="One work"),
)
class WorkViewSet(CatalogueViewSet):
    serializer_class = serializers.WorkSerializer
    filterset_class = filters.WorkFilter

    def get_queryset(self):
        return Work.objects.with_related().select_related("story").defer(*STORY_LINK_FIELDS)


@extend_schema_view(
    list=extend_schema(summary="Exhibitions", description="Filter and search as on /exhibitions/."),
    retrieve=extend_schema(summary="One exhibition"),
)
class ExhibitionViewSet(CatalogueViewSet):
    serializer_class = serializers.ExhibitionSerializer
    filterset_class = filters.ExhibitionFilter

    def get_queryset(self):
        return (
            Exhibition.objects.select_related("city", "story", "venue_record")
            .defer(*STORY_LINK_FIELDS)
            .annotate(
                artist_count=subquery_count(
                    Exhibition.artists.through.objects.filter(exhibition=OuterRef("pk")), "exhibition"
                )
            )
            # A show thousands took part in is one bounded record: its first artists, a count and a link to all.
            .prefetch_related(
                Prefetch(
                    "artists",
                    queryset=Artist.objects.only("slug", "name").order_by("name", "pk")[: serializers.ARTISTS_PER_SHOW],
                    to_attr="first_artists",
                )
            )
        )


@extend_schema_view(
    list=extend_schema(summary="Cities", description="Filter and search as on /cities/."),
    retrieve=extend_schema(summary="One city"),
)
class CityViewSet(CatalogueViewSet):
    serializer_class = serializers.CitySerializer
    filterset_class = filters.CityFilter

    def get_queryset(self):
        return City.objects.with_artist_counts()


@extend_schema_view(
    list=extend_schema(summary="Tags", description="Tags in use, by name."),
    retrieve=extend_schema(summary="One tag"),
)
class TagViewSet(CatalogueViewSet):
    serializer_class = serializers.TagSerializer
    filter_backends = []

    def get_queryset(self):
        return Tag.objects.annotate(count=Count("profiles_taggeditem_items")).filter(count__gt=0).order_by("name", "pk")


@extend_schema_view(
    list=extend_schema(summary="Stories", description="Every imported story, by source name."),
    retrieve=extend_schema(
        summary="One story, with its text and its record as the catalogue now holds it",
    ),
)
class StoryViewSet(CatalogueViewSet):
    filter_backends = []

    def get_serializer_class(self):
        return serializers.StoryDetailSerializer if self.action == "retrieve" else serializers.StorySerializer

    def get_queryset(self):
        if self.action == "retrieve":
            return stories_for_records()
        return Story.objects.without_record().defer("text").select_related("artist").order_by("source_name", "pk")

    def get_object(self):
        story = super().get_object()
        story.current_record = current_record(story)
        return story


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI, served from the project's own static files (drf-spectacular-sidecar), no CDN, no inline script."""

    template_name = "api/docs.html"
    url_name = "api:schema"
