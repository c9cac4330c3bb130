"""Train the extractor's learned decision layer on the labelled stories.

    manage.py trainextractor [--stories DIR] [--output FILE] [--sets NAME ...] [--dry-run]

Reads every labelled set under ``tests/stories/`` (a folder with ``stories/``
and ``gold/``; the never-seen test sets, ``trainer.NEVER``, are never read), prints the
cross-validated scores (five folds, each set in one fold) per field, per set and per
register, rules only next to learned, and the calibration figures, then writes
``profiles/extraction/data/decisions.json``, which the extractor loads.
Deterministic: the same corpus gives the same file, byte for byte.
The work is done by ``profiles/extraction/trainer.py`` (plain Python).
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from profiles.extraction.learned import MODEL_PATH
from profiles.extraction.trainer import train


class Command(BaseCommand):
    help = "Train the extractor's decision layer on the labelled stories; print cross-validated scores."
    requires_system_checks = []

    def add_arguments(self, parser):
        default = Path(settings.BASE_DIR) / "tests" / "stories"
        parser.add_argument("--stories", default=str(default), help=f"Folder of labelled sets (default {default}).")
        parser.add_argument("--output", default=str(MODEL_PATH), help=f"Model file to write (default {MODEL_PATH}).")
        parser.add_argument("--sets", nargs="*", default=None, help="Only these sets (folder names).")
        parser.add_argument("--dry-run", action="store_true", help="Train and report; write no model.")
        parser.add_argument(
            "--records",
            default=None,
            help="Also write the cross-validated records, one JSON line per story (source SET/stories/FILE).",
        )

    def handle(self, *args, stories, output, sets, dry_run, records, **options):
        if not Path(stories).is_dir():
            raise CommandError(f"{stories}: not a folder")
        if records is not None and not Path(records).resolve().parent.is_dir():
            raise CommandError(f"{records}: its folder does not exist")
        model = train(stories, output=None if dry_run else output, sets=sets, log=self.stdout.write, records=records)
        if not model["stories"]:
            raise CommandError(f"{stories}: no labelled stories (SET/stories/*.txt with SET/gold/*.txt.json)")
