"""Small text helpers shared by every stage (folding, word shapes)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and accent-insensitive key, the same folding the scorer uses."""
    if text.isascii():
        return " ".join(text.split()).lower()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.translate(_APOSTROPHES).split()).casefold()


def is_capitalised(word: str) -> bool:
    """True for 'Almaty', 'Öýi', "O'Sullivan"; False for 'al', '13', '"'."""
    return bool(word) and word[0].isupper()


def letters_only(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch.isalpha())
