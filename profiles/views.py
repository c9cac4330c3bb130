"""Public pages of the catalogue: thin class-based views over the querysets.

Every page runs a bounded number of queries whatever the size of the catalogue
or of a story: related rows come through ``select_related`` / ``prefetch_related``
(never a story's text or record once per row), long lists are paginated or cut
to a few rows with a link to the full list. What a page computes lives in the
querysets (``models``), ``jsonld`` and ``story_markup``.
"""

import hashlib

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Max, OuterRef, Prefetch, Subquery
from django.http import (
    Http404,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    HttpResponseServerError,
)
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import requires_csrf_token
from django.views.generic import DetailView, ListView, TemplateView, View
from django.views.generic.detail import SingleObjectMixin
from taggit.models import Tag

from . import caching, filters, jsonld, maps
from .addresses import aliases, current_record
from .forms import TagForm
from .models import (
    Artist,
    City,
    Exhibition,
    Showing,
    Story,
    Venue,
    Work,
    catalogue_counts,
    most_used_tags,
    share_stories,
    subquery_count,
    tagged_items,
)
from .story_markup import evidence_span, story_page

# The limits that keep every page bounded whatever one story holds (issue 12).
PAGE_SIZE = 24  # rows of a list page
PREVIEW_SIZE = 24  # rows of each list on a record's page, which links to the full list beyond them
# The story page shows the whole text (up to the importer's size limit) but links only the first
# mentions, and none in a text longer than STORY_PAGE_MAX_LINKED_CHARS (reading its record of
# mentions alone takes most of a second), and anchors the evidence of only the first rows of each
# kind: every link and anchor adds markup and time, and a megabyte of quoted titles would otherwise
# make a page of many megabytes. The facts beside the text link to every record either way.
STORY_PAGE_MAX_LINKS = 500
STORY_PAGE_MAX_LINKED_CHARS = 200_000
STORY_PAGE_MAX_ROWS = 500
RELATED_ARTISTS = 6
CITY_MAP_NEIGHBOURS = 40
TAG_CLOUD_SIZE = 200


def tag_counts(limit=TAG_CLOUD_SIZE):
    """The most used tags with their counts, alphabetically (cached until a record changes)."""
    return caching.cached("tag-counts", lambda: most_used_tags(limit), limit)


def related_artists(artist, *, city_ids, discipline_ids, exhibition_ids, tag_ids, limit=RELATED_ARTISTS):
    """``Artist.objects.related_to(artist)``, cached per artist until a record changes."""
    if not (city_ids or discipline_ids or exhibition_ids or tag_ids):
        return []
    shared = {
        "city_ids": sorted(city_ids),
        "discipline_ids": sorted(discipline_ids),
        "exhibition_ids": sorted(exhibition_ids),
        "tag_ids": sorted(tag_ids),
    }
    key = (artist.pk, *shared.values(), limit)
    return caching.cached(
        "related-artists", lambda: list(Artist.objects.related_to(artist, **shared, limit=limit)), key
    )


# --- Lists -----------------------------------------------------------------------------


class CachedCountPaginator(Paginator):
    """A paginator whose COUNT(*) is cached until a record changes: counting a search or several facets
    walks every match, and every page of every list would count again."""

    def __init__(self, *args, count_key, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self):
        name, params = self.count_key
        return caching.cached(name, lambda: Paginator.count.func(self), params)


class KnownCountPaginator(Paginator):
    """A paginator for a list whose length the page's own query already counted (an annotation)."""

    def __init__(self, *args, count, **kwargs):
        super().__init__(*args, **kwargs)
        self.known_count = count

    @cached_property
    def count(self):
        return self.known_count


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
        every match before it can cut one page."""
        paginator, page, rows, is_paginated = super().paginate_queryset(queryset, page_size)
        key = (self.filter_params(), self.request.GET.get("sort", ""), page.number)
        page.object_list = caching.cached(f"page:{self.model._meta.model_name}", lambda: list(rows), key)
        return paginator, page, page.object_list, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["facets"] = self.facets() if self.filterset.is_valid() else {}
        context["selected"] = {name: self.request.GET.getlist(name) for name in self.filterset.filters}
        context["active_filters"] = self.active_filters()
        context["query"] = self.request.GET.get("q", "")
        context["facet_url"] = f"profiles:{self.model._meta.model_name}-facet"
        return context

    def facets(self):
        """The filter set's facet counts, cached per model and filter (the page and order do not change them),
        and read once per request (the facets and the chips both use them)."""
        if not hasattr(self, "_facets"):
            name = f"facets:{self.model._meta.model_name}"
            self._facets = caching.cached(name, self.filterset.facets, self.filter_params())
        return self._facets

    def active_filters(self):
        """(parameter, value, label, value label) for each facet value in use, to show and remove: a value by
        its name ("China", not "CN") when its facet names it."""
        if not self.filterset.is_valid():
            return []
        facets = self.facets()
        active = []
        for name, cleaned in self.filterset.form.cleaned_data.items():
            if name in {"q", "sort"} or cleaned in (None, "") or (isinstance(cleaned, list | tuple) and not cleaned):
                continue
            field = self.filterset.form.fields[name]
            named = {str(item["value"]): item["label"] for item in facets.get(name, ()) if item.get("label")}
            # Only fixed choices: a model field's choices would read its whole table.
            choices = {} if hasattr(field, "queryset") else dict(getattr(field, "choices", ()) or ())
            values = cleaned if isinstance(cleaned, list | tuple) or hasattr(cleaned, "model") else [cleaned]
            for value in values:
                if hasattr(value, "pk"):
                    param, label = getattr(value, "slug", value.pk), str(value)
                else:
                    param = value
                    label = named.get(str(value)) or choices.get(value) or str(value)
                    if name == "country" and label == str(value):
                        label = country_name(value)
                active.append({"param": name, "raw": str(param), "label": field.label, "value": label})
        return active


class FacetValuesView(TemplateView):
    """Every value of one facet of a list (``/artists/facets/tag/?discipline=painting``), a page at a time:
    the list shows the most common only."""

    template_name = "profiles/facet_values.html"
    list_view = None
    page_size = 100
    max_pages = 10_000

    def get(self, request, *args, facet, **kwargs):
        view = self.list_view
        self.filterset = view.filterset_class(request.GET, queryset=view().get_base_queryset(), request=request)
        if not self.filterset.is_valid():
            return self.render_to_response({"filter_errors": self.filterset.errors}, status=400)
        if facet not in self.filterset.facet_rows():
            raise Http404("No such facet.")
        try:
            self.page_number = int(request.GET.get("page", "1"))
        except ValueError:
            raise Http404("No such page.") from None
        if not 1 <= self.page_number <= self.max_pages:
            raise Http404("No such page.")
        self.facet = facet
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        offset = (self.page_number - 1) * self.page_size
        params = sorted((key, value) for key, value in self.request.GET.lists() if key != "page")
        key = (self.facet, params, offset)
        model_name = self.list_view.model._meta.model_name
        values = caching.cached(
            f"facet-values:{model_name}",
            lambda: self.filterset.facet_values(self.facet, offset, self.page_size + 1),
            key,
        )
        if self.page_number > 1 and not values:
            raise Http404("No such page.")
        field = self.filterset.form.fields[self.facet]
        context.update(
            title=field.label,
            param=self.facet,
            values=values[: self.page_size],
            current=self.request.GET.getlist(self.facet),
            list_url=reverse(f"profiles:{model_name}-list"),
            list_name=self.list_view.model._meta.verbose_name_plural,
            page_number=self.page_number,
            has_next=len(values) > self.page_size,
            start=offset + 1,
        )
        return context


def country_name(code):
    """The name the catalogue's cities give a country code (the code itself when none does)."""
    name = City.objects.in_country(code).exclude(country_name="").values_list("country_name", flat=True).first()
    return name or code


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

    artists_per_show = 6

    def get_base_queryset(self):
        return Exhibition.objects.select_related("city").annotate(
            artist_total=subquery_count(
                Exhibition.artists.through.objects.filter(exhibition=OuterRef("pk")), "exhibition"
            )
        )

    def paginate_queryset(self, queryset, page_size):
        """Each show on the page with its first artists: a show thousands took part in is one line still."""
        paginator, page, shows, is_paginated = super().paginate_queryset(queryset, page_size)
        first = Exhibition.objects.first_artists([show.pk for show in shows], self.artists_per_show)
        for show in shows:
            show.first_artists = first.get(show.pk, [])
        return paginator, page, shows, is_paginated


class CityListView(FilteredListView):
    """Cities, and on the unfiltered first page every catalogue city on one map, sized by its artists."""

    model = City
    filterset_class = filters.CityFilter

    def get_base_queryset(self):
        return City.objects.with_artist_counts()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.request.GET:
            # Up to a second for every gazetteer city: drawn once per catalogue version.
            context["catalogue_map"] = caching.cached("catalogue-map", catalogue_map)
        return context


def catalogue_map():
    """Every city the stories name, sized by the artists whose stories name it."""
    # One reverse() for every city: resolving each city's address took half the time of the map.
    address = reverse("profiles:city-detail", kwargs={"slug": "city-slug"})
    placed = City.objects.filter(latitude__isnull=False, longitude__isnull=False)
    counts = placed.artist_counts()
    return maps.catalogue_map(
        map_place(city, count=counts[city.pk], url=address.replace("city-slug", city.slug))
        for city in placed.only("name", "slug", "latitude", "longitude", "country_code", "country_name").iterator(
            chunk_size=2000
        )
        if city.pk in counts
    )


# --- Home ------------------------------------------------------------------------------------------


class HomeView(TemplateView):
    template_name = "profiles/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["counts"] = caching.cached("home-counts", catalogue_counts)
        context["artists"] = Artist.objects.for_cards().newest()[:6]
        context["cities"] = caching.cached("home-cities", lambda: list(City.objects.busiest(8)))
        context["stories"] = Story.objects.imported().recent().select_related("artist")[:6]
        tags = tag_counts(limit=40)
        context["tags"] = tags
        context["tag_max"] = max((tag.count for tag in tags), default=1)
        context["jsonld"] = jsonld.website(self.request)
        return context


# --- Tagging ---------------------------------------------------------------------------


class TaggableDetailMixin:
    """A detail page that shows its tags and takes a visitor's new ones by POST."""

    def tagged_items(self):
        return list(tagged_items(self.model, [self.object.pk]).select_related("tag").order_by("tag__name"))

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
        for line in form.save(self.object, request.user).messages():
            messages.success(request, line)
        return HttpResponseRedirect(self.object.get_absolute_url() + "#tags")


class TagRemoveView(LoginRequiredMixin, View):
    """POST only: a visitor removes a tag they added themselves."""

    model = None
    http_method_names = ["post"]

    def post(self, request, slug, tag_slug):
        obj = get_object_or_404(self.model, slug=slug)
        item = get_object_or_404(tagged_items(self.model, [obj.pk]), tag__slug=tag_slug, added_by=request.user)
        item.delete()
        messages.success(request, "The tag was removed.")
        return HttpResponseRedirect(obj.get_absolute_url() + "#tags")


# --- Detail pages ---


class FormerAddressMixin:
    """A slug no record holds, but a merged record once did, answers 301 to the record kept."""

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            target = current_record(self.model, kwargs.get(self.slug_url_kwarg, ""))
            if target is None:
                raise
            return HttpResponsePermanentRedirect(target.get_absolute_url())


class ArtistDetailView(FormerAddressMixin, TaggableDetailMixin, DetailView):
    """An artist with the first ``PREVIEW_SIZE`` of each list (works, exhibitions, cities, stories), their
    totals and links to the full lists: a story naming thousands of works makes no bigger a page."""

    model = Artist

    def get_queryset(self):
        return (
            Artist.objects.select_related("birth_city", "story")
            .defer("story__record")
            .annotate(
                work_count=subquery_count(Work.objects.filter(artist=OuterRef("pk")), "artist"),
                exhibition_count=subquery_count(
                    Exhibition.artists.through.objects.filter(artist=OuterRef("pk")), "artist"
                ),
                city_count=subquery_count(Artist.cities.through.objects.filter(artist=OuterRef("pk")), "artist"),
                story_count=subquery_count(Story.objects.filter(artist=OuterRef("pk")), "artist"),
            )
            .prefetch_related(
                "disciplines",
                Prefetch(
                    "stories",
                    to_attr="preview_stories",
                    queryset=Story.objects.only("pk", "slug", "source_name", "artist_id").order_by("source_name")[
                        :PREVIEW_SIZE
                    ],
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        artist = self.object
        disciplines = list(artist.disciplines.all())
        # Many-to-many relations cannot be prefetched sliced: one query each.
        cities = list(City.objects.filter(artists=artist).order_by("name", "pk")[:PREVIEW_SIZE])
        works = list(Work.objects.filter(artist=artist).order_by("title", "pk")[:PREVIEW_SIZE])
        # In the order the importer met them (the story's order), for the journey.
        in_story_order = list(
            Exhibition.objects.filter(artists=artist).select_related("city").order_by("pk")[:PREVIEW_SIZE]
        )
        exhibitions = sorted(in_story_order, key=lambda e: (e.year is None, e.year or 0, e.title, e.pk))
        stories = list(artist.preview_stories)
        if artist.story and artist.story not in stories:
            stories.insert(0, artist.story)
        # The artist's own story (with its text) wins over the list's text-less copy.
        share_stories([*works, *exhibitions], [*stories, artist.story])
        context.update(
            disciplines=disciplines,
            cities=cities,
            works=works,
            exhibitions=exhibitions,
            stories=stories,
            journey=maps.journey_map(journey_stops(artist, in_story_order), name=artist.name),
            related=related_artists(
                artist,
                city_ids=[city.pk for city in cities],
                discipline_ids=[discipline.pk for discipline in disciplines],
                exhibition_ids=[exhibition.pk for exhibition in exhibitions],
                tag_ids=[item.tag_id for item in context["tagged_items"]],
            ),
        )
        context["jsonld"] = jsonld.artist_page(
            self.request, artist, disciplines=disciplines, tagged_items=context["tagged_items"], works=works
        )
        return context


def map_place(city, **extra):
    """A city as the maps take it (plain values)."""
    return {
        "name": city.name,
        "latitude": city.latitude,
        "longitude": city.longitude,
        "country": city.country_name or city.country_code,
        "country_code": city.country_code,
        **extra,
    } | ({} if "url" in extra else {"url": city.get_absolute_url()})


def journey_stops(artist, exhibitions):
    """Birth city, then the city of each exhibition in the story's order (by its evidence's offset)."""

    def position(exhibition):
        span = evidence_span(exhibition, "venue|city|kind")
        return (exhibition.story_id or 0, span[0] if span else 0, exhibition.pk)

    stops = [map_place(artist.birth_city, note="born")] if artist.birth_city else []
    for exhibition in sorted((e for e in exhibitions if e.city), key=position):
        note = exhibition.title + (f", {exhibition.year}" if exhibition.year else "")
        stops.append(map_place(exhibition.city, note=note))
    return stops


class WorkDetailView(FormerAddressMixin, TaggableDetailMixin, DetailView):
    model = Work

    def get_queryset(self):
        return (
            Work.objects.select_related("artist", "artist__birth_city", "story")
            .defer("story__record")
            .prefetch_related(
                Prefetch("exhibitions", queryset=Exhibition.objects.select_related("city").order_by("year", "title"))
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        work = self.object
        context["exhibitions"] = list(work.exhibitions.all())
        context["other_works"] = list(
            Work.objects.filter(artist_id=work.artist_id).exclude(pk=work.pk).order_by("title", "pk")[:PREVIEW_SIZE]
        )
        context["jsonld"] = jsonld.work_page(self.request, work, tagged_items=context["tagged_items"])
        return context


class ExhibitionDetailView(FormerAddressMixin, DetailView):
    """A show with every artist in it (a page of ``PAGE_SIZE`` at a time) and the first works shown."""

    model = Exhibition

    def get_queryset(self):
        return (
            Exhibition.objects.select_related("city", "story", "venue_record")
            .defer("story__record")
            .annotate(
                artist_total=subquery_count(
                    Exhibition.artists.through.objects.filter(exhibition=OuterRef("pk")), "exhibition"
                ),
                work_total=subquery_count(
                    Exhibition.works.through.objects.filter(exhibition=OuterRef("pk")), "exhibition"
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        exhibition = self.object
        artists = Artist.objects.filter(exhibitions=exhibition).for_cards().order_by("name", "pk")
        page = KnownCountPaginator(artists, PAGE_SIZE, count=exhibition.artist_total).get_page(
            self.request.GET.get("page")
        )
        context.update(page_obj=page, paginator=page.paginator, is_paginated=page.has_other_pages())
        context["artists"] = list(page.object_list)
        context["works"] = list(
            Work.objects.filter(exhibitions=exhibition).select_related("artist").order_by("title", "pk")[:PREVIEW_SIZE]
        )
        # Provenance: the stories that tell of the show (each artist's own), the first few.
        context["told_in"] = list(
            Story.objects.filter(showings__exhibition=exhibition)
            .distinct()
            .only("slug", "source_name")
            .order_by("source_name")[:PREVIEW_SIZE]
        )
        context["jsonld"] = jsonld.exhibition_page(
            self.request, exhibition, artists=context["artists"], works=context["works"]
        )
        return context


class CityDetailView(FormerAddressMixin, DetailView):
    model = City

    def get_queryset(self):
        return City.objects.with_artist_counts(places=True)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        city = self.object
        context["born"] = list(Artist.objects.filter(birth_city=city).for_cards().order_by("name", "pk")[:PREVIEW_SIZE])
        context["exhibitions"] = list(
            Exhibition.objects.filter(city=city).order_by("-year", "title", "pk")[:PREVIEW_SIZE]
        )
        context["venues"] = list(city.venues.order_by("name", "pk")[:PREVIEW_SIZE])
        context["map"] = caching.cached("city-map", lambda: self.map(city), city.pk)
        context["aliases"] = caching.cached("aliases", lambda: aliases(city), "city", city.pk)
        context["jsonld"] = jsonld.city_page(self.request, city)
        return context

    @staticmethod
    def map(city):
        """Where the city is, with up to ``CITY_MAP_NEIGHBOURS`` other catalogue cities of its country."""
        if city.latitude is None or city.longitude is None:
            return None
        neighbours = (
            City.objects.in_country(city.country_code)
            .filter(latitude__isnull=False, longitude__isnull=False)
            .exclude(pk=city.pk)
            .order_by("name", "pk")[:CITY_MAP_NEIGHBOURS]
        )
        return maps.city_map(map_place(city), [map_place(other) for other in neighbours])


class VenueDetailView(FormerAddressMixin, DetailView):
    """A venue and the shows it held, newest first, ``PAGE_SIZE`` at a time, each with its first artists."""

    model = Venue
    artists_per_show = 6

    def get_queryset(self):
        return Venue.objects.select_related("city").with_exhibition_counts()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        venue = self.object
        shows = (
            Exhibition.objects.filter(venue_record=venue)
            .annotate(
                artist_total=subquery_count(
                    Exhibition.artists.through.objects.filter(exhibition=OuterRef("pk")), "exhibition"
                )
            )
            .order_by("-year", "title", "pk")
        )
        page = KnownCountPaginator(shows, PAGE_SIZE, count=venue.exhibition_count).get_page(
            self.request.GET.get("page")
        )
        exhibitions = list(page.object_list)
        first = Exhibition.objects.first_artists([show.pk for show in exhibitions], self.artists_per_show)
        for show in exhibitions:
            show.first_artists = first.get(show.pk, [])
        context.update(
            page_obj=page, paginator=page.paginator, is_paginated=page.has_other_pages(), exhibitions=exhibitions
        )
        return context


def _last_change(model):
    """The latest ``updated_at`` of ``model`` rows made from the outer story (a correlated subquery)."""
    rows = model.objects.filter(story=OuterRef("pk")).order_by().values("story")
    return Subquery(rows.annotate(last=Max("updated_at")).values("last"))


def _last_showing_change():
    """The latest ``updated_at`` of the shows the outer story tells of (a correlated subquery)."""
    rows = Showing.objects.filter(story=OuterRef("pk")).order_by().values("story")
    return Subquery(rows.annotate(last=Max("exhibition__updated_at")).values("last"))


def told_shows(story, limit):
    """The first ``limit`` shows ``story`` tells of, in its order, each as the story tells it (``as_told``)."""
    showings = Showing.objects.filter(story=story).select_related("exhibition__city").order_by("pk")[:limit]
    return [showing.as_told() for showing in showings]


class StoryQueries:
    """The story with what its page shows: the first ``PREVIEW_SIZE`` rows of each kind, their totals,
    and a stamp of its rows' last change, which keys the rendered text with the text's SHA-256."""

    def get_queryset(self):
        return (
            Story.objects.select_related("artist")
            .defer("record")
            .annotate(
                artist_total=subquery_count(Artist.objects.filter(story=OuterRef("pk")), "story"),
                work_total=subquery_count(Work.objects.filter(story=OuterRef("pk")), "story"),
                exhibition_total=subquery_count(Showing.objects.filter(story=OuterRef("pk")), "story"),
                artists_changed=_last_change(Artist),
                works_changed=_last_change(Work),
                exhibitions_changed=_last_showing_change(),
            )
        )

    def rendered(self, story, artists=None, works=None, exhibitions=None):
        """(html, highlight css) of the story, rendered once per text and rows: a megabyte of text takes
        a while. The lists given are used when they hold every row; otherwise all rows are read."""

        def render():
            record = {}
            if len(story.text) <= STORY_PAGE_MAX_LINKED_CHARS:
                record = Story.objects.filter(pk=story.pk).values_list("record", flat=True).first()
                record = record if isinstance(record, dict) else {}
            mentions = record.get("mentions")
            if isinstance(mentions, list) and len(mentions) > STORY_PAGE_MAX_LINKS:
                ordered = sorted((m for m in mentions if isinstance(m, dict)), key=_mention_start)
                record = {**record, "mentions": ordered[:STORY_PAGE_MAX_LINKS]}
            story.record = record

            def rows(given, total, queryset):
                if given is not None and len(given) >= total:
                    return given
                return list(queryset.order_by("pk")[:STORY_PAGE_MAX_ROWS])  # the importer's order: the story's

            artists_ = rows(
                artists, story.artist_total, Artist.objects.filter(story=story).select_related("birth_city")
            )
            works_ = rows(works, story.work_total, Work.objects.filter(story=story).only(*MARKUP_WORK_FIELDS))
            exhibitions_ = exhibitions
            if exhibitions is None or len(exhibitions) < story.exhibition_total:
                exhibitions_ = told_shows(story, STORY_PAGE_MAX_ROWS)
            html, css = story_page(story, artists_, works_, exhibitions_)
            return str(html), str(css)

        html, css = caching.cached_by_content("story-page", render, *self.content_key(story))
        return mark_safe(html), css

    @staticmethod
    def content_key(story):
        return (
            story.pk,
            story.sha256,
            story.artist_id,
            story.artist_total,
            story.work_total,
            story.exhibition_total,
            story.artists_changed,
            story.works_changed,
            story.exhibitions_changed,
        )

    @classmethod
    def highlights_version(cls, story):
        return hashlib.blake2b(repr(cls.content_key(story)).encode(), digest_size=8).hexdigest()


def _mention_start(mention):
    try:
        return int(mention.get("start") or 0)
    except (TypeError, ValueError):
        return 0


MARKUP_WORK_FIELDS = ("pk", "title", "slug", "import_key", "evidence", "story_id", "artist_id")


class StoryDetailView(StoryQueries, DetailView):
    """The story with its mentions linked and the evidence of its rows anchored.

    The page is the same for every anonymous visitor, so the page cache keeps it;
    the rendered text is cached by the text's hash and its rows' last change, so a
    change elsewhere in the catalogue does not render a long story again. The
    highlight rules for the evidence spans are a stylesheet of their own
    (``StoryHighlightsView``), not an inline ``<style>`` with a per-response nonce.
    """

    model = Story

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        story = self.object
        # The first rows in the story's order (the importer's), each an indexed query with a limit: a
        # sliced prefetch would number every row of the story first.
        artists = list(Artist.objects.filter(story=story).for_cards().order_by("pk")[:PREVIEW_SIZE])
        works = list(Work.objects.filter(story=story).order_by("pk")[:PREVIEW_SIZE])
        exhibitions = told_shows(story, PREVIEW_SIZE)
        share_stories([*artists, *works, *exhibitions], [story])
        context.update(story_artists=artists, story_works=works, story_exhibitions=exhibitions)
        context["story_html"], story_css = self.rendered(story, artists, works, exhibitions)
        context["highlights_version"] = self.highlights_version(story) if story_css else ""
        context["jsonld"] = jsonld.story_page(self.request, story, artists=artists)
        return context


class StoryHighlightsView(StoryQueries, SingleObjectMixin, View):
    """The story page's highlight rules: a stylesheet, so the page needs no inline style (and no nonce).

    Its address carries a version of the story's text and rows, so browsers may keep it.
    """

    model = Story

    def get(self, request, *args, **kwargs):
        story = self.get_object()
        _, css = self.rendered(story)
        response = HttpResponse(css, content_type="text/css; charset=utf-8")
        if request.GET.get("v") == self.highlights_version(story):
            response["Cache-Control"] = "public, max-age=86400"
        else:
            response["Cache-Control"] = "no-cache"
        return response


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
