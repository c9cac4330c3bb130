"""The public downloads page: dumps made on demand, kept until the catalogue changes."""

import json

import pytest

from profiles.models import Artist
from tests.helpers import build_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def downloads_dir(settings, tmp_path):
    settings.DOWNLOADS_DIR = tmp_path / "downloads"
    return settings.DOWNLOADS_DIR


def download(client, format):
    response = client.get(f"/downloads/catalogue.{format}")
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


def test_the_page_links_every_dump_and_the_api(client):
    html = client.get("/downloads/").content.decode()
    for format in ("jsonl", "csv", "jsonld"):
        assert f'href="/downloads/catalogue.{format}"' in html
    assert 'href="/api/v1/docs/"' in html
    assert 'href="/downloads/"' in client.get("/").content.decode()  # the footer links it


@pytest.mark.parametrize(
    ("format", "content_type"),
    [("jsonl", "application/x-ndjson"), ("csv", "text/csv"), ("jsonld", "application/ld+json")],
)
def test_each_dump_downloads_as_a_file(client, format, content_type):
    build_catalogue(2)
    response, body = download(client, format)
    assert response["Content-Type"].startswith(content_type)
    assert f'filename="catalogue.{format}"' in response["Content-Disposition"]
    assert body


def test_a_dump_is_kept_until_the_catalogue_changes(client, downloads_dir, django_assert_max_num_queries):
    catalogue = build_catalogue(2)
    response, first = download(client, "jsonl")
    with django_assert_max_num_queries(0):
        again, second = download(client, "jsonl")
    assert second == first
    assert client.get("/downloads/catalogue.jsonl", headers={"if-none-match": again["ETag"]}).status_code == 304

    artist = Artist.objects.get(pk=catalogue["artists"][0].pk)
    artist.name = "Renamed By An Editor"
    artist.save()
    changed, third = download(client, "jsonl")
    assert changed["ETag"] != again["ETag"]
    assert "Renamed By An Editor" in [json.loads(line)["artist"]["name"] for line in third.decode().splitlines()]
    assert len(list(downloads_dir.glob("*.jsonl"))) == 1  # the stale dump is gone


def test_an_unknown_format_is_404(client):
    assert client.get("/downloads/catalogue.xml").status_code == 404
