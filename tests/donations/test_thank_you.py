"""The thank-you page reads the gift's state; it never fulfils anything."""

import pytest
from django.test import Client

from donations.models import Donation
from tests.donations import stripe_events as se
from tests.donations.conftest import says
from tests.donations.factories import DonationFactory

pytestmark = pytest.mark.django_db


def test_processing_until_the_webhook_records_the_payment(pages, on_commit):
    donation = DonationFactory(page=pages["bg"], amount=5000)
    visitor = Client()  # a fresh client: no cookies at all
    url = f"/bg/darete/thank-you/?session_id={donation.stripe_checkout_session_id}"

    response = visitor.get(url)
    assert response.status_code == 200
    assert says(response, "Thank you: your payment is being processed")
    assert f'href="{url}"' in response.content.decode()  # a plain reload link, no script
    donation.refresh_from_db()
    assert donation.status == Donation.PENDING  # the redirect fulfils nothing

    with on_commit():
        se.post(Client(), se.event("checkout.session.completed", se.checkout_session(donation)))
    response = visitor.get(url)
    donation.refresh_from_db()
    content = response.content.decode()
    assert says(content, "Thank you for your gift") and donation.receipt_reference in content
    assert not visitor.cookies


def test_not_completed_and_unknown_sessions(client, pages):
    failed = DonationFactory(page=pages["bg"], status=Donation.FAILED)
    assert says(
        client.get(f"/bg/darete/thank-you/?session_id={failed.stripe_checkout_session_id}"),
        "Your donation was not completed",
    )
    assert client.get("/bg/darete/thank-you/?session_id=cs_nobody").status_code == 404
    assert client.get("/bg/darete/thank-you/").status_code == 404


def test_a_session_id_from_another_campaign_is_not_shown(client, pages):
    from donations.models import DonationPage

    other = pages["home"].add_child(instance=DonationPage(title="Друга", slug="druga", locale=pages["bg"].locale))
    donation = DonationFactory(page=other)
    url = f"/bg/darete/thank-you/?session_id={donation.stripe_checkout_session_id}"
    assert client.get(url).status_code == 404


def test_session_unknown_locally_is_looked_up_through_stripe(client, pages, stripe_settings):
    donation = DonationFactory(page=pages["bg"], stripe_checkout_session_id=None)
    stripe_settings.sessions["cs_lost"] = {
        "id": "cs_lost", "object": "checkout.session", "client_reference_id": str(donation.uuid)
    }
    response = client.get("/en/donate/thank-you/?session_id=cs_lost")
    assert response.status_code == 200
    assert "being processed" in response.content.decode()
    assert stripe_settings.requests[-1]["path"] == "/v1/checkout/sessions/cs_lost"
