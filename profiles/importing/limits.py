"""How much one story may bring into the catalogue, and why: the one place these limits are written.

A story is at most ``--max-bytes`` (1 MB by default) of text, but a megabyte of
quoted titles or names is not a life story: it is a list, or an attack on the
pages that show it. Past a limit the story's record is truncated at import
(the dry run shows the same cut), keeping the first entries in story order, and
``loadstories`` says what was cut. Every page then has a known worst case.
"""

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Limit:
    """At most ``most`` entries of the record's list ``field``."""

    field: str
    most: int
    noun: str
    reason: str

    def cut(self, items):
        """``items`` kept within the limit, and a note for people when some were dropped (else None)."""
        if len(items) <= self.most:
            return items, None
        return items[: self.most], f"kept the first {self.most:,} of {len(items):,} {self.noun}"


WORKS = Limit(
    "works",
    500,
    "works",
    "no real artist's story names more (no seed or labelled story comes close); "
    "beyond it a story is a list or an attack, not a life",
)
EXHIBITIONS = Limit(
    "exhibitions",
    300,
    "exhibitions",
    "a long career is a few dozen shows; each exhibition is a row, a page and a line on the artist's page",
)
CITIES = Limit(
    "cities",
    200,
    "cities",
    "an artist who lived and showed in more than 200 cities is a gazetteer; "
    "each city links the artist and is counted on every facet",
)
MENTIONS = Limit(
    "mentions",
    5_000,
    "mentions",
    "the story page links each mention, and past a few thousand links it is a page nobody reads; "
    "a megabyte of names has a hundred times more",
)
WORKS_PER_EXHIBITION = Limit(
    "works",
    100,
    "works shown at one exhibition",
    "each is a row linking the show and the work; a sentence naming more is a list",
)
SUMMARY_CHARACTERS = 2_000
SUMMARY_REASON = "the summary is one sentence, shown on cards and searched: the extractor cuts its own much shorter"

STORY_LIMITS = (WORKS, EXHIBITIONS, CITIES, MENTIONS)


def apply_limits(record):
    """(the ``StoryRecord`` within the limits, [what was cut, for people])."""
    changes, cuts = {}, []
    for limit in STORY_LIMITS:
        kept, note = limit.cut(getattr(record, limit.field))
        if note:
            changes[limit.field] = kept
            cuts.append(note)
    exhibitions, shown_cut = [], 0
    for exhibition in changes.get("exhibitions", record.exhibitions):
        kept, note = WORKS_PER_EXHIBITION.cut(exhibition.works)
        if note:
            shown_cut += 1
            exhibition = replace(exhibition, works=kept)
        exhibitions.append(exhibition)
    if shown_cut:
        changes["exhibitions"] = tuple(exhibitions)
        cuts.append(f"kept the first {WORKS_PER_EXHIBITION.most:,} works shown at {shown_cut:,} exhibition(s)")
    artist = record.artist
    if artist is not None and artist.summary and len(artist.summary) > SUMMARY_CHARACTERS:
        changes["artist"] = replace(artist, summary=artist.summary[:SUMMARY_CHARACTERS])
        cuts.append(f"kept the first {SUMMARY_CHARACTERS:,} of {len(artist.summary):,} characters of the summary")
    return (replace(record, **changes) if changes else record), cuts
