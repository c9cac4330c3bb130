"""The venues' admin page: names and cities of the places shows were held, and merging duplicates.

A venue is found by the importer under its folded name in its city
(``Venue.name_key``), so renaming one keeps its shows; two spellings the fold
does not join ("MoMA", "Museum of Modern Art") are merged here.
"""

from django.contrib import admin

from ..models import Venue
from .merging import MergeableMixin, merge_selected


@admin.register(Venue)
class VenueAdmin(MergeableMixin, admin.ModelAdmin):
    list_display = ["name", "city", "exhibitions_held"]
    search_fields = ["name", "city__name"]
    list_select_related = ["city"]
    autocomplete_fields = ["city"]
    prepopulated_fields = {"slug": ("name",)}
    actions = [merge_selected]
    fields = ["name", "slug", "city"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_exhibition_counts()

    @admin.display(description="exhibitions", ordering="exhibition_count")
    def exhibitions_held(self, obj):
        return obj.exhibition_count

    def view_on_site(self, obj):
        return obj.get_absolute_url()
