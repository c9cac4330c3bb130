"""The permissions matrix: who may do what, for every public view, tagging and the admin's actions.

Four roles: an anonymous visitor, a signed-in visitor, an editor (staff in the
"Editors" group) and a superuser. Each cell says what the role gets:

- ``ok``: the page, or the change is made;
- ``login``: sent to a sign-in page, nothing changes;
- ``forbidden``: a 403, nothing changes;
- ``not found``: a 404, nothing changes.

For every action that changes something, the test also checks that the change
happened exactly when the cell says ``ok``.
"""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from taggit.models import Tag

from profiles import history
from profiles.models import Artist, City, DeletedRecord, Exhibition, Story, TaggedItem, Work
from tests.helpers import admin_url, form_data, imported_catalogue, make_editor, make_user

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "visitor", "editor", "superuser"]
EVERYONE = dict.fromkeys(ROLES, "ok")
SIGNED_IN = {"anonymous": "login", "visitor": "ok", "editor": "ok", "superuser": "ok"}
STAFF = {"anonymous": "login", "visitor": "login", "editor": "ok", "superuser": "ok"}
NOT_FOUND = dict.fromkeys(ROLES, "not found")
SUPERUSER_ONLY = {"anonymous": "login", "visitor": "login", "editor": "forbidden", "superuser": "ok"}


@pytest.fixture
def world():
    """The imported catalogue, a duplicate of each mergeable record, and a visitor's tag."""
    records = imported_catalogue()
    almaty, artist = records["city"], records["artist"]
    records["twin_city"] = City.objects.create(name="Alma-Ata", country_code="KZ", country_name="Kazakhstan")
    records["twin_artist"] = Artist.objects.create(name="Aru  Test", birth_city=almaty)
    records["twin_exhibition"] = Exhibition.objects.create(title="Kasteev show", venue="Kasteev Museum", city=almaty)
    records["stranger"] = make_user("stranger")
    artist.tags.add("stranger's tag", through_defaults={"added_by": records["stranger"], "source": "visitor"})
    records["tag"] = Tag.objects.get(name="stranger's tag")
    records["superuser"] = get_user_model().objects.create_superuser("root", password="a-long-root-password")
    return records


def client_for(role, world):
    client = Client()
    user = {
        "anonymous": None,
        "visitor": lambda: make_user("visitor"),
        "editor": lambda: make_editor("editor"),
        "superuser": lambda: world["superuser"],
    }[role]
    if user:
        client.force_login(user())
    return client


def outcome(response):
    if response.status_code == 302 and "/login/" in response["Location"]:
        return "login"
    return {200: "ok", 302: "ok", 403: "forbidden", 404: "not found"}.get(response.status_code, response.status_code)


def admin_form(world, model, pk):
    """What the change form posts, read as the superuser (a role without access cannot read it)."""
    root = Client()
    root.force_login(world["superuser"])
    return form_data(root.get(admin_url(model, "change", pk)))


def merge(client, model, keep, duplicate):
    selected = [keep.pk, duplicate.pk]
    data = {"action": "merge_selected", ACTION_CHECKBOX_NAME: selected, "apply": "yes", "keep": keep.pk}
    return client.post(admin_url(model), data)


# --- the actions: each returns (response, whether it changed something) ----------------------


def public_page(path):
    def read(client, world):
        url = path(world) if callable(path) else path
        return client.get(url), None

    return read


def tag_record(key):
    def tag(client, world):
        record = world[key]
        response = client.post(record.get_absolute_url(), {"tags": "matrix tag"})
        return response, record.tags.filter(name="matrix tag").exists()

    return tag


def remove_own_tag(client, world):
    artist = world["artist"]
    user = getattr(client, "_user", None)
    if user is not None:
        artist.tags.add("mine", through_defaults={"added_by": user, "source": "visitor"})
    url = reverse("profiles:artist-tag-remove", kwargs={"slug": artist.slug, "tag_slug": "mine"})
    response = client.post(url)
    return response, user is not None and not artist.tags.filter(name="mine").exists()


def remove_someone_elses_tag(client, world):
    artist = world["artist"]
    url = reverse("profiles:artist-tag-remove", kwargs={"slug": artist.slug, "tag_slug": world["tag"].slug})
    response = client.post(url)
    return response, not artist.tags.filter(name="stranger's tag").exists()


def admin_page(url):
    def read(client, world):
        return client.get(url(world) if callable(url) else url), None

    return read


def admin_change(model, key, field, value):
    def change(client, world):
        record = world[key]
        data = admin_form(world, model, record.pk)
        data[field] = value
        response = client.post(admin_url(model, "change", record.pk), data)
        record.refresh_from_db()
        return response, getattr(record, field) == value

    return change


def admin_delete(model, key):
    def delete(client, world):
        record = world[key]
        response = client.post(admin_url(model, "delete", record.pk), {"post": "yes"})
        return response, not model._default_manager.filter(pk=record.pk).exists()

    return delete


def admin_merge(model, keep, duplicate):
    def merge_records(client, world):
        response = merge(client, model, world[keep], world[duplicate])
        return response, not model.objects.filter(pk=world[duplicate].pk).exists()

    return merge_records


def admin_mark_reviewed(client, world):
    artist = world["artist"]
    response = client.post(
        admin_url(Artist), {"action": "mark_reviewed", ACTION_CHECKBOX_NAME: [artist.pk], "confirm": "yes"}
    )
    artist.refresh_from_db()
    return response, artist.reviewed


def admin_delete_tombstone(client, world):
    tombstone = DeletedRecord.objects.create(
        story=world["story"], record_type="work", import_key="work:gone", label="Gone"
    )
    response = client.post(admin_url(DeletedRecord, "delete", tombstone.pk), {"post": "yes"})
    return response, not DeletedRecord.objects.filter(pk=tombstone.pk).exists()


def admin_delete_tag(client, world):
    tag = world["tag"]
    response = client.post(reverse("admin:taggit_tag_delete", args=[tag.pk]), {"post": "yes"})
    return response, not Tag.objects.filter(pk=tag.pk).exists()


def admin_delete_story(client, world):
    story = world["story"]
    response = client.post(admin_url(Story, "delete", story.pk), {"post": "yes"})
    return response, not Story.objects.filter(pk=story.pk).exists()


def admin_add_user(client, world):
    data = {"username": "newcomer", "password1": "a-long-new-password", "password2": "a-long-new-password"}
    data["usable_password"] = "true"
    response = client.post("/admin/auth/user/add/", data)
    return response, get_user_model().objects.filter(username="newcomer").exists()


def admin_make_someone_superuser(client, world):
    stranger = world["stranger"]
    url = f"/admin/auth/user/{stranger.pk}/change/"
    root = Client()
    root.force_login(world["superuser"])
    data = form_data(root.get(url))
    joined = stranger.date_joined
    data.update(is_superuser="on", is_staff="on")
    data.update(date_joined_0=f"{joined:%Y-%m-%d}", date_joined_1=f"{joined:%H:%M:%S}")
    response = client.post(url, data)
    stranger.refresh_from_db()
    return response, stranger.is_superuser


def admin_revert_imported(client, world):
    artist = world["artist"]
    history.record_imported([artist], story=world["story"])  # as if the importer had written it
    Artist.objects.filter(pk=artist.pk).update(age=77)
    response = client.post(admin_url(Artist, "revert_imported", artist.pk))
    artist.refresh_from_db()
    return response, artist.age is None


def history_page(model, key):
    return admin_page(lambda w: admin_url(model, "history", w[key].pk))


def history_version_page(client, world):
    artist = world["artist"]
    history.record_imported([artist], story=world["story"])
    version = artist.history.latest()
    return client.get(reverse("admin:profiles_artist_simple_history", args=[artist.pk, version.history_id])), None


MATRIX = {
    # public pages: everyone reads everything
    "home": (public_page("/"), EVERYONE),
    "artist list": (public_page("/artists/?q=aru"), EVERYONE),
    "artist page": (public_page(lambda w: w["artist"].get_absolute_url()), EVERYONE),
    "work list": (public_page("/works/"), EVERYONE),
    "work page": (public_page(lambda w: w["work"].get_absolute_url()), EVERYONE),
    "exhibition list": (public_page("/exhibitions/"), EVERYONE),
    "exhibition page": (public_page(lambda w: w["exhibition"].get_absolute_url()), EVERYONE),
    "city list": (public_page("/cities/"), EVERYONE),
    "city page": (public_page(lambda w: w["city"].get_absolute_url()), EVERYONE),
    "story page": (public_page(lambda w: w["story"].get_absolute_url()), EVERYONE),
    "tag list": (public_page("/tags/"), EVERYONE),
    "tag page": (public_page(lambda w: f"/tags/{w['tag'].slug}/"), EVERYONE),
    "sitemap": (public_page("/sitemap.xml"), EVERYONE),
    "sign-in page": (public_page("/accounts/login/"), EVERYONE),
    # tagging
    "tag an artist": (tag_record("artist"), SIGNED_IN),
    "tag a work": (tag_record("work"), SIGNED_IN),
    "remove one's own tag": (remove_own_tag, SIGNED_IN),
    "remove someone else's tag": (remove_someone_elses_tag, {**NOT_FOUND, "anonymous": "login"}),
    # the admin: catalogue records
    "admin index": (admin_page("/admin/"), STAFF),
    "artist changelist": (admin_page(admin_url(Artist)), STAFF),
    "artist change page": (admin_page(lambda w: admin_url(Artist, "change", w["artist"].pk)), STAFF),
    "artist change": (admin_change(Artist, "artist", "age", 41), STAFF),
    "artist mark reviewed": (admin_mark_reviewed, STAFF),
    "artist merge": (admin_merge(Artist, "artist", "twin_artist"), STAFF),
    "artist delete": (admin_delete(Artist, "artist"), STAFF),
    "work changelist": (admin_page(admin_url(Work)), STAFF),
    "work change": (admin_change(Work, "work", "title", "Salt Road II"), STAFF),
    "work delete": (admin_delete(Work, "work"), STAFF),
    "exhibition changelist": (admin_page(admin_url(Exhibition)), STAFF),
    "exhibition change": (admin_change(Exhibition, "exhibition", "year", 2001), STAFF),
    "exhibition merge": (admin_merge(Exhibition, "exhibition", "twin_exhibition"), STAFF),
    "exhibition delete": (admin_delete(Exhibition, "exhibition"), STAFF),
    "city changelist": (admin_page(admin_url(City)), STAFF),
    "city change": (admin_change(City, "city", "country_name", "Qazaqstan"), STAFF),
    "city merge": (admin_merge(City, "city", "twin_city"), STAFF),
    "city delete": (admin_delete(City, "twin_city"), STAFF),
    # the admin: history
    "artist history": (history_page(Artist, "artist"), STAFF),
    "work history": (history_page(Work, "work"), STAFF),
    "exhibition history": (history_page(Exhibition, "exhibition"), STAFF),
    "city history": (history_page(City, "city"), STAFF),
    "artist version page": (history_version_page, STAFF),
    "artist revert to imported": (admin_revert_imported, STAFF),
    # the admin: what editors may read or clean up but not make
    "story changelist": (admin_page(admin_url(Story)), STAFF),
    "story delete": (admin_delete_story, SUPERUSER_ONLY),
    "tagged item changelist": (admin_page(admin_url(TaggedItem)), STAFF),
    "tagged item delete": (admin_delete(TaggedItem, "tagged_item"), STAFF),
    "tag delete": (admin_delete_tag, SUPERUSER_ONLY),
    "tombstone delete": (admin_delete_tombstone, STAFF),
    # the admin: people and sign-in records are the superuser's alone
    "user changelist": (admin_page("/admin/auth/user/"), SUPERUSER_ONLY),
    "group changelist": (admin_page("/admin/auth/group/"), SUPERUSER_ONLY),
    "add a user": (admin_add_user, SUPERUSER_ONLY),
    "make someone superuser": (admin_make_someone_superuser, SUPERUSER_ONLY),
    "failed sign-ins (axes)": (admin_page("/admin/axes/accessattempt/"), SUPERUSER_ONLY),
}


@pytest.fixture
def tagged_item(world):
    world["tagged_item"] = TaggedItem.objects.get(tag=world["tag"])
    return world


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(MATRIX))
def test_permissions_matrix(action, role, world, tagged_item):
    do, expected = MATRIX[action]
    client = client_for(role, world)
    client._user = None if role == "anonymous" else get_user_model().objects.get(pk=client.session["_auth_user_id"])

    response, changed = do(client, world)

    assert outcome(response) == expected[role], f"{role} / {action}: {response.status_code}"
    if changed is not None:
        assert changed == (expected[role] == "ok"), f"{role} / {action}: changed={changed}"


@pytest.mark.parametrize("view", ["history", "revert_imported"])
def test_staff_outside_the_editors_group_see_no_history(client, world, view):
    client.force_login(make_editor("outsider", in_group=False))
    artist = world["artist"]
    response = client.get(admin_url(Artist, view, artist.pk)) if view == "history" else None
    response = response or client.post(admin_url(Artist, view, artist.pk))
    assert response.status_code == 403


def test_the_history_page_links_no_page_an_editor_cannot_open(client, world):
    editor = make_editor("dana")
    client.force_login(editor)
    artist = world["artist"]
    data = admin_form(world, Artist, artist.pk)
    data["age"] = 33
    assert client.post(admin_url(Artist, "change", artist.pk), data).status_code == 302

    page = client.get(admin_url(Artist, "history", artist.pk)).text

    assert "dana" in page
    assert "/admin/auth/user/" not in page
