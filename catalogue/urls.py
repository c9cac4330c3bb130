"""Root URLs: the public catalogue, the admin, sign-in, the sitemap and error pages."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.static import serve

from profiles import sitemaps as sitemap_views
from profiles.sitemaps import sitemaps
from profiles.views import HomeView

admin.autodiscover()  # the admin is not discovered at start-up (catalogue.apps.AdminConfig)

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("", include("profiles.urls")),
    path("", include("profiles.api.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("profiles.account_urls")),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": sitemaps}, name="sitemap-section"),
    path("admin/", admin.site.urls),
]

handler404 = "profiles.views.page_not_found"
handler500 = "profiles.views.server_error"

if settings.SERVE_MEDIA:
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(rf"^{media_prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]
