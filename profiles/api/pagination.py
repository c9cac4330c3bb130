"""Keyset ("cursor") pagination: page N costs what page 1 costs, however deep.

The order is whatever the FilterSet chose (``?sort=``, or relevance first for
``?q=``), always ending with the primary key so that it is total and stable.
The cursor carries the last row's values of those fields; the next page is the
rows after them in that order (``WHERE (a, b, pk) > (x, y, z)`` written out
for mixed directions), read through the ordering's index rather than by
skipping rows. A cursor names the order it was made for: used with another
``?sort=`` or ``?q=`` it is refused with a 400.
"""

import base64
import binascii
import datetime
import json
from dataclasses import dataclass

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import F, Q
from django.db.models.expressions import OrderBy
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


@dataclass(frozen=True)
class Key:
    """One field of the order: its name, its direction, and whether it can be NULL (NULLs come last)."""

    name: str
    descending: bool
    nullable: bool

    def order_by(self):
        # NULLS LAST only where NULLs can be: elsewhere it would stop the database reading the order off an index.
        nulls_last = True if self.nullable else None
        expression = F(self.name)
        return expression.desc(nulls_last=nulls_last) if self.descending else expression.asc(nulls_last=nulls_last)


def ordering_keys(queryset):
    """The queryset's order as Keys, ending with the primary key."""
    keys = []
    for item in [*queryset.query.order_by] or list(queryset.model._meta.ordering):
        if isinstance(item, str):
            name, descending = item.lstrip("-"), item.startswith("-")
        elif isinstance(item, OrderBy) and isinstance(item.expression, F):
            name, descending = item.expression.name, item.descending
        else:
            continue  # an expression we cannot page by: the primary key still makes the order total
        name = "pk" if name in ("pk", queryset.model._meta.pk.name) else name
        if name not in {key.name for key in keys}:
            keys.append(Key(name, descending, _nullable(queryset.model, name)))
        if name == "pk":
            break
    if not keys or keys[-1].name != "pk":
        keys.append(Key("pk", False, False))
    return keys


def _nullable(model, name):
    try:
        return model._meta.get_field(name).null
    except Exception:  # an annotation (a count, a search rank): never NULL here
        return False


def after(keys, values):
    """The rows after ``values`` in the order ``keys`` (NULLs last in either direction)."""
    key, value = keys[0], values[0]
    rest = after(keys[1:], values[1:]) if len(keys) > 1 else None
    if value is None:  # among the NULLs, which come last: only equal (NULL) rows can follow
        return Q(**{f"{key.name}__isnull": True}) & rest if rest is not None else Q(pk__in=[])
    beyond = Q(**{f"{key.name}__{'lt' if key.descending else 'gt'}": value})
    if key.nullable:
        beyond |= Q(**{f"{key.name}__isnull": True})
    if rest is None:
        return beyond
    # The leading range (a >= x) lets the database start from the index entry instead of testing every row.
    bound = Q(**{f"{key.name}__{'lte' if key.descending else 'gte'}": value})
    if key.nullable:
        bound |= Q(**{f"{key.name}__isnull": True})
    return bound & (beyond | (Q(**{key.name: value}) & rest))


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


class KeysetPagination(BasePagination):
    """``?cursor=`` (from the previous page's ``next``) and ``?page_size=`` (1 to MAX_PAGE_SIZE)."""

    cursor_query_param = "cursor"
    page_size_query_param = "page_size"

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.page_size = self._page_size(request)
        self.keys = ordering_keys(queryset)
        signature = [f"{'-' if key.descending else ''}{key.name}" for key in self.keys]
        rows = queryset.order_by(*(key.order_by() for key in self.keys))
        cursor = request.query_params.get(self.cursor_query_param)
        try:
            if cursor:
                rows = rows.filter(after(self.keys, self._decode(cursor, signature)))
            page = list(rows[: self.page_size + 1])
        except (ValueError, TypeError, DjangoValidationError):  # a forged cursor holding values of the wrong type
            raise ValidationError({self.cursor_query_param: ["not a cursor of this list in this order"]}) from None
        self.has_next = len(page) > self.page_size
        page = page[: self.page_size]
        self.next_cursor = None
        if self.has_next:
            last = page[-1]
            values = [_plain(getattr(last, key.name)) for key in self.keys]
            self.next_cursor = self._encode(signature, values)
        return page

    def get_paginated_response(self, data):
        return Response({"next": self.get_next_link(), "results": data})

    def get_next_link(self):
        if self.next_cursor is None:
            return None
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.cursor_query_param, self.next_cursor)

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "results"],
            "properties": {
                "next": {"type": "string", "nullable": True, "format": "uri", "description": "The next page."},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "Where the page starts: the cursor in the previous page's `next` link.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Records per page (default {DEFAULT_PAGE_SIZE}, at most {MAX_PAGE_SIZE}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
        ]

    def _page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return DEFAULT_PAGE_SIZE
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if not 1 <= size <= MAX_PAGE_SIZE:
            raise ValidationError({self.page_size_query_param: [f"a whole number from 1 to {MAX_PAGE_SIZE}"]})
        return size

    @staticmethod
    def _encode(signature, values):
        payload = json.dumps([signature, values], separators=(",", ":"), ensure_ascii=True).encode()
        return base64.urlsafe_b64encode(payload).decode().rstrip("=")

    def _decode(self, cursor, signature):
        error = ValidationError({self.cursor_query_param: ["not a cursor of this list in this order"]})
        try:
            payload = base64.urlsafe_b64decode(cursor.encode("ascii") + b"=" * (-len(cursor) % 4))
            made_for, values = json.loads(payload)
        except (ValueError, UnicodeError, binascii.Error, TypeError):
            raise error from None
        if made_for != signature or not isinstance(values, list) or len(values) != len(signature):
            raise error
        if not all(value is None or isinstance(value, str | int | float) for value in values):
            raise error
        return values
