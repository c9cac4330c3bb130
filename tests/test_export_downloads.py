"""The public downloads page: dumps made by background jobs, kept until the catalogue changes.

Most tests run the dump jobs eagerly (Celery's ``task_always_eager``), as the
embedded default's worker would run them a moment later; the ones about
"being prepared" hold the jobs back (``held``) and run them by hand.
"""

import json
import os
import time
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.http import http_date

from profiles.exporting import downloads
from profiles.jobs import tasks
from profiles.jobs.models import DumpJob
from profiles.models import Artist
from tests.helpers import build_catalogue

# Transactions commit as outside a test, so a job queued by a request is sent when its row is committed.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("eager_celery")]
FORMATS = ("jsonl", "csv", "jsonld")


@pytest.fixture(autouse=True)
def downloads_dir(settings, tmp_path):
    settings.DOWNLOADS_DIR = tmp_path / "downloads"
    return settings.DOWNLOADS_DIR


@pytest.fixture
def get(client):
    return client.get


@pytest.fixture
def held(monkeypatch):
    """No worker: the ids of the dump jobs sent, for the test to run."""
    sent = []
    monkeypatch.setattr(tasks.make_dump, "delay", sent.append)
    return sent


def download(get, format, **kwargs):
    response = get(f"/downloads/catalogue.{format}", **kwargs)
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


def test_the_page_links_every_dump_and_the_api(get, client):
    html = get("/downloads/").content.decode()
    for format in FORMATS:
        assert f'href="/downloads/catalogue.{format}"' in html
    assert "being prepared" not in html
    assert 'href="/api/v1/docs/"' in html
    assert 'href="/downloads/"' in client.get("/").content.decode()  # the footer links it


@pytest.mark.parametrize(
    ("format", "content_type"),
    [("jsonl", "application/x-ndjson"), ("csv", "text/csv"), ("jsonld", "application/ld+json")],
)
def test_each_dump_downloads_as_a_file(get, format, content_type):
    build_catalogue(2)
    response, body = download(get, format)
    assert response["Content-Type"].startswith(content_type)
    assert f'filename="catalogue.{format}"' in response["Content-Disposition"]
    assert int(response["Content-Length"]) == len(body) > 0
    assert DumpJob.objects.get(format=format).status == DumpJob.Status.DONE


def test_a_dump_is_kept_until_the_catalogue_changes(get, downloads_dir, django_assert_max_num_queries):
    catalogue = build_catalogue(2)
    response, first = download(get, "jsonl")
    with django_assert_max_num_queries(0):
        again, second = download(get, "jsonl")
    assert second == first
    assert get("/downloads/catalogue.jsonl", headers={"if-none-match": again["ETag"]}).status_code == 304

    artist = Artist.objects.get(pk=catalogue["artists"][0].pk)
    artist.name = "Renamed By An Editor"
    artist.save()
    changed, third = download(get, "jsonl")
    assert changed["ETag"] != again["ETag"]
    assert "Renamed By An Editor" in [json.loads(line)["artist"]["name"] for line in third.decode().splitlines()]
    assert len(list(downloads_dir.glob("*.jsonl"))) == 1  # the stale dump is gone
    assert DumpJob.objects.filter(format="jsonl", status=DumpJob.Status.DONE).count() == 2


def test_a_dump_answers_if_modified_since_with_its_last_modified(get, downloads_dir):
    build_catalogue(1)
    response, _ = download(get, "csv")
    (path,) = downloads_dir.glob("*.csv")
    assert response["Last-Modified"] == http_date(int(path.stat().st_mtime))

    later = get("/downloads/catalogue.csv", headers={"if-modified-since": response["Last-Modified"]})
    assert later.status_code == 304
    earlier = http_date(int(path.stat().st_mtime) - 3600)
    assert get("/downloads/catalogue.csv", headers={"if-modified-since": earlier}).status_code == 200


def test_a_stale_dump_is_offered_while_one_job_prepares_the_next(get, held, downloads_dir):
    catalogue = build_catalogue(2)
    first_page = get("/downloads/")
    assert "being prepared" in first_page.content.decode()
    assert "no-cache" in first_page["Cache-Control"]  # kept out of the page cache
    assert len(held) == len(FORMATS)  # one job per format
    for job_id in list(held):
        tasks.make_dump(job_id)
    held.clear()
    _, old = download(get, "jsonl")
    assert "being prepared" not in get("/downloads/").content.decode()

    artist = Artist.objects.get(pk=catalogue["artists"][0].pk)
    artist.name = "Renamed By An Editor"
    artist.save()
    for _ in range(3):  # many visitors, one job per format
        html = get("/downloads/").content.decode()
        assert "being prepared" in html
        assert 'href="/downloads/catalogue.jsonl"' in html  # the previous dump is still offered
        _, body = download(get, "jsonl")
        assert body == old
    assert len(held) == len(FORMATS)
    assert DumpJob.objects.active().count() == len(FORMATS)

    for job_id in held:
        tasks.make_dump(job_id)
    _, new = download(get, "jsonl")
    assert b"Renamed By An Editor" in new
    assert new != old
    assert "being prepared" not in get("/downloads/").content.decode()
    assert not DumpJob.objects.active().exists()


def test_before_the_first_dump_is_made_its_address_says_to_retry(get, held, caplog):
    with caplog.at_level("INFO", logger="django.request"):
        response = get("/downloads/catalogue.jsonl")
    assert response.status_code == 503
    # Expected, not a server fault: nobody is paged for it.
    assert [record.levelname for record in caplog.records if record.name == "django.request"] == ["INFO"]
    assert int(response["Retry-After"]) > 0
    assert "being prepared" in response.content.decode()
    assert len(held) == 1

    for job_id in held:
        tasks.make_dump(job_id)
    assert get("/downloads/catalogue.jsonl").status_code == 200


def test_only_one_job_per_format_can_be_active():
    DumpJob.objects.create(format="csv", base_url="http://testserver/")
    DumpJob.objects.create(format="jsonl", base_url="http://testserver/")
    with pytest.raises(IntegrityError), transaction.atomic():
        DumpJob.objects.create(format="csv", base_url="http://testserver/", status=DumpJob.Status.RUNNING)


def test_a_lost_job_is_replaced(get, held):
    get("/downloads/catalogue.csv")
    lost = DumpJob.objects.get()
    DumpJob.objects.filter(pk=lost.pk).update(created_at=timezone.now() - DumpJob.LOST_AFTER - timedelta(minutes=1))

    get("/downloads/catalogue.csv")
    lost.refresh_from_db()
    assert lost.status == DumpJob.Status.FAILED
    assert "lost" in lost.error
    assert DumpJob.objects.active().get().pk == held[-1] != lost.pk


def test_a_failed_export_keeps_the_previous_dump(get, monkeypatch, downloads_dir):
    catalogue = build_catalogue(1)
    _, old = download(get, "jsonl")
    artist = Artist.objects.get(pk=catalogue["artists"][0].pk)
    artist.name = "Renamed By An Editor"
    artist.save()

    def broken(path, format, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(downloads, "export_to_file", broken)
    _, body = download(get, "jsonl")
    assert body == old
    failed = DumpJob.objects.filter(status=DumpJob.Status.FAILED).get()
    assert "disk full" in failed.error
    assert "being prepared" in get("/downloads/").content.decode()
    assert not list(downloads_dir.glob(".*.part"))  # no half-written file left


def test_an_unreachable_broker_fails_the_job_and_the_page_still_answers(get, monkeypatch):
    from kombu.exceptions import OperationalError

    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.make_dump, "delay", refuse)
    assert get("/downloads/").status_code == 200
    assert set(DumpJob.objects.values_list("status", flat=True)) == {DumpJob.Status.FAILED}
    assert "cannot be reached" in DumpJob.objects.first().error


def test_a_dump_made_from_an_older_version_is_stale(downloads_dir):
    old = downloads.dump_path("csv", "http://testserver/", "1")
    old.parent.mkdir(parents=True)
    old.write_text("source\n")
    os.utime(old, (time.time() - 60, time.time() - 60))
    dump = downloads.latest("csv", "http://testserver/")
    assert (dump.path, dump.version, dump.fresh) == (old, "1", False)


def test_the_admin_lists_past_dump_jobs_read_only(get, admin_client, held):
    get("/downloads/catalogue.csv")
    tasks.make_dump(held[0])
    page = admin_client.get("/admin/jobs/dumpjob/")
    assert page.status_code == 200
    assert "Dump job" in page.text
    assert "done" in page.text
    job = DumpJob.objects.get()
    assert admin_client.get(f"/admin/jobs/dumpjob/{job.pk}/change/").status_code == 200  # a read-only view
    assert admin_client.get("/admin/jobs/dumpjob/add/").status_code == 403


def test_an_unknown_format_is_404(client):
    assert client.get("/downloads/catalogue.xml").status_code == 404
