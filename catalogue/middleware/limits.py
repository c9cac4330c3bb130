"""Request limits checked before any view runs: body size, address length, NUL in the path.

Django already refuses form bodies over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` and more
than ``DATA_UPLOAD_MAX_NUMBER_FIELDS`` fields (400); this adds what it leaves
open. A body announced larger than ``MAX_REQUEST_BYTES`` (uploads included) is
refused with 413 before a byte of it is read. A query string longer than
``MAX_QUERY_STRING_BYTES`` gets 414. A NUL character in the path gets 400:
PostgreSQL cannot compare text holding one, so a slug lookup would otherwise
end in a server error. (In the query string the list pages' forms refuse NUL
themselves, with their own 400 page.)
"""

from django.conf import settings
from django.http import HttpResponse


def _refuse(status, message):
    return HttpResponse(f"{message}\n", status=status, content_type="text/plain; charset=utf-8")


class RequestLimitsMiddleware:
    """Put it just after the security middlewares (their headers still apply), before anything reads the body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        max_body = settings.MAX_REQUEST_BYTES
        max_query = settings.MAX_QUERY_STRING_BYTES
        try:
            length = int(request.headers.get("content-length") or 0)
        except ValueError:
            return _refuse(400, "Bad request: the Content-Length header is not a number.")
        if length > max_body:
            return _refuse(413, f"Request too large: at most {max_body // (1024 * 1024)} MB.")
        query = request.META.get("QUERY_STRING", "")
        if len(query) > max_query:
            return _refuse(414, f"Address too long: the query string may be at most {max_query} bytes.")
        if "\x00" in request.path:
            return _refuse(400, "Bad request: the address holds a NUL character.")
        return self.get_response(request)
