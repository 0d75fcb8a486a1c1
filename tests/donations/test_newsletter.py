"""Newsletter: separate consent, double opt-in, unsubscribe without signing in."""

import re
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from core.personal_data import email_hash
from donations import newsletter
from donations.models import Donation, NewsletterSubscriber, NewsletterSuppression
from tests.donations.conftest import form_data, says

pytestmark = pytest.mark.django_db


def link(message, kind):
    return re.search(rf"http://testserver(/\S+/newsletter/{kind}/\S+/)", message.body).group(1)


def test_double_opt_in_then_unsubscribe(client, pages, on_commit):
    with on_commit():
        response = client.post("/en/donations/newsletter/", {"email": "New@Example.org", "consent": "on",
                                                             "website_url": ""})
    assert response.status_code == 200
    subscriber = NewsletterSubscriber.objects.get()
    assert subscriber.email == "new@example.org" and subscriber.language == "en"
    assert subscriber.consented_at and subscriber.consent_text.startswith("I would like to receive")
    assert not subscriber.is_active
    [message] = mail.outbox
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    confirm_url = link(message, "confirm")
    assert confirm_url.startswith("/en/donations/newsletter/confirm/")

    # Opening the link (a mail scanner, say) changes nothing; the button confirms.
    assert says(client.get(confirm_url), "Confirm your subscription", "en")
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None
    assert says(client.post(confirm_url), "You are subscribed", "en")
    subscriber.refresh_from_db()
    assert subscriber.is_active

    unsubscribe_url = link(message, "unsubscribe")
    assert message.extra_headers["List-Unsubscribe"] == f"<http://testserver{unsubscribe_url}>"
    assert says(client.get(unsubscribe_url), "Unsubscribe", "en")
    subscriber.refresh_from_db()
    assert subscriber.is_active
    # One-click unsubscribe from the mail provider: a POST with no CSRF token, no session.
    from django.test import Client

    one_click = Client(enforce_csrf_checks=True).post(unsubscribe_url, {"List-Unsubscribe": "One-Click"})
    assert one_click.status_code == 200
    # Only the hash that stops a re-send is left (tests/privacy/test_consent.py says more).
    assert not NewsletterSubscriber.objects.exists()
    assert NewsletterSuppression.objects.filter(email_hash=email_hash("new@example.org")).exists()


def test_consent_is_required_and_input_kept(client, db):
    form_page = client.get("/en/donations/newsletter/").content.decode()
    assert 'name="consent"' in form_page and 'name="website_url"' in form_page
    response = client.post("/bg/donations/newsletter/", {"email": "x@example.org", "website_url": ""})
    assert response.status_code == 400
    content = response.content.decode()
    assert says(content, "Please tick the box to confirm that you want to receive the newsletter.")
    assert 'value="x@example.org"' in content
    assert not NewsletterSubscriber.objects.exists() and not mail.outbox


def test_already_confirmed_address_gets_no_new_email(client, db):
    now = timezone.now()
    NewsletterSubscriber.objects.create(email="old@example.org", consented_at=now, confirmed_at=now)
    client.post("/bg/donations/newsletter/", {"email": "old@example.org", "consent": "on", "website_url": ""})
    assert not mail.outbox
    assert NewsletterSubscriber.objects.get().is_active


def test_honeypot_and_rate_limit(client, db, settings):
    assert client.post("/bg/donations/newsletter/", {"email": "a@example.org", "consent": "on",
                                                     "website_url": "spam"}).status_code == 400
    settings.DONATION_RATE_LIMIT = 1
    client.post("/bg/donations/newsletter/", {"email": "b@example.org", "consent": "on", "website_url": ""})
    assert client.post("/bg/donations/newsletter/", {"email": "c@example.org", "consent": "on",
                                                     "website_url": ""}).status_code == 429
    assert list(NewsletterSubscriber.objects.values_list("email", flat=True)) == ["b@example.org"]


def test_donation_opt_in_is_stored_separately_and_needs_confirmation(client, pages, test_gateway_settings, on_commit):
    with on_commit():
        client.post("/bg/darete/", form_data(newsletter_opt_in="on"))
        client.post("/bg/darete/", form_data(email="quiet@example.org"))
    opted_in = Donation.objects.get(email="maria@example.org")
    quiet = Donation.objects.get(email="quiet@example.org")
    assert opted_in.newsletter_opt_in and opted_in.newsletter_consent_at is not None
    assert not quiet.newsletter_opt_in and quiet.newsletter_consent_at is None
    subscriber = NewsletterSubscriber.objects.get()
    assert subscriber.email == "maria@example.org" and subscriber.source == NewsletterSubscriber.DONATION
    assert not subscriber.is_active and subscriber.language == "bg"
    assert [m.to for m in mail.outbox] == [["maria@example.org"]]
    assert "/bg/donations/newsletter/confirm/" in mail.outbox[0].body


def test_expired_and_tampered_links_get_clear_pages(client, db, settings):
    NewsletterSubscriber.objects.create(email="e@example.org", consented_at=timezone.now())
    token = newsletter.confirm_token("e@example.org")
    later = timezone.now().timestamp() + settings.NEWSLETTER_CONFIRM_MAX_AGE + 5
    with mock.patch("time.time", return_value=later):
        expired = client.post(f"/en/donations/newsletter/confirm/{token}/")
    assert expired.status_code == 410
    assert says(expired, "The confirmation link has expired. Subscribe again below and we will send you a new "
                         "one.", "en")
    assert NewsletterSubscriber.objects.get().confirmed_at is None
    assert client.get(f"/en/donations/newsletter/confirm/{token}x/").status_code == 400
    assert client.post("/en/donations/newsletter/unsubscribe/garbage/").status_code == 400
    # A confirmation token is not an unsubscribe token, and the other way round.
    assert client.post(f"/en/donations/newsletter/unsubscribe/{token}/").status_code == 400
    unsubscribe = newsletter.unsubscribe_token("e@example.org")
    assert client.post(f"/en/donations/newsletter/confirm/{unsubscribe}/").status_code == 400


def test_footer_form_is_on_every_page_without_a_csrf_token(client, pages):
    html = client.get(pages["bg"].get_parent().url).content.decode()

    assert 'action="/bg/donations/newsletter/"' in html
    assert 'name="consent"' in html and 'name="email"' in html
    # A token in the footer would keep every page out of the anonymous page cache.
    assert "csrfmiddlewaretoken" not in html.split('class="site-footer"', 1)[1]


def test_footer_form_signs_up_without_a_csrf_token_and_still_needs_confirmation(pages, on_commit):
    from django.test import Client

    with on_commit():
        response = Client(enforce_csrf_checks=True).post(
            "/bg/donations/newsletter/", {"email": "footer@example.org", "consent": "on", "website_url": ""}
        )

    assert response.status_code == 200
    subscriber = NewsletterSubscriber.objects.get(email="footer@example.org")
    assert subscriber.language == "bg" and not subscriber.is_active
    assert len(mail.outbox) == 1
