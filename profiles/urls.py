from django.urls import path

from . import accounts, search_views, views
from .models import Artist, Work

app_name = "profiles"

urlpatterns = [
    path("search/", search_views.SearchView.as_view(), name="search"),
    path("artists/", views.ArtistListView.as_view(), name="artist-list"),
    path(
        "artists/facets/<slug:facet>/",
        views.FacetValuesView.as_view(list_view=views.ArtistListView),
        name="artist-facet",
    ),
    path("artists/<slug:slug>/", views.ArtistDetailView.as_view(), name="artist-detail"),
    path(
        "artists/<slug:slug>/tags/<str:tag_slug>/remove/",
        views.TagRemoveView.as_view(model=Artist),
        name="artist-tag-remove",
    ),
    path("cities/", views.CityListView.as_view(), name="city-list"),
    path("cities/facets/<slug:facet>/", views.FacetValuesView.as_view(list_view=views.CityListView), name="city-facet"),
    path("cities/<slug:slug>/", views.CityDetailView.as_view(), name="city-detail"),
    path("exhibitions/", views.ExhibitionListView.as_view(), name="exhibition-list"),
    path(
        "exhibitions/facets/<slug:facet>/",
        views.FacetValuesView.as_view(list_view=views.ExhibitionListView),
        name="exhibition-facet",
    ),
    path("exhibitions/<slug:slug>/", views.ExhibitionDetailView.as_view(), name="exhibition-detail"),
    path("venues/<slug:slug>/", views.VenueDetailView.as_view(), name="venue-detail"),
    path("works/", views.WorkListView.as_view(), name="work-list"),
    path("works/facets/<slug:facet>/", views.FacetValuesView.as_view(list_view=views.WorkListView), name="work-facet"),
    path("works/<slug:slug>/", views.WorkDetailView.as_view(), name="work-detail"),
    path(
        "works/<slug:slug>/tags/<str:tag_slug>/remove/", views.TagRemoveView.as_view(model=Work), name="work-tag-remove"
    ),
    path("stories/<slug:slug>/", views.StoryDetailView.as_view(), name="story-detail"),
    path("stories/<slug:slug>/highlights.css", views.StoryHighlightsView.as_view(), name="story-highlights"),
    path("tags/", views.TagListView.as_view(), name="tag-list"),
    path("tags/suggest.json", accounts.TagSuggestView.as_view(), name="tag-suggest"),
    path("tags/<str:slug>/", views.TagDetailView.as_view(), name="tag-detail"),
]
