"""Stories built to hurt: thousands of quoted works, a megabyte of names (bench/hostile.py, bench/soak.py)."""

import random
from pathlib import Path

FIRST = ["Mira", "Aigerim", "Dawit", "Zoë", "Kenji", "Lucía", "Olek", "Amara", "Farid", "Ines", "Tomás", "Yara"]
LAST = ["Kessler", "Sørensen", "Ahmed", "Okafor", "Åberg", "Novak", "Haddad", "Moreau", "Quispe", "Lindqvist"]
CITIES = ["Almaty", "Berlin", "Lagos", "Lima", "Osaka", "Tbilisi", "Porto", "Dakar", "Hanoi", "Quito", "Bergen"]


def works_story(count):
    """One painter and ``count`` quoted titles in one sentence, then a show."""
    titles = ", ".join(f'"Blue Hour {number}"' for number in range(1, count + 1))
    return (
        f"Mira Kessler {count} is a painter born in Berlin. Her paintings include {titles}. "
        "She showed them at the Kunsthalle in Hamburg, and later in a group exhibition in Vienna."
    )


def names_story(size, *, seed=0):
    """A painter, then ``size`` bytes of other people meeting in cities: thousands of mentions."""
    rng = random.Random(seed)
    parts = ["Tomás Haddad is a sculptor born in Porto. He works in clay and bronze."]
    length = len(parts[0])
    while length < size:
        if len(parts) % 4 == 0:  # the protagonist keeps coming back, so the story stays about him
            sentence = f"Tomás Haddad cast another bronze in {rng.choice(CITIES)}."
            parts.append(sentence)
            length += len(sentence) + 1
        sentence = (
            f"{rng.choice(FIRST)} {rng.choice(LAST)} met {rng.choice(FIRST)} {rng.choice(LAST)} "
            f'in {rng.choice(CITIES)} and showed "{rng.choice(LAST)} {rng.randrange(10_000)}" '
            f"at the {rng.choice(LAST)} Gallery in {rng.choice(CITIES)}."
        )
        parts.append(sentence)
        length += len(sentence) + 1
    return " ".join(parts)[:size]


def write_hostile_stories(folder, *, works=(1000, 50000), names_bytes=1_000_000):
    """Write the hostile stories as .txt files under ``folder``; returns the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for count in works:
        (folder / f"hostile-works-{count}.txt").write_text(works_story(count), encoding="utf-8")
    if names_bytes:
        (folder / f"hostile-names-{names_bytes}.txt").write_text(names_story(names_bytes), encoding="utf-8")
    return folder


# One megabyte in shapes that break naive code (quadratic scans, runaway regexes): each must
# extract to a valid record (tests/test_extraction_fuzz.py) in linear time (bench/bench_megabyte.py).
# Built on demand: importing this module for the other stories builds none of them.
MEGABYTE = 1_000_000
MEGABYTE_SEED = '{name} was born in Almaty. At 30, she painted murals. Her album "Salt Road" was shown in Bishkek.\n\n'
MEGABYTE_SHAPES = {
    "a repeated story": lambda: (MEGABYTE_SEED.format(name="Aru Test") * (MEGABYTE // len(MEGABYTE_SEED) + 1))[
        :MEGABYTE
    ],
    "one token": lambda: "a" * MEGABYTE,
    "one sentence of capitalised words": lambda: " ".join(["Name"] * (MEGABYTE // 5)),
    "initials": lambda: "A. " * (MEGABYTE // 3),
    "quotes": lambda: '"x" ' * (MEGABYTE // 4),
    "unclosed quote": lambda: '"' + "word " * (MEGABYTE // 5),
    "blank lines": lambda: "\n" * MEGABYTE,
    "emoji": lambda: "🎨" * MEGABYTE,
    "right-to-left": lambda: ("\u202eالفنانة ولدت في ألماتي " * (MEGABYTE // 24))[:MEGABYTE],
    "control characters": lambda: "".join(chr(code % 32) for code in range(MEGABYTE)),
    "many cities": lambda: ("Almaty, Bishkek, Tashkent, Paris, " * (MEGABYTE // 34))[:MEGABYTE],
    "many names": lambda: ("Aru Test met Dawit Sørensen. " * (MEGABYTE // 29))[:MEGABYTE],
}


def megabyte_story(shape):
    """The text of one of MEGABYTE_SHAPES."""
    return MEGABYTE_SHAPES[shape]()
