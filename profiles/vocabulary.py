"""Closed vocabularies of the story record (docs/record-format.md).

The words live in one file, profiles/extraction/data/vocabulary.json, which the
extractor reads too, so the database's choices and the extractor can never
drift apart.  Read directly (plain Python, no Django, and without importing the
extraction pipeline) because the models import this at start-up.
"""

import json
from pathlib import Path

_TABLE = json.loads((Path(__file__).resolve().parent / "extraction" / "data" / "vocabulary.json").read_text("utf-8"))

DISCIPLINES: tuple[str, ...] = tuple(_TABLE["disciplines"])
WORK_KINDS: tuple[str, ...] = tuple(_TABLE["work_kinds"])
PRONOUNS: tuple[str, ...] = tuple(_TABLE["pronouns"])
EXHIBITION_KINDS: tuple[str, ...] = tuple(_TABLE["exhibition_kinds"])
