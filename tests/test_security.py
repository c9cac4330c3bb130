"""Web security: headers and Content-Security-Policy, rate limits, sign-in lockout, production settings."""

import re
import secrets

import pytest
from django.urls import path, reverse

from profiles.models import TaggedItem
from tests.helpers import PASSWORD, admin_url, build_catalogue, imported_catalogue, make_editor, make_user, manage

pytestmark = pytest.mark.django_db

STYLE_TAG = re.compile(r"<style\b([^>]*)>", re.IGNORECASE)
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
NONCE_ATTRIBUTE = re.compile(r'nonce="([^"]+)"')
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)


@pytest.fixture
def profile():
    return build_catalogue(3)["profiles"][0]


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def assert_no_inline_code(response):
    """No inline script or handler, no style attribute; every <style> carries the header's nonce."""
    page = response.content.decode()
    directives = policy(response)
    for attributes in SCRIPT_TAG.findall(page):
        assert "src=" in attributes or 'type="application/ld+json"' in attributes, attributes
    assert not INLINE_HANDLER.search(page)
    assert " style=" not in page
    for attributes in STYLE_TAG.findall(page):
        nonce = NONCE_ATTRIBUTE.search(attributes)
        assert nonce, "an inline <style> without a nonce"
        assert f"'nonce-{nonce.group(1)}'" in directives["style-src"]


# --- headers and the policy -----------------------------------------------------------------


def test_pages_send_a_strict_content_security_policy(client, profile):
    response = client.get("/")
    directives = policy(response)

    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


def test_pages_refuse_framing_sniffing_and_leaking_referrers(client, profile):
    response = client.get(profile["artist"].get_absolute_url())

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_public_pages_carry_no_inline_code(client, profile):
    make_user("visitor")
    client.force_login(make_user("tagger"))
    for url in [
        "/",
        "/artists/",
        "/artists/?q=steppe",
        profile["artist"].get_absolute_url(),
        profile["work"].get_absolute_url(),
        profile["exhibition"].get_absolute_url(),
        profile["artist"].birth_city.get_absolute_url(),
        "/cities/",
        "/works/",
        "/exhibitions/",
        "/tags/",
        "/tags/steppe/",
        "/no-such-page/",
    ]:
        assert_no_inline_code(client.get(url))


def test_the_story_page_highlights_evidence_with_a_stylesheet_of_our_own(client, profile):
    response = client.get(profile["story"].get_absolute_url())
    page = response.content.decode()

    assert_no_inline_code(response)
    assert "<style" not in page  # the highlight rules are a stylesheet from our origin...
    stylesheet = re.search(r'<link rel="stylesheet" href="(/stories/[^"]+/highlights\.css\?v=\w+)">', page).group(1)
    css = client.get(stylesheet)
    assert ":target" in css.content.decode()
    assert css["Content-Type"].startswith("text/css")
    assert "public" in css["Cache-Control"]  # ...kept by browsers under its versioned address
    assert "no-cache" in client.get(stylesheet.split("?")[0])["Cache-Control"]


def test_admin_pages_carry_no_inline_code(client):
    records = imported_catalogue()
    client.force_login(make_editor())
    for url in [
        "/admin/",
        admin_url(type(records["artist"]), "change", records["artist"].pk),
        admin_url(type(records["work"]), "change", records["work"].pk),
    ]:
        response = client.get(url)
        assert response.status_code == 200
        assert_no_inline_code(response)


def test_the_server_error_page_styles_itself_under_the_policy(client, settings):
    from django.test import Client

    settings.ROOT_URLCONF = "tests.test_security"
    response = Client(raise_request_exception=False).get("/boom/")

    assert response.status_code == 500
    assert_no_inline_code(response)


def _boom(request):
    raise RuntimeError("a bug")


# The URLs of the server error test: one view that fails, and the catalogue's 500 handler.
urlpatterns = [path("boom/", _boom)]
handler500 = "profiles.views.server_error"


def test_production_settings_use_secure_cookies_and_hsts():
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.SECURE_HSTS_SECONDS >= 31536000, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT, "
        "s.X_FRAME_OPTIONS, s.SECURE_REFERRER_POLICY)"
    )
    result = manage(
        "shell",
        "-c",
        code,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == ["True"] * 6 + ["DENY", "same-origin"]


# --- sign-in: lockout and rate limit -------------------------------------------------------


def sign_in(client, username, password, url="/accounts/login/", **extra):
    return client.post(url, {"username": username, "password": password}, **extra)


def test_five_failed_sign_ins_lock_the_account_from_that_address_with_a_clear_message(client):
    make_user("visitor", PASSWORD)
    for _ in range(4):
        assert sign_in(client, "visitor", "wrong").status_code == 200  # the form again, with an error

    locked = sign_in(client, "visitor", "wrong")
    assert locked.status_code == 429
    assert "Sign-in locked" in locked.text
    assert "5 failed attempts" in locked.text
    assert "15 minutes" in locked.text
    assert int(locked["Retry-After"]) == 15 * 60
    # Even the right password is refused while locked...
    assert sign_in(client, "visitor", PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session
    # ...but only for that username from that address.
    make_user("neighbour", PASSWORD)
    assert sign_in(client, "neighbour", PASSWORD).status_code == 302
    other_address = sign_in(client, "visitor", PASSWORD, REMOTE_ADDR="192.0.2.7")
    assert other_address.status_code == 302


def test_the_admin_sign_in_locks_out_too(client):
    make_editor("dana")
    for _ in range(5):
        response = sign_in(client, "dana", "wrong", url="/admin/login/?next=/admin/")
    assert response.status_code == 429
    assert sign_in(client, "dana", PASSWORD, url="/admin/login/?next=/admin/").status_code == 429


def test_a_successful_sign_in_clears_the_failures(client):
    make_user("visitor", PASSWORD)
    for _ in range(4):
        sign_in(client, "visitor", "wrong")
    assert sign_in(client, "visitor", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert sign_in(client, "visitor", "wrong").status_code == 200


def test_sign_in_attempts_are_rate_limited_per_address(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sign-in": {"views": ["login", "admin:login"], "ip": (3, 60)}}
    for number in range(3):
        assert sign_in(client, f"nobody-{number}", "wrong").status_code == 200
    refused = sign_in(client, "nobody-3", "wrong")
    assert refused.status_code == 429
    assert "Too many requests" in refused.text
    assert 1 <= int(refused["Retry-After"]) <= 61
    assert sign_in(client, "nobody-4", "wrong", url="/admin/login/").status_code == 429  # one budget for both forms
    assert sign_in(client, "nobody-5", "wrong", REMOTE_ADDR="192.0.2.7").status_code == 200
    assert client.get("/accounts/login/").status_code == 200  # reading the form is never limited


def test_sign_in_attempts_are_rate_limited_per_username_from_one_address(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sign-in": {"views": ["login"], "username": (3, 60)}}
    for _ in range(3):
        assert sign_in(client, "Visitor ", "nobody-knows", REMOTE_ADDR="192.0.2.1").status_code == 200
    assert sign_in(client, "visitor", "nobody-knows", REMOTE_ADDR="192.0.2.1").status_code == 429
    assert sign_in(client, "someone-else", "wrong", REMOTE_ADDR="192.0.2.1").status_code == 200
    assert sign_in(client, "visitor", "wrong", REMOTE_ADDR="192.0.2.99").status_code == 200


def test_failures_from_elsewhere_never_lock_a_victim_out(client):
    """An attacker trying a victim's name from one address, or from many, cannot stop the victim signing in."""
    make_user("victim", PASSWORD)
    for _ in range(12):
        sign_in(client, "victim", "guess", REMOTE_ADDR="203.0.113.66")
    for number in range(12):
        sign_in(client, "victim", "guess", REMOTE_ADDR=f"203.0.113.{number}")
    assert sign_in(client, "victim", PASSWORD, REMOTE_ADDR="198.51.100.5").status_code == 302


def test_the_client_address_comes_from_the_header_the_settings_name(client, settings):
    """Behind a proxy, each visitor is the address the proxy appended, for rate limits and lockouts alike."""
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sign-in": {"views": ["login"], "ip": (3, 60)}}
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for number in range(3):  # whatever the client claims first, the proxy's entry counts
        forwarded = f"198.51.100.{number}, 192.0.2.50"
        assert sign_in(client, f"nobody-{number}", "wrong", HTTP_X_FORWARDED_FOR=forwarded, **proxy).status_code == 200
    assert sign_in(client, "nobody", "wrong", HTTP_X_FORWARDED_FOR="192.0.2.50", **proxy).status_code == 429
    assert sign_in(client, "nobody", "wrong", HTTP_X_FORWARDED_FOR="192.0.2.51", **proxy).status_code == 200

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sign-in": {"views": ["login"]}}
    make_user("visitor", PASSWORD)
    for _ in range(5):
        sign_in(client, "visitor", "wrong", HTTP_X_FORWARDED_FOR="192.0.2.60", **proxy)
    assert sign_in(client, "visitor", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.60", **proxy).status_code == 429
    assert sign_in(client, "visitor", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.61", **proxy).status_code == 302


def test_every_server_process_counts_in_the_same_place(tmp_path):
    """Production settings without Redis: a count made by one process is seen by the next (make serve's workers)."""
    count_once = (
        "from catalogue.middleware.ratelimit import hit; from django.conf import settings; "
        "print(hit('sign-in:ip', '192.0.2.1', 1, 600), settings.CACHES['ratelimit']['BACKEND'])"
    )
    environment = {"DJANGO_SECRET_KEY": secrets.token_urlsafe(50), "CATALOGUE_RATE_LIMIT_DIR": str(tmp_path)}
    first, second = (manage("shell", "-c", count_once, **environment) for _ in range(2))
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[-1].split()[0] == "0"  # the first request is within the limit...
    assert int(second.stdout.splitlines()[-1].split()[0]) > 0  # ...and another process sees it


# --- tagging rate limits --------------------------------------------------------------------


def test_tagging_is_rate_limited_per_user(client, settings, profile):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "tagging": {**settings.RATE_LIMITS["tagging"], "user": (3, 600)}}
    client.force_login(make_user("tagger"))
    artist, work = profile["artist"], profile["work"]
    for number, record in enumerate([artist, work, artist]):
        assert client.post(record.get_absolute_url(), {"tags": f"tag {number}"}).status_code == 302

    refused = client.post(work.get_absolute_url(), {"tags": "one too many"})
    assert refused.status_code == 429
    assert "Retry-After" in refused
    assert not TaggedItem.objects.filter(tag__name="one too many").exists()
    assert client.get(artist.get_absolute_url()).status_code == 200  # reading goes on
    client.force_login(make_user("another"))
    assert client.post(work.get_absolute_url(), {"tags": "fine"}).status_code == 302


def test_tagging_is_rate_limited_per_address_whoever_signs_in(client, settings, profile):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "tagging": {**settings.RATE_LIMITS["tagging"], "ip": (2, 600)}}
    artist = profile["artist"]
    for name in ("first", "second"):
        client.force_login(make_user(name))
        assert client.post(artist.get_absolute_url(), {"tags": name}).status_code == 302
    client.force_login(make_user("third"))
    assert client.post(artist.get_absolute_url(), {"tags": "third"}).status_code == 429
    remove = reverse("profiles:artist-tag-remove", kwargs={"slug": artist.slug, "tag_slug": "third"})
    assert client.post(remove).status_code == 429
    assert client.post(artist.get_absolute_url(), {"tags": "third"}, REMOTE_ADDR="192.0.2.8").status_code == 302


def test_the_default_limits_leave_room_for_a_busy_visitor(client, profile):
    client.force_login(make_user("tagger"))
    for number in range(20):
        assert client.post(profile["artist"].get_absolute_url(), {"tags": f"tag {number}"}).status_code == 302


def test_each_test_starts_with_fresh_rate_limit_counts(client, settings):
    """The autouse cache fixture (tests/conftest.py) resets the counts: nothing carries over."""
    from django.core.cache import caches

    assert settings.RATE_LIMIT_CACHE == "ratelimit"
    assert not list(caches["ratelimit"]._cache)
