"""Benchmark `manage.py exportcatalogue` (and the API's keyset pages) on a large catalogue.

    .venv/bin/python bench/bench_export.py [--sizes 1000,10000,100000] [--postgres URL] [--keep]

Builds a catalogue of generated stories (bench/generate_stories.py, imported by
`loadstories` into a fresh SQLite catalogue in a temporary folder, or a freshly
created PostgreSQL database) of the first size, then grows it to each larger
size by copying those rows in SQL (each copy's stories, artists, works and
exhibitions renamed, with all their relations: bench/grow_catalogue.py; importing 100,000 stories would
measure the importer, not the export), and at each size
runs every export format as its own process, printing its wall and CPU time
(CPU time is what a busy machine does not distort) and its peak memory
(ru_maxrss of that process): constant memory means the peak stays flat
as the catalogue grows tenfold. It then times the API's first page of artists
and a page near the end of the list reached by its cursor: keyset pages cost the
same however deep.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR / "bench"))

from bench_import import recreate_postgres_database  # noqa: E402
from generate_stories import write  # noqa: E402
from production_env import production_env  # noqa: E402

FORMATS = ("jsonl", "csv", "jsonld")

API_TIMING = """
import time
from django.test import Client
from profiles.api.pagination import KeysetPagination
from profiles.models import Artist

client = Client()
deep = Artist.objects.order_by("name", "pk").values_list("name", "pk")[Artist.objects.count() - 60]
cursor = KeysetPagination._encode(["name", "pk"], list(deep))
for label, url in [("first page", "/api/v1/artists/"), ("page near the end", f"/api/v1/artists/?cursor={cursor}")]:
    client.get(url)  # warm
    started = time.perf_counter()
    for _ in range(20):
        response = client.get(url)
        assert response.status_code == 200, response.content[:300]
    print(f"{label}: {(time.perf_counter() - started) / 20 * 1000:.1f} ms")
"""


def run(command, env):
    """Run a manage.py command; return (wall seconds, CPU seconds, peak MB) of that process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "manage.py", *command], cwd=PROJECT_DIR, env=env, stderr=subprocess.PIPE, text=True
    )
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)  # this child's own peak memory (KiB on Linux)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr[-3000:]}")
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000", help="catalogue sizes, comma-separated, growing")
    parser.add_argument("--postgres", metavar="URL", help="benchmark on this (re-created) PostgreSQL database")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    sizes = sorted(int(size) for size in args.sizes.split(","))

    workdir = Path(tempfile.mkdtemp(prefix="catalogue-bench-export-"))
    if args.postgres:
        recreate_postgres_database(args.postgres)
    env = production_env(args.postgres or f"sqlite:///{workdir / 'bench.sqlite3'}")
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=PROJECT_DIR, env=env, check=True)
    print(f"exportcatalogue, database {env['DATABASE_URL'].split('://')[0]}")
    print(
        f"{'stories':>8s} {'format':7s} {'wall s':>7s} {'CPU s':>6s} {'per CPU s':>10s} {'MB out':>7s} {'peak MB':>8s}"
    )
    stories = workdir / "stories.jsonl"
    write(sizes[0], stories)
    built, _, _ = run(["loadstories", "-v", "0", str(stories)], env)
    print(f"(imported {sizes[0]:,} generated stories in {built:.0f} s)")
    for previous, size in zip([sizes[0], *sizes], sizes, strict=False):
        if size != previous:
            grow = f"from bench.grow_catalogue import grow; print(grow({size // previous}))"
            started = time.perf_counter()
            grown = subprocess.run(
                [sys.executable, "manage.py", "shell", "--no-imports", "-c", grow],
                cwd=PROJECT_DIR,
                env=env,
                capture_output=True,
                text=True,
            )
            if grown.returncode != 0:
                raise SystemExit(f"growing the catalogue failed:\n{grown.stderr[-3000:]}")
            print(f"(copied to {grown.stdout.split()[-1]} stories in {time.perf_counter() - started:.0f} s)")
        for format in FORMATS:
            output = workdir / f"catalogue.{format}"
            wall, cpu, peak = run(["exportcatalogue", "--format", format, "--output", str(output)], env)
            megabytes = output.stat().st_size / 1e6
            print(f"{size:8,d} {format:7s} {wall:7.1f} {cpu:6.1f} {size / cpu:10,.0f} {megabytes:7.0f} {peak:8.0f}")
        timing = subprocess.run(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", API_TIMING],
            cwd=PROJECT_DIR,
            env={**env, "DJANGO_ALLOWED_HOSTS": "testserver", "CATALOGUE_API_REQUESTS_PER_MINUTE": "100000"},
            capture_output=True,
            text=True,
        )
        if timing.returncode != 0:
            raise SystemExit(f"API timing failed:\n{timing.stderr[-3000:]}")
        print(f"{size:8,d} API artists, 50 a page: " + "; ".join(timing.stdout.split("\n")).strip("; "))
    if not args.keep:
        for path in workdir.iterdir():
            path.unlink()
        workdir.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
