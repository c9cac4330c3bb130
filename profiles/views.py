"""Public pages of the catalogue: thin class-based views over the querysets.

Every page runs a fixed number of queries whatever the size of the catalogue:
related rows come through ``select_related`` / ``prefetch_related``, long lists
are paginated (24 a page) or cut to a few rows with a link to the full list.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, OuterRef, Prefetch, Value
from django.db.models.expressions import RawSQL
from django.http import HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.decorators.csrf import requires_csrf_token
from django.views.generic import DetailView, ListView, TemplateView, View
from taggit.models import Tag

from . import caching, filters
from .forms import TagForm
from .models import Artist, City, Exhibition, Story, TaggedItem, Work, subquery_count
from .templatetags.catalogue_tags import story_page

PAGE_SIZE = 24
PREVIEW_SIZE = 24
RELATED_ARTISTS = 6
TAG_CLOUD_SIZE = 200

ArtistCity = Artist.cities.through
ArtistDiscipline = Artist.disciplines.through
ExhibitionArtist = Exhibition.artists.through


def _tagged_items(model, pks):
    return TaggedItem.objects.filter(
        content_type__app_label=model._meta.app_label, content_type__model=model._meta.model_name, object_id__in=pks
    )


def tag_counts(limit=TAG_CLOUD_SIZE):
    """The most used tags with their counts, alphabetically (one query, cached until a record changes)."""
    return caching.cached("tag-counts", lambda: _tag_counts(limit), limit)


def _tag_counts(limit):
    tags = list(
        Tag.objects.annotate(count=Count("profiles_taggeditem_items"))
        .filter(count__gt=0)
        .order_by("-count", "name")[:limit]
    )
    return sorted(tags, key=lambda tag: tag.name.casefold())


def absolute(request, obj_or_path):
    path = obj_or_path if isinstance(obj_or_path, str) else obj_or_path.get_absolute_url()
    return request.build_absolute_uri(path)


def related_artists(artist, *, city_ids, discipline_ids, exhibition_ids, tag_ids, limit=RELATED_ARTISTS):
    """Other artists ranked by what they share with ``artist``: exhibitions, tags, cities, disciplines.

    Cached per artist until a record changes. The ranking itself is one query:
    an inner ``UNION ALL`` of the through rows the artist shares, grouped and
    scored once (not four correlated counts for every candidate, which took
    175 ms at 100,000 artists, where one discipline is shared by ~8,000), picks
    the ``limit`` best ids; the outer query counts the shared things of only
    those few rows, for the card's "Shares ..." line.
    """
    shared = [
        # (annotation, through rows of the shared things, owner column, shared column, ids, weight)
        ("shared_exhibitions", ExhibitionArtist.objects.all(), "artist_id", "exhibition_id", exhibition_ids, 4),
        (
            "shared_tags",
            TaggedItem.objects.filter(content_type__app_label="profiles", content_type__model="artist"),
            "object_id",
            "tag_id",
            tag_ids,
            3,
        ),
        ("shared_cities", ArtistCity.objects.all(), "artist_id", "city_id", city_ids, 2),
        ("shared_disciplines", ArtistDiscipline.objects.all(), "artist_id", "discipline_id", discipline_ids, 1),
    ]
    shared = [
        (name, rows.filter(**{f"{key}__in": ids}), owner, weight)
        for name, rows, owner, key, ids, weight in shared
        if ids
    ]
    if not shared:
        return []
    key = (artist.pk, sorted(city_ids), sorted(discipline_ids), sorted(exhibition_ids), sorted(tag_ids), limit)
    return caching.cached("related-artists", lambda: _related_artists(artist, shared, limit), key)


def _related_artists(artist, shared, limit):
    branches, params = [], []
    for _, rows, owner, weight in shared:
        sql, branch_params = rows.values_list(owner).query.sql_with_params()
        branches.append(f"SELECT U.{owner} AS artist_id, {weight} AS weight FROM ({sql}) U")
        params.extend(branch_params)
    table = connection.ops.quote_name(Artist._meta.db_table)
    best = RawSQL(
        f"SELECT S.artist_id FROM (SELECT artist_id, SUM(weight) AS score FROM ({' UNION ALL '.join(branches)}) B "
        f"WHERE artist_id <> %s GROUP BY artist_id) S JOIN {table} A ON A.id = S.artist_id "
        f"ORDER BY S.score DESC, A.name, A.id LIMIT {int(limit)}",
        [*params, artist.pk],
    )
    annotations = {}
    score = Value(0)
    for name, rows, owner, weight in shared:
        annotations[name] = subquery_count(rows.filter(**{owner: OuterRef("pk")}), owner)
        score = score + annotations[name] * weight
    return list(
        Artist.objects.filter(pk__in=best)
        .annotate(**annotations)
        .annotate(score=score)
        .order_by("-score", "name", "pk")
        .select_related("birth_city")
        .prefetch_related("disciplines")
    )


# --- Lists -----------------------------------------------------------------------------


class CachedCountPaginator(Paginator):
    """A paginator whose COUNT(*) is cached until a record changes (8 ms for all 100,000 artists, 30 ms
    and more for a search or several facets, on every page of every list)."""

    def __init__(self, *args, count_key, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self):
        name, params = self.count_key
        return caching.cached(name, lambda: Paginator.count.func(self), params)


class FilteredListView(ListView):
    """A paginated list whose ``?`` parameters go through a django-filter FilterSet.

    Parameters the FilterSet cannot read (an unknown city, a bad sort order) give
    a 400 page that says which; an out-of-range ``?page=`` gives a 404.
    """

    paginate_by = PAGE_SIZE
    filterset_class = None

    def get_base_queryset(self):
        return self.model._default_manager.all()

    def get(self, request, *args, **kwargs):
        self.filterset = self.filterset_class(request.GET, queryset=self.get_base_queryset(), request=request)
        if not self.filterset.is_valid():
            self.object_list = self.filterset.queryset.none()
            context = self.get_context_data(filter_errors=self.filterset.errors)
            return self.render_to_response(context, status=400)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return self.filterset.qs

    def filter_params(self):
        """The ``?`` parameters that change which rows match (not the page, not the order)."""
        return sorted((key, value) for key, value in self.request.GET.lists() if key not in {"page", "sort"})

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        key = f"count:{self.model._meta.model_name}"
        return CachedCountPaginator(
            queryset, per_page, orphans, allow_empty_first_page, count_key=(key, self.filter_params()), **kwargs
        )

    def paginate_queryset(self, queryset, page_size):
        """The page's rows, cached with their prefetched relations until a record changes: a search ranks
        every match (90 ms for a common word at 100,000 artists) before it can cut one page."""
        paginator, page, rows, is_paginated = super().paginate_queryset(queryset, page_size)
        key = (self.filter_params(), self.request.GET.get("sort", ""), page.number)
        page.object_list = caching.cached(f"page:{self.model._meta.model_name}", lambda: list(rows), key)
        return paginator, page, page.object_list, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["facets"] = self.facets() if self.filterset.is_valid() else {}
        context["active_filters"] = self.active_filters()
        context["query"] = self.request.GET.get("q", "")
        return context

    def facets(self):
        """The filter set's facet counts, cached per model and filter (the page and order do not change them)."""
        return caching.cached(f"facets:{self.model._meta.model_name}", self.filterset.facets, self.filter_params())

    def active_filters(self):
        """(parameter, label, value label) for each facet in use, to show and remove."""
        if not self.filterset.is_valid():
            return []
        active = []
        for name, value in self.filterset.form.cleaned_data.items():
            if name in {"q", "sort"} or value in (None, ""):
                continue
            field = self.filterset.form.fields[name]
            label = str(value)
            if hasattr(field, "choices") and not hasattr(value, "pk"):
                label = dict(field.choices).get(value, label)
            active.append({"param": name, "label": field.label, "value": label})
        return active


class ArtistListView(FilteredListView):
    model = Artist
    filterset_class = filters.ArtistFilter

    def get_base_queryset(self):
        return Artist.objects.for_cards()


class WorkListView(FilteredListView):
    model = Work
    filterset_class = filters.WorkFilter

    def get_base_queryset(self):
        return Work.objects.with_related()


class ExhibitionListView(FilteredListView):
    model = Exhibition
    filterset_class = filters.ExhibitionFilter

    def get_base_queryset(self):
        return Exhibition.objects.select_related("city").prefetch_related("artists")


class CityListView(FilteredListView):
    model = City
    filterset_class = filters.CityFilter

    def get_base_queryset(self):
        return City.objects.with_artist_counts()


# --- Home ------------------------------------------------------------------------------------------


def home_counts():
    """How many records of each kind: whole-table counts, cached."""
    return {
        "artists": Artist.objects.count(),
        "works": Work.objects.count(),
        "exhibitions": Exhibition.objects.count(),
        "cities": City.objects.count(),
        "stories": Story.objects.imported().count(),
    }


def busiest_cities(limit=8):
    """The cities most artists' stories name: an aggregate over every artist, cached."""
    return list(
        City.objects.annotate(artist_count=Count("artists"))
        .filter(artist_count__gt=0)
        .order_by("-artist_count", "name")[:limit]
    )


class HomeView(TemplateView):
    template_name = "profiles/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["counts"] = caching.cached("home-counts", home_counts)
        context["artists"] = Artist.objects.for_cards().order_by("-created_at", "-pk")[:6]
        context["cities"] = caching.cached("home-cities", busiest_cities)
        context["stories"] = Story.objects.imported().recent().select_related("artist")[:6]
        tags = tag_counts(limit=40)
        context["tags"] = tags
        context["tag_max"] = max((tag.count for tag in tags), default=1)
        context["jsonld"] = {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": "The catalogue",
            "url": absolute(self.request, "/"),
            "potentialAction": {
                "@type": "SearchAction",
                "target": absolute(self.request, reverse("profiles:artist-list")) + "?q={search_term_string}",
                "query-input": "required name=search_term_string",
            },
        }
        return context


# --- Tagging ---------------------------------------------------------------------------


class TaggableDetailMixin:
    """A detail page that shows its tags and takes a visitor's new ones by POST."""

    def tagged_items(self):
        return list(_tagged_items(self.model, [self.object.pk]).select_related("tag").order_by("tag__name"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = self.tagged_items()
        context["tagged_items"] = items
        context["tag_form"] = kwargs.get("tag_form") or TagForm()
        context["tag_remove_url"] = f"profiles:{self.model._meta.model_name}-tag-remove"
        return context

    def post(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.object = self.get_object()
        form = TagForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(tag_form=form), status=400)
        self.object.tags.add(
            *form.cleaned_data["tags"],
            through_defaults={"added_by": request.user, "source": TaggedItem.Source.VISITOR},
        )
        messages.success(request, "Thank you: your tags were added.")
        return HttpResponseRedirect(self.object.get_absolute_url() + "#tags")


class TagRemoveView(LoginRequiredMixin, View):
    """POST only: a visitor removes a tag they added themselves."""

    model = None
    http_method_names = ["post"]

    def post(self, request, slug, tag_slug):
        obj = get_object_or_404(self.model, slug=slug)
        item = get_object_or_404(_tagged_items(self.model, [obj.pk]), tag__slug=tag_slug, added_by=request.user)
        item.delete()
        messages.success(request, "The tag was removed.")
        return HttpResponseRedirect(obj.get_absolute_url() + "#tags")


# --- Detail pages --------------------------------------------------------------------------


class ArtistDetailView(TaggableDetailMixin, DetailView):
    model = Artist

    def get_queryset(self):
        return Artist.objects.select_related("birth_city", "story").prefetch_related(
            "disciplines",
            "cities",
            Prefetch("works", queryset=Work.objects.select_related("story").order_by("title", "pk")),
            Prefetch(
                "exhibitions",
                queryset=Exhibition.objects.select_related("city", "story").order_by("year", "title", "pk"),
            ),
            Prefetch("stories", queryset=Story.objects.order_by("source_name")),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        artist = self.object
        disciplines = list(artist.disciplines.all())
        cities = list(artist.cities.all())
        exhibitions = list(artist.exhibitions.all())
        stories = list(artist.stories.all())
        if artist.story and artist.story not in stories:
            stories.insert(0, artist.story)
        context.update(
            disciplines=disciplines,
            cities=cities,
            works=list(artist.works.all()),
            exhibitions=exhibitions,
            stories=stories,
            related=related_artists(
                artist,
                city_ids=[city.pk for city in cities],
                discipline_ids=[discipline.pk for discipline in disciplines],
                exhibition_ids=[exhibition.pk for exhibition in exhibitions],
                tag_ids=[item.tag_id for item in context["tagged_items"]],
            ),
        )
        context["jsonld"] = self.jsonld(context)
        return context

    def jsonld(self, context):
        artist, request = self.object, self.request
        data = {
            "@context": "https://schema.org",
            "@type": "Person",
            "name": artist.name,
            "url": absolute(request, artist),
        }
        if artist.summary:
            data["description"] = artist.summary
        if artist.birth_city:
            data["birthPlace"] = {
                "@type": "City",
                "name": artist.birth_city.name,
                "url": absolute(request, artist.birth_city),
            }
        if context["disciplines"]:
            data["knowsAbout"] = [discipline.name for discipline in context["disciplines"]]
        if context["tagged_items"]:
            data["keywords"] = ", ".join(item.tag.name for item in context["tagged_items"])
        if context["works"]:
            data["subjectOf"] = [
                {"@type": "CreativeWork", "name": work.title, "url": absolute(request, work)}
                for work in context["works"]
            ]
        if artist.portrait:
            data["image"] = absolute(request, artist.portrait.url)
        return data


class WorkDetailView(TaggableDetailMixin, DetailView):
    model = Work

    def get_queryset(self):
        return Work.objects.select_related("artist", "artist__birth_city", "story").prefetch_related(
            Prefetch("exhibitions", queryset=Exhibition.objects.select_related("city").order_by("year", "title"))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        work, request = self.object, self.request
        context["exhibitions"] = list(work.exhibitions.all())
        context["other_works"] = list(
            Work.objects.filter(artist_id=work.artist_id).exclude(pk=work.pk).order_by("title", "pk")[:PREVIEW_SIZE]
        )
        data = {
            "@context": "https://schema.org",
            "@type": "CreativeWork",
            "name": work.title,
            "url": absolute(request, work),
            "genre": work.get_kind_display(),
            "creator": {"@type": "Person", "name": work.artist.name, "url": absolute(request, work.artist)},
        }
        if work.description:
            data["description"] = work.description
        if context["tagged_items"]:
            data["keywords"] = ", ".join(item.tag.name for item in context["tagged_items"])
        if work.image:
            data["image"] = absolute(request, work.image.url)
        context["jsonld"] = data
        return context


class ExhibitionDetailView(DetailView):
    model = Exhibition

    def get_queryset(self):
        return Exhibition.objects.select_related("city", "story").prefetch_related(
            Prefetch("artists", queryset=Artist.objects.for_cards().order_by("name", "pk")),
            Prefetch("works", queryset=Work.objects.select_related("artist").order_by("title")),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        exhibition, request = self.object, self.request
        context["artists"] = list(exhibition.artists.all())
        context["works"] = list(exhibition.works.all())
        data = {
            "@context": "https://schema.org",
            "@type": "ExhibitionEvent",
            "name": exhibition.title,
            "url": absolute(request, exhibition),
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        }
        location = {"@type": "Place", "name": exhibition.venue or (exhibition.city.name if exhibition.city else "")}
        if exhibition.city:
            location["address"] = {
                "@type": "PostalAddress",
                "addressLocality": exhibition.city.name,
                "addressCountry": exhibition.city.country_code,
            }
        if location["name"]:
            data["location"] = location
        if exhibition.year:
            data["startDate"] = str(exhibition.year)
        if context["artists"]:
            data["performer"] = [
                {"@type": "Person", "name": artist.name, "url": absolute(request, artist)}
                for artist in context["artists"]
            ]
        if context["works"]:
            data["workFeatured"] = [
                {"@type": "CreativeWork", "name": work.title, "url": absolute(request, work)}
                for work in context["works"]
            ]
        context["jsonld"] = data
        return context


class CityDetailView(DetailView):
    model = City

    def get_queryset(self):
        return City.objects.with_artist_counts().annotate(
            exhibition_count=subquery_count(Exhibition.objects.filter(city=OuterRef("pk")), "city")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        city, request = self.object, self.request
        context["born"] = list(Artist.objects.filter(birth_city=city).for_cards().order_by("name", "pk")[:PREVIEW_SIZE])
        context["exhibitions"] = list(
            Exhibition.objects.filter(city=city).order_by("-year", "title", "pk")[:PREVIEW_SIZE]
        )
        context["map"] = self.map(city)
        data = {
            "@context": "https://schema.org",
            "@type": "City",
            "name": city.name,
            "url": absolute(request, city),
            "containedInPlace": {"@type": "Country", "name": city.country_name or city.country_code},
        }
        if city.latitude is not None and city.longitude is not None:
            data["geo"] = {"@type": "GeoCoordinates", "latitude": city.latitude, "longitude": city.longitude}
        context["jsonld"] = data
        return context

    def map(self, city):
        """An equirectangular world grid (360 x 180 user units) with the city and its neighbours as dots."""
        if city.latitude is None or city.longitude is None:
            return None
        neighbours = [
            {"name": other.name, "x": round(other.longitude + 180, 2), "y": round(90 - other.latitude, 2)}
            for other in City.objects.filter(
                country_code=city.country_code, latitude__isnull=False, longitude__isnull=False
            )
            .exclude(pk=city.pk)
            .order_by("name")[:40]
        ]
        return {
            "x": round(city.longitude + 180, 2),
            "y": round(90 - city.latitude, 2),
            "meridians": list(range(0, 361, 30)),
            "parallels": list(range(0, 181, 30)),
            "neighbours": neighbours,
        }


class StoryDetailView(DetailView):
    model = Story

    def get_queryset(self):
        return Story.objects.select_related("artist").prefetch_related(
            Prefetch(
                "artists", queryset=Artist.objects.select_related("birth_city", "story").prefetch_related("disciplines")
            ),
            Prefetch("works", queryset=Work.objects.select_related("story", "artist").order_by("title")),
            Prefetch("exhibitions", queryset=Exhibition.objects.select_related("story", "city").order_by("title")),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        story = self.object
        artists = list(story.artists.all())
        works = list(story.works.all())
        exhibitions = list(story.exhibitions.all())
        context.update(story_artists=artists, story_works=works, story_exhibitions=exhibitions)
        context["story_html"], context["story_css"] = story_page(story, [*artists, *works, *exhibitions])
        context["jsonld"] = {
            "@context": "https://schema.org",
            "@type": "ShortStory",
            "name": story.source_name,
            "url": absolute(self.request, story),
            "about": [
                {"@type": "Person", "name": artist.name, "url": absolute(self.request, artist)} for artist in artists
            ],
        }
        return context


# --- Tags ------------------------------------------------------------------------------------------


class TagListView(TemplateView):
    template_name = "profiles/tag_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tags = tag_counts()
        context["tags"] = tags
        context["tag_max"] = max((tag.count for tag in tags), default=1)
        return context


class TagDetailView(DetailView):
    model = Tag
    template_name = "profiles/tag_detail.html"
    context_object_name = "tag"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(caching.cached("tag-detail", lambda: self.tagged(self.object), self.object.pk))
        return context

    @staticmethod
    def tagged(tag):
        """The tag's artists and works, with their counts (cached until a record changes)."""
        artist_ids = filters.tagged_ids(Artist, tag)
        work_ids = filters.tagged_ids(Work, tag)
        return {
            "artist_count": Artist.objects.filter(pk__in=artist_ids).count(),
            "artists": list(Artist.objects.filter(pk__in=artist_ids).for_cards().order_by("name", "pk")[:PREVIEW_SIZE]),
            "work_count": Work.objects.filter(pk__in=work_ids).count(),
            "works": list(
                Work.objects.filter(pk__in=work_ids).select_related("artist").order_by("title", "pk")[:PREVIEW_SIZE]
            ),
        }


# --- Errors ------------------------------------------------------------------------------------------


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    """The 500 page: a plain render, with no context processors and no database.

    Its one inline style carries the response's CSP nonce, as the policy asks.
    """
    context = {"csp_nonce": getattr(request, "csp_nonce", "")}
    return HttpResponseServerError(loader.get_template("500.html").render(context))
