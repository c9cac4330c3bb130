"""/sitemap.xml: every public page of the catalogue.

Sections are split into pages of ``RecordSitemap.limit`` URLs, and every
rendered sitemap (index or page) is cached until a record changes: a page of
thousands of URLs is slow to render, and crawlers ask for it again and again.
"""

from functools import wraps

from django.contrib.sitemaps import Sitemap, views
from django.db.models import Max
from django.urls import reverse
from taggit.models import Tag

from . import caching
from .models import Artist, City, Exhibition, Story, Venue, Work


class StaticSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return [
            "home",
            "profiles:artist-list",
            "profiles:city-list",
            "profiles:exhibition-list",
            "profiles:work-list",
            "profiles:tag-list",
        ]

    def location(self, item):
        return reverse(item)


class RecordSitemap(Sitemap):
    """One model's detail pages, in id order; only the columns the sitemap needs."""

    model = None
    fields = ("slug", "updated_at")
    limit = 1000

    def items(self):
        return self.model._default_manager.only(*self.fields).order_by("pk")

    def lastmod(self, obj):
        return getattr(obj, "updated_at", None)

    def get_latest_lastmod(self):
        """For the sitemap index: one aggregate, not a walk over every record."""
        if "updated_at" not in self.fields:
            return None
        return self.model._default_manager.aggregate(latest=Max("updated_at"))["latest"]


class ArtistSitemap(RecordSitemap):
    model = Artist
    priority = 0.7


class WorkSitemap(RecordSitemap):
    model = Work


class ExhibitionSitemap(RecordSitemap):
    model = Exhibition


class VenueSitemap(RecordSitemap):
    model = Venue
    fields = ("slug",)

    def lastmod(self, obj):
        return None


class StorySitemap(RecordSitemap):
    model = Story


class CitySitemap(RecordSitemap):
    model = City
    fields = ("slug",)

    def lastmod(self, obj):
        return None


class TagSitemap(RecordSitemap):
    model = Tag
    fields = ("slug",)

    def items(self):
        return Tag.objects.filter(profiles_taggeditem_items__isnull=False).distinct().only("slug").order_by("pk")

    def lastmod(self, obj):
        return None

    def location(self, tag):
        return reverse("profiles:tag-detail", kwargs={"slug": tag.slug})


sitemaps = {
    "pages": StaticSitemap,
    "artists": ArtistSitemap,
    "works": WorkSitemap,
    "exhibitions": ExhibitionSitemap,
    "cities": CitySitemap,
    "venues": VenueSitemap,
    "stories": StorySitemap,
    "tags": TagSitemap,
}


def cached(view):
    """``view``'s rendered response, cached per host, scheme and path until a record changes (sitemaps only:
    XML with no per-visitor content, no CSP nonce and no CSRF token)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        def render():
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            return response

        key = (request.get_host(), request.is_secure(), request.get_full_path())
        return caching.cached(f"sitemap:{view.__name__}", render, key)

    return wrapper


index = cached(views.index)
sitemap = cached(views.sitemap)
