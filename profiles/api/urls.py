"""The open-data addresses: the read API under /api/v1/ and the dumps under /downloads/."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from ..exporting import views as downloads
from . import views

router = SimpleRouter()
router.register("artists", views.ArtistViewSet, basename="artist")
router.register("cities", views.CityViewSet, basename="city")
router.register("exhibitions", views.ExhibitionViewSet, basename="exhibition")
router.register("works", views.WorkViewSet, basename="work")
router.register("stories", views.StoryViewSet, basename="story")
router.register("tags", views.TagViewSet, basename="tag")

api_patterns = [
    *router.urls,
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(), name="docs"),
]

urlpatterns = [
    path("api/v1/", include((api_patterns, "api"))),
    path("downloads/", downloads.DownloadsView.as_view(), name="downloads"),
    path("downloads/catalogue.<str:format>", downloads.DumpView.as_view(), name="download"),
]
