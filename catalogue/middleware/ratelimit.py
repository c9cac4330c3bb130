"""Rate limits on the POSTs a visitor can repeat cheaply: signing in and tagging.

Fixed windows counted in a cache (``settings.RATE_LIMIT_CACHE``).
``settings.RATE_LIMITS`` names each limit with the URL names of the views it
covers and, for each key it counts by, ``(count, seconds)``: ``ip`` (the client
address), ``user`` (the signed-in user) or ``username`` (the name typed into a
sign-in form, counted per client address, so that nobody can use up a victim's
budget from elsewhere). Views in one limit share its counts. Over a limit the
request gets a 429 page with ``Retry-After`` and never reaches the view. The
limits hold across server processes only if their cache is shared: the settings
choose Redis (``REDIS_URL``) or, without it, a file-based cache outside debug.

The client address is the one header ``settings.CLIENT_IP_HEADER`` names
(``REMOTE_ADDR`` unless a proxy says otherwise); django-axes reads it through
``client_ip`` too (``AXES_CLIENT_IP_CALLABLE``), so both count the same visitor.

Repeated *failed* sign-ins are django-axes' job (lockout); this caps how fast
anyone may try at all.
"""

import time

from django.conf import settings
from django.core.cache import caches
from django.shortcuts import render

DEFAULT_CACHE = "default"


def client_ip_meta_key(header):
    """The ``request.META`` key of a header named as a proxy documents it ("X-Forwarded-For") or as Django does."""
    key = header.strip().upper().replace("-", "_")
    if key in ("REMOTE_ADDR", "") or key.startswith("HTTP_"):
        return key or "REMOTE_ADDR"
    return f"HTTP_{key}"


def client_ip(request):
    """The address the request came from, as the header ``settings.CLIENT_IP_HEADER`` gives it.

    A proxy appends the address it saw to X-Forwarded-For, after whatever the
    client sent, so the last entry is the one to trust. Without the header (a
    request that did not pass the proxy) the connection's own address counts.
    None when the request carries no address at all (a request built in code):
    django-axes stores the address in an IP column, which refuses anything else.
    """
    header = client_ip_meta_key(getattr(settings, "CLIENT_IP_HEADER", "REMOTE_ADDR"))
    entries = [entry.strip() for entry in request.META.get(header, "").split(",") if entry.strip()]
    return (entries[-1] if entries else None) or request.META.get("REMOTE_ADDR") or None


def hit(scope, who, count, seconds):
    """Count one request for ``who`` in ``scope``; return the seconds to wait if it is over ``count``, else 0."""
    cache = caches[getattr(settings, "RATE_LIMIT_CACHE", DEFAULT_CACHE)]
    window = int(time.time() // seconds)
    key = f"ratelimit:{scope}:{who}:{window}"
    cache.add(key, 0, timeout=seconds + 1)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr: this request opens a new window
        cache.set(key, 1, timeout=seconds + 1)
        used = 1
    if used <= count:
        return 0
    return max(1, int((window + 1) * seconds - time.time()) + 1)


def _who(request, kind):
    if kind == "ip":
        return client_ip(request) or "unknown"
    if kind == "user":
        return f"user-{request.user.pk}" if request.user.is_authenticated else None
    if kind == "username":
        username = " ".join(str(request.POST.get("username", "")).split()).casefold()[:150]
        # Per address: a limit per name alone would let anyone lock a victim out from elsewhere.
        return f"name-{username}@{client_ip(request) or 'unknown'}" if username else None
    raise ValueError(f"unknown rate limit kind {kind!r}")


def check(request, name, limit):
    """Seconds to wait before ``request`` may go on under the limit ``name`` (0: it may go on now)."""
    wait = 0
    for kind, rule in limit.items():
        if kind == "views":
            continue
        who = _who(request, kind)
        if who is not None:
            wait = max(wait, hit(f"{name}:{kind}", who, *rule))
    return wait


def limits_for(view_name):
    """The limits (name, rule) that cover the view named ``view_name``."""
    limits = getattr(settings, "RATE_LIMITS", {})
    return [(name, limit) for name, limit in limits.items() if view_name in limit["views"]]


class RateLimitMiddleware:
    """Applies ``settings.RATE_LIMITS`` to POSTs, by the URL name of the view they go to.

    Put it after the authentication middleware (the ``user`` kind needs ``request.user``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or request.resolver_match is None:
            return None
        limits = limits_for(request.resolver_match.view_name)
        wait = max((check(request, name, limit) for name, limit in limits), default=0)
        if not wait:
            return None
        response = render(request, "429.html", {"retry_after": wait}, status=429)
        response["Retry-After"] = str(wait)
        return response


def locked_out(request, original_response=None, credentials=None):
    """django-axes' lockout page: what happened, for how long, and how to get back in (429)."""
    from axes.helpers import get_client_username, get_cool_off, get_failure_limit

    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "username": get_client_username(request, credentials) or "",
        "minutes": max(1, round(cool_off.total_seconds() / 60)) if cool_off else None,
    }
    response = render(request, "registration/locked_out.html", context, status=429)
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
