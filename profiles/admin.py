"""Django admin for the catalogue's records (every model is editable here)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Artist, City, DeletedRecord, Discipline, Exhibition, Story, TaggedItem, Work


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["source_name", "artist", "skipped_reason", "imported_at", "updated_at"]
    search_fields = ["source_name", "text"]
    readonly_fields = ["sha256", "imported_at", "updated_at"]


@admin.register(City)
class CityAdmin(SimpleHistoryAdmin):
    list_display = ["name", "country_code", "country_name", "latitude", "longitude", "geonames_id"]
    list_filter = ["country_code"]
    search_fields = ["name", "country_name"]


@admin.register(Discipline)
class DisciplineAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]


@admin.register(Artist)
class ArtistAdmin(SimpleHistoryAdmin):
    list_display = ["name", "pronoun", "age", "birth_city", "confidence", "is_edited", "reviewed"]
    list_filter = ["pronoun", "disciplines", "is_edited", "reviewed"]
    search_fields = ["name", "summary"]
    autocomplete_fields = ["birth_city", "cities"]


@admin.register(Work)
class WorkAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "artist", "confidence", "is_edited", "reviewed"]
    list_filter = ["kind", "is_edited", "reviewed"]
    search_fields = ["title", "artist__name"]
    autocomplete_fields = ["artist"]


@admin.register(Exhibition)
class ExhibitionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "venue", "city", "year", "confidence", "is_edited", "reviewed"]
    list_filter = ["kind", "is_edited", "reviewed"]
    search_fields = ["title", "venue", "city__name"]
    autocomplete_fields = ["city", "artists"]


@admin.register(DeletedRecord)
class DeletedRecordAdmin(admin.ModelAdmin):
    list_display = ["record_type", "label", "story", "deleted_by", "deleted_at"]
    list_filter = ["record_type"]


@admin.register(TaggedItem)
class TaggedItemAdmin(admin.ModelAdmin):
    list_display = ["tag", "content_type", "object_id", "source", "added_by", "created_at"]
    list_filter = ["source", "content_type"]
