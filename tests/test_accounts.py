"""Visitors join: sign-up, the emailed confirmation link, password reset, their limits and their email settings."""

import io
import json
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.helpers import build_catalogue, make_user, python

pytestmark = pytest.mark.django_db

User = get_user_model()
NEW_PASSWORD = "quiet-steppe-lanterns-42"
LINK = re.compile(r"https?://[^\s/]+(/accounts/(?:confirm|password/reset)/[^\s]+/)")


def sign_up(client, username="aigerim", email="aigerim@example.com", password=NEW_PASSWORD, **extra):
    return client.post(
        "/accounts/signup/",
        {"username": username, "email": email, "password1": password, "password2": password, **extra},
    )


def link_in(message):
    """The email's one confirmation or reset link, as a path the test client can follow."""
    (path,) = LINK.findall(message.body)
    return path


def test_the_sign_up_page_is_linked_from_the_header_and_the_sign_in_page(client):
    assert 'href="/accounts/signup/">Sign up</a>' in client.get("/").content.decode()
    page = client.get("/accounts/login/").content.decode()
    assert 'href="/accounts/signup/"' in page
    assert 'href="/accounts/password/reset/"' in page


def test_sign_up_makes_an_inactive_account_and_emails_a_confirmation_link(client):
    response = sign_up(client)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/signup/sent/"
    user = User.objects.get(username="aigerim")
    assert not user.is_active
    assert user.email == "aigerim@example.com"
    assert user.check_password(NEW_PASSWORD)
    (message,) = mail.outbox
    assert message.to == ["aigerim@example.com"]
    assert message.subject == "Confirm your address for the catalogue"
    assert "http://testserver/accounts/confirm/" in message.body
    assert "72 hours" in message.body
    assert "Check your email" in client.get(response["Location"]).content.decode()


def test_an_unconfirmed_account_cannot_sign_in(client):
    sign_up(client)
    response = client.post("/accounts/login/", {"username": "aigerim", "password": NEW_PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Follow the link we emailed you first" in response.content.decode()


def test_the_link_shows_a_button_and_only_the_post_confirms(client):
    sign_up(client)
    path = link_in(mail.outbox[0])

    page = client.get(path)
    assert page.status_code == 200
    assert "Confirm my address" in page.content.decode()
    assert not User.objects.get(username="aigerim").is_active  # a mail scanner following the link confirms nothing

    response = client.post(path)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert User.objects.get(username="aigerim").is_active
    assert "Your address is confirmed, aigerim" in client.get("/accounts/login/").content.decode()


def test_the_link_works_once(client):
    sign_up(client)
    path = link_in(mail.outbox[0])
    client.post(path)

    again = client.get(path)
    assert again.status_code == 400
    assert "This link does not work" in again.content.decode()
    assert client.post(path).status_code == 400


def test_the_link_expires(client, settings):
    sign_up(client)
    path = link_in(mail.outbox[0])
    settings.PASSWORD_RESET_TIMEOUT = -1  # every link is older than that

    assert client.post(path).status_code == 400
    assert not User.objects.get(username="aigerim").is_active


@pytest.mark.parametrize("bad", ["tampered", "uid"])
def test_a_tampered_link_confirms_nothing(client, bad):
    sign_up(client)
    path = link_in(mail.outbox[0])
    _, _, _, uid, token, _ = path.split("/")
    path = f"/accounts/confirm/{uid}/{token[:-3]}abc/" if bad == "tampered" else f"/accounts/confirm/!!/{token}/"
    assert client.post(path).status_code == 400
    assert not User.objects.get(username="aigerim").is_active


def test_a_reset_link_is_not_a_confirmation_link(client):
    """Confirmation tokens have a salt of their own: a password-reset token for the same user does not confirm."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    sign_up(client)
    user = User.objects.get(username="aigerim")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    assert client.post(f"/accounts/confirm/{uid}/{default_token_generator.make_token(user)}/").status_code == 400
    assert not User.objects.get(username="aigerim").is_active


def test_an_account_an_editor_disabled_cannot_be_confirmed_again(client):
    sign_up(client)
    path = link_in(mail.outbox[0])
    client.post(path)
    client.post("/accounts/login/", {"username": "aigerim", "password": NEW_PASSWORD})
    assert User.objects.get(username="aigerim").last_login is not None
    User.objects.filter(username="aigerim").update(is_active=False)

    assert client.post(path).status_code == 400
    client.logout()
    client.post("/accounts/signup/resend/", {"email": "aigerim@example.com"})
    assert len(mail.outbox) == 1  # no new link for a disabled account
    assert not User.objects.get(username="aigerim").is_active


def test_a_new_user_can_tag_after_confirming(client):
    artist = build_catalogue(1)["artists"][0]
    sign_up(client)
    client.post(link_in(mail.outbox[0]))
    assert client.post("/accounts/login/", {"username": "aigerim", "password": NEW_PASSWORD}).status_code == 302

    assert client.post(artist.get_absolute_url(), {"tags": "first tag"}).status_code == 302
    assert "first tag" in artist.tags.names()


@pytest.mark.parametrize("username", ["Aigerim", "AIGERIM", "aigerim"])
def test_usernames_are_unique_whatever_their_case(client, username):
    make_user("aigerim", email="first@example.com")
    response = sign_up(client, username=username, email="second@example.com")
    assert response.status_code == 200
    assert "A user with that username already exists." in response.content.decode()
    assert User.objects.count() == 1
    assert mail.outbox == []


@pytest.mark.parametrize("email", ["Aigerim@Example.com", "AIGERIM@EXAMPLE.COM", "aigerim@example.com"])
def test_a_known_email_makes_no_second_account_and_reminds_its_owner(client, email):
    owner = make_user("aigerim", email="aigerim@example.com")
    response = sign_up(client, username="someone-new", email=email)

    # The page says what it says for any address, so it reveals nothing...
    assert response.status_code == 302
    assert response["Location"] == "/accounts/signup/sent/"
    assert not User.objects.filter(username="someone-new").exists()
    # ...and only the owner of the address learns that it already has an account.
    (message,) = mail.outbox
    assert message.to == [owner.email]
    assert message.subject == "You already have an account on the catalogue"
    assert '"aigerim"' in message.body
    assert "http://testserver/accounts/password/reset/" in message.body


def test_passwords_are_checked_by_djangos_validators(client):
    for password, error in [
        ("short1", "This password is too short."),
        ("password123", "This password is too common."),
        ("84729361052", "This password is entirely numeric."),
        ("aigerim-example", "The password is too similar to the"),
    ]:
        response = sign_up(client, password=password)
        assert response.status_code == 200
        assert error in response.content.decode(), password
    assert not User.objects.exists()


def test_the_two_passwords_must_match_and_every_field_is_required(client):
    response = client.post(
        "/accounts/signup/",
        {"username": "aigerim", "email": "a@example.com", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD + "x"},
    )
    assert "The two password fields didn’t match." in response.content.decode()
    response = client.post("/accounts/signup/", {"username": "aigerim", "password1": NEW_PASSWORD})
    page = response.content.decode()
    assert page.count("This field is required.") == 2
    assert 'aria-invalid="true"' in page
    response = sign_up(client, email="not-an-address")
    assert "Enter a valid email address." in response.content.decode()
    assert not User.objects.exists()


def test_the_sign_up_form_says_its_rules(client):
    page = client.get("/accounts/signup/").content.decode()
    assert "Your password must contain at least 8 characters." in page
    assert 'autocomplete="email"' in page
    assert 'autocomplete="new-password"' in page


def test_signed_in_visitors_are_sent_home_from_sign_up(client):
    client.force_login(make_user("aigerim"))
    assert client.get("/accounts/signup/")["Location"] == "/"


def test_a_new_link_is_sent_for_an_account_still_waiting_and_the_answer_is_the_same_for_any_address(client):
    sign_up(client)
    mail.outbox.clear()
    waiting = client.post("/accounts/signup/resend/", {"email": "AIGERIM@example.com"})
    unknown = client.post("/accounts/signup/resend/", {"email": "nobody@example.com"})

    assert waiting["Location"] == unknown["Location"] == "/accounts/signup/sent/"
    (message,) = mail.outbox
    assert message.to == ["aigerim@example.com"]
    client.post(link_in(message))
    assert User.objects.get(username="aigerim").is_active


# --- password reset ---------------------------------------------------------------------------


def test_password_reset_sends_a_link_that_sets_a_new_password(client):
    make_user("aigerim", email="aigerim@example.com")
    response = client.post("/accounts/password/reset/", {"email": "Aigerim@Example.com"})
    assert response["Location"] == "/accounts/password/reset/sent/"
    (message,) = mail.outbox
    assert message.to == ["aigerim@example.com"]
    assert message.subject == "Reset your password on the catalogue"

    form_page = client.get(link_in(message), follow=True)
    assert "Choose a new password" in form_page.content.decode()
    set_password_url = form_page.redirect_chain[-1][0]
    response = client.post(set_password_url, {"new_password1": "abc", "new_password2": "abc"})
    assert "This password is too short." in response.content.decode()
    response = client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response["Location"] == "/accounts/password/reset/done/"
    assert User.objects.get(username="aigerim").check_password(NEW_PASSWORD)
    # The link is spent.
    assert "This link does not work" in client.get(link_in(message), follow=True).content.decode()


def test_password_reset_never_reveals_whether_an_address_has_an_account(client):
    make_user("aigerim", email="aigerim@example.com")
    known = client.post("/accounts/password/reset/", {"email": "aigerim@example.com"}, follow=True)
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.com"}, follow=True)

    assert known.redirect_chain == unknown.redirect_chain == [("/accounts/password/reset/sent/", 302)]
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert strip.sub("", known.content.decode()) == strip.sub("", unknown.content.decode())
    assert [message.to for message in mail.outbox] == [["aigerim@example.com"]]


def test_the_reset_pages_are_the_catalogues_own(client):
    page = client.get("/accounts/password/reset/").content.decode()
    assert 'class="site-header"' in page  # not the admin's look
    assert "Reset your password" in page


# --- limits -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/accounts/signup/", {"username": "x", "email": "x@example.com"}),
        ("/accounts/signup/resend/", {"email": "x@example.com"}),
        ("/accounts/password/reset/", {"email": "x@example.com"}),
    ],
)
def test_sign_up_and_the_forms_that_send_email_are_rate_limited_per_address(client, settings, url, data):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "accounts": {**settings.RATE_LIMITS["accounts"], "ip": (3, 3600)}}
    for _ in range(3):
        assert client.post(url, data).status_code in (200, 302)
    refused = client.post(url, data)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    elsewhere = client.post(url, data, REMOTE_ADDR="192.0.2.7")
    assert elsewhere.status_code in (200, 302)


def test_the_rate_limit_of_sign_up_is_shared_with_the_other_email_forms(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "accounts": {**settings.RATE_LIMITS["accounts"], "ip": (2, 3600)}}
    client.post("/accounts/signup/resend/", {"email": "x@example.com"})
    client.post("/accounts/password/reset/", {"email": "x@example.com"})
    assert sign_up(client).status_code == 429
    assert not User.objects.exists()


# --- email settings ---------------------------------------------------------------------------


def email_settings(**env):
    code = (
        "import json; from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k) for k in "
        "('EMAIL_BACKEND', 'EMAIL_HOST', 'EMAIL_PORT', 'EMAIL_HOST_USER', 'EMAIL_USE_TLS', 'EMAIL_USE_SSL', "
        "'DEFAULT_FROM_EMAIL', 'PASSWORD_RESET_TIMEOUT')}))"
    )
    result = python(
        "-c",
        f"import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'catalogue.settings'; django.setup(); {code}",
        DJANGO_DEBUG="1",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_email_goes_to_the_console_by_default():
    values = email_settings()
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert values["PASSWORD_RESET_TIMEOUT"] == 72 * 3600


def test_naming_an_smtp_server_sends_email_through_it():
    values = email_settings(
        DJANGO_EMAIL_HOST="smtp.example.com",
        DJANGO_EMAIL_HOST_USER="catalogue",
        DJANGO_EMAIL_USE_TLS="1",
        DJANGO_DEFAULT_FROM_EMAIL="Catalogue <no-reply@example.com>",
        CATALOGUE_LINK_HOURS="24",
    )
    assert values == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.example.com",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "catalogue",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "DEFAULT_FROM_EMAIL": "Catalogue <no-reply@example.com>",
        "PASSWORD_RESET_TIMEOUT": 24 * 3600,
    }
    assert email_settings(DJANGO_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend")[
        "EMAIL_BACKEND"
    ].endswith("filebased.EmailBackend")


def test_the_console_backend_prints_the_confirmation_link(client, settings, capsys):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    sign_up(client)
    assert "http://testserver/accounts/confirm/" in capsys.readouterr().out


# --- Purging accounts never confirmed ---------------------------------------------------------


def joined_days_ago(username, days, **fields):
    user = make_user(username, email=f"{username}@example.com", **fields)
    User.objects.filter(pk=user.pk).update(date_joined=timezone.now() - timedelta(days=days))
    return user


def purge(*args):
    out = io.StringIO()
    call_command("purgeaccounts", *args, stdout=out)
    return out.getvalue()


def test_purgeaccounts_deletes_only_old_accounts_never_confirmed():
    joined_days_ago("stale", 10, is_active=False)
    joined_days_ago("recent", 2, is_active=False)
    joined_days_ago("confirmed", 30)
    disabled = joined_days_ago("disabled", 30, is_active=False)
    User.objects.filter(pk=disabled.pk).update(last_login=timezone.now() - timedelta(days=20))
    joined_days_ago("staff", 30, is_active=False, is_staff=True)

    assert "Deleted 1 unconfirmed account(s) older than 7 days." in purge()

    assert set(User.objects.values_list("username", flat=True)) == {"recent", "confirmed", "disabled", "staff"}


def test_purgeaccounts_dry_run_counts_and_deletes_nothing():
    joined_days_ago("stale", 40, is_active=False)
    joined_days_ago("older", 50, is_active=False)

    assert "2 unconfirmed account(s) older than 30 days would be deleted (dry run)." in purge(
        "--days", "30", "--dry-run"
    )
    assert User.objects.count() == 2
    assert "Deleted 1 " in purge("--days", "45")
    assert list(User.objects.values_list("username", flat=True)) == ["stale"]


def test_a_signed_up_account_is_purged_only_once_its_link_has_expired(client):
    sign_up(client)
    User.objects.update(date_joined=timezone.now() - timedelta(days=3, hours=1))

    with pytest.raises(CommandError, match="--days must be at least 3"):
        purge("--days", "2")
    assert "Deleted 1 " in purge("--days", "3")
    assert not User.objects.exists()
    # the username is free again
    assert sign_up(client).status_code == 302
