"""Import jobs on the embedded default (SQLite, Celery tasks run eagerly): upload, dry run, import, cancel.

The admin pages are driven as an editor would; ``loadstories --queue`` as the
command line would. Celery runs each task in the calling process here
(``task_always_eager``); tests/test_jobs_workers.py runs real workers.
"""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from profiles.jobs import running, uploads
from profiles.jobs.models import ImportJob, JobStory
from profiles.models import Artist, Story
from tests.helpers import PROJECT_DIR, make_editor, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]

SEEDS = sorted((PROJECT_DIR / "seeds").glob("*.txt"))
UPLOAD_URL = reverse("admin:jobs_importjob_add")
LIST_URL = reverse("admin:jobs_importjob_changelist")


def txt(path, name=None):
    return SimpleUploadedFile(name or path.name, path.read_bytes(), content_type="text/plain")


def zipped(members, name="stories.zip"):
    """A zip of {name: bytes}; a bytes value under a (name, mode) key sets the entry's Unix mode."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            if isinstance(member, tuple):
                member, mode = member
                info = zipfile.ZipInfo(member)
                info.external_attr = mode << 16
                archive.writestr(info, data)
            else:
                archive.writestr(member, data)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")


def upload(client, *files, captured):
    with captured(execute=True):
        response = client.post(UPLOAD_URL, {"files": list(files)})
    return response


def job_page(client, job, **query):
    return client.get(job.get_absolute_url(), query)


@pytest.fixture
def captured(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


# --- the upload and its dry run ------------------------------------------------------------


def test_uploaded_stories_are_previewed_and_nothing_is_written(editor_client, captured):
    response = upload(editor_client, *(txt(path) for path in SEEDS), captured=captured)

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response.url == job.get_absolute_url()
    assert job.status == ImportJob.Status.PREVIEWED
    assert job.previewed == job.total == len(SEEDS)
    assert not Story.objects.exists()
    page = job_page(editor_client, job)
    assert page.status_code == 200
    assert page.context["phase"] == "preview"
    assert dict(page.context["tally"])["created"] == len(SEEDS)
    assert "Import these stories" in page.text
    assert {story.source for story in page.context["page"]} == {path.name for path in SEEDS}


def test_confirming_imports_the_stories_and_the_list_says_who_when_what_and_how(editor_client, editor, captured):
    upload(editor_client, *(txt(path) for path in SEEDS), captured=captured)
    job = ImportJob.objects.get()

    with captured(execute=True):
        response = editor_client.post(reverse("admin:jobs_importjob_confirm", args=[job.pk]))

    job.refresh_from_db()
    assert response.status_code == 302
    assert job.status == ImportJob.Status.DONE
    assert job.created == Story.objects.count() == len(SEEDS)
    assert job.started_at is not None
    assert job.finished_at is not None
    assert set(JobStory.objects.values_list("text", flat=True)) == {""}  # the texts are in the stories now
    listing = editor_client.get(LIST_URL)
    assert listing.status_code == 200
    row = listing.text
    assert editor.username in row
    assert job.description in row
    assert f"{len(SEEDS)} created" in row
    summary = job_page(editor_client, job)
    assert summary.context["phase"] == "import"
    assert dict(summary.context["tally"])["created"] == len(SEEDS)


def test_a_story_imported_already_and_edited_since_shows_what_would_be_left_alone(editor_client, captured, command):
    seed = SEEDS[0]
    command("loadstories", str(seed), "--verbosity", "0")
    artist = Artist.objects.get()
    artist.edited_fields = ["name"]
    artist.save()
    changed = seed.read_text(encoding="utf-8") + "\nA new closing line.\n"

    upload(editor_client, SimpleUploadedFile(seed.name, changed.encode()), txt(SEEDS[1]), captured=captured)

    job = ImportJob.objects.get()
    page = job_page(editor_client, job, show="left_alone")
    tally = dict(page.context["tally"])
    assert tally["updated"] == 1
    assert tally["created"] == 1
    assert tally["left_alone"] == 1
    assert [story.source for story in page.context["page"]] == [seed.name]
    assert "would leave alone: artist" in page.text
    assert "edited by hand, kept" in page.text


def test_a_zip_of_folders_names_stories_by_their_path(editor_client, captured):
    members = {f"batch/{path.name}": path.read_bytes() for path in SEEDS}
    members["batch/notes.md"] = b"not a story"
    members["__MACOSX/batch/._x.txt"] = b"\x00\x05"

    upload(editor_client, zipped(members), captured=captured)

    job = ImportJob.objects.get()
    assert sorted(job.stories.values_list("source", flat=True)) == sorted(f"batch/{path.name}" for path in SEEDS)


def test_jsonl_rows_that_cannot_be_read_fail_with_the_readers_message(editor_client, captured):
    lines = [json.dumps({"id": "one", "text": SEEDS[0].read_text(encoding="utf-8")}), "{not json", '{"id": ""}']
    jsonl = SimpleUploadedFile("corpus.jsonl", "\n".join(lines).encode())

    upload(editor_client, jsonl, captured=captured)

    job = ImportJob.objects.get()
    page = job_page(editor_client, job, show="failed")
    assert dict(page.context["tally"])["failed"] == 2
    assert "malformed JSON Lines row" in page.text
    assert "must be a non-empty string" in page.text


def test_a_story_over_the_size_limit_fails_with_the_commands_message(editor_client, captured, settings):
    settings.STORY_MAX_BYTES = 100
    upload(editor_client, zipped({"big.txt": b"word " * 10_000}), captured=captured)

    story = JobStory.objects.get()
    assert story.preview == "failed"
    assert "over the 100-byte limit" in story.preview_message


# --- refused uploads -------------------------------------------------------------------------


def test_the_upload_page_states_its_limits_and_an_upload_over_them_is_refused_saying_so(editor_client, settings):
    settings.MAX_REQUEST_BYTES = 2 * 1024 * 1024
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 3
    page = editor_client.get(UPLOAD_URL).text
    assert "up to 2.0\xa0MB and 3 files in all" in page

    big = SimpleUploadedFile("big.txt", b"word " * (500 * 1024), content_type="text/plain")
    response = editor_client.post(UPLOAD_URL, {"files": [big]})
    assert response.status_code == 413
    assert "Request too large: at most 2 MB." in response.text
    assert not ImportJob.objects.exists()


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ({"../evil.txt": b"x"}, "leads outside"),
        ({"a/../../evil.txt": b"x"}, "leads outside"),
        ({"/etc/evil.txt": b"x"}, "not a relative path"),
        ({"C:/evil.txt": b"x"}, "not a relative path"),
        ({"a\\..\\evil.txt": b"x"}, "not a relative path"),
        ({("link.txt", 0o120777): b"/etc/passwd"}, "symbolic link"),
    ],
)
def test_path_tricks_in_a_zip_are_refused(editor_client, captured, members, message):
    response = upload(editor_client, zipped(members), captured=captured)

    assert response.status_code == 200
    assert message in response.context["form"].errors["files"][0]
    assert not ImportJob.objects.exists()


def test_a_zip_bomb_is_refused_by_what_it_unpacks_to(editor_client, captured, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_ZIP_UNCOMPRESSED", 50_000)
    bomb = zipped({f"{n}.txt": b"a" * 30_000 for n in range(3)})  # compresses to almost nothing

    response = upload(editor_client, bomb, captured=captured)

    assert "once unpacked" in response.context["form"].errors["files"][0]
    assert not ImportJob.objects.exists()


def test_a_zip_with_too_many_entries_is_refused(editor_client, captured, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_ZIP_MEMBERS", 3)
    response = upload(editor_client, zipped({f"{n}.txt": b"x" for n in range(4)}), captured=captured)

    assert "over the limit of 3" in response.context["form"].errors["files"][0]


@pytest.mark.parametrize(
    ("upload_file", "message"),
    [
        (SimpleUploadedFile("story.pdf", b"%PDF"), "not a story file"),
        (SimpleUploadedFile("stories.zip", b"not a zip at all"), "not a readable zip file"),
    ],
)
def test_files_that_are_not_stories_are_refused(editor_client, captured, upload_file, message):
    response = upload(editor_client, upload_file, captured=captured)

    assert message in response.context["form"].errors["files"][0]


# --- the job page, its progress and cancelling ---------------------------------------------------


def test_the_progress_endpoint_reports_the_job_and_is_never_cached(editor_client, editor):
    job = ImportJob.objects.create(description="x", created_by=editor, status=ImportJob.Status.RUNNING, total=4)
    job.add_counts({"created": 1, "failed": 1})

    response = editor_client.get(reverse("admin:jobs_importjob_progress", args=[job.pk]))

    assert "no-store" in response["Cache-Control"]
    data = response.json()
    assert (data["status"], data["done"], data["percent"], data["active"]) == ("running", 2, 50, True)


def test_a_running_job_page_reloads_without_script_and_polls_with_a_static_one(editor_client, editor):
    job = ImportJob.objects.create(description="x", created_by=editor, status=ImportJob.Status.RUNNING, total=4)

    page = job_page(editor_client, job).text

    assert '<noscript><meta http-equiv="refresh"' in page
    assert 'src="/static/js/job-progress.js"' in page
    assert "<script>" not in page  # the CSP allows no inline script
    finished = ImportJob.objects.create(description="y", created_by=editor, status=ImportJob.Status.DONE)
    assert "http-equiv" not in job_page(editor_client, finished).text


def test_cancelling_a_previewed_job_imports_nothing(editor_client, captured):
    upload(editor_client, txt(SEEDS[0]), captured=captured)
    job = ImportJob.objects.get()

    editor_client.post(reverse("admin:jobs_importjob_cancel", args=[job.pk]))
    with captured(execute=True):
        editor_client.post(reverse("admin:jobs_importjob_confirm", args=[job.pk]))

    job.refresh_from_db()
    assert job.status == ImportJob.Status.CANCELLED
    assert not Story.objects.exists()


def test_cancelling_a_running_job_stops_between_stories_and_keeps_those_imported(editor, monkeypatch, tmp_path):
    for path in SEEDS:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    job = running.create_job([str(tmp_path)], description="seeds", max_bytes=10**6, user=editor, preview=False)
    monkeypatch.setattr(running, "IMPORT_BATCH", 1)
    import_batch = running.import_batch

    def import_then_cancel(importer, rows):
        outcomes = import_batch(importer, rows)
        job.request_cancel()  # as the editor's click lands while the first story is written
        return outcomes

    monkeypatch.setattr(running, "import_batch", import_then_cancel)
    running.import_chunk(job, 0, job.total)

    job.refresh_from_db()
    assert job.status == ImportJob.Status.CANCELLED
    assert (job.created, job.cancelled) == (1, len(SEEDS) - 1)
    story = Story.objects.get()
    assert story.artist is not None  # whole: its artist and records came with it
    assert sorted(job.stories.values_list("outcome", flat=True)) == ["cancelled"] * (len(SEEDS) - 1) + ["created"]


def test_a_failed_story_is_listed_with_its_reason(editor, monkeypatch, tmp_path, client):
    for path in SEEDS:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    job = running.create_job([str(tmp_path)], description="seeds", max_bytes=10**6, user=editor, preview=False)
    broken = SEEDS[1].name
    real_extract = running.extract

    def extract(texts):
        return [
            (None, f"{t.origin}: extraction failed: boom") if t.source == broken else r
            for t, r in zip(texts, real_extract(texts), strict=True)
        ]

    monkeypatch.setattr(running, "extract", extract)
    running.import_chunk(job, 0, job.total)

    client.force_login(editor)
    page = job_page(client, job)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert (job.created, job.failed) == (len(SEEDS) - 1, 1)
    assert [story.source for story in page.context["page"]] == [broken]
    assert "extraction failed: boom" in page.text


# --- who may ---------------------------------------------------------------------------------


def test_only_editors_see_and_run_import_jobs(client, editor):
    job = ImportJob.objects.create(description="x", created_by=editor)
    client.force_login(make_user("staff", is_staff=True))
    assert client.get(UPLOAD_URL).status_code == 403
    assert client.get(job.get_absolute_url()).status_code == 403
    assert client.post(reverse("admin:jobs_importjob_cancel", args=[job.pk])).status_code == 403
    client.logout()
    assert client.get(reverse("admin:jobs_importjob_progress", args=[job.pk])).status_code == 302
    client.force_login(make_editor("other-editor"))
    assert client.get(job.get_absolute_url()).status_code == 200


def test_the_progress_endpoint_answers_get_only_changes_need_post(editor_client, editor):
    job = ImportJob.objects.create(description="x", created_by=editor, status=ImportJob.Status.PREVIEWED)
    assert editor_client.get(reverse("admin:jobs_importjob_confirm", args=[job.pk])).status_code == 405
    assert editor_client.get(reverse("admin:jobs_importjob_cancel", args=[job.pk])).status_code == 405


# --- loadstories --queue, embedded ------------------------------------------------------------


def test_loadstories_queue_imports_through_the_queue_and_twice_is_unchanged(
    command, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        out, err, status = command("loadstories", "--queue", str(PROJECT_DIR / "seeds"), "--batch-size", "2")

    assert status == 0, err
    job = ImportJob.objects.get()
    assert f"Queued import job {job.pk}: {len(SEEDS)} stories in 2 chunks" in out
    assert job.origin == ImportJob.Origin.QUEUE
    assert job.status == ImportJob.Status.DONE
    assert Story.objects.count() == job.created == len(SEEDS)

    with django_capture_on_commit_callbacks(execute=True):
        command("loadstories", "--queue", str(PROJECT_DIR / "seeds"))
    again = ImportJob.objects.latest("pk")
    assert (again.unchanged, again.created) == (len(SEEDS), 0)
    assert Story.objects.count() == len(SEEDS)


def test_a_job_screens_each_story_once(command, django_capture_on_commit_callbacks, monkeypatch):
    """The records a job extracts go to the importer screened, as ``loadstories`` hands them over."""
    import profiles.importing

    screened = []
    screen = profiles.importing.screen
    monkeypatch.setattr(
        profiles.importing, "screen", lambda text, record: screened.append(text) or screen(text, record)
    )

    with django_capture_on_commit_callbacks(execute=True):
        out, err, status = command("loadstories", "--queue", str(PROJECT_DIR / "seeds"))

    assert status == 0, err
    assert Story.objects.count() == len(SEEDS)
    assert len(screened) == len(SEEDS)


def test_a_redelivered_chunk_imports_nothing_twice(editor, tmp_path):
    for path in SEEDS:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    job = running.create_job([str(tmp_path)], description="seeds", max_bytes=10**6, preview=False)

    running.import_chunk(job, 0, job.total)
    running.import_chunk(job, 0, job.total, reclaim=True)

    job.refresh_from_db()
    assert job.created == len(SEEDS)
    assert job.done == len(SEEDS)


def test_the_broker_defaults_to_files_and_follows_the_environment(tmp_path):
    from catalogue.celery import broker_settings

    assert (
        broker_settings({"CATALOGUE_BROKER_URL": "redis://127.0.0.1:6379/3"})["broker_url"]
        == "redis://127.0.0.1:6379/3"
    )
    local = broker_settings({"CATALOGUE_BROKER_DIR": str(tmp_path)})
    assert local["broker_url"] == "filesystem://"
    assert Path(local["broker_transport_options"]["data_folder_in"]).is_dir()


def test_an_unreachable_broker_fails_the_job_with_a_reason(editor_client, captured, monkeypatch):
    from kombu.exceptions import OperationalError

    from profiles.jobs import tasks

    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.preview_job, "apply_async", refuse)
    response = upload(editor_client, txt(SEEDS[0]), captured=captured)

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert job.status == ImportJob.Status.FAILED
    assert "the task queue (broker) cannot be reached" in job_page(editor_client, job).text
