"""The site-wide search page: thin, the work is in ``profiles/site_search.py``."""

from django.views.generic import TemplateView

from . import site_search


class SearchView(TemplateView):
    """``/search/?q=``: every kind of record, grouped, best first. A query over the length limit gets a 400."""

    template_name = "profiles/search.html"

    def get(self, request, *args, **kwargs):
        query = request.GET.get("q", "").strip()
        context = self.get_context_data(query=query, **kwargs)
        if len(query) > site_search.MAX_QUERY_LENGTH:
            context["error"] = f"A search can be at most {site_search.MAX_QUERY_LENGTH} characters long."
            return self.render_to_response(context, status=400)
        context["results"] = site_search.search(query) if query else None
        return self.render_to_response(context)
