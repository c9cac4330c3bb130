"""A visitor joins in a real browser: sign up, the emailed link, confirm, sign in, a first tag from a suggestion."""

import os
import re

import pytest
from django.core import mail

from tests.browser.test_accessibility import axe_violations
from tests.helpers import build_catalogue

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "quiet-steppe-lanterns-42"


def assert_accessible(page, axe_source):
    assert axe_violations(page, axe_source) == [], page.url


def test_sign_up_confirm_sign_in_and_tag_with_a_suggestion(page, live_server, axe_source):
    catalogue = build_catalogue(2)
    artist, other = catalogue["artists"]
    other.tags.add("kazakh folk", "protest art")
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))

    # The header leads to the sign-up form.
    page.goto(live_server.url + "/")
    page.locator(".site-account").get_by_role("link", name="Sign up").click()
    assert page.locator("h1").inner_text() == "Create an account"
    assert_accessible(page, axe_source)

    # A password the validators refuse is explained next to its field, and nothing is lost.
    page.get_by_label("Username").fill("aigerim")
    page.get_by_label("Email address").fill("aigerim@example.com")
    page.get_by_label("Password", exact=True).fill("12345678")
    page.get_by_label("Password confirmation").fill("12345678")
    page.get_by_role("button", name="Create the account").click()
    assert "This password is entirely numeric." in page.locator("main").inner_text()
    assert page.get_by_label("Email address").input_value() == "aigerim@example.com"
    assert_accessible(page, axe_source)

    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create the account").click()
    assert page.locator("h1").inner_text() == "Check your email"
    assert_accessible(page, axe_source)

    # The confirmation email (Django's test outbox: the live server runs in this process).
    (message,) = mail.outbox
    assert message.to == ["aigerim@example.com"]
    link = re.search(r"http://\S+/accounts/confirm/\S+/", message.body).group(0)
    assert link.startswith(live_server.url)

    page.goto(link)
    assert page.locator("h1").inner_text() == "Confirm your address"
    assert_accessible(page, axe_source)
    page.get_by_role("button", name="Confirm my address").click()
    assert page.url == live_server.url + "/accounts/login/"
    assert "Your address is confirmed, aigerim" in page.locator(".messages").inner_text()
    assert_accessible(page, axe_source)

    # Sign in and go to an artist.
    page.get_by_label("Username").fill("aigerim")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert "Signed in as aigerim" in page.locator(".site-account").inner_text()
    page.goto(live_server.url + artist.get_absolute_url())
    tags = page.locator("#tags")
    assert "At most 30 posts in 10 minutes." in tags.inner_text()
    assert "Often used: steppe" in tags.inner_text()

    # Typing asks for suggestions: the datalist offers the existing tag after what is already typed.
    box = page.get_by_label("Add tags")
    box.press_sequentially("Night markets, kaz", delay=20)
    suggestion = page.locator('#tag-suggestions option[value="Night markets, kazakh folk"]')
    suggestion.wait_for(state="attached")
    assert page.locator("#tag-suggestions option").count() == 1

    # Choosing it puts its value in the box (the browser's own list; Playwright cannot click it).
    box.fill(suggestion.get_attribute("value"))
    page.get_by_role("button", name="Add", exact=True).click()
    assert "Thank you: your tags were added. As you typed them: 'Night markets', 'kazakh folk'." in (
        page.locator(".messages").inner_text()
    )
    assert {"Night markets", "kazakh folk"} <= set(tags.locator(".tag").all_inner_texts())
    assert_accessible(page, axe_source)

    # A spelling that differs from an existing tag is not changed silently.
    box.fill("STEPPE, Protest Art, Night Markets")
    page.get_by_role("button", name="Add", exact=True).click()
    said = page.locator(".messages").inner_text()
    assert "'Protest Art' joined the existing tag 'protest art'." in said
    assert "Already tagged here: 'steppe', 'Night markets'." in said
    assert problems == []


def test_the_other_account_pages_are_accessible(page, live_server, axe_source):
    for path, heading in [
        ("/accounts/password/reset/", "Reset your password"),
        ("/accounts/signup/resend/", "Send a new confirmation link"),
        ("/accounts/confirm/MQ/not-a-token/", "This link does not work"),
        ("/accounts/password/reset/MQ/not-a-token/", "This link does not work"),
    ]:
        page.goto(live_server.url + path)
        assert page.locator("h1").inner_text() == heading
        assert_accessible(page, axe_source)
    page.goto(live_server.url + "/accounts/password/reset/")
    page.get_by_label("Email").fill("nobody@example.com")
    page.get_by_role("button", name="Send the link").click()
    assert page.locator("h1").inner_text() == "Check your email"
    assert_accessible(page, axe_source)
    assert mail.outbox == []
