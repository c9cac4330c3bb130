"""Hostile stories: every page of theirs must stay fast and small, whatever one story holds.

    .venv/bin/python bench/hostile.py [--database-url URL] [--works 1000 50000] [--names-bytes 1000000]
                                      [--workers 2] [--max-seconds 1] [--max-worker-mb 300] [--keep]

In a temporary folder: a fresh catalogue (SQLite, or the PostgreSQL database
named by --database-url, emptied first) with the seeds and three kinds of
hostile story imported: one naming each count of quoted works in --works, and
one of --names-bytes bytes of people and cities (thousands of mentions). Then
gunicorn with production settings serves it, and each page of theirs (artist,
story, each work list page, the lists, home) is fetched cold, once, one at a
time. Prints each page's time, size and status and each worker's peak memory
(VmHWM), and exits 1 when a page answers 5xx, takes longer than --max-seconds
or a worker's peak passes --max-worker-mb.
"""

import argparse
import http.client
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hostile_stories import write_hostile_stories
from production_env import production_env
from soak import HOST, empty_database, free_port, manage, wait_for_server, worker_pids

PROJECT_DIR = Path(__file__).resolve().parent.parent

PAGES_SCRIPT = """
import json
import django
django.setup()
from profiles.models import Artist, Story
urls = ["/", "/artists/", "/works/", "/exhibitions/", "/cities/", "/tags/", "/sitemap.xml"]
for story in Story.objects.filter(source_name__startswith="hostile-").select_related("artist").only(
        "slug", "source_name", "artist__slug"):
    urls.append(story.get_absolute_url())
    if story.artist_id:
        urls.append(story.artist.get_absolute_url())
        urls.append(f"/works/?artist={story.artist.slug}")
        for city in story.artist.cities.all()[:3]:
            urls.append(city.get_absolute_url())
print(json.dumps(urls))
"""


def peak_mb(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def fetch(port, url):
    connection = http.client.HTTPConnection(HOST, port, timeout=120)
    started = time.perf_counter()
    try:
        connection.request("GET", url, headers={"Host": "localhost"})
        response = connection.getresponse()
        body = response.read()
        return response.status, len(body), time.perf_counter() - started
    except (OSError, http.client.HTTPException) as error:
        return f"error: {error}", 0, time.perf_counter() - started
    finally:
        connection.close()


def prepare(args, env, workdir):
    if args.database_url:
        empty_database(env)
    stories = write_hostile_stories(workdir / "hostile", works=args.works, names_bytes=args.names_bytes)
    for command in (
        ["migrate", "--noinput", "-v", "0"],
        ["collectstatic", "--noinput", "-v", "0"],
        ["loadstories", "seeds"],
        ["loadstories", "--max-bytes", str(args.names_bytes + 100_000), str(stories)],
    ):
        started = time.perf_counter()
        result = manage(env, *command, timeout=1800)
        print(
            f"  {' '.join(command[:1] + command[-1:])}: exit {result.returncode}, {time.perf_counter() - started:.1f} s"
        )
        if command[0] == "loadstories":
            print("    " + "\n    ".join(result.stdout.strip().splitlines()[-6:]))
        if result.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout[-3000:]}")
    found = subprocess.run(
        [sys.executable, "-c", PAGES_SCRIPT], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(found.stdout.strip().splitlines()[-1])


def run(args, workdir):
    database_url = args.database_url or f"sqlite:///{workdir / 'hostile.sqlite3'}"
    env = production_env(database_url, DJANGO_LOG_LEVEL="WARNING", PYTHONUNBUFFERED="1")
    print(f"importing hostile stories into {database_url} ...", flush=True)
    urls = prepare(args, env, workdir)
    port = free_port()
    server_env = {
        **env,
        "GUNICORN_BIND": f"{HOST}:{port}",
        "GUNICORN_WORKERS": str(args.workers),
        "GUNICORN_LOGLEVEL": "warning",
        "GUNICORN_TIMEOUT": "120",  # let a slow page finish, so its time is measured, not the timeout
        "GUNICORN_MAX_REQUESTS": "0",
    }
    log_path = workdir / "gunicorn.log"
    command = [str(Path(sys.executable).parent / "gunicorn"), "--config", "gunicorn.conf.py"]
    failures = []
    with open(log_path, "w", encoding="utf-8") as log:
        server = subprocess.Popen(command, cwd=PROJECT_DIR, env=server_env, stdout=log, stderr=log)
        try:
            wait_for_server(port)
            print(f"\n{'page':70} {'status':>6} {'KB':>8} {'seconds':>8}")
            for url in urls:
                status, size, seconds = fetch(port, url)
                print(f"{url[:70]:70} {status!s:>6} {size / 1024:8.0f} {seconds:8.3f}", flush=True)
                if status != 200 and status != 404:
                    failures.append(f"{url}: {status}")
                if seconds > args.max_seconds:
                    failures.append(f"{url}: {seconds:.2f} s")
            peaks = {pid: peak_mb(pid) for pid in worker_pids(server.pid)}
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
    print("\nworkers' peak memory (VmHWM): " + ", ".join(f"{peak:.0f} MB" for peak in peaks.values() if peak))
    failures += [f"worker {pid}: {peak:.0f} MB" for pid, peak in peaks.items() if peak and peak > args.max_worker_mb]
    if "Traceback" in log_path.read_text(encoding="utf-8", errors="replace"):
        failures.append(f"tracebacks in {log_path}")
    for failure in failures:
        print(f"FAIL {failure}")
    print("OK: every page bounded" if not failures else f"{len(failures)} failure(s)")
    return 1 if failures else 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="a PostgreSQL URL (emptied first); default: a fresh SQLite file")
    parser.add_argument("--works", type=int, nargs="+", default=[1000, 50000])
    parser.add_argument("--names-bytes", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--max-seconds", type=float, default=1.0)
    parser.add_argument("--max-worker-mb", type=float, default=300.0)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="catalogue-hostile-"))
    try:
        return run(args, workdir)
    finally:
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
