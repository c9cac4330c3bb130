"""The admin pages of each catalogue model."""

import taggit.admin  # noqa: F401  (registered first, so that it can be replaced below)
from django import forms
from django.contrib import admin
from django.db.models import Count
from django.urls import path
from simple_history.admin import SimpleHistoryAdmin
from taggit.models import Tag

from ..models import Artist, City, DeletedRecord, Discipline, Exhibition, Story, TaggedItem, Work
from .base import FORMFIELD_OVERRIDES, CatalogueRecordAdmin, EditTrackingMixin, thumbnail_html
from .filters import ConfidenceFilter, DropdownFilterMedia, ReviewFilter, city_filter, country_filter
from .forms import CatalogueRecordForm, CityForm
from .gazetteer import GazetteerCityField, GazetteerSelect, gazetteer_view, in_gazetteer_html
from .history import HistoryAdminMixin
from .merging import MergeableMixin, merge_selected
from .queue import MissingFieldFilter, WeakestFactFilter
from .story_fix import StoryFixMixin

admin.site.site_header = "The catalogue: editors' workshop"
admin.site.site_title = "Catalogue admin"
admin.site.index_title = "Records"
# The side menu repeats the home page's list and takes a quarter of a 1,280 px
# screen from the record lists; the breadcrumbs lead home.
admin.site.enable_nav_sidebar = False

REVIEW_FILTERS = [ReviewFilter, MissingFieldFilter, WeakestFactFilter, ConfidenceFilter, "is_edited"]


def _picture_preview(field_name, description_field):
    @admin.display(description="current picture")
    def preview(self, obj):
        thumbnail = getattr(obj, f"{field_name}_thumbnail", None) if obj else None
        return thumbnail_html(thumbnail, getattr(obj, description_field, ""), size=240)

    return preview


class GazetteerCityMixin:
    """Every choice of a city (a birth city, an exhibition's city) is an autocomplete over the gazetteer."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is City:
            kwargs.setdefault("widget", GazetteerSelect(allow_clear=db_field.blank))
            kwargs.setdefault("form_class", GazetteerCityField)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# --- places and vocabulary ---------------------------------------------------------


@admin.register(City)
class CityAdmin(DropdownFilterMedia, MergeableMixin, EditTrackingMixin, HistoryAdminMixin, SimpleHistoryAdmin):
    form = CityForm
    list_display = ["name", "country_name", "country_code", "artists_linked", "in_gazetteer"]
    list_filter = [country_filter("country_code")]
    search_fields = ["name", "country_name", "country_code"]
    prepopulated_fields = {"slug": ("name", "country_code")}
    actions = [merge_selected]
    fields = [
        "from_gazetteer",
        "name",
        "slug",
        ("country_code", "country_name"),
        ("latitude", "longitude"),
        "geonames_id",
    ]

    def get_urls(self):
        gazetteer = path("gazetteer/", self.admin_site.admin_view(gazetteer_view(self)), name="profiles_city_gazetteer")
        return [gazetteer, *super().get_urls()]

    @admin.display(description="gazetteer", ordering="geonames_id")
    def in_gazetteer(self, obj):
        return in_gazetteer_html(obj)

    def get_queryset(self, request):
        # Counting groups rows, which drops the model's ordering: ask for it again.
        return super().get_queryset(request).with_artist_counts().order_by(*City._meta.ordering)

    @admin.display(description="artists", ordering="artist_count")
    def artists_linked(self, obj):
        """Artists who name the city; two rows with the same name are likely duplicates to merge."""
        return obj.artist_count


@admin.register(Discipline)
class DisciplineAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ("name",)}


# --- stories and what was learnt from them ------------------------------------------


@admin.register(Story)
class StoryAdmin(StoryFixMixin, admin.ModelAdmin):
    """Stories come from ``loadstories`` only, and their text is the evidence: read-only here.

    The text is shown with its mentions (``story_fix``), where editors fix records from it.
    """

    list_display = ["source_name", "artist", "skipped_reason", "imported_at", "updated_at"]
    list_filter = ["imported_at"]
    search_fields = ["source_name", "artist__name"]
    list_select_related = ["artist"]
    fields = ["source_name", "artist", "skipped_reason", "sha256", "imported_at", "updated_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False


class WorkInline(admin.TabularInline):
    model = Work
    form = CatalogueRecordForm
    formfield_overrides = FORMFIELD_OVERRIDES
    fields = ["title", "kind", "image", "image_alt", "image_preview", "confidence", "reviewed"]
    readonly_fields = ["image_preview", "confidence"]
    show_change_link = True
    extra = 0

    image_preview = _picture_preview("image", "image_alt")


class ExhibitionLinkInline(admin.TabularInline):
    """The artist's exhibitions; linking one here edits that exhibition's ``artists``."""

    model = Exhibition.artists.through
    autocomplete_fields = ["exhibition"]
    verbose_name = "exhibition"
    verbose_name_plural = "exhibitions"
    extra = 0


@admin.register(Artist)
class ArtistAdmin(DropdownFilterMedia, GazetteerCityMixin, MergeableMixin, CatalogueRecordAdmin):
    list_display = ["name", "thumbnail", "birth_city", "discipline_names", "confidence", "edited_mark", "reviewed_mark"]
    list_filter = [
        *REVIEW_FILTERS,
        "disciplines",
        country_filter("birth_city__country_code", "birth country"),
        city_filter("birth_city", "birth city"),
    ]
    search_fields = ["name", "summary", "birth_city__name", "story__source_name"]
    list_select_related = ["birth_city"]
    autocomplete_fields = ["cities"]
    prepopulated_fields = {"slug": ("name",)}
    inlines = [WorkInline, ExhibitionLinkInline]
    actions = [*CatalogueRecordAdmin.actions, merge_selected]
    evidence_fields = ("name", "pronoun", "age", "birth_city", "disciplines", "summary")
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("name", "name_evidence"),
                    "slug",
                    ("pronoun", "pronoun_evidence"),
                    ("age", "age_evidence"),
                    ("birth_city", "birth_city_evidence"),
                    "cities",
                    ("disciplines", "disciplines_evidence"),
                    ("summary", "summary_evidence"),
                    "tags",
                ]
            },
        ),
        ("Portrait", {"fields": [("portrait", "portrait_preview"), "portrait_alt"]}),
        CatalogueRecordAdmin.provenance_fieldset,
    ]
    readonly_fields = ["portrait_preview"]

    portrait_preview = _picture_preview("portrait", "portrait_alt")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("disciplines")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "disciplines":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description="portrait")
    def thumbnail(self, obj):
        return thumbnail_html(obj.portrait_thumbnail, obj.portrait_alt)

    @admin.display(description="disciplines")
    def discipline_names(self, obj):
        return ", ".join(discipline.name for discipline in obj.disciplines.all())


@admin.register(Work)
class WorkAdmin(CatalogueRecordAdmin):
    list_display = ["title", "thumbnail", "kind", "artist", "confidence", "edited_mark", "reviewed_mark"]
    list_filter = [*REVIEW_FILTERS, "kind", ("artist__disciplines", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "artist__name", "description"]
    list_select_related = ["artist"]
    autocomplete_fields = ["artist"]
    prepopulated_fields = {"slug": ("title",)}
    evidence_fields = ("title", "kind")
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("title", "title_evidence"),
                    "slug",
                    ("kind", "kind_evidence"),
                    "artist",
                    "description",
                    "tags",
                ]
            },
        ),
        ("Image", {"fields": [("image", "image_preview"), "image_alt"]}),
        CatalogueRecordAdmin.provenance_fieldset,
    ]
    readonly_fields = ["image_preview"]

    image_preview = _picture_preview("image", "image_alt")

    @admin.display(description="image")
    def thumbnail(self, obj):
        return thumbnail_html(obj.image_thumbnail, obj.image_alt)


@admin.register(Exhibition)
class ExhibitionAdmin(DropdownFilterMedia, GazetteerCityMixin, MergeableMixin, CatalogueRecordAdmin):
    list_display = ["title", "kind", "venue", "city", "year", "confidence", "edited_mark", "reviewed_mark"]
    list_filter = [*REVIEW_FILTERS, "kind", country_filter("city__country_code"), city_filter("city")]
    search_fields = ["title", "venue", "city__name", "artists__name"]
    list_select_related = ["city"]
    autocomplete_fields = ["artists", "works"]
    prepopulated_fields = {"slug": ("title",)}
    actions = [*CatalogueRecordAdmin.actions, merge_selected]
    evidence_fields = ("venue", "city", "kind")
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    ("venue", "venue_evidence"),
                    ("city", "city_evidence"),
                    ("kind", "kind_evidence"),
                    "year",
                    "description",
                    "artists",
                    "works",
                ]
            },
        ),
        CatalogueRecordAdmin.provenance_fieldset,
    ]


# --- what editors and visitors left behind -------------------------------------------


@admin.register(DeletedRecord)
class DeletedRecordAdmin(admin.ModelAdmin):
    """Records editors deleted. Deleting a row here lets the next import bring that record back."""

    list_display = ["label", "record_type", "story", "deleted_by", "deleted_at"]
    list_filter = ["record_type", "deleted_at"]
    search_fields = ["label", "import_key", "story__source_name"]
    list_select_related = ["story", "deleted_by"]
    readonly_fields = ["story", "record_type", "import_key", "label", "deleted_by", "deleted_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(TaggedItem)
class TaggedItemAdmin(admin.ModelAdmin):
    """Every tag on every record, with who added it: for removing visitors' spam in bulk.

    Tags are added on the artist and work pages.
    """

    list_display = ["tag", "content_object", "content_type", "source", "added_by", "created_at"]
    list_filter = ["source", "content_type"]
    search_fields = ["tag__name"]
    list_select_related = ["tag", "content_type", "added_by"]
    readonly_fields = ["tag", "content_type", "object_id", "source", "added_by", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    """Tags with how often the catalogue uses them.

    Replaces taggit's own page, whose inline and "merge tags" view work on
    taggit's default tagged items (the catalogue has its own) and whose merge
    view checks no permission at all.
    """

    list_display = ["name", "slug", "uses"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ("name",)}
    ordering = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(use_count=Count("profiles_taggeditem_items")).order_by("name")

    @admin.display(description="uses", ordering="use_count")
    def uses(self, obj):
        return obj.use_count
