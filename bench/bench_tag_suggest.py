"""Time the tag-suggestion query (``/tags/suggest.json``) uncached, against the number of tags.

    .venv/bin/python bench/bench_tag_suggest.py [--sizes 1000 20000 100000] [--database-url postgres://...]

For each size: a fresh SQLite file in a temporary folder (or the PostgreSQL
database named by --database-url, emptied first), migrated, then that many
two-word tags used 1 to 20 times each (bulk inserts), then ANALYZE. Prints the median and the
worst of 20 uncached runs per prefix (the cache is cleared before each run), from
one letter, which matches the most tags, to a prefix nothing matches, and one
cached answer.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent

RUN = """
import random, sys, time
import django
django.setup()
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from taggit.models import Tag
from profiles.accounts import suggest_tags
from profiles.models import Artist, TaggedItem

size = int(sys.argv[1])
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
call_command("migrate", verbosity=0)
rng = random.Random(15)
syllables = ["ka", "za", "kh", "fo", "lk", "st", "ep", "pe", "ar", "ti", "mo", "ru", "se", "la", "no", "vi"]
def word():
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
names = set()
while len(names) < size:
    names.add(f"{word()} {word()}")
artist_type = ContentType.objects.get_for_model(Artist)
with transaction.atomic():
    tags = Tag.objects.bulk_create([Tag(name=name, slug=f"t{number}") for number, name in enumerate(sorted(names))])
    items = []
    for tag in tags:
        for object_id in range(1 + int(20 * rng.random() ** 3)):
            items.append(TaggedItem(content_type=artist_type, object_id=object_id, tag=tag, source="importer"))
    TaggedItem.objects.bulk_create(items, batch_size=5000)
with connection.cursor() as cursor:
    cursor.execute("ANALYZE")  # the planner's statistics, as autovacuum would leave them after an import
print(f"{size:,} tags, {len(items):,} tagged items, {connection.vendor}")
for prefix in ["k", "ka", "kaz", "kazakh", "zzz"]:
    timings = []
    for _ in range(20):
        cache.clear()
        start = time.perf_counter()
        found = suggest_tags(prefix)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    start = time.perf_counter()
    suggest_tags(prefix)
    hit = (time.perf_counter() - start) * 1000
    print(
        f"  {prefix!r:10} median {timings[10]:7.2f} ms   worst {timings[-1]:7.2f} ms   cached {hit:5.2f} ms"
        f"   {len(found)} shown"
    )
"""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 20000, 100000])
    parser.add_argument("--database-url")
    args = parser.parse_args(argv)
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "catalogue.settings",
                "DJANGO_DEBUG": "1",
                "DJANGO_LOG_LEVEL": "ERROR",
                "DATABASE_URL": args.database_url or f"sqlite:///{Path(folder) / 'bench.sqlite3'}",
            }
            env.pop("REDIS_URL", None)
            subprocess.run([sys.executable, "-c", RUN, str(size)], cwd=PROJECT_DIR, env=env, check=True)


if __name__ == "__main__":
    main()
