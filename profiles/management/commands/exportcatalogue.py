"""Export the whole catalogue.

    manage.py exportcatalogue --format jsonl|csv|jsonld [--output PATH] [--base-url URL]

JSON Lines: one story record per line as the catalogue now holds it (editors'
corrections included), with the story's ``id`` and ``text``, so that
``loadstories --records`` brings it back. CSV: one row per story. JSON-LD: one
schema.org document. Written one chunk of stories at a time, in constant
memory; to a file, it is written beside it first and moved into place when
complete, so a reader never sees half a dump.
"""

from pathlib import Path

from django.core.checks import Tags
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from profiles.exporting.dumps import FORMATS, export_to_file, write_dump


class Command(BaseCommand):
    help = "Export every story of the catalogue as JSON Lines (story records), CSV or JSON-LD."
    requires_system_checks = [Tags.models]

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=sorted(FORMATS), default="jsonl", help="Default: %(default)s.")
        parser.add_argument("--output", metavar="PATH", help="Write to this file (default: standard output).")
        parser.add_argument(
            "--base-url",
            default="http://localhost:8000",
            help="Where the catalogue is served, for the links of CSV and JSON-LD (default: %(default)s).",
        )
        parser.add_argument(
            "--chunk-size", type=int, default=500, help="Stories read per query (default: %(default)s)."
        )

    def handle(self, *args, format, output, base_url, chunk_size, **options):
        if chunk_size < 1:
            raise CommandError("--chunk-size must be positive.")
        if output and Path(output).is_dir():
            raise CommandError(f"{output}: is a directory; --output needs a file name")
        try:
            if output:
                export_to_file(Path(output), format, base_url=base_url, chunk_size=chunk_size)
            else:
                self.stdout.ending = ""  # the pieces carry their own newlines
                write_dump(format, self.stdout, base_url=base_url, chunk_size=chunk_size)
        except DatabaseError as error:
            raise CommandError(f"the catalogue's database cannot be read: {error}") from error
        except OSError as error:
            raise CommandError(f"{output}: cannot be written: {error.strerror or error}") from error
