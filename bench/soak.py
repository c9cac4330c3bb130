"""Soak test: 50 concurrent clients for 5 minutes against gunicorn on loopback while stories are imported.

    .venv/bin/python bench/soak.py [--seconds 300] [--clients 50] [--stories 2000]
                                   [--workers N] [--database-url URL] [--keep]

In a temporary folder: a fresh SQLite database (or the PostgreSQL database
named by --database-url, emptied first), migrated and seeded with seeds/; then
gunicorn with production settings (gunicorn.conf.py, bound to 127.0.0.1, worker
recycling off so a leak would show) and, beside it, `manage.py loadstories`
importing generated stories (bench/generate_stories.py) over and over, each
round a changed variant, until the time is up. The clients walk the public
pages (lists, searches, filters, detail pages, newest artists first) over
keep-alive connections.

Reports requests, status counts, 5xx and connection errors, "database is
locked" in the gunicorn and import logs, imported rounds, and the workers'
memory (RSS) at the start, middle and end. Exits 1 on any 5xx, connection
error, "database is locked", failed import round or worker memory growing more
than --max-growth percent; 0 otherwise.
"""

import argparse
import http.client
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from hostile_stories import write_hostile_stories
from production_env import production_env

PROJECT_DIR = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
LOCKED = "database is locked"

URLS_SCRIPT = """
import json
import django
django.setup()
from profiles.models import Artist, City, Exhibition, Story, Work
pick = lambda model: [obj.get_absolute_url() for obj in model.objects.order_by("?")[:20]]
hostile = []
for story in Story.objects.filter(source_name__startswith="hostile-").select_related("artist"):
    hostile += [story.get_absolute_url()] + ([story.artist.get_absolute_url()] if story.artist else [])
print(json.dumps(pick(Artist) + pick(Work) + pick(Exhibition) + pick(City) + pick(Story) + hostile))
"""
LIST_URLS = [
    "/",
    "/artists/",
    "/artists/?page=2",
    "/artists/?sort=recent",
    "/artists/?discipline=painting",
    "/artists/?q=almaty",
    "/artists/?q=a",
    "/works/",
    "/works/?q=salt",
    "/exhibitions/",
    "/cities/",
    "/tags/",
    "/sitemap.xml",
]


def django_env(args, workdir):
    database_url = args.database_url or f"sqlite:///{workdir / 'soak.sqlite3'}"
    return production_env(database_url, DJANGO_LOG_LEVEL="WARNING", PYTHONUNBUFFERED="1")


def manage(env, *args, log=None, timeout=None):
    """Run one manage.py command; its output goes to ``log`` (a file) or is captured."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=env,
        stdout=log or subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=timeout,
        check=False,
    )


def empty_database(env):
    """Drop everything in the PostgreSQL database ``env`` names: a run starts empty, as with a new SQLite file."""
    empty = "DROP SCHEMA public CASCADE; CREATE SCHEMA public"
    script = f"import django\ndjango.setup()\nfrom django.db import connection\nconnection.cursor().execute({empty!r})"
    subprocess.run([sys.executable, "-c", script], cwd=PROJECT_DIR, env=env, check=True)


def prepare(args, env, workdir):
    if args.database_url:
        empty_database(env)
    commands = [
        ["migrate", "--noinput", "-v", "0"],
        ["collectstatic", "--noinput", "-v", "0"],
        ["loadstories", "seeds"],
    ]
    if args.hostile:
        commands.append(
            ["loadstories", str(write_hostile_stories(workdir / "hostile", works=[1000], names_bytes=200_000))]
        )
    for command in commands:
        result = manage(env, *command, timeout=600)
        if result.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout[-3000:]}")
    found = subprocess.run(
        [sys.executable, "-c", URLS_SCRIPT], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, check=True
    )
    return LIST_URLS + json.loads(found.stdout.strip().splitlines()[-1]) + ["/artists/no-such-artist/"]


# --- the import, round after round ------------------------------------------------------


def import_rounds(args, env, workdir, stop_at, log_path, outcome):
    """Import a changed variant of the generated stories each round until ``stop_at`` (bounded by it)."""
    with open(log_path, "a", encoding="utf-8") as log:
        variant = 0
        while time.monotonic() < stop_at:
            stories = workdir / f"stories-{variant}.jsonl"
            subprocess.run(
                [
                    sys.executable,
                    "bench/generate_stories.py",
                    str(args.stories),
                    str(stories),
                    "--variant",
                    str(variant),
                ],
                cwd=PROJECT_DIR,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            remaining = max(30, stop_at - time.monotonic() + 120)
            started = time.monotonic()
            log.write(f"--- round {variant}: {stories.name}\n")
            log.flush()
            try:
                result = manage(env, "loadstories", str(stories), log=log, timeout=remaining)
                code = result.returncode
            except subprocess.TimeoutExpired:
                code = "timeout"
            outcome.append({"round": variant, "exit": code, "seconds": round(time.monotonic() - started, 1)})
            stories.unlink(missing_ok=True)
            variant += 1


# --- clients ------------------------------------------------------------------------------


def client_loop(port, urls, stop_at, stats, lock, seed):
    """One client: random public pages over one keep-alive connection until ``stop_at``."""
    rng = random.Random(seed)
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    local = Counter()
    while time.monotonic() < stop_at:
        url = rng.choice(urls)
        try:
            connection.request("GET", url, headers={"Host": "localhost"})
            response = connection.getresponse()
            response.read()
            local[response.status] += 1
            if response.status >= 500:
                local[f"5xx {url}"] += 1
            elif response.status != 200:
                local[f"{response.status} {url}"] += 1
        except (OSError, http.client.HTTPException):
            local["connection error"] += 1
            connection.close()
            connection = http.client.HTTPConnection(HOST, port, timeout=60)
            time.sleep(0.1)
    connection.close()
    with lock:
        stats.update(local)


# --- workers' memory ----------------------------------------------------------------------


def worker_pids(master):
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            pids.append(int(stat.parent.name))
    return sorted(pids)


def rss_mb(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def memory(master):
    sizes = {pid: rss_mb(pid) for pid in worker_pids(master)}
    return {pid: round(size, 1) for pid, size in sizes.items() if size is not None}


def wait_for_server(port, deadline=60):
    stop = time.monotonic() + deadline
    while time.monotonic() < stop:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", "/", headers={"Host": "localhost"})
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("gunicorn did not answer")


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


# --- the run ------------------------------------------------------------------------------------


def soak(args, workdir):
    env = django_env(args, workdir)
    print(f"preparing the database and static files in {workdir} ...", flush=True)
    urls = prepare(args, env, workdir)
    port = free_port()
    server_env = {
        **env,
        "GUNICORN_BIND": f"{HOST}:{port}",
        "GUNICORN_LOGLEVEL": "warning",
        "GUNICORN_MAX_REQUESTS": "0",  # no recycling: a leak must show in the figures
    }
    if args.workers:
        server_env["GUNICORN_WORKERS"] = str(args.workers)
    gunicorn_log_path, import_log_path = workdir / "gunicorn.log", workdir / "import.log"
    command = [str(Path(sys.executable).parent / "gunicorn")]
    command += ["--config", "gunicorn.conf.py"] if (PROJECT_DIR / "gunicorn.conf.py").exists() else [
        "--bind", f"{HOST}:{port}", "--workers", str(args.workers or 3), "catalogue.wsgi:application",
    ]  # fmt: skip
    with open(gunicorn_log_path, "w", encoding="utf-8") as gunicorn_log:
        server = subprocess.Popen(command, cwd=PROJECT_DIR, env=server_env, stdout=gunicorn_log, stderr=gunicorn_log)
        try:
            wait_for_server(port)
            for url in urls:  # warm every worker a little before the first memory reading
                for _ in range(2):
                    connection = http.client.HTTPConnection(HOST, port, timeout=60)
                    connection.request("GET", url, headers={"Host": "localhost"})
                    connection.getresponse().read()
            return run_load(args, env, workdir, urls, port, server, import_log_path, gunicorn_log_path)
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()


def run_load(args, env, workdir, urls, port, server, import_log_path, gunicorn_log_path):
    started = time.monotonic()
    stop_at = started + args.seconds
    readings = {"start": memory(server.pid)}
    rounds = []
    importer = threading.Thread(
        target=import_rounds, args=(args, env, workdir, stop_at, import_log_path, rounds), daemon=True
    )
    stats, lock = Counter(), threading.Lock()
    clients = [
        threading.Thread(target=client_loop, args=(port, urls, stop_at, stats, lock, seed), daemon=True)
        for seed in range(args.clients)
    ]
    print(f"soaking: {args.clients} clients for {args.seconds:.0f} s on {HOST}:{port}, importing alongside ...")
    importer.start()
    for client in clients:
        client.start()
    middle = started + args.seconds / 2
    while time.monotonic() < middle:
        time.sleep(min(1.0, max(0.0, middle - time.monotonic())))
    readings["middle"] = memory(server.pid)
    for client in clients:
        client.join(timeout=args.seconds + 120)
    elapsed = time.monotonic() - started
    readings["end"] = memory(server.pid)
    importer.join(timeout=900)
    return report(args, stats, elapsed, readings, rounds, import_log_path, gunicorn_log_path)


def report(args, stats, elapsed, readings, rounds, import_log_path, gunicorn_log_path):
    gunicorn_text = gunicorn_log_path.read_text(encoding="utf-8", errors="replace")
    import_text = import_log_path.read_text(encoding="utf-8", errors="replace")
    statuses = {key: count for key, count in stats.items() if isinstance(key, int)}
    requests = sum(statuses.values())
    server_errors = sum(count for status, count in statuses.items() if status >= 500)
    connection_errors = stats["connection error"]
    locked = gunicorn_text.count(LOCKED) + import_text.count(LOCKED)
    tracebacks = gunicorn_text.count("Traceback") + import_text.count("Traceback")
    failed_rounds = [item for item in rounds if item["exit"] != 0]
    total = {name: round(sum(values.values()), 1) for name, values in readings.items()}
    start_sum = total.get("start") or 0
    growth = 100 * (total["end"] - start_sum) / start_sum if start_sum else 0.0
    imported = re.findall(r"(\d[\d,]*) (?:stor(?:y|ies)) (?:imported|created|updated)", import_text)

    print()
    print(f"requests            {requests:,} in {elapsed:.0f} s ({requests / elapsed:.0f}/s), {args.clients} clients")
    print(f"statuses            {dict(sorted(statuses.items()))}")
    print(f"5xx                 {server_errors}")
    print(f"connection errors   {connection_errors}")
    print(f"'{LOCKED}'  {locked} (gunicorn log + import log); tracebacks {tracebacks}")
    print(f"import rounds       {len(rounds)} of {args.stories} stories each: {rounds}")
    if imported:
        print(f"import said         {', '.join(imported[-3:])}")
    for name, values in readings.items():
        print(f"worker RSS {name:<8} {total[name]:>7.1f} MB in {len(values)} workers: {list(values.values())}")
    print(f"memory growth       {growth:+.1f} % (start to end; limit {args.max_growth:.0f} %)")
    for key, count in sorted(stats.items(), key=lambda item: -item[1] if isinstance(item[0], str) else 0):
        if isinstance(key, str) and key[:1].isdigit():
            print(f"  {count} x {key}")

    problems = []
    if server_errors:
        problems.append(f"{server_errors} server errors")
    if connection_errors:
        problems.append(f"{connection_errors} connection errors")
    if locked:
        problems.append(f"'{LOCKED}' {locked} times")
    if failed_rounds:
        problems.append(f"import rounds failed: {failed_rounds}")
    if not rounds:
        problems.append("no import round ran")
    if growth > args.max_growth:
        problems.append(f"worker memory grew {growth:.0f} %")
    if not requests:
        problems.append("no request was answered")
    print("RESULT: " + ("FAIL: " + "; ".join(problems) if problems else "OK: zero errors"))
    return 1 if problems else 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--stories", type=int, default=2000, help="stories per import round")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py's)")
    parser.add_argument("--max-growth", type=float, default=50.0, help="allowed worker memory growth, percent")
    parser.add_argument("--database-url", help="a PostgreSQL database to use (it is emptied first)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (database and logs)")
    parser.add_argument(
        "--hostile",
        action="store_true",
        help="also import bench/hostile_stories.py's stories (1,000 quoted works, 200 KB of names) before the load",
    )
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="soak-"))
    try:
        return soak(args, workdir)
    finally:
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
