"""The catalogue's own middleware: whole-page cache, request limits and rate limits (see ``MIDDLEWARE``)."""
