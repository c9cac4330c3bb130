"""The public downloads page and its dumps, generated on demand and kept until the catalogue changes.

A dump is written once per catalogue version (``profiles.caching``) into
``settings.DOWNLOADS_DIR`` and served from there; the first request after a
change writes the new one (atomically: a reader never sees half a file) and
removes the old ones.
"""

import hashlib
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views import View
from django.views.generic import TemplateView

from .. import caching
from .dumps import FORMATS, export_to_file

DESCRIPTIONS = {
    "jsonl": "JSON Lines: one story record per line (docs/record-format.md), with the story's text; "
    "editors' corrections included. `loadstories --records` imports it.",
    "csv": "CSV: one row per story, the artist's facts and the names of their cities, works and exhibitions.",
    "jsonld": "JSON-LD: one schema.org document, a ShortStory per story about its artist (a Person).",
}


def downloads_dir():
    return Path(getattr(settings, "DOWNLOADS_DIR", settings.BASE_DIR / ".downloads"))


def dump_path(format, base_url):
    """Where the dump of the current catalogue version for this site address lives."""
    site = hashlib.blake2b(base_url.encode(), digest_size=6).hexdigest()
    return downloads_dir() / f"catalogue-{caching.version()}-{site}.{FORMATS[format][1]}"


def fresh_dump(format, base_url):
    """The path of an up-to-date dump, written now if the catalogue changed since the last one."""
    path = dump_path(format, base_url)
    if not path.exists():
        export_to_file(path, format, base_url=base_url)
        for old in path.parent.glob(f"catalogue-*.{FORMATS[format][1]}"):
            if old != path:
                old.unlink(missing_ok=True)
    return path


class DownloadsView(TemplateView):
    template_name = "downloads/downloads.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["dumps"] = [
            {"format": format, "extension": extension, "description": DESCRIPTIONS[format]}
            for format, (_, extension) in FORMATS.items()
        ]
        return context


class DumpView(View):
    http_method_names = ["get", "head"]

    def get(self, request, format):
        if format not in FORMATS:
            raise Http404("No such dump.")
        base_url = request.build_absolute_uri("/")
        path = fresh_dump(format, base_url)
        etag = f'"{path.stem}"'
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None:
            return not_modified
        response = FileResponse(path.open("rb"), as_attachment=True, filename=f"catalogue.{FORMATS[format][1]}")
        response["Content-Type"] = FORMATS[format][0]
        response["ETag"] = etag
        patch_cache_control(response, public=True, no_cache=True)
        return response
