"""What a record must pass before it is imported (or previewed by the dry run): one step, the same for both.

- Its lists are cut to the content limits (``limits``).
- An artist "name" that is one of the story's own titles or quoted phrases is
  refused: the extractor could not read the protagonist and fell back to a
  title, and stories about different artists would merge into one artist
  "Blue Hour". The story is skipped with that reason.
- A name with a word that mixes scripts (a Cyrillic "а" inside a Latin name)
  is imported but flagged: its confidence drops to ``LOOKALIKE_CONFIDENCE`` so
  it leads the admin's review queue, and the command warns.
"""

import re
from dataclasses import dataclass, field, replace

from confusable_homoglyphs import categories

from .keys import title_key
from .limits import apply_limits

# Low enough to sort before anything the extractor itself is unsure of.
LOOKALIKE_CONFIDENCE = 0.1
# Scripts whose letters look alike: a word mixing one of them with another script is suspect.
LOOKALIKE_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK"})
NEUTRAL_SCRIPTS = frozenset({"COMMON", "INHERITED"})
QUOTED = re.compile(r"\"([^\"\n]{1,300})\"|\u201c([^\u201d\n]{1,300})\u201d|\*([^*\n]{1,300})\*|_([^_\n]{1,300})_")


@dataclass
class Screened:
    """A record ready for import, with what people should hear about it."""

    record: object  # StoryRecord
    cuts: list = field(default_factory=list)  # what the limits dropped
    warnings: list = field(default_factory=list)


def screen(text, record):
    """The ``StoryRecord`` as it will be imported from ``text``."""
    record, cuts = apply_limits(record)
    warnings = []
    artist = record.artist
    if artist is not None:
        if _is_own_title(text, record):
            record = replace(
                record,
                artist=None,
                exhibitions=(),
                works=(),
                skipped_reason=(
                    f"no artist found: the name read, {artist.name!r}, is one of the story's own titles "
                    "or quoted phrases, not a person's name"
                ),
            )
        else:
            mixed = lookalike_words(artist.name)
            if mixed:
                words = ", ".join(
                    f"{word!r} ({' and '.join(script.title() for script in sorted(scripts))})"
                    for word, scripts in mixed
                )
                warnings.append(
                    f"the artist's name {artist.name!r} mixes scripts in one word: {words}; "
                    "a look-alike letter? Imported and marked for review"
                )
                confidence = min(artist.confidence if artist.confidence is not None else 1.0, LOOKALIKE_CONFIDENCE)
                record = replace(record, artist=replace(artist, confidence=confidence))
    return Screened(record, cuts, warnings)


def lookalike_words(name):
    """[(word, its scripts)] for each word of ``name`` that mixes a look-alike script with another."""
    found = []
    for word in name.split():
        if word.isascii():  # Latin letters and common signs only: one script (most names, the fast way)
            continue
        scripts = set(categories.unique_aliases(word)) - NEUTRAL_SCRIPTS
        if len(scripts) > 1 and scripts & LOOKALIKE_SCRIPTS:
            found.append((word, scripts))
    return found


def _is_own_title(text, record):
    name = title_key(record.artist.name)
    if any(title_key(work.title) == name for work in record.works):
        return True
    return any(title_key(next(group for group in match.groups() if group)) == name for match in QUOTED.finditer(text))
