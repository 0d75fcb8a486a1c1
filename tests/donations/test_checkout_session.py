"""Starting a donation against a local server that answers like Stripe's API."""

import pytest

from donations.models import Donation
from donations.views import NOTICES
from tests.donations.conftest import form_data, says

pytestmark = pytest.mark.django_db


def test_one_off_gift_creates_the_exact_checkout_session(client, pages, stripe_settings):
    response = client.post("/bg/darete/", form_data(amount_choice="50"))

    donation = Donation.objects.get()
    assert donation.status == Donation.PENDING
    assert donation.amount == 5000 and donation.currency == "eur" and donation.email == "maria@example.org"
    [request] = stripe_settings.session_requests()
    body = request["form"]
    assert body["mode"] == "payment"
    assert body["submit_type"] == "donate"
    assert body["line_items[0][price_data][unit_amount]"] == "5000"
    assert body["line_items[0][price_data][currency]"] == "eur"
    assert body["line_items[0][quantity]"] == "1"
    assert "line_items[0][price_data][recurring][interval]" not in body
    assert body["client_reference_id"] == str(donation.uuid)
    assert body["metadata[donation_uuid]"] == str(donation.uuid)
    assert body["metadata[campaign]"] == str(pages["bg"].translation_key)
    assert body["metadata[locale]"] == "bg"
    assert body["payment_intent_data[metadata][donation_uuid]"] == str(donation.uuid)
    assert body["locale"] == "bg"
    assert body["customer_email"] == "maria@example.org"
    assert body["success_url"] == "http://testserver/bg/darete/thank-you/?session_id={CHECKOUT_SESSION_ID}"
    assert body["cancel_url"].startswith("http://testserver/bg/darete/?restore=")
    assert len(request["headers"]["Idempotency-Key"]) == 64
    assert request["headers"]["Authorization"] == "Bearer sk_test_fake_key"

    assert response.status_code == 303
    assert response["Location"] == f"https://checkout.stripe.com/c/pay/{donation.stripe_checkout_session_id}"


def test_monthly_gift_is_a_subscription_without_submit_type(client, pages, stripe_settings):
    client.post("/en/donate/", form_data(frequency="monthly", amount_choice="other", other_amount="12,50"))

    donation = Donation.objects.get()
    assert donation.frequency == "monthly" and donation.amount == 1250 and donation.locale == "en"
    body = stripe_settings.session_requests()[0]["form"]
    assert body["mode"] == "subscription"
    assert "submit_type" not in body  # Stripe refuses submit_type in subscription mode
    assert body["line_items[0][price_data][recurring][interval]"] == "month"
    assert body["line_items[0][price_data][unit_amount]"] == "1250"
    assert body["subscription_data[metadata][donation_uuid]"] == str(donation.uuid)
    assert body["locale"] == "en"
    assert body["success_url"] == "http://testserver/en/donate/thank-you/?session_id={CHECKOUT_SESSION_ID}"


def test_idempotency_key_is_derived_from_the_donation(client, pages, stripe_settings):
    from donations import stripe_gateway

    client.post("/bg/darete/", form_data())
    client.post("/bg/darete/", form_data(email="other@example.org"))
    first, second = Donation.objects.order_by("pk")
    keys = [r["headers"]["Idempotency-Key"] for r in stripe_settings.session_requests()]
    assert keys == [stripe_gateway.idempotency_key(first), stripe_gateway.idempotency_key(second)]
    assert keys[0] != keys[1]
    assert stripe_gateway.idempotency_key(first) == stripe_gateway.idempotency_key(first)


def test_stripe_error_keeps_everything_typed_and_marks_the_donation_failed(client, pages, stripe_settings):
    stripe_settings.fail_next_session = (
        400, {"error": {"type": "invalid_request_error", "message": "Something is wrong"}}
    )
    response = client.post("/bg/darete/", form_data(donor_name="Петър", amount_choice="other", other_amount="33"))

    assert response.status_code == 200
    content = response.content.decode()
    assert says(content, NOTICES["stripe_error"])
    assert 'value="Петър"' in content and 'value="33"' in content
    donation = Donation.objects.get()
    assert donation.status == Donation.FAILED
    assert donation.events.filter(kind="checkout_error").exists()


def test_no_gateway_configured_takes_no_donation(client, pages):
    response = client.post("/bg/darete/", form_data())
    assert response.status_code == 503
    assert says(response, NOTICES["unavailable"])
    assert not Donation.objects.exists()
