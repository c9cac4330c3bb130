"""Dumps of the whole catalogue, one story at a time: JSON Lines, CSV and JSON-LD.

Each writer is a generator of text pieces over ``iter_current_records``, so a
dump of any size is written in constant memory. The JSON Lines dump is the
story-record format with the story's ``id`` and ``text`` added: ``loadstories``
reads it back (``--records`` imports the records as they are; without it the
stories are extracted again).
"""

import csv
import io
import json
import os
import tempfile
from pathlib import Path

from .. import jsonld
from .records import RECORD_KEYS, iter_current_records

FORMATS = {
    "jsonl": ("application/x-ndjson; charset=utf-8", "jsonl"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "jsonld": ("application/ld+json; charset=utf-8", "jsonld"),
}
CSV_COLUMNS = (
    "source",
    "story_url",
    "artist",
    "artist_url",
    "pronoun",
    "age",
    "birth_city",
    "birth_country",
    "disciplines",
    "cities",
    "works",
    "exhibitions",
    "skipped_reason",
)
LIST_SEPARATOR = " | "
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


class SiteRoot:
    """Absolute URLs under a base URL: what ``jsonld`` asks of a request."""

    def __init__(self, base_url):
        self.base_url = base_url.rstrip("/")

    def build_absolute_uri(self, path):
        return f"{self.base_url}{path}"


def export_line(story, record):
    """One JSON Lines row: the record (its keys in the schema's order), then the story's id and text."""
    row = {key: record[key] for key in RECORD_KEYS}
    row["id"] = story.source_name
    row["text"] = story.text
    return _JSON.encode(row) + "\n"


def write_jsonl(stories=None, *, base_url="", chunk_size=500):
    for story, record in iter_current_records(stories, chunk_size=chunk_size):
        yield export_line(story, record)


def write_csv(stories=None, *, base_url="", chunk_size=500):
    """One row per story: the artist's facts, lists joined with " | "."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")

    def flush():
        value = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return value

    writer.writerow(CSV_COLUMNS)
    yield flush()
    root = SiteRoot(base_url)
    for story, record in iter_current_records(stories, chunk_size=chunk_size):
        artist = record["artist"] or {}
        birth = artist.get("birth_city") or {}
        writer.writerow(
            [
                story.source_name,
                root.build_absolute_uri(story.get_absolute_url()),
                artist.get("name", ""),
                root.build_absolute_uri(story.artist.get_absolute_url()) if story.artist else "",
                artist.get("pronoun") or "",
                artist.get("age") or "",
                birth.get("name", ""),
                birth.get("country", ""),
                LIST_SEPARATOR.join(artist.get("disciplines") or []),
                LIST_SEPARATOR.join(f"{city['name']} ({city.get('country', '')})" for city in record["cities"]),
                LIST_SEPARATOR.join(work["title"] for work in record["works"]),
                LIST_SEPARATOR.join(_exhibition_label(exhibition) for exhibition in record["exhibitions"]),
                record["skipped_reason"] or "",
            ]
        )
        yield flush()


def _exhibition_label(exhibition):
    city = (exhibition.get("city") or {}).get("name")
    return ", ".join(part for part in (exhibition.get("venue"), city) if part) or "(unnamed)"


def write_jsonld(stories=None, *, base_url="", chunk_size=500):
    """One JSON-LD document: a schema.org ShortStory per story, about its artist (Person) and their works."""
    root = SiteRoot(base_url)
    yield '{"@context":"https://schema.org","@graph":['
    first = True
    for story, record in iter_current_records(stories, chunk_size=chunk_size):
        node = {"@type": "ShortStory", "name": story.source_name, "url": jsonld.absolute(root, story)}
        if story.artist is not None:
            person = jsonld.person(root, story.artist)
            artist = record["artist"]
            if artist["birth_city"]:
                person["birthPlace"] = {"@type": "City", **_place_name(artist["birth_city"])}
            if artist["disciplines"]:
                person["knowsAbout"] = artist["disciplines"]
            if story.artist.summary:
                person["description"] = story.artist.summary
            works = [
                {"@type": "CreativeWork", "name": work.title, "genre": work.kind, "url": jsonld.absolute(root, work)}
                for work in story.works.all()
            ]
            if works:
                person["subjectOf"] = works
            node["about"] = person
        yield ("" if first else ",") + _JSON.encode(node)
        first = False
    yield "]}\n"


def _place_name(place):
    return {"name": place["name"], "address": {"@type": "PostalAddress", "addressCountry": place["country"]}}


WRITERS = {"jsonl": write_jsonl, "csv": write_csv, "jsonld": write_jsonld}


def write_dump(format, output, *, base_url="", chunk_size=500, stories=None):
    """Write the dump in ``format`` to the text stream ``output``."""
    for piece in WRITERS[format](stories, base_url=base_url, chunk_size=chunk_size):
        output.write(piece)


def export_to_file(path, format, *, base_url="", chunk_size=500):
    """Write the dump to ``path`` atomically: a temporary file beside it, renamed when complete."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            write_dump(format, stream, base_url=base_url, chunk_size=chunk_size)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
