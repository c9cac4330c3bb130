"""Benchmark the public pages under gunicorn: 20 concurrent clients for 60 s, at 1,000 and 100,000 artists.

    .venv/bin/python bench/bench_pages.py [--sizes 1000 100000] [--clients 20] [--seconds 60]
                                          [--database-url postgres://postgres@127.0.0.1:5432/bench_pages]
                                          [--redis-url redis://127.0.0.1:6379/15]

For each size: builds a catalogue with bulk inserts (tests/helpers.py) in a
fresh SQLite file in a temporary folder (or in the PostgreSQL database named by
--database-url, emptied first), counts the queries each page runs (cold cache),
starts gunicorn with production settings (gunicorn.conf.py) on loopback, and
drives it with a stdlib load generator: each client thread walks the main
pages in turn over one keep-alive connection. Prints requests/s, p50, p95,
p99 and errors, overall and per page. Targets (issue 6, 2 cores): zero errors,
p95 < 150 ms at 100,000 artists, p50 at 100,000 within 1.5x of p50 at 1,000,
queries per page constant.
"""

import argparse
import http.client
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from production_env import production_env

PROJECT_DIR = Path(__file__).resolve().parent.parent
PORT = 8791


def django_env(database_url, redis_url=None):
    base = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    if redis_url:  # the build's cache.clear() empties this Redis database before each size
        base["REDIS_URL"] = redis_url
    return production_env(database_url, base=base, DJANGO_LOG_LEVEL="ERROR")


BUILD = """
import json, sys
import django
django.setup()
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from tests.helpers import build_big_catalogue
from tests.test_query_counts import page_urls

size = int(sys.argv[1])
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:  # start from an empty database, as SQLite does
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
call_command("migrate", verbosity=0)
with transaction.atomic():
    big = build_big_catalogue(size, city_count=max(50, size // 300), tag_count=60)
with connection.cursor() as cursor:
    cursor.execute("ANALYZE")
urls = page_urls(big["artist"], big["story"], big["work"], big["exhibition"], big["city"], big["tag"].slug)
urls["artist-search"] = "/artists/?q=big+artist+0001"
urls["artist-list-page-40"] = "/artists/?page=40"
client = Client(SERVER_NAME="localhost")
queries = {}
for name, url in urls.items():
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        status = client.get(url).status_code
    queries[name] = (len(captured.captured_queries), status)
print(json.dumps({"urls": urls, "queries": queries}))
"""


def build(size, database_url, redis_url=None):
    import json

    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", BUILD, str(size)],
        cwd=PROJECT_DIR,
        env=django_env(database_url, redis_url),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"building {size} artists failed:\n{result.stderr[-3000:]}")
    print(f"  built {size:,} artists in {time.perf_counter() - started:.0f}s")
    return json.loads(result.stdout.strip().splitlines()[-1])


def wait_for_server(deadline=30):
    stop = time.monotonic() + deadline
    while time.monotonic() < stop:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
            connection.request("GET", "/", headers={"Host": "localhost"})
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer")


def client_loop(urls, stop_at, results, offset):
    """One client: the pages in turn, one keep-alive connection, until ``stop_at``."""
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    index = offset
    while time.monotonic() < stop_at:
        name, url = urls[index % len(urls)]
        index += 1
        started = time.perf_counter()
        try:
            connection.request("GET", url, headers={"Host": "localhost"})
            response = connection.getresponse()
            response.read()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            ok = False
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        results.append((name, time.perf_counter() - started, ok))
    connection.close()


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000 if ordered else 0.0


def load(urls, clients, seconds):
    items = sorted(urls.items())
    for _, url in items:  # warm the workers' caches and connections, as a live site is
        for _ in range(3):
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
            connection.request("GET", url, headers={"Host": "localhost"})
            connection.getresponse().read()
    results = []
    stop_at = time.monotonic() + seconds
    threads = [threading.Thread(target=client_loop, args=(items, stop_at, results, i)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - started


def report(size, results, elapsed, queries):
    times = [seconds for _, seconds, _ in results]
    errors = sum(1 for _, _, ok in results if not ok)
    summary = {
        "size": size,
        "requests": len(results),
        "rps": len(results) / elapsed,
        "p50": percentile(times, 0.50),
        "p95": percentile(times, 0.95),
        "p99": percentile(times, 0.99),
        "errors": errors,
    }
    print(
        f"  {size:>7,} artists: {summary['requests']:,} requests, {summary['rps']:.0f} req/s, "
        f"p50 {summary['p50']:.1f} ms, p95 {summary['p95']:.1f} ms, p99 {summary['p99']:.1f} ms, {errors} errors"
    )
    print(f"  {'page':<22} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for name in sorted({name for name, _, _ in results}):
        page = [seconds for page_name, seconds, _ in results if page_name == name]
        print(
            f"  {name:<22} {queries[name][0]:>7} {percentile(page, 0.5):>8.1f} "
            f"{percentile(page, 0.95):>8.1f} {percentile(page, 0.99):>8.1f}"
        )
    return summary


def run_size(size, args, workdir):
    database_url = args.database_url or f"sqlite:///{workdir / f'pages_{size}.sqlite3'}"
    cache = f"Redis {args.redis_url}" if args.redis_url else "local-memory cache per worker"
    print(f"{size:,} artists ({database_url.split(':', 1)[0]}, {cache})")
    built = build(size, database_url, args.redis_url)
    bad = {name: status for name, (_, status) in built["queries"].items() if status != 200}
    if bad:
        raise SystemExit(f"pages that do not answer 200: {bad}")
    env = {
        **django_env(database_url, args.redis_url),
        "GUNICORN_BIND": f"127.0.0.1:{PORT}",
        "GUNICORN_LOGLEVEL": "warning",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=PROJECT_DIR,
        env=env,
        check=True,
    )
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "--config", "gunicorn.conf.py"], cwd=PROJECT_DIR, env=env
    )
    try:
        wait_for_server()
        results, elapsed = load(built["urls"], args.clients, args.seconds)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return report(size, results, elapsed, built["queries"]), built["queries"]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 100_000])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--database-url", help="a PostgreSQL database to fill (it is emptied first)")
    parser.add_argument(
        "--redis-url",
        help="share the cache between the workers through this Redis database (it is flushed before each size), "
        "e.g. redis://127.0.0.1:6379/15; default: each worker's local-memory cache",
    )
    args = parser.parse_args(argv)
    summaries, query_counts = [], []
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as folder:
        for size in args.sizes:
            summary, queries = run_size(size, args, Path(folder))
            summaries.append(summary)
            query_counts.append({name: count for name, (count, _) in queries.items()})
    print("\nsummary")
    for summary in summaries:
        print(
            f"  {summary['size']:>7,} artists: {summary['rps']:.0f} req/s, p50 {summary['p50']:.1f} ms, "
            f"p95 {summary['p95']:.1f} ms, p99 {summary['p99']:.1f} ms, {summary['errors']} errors"
        )
    if len(summaries) > 1:
        small, big = summaries[0], summaries[-1]
        print(f"  p50 ratio {big['size']:,} / {small['size']:,}: {big['p50'] / max(small['p50'], 1e-9):.2f}")
        print(f"  queries per page constant: {all(counts == query_counts[0] for counts in query_counts)}")
    return 0 if all(summary["errors"] == 0 for summary in summaries) else 1


if __name__ == "__main__":
    sys.exit(main())
