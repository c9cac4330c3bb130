"""Identity keys: how a record of a story is recognised when the story comes back.

A key is stored with the record (``import_key``) and with an editor's deletion
(``DeletedRecord``), so changing how keys are computed needs a data migration
that recomputes the stored ones (see migration 0007).
"""

import hashlib

from profiles.extraction.textutil import fold

KEY_LENGTH = 255
QUOTES = "\"'*_\u201c\u201d\u2018\u2019"


def fold_value(value):
    """``fold`` for whatever a record holds where a name should be (None, a number)."""
    return fold(value if isinstance(value, str) else str(value or ""))


def bounded(key):
    """Keys longer than the column keep a readable head and a hash of the whole."""
    if len(key) <= KEY_LENGTH:
        return key
    return f"{key[: KEY_LENGTH - 17]}#{hashlib.sha256(key.encode()).hexdigest()[:16]}"


def artist_name(artist_record):
    """The name an ``ArtistRecord`` gives the catalogue's artist: white space folded, cut to the column."""
    return " ".join(artist_record.name.split())[:200]


def artist_key(name):
    return bounded(fold_value(name))


def same_artist(name, other_name):
    """True when a story naming ``name`` finds the artist called ``other_name``."""
    return artist_key(name) == artist_key(other_name)


def artist_lock_key(name):
    """The PostgreSQL advisory lock every importer takes before it looks up or creates this artist."""
    return f"catalogue.artist:{artist_key(name)}"


def title_key(title):
    """How a work's title is matched between a record's works, exhibitions and mentions."""
    return fold_value(str(title or "").strip().strip(QUOTES))


def work_key(title):
    return bounded("work:" + title_key(title))


def exhibition_identity(entry):
    """What makes an ``ExhibitionRecord`` the same showing in another story of the artist: its city and venue."""
    city = entry.city.name if entry.city is not None else None
    return f"exhibition:{fold_value(city) or '-'}|{fold_value(entry.venue) or '-'}"


def exhibition_keys(exhibitions):
    """One key per ``ExhibitionRecord``; repeats of the same (city, venue) are numbered."""
    keys, seen = [], {}
    for entry in exhibitions:
        base = exhibition_identity(entry)
        seen[base] = seen.get(base, 0) + 1
        keys.append(bounded(base if seen[base] == 1 else f"{base}#{seen[base]}"))
    return keys


def show_identity(key, entry, artist_id):
    """What makes a story's showing the same show as another story's: ``Exhibition.identity``.

    A named venue is shared by every artist's stories: the show is its (city,
    venue) key, with its year when the record gives one (a venue's shows of
    other years are other shows). A solo show is its artist's by definition,
    and a showing with no venue cannot be told apart from others: both stay the
    artist's own (the artist's id joins the key). ``key`` is the showing's
    ``exhibition_keys`` key, so a story naming one venue twice still tells of
    two shows.
    """
    if not fold_value(entry.venue) or entry.kind == "solo":
        return bounded(f"{key}|artist:{artist_id}")
    return bounded(f"{key}|year:{entry.year}" if entry.year else key)


def is_shared_identity(identity):
    return "|artist:" not in identity
