"""Public pages of the catalogue: thin class-based views over the querysets.

Every page runs a bounded number of queries whatever the size of the catalogue
or of a story: related rows come through ``select_related`` / ``prefetch_related``
(never a story's text or record once per row), long lists are paginated or cut
to a few rows with a link to the full list. What a page computes lives in the
querysets (``models``), ``jsonld`` and ``story_markup``.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import OuterRef, Prefetch
from django.http import HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.utils.functional import cached_property
from django.views.decorators.csrf import requires_csrf_token
from django.views.generic import DetailView, ListView, TemplateView, View
from taggit.models import Tag

from . import caching, filters, jsonld
from .forms import TagForm
from .models import (
    Artist,
    City,
    Exhibition,
    Story,
    TaggedItem,
    Work,
    catalogue_counts,
    most_used_tags,
    share_stories,
    subquery_count,
    tagged_items,
)
from .slug_redirects import FormerSlugRedirectMixin
from .story_markup import story_page

PAGE_SIZE = 24
PREVIEW_SIZE = 24
RELATED_ARTISTS = 6
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
        item = get_object_or_404(tagged_items(self.model, [obj.pk]), tag__slug=tag_slug, added_by=request.user)
        item.delete()
        messages.success(request, "The tag was removed.")
        return HttpResponseRedirect(obj.get_absolute_url() + "#tags")


# --- Detail pages --------------------------------------------------------------------------


class ArtistDetailView(FormerSlugRedirectMixin, TaggableDetailMixin, DetailView):
    model = Artist

    def get_queryset(self):
        return (
            Artist.objects.select_related("birth_city", "story")
            .defer("story__record")
            .prefetch_related(
                "disciplines",
                "cities",
                Prefetch("works", queryset=Work.objects.order_by("title", "pk")),
                Prefetch(
                    "exhibitions", queryset=Exhibition.objects.select_related("city").order_by("year", "title", "pk")
                ),
                Prefetch("stories", queryset=Story.objects.without_record().order_by("source_name")),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        artist = self.object
        disciplines = list(artist.disciplines.all())
        cities = list(artist.cities.all())
        works = list(artist.works.all())
        exhibitions = list(artist.exhibitions.all())
        stories = list(artist.stories.all())
        if artist.story and artist.story not in stories:
            stories.insert(0, artist.story)
        share_stories([*works, *exhibitions], stories)
        context.update(
            disciplines=disciplines,
            cities=cities,
            works=works,
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
        context["jsonld"] = jsonld.artist_page(
            self.request, artist, disciplines=disciplines, tagged_items=context["tagged_items"], works=works
        )
        return context


class WorkDetailView(FormerSlugRedirectMixin, TaggableDetailMixin, DetailView):
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


class ExhibitionDetailView(FormerSlugRedirectMixin, DetailView):
    model = Exhibition

    def get_queryset(self):
        return (
            Exhibition.objects.select_related("city", "story")
            .defer("story__record")
            .prefetch_related(
                Prefetch("artists", queryset=Artist.objects.for_cards().order_by("name", "pk")),
                Prefetch("works", queryset=Work.objects.select_related("artist").order_by("title")),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        exhibition = self.object
        context["artists"] = list(exhibition.artists.all())
        context["works"] = list(exhibition.works.all())
        context["jsonld"] = jsonld.exhibition_page(
            self.request, exhibition, artists=context["artists"], works=context["works"]
        )
        return context


class CityDetailView(FormerSlugRedirectMixin, DetailView):
    model = City

    def get_queryset(self):
        return City.objects.with_artist_counts().annotate(
            exhibition_count=subquery_count(Exhibition.objects.filter(city=OuterRef("pk")), "city")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        city = self.object
        context["born"] = list(Artist.objects.filter(birth_city=city).for_cards().order_by("name", "pk")[:PREVIEW_SIZE])
        context["exhibitions"] = list(
            Exhibition.objects.filter(city=city).order_by("-year", "title", "pk")[:PREVIEW_SIZE]
        )
        context["map"] = self.map(city)
        context["jsonld"] = jsonld.city_page(self.request, city)
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
    """The story with its mentions linked and the evidence of its rows anchored.

    The rows come through the story's reverse relations, which hand each of them
    this very story object: none joins or loads the story again.
    """

    model = Story

    def get_queryset(self):
        return Story.objects.select_related("artist").prefetch_related(
            Prefetch("artists", queryset=Artist.objects.for_cards()),
            Prefetch("works", queryset=Work.objects.order_by("title")),
            Prefetch("exhibitions", queryset=Exhibition.objects.select_related("city").order_by("title")),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        story = self.object
        artists = list(story.artists.all())
        works = list(story.works.all())
        exhibitions = list(story.exhibitions.all())
        context.update(story_artists=artists, story_works=works, story_exhibitions=exhibitions)
        context["story_html"], context["story_css"] = story_page(story, artists, works, exhibitions)
        context["jsonld"] = jsonld.story_page(self.request, story, artists=artists)
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
