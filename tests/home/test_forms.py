"""The contact and consulting forms: stored, emailed, protected against bots and floods, and
never losing what the visitor wrote."""

import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from wagtail.contrib.forms.models import FormSubmission

from core.form_protection import HONEYPOT_FIELD
from tests import factories
from tests.home.fixtures import fresh
from tests.home.helpers import field_name, form_data, parse, translated

FORM_PAGES = ["contact", "consulting"]
LANGUAGES = ["bg", "en"]


class FailingEmailBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPException("mail server unavailable")


def submissions(page):
    return FormSubmission.objects.filter(page=page)


def typed_value(response, name):
    """What the re-rendered form shows in the field called ``name``."""
    element = parse(response).select_one(f"form.page-form [name='{name}']")
    assert element is not None, f"no field {name!r} in the form"
    return element.get_text().strip() if element.name == "textarea" else element.get("value")


@pytest.mark.parametrize("key", FORM_PAGES)
def test_valid_submission_is_stored(client, shared_tree, key):
    page = shared_tree.bg[key]
    data = form_data(page)

    client.post(page.url, data)

    stored = submissions(page).get()
    assert stored.get_data()[field_name(page, "email")] == data[field_name(page, "email")]
    assert stored.get_data()[field_name(page, "multiline")] == data[field_name(page, "multiline")]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("key", FORM_PAGES)
def test_valid_submission_shows_the_thank_you_page(client, shared_tree, key, language):
    page = getattr(shared_tree, language)[key]

    response = client.post(page.url, form_data(page))

    assert response.status_code == 200
    text = " ".join(parse(response).select_one("main").get_text(" ").split())
    assert translated(language, "Thank you") in text
    assert parse(response).select("form.page-form") == []


@pytest.mark.parametrize("key", FORM_PAGES)
def test_valid_submission_emails_staff_with_the_visitor_as_reply_to(client, shared_tree, key):
    page = shared_tree.bg[key]
    data = form_data(page)

    client.post(page.url, data)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [factories.STAFF_ADDRESS]
    assert message.reply_to == [data[field_name(page, "email")]]
    assert message.subject == page.subject
    assert data[field_name(page, "multiline")] in message.body


def test_notification_goes_to_the_site_wide_staff_address_when_the_page_names_none(client, shared_tree, settings):
    settings.STAFF_EMAIL = "office@example.org, director@example.org"
    page = factories.ContactPageFactory(parent=fresh(shared_tree.home_bg), to_address="")

    client.post(page.url, form_data(page))

    assert mail.outbox[0].to == ["office@example.org", "director@example.org"]


def test_honeypot_is_not_stored_or_emailed(client, shared_tree):
    page = shared_tree.bg["contact"]

    client.post(page.url, {**form_data(page), HONEYPOT_FIELD: ""})

    assert HONEYPOT_FIELD not in submissions(page).get().get_data()
    assert translated("bg", "Leave this field empty") not in mail.outbox[0].body


@pytest.mark.parametrize("language", LANGUAGES)
def test_missing_required_field_shows_a_translated_error(client, shared_tree, language):
    page = getattr(shared_tree, language)["contact"]
    name = field_name(page, "email")

    response = client.post(page.url, form_data(page, email=""))

    assert response.status_code == 400
    errors = parse(response).select_one(f"#id_{name}_error").get_text(" ").strip()
    assert errors == translated(language, "This field is required.")
    assert translated(language, "Please correct the fields marked below.") in response.content.decode()


def test_bulgarian_required_field_error_is_in_bulgarian(client, shared_tree):
    page = shared_tree.bg["contact"]
    name = field_name(page, "email")

    response = client.post(page.url, form_data(page, email=""))

    errors = parse(response).select_one(f"#id_{name}_error").get_text(" ").strip()
    assert errors != translated("en", "This field is required.")


def test_invalid_submission_keeps_what_the_visitor_typed(client, shared_tree):
    page = shared_tree.bg["consulting"]
    data = form_data(page, email="")

    response = client.post(page.url, data)

    assert typed_value(response, field_name(page, "singleline")) == data[field_name(page, "singleline")]
    assert typed_value(response, field_name(page, "multiline")) == data[field_name(page, "multiline")]


def test_invalid_submission_is_not_stored_or_emailed(client, shared_tree):
    page = shared_tree.bg["contact"]

    client.post(page.url, form_data(page, email="not-an-email"))

    assert not submissions(page).exists()
    assert mail.outbox == []


@pytest.mark.parametrize("key", FORM_PAGES)
def test_filled_honeypot_stores_and_sends_nothing(client, shared_tree, key):
    page = shared_tree.bg[key]

    client.post(page.url, {**form_data(page), HONEYPOT_FIELD: "http://spam.example"})

    assert not submissions(page).exists()
    assert mail.outbox == []


def test_filled_honeypot_looks_like_success(client, shared_tree):
    page = shared_tree.en["contact"]
    genuine = client.post(page.url, form_data(page))

    bot = client.post(page.url, {**form_data(page), HONEYPOT_FIELD: "http://spam.example"})

    assert bot.status_code == genuine.status_code == 200
    assert parse(bot).select_one("main").get_text() == parse(genuine).select_one("main").get_text()


@pytest.mark.parametrize("key", FORM_PAGES)
def test_too_many_submissions_from_one_address_are_refused(client, shared_tree, settings, key):
    settings.FORM_RATE_LIMIT = 2
    page = shared_tree.bg[key]
    for _ in range(2):
        assert client.post(page.url, form_data(page)).status_code == 200

    response = client.post(page.url, form_data(page))

    assert response.status_code == 429
    assert submissions(page).count() == 2
    assert len(mail.outbox) == 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_refused_submission_explains_and_keeps_what_the_visitor_typed(client, shared_tree, settings, language):
    settings.FORM_RATE_LIMIT = 0
    page = getattr(shared_tree, language)["contact"]
    data = form_data(page)

    response = client.post(page.url, data)

    assert response.status_code == 429
    alert = " ".join(parse(response).select_one("[role=alert]").get_text(" ").split())
    assert alert == translated(
        language,
        "You have sent several messages in a short time. Please wait a few minutes and try again; "
        "what you wrote is still in the form.",
    )
    assert typed_value(response, field_name(page, "singleline")) == data[field_name(page, "singleline")]
    assert typed_value(response, field_name(page, "multiline")) == data[field_name(page, "multiline")]


def test_rate_limit_counts_each_address_separately(client, shared_tree, settings):
    settings.FORM_RATE_LIMIT = 1
    page = shared_tree.bg["contact"]
    client.post(page.url, form_data(page), REMOTE_ADDR="192.0.2.1")

    response = client.post(page.url, form_data(page), REMOTE_ADDR="192.0.2.2")

    assert response.status_code == 200
    assert submissions(page).count() == 2


def test_rate_limit_counts_each_form_separately(client, shared_tree, settings):
    settings.FORM_RATE_LIMIT = 1
    contact, consulting = shared_tree.bg["contact"], shared_tree.bg["consulting"]
    client.post(contact.url, form_data(contact))

    response = client.post(consulting.url, form_data(consulting))

    assert response.status_code == 200
    assert submissions(consulting).count() == 1


@pytest.mark.parametrize("key", FORM_PAGES)
def test_mail_server_failure_still_stores_the_submission_and_thanks_the_visitor(
    client, shared_tree, settings, caplog, key
):
    settings.EMAIL_BACKEND = f"{__name__}.{FailingEmailBackend.__name__}"
    page = shared_tree.en[key]

    response = client.post(page.url, form_data(page))

    assert response.status_code == 200
    assert translated("en", "Thank you") in parse(response).select_one("main h1").get_text()
    assert submissions(page).count() == 1
    assert "Could not send form notification email" in caplog.text
