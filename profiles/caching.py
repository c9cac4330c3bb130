"""Cached aggregates (tag cloud, facet counts, home page counts) and pages, dropped when records change.

Every key carries a catalogue version; any save, delete or relation change of
a record bumps it (a batch import bumps it itself), so stale entries are simply
never read again. The cache is shared by every process (files under
CATALOGUE_CACHE_DIR, or Redis with REDIS_URL), so a command-line import's bump
reaches the web server's next request. The timeout (CATALOGUE_CACHE_SECONDS)
bounds what writes that send no signal can leave stale.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from taggit.models import Tag

from .models import Artist, City, Discipline, Exhibition, Story, TaggedItem, Venue, Work

VERSION_KEY = "catalogue:version"


def timeout():
    return getattr(settings, "CATALOGUE_CACHE_SECONDS", 300)


def version():
    current = cache.get(VERSION_KEY)
    if current is None:
        current = str(time.time_ns())
        cache.add(VERSION_KEY, current, None)
        current = cache.get(VERSION_KEY, current)
    return current


def _set_version():
    cache.set(VERSION_KEY, str(time.time_ns()), None)


def bump(**kwargs):
    """Invalidate every cached aggregate: now, and again when the transaction commits.

    The second bump drops what a request computed from the old rows while the
    writing transaction was still open. A transaction waits for one bump at its
    commit however many rows it writes (a batch import saves thousands, and each
    write to a shared cache costs a file or a round trip); a rollback drops it,
    and the next write schedules another.
    """
    _set_version()
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(callback is _set_version for _, callback, _ in connection.run_on_commit):
        return
    transaction.on_commit(_set_version)


def cached(name, compute, *parts):
    """``compute()``, cached under ``name`` and ``parts`` for the current catalogue version."""
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()
    key = f"catalogue:{version()}:{name}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout())
    return value


for model in (Artist, City, Discipline, Exhibition, Story, Tag, TaggedItem, Venue, Work):
    post_save.connect(bump, sender=model, dispatch_uid=f"catalogue-cache-save-{model.__name__}")
    post_delete.connect(bump, sender=model, dispatch_uid=f"catalogue-cache-delete-{model.__name__}")
for through in (Artist.cities.through, Artist.disciplines.through, Exhibition.artists.through):
    m2m_changed.connect(bump, sender=through, dispatch_uid=f"catalogue-cache-m2m-{through.__name__}")


def cached_by_content(name, compute, *parts):
    """``compute()``, cached under ``name`` and ``parts`` whatever the catalogue version.

    For values whose key already names everything they depend on (a story's text hash
    and its rows' last change): an edit elsewhere in the catalogue leaves them valid.
    """
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()
    key = f"catalogue:content:{name}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout())
    return value
