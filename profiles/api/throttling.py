"""The API counts against the catalogue's own rate limits (``catalogue.middleware.ratelimit``).

The limit named ``api`` in ``settings.RATE_LIMITS`` applies to every API
request, counted in the same cache, per client address as the middleware sees
it; over it the API answers 429 with ``Retry-After``.
"""

from django.conf import settings
from rest_framework.throttling import BaseThrottle

from catalogue.middleware import ratelimit

LIMIT_NAME = "api"


class CatalogueRateThrottle(BaseThrottle):
    def allow_request(self, request, view):
        limit = getattr(settings, "RATE_LIMITS", {}).get(LIMIT_NAME)
        self.wait_seconds = ratelimit.check(request, LIMIT_NAME, limit) if limit else 0
        return not self.wait_seconds

    def wait(self):
        return self.wait_seconds
