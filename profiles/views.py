"""Public pages of the catalogue: thin class-based views over the querysets."""

from django.views.generic import DetailView, ListView, TemplateView

from .models import Artist, City, Exhibition, Story, Work

PAGE_SIZE = 24


class HomeView(TemplateView):
    template_name = "profiles/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["artist_count"] = Artist.objects.count()
        context["city_count"] = City.objects.count()
        context["artists"] = Artist.objects.with_related().order_by("-created_at")[:6]
        return context


class ArtistListView(ListView):
    model = Artist
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return Artist.objects.with_related().search(self.request.GET.get("q"))


class ArtistDetailView(DetailView):
    model = Artist

    def get_queryset(self):
        return Artist.objects.with_related().prefetch_related("works", "exhibitions__city", "cities")


class CityListView(ListView):
    model = City
    paginate_by = PAGE_SIZE


class CityDetailView(DetailView):
    model = City


class ExhibitionListView(ListView):
    model = Exhibition
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return Exhibition.objects.with_related()


class ExhibitionDetailView(DetailView):
    model = Exhibition

    def get_queryset(self):
        return Exhibition.objects.with_related()


class WorkListView(ListView):
    model = Work
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return Work.objects.with_related()


class WorkDetailView(DetailView):
    model = Work

    def get_queryset(self):
        return Work.objects.with_related()


class StoryDetailView(DetailView):
    model = Story
