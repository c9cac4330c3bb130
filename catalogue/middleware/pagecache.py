"""Whole-page cache for anonymous visitors: a page that is the same for every such visitor is rendered once.

``PageCacheMiddleware`` goes first in ``MIDDLEWARE``, so it sees the final
response, security headers included, and answers a hit before any other
middleware (session, authentication, CSRF, CSP) does any work.

A request may be answered from the cache only if it is a GET or HEAD with no
body, carries neither a session cookie nor a messages cookie (a request with a
session cookie is never treated as anonymous, signed in or not), and, when
``SECURE_SSL_REDIRECT`` is on, came over HTTPS (otherwise the security
middleware's redirect answers it). ``request.get_host()`` still validates the
Host header against ``ALLOWED_HOSTS`` first.

A response is stored only when it is a 200 to such a GET, is HTML or XML and
not streamed, and is the same for every anonymous visitor: it sets no cookie,
used no CSP nonce (the story page's highlight ``<style>``), neither used nor
rotated a CSRF token (any page with a form), left the session empty and
unmodified, carries no messages, was not served to a signed-in user, says
nothing against caching (``Cache-Control: private / no-cache / no-store``) and
varies on nothing but ``Cookie`` (the empty session's ``Vary``). Its headers
(CSP, X-Frame-Options, Referrer-Policy, nosniff, HSTS over HTTPS, Vary) hold
no per-request value then, and a hit replays them with the body unchanged.

Only addresses whose query parameters are all among
``PAGE_CACHE_QUERY_PARAMETERS`` (the ones the pages read) are looked up or
stored: a made-up parameter changes nothing on the page but would store one more
copy of it, so a stream of them could fill the cache.

The key is the scheme, the host, the full path with its query string and the
catalogue version from ``profiles.caching``: any save, delete or relation
change of a record makes every stored page stale at once. The version is read
before the page is rendered, so a page rendered while a record changes is
stored under the old version and never served. The timeout
(``PAGE_CACHE_SECONDS``, by default ``CATALOGUE_CACHE_SECONDS``) bounds what
bulk writes, which send no signals, can leave stale.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from profiles import caching

CACHEABLE_TYPES = ("text/html", "application/xml", "text/xml")
UNCACHEABLE_DIRECTIVES = ("private", "no-cache", "no-store")
MAX_PAGE_BYTES = 4 * 1024 * 1024  # a long story's page (its text is at most the importer's 1 MB, with markup)


def timeout():
    return getattr(settings, "PAGE_CACHE_SECONDS", None) or caching.timeout()


def _anonymous_request(request):
    """May this request be answered from the cache (or fill it)?"""
    if request.method not in ("GET", "HEAD"):
        return False
    if request.headers.get("content-length") not in (None, "", "0"):
        return False
    if request.path.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
        return False  # files: whitenoise and the media view answer them without rendering
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies:
        return False
    if getattr(settings, "MESSAGES_COOKIE_NAME", "messages") in cookies:
        return False
    if not _known_parameters(request):
        return False
    # Over plain HTTP with SSL redirects on, the security middleware's redirect answers.
    return request.is_secure() or not getattr(settings, "SECURE_SSL_REDIRECT", False)


def _known_parameters(request):
    """Does the query string hold only parameters some page reads (all of them, if the setting is absent)?"""
    known = getattr(settings, "PAGE_CACHE_QUERY_PARAMETERS", None)
    return known is None or all(name in known for name in request.GET)


def _key(request, version):
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.blake2b(address.encode(), digest_size=16).hexdigest()
    return f"page:{version}:{digest}"


def _messages_used(request):
    storage = getattr(request, "_messages", None)
    if storage is None:
        return False
    return bool(getattr(storage, "_queued_messages", None) or getattr(storage, "_loaded_data", None))


def _same_for_everyone(request, response):
    """Is ``response`` free of anything that belongs to this one request or visitor?"""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if response.get("Content-Type", "").split(";")[0].strip().lower() not in CACHEABLE_TYPES:
        return False
    if len(response.content) > MAX_PAGE_BYTES:
        return False
    if getattr(request, "_csp_nonce", None) or "'nonce-" in response.get("Content-Security-Policy", ""):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    session = getattr(request, "session", None)
    if session is not None and (session.modified or not session.is_empty()):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    if _messages_used(request):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(directive in cache_control for directive in UNCACHEABLE_DIRECTIVES):
        return False
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    return vary <= {"cookie"}


class PageCacheMiddleware:
    """Serve and store whole pages for anonymous visitors (first in ``MIDDLEWARE``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _anonymous_request(request):
            return self.get_response(request)
        key = _key(request, caching.version())
        stored = cache.get(key)
        if stored is not None:
            headers, content = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            return response
        response = self.get_response(request)
        if request.method == "GET" and _same_for_everyone(request, response):
            cache.set(key, (tuple(response.items()), response.content), timeout())
        return response
