"""Word lists and patterns for the extractor, kept as JSON data.

Rules in the code read these tables; changing what counts as a venue head,
an exhibition trigger or a discipline cue is an edit here, not a new branch.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent


@cache
def load(name: str) -> dict:
    """Load ``data/<name>.json`` (cached; treat the result as read-only)."""
    with open(DATA_DIR / f"{name}.json", encoding="utf-8") as handle:
        table = json.load(handle)
    return {key: value for key, value in table.items() if not key.startswith("_")}
