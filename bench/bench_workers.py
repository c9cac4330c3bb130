"""Benchmark import jobs on Celery workers: a fresh import on PostgreSQL by one worker, then by two.

    .venv/bin/python bench/bench_workers.py [--count N] [--workers 1 2] [--chunk-size K]
        [--postgres URL] [--broker URL]
    .venv/bin/python bench/bench_workers.py --profile [--count N] [--profile-stats PATH]

For each number of workers: re-creates the PostgreSQL database (a scratch one,
``catalogue_bench_workers`` by default), starts that many Celery worker
processes (``--pool=solo``, one process each, as ``make worker`` runs one per
core) on a queue of their own on the broker (Redis by default), warms each one
(extractor, gazetteer names) with small jobs until every worker has imported a
story, then queues N generated stories (bench/generate_stories.py) with
``loadstories --queue`` and times the job from its first chunk started to its
last chunk finished (the job's own timestamps). It checks that nothing was
lost or doubled (every story stored once, every artist once, every job story
created or skipped) and that every worker took part, and prints stories/s and
the ratio of two workers to one (target, issue 14: >= 1.7x).

Where the workers' time went, from /proc/PID/schedstat: seconds on a CPU,
seconds runnable but waiting for a CPU (other processes had the cores), and
the rest of workers x job seconds, blocked (PostgreSQL, locks, the broker).
"machine busy" is the share of every core in use during the run, anyone's.

``--profile`` runs no worker: it queues the corpus as one chunk on a broker
nobody reads and imports it in one process under cProfile, then prints how
the wall time divides between extraction, screening, the importer's writes
and the job's bookkeeping.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psycopg

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR / "bench"))

from bench_import import recreate_postgres_database  # noqa: E402
from generate_stories import write  # noqa: E402
from production_env import production_env  # noqa: E402

TARGET_RATIO = 1.7
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

# What the job did and what it wrote, read straight from PostgreSQL (the bench polls often and must stay light).
JOB = (
    "SELECT status, total, created, skipped, failed, cancelled, started_at, finished_at "
    "FROM jobs_importjob WHERE id = %s"
)
CHECKS = {
    "stories stored": "SELECT count(*) FROM profiles_story WHERE source_name IN "
    "(SELECT source FROM jobs_jobstory WHERE job_id = %(job)s)",
    "stories doubled": "SELECT count(*) FROM (SELECT source_name FROM profiles_story "
    "GROUP BY source_name HAVING count(*) > 1) AS doubled",
    "artists doubled": "SELECT count(*) FROM (SELECT name FROM profiles_artist GROUP BY name HAVING count(*) > 1) AS d",
    "job stories doubled": "SELECT count(*) FROM (SELECT source FROM jobs_jobstory WHERE job_id = %(job)s "
    "GROUP BY source HAVING count(*) > 1) AS doubled",
    "other outcomes": "SELECT count(*) FROM jobs_jobstory WHERE job_id = %(job)s "
    "AND outcome NOT IN ('created', 'skipped')",
}


def manage(env, *args, timeout=600):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def scheduled(pid):
    """(seconds on a CPU, seconds runnable but waiting for one) of a process so far (/proc/PID/schedstat)."""
    try:
        on_cpu, waiting, _ = Path(f"/proc/{pid}/schedstat").read_text().split()
    except FileNotFoundError:
        return 0.0, 0.0
    return int(on_cpu) / 1e9, int(waiting) / 1e9


def machine_busy():
    """(busy, total) CPU seconds of the whole machine so far, every core (/proc/stat)."""
    values = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle, iowait
    return (sum(values) - idle) / CLOCK_TICKS, sum(values) / CLOCK_TICKS


def start_workers(count, env, logs):
    workers = []
    for number in range(1, count + 1):
        log = (logs / f"worker{number}.log").open("w")
        workers.append(
            subprocess.Popen(
                [
                    *(sys.executable, "-m", "celery", "-A", "catalogue", "worker", "--pool=solo"),
                    *("--loglevel=INFO", "-n", f"bench{number}@%h", "--without-gossip", "--without-mingle"),
                ],
                cwd=PROJECT_DIR,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        )
    wait_for(lambda: all("ready." in (logs / f"worker{n}.log").read_text() for n in range(1, count + 1)), 120)
    return workers


def wait_for(predicate, deadline):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if predicate():
            return
        time.sleep(0.25)
    raise SystemExit("gave up waiting")


def queue_job(env, database, corpus, chunk_size):
    manage(env, "loadstories", "--queue", str(corpus), "--batch-size", str(chunk_size))
    return database.execute("SELECT max(id) FROM jobs_importjob").fetchone()[0]


def wait_for_job(database, job_id, deadline=3600):
    wait_for(lambda: job_row(database, job_id)["status"] in ("done", "failed", "cancelled"), deadline)


def job_row(database, job_id):
    row = database.execute(JOB, [job_id]).fetchone()
    names = ("status", "total", "created", "skipped", "failed", "cancelled", "started_at", "finished_at")
    return dict(zip(names, row, strict=True))


def warm_up(workers_count, env, database, logs, workdir):
    """Small jobs, one story a chunk, until every worker has imported one (and so loaded its extractor)."""
    for round_number in range(1, 11):
        stories = write(2 * workers_count, workdir / f"warm-up-{round_number}.jsonl", start=10**6 + 100 * round_number)
        wait_for_job(database, queue_job(env, database, stories, 1))
        logs_now = [(logs / f"worker{n}.log").read_text() for n in range(1, workers_count + 1)]
        if all("import_chunk" in log and "succeeded" in log for log in logs_now):
            for number, log in enumerate(logs_now, 1):
                (logs / f"worker{number}.warm").write_text(log)
            return
    raise SystemExit("a worker took no warm-up chunk in ten rounds")


def run(workers_count, args, workdir, corpus):
    recreate_postgres_database(args.postgres)
    env = production_env(
        args.postgres,
        CATALOGUE_BROKER_URL=args.broker,
        CATALOGUE_TASK_QUEUE=f"bench-{uuid.uuid4().hex}",
        CATALOGUE_CACHE_DIR=str(workdir / f"cache-{workers_count}"),
        DJANGO_LOG_LEVEL="INFO",  # the workers' logs say when a batch of new stories was retried one by one
    )
    manage(env, "migrate", "-v", "0")
    database = psycopg.connect(args.postgres, autocommit=True)
    logs = workdir / f"logs-{workers_count}"
    logs.mkdir()
    workers = start_workers(workers_count, env, logs)
    try:
        warm_up(workers_count, env, database, logs, workdir)
        load = os.getloadavg()[0]
        before = [scheduled(worker.pid) for worker in workers]
        machine_before = machine_busy()
        started = time.perf_counter()
        job_id = queue_job(env, database, corpus, args.chunk_size)
        queued = time.perf_counter() - started
        wait_for_job(database, job_id)
        wall = time.perf_counter() - started
        after = [scheduled(worker.pid) for worker in workers]
        machine_after = machine_busy()
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=60)
    job = job_row(database, job_id)
    job_seconds = (job["finished_at"] - job["started_at"]).total_seconds()
    on_cpu = sum(end[0] - start[0] for start, end in zip(before, after, strict=True))
    runnable = sum(end[1] - start[1] for start, end in zip(before, after, strict=True))
    busy, total = (end - start for start, end in zip(machine_before, machine_after, strict=True))
    problems = check(database, job_id, job, args.count)
    database.close()
    reasons = []
    retried = 0  # batches of new stories that collided with another worker's and were imported one by one
    for number in range(1, workers_count + 1):
        log = (logs / f"worker{number}.log").read_text()
        warm = (logs / f"worker{number}.warm").read_text()
        timed = log[len(warm) :]
        if timed.count("import_chunk") == 0:
            problems.append(f"worker {number} imported no chunk of the timed job")
        retried += timed.count("one by one")
        reasons += [line.split("one by one: ", 1)[1][:200] for line in timed.splitlines() if "one by one: " in line]
    return {
        "workers": workers_count,
        "seconds": job_seconds,
        "rate": job["total"] / job_seconds,
        "queued": queued,
        "wall": wall,
        "on_cpu": on_cpu,
        "runnable": runnable,
        # What is left of the workers' time is spent blocked: on PostgreSQL (queries, row and advisory
        # locks), on the broker, and idle between chunks.
        "blocked": max(0.0, workers_count * job_seconds - on_cpu - runnable),
        "machine_busy": busy / total if total else 0.0,
        "load": load,
        "retried": retried,
        "reasons": sorted(set(reasons)),
        "problems": problems,
    }


# One chunk's import profiled inside one process: where a worker's time goes.
PROFILE = """
import cProfile, pstats, time
from pathlib import Path
from profiles.jobs import running
from profiles.jobs.models import ImportJob

def scheduled():
    on_cpu, waiting, _ = Path("/proc/self/schedstat").read_text().split()
    return int(on_cpu) / 1e9, int(waiting) / 1e9

job = ImportJob.objects.get(pk={job_id})
running.import_batch(running.StoryImporter(), [])  # nothing: the modules are imported
running.extract([running.StoryText(source="warm", text="Aru Test is a painter.", origin="warm")])  # the extractor
from profiles.search import _gazetteer_names
_gazetteer_names()  # the other names of every gazetteer city, read once per process (the workers' warm-up did)
profile = cProfile.Profile()
wall, (cpu, waiting) = time.perf_counter(), scheduled()
profile.enable()
running.import_chunk(job, 0, job.total)
profile.disable()
wall, cpu, waiting = time.perf_counter() - wall, scheduled()[0] - cpu, scheduled()[1] - waiting
stats = pstats.Stats(profile)
def cumulative(module, name):
    return sum(row[3] for (path, _, function), row in stats.stats.items() if path.endswith(module) and function == name)
parts = {{
    "extraction (the extractor, in Python)": cumulative("profiles/jobs/parallel.py", "extract"),
    "screening the records": cumulative("profiles/importing/screening.py", "screen"),
    "writing new stories (importer)": cumulative("profiles/importing/batch.py", "import_new_stories"),
    "  of which new cities, one by one": cumulative("profiles/importing/shared.py", "register_cities"),
    "  of which SQL statements (psycopg)": cumulative("psycopg/cursor.py", "execute"),
    "  of which cache version bumps": cumulative("profiles/caching.py", "bump"),
    "claiming and recording (job rows)": cumulative("profiles/jobs/running.py", "_claim")
    + cumulative("django/db/models/query.py", "bulk_update")
    + cumulative("profiles/jobs/models.py", "add_counts"),
}}
print(f"{{job.total}} stories in one process, profiled: {{wall:.1f}} s wall, {{cpu:.1f}} s on a CPU, "
      f"{{waiting:.1f}} s waiting for a CPU, {{max(0, wall - cpu - waiting):.1f}} s blocked (database, locks)")
for name, seconds in parts.items():
    print(f"  {{name:40s}} {{seconds:7.1f}} s  {{seconds / wall:5.0%}} of the wall time (profiled)")
if {stats_path!r}:
    stats.dump_stats({stats_path!r})
"""


def profile(args, workdir, corpus):
    """Import the corpus in this machine's one process, no broker, under cProfile; print where the time went."""
    recreate_postgres_database(args.postgres)
    env = production_env(
        args.postgres,
        CATALOGUE_BROKER_URL="",  # the job's one chunk goes to files no worker reads: it runs here instead
        CATALOGUE_BROKER_DIR=str(workdir / "broker"),
        CATALOGUE_CACHE_DIR=str(workdir / "cache-profile"),
    )
    manage(env, "migrate", "-v", "0")
    with psycopg.connect(args.postgres, autocommit=True) as database:
        job_id = queue_job(env, database, corpus, args.count)
    code = PROFILE.format(job_id=job_id, stats_path=args.profile_stats or "")
    print(manage(env, "shell", "-c", code, timeout=3600).strip())


def check(database, job_id, job, count):
    problems = []
    if job["status"] != "done":
        problems.append(f"the job ended {job['status']}")
    done = job["created"] + job["skipped"]
    if job["total"] != count or done != count:
        problems.append(f"{done} of {count} stories created or skipped, {job['failed']} failed")
    for name, sql in CHECKS.items():
        found = database.execute(sql, {"job": job_id}).fetchone()[0]
        if (found != count) if name == "stories stored" else found:
            problems.append(f"{found} {name}")
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--chunk-size", type=int, default=64, help="stories per queued chunk (--batch-size)")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/catalogue_bench_workers")
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/12")
    parser.add_argument("--profile", action="store_true", help="only profile one process importing the corpus")
    parser.add_argument("--profile-stats", metavar="PATH", help="with --profile: keep the cProfile statistics")
    args = parser.parse_args(argv)
    if args.profile:
        with tempfile.TemporaryDirectory(prefix="catalogue-bench-workers-") as folder:
            profile(args, Path(folder), write(args.count, Path(folder) / "stories.jsonl"))
        return 0

    with tempfile.TemporaryDirectory(prefix="catalogue-bench-workers-") as folder:
        workdir = Path(folder)
        corpus = write(args.count, workdir / "stories.jsonl")
        print(
            f"fresh import of {args.count:,} generated stories on PostgreSQL, chunks of {args.chunk_size}, "
            f"broker {args.broker.split('://')[0]}; {os.cpu_count()} cores"
        )
        print(
            f"{'workers':>7s} {'stories/s':>10s} {'job s':>7s} {'queue s':>8s} {'on CPU s':>9s} "
            f"{'CPU wait s':>11s} {'blocked s':>10s} {'retried':>8s} {'machine busy':>13s} {'load':>5s}  checks"
        )
        results = []
        for count in args.workers:
            result = run(count, args, workdir, corpus)
            results.append(result)
            print(
                f"{count:7d} {result['rate']:10,.0f} {result['seconds']:7.1f} {result['queued']:8.1f} "
                f"{result['on_cpu']:9.1f} {result['runnable']:11.1f} {result['blocked']:10.1f} {result['retried']:8d} "
                f"{result['machine_busy']:12.0%} {result['load']:5.1f}  "
                f"{'; '.join(result['problems']) or 'nothing lost or doubled; every worker took part'}"
            )
            for reason in result["reasons"][:3]:
                print(f"        retried one by one because: {reason}")
    by_count = {result["workers"]: result for result in results}
    failed = any(result["problems"] for result in results)
    if 1 in by_count and 2 in by_count:
        ratio = by_count[2]["rate"] / by_count[1]["rate"]
        verdict = "ok" if ratio >= TARGET_RATIO else "BELOW"
        print(f"two workers / one worker: {ratio:.2f}x (target >= {TARGET_RATIO}x) {verdict}")
        failed = failed or ratio < TARGET_RATIO
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
