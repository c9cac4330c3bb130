"""The public downloads page and its dumps, made by background jobs and kept until the catalogue changes.

See ``downloads``: a stale dump starts a job and is offered until the job's
new file replaces it. Dumps are streamed from their files with an ``ETag``
and a ``Last-Modified``, so a client that has the current one gets a 304.
"""

from django.http import FileResponse, Http404
from django.template.response import TemplateResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.log import log_response
from django.views import View
from django.views.generic import TemplateView

from . import downloads
from .dumps import FORMATS

DESCRIPTIONS = {
    "jsonl": "JSON Lines: one story record per line (docs/record-format.md), with the story's text; "
    "editors' corrections included. `loadstories --records` imports it.",
    "csv": "CSV: one row per story, the artist's facts and the names of their cities, works and exhibitions.",
    "jsonld": "JSON-LD: one schema.org document, a ShortStory per story about its artist (a Person).",
}
RETRY_SECONDS = 30


class DownloadsView(TemplateView):
    template_name = "downloads/downloads.html"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.preparing:
            # Not for the page cache: the catalogue's version stays the same when the job finishes.
            patch_cache_control(response, no_cache=True)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        base_url = self.request.build_absolute_uri("/")
        context["dumps"] = [offer(format, downloads.current(format, base_url)) for format in FORMATS]
        self.preparing = context["preparing"] = any(entry["preparing"] for entry in context["dumps"])
        return context


def offer(format, dump):
    """What the page says of one dump."""
    return {
        "format": format,
        "extension": FORMATS[format][1],
        "description": DESCRIPTIONS[format],
        "dump": dump,
        "preparing": dump is None or not dump.fresh,
    }


class DumpView(View):
    http_method_names = ["get", "head"]

    def get(self, request, format):
        if format not in FORMATS:
            raise Http404("No such dump.")
        dump = downloads.current(format, request.build_absolute_uri("/"))
        if dump is None:  # the first one is being made: the page says so, for this dump alone
            context = {"dumps": [offer(format, None)], "preparing": True}
            response = TemplateResponse(request, DownloadsView.template_name, context, status=503)
            response["Retry-After"] = str(RETRY_SECONDS)
            patch_cache_control(response, no_cache=True)
            # Expected while the first dump is made: logged as information, not as a server error.
            log_response("Dump %s is being made", format, response=response, request=request, level="info")
            return response
        not_modified = get_conditional_response(request, etag=dump.etag, last_modified=int(dump.modified.timestamp()))
        if not_modified is not None:
            return not_modified
        try:
            stream = dump.path.open("rb")
        except FileNotFoundError:  # replaced by a newer one a moment ago
            return self.get(request, format)
        response = FileResponse(stream, as_attachment=True, filename=f"catalogue.{FORMATS[format][1]}")
        response["Content-Type"] = FORMATS[format][0]
        response["ETag"] = dump.etag
        response["Last-Modified"] = http_date(dump.modified.timestamp())
        patch_cache_control(response, public=True, no_cache=True)
        return response
