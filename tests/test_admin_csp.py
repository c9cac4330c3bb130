"""Every admin page an editor opens works under the strict Content-Security-Policy.

No style attribute, no <style> without the response's nonce, no inline script
or handler: the browser would refuse them (tests/browser/test_editors_csp.py
checks the same pages in Chromium).
"""

import re

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from profiles import history
from profiles.models import Artist, City, DeletedRecord, Discipline, Exhibition, Story, TaggedItem, Work
from tests.helpers import admin_url, imported_catalogue

pytestmark = pytest.mark.django_db

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
STYLE_TAG = re.compile(r"<style\b([^>]*)>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
NONCE = re.compile(r'nonce="([^"]+)"')


def admin_pages(records):
    """(name, method, url, data) for every kind of admin page, with a history worth showing."""
    artist, city = records["artist"], records["city"]
    history.record_imported([artist, records["work"], records["exhibition"], city], story=records["story"])
    version = artist.history.latest()
    pages = [("index", "get", "/admin/", None)]
    for model in (Artist, Work, Exhibition, City, Story, Discipline, DeletedRecord, TaggedItem):
        pages.append((f"{model.__name__} list", "get", admin_url(model), None))
    pages += [
        ("artist queue", "get", admin_url(Artist) + "?review=waiting&missing=exhibitions&weakest=name", None),
        ("work queue", "get", admin_url(Work) + "?review=waiting", None),
        ("exhibition queue", "get", admin_url(Exhibition) + "?review=waiting", None),
        ("tag list", "get", "/admin/taggit/tag/", None),
        ("artist add", "get", admin_url(Artist, "add"), None),
        ("city add", "get", admin_url(City, "add"), None),
        ("story page", "get", admin_url(Story, "change", records["story"].pk), None),
        ("artist delete", "get", admin_url(Artist, "delete", artist.pk), None),
        ("merge confirmation", "post", admin_url(City), {"action": "merge_selected", ACTION_CHECKBOX_NAME: []}),
        (
            "mark reviewed confirmation",
            "post",
            admin_url(Artist),
            {"action": "mark_reviewed", ACTION_CHECKBOX_NAME: [artist.pk]},
        ),
        ("version", "get", reverse("admin:profiles_artist_simple_history", args=[artist.pk, version.history_id]), None),
        ("app index", "get", reverse("admin:app_list", args=["profiles"]), None),
        ("artist list by country", "get", admin_url(Artist) + "?birth_city_country=KZ&review=waiting", None),
        ("city list by country", "get", admin_url(City) + "?country_code=KZ", None),
        ("work add", "get", admin_url(Work, "add"), None),
        ("exhibition add", "get", admin_url(Exhibition, "add"), None),
        ("city add pop-up", "get", admin_url(City, "add") + "?_to_field=id&_popup=1", None),
        ("discipline change", "get", admin_url(Discipline, "change", Discipline.objects.first().pk), None),
        ("import jobs", "get", "/admin/jobs/importjob/", None),
        ("import upload", "get", "/admin/jobs/importjob/add/", None),
        ("password change", "get", reverse("admin:password_change"), None),
        (
            "story fix with errors",
            "post",
            reverse("admin:profiles_story_fix", args=[records["story"].pk]),
            {"what": "birth_city"},
        ),
    ]
    for key, model in (("artist", Artist), ("work", Work), ("exhibition", Exhibition), ("city", City)):
        record = records[key]
        pages.append((f"{key} change", "get", admin_url(model, "change", record.pk), None))
        pages.append(
            (
                f"{key} change from the queue",
                "get",
                admin_url(model, "change", record.pk) + "?_changelist_filters=review%3Dwaiting",
                None,
            )
        )
        pages.append((f"{key} history", "get", admin_url(model, "history", record.pk), None))
    return pages


def problems(response):
    page = response.content.decode()
    header = response["Content-Security-Policy"]
    found = []
    for attributes in SCRIPT_TAG.findall(page):
        if "src=" not in attributes and "application/json" not in attributes:
            found.append(f"inline script {attributes}")
    if INLINE_HANDLER.search(page):
        found.append("inline event handler")
    if re.search(r"\sstyle=", page):
        found.append("style attribute")
    for attributes in STYLE_TAG.findall(page):
        nonce = NONCE.search(attributes)
        if not nonce or f"'nonce-{nonce.group(1)}'" not in header:
            found.append("<style> without the nonce")
    return found


def test_every_admin_page_keeps_to_the_policy(client, django_user_model):
    records = imported_catalogue()
    records["twin"] = City.objects.create(name="Alma-Ata", country_code="KZ", country_name="Kazakhstan")
    client.force_login(django_user_model.objects.create_superuser("root", password="a-long-root-password"))
    found = {}
    for name, method, url, data in admin_pages(records):
        if name == "merge confirmation":
            data[ACTION_CHECKBOX_NAME] = [records["city"].pk, records["twin"].pk]
        response = getattr(client, method)(url, data) if data is not None else client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        if problems(response):
            found[name] = problems(response)
    assert found == {}
