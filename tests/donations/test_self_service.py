"""Manage my donation: email form -> signed, expiring link -> gifts, receipts, annual
statements and the Stripe Customer Portal."""

import datetime
import re
from unittest import mock

import pytest
from django.core import mail, signing
from django.utils import timezone

from donations import manage_links, self_service
from donations.models import Donation
from tests.donations.conftest import says
from tests.donations.factories import DonationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def donor_gifts(pages):
    year = timezone.localdate().year
    paid = timezone.now()
    monthly = DonationFactory(
        page=pages["bg"], status=Donation.PAID, frequency="monthly", amount=2000, email="ana@example.org",
        donor_name="Ана Петрова", receipt_year=year, receipt_number=3, paid_at=paid,
        stripe_customer_id="cus_ana", stripe_subscription_id="sub_ana", subscription_status="active",
    )
    renewal = DonationFactory(
        page=pages["bg"], status=Donation.PAID, frequency="monthly", amount=2000, email="ana@example.org",
        donor_name="Ана Петрова", receipt_year=year, receipt_number=7, paid_at=paid, subscription_origin=monthly,
        stripe_customer_id="cus_ana", stripe_subscription_id="sub_ana",
    )
    older = DonationFactory(
        page=pages["en"], status=Donation.PARTIALLY_REFUNDED, amount=10000, amount_refunded=2500,
        email="ana@example.org", donor_name="Ана Петрова", receipt_year=year - 1, receipt_number=40,
        paid_at=paid - datetime.timedelta(days=370),
    )
    pending = DonationFactory(page=pages["bg"], status=Donation.PENDING, amount=7700, email="ana@example.org")
    someone_else = DonationFactory(page=pages["bg"], status=Donation.PAID, amount=999900, email="bob@example.org",
                                   receipt_year=year, receipt_number=4, paid_at=paid)
    return {"monthly": monthly, "renewal": renewal, "older": older, "pending": pending, "other": someone_else}


def link_from(message):
    return re.search(r"http://testserver(/\S+/)", message.body).group(1)


def test_the_emailed_link_lists_gifts_receipts_and_statements(client, donor_gifts, on_commit):
    form_page = client.get("/en/donations/manage/")
    assert form_page.status_code == 200 and 'name="email"' in form_page.content.decode()
    with on_commit():
        response = client.post("/en/donations/manage/", {"email": " ANA@example.org ", "website_url": ""})
    assert response.status_code == 200
    assert says(response, "No email? Check your spam folder, or make sure you used the address you gave with your "
                          "donation.", "en")
    [message] = mail.outbox
    assert message.to == ["ana@example.org"]
    assert message.alternatives[0][1] == "text/html"
    url = link_from(message)
    assert url.startswith("/en/donations/manage/")

    page = client.get(url)
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    content = page.content.decode()
    for gift in ("monthly", "renewal", "older"):
        assert donor_gifts[gift].receipt_reference in content
    assert donor_gifts["other"].receipt_reference not in content  # another donor's gift
    assert "77" not in re.sub(r"<[^>]+>", "", content).replace(str(donor_gifts["pending"].uuid), "")
    year = timezone.localdate().year
    assert f"/statement/{year}/" in content and f"/statement/{year - 1}/" in content

    receipt = client.get(url + f"receipt/{donor_gifts['older'].uuid}/")
    assert receipt.status_code == 200 and donor_gifts["older"].receipt_reference in receipt.content.decode()
    assert client.get(url + f"receipt/{donor_gifts['other'].uuid}/").status_code == 404

    statement = client.get(url + f"statement/{year}/").content.decode()
    assert donor_gifts["monthly"].receipt_reference in statement
    assert donor_gifts["renewal"].receipt_reference in statement
    assert "€40" in statement  # 20 + 20
    last_year = client.get(url + f"statement/{year - 1}/").content.decode()
    assert "€75" in last_year  # 100 less 25 refunded
    assert client.get(url + "statement/1999/").status_code == 404


def test_unknown_address_gets_the_same_answer_and_no_email(client, donor_gifts):
    known = client.post("/bg/donations/manage/", {"email": "ana@example.org", "website_url": ""})
    unknown = client.post("/bg/donations/manage/", {"email": "nobody@example.org", "website_url": ""})
    strip = lambda response: response.content.decode().replace("ana@example.org", "X").replace(  # noqa: E731
        "nobody@example.org", "X")
    assert strip(known) == strip(unknown)
    assert len(mail.outbox) == 1


def test_the_link_is_in_the_donors_language(client, donor_gifts):
    client.post("/bg/donations/manage/", {"email": "ana@example.org", "website_url": ""})
    assert link_from(mail.outbox[0]).startswith("/bg/donations/manage/")


def test_bad_email_is_explained_and_kept(client, db):
    response = client.post("/en/donations/manage/", {"email": "not-an-address", "website_url": ""})
    assert response.status_code == 400
    content = response.content.decode()
    assert says(content, "Enter a valid email address.", "en") and 'value="not-an-address"' in content
    assert not mail.outbox


def test_requests_are_rate_limited(client, donor_gifts, settings):
    settings.DONATION_EMAIL_RATE_LIMIT = 2
    for _ in range(2):
        assert client.post("/en/donations/manage/", {"email": "ana@example.org", "website_url": ""}).status_code == 200
    blocked = client.post("/en/donations/manage/", {"email": "ana@example.org", "website_url": ""})
    assert blocked.status_code == 429
    assert says(blocked, "Too many requests were made from this connection or for this address. Please try again "
                         "in an hour, or contact us.", "en")
    assert len(mail.outbox) == 2


def test_honeypot(client, donor_gifts):
    response = client.post("/en/donations/manage/", {"email": "ana@example.org", "website_url": "x"})
    assert response.status_code == 400 and not mail.outbox


def test_expired_link_gets_a_clear_page(client, donor_gifts, settings):
    token = self_service.make_token("ana@example.org")
    later = timezone.now().timestamp() + settings.DONATION_MANAGE_LINK_MAX_AGE + 5
    with mock.patch("time.time", return_value=later):
        response = client.get(f"/en/donations/manage/{token}/")
    assert response.status_code == 410
    assert says(response, "The link has expired: for your security, links to manage your donations work for a "
                          "limited time. Ask for a new one below.", "en")


@pytest.mark.parametrize(
    "token",
    [
        "tampered",
        "eyJlIjoiYW5hQGV4YW1wbGUub3JnIn0:1vN0aa:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        signing.TimestampSigner(salt="another-purpose").sign_object({"e": "ana@example.org"}),
        signing.TimestampSigner(salt=manage_links.MANAGE_SALT).sign_object({"e": 5}),
        signing.TimestampSigner(salt=manage_links.MANAGE_SALT).sign_object(["ana@example.org"]),
    ],
    # Fixed ids: the signed tokens carry the time, and pytest-xdist's workers must collect the
    # same test names.
    ids=["not-a-token", "bad-signature", "other-purpose", "no-address", "not-an-object"],
)
def test_tampered_links_get_a_clear_page(client, donor_gifts, token):
    for suffix in ("", "statement/2026/", f"receipt/{donor_gifts['monthly'].uuid}/"):
        response = client.get(f"/bg/donations/manage/{token}/{suffix}")
        assert response.status_code == 400
        assert says(response, "This link cannot be used")
    assert client.post(f"/bg/donations/manage/{token}/portal/").status_code == 400


def test_the_portal_button_opens_stripes_customer_portal(client, donor_gifts, stripe_settings):
    token = self_service.make_token("ana@example.org")
    page = client.get(f"/en/donations/manage/{token}/").content.decode()
    assert f'action="/en/donations/manage/{token}/portal/"' in page
    response = client.post(f"/en/donations/manage/{token}/portal/")
    assert response.status_code == 303
    assert response["Location"].startswith("https://billing.stripe.com/p/session/bps_fake_")
    # The local stand-in for the portal does not exist next to a real key.
    assert client.get(f"/en/donations/manage/{token}/test-portal/").status_code == 404
    [request] = [r for r in stripe_settings.requests if r["path"] == "/v1/billing_portal/sessions"]
    assert request["form"] == {
        "customer": "cus_ana",
        "return_url": f"http://testserver/en/donations/manage/{token}/",
        "locale": "en",
    }


def test_portal_errors_are_explained(client, donor_gifts, stripe_settings):
    stripe_settings.fail_next_portal = (400, {"error": {"type": "invalid_request_error", "message": "No config"}})
    token = self_service.make_token("ana@example.org")
    response = client.post(f"/en/donations/manage/{token}/portal/")
    assert response.status_code == 502
    assert says(response, "We could not open the payment provider's page just now. Please try again in a few "
                          "minutes, or contact us.", "en")
    # A donor with one-off gifts only has no portal.
    other = self_service.make_token("bob@example.org")
    assert client.post(f"/en/donations/manage/{other}/portal/").status_code == 400


def test_portal_through_the_test_gateway_cancels_with_a_signed_event(client, donor_gifts, test_gateway_settings):
    from donations.models import StripeEvent

    token = self_service.make_token("ana@example.org")
    response = client.post(f"/bg/donations/manage/{token}/portal/")
    assert response.status_code == 303 and response["Location"] == f"/bg/donations/manage/{token}/test-portal/"
    portal = client.get(response["Location"])
    assert says(portal, "TEST customer portal: no real money moves")
    done = client.post(response["Location"], {"donation": str(donor_gifts["monthly"].uuid)})
    assert done.status_code == 303
    donor_gifts["monthly"].refresh_from_db()
    assert donor_gifts["monthly"].subscription_status == "canceled"
    assert StripeEvent.objects.get().type == "customer.subscription.deleted"
    assert says(client.get(done["Location"]), "Your monthly donation has been cancelled. Thank you for your "
                                              "support so far.")


def test_receipt_email_links_to_manage_my_donation(client, pages, on_commit):
    from tests.donations import stripe_events as se

    donation = DonationFactory(page=pages["en"], locale="en")
    with on_commit():
        se.post(client, se.event("checkout.session.completed", se.checkout_session(donation)))
    assert "http://testserver/en/donations/manage/" in mail.outbox[0].body
