"""Closed vocabularies of the story record (../shared/stories/SCHEMA.md).

Plain Python, shared by the extraction pipeline and the Django models, so the
database choices and the extractor can never drift apart.
"""

DISCIPLINES = (
    "painting",
    "drawing",
    "watercolor",
    "oil painting",
    "digital art",
    "sculpture",
    "ceramics",
    "textile art",
    "photography",
    "printmaking",
    "illustration",
    "calligraphy",
    "installation",
    "light art",
    "performance art",
    "music",
    "film",
    "street art",
    "mixed media",
    "architecture",
    "fashion design",
    "jewelry",
    "poetry",
    "dance",
    "theatre",
)

WORK_KINDS = (
    "painting",
    "series",
    "album",
    "song",
    "sculpture",
    "installation",
    "mural",
    "photograph",
    "film",
    "book",
    "performance",
    "collection",
    "other",
)

PRONOUNS = ("he", "she", "they")

EXHIBITION_KINDS = ("solo", "group")
