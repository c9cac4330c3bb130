"""The editors' workshop: Django admin for the catalogue.

``records`` registers a page per model; ``base`` holds what the record pages
share (edit tracking for re-imports, tombstones, provenance, history);
``merging`` is the "merge duplicates" action.
"""

from . import (
    jobs,  # noqa: F401  (registers the import jobs pages)
    records,  # noqa: F401  (registers the admin pages)
    venues,  # noqa: F401  (registers the venues' page)
)
