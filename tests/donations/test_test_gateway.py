"""The local test gateway: signed events through the real webhook code, and never available
where real money could be involved."""

import pytest
from django.core import mail

from donations import stripe_gateway
from donations.models import Donation, StripeEvent
from donations.views import NOTICES
from tests.donations.conftest import form_data, says

pytestmark = pytest.mark.django_db


def start(client, url="/bg/darete/", **fields):
    response = client.post(url, form_data(**fields))
    assert response.status_code == 303, response.content.decode()[:2000]
    return response["Location"]


def test_pay_sends_signed_events_through_the_webhook_and_confirms(client, pages, test_gateway_settings, on_commit):
    checkout_url = start(client)
    donation = Donation.objects.get()
    assert checkout_url == f"/bg/donations/test-checkout/{donation.stripe_checkout_session_id}/"
    page = client.get(checkout_url).content.decode()
    assert says(page, "TEST payment page: no real money moves") and says(page, "Pay (test)")
    assert says(page, "Decline (test)")

    with on_commit():
        response = client.post(checkout_url + "pay/")
    assert response.status_code == 303
    assert response["Location"] == (
        f"http://testserver/bg/darete/thank-you/?session_id={donation.stripe_checkout_session_id}"
    )
    donation.refresh_from_db()
    assert donation.status == Donation.PAID and donation.receipt_number is not None
    assert StripeEvent.objects.get().type == "checkout.session.completed"
    assert len(mail.outbox) == 1
    assert says(client.get(response["Location"]), "Thank you for your gift")

    with on_commit():
        client.post(checkout_url + "pay/")  # pressing Pay again changes nothing
    assert StripeEvent.objects.count() == 1 and len(mail.outbox) == 1


def test_monthly_pay_goes_through_invoice_and_session_events(client, pages, test_gateway_settings, on_commit):
    checkout_url = start(client, url="/en/donate/", frequency="monthly", amount_choice="20")
    with on_commit():
        client.post(checkout_url + "pay/")
    donation = Donation.objects.get()
    assert donation.status == Donation.PAID and donation.stripe_subscription_id.startswith("sub_local_")
    assert sorted(StripeEvent.objects.values_list("type", flat=True)) == ["checkout.session.completed", "invoice.paid"]
    assert pages["bg"].campaign_totals() == {"raised_cents": 2000, "donors": 1}


def test_decline_returns_to_the_filled_form(client, pages, test_gateway_settings):
    checkout_url = start(client, donor_name="Иван Петров", amount_choice="other", other_amount="17,50",
                         dedication_kind="honour", dedication_name="Баба")
    response = client.post(checkout_url + "decline/")
    assert response.status_code == 303
    form_page = client.get(response["Location"])
    content = form_page.content.decode()
    assert says(content, NOTICES["declined"])
    assert 'value="Иван Петров"' in content and 'value="17.50"' in content and 'value="Баба"' in content
    assert 'value="maria@example.org"' in content
    assert Donation.objects.get().status == Donation.EXPIRED


def test_unavailable_with_debug_off_unless_enabled(client, pages, settings):
    settings.STRIPE_SECRET_KEY = ""
    settings.DEBUG = False
    settings.STRIPE_TEST_GATEWAY = False
    assert stripe_gateway.active_gateway() is None
    assert client.post("/bg/darete/", form_data()).status_code == 503
    settings.DEBUG = True
    assert stripe_gateway.active_gateway() == stripe_gateway.TEST


@pytest.mark.parametrize("key", ["sk_live_abc", "sk_test_abc"])
def test_never_alongside_a_stripe_key(client, pages, settings, key):
    settings.DEBUG = True
    settings.STRIPE_TEST_GATEWAY = True
    settings.STRIPE_SECRET_KEY = key
    settings.STRIPE_WEBHOOK_SECRET = ""
    assert not stripe_gateway.test_gateway_enabled()
    assert stripe_gateway.webhook_secret() == ""  # the local signing secret is refused too
    donation = Donation.objects.create(page=pages["bg"], amount=1000, donor_name="X", email="x@example.org",
                                       stripe_checkout_session_id="cs_test_local_abc")
    assert client.get("/bg/donations/test-checkout/cs_test_local_abc/").status_code == 404
    assert client.post("/bg/donations/test-checkout/cs_test_local_abc/pay/").status_code == 404
    donation.refresh_from_db()
    assert donation.status == Donation.PENDING


def test_locally_signed_events_are_refused_once_a_real_secret_is_set(client, pages, settings):
    """An event signed with the local test secret never passes on a site with a real one."""
    import json

    from donations import test_gateway
    from tests.donations.stripe_events import sign

    settings.STRIPE_SECRET_KEY = "sk_test_abc"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_real"
    payload = json.dumps(test_gateway.event("customer.created", {"id": "cus_1"}))
    response = client.post("/donations/stripe/webhook/", data=payload, content_type="application/json",
                           HTTP_STRIPE_SIGNATURE=sign(payload, stripe_gateway.LOCAL_TEST_WEBHOOK_SECRET))
    assert response.status_code == 400
