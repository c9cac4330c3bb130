"""Roles: Editors change catalogue records, never users or permissions; other staff change nothing."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group, Permission, User
from taggit.models import Tag

from profiles.models import Artist, City, Exhibition, Work
from tests.helpers import PASSWORD, admin_url, form_data, imported_catalogue, make_editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(db):
    return imported_catalogue()


def test_the_editors_group_may_change_catalogue_records():
    codenames = set(Group.objects.get(name="Editors").permissions.values_list("content_type__app_label", "codename"))

    for model in ("artist", "work", "exhibition", "city"):
        for action in ("view", "add", "change", "delete"):
            assert ("profiles", f"{action}_{model}") in codenames
    assert ("profiles", "view_story") in codenames
    assert ("profiles", "change_story") not in codenames


def test_the_editors_group_has_nothing_over_users_groups_or_permissions():
    apps = set(Group.objects.get(name="Editors").permissions.values_list("content_type__app_label", flat=True))

    assert apps == {"profiles", "taggit", "jobs"}  # jobs: import jobs (profiles/jobs/)


def test_an_editor_signs_in_and_changes_a_record(client, catalogue):
    make_editor("dana")
    artist = catalogue["artist"]

    signed_in = client.post("/admin/login/?next=/admin/", {"username": "dana", "password": PASSWORD})
    assert signed_in.status_code == 302
    index = client.get("/admin/")
    assert "Artists" in index.text
    url = admin_url(Artist, "change", artist.pk)
    data = form_data(client.get(url))
    data["age"] = "52"

    assert client.post(url, data).status_code == 302
    artist.refresh_from_db()
    assert artist.age == 52


def test_an_editor_cannot_touch_users_or_groups(client, catalogue):
    editor = make_editor()
    client.force_login(editor)

    assert client.get("/admin/auth/user/").status_code == 403
    assert client.get(f"/admin/auth/user/{editor.pk}/change/").status_code == 403
    assert client.get("/admin/auth/group/").status_code == 403
    new_user = {"username": "sneaky", "password1": "x" * 20, "password2": "x" * 20}
    response = client.post("/admin/auth/user/add/", new_user)
    assert response.status_code == 403
    assert not User.objects.filter(username="sneaky").exists()
    editor.refresh_from_db()
    assert not editor.is_superuser
    assert "Users" not in client.get("/admin/").text


def test_staff_without_the_group_see_nothing_to_change(client, catalogue):
    client.force_login(make_editor("outsider", in_group=False))

    index = client.get("/admin/")
    assert "have permission to view or edit anything" in index.text
    assert "Review queue" not in index.text
    for model in (Artist, Work, Exhibition, City):
        assert client.get(admin_url(model)).status_code == 403


def test_an_editor_without_the_group_cannot_change_records(client, catalogue):
    artist = catalogue["artist"]
    url = admin_url(Artist, "change", artist.pk)
    insider = make_editor("insider")
    client.force_login(insider)
    data = form_data(client.get(url))
    data["name"] = "Renamed by an outsider"
    client.force_login(make_editor("outsider", in_group=False))

    assert client.get(url).status_code == 403
    assert client.post(url, data).status_code == 403
    assert client.post(admin_url(Artist, "delete", artist.pk), {"post": "yes"}).status_code == 403
    response = client.post(admin_url(Artist), {"action": "mark_reviewed", ACTION_CHECKBOX_NAME: [artist.pk]})
    assert response.status_code == 403
    artist.refresh_from_db()
    assert (artist.name, artist.reviewed, artist.is_edited) == ("Aru Test", False, False)


def test_staff_without_the_group_cannot_make_tags_either(client, catalogue):
    client.force_login(make_editor("outsider", in_group=False))

    client.post("/admin/taggit/tag/merge-tags/", {"new_tag_name": "spam"})
    client.post("/admin/taggit/tag/add/", {"name": "spam", "slug": "spam"})

    assert not Tag.objects.filter(name="spam").exists()


def test_a_member_of_the_group_who_is_not_staff_cannot_sign_in(client, catalogue):
    make_editor("volunteer", is_staff=False)

    response = client.post("/admin/login/?next=/admin/", {"username": "volunteer", "password": PASSWORD})

    assert response.status_code == 200  # the form again, with an error
    assert client.get(admin_url(Artist)).status_code == 302  # to the sign-in page


def test_merging_needs_the_delete_permission(client, catalogue):
    clerk = make_editor("clerk", in_group=False)
    clerk.user_permissions.add(*Permission.objects.filter(codename__in=["view_city", "change_city"]))
    client.force_login(clerk)

    action_form = client.get(admin_url(City)).context["action_form"]
    actions = dict(action_form.fields["action"].choices) if action_form else {}

    assert "merge_selected" not in actions
    response = client.post(admin_url(City), {"action": "merge_selected", ACTION_CHECKBOX_NAME: [catalogue["city"].pk]})
    assert "admin/profiles/merge_confirmation.html" not in [template.name for template in response.templates]
