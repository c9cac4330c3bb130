"""Benchmark `manage.py loadstories`: dry run, fresh import, unchanged re-import.

    .venv/bin/python bench/bench_import.py [--count N] [--postgres URL] [--keep] [--jobs N] [--history-cost]

Generates N synthetic stories (bench/generate_stories.py) as JSON Lines, then
runs each phase as its own `manage.py loadstories` process against a fresh
SQLite catalogue in a temporary folder (or, with --postgres, a freshly created
PostgreSQL database named by the URL, e.g. postgres://postgres@127.0.0.1/catalogue_bench),
and prints stories per second (timed by the command, after the extractor has
loaded) and each process's peak memory. Targets (issue 3, single process on
2 cores): dry run >= 1,000 stories/s, fresh import >= 300 stories/s, unchanged
re-import >= 2,000 stories/s, memory flat in N.

``--history-cost`` runs the fresh and the changed import again on a second
fresh catalogue with history off (CATALOGUE_HISTORY=0) and prints both side by
side with what history costs (issue 16: at most 15% of the import).

``--repeating`` generates the stories from small pools of cities, venues and
titles, as in the seeds' world (``generate_stories.py --repeating``), so slugs
crowd ("blue-hour-4817"), and adds a phase: --more new stories imported into
the catalogue the first ones filled. Its rate should match the first import's.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR / "bench"))

from generate_stories import write  # noqa: E402
from production_env import production_env  # noqa: E402

TARGETS = {
    "dry run": 1000,
    "fresh import": 300,
    "unchanged re-import": 2000,
    "changed re-import": None,
    "more new stories": 300,
    "fresh, no history": None,
    "changed, no history": None,
}
# History may cost an import at most this share of its time without history (issue 16).
HISTORY_BUDGET = 0.15
SUMMARY = re.compile(r"(\d+) stor(?:y|ies): .* in ([\d.]+)s")


def run_phase(name, args, env):
    """Run one loadstories process; return (stories, seconds inside the command, wall seconds, peak MB)."""
    command = [sys.executable, "manage.py", "loadstories", *args]
    json_output = "--format" in args
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out:
        process = subprocess.Popen(
            command,
            cwd=PROJECT_DIR,
            env=env,
            stdout=subprocess.DEVNULL if json_output else out,
            stderr=subprocess.PIPE,
            text=True,
        )
        stderr = process.stderr.read()
        out.seek(0)
        stdout = out.read()
    # wait4 reaps this very child and gives its own peak memory (ru_maxrss, KiB on Linux).
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    peak_mb = usage.ru_maxrss / 1024
    if process.returncode != 0:
        raise SystemExit(f"{name} failed ({process.returncode}):\n{stderr[-3000:]}")
    matches = SUMMARY.findall(stderr + stdout)
    if not matches:
        raise SystemExit(f"{name}: no summary line in the output:\n{stderr[-2000:]}{stdout[-2000:]}")
    stories, seconds = matches[-1]
    return int(stories), float(seconds), wall, peak_mb


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--postgres", metavar="URL", help="benchmark on this (re-created) PostgreSQL database")
    parser.add_argument("--repeating", action="store_true", help="few cities, venues and titles: crowded slugs")
    parser.add_argument("--more", type=int, default=1000, help="with --repeating: new stories imported last")
    parser.add_argument("--jobs", type=int, default=1, help="loadstories --jobs for every phase (default 1)")
    parser.add_argument(
        "--history-cost", action="store_true", help="also import without history (CATALOGUE_HISTORY=0) and compare"
    )
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="catalogue-bench-"))
    stories = workdir / "stories.jsonl"
    changed = workdir / "stories-changed.jsonl"
    write(args.count, stories, repeating=args.repeating)
    if args.postgres:
        recreate_postgres_database(args.postgres)
    env = production_env(args.postgres or f"sqlite:///{workdir / 'bench.sqlite3'}")
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=PROJECT_DIR, env=env, check=True)

    print(
        f"loadstories on {args.count:,} generated stories ({stories.stat().st_size / 1e6:.1f} MB), "
        f"database {env['DATABASE_URL'].split('://')[0]}"
    )
    print(f"{'phase':22s} {'stories':>8s} {'seconds':>8s} {'stories/s':>10s} {'wall s':>7s} {'peak MB':>8s}  target")
    results = {}
    jobs = ["--jobs", str(args.jobs)]
    phases = [
        ("dry run", ["--dry-run", "--format", "json", str(stories), *jobs]),
        ("fresh import", [str(stories), *jobs]),
        ("unchanged re-import", [str(stories), *jobs]),
    ]
    for name, phase_args in phases:
        results[name] = run_phase(name, phase_args, env)
        _print_row(name, *results[name])
    write(args.count // 10 or 1, changed, variant=1, repeating=args.repeating)
    results["changed re-import"] = run_phase("changed re-import", [str(changed), *jobs], env)
    _print_row("changed re-import", *results["changed re-import"])
    if args.repeating:
        more = workdir / "stories-more.jsonl"
        write(args.more, more, repeating=True, start=args.count)
        results["more new stories"] = run_phase("more new stories", [str(more)], env)
        _print_row("more new stories", *results["more new stories"])
    if args.history_cost:
        results.update(history_cost(args, workdir, stories, changed, results))
    if not args.keep:
        for path in workdir.iterdir():
            path.unlink()
        workdir.rmdir()
    failed = [
        name
        for name, (count, seconds, *_rest) in results.items()
        if TARGETS[name] and count / max(seconds, 1e-9) < TARGETS[name]
    ]
    print("all targets met" if not failed else f"below target: {', '.join(failed)}")
    return 1 if failed else 0


def history_cost(args, workdir, stories, changed, results):
    """The fresh and the changed import again, on a second fresh catalogue with history off, side by side."""
    if args.postgres:
        url = args.postgres.rstrip("/") + "_nohistory"
        recreate_postgres_database(url)
    else:
        url = f"sqlite:///{workdir / 'bench-nohistory.sqlite3'}"
    env = production_env(url, CATALOGUE_HISTORY="0")
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=PROJECT_DIR, env=env, check=True)
    found = {}
    for name, with_history, path in (
        ("fresh, no history", "fresh import", stories),
        ("changed, no history", "changed re-import", changed),
    ):
        found[name] = run_phase(name, [str(path), "--jobs", str(args.jobs)], env)
        _print_row(name, *found[name])
        seconds_with = results[with_history][1] / max(results[with_history][0], 1)
        seconds_without = found[name][1] / max(found[name][0], 1)
        cost = seconds_with / max(seconds_without, 1e-9) - 1
        verdict = "ok" if cost <= HISTORY_BUDGET else "OVER"
        print(f"{'':22s} history costs {with_history} {cost:+.0%} (budget {HISTORY_BUDGET:.0%}) {verdict}")
    return found


def recreate_postgres_database(url):
    """Drop and create the database the URL names, so every run starts empty."""
    from urllib.parse import urlparse

    import psycopg

    name = urlparse(url).path.lstrip("/")
    if not name or name in {"postgres", "template0", "template1"}:
        raise SystemExit(f"refusing to re-create the database {name!r}: name a scratch database")
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def _print_row(name, stories, seconds, wall, peak_mb):
    rate = stories / max(seconds, 1e-9)
    target = TARGETS[name]
    verdict = "" if target is None else f">= {target:,}/s {'ok' if rate >= target else 'BELOW'}"
    print(f"{name:22s} {stories:8,d} {seconds:8.2f} {rate:10,.0f} {wall:7.1f} {peak_mb:8.0f}  {verdict}")


if __name__ == "__main__":
    sys.exit(main())
