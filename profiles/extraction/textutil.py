"""Small text helpers shared by every stage (folding, word shapes)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case-, accent-, space- and apostrophe-insensitive form of a name: the one fold for names.

    Extraction matches names with it and the catalogue keys its records with it
    (``profiles/importing/keys.py``): changing it changes stored keys, which then
    need a data migration. The scorer keeps its own (``scoring.scorer_fold``).
    """
    if text.isascii():
        return " ".join(text.replace("`", "'").split()).lower()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.translate(_APOSTROPHES).split()).casefold()


def is_capitalised(word: str) -> bool:
    """True for 'Almaty', 'Öýi', "O'Sullivan"; False for 'al', '13', '"'."""
    return bool(word) and word[0].isupper()


def letters_only(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch.isalpha())
