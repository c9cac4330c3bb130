"""Conditional GETs for the API: ``ETag`` and ``Last-Modified``, and 304 when the client's copy is current.

The ETag is a hash of the response's body, so it is exact whatever changed and
whichever server process answers. ``Last-Modified`` is the time of the last
change to the catalogue this process knows of (``profiles.caching``'s version,
shared by every process when REDIS_URL is set); a client that sends
``If-None-Match`` is judged by the ETag alone.
"""

import hashlib
from datetime import UTC, datetime

from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from .. import caching


def last_change():
    """When the catalogue last changed, as a Unix timestamp (never in the future)."""
    try:
        changed = int(caching.version()) / 1e9
    except (TypeError, ValueError):
        changed = datetime.now(UTC).timestamp()
    return int(min(changed, datetime.now(UTC).timestamp()))


def conditional(request, response):
    """Add ETag, Last-Modified and Cache-Control to a successful GET; answer 304 when nothing changed."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200 or response.streaming:
        return response
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    etag = f'"{hashlib.blake2b(response.content, digest_size=16).hexdigest()}"'
    modified = last_change()
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    patch_cache_control(response, public=True, no_cache=True)  # store, but ask again each time: 304 is cheap
    not_modified = get_conditional_response(request, etag=etag, last_modified=modified, response=response)
    return not_modified
