"""A failed monthly payment: the donor is emailed once per failed invoice (re-deliveries and
Smart Retries of the same invoice send nothing more), in the gift's language, with a signed link
that opens Stripe's customer portal on the card update; staff see the failing gift."""

import pytest
from django.core import mail, signing

from donations import card_update
from donations.models import Donation, PaymentFailureNotice
from tests.donations import stripe_events as se
from tests.donations.factories import DonationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def monthly(pages):
    return DonationFactory(
        page=pages["en"], frequency="monthly", locale="en", status=Donation.PAID, receipt_year=2024,
        receipt_number=1, stripe_subscription_id="sub_test_1", stripe_customer_id="cus_test_1",
        email="maria@example.org",
    )


def failed(donation, invoice_id, event_id=None):
    invoice = se.invoice(donation, invoice_id, with_metadata=False)
    invoice.update(status="open", amount_paid=0, attempt_count=1)
    return se.event("invoice.payment_failed", invoice, event_id=event_id)


def test_one_email_per_failed_invoice_in_the_gifts_language(client, monthly, on_commit):
    with on_commit():
        se.post(client, failed(monthly, "in_1"))
    with on_commit():
        se.post(client, failed(monthly, "in_1"))  # Smart Retries failing the same invoice again
    (message,) = mail.outbox
    assert message.to == ["maria@example.org"]
    assert message.subject == "Your monthly donation could not be collected"
    assert "/en/donations/card-update/" in message.body
    with on_commit():
        se.post(client, failed(monthly, "in_2"))  # next month's invoice
    assert len(mail.outbox) == 2


def test_a_redelivered_event_sends_nothing_more(client, monthly, on_commit):
    event = failed(monthly, "in_1", event_id="evt_failed_1")
    with on_commit():
        se.post(client, event)
        se.post(client, event)
    assert len(mail.outbox) == 1
    assert PaymentFailureNotice.objects.get().sent_at is not None


def test_the_gift_is_marked_failing_until_a_payment_goes_through(client, monthly, on_commit):
    with on_commit():
        se.post(client, failed(monthly, "in_1"))
    monthly.refresh_from_db()
    assert monthly.payment_failed_at is not None
    with on_commit():
        se.post(client, se.event("invoice.paid", se.invoice(monthly, "in_1", with_metadata=False)))
    monthly.refresh_from_db()
    assert monthly.payment_failed_at is None


def test_the_signed_link_opens_the_card_update_in_stripes_portal(client, monthly, stripe_settings):
    token = card_update.make_token(monthly)
    page = client.get(f"/en/donations/card-update/{token}/")
    assert page.status_code == 200 and b"Update my card" in page.content
    response = client.post(f"/en/donations/card-update/{token}/")
    assert response.status_code == 303
    assert response["Location"].startswith("https://billing.stripe.com/p/session/") and response["Location"].endswith(
        "/flow"
    )
    request = next(r for r in stripe_settings.requests if r["path"] == "/v1/billing_portal/sessions")
    assert request["form"]["customer"] == "cus_test_1"
    assert request["form"]["flow_data[type]"] == "payment_method_update"
    assert request["form"]["locale"] == "en"


def test_a_forged_or_expired_link_is_refused(client, monthly, settings):
    assert client.get("/en/donations/card-update/forged/").status_code == 400
    settings.CARD_UPDATE_LINK_MAX_AGE = 60
    token = signing.TimestampSigner(salt=card_update.SALT).sign_object({"d": str(monthly.uuid)})
    import time
    from unittest import mock

    with mock.patch("django.core.signing.time.time", return_value=time.time() + 3600):
        assert client.get(f"/en/donations/card-update/{token}/").status_code == 410


def test_stripe_failing_is_a_clear_error(client, monthly, stripe_settings):
    stripe_settings.fail_next_portal = (
        400, {"error": {"type": "invalid_request_error", "message": "No such customer"}}
    )
    response = client.post(f"/en/donations/card-update/{card_update.make_token(monthly)}/")
    assert response.status_code == 502
    assert b"could not reach our payment provider" in response.content


def test_staff_filter_failing_monthly_gifts(client, monthly, on_commit, django_user_model):
    from django.contrib.auth.models import Group

    DonationFactory(page=monthly.page, frequency="monthly", status=Donation.PAID, donor_name="Healthy Donor")
    with on_commit():
        se.post(client, failed(monthly, "in_1"))
    user = django_user_model.objects.create_user(username="finance", password="x")
    user.groups.add(Group.objects.get(name="Финанси"))
    client.force_login(user)
    content = client.get("/admin/donation_records/?failing=on").content.decode()
    assert monthly.donor_name in content and "Healthy Donor" not in content


@pytest.mark.parametrize("language, yes", [("bg", "да"), ("en", "yes")])
def test_the_failing_filter_in_force_reads_yes_in_the_admin_language(client, monthly, django_user_model, language,
                                                                     yes):
    from bs4 import BeautifulSoup
    from django.contrib.auth.models import Group
    from wagtail.users.models import UserProfile

    user = django_user_model.objects.create_user(username="finance", password="x")
    user.groups.add(Group.objects.get(name="Финанси"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    page = BeautifulSoup(client.get("/admin/donation_records/?failing=on").content, "html.parser")
    pill = page.select_one(".w-active-filters .w-pill__content")
    label = {"bg": "Месечни дарения с неуспешно последно плащане", "en": "Monthly gifts whose last payment failed"}
    assert pill.get_text(" ", strip=True).split() == f"{label[language]}: {yes}".split()


def test_the_admin_list_names_a_gift_by_its_receipt_number_else_the_start_of_its_reference(monthly):
    assert monthly.listing_reference == monthly.receipt_reference
    pledge = DonationFactory(page=monthly.page)
    assert pledge.listing_reference == str(pledge.uuid)[:8]
