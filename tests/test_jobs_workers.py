"""Real Celery workers on PostgreSQL: two of them import one corpus queued by `loadstories --queue`.

Each broker the catalogue supports is tried: the file-system transport of the
embedded default, Redis (127.0.0.1:6379, database 9) and RabbitMQ
(127.0.0.1:5672). A broker that does not answer skips its test on a
developer's machine and fails it in CI (``CI`` set), where the services run.
Every process here gets exactly the environment the test gives it.
"""

import os
import socket
import subprocess
import sys
import time
import uuid

import pytest
from django.db import connection
from django.db.models import Count

from bench.generate_stories import write
from profiles.jobs.models import ImportJob, JobStory
from profiles.models import Artist, Story
from tests.helpers import PROJECT_DIR

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (make test-postgres)"),
]

STORIES = 60
BROKERS = {
    "files": (None, None),
    "redis": ("redis://127.0.0.1:6379/9", 6379),
    "rabbitmq": ("amqp://guest:guest@127.0.0.1:5672//", 5672),
}


def database_url():
    settings = connection.settings_dict
    host = settings["HOST"] or "127.0.0.1"
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return f"postgres://{settings['USER']}{password}@{host}:{settings['PORT'] or 5432}/{settings['NAME']}"


def answers(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    except OSError:
        return False
    return True


@pytest.fixture(params=list(BROKERS))
def environment(request, tmp_path):
    url, port = BROKERS[request.param]
    if port and not answers(port):
        reason = f"no {request.param} broker on 127.0.0.1:{port}"
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI runs it)")
        pytest.skip(reason)
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_SETTINGS_MODULE": "catalogue.settings",
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": database_url(),
        "CATALOGUE_TASK_QUEUE": f"test-{uuid.uuid4().hex}",
        "CATALOGUE_BROKER_DIR": str(tmp_path / "broker"),
    }
    if url:
        env["CATALOGUE_BROKER_URL"] = url
    return env


def start_worker(name, env, log):
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "catalogue",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            "-n",
            f"{name}@%h",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=PROJECT_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def wait_for(predicate, what, deadline=240):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if predicate():
            return
        time.sleep(0.5)
    raise AssertionError(f"gave up waiting for {what}")


def test_two_workers_import_one_queued_corpus_each_story_once(environment, tmp_path):
    write(STORIES, f"{tmp_path / 'corpus'}/")
    logs = [tmp_path / f"w{n}.log" for n in (1, 2)]
    workers = [start_worker(f"w{n}", environment, log.open("w")) for n, log in zip((1, 2), logs, strict=True)]
    try:
        wait_for(lambda: all("ready." in log.read_text() for log in logs), "both workers to be ready", 60)
        queued = subprocess.run(
            [sys.executable, "manage.py", "loadstories", "--queue", str(tmp_path / "corpus"), "--batch-size", "5"],
            cwd=PROJECT_DIR,
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert queued.returncode == 0, queued.stderr
        job = ImportJob.objects.get()
        wait_for(lambda: ImportJob.objects.get().status == ImportJob.Status.DONE, "the job to finish")
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=30)

    job.refresh_from_db()
    assert (job.total, job.failed, job.done) == (STORIES, 0, STORIES)
    assert job.created + job.skipped == STORIES
    assert Story.objects.count() == STORIES
    assert not JobStory.objects.values("source").annotate(n=Count("pk")).filter(n__gt=1).exists()
    assert not Artist.objects.values("name").annotate(n=Count("pk")).filter(n__gt=1).exists()
    assert set(JobStory.objects.values_list("outcome", flat=True)) <= {"created", "skipped"}
    for log in logs:  # both took part
        assert "import_chunk" in log.read_text(), log.read_text()[-2000:]
        assert "succeeded" in log.read_text(), log.read_text()[-2000:]


@pytest.mark.parametrize("environment", ["files"], indirect=True)
def test_a_worker_of_the_embedded_default_makes_the_dump_a_request_asked_for(environment, tmp_path):
    from profiles.jobs.models import DumpJob

    environment["CATALOGUE_DOWNLOADS_DIR"] = str(tmp_path / "downloads")
    log = tmp_path / "worker.log"
    worker = start_worker("dumps", environment, log.open("w"))
    try:
        wait_for(lambda: "ready." in log.read_text(), "the worker to be ready", 60)
        asked = subprocess.run(
            [
                *(sys.executable, "manage.py", "shell", "-c"),
                "from profiles.exporting import downloads; downloads.request_dump('csv', 'http://testserver/')",
            ],
            cwd=PROJECT_DIR,
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert asked.returncode == 0, asked.stderr
        wait_for(lambda: DumpJob.objects.filter(status=DumpJob.Status.DONE).exists(), "the dump job to finish")
    finally:
        worker.terminate()
        worker.wait(timeout=30)

    (path,) = (tmp_path / "downloads").glob("catalogue-*.csv")
    assert path.read_text().startswith("source,story_url,artist")
    assert DumpJob.objects.get().size == path.stat().st_size
    assert "make_dump" in log.read_text()
