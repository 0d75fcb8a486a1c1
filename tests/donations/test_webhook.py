"""The webhook endpoint: signature checks, idempotency, event order, and what each event does."""

import json
import time

import pytest
from django.core import mail

from donations.models import Donation, StripeEvent
from tests.donations import stripe_events as se
from tests.donations.factories import DonationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def donation(pages):
    return DonationFactory(page=pages["bg"], amount=5000)


def completed(donation, **fields):
    return se.event("checkout.session.completed", se.checkout_session(donation, **fields))


# --- verification ---------------------------------------------------------------------------


def test_valid_event_is_applied(client, donation, on_commit):
    with on_commit():
        response = se.post(client, completed(donation))
    assert response.status_code == 200
    donation.refresh_from_db()
    assert donation.status == Donation.PAID
    assert donation.stripe_payment_intent_id == f"pi_test_{donation.pk}"
    assert StripeEvent.objects.get().processed_at is not None


@pytest.mark.parametrize(
    "kind",
    ["tampered", "wrong_secret", "stale", "missing_header", "empty_header", "malformed_json"],
)
def test_refused_deliveries_change_nothing(client, donation, kind):
    payload = json.dumps(completed(donation))
    header = se.sign(payload)
    if kind == "tampered":
        response = se.post(client, None, raw=payload.replace('"paid"', '"PAID"', 1), header=header)
    elif kind == "wrong_secret":
        response = se.post(client, None, raw=payload, header=se.sign(payload, secret="whsec_someone_else"))
    elif kind == "stale":
        response = se.post(client, None, raw=payload, header=se.sign(payload, timestamp=int(time.time()) - 301))
    elif kind == "missing_header":
        response = client.post("/donations/stripe/webhook/", data=payload, content_type="application/json")
    elif kind == "empty_header":
        response = se.post(client, None, raw=payload, header="")
    else:
        broken = payload[:-5]
        response = se.post(client, None, raw=broken, header=se.sign(broken))
    assert response.status_code == 400
    donation.refresh_from_db()
    assert donation.status == Donation.PENDING
    assert not StripeEvent.objects.exists()


def test_get_is_not_allowed(client):
    assert client.get("/donations/stripe/webhook/").status_code == 405


def test_no_signing_secret_refuses_everything(client, donation, settings):
    settings.STRIPE_WEBHOOK_SECRET = ""
    assert se.post(client, completed(donation)).status_code == 400
    assert not StripeEvent.objects.exists()


# --- idempotency and order ------------------------------------------------------------------


def test_duplicate_delivery_changes_nothing_and_answers_200(client, donation, on_commit):
    event = completed(donation)
    with on_commit():
        first = se.post(client, event)
        second = se.post(client, event)
    assert (first.status_code, second.status_code) == (200, 200)
    assert second.content == b"duplicate"
    assert StripeEvent.objects.count() == 1
    assert donation.events.filter(kind="paid").count() == 1
    assert len(mail.outbox) == 1


def test_failure_while_applying_rolls_back_and_answers_500(client, donation, monkeypatch):
    from donations import fulfilment

    def explode(donation, event_id):
        donation.save()
        raise RuntimeError("database went away")

    monkeypatch.setattr(fulfilment, "mark_paid", explode)
    response = se.post(client, completed(donation))
    assert response.status_code == 500
    assert not StripeEvent.objects.exists()  # so Stripe's retry is applied, not skipped as a duplicate


def test_event_for_a_donation_we_do_not_have_is_retried(client, donation):
    event = completed(donation)
    donation.delete()
    assert se.post(client, event).status_code == 500
    assert not StripeEvent.objects.exists()


def test_unhandled_event_types_are_stored_and_acknowledged(client, db):
    response = se.post(client, se.event("customer.created", {"id": "cus_1", "object": "customer"}))
    assert response.status_code == 200
    assert StripeEvent.objects.get().type == "customer.created"


def test_invoice_paid_before_checkout_session_completed(client, pages, on_commit):
    donation = DonationFactory(page=pages["bg"], frequency="monthly", amount=2000)
    first_invoice = se.invoice(donation, "in_first", billing_reason="subscription_create", payment_intent="pi_first")
    with on_commit():
        assert se.post(client, se.event("invoice.paid", first_invoice)).status_code == 200
        session = completed(donation, subscription="sub_test_1", invoice="in_first")
        assert se.post(client, session).status_code == 200
    donation.refresh_from_db()
    assert Donation.objects.count() == 1
    assert donation.status == Donation.PAID
    assert donation.stripe_invoice_id == "in_first"
    assert donation.stripe_subscription_id == "sub_test_1"
    assert donation.stripe_payment_intent_id == "pi_first"
    assert len(mail.outbox) == 1


def test_checkout_session_completed_then_first_invoice_does_not_double_count(client, pages, on_commit):
    donation = DonationFactory(page=pages["bg"], frequency="monthly", amount=2000)
    with on_commit():
        se.post(client, completed(donation, subscription="sub_test_1", invoice="in_first"))
        first_invoice = se.invoice(donation, "in_first", billing_reason="subscription_create")
        se.post(client, se.event("invoice.paid", first_invoice))
    assert Donation.objects.count() == 1
    assert pages["bg"].campaign_totals() == {"raised_cents": 2000, "donors": 1}


def test_each_later_invoice_is_its_own_paid_donation(client, pages, on_commit):
    donation = DonationFactory(page=pages["bg"], frequency="monthly", amount=2000, anonymous=True)
    with on_commit():
        se.post(client, completed(donation, subscription="sub_test_1", invoice="in_first"))
        # Later invoices may carry no metadata: the subscription id links them.
        renewal_event = se.event(
            "invoice.paid", se.invoice(donation, "in_second", payment_intent="pi_second", with_metadata=False)
        )
        se.post(client, renewal_event)
        se.post(client, renewal_event)  # re-delivered
    renewal = Donation.objects.get(stripe_invoice_id="in_second")
    assert renewal.subscription_origin == donation
    assert renewal.status == Donation.PAID and renewal.amount == 2000 and renewal.anonymous
    assert renewal.stripe_payment_intent_id == "pi_second"
    donation.refresh_from_db()
    assert (renewal.receipt_year, renewal.receipt_number) == (donation.receipt_year, donation.receipt_number + 1)
    assert Donation.objects.count() == 2
    assert len(mail.outbox) == 2
    assert pages["bg"].campaign_totals() == {"raised_cents": 4000, "donors": 1}


def test_async_payment_later_succeeding(client, donation, on_commit):
    with on_commit():
        se.post(client, completed(donation, payment_status="unpaid"))
        donation.refresh_from_db()
        assert donation.status == Donation.PENDING
        assert len(mail.outbox) == 0
        session = se.checkout_session(donation)
        se.post(client, se.event("checkout.session.async_payment_succeeded", session))
    donation.refresh_from_db()
    assert donation.status == Donation.PAID
    assert len(mail.outbox) == 1


def test_async_payment_failing_and_session_expiring(client, pages):
    failing = DonationFactory(page=pages["bg"])
    expiring = DonationFactory(page=pages["bg"])
    failed_session = se.checkout_session(failing, payment_status="unpaid")
    expired_session = se.checkout_session(expiring, status="expired", payment_status="unpaid")
    se.post(client, se.event("checkout.session.async_payment_failed", failed_session))
    se.post(client, se.event("checkout.session.expired", expired_session))
    failing.refresh_from_db()
    expiring.refresh_from_db()
    assert (failing.status, expiring.status) == (Donation.FAILED, Donation.EXPIRED)
    assert pages["bg"].campaign_totals() == {"raised_cents": 0, "donors": 0}


def test_expiry_arriving_after_payment_does_not_undo_it(client, donation, on_commit):
    with on_commit():
        se.post(client, completed(donation))
    se.post(client, se.event("checkout.session.expired", se.checkout_session(donation, status="expired")))
    donation.refresh_from_db()
    assert donation.status == Donation.PAID


# --- refunds, disputes, subscriptions ----------------------------------------------------------


def test_refunds_and_disputes_reduce_the_campaign_total(client, pages, on_commit):
    refunded = DonationFactory(page=pages["bg"], amount=5000)
    disputed = DonationFactory(page=pages["bg"], amount=3000)
    kept = DonationFactory(page=pages["en"], amount=1000)
    with on_commit():
        for gift in (refunded, disputed, kept):
            se.post(client, completed(gift))
    assert pages["bg"].campaign_totals() == {"raised_cents": 9000, "donors": 3}

    pi = f"pi_test_{refunded.pk}"
    se.post(client, se.event("charge.refunded", se.charge("ch_1", pi, amount=5000, amount_refunded=2000)))
    refunded.refresh_from_db()
    assert refunded.status == Donation.PARTIALLY_REFUNDED and refunded.amount_refunded == 2000
    assert pages["bg"].campaign_totals()["raised_cents"] == 7000

    # An older event arriving late never lowers the running total.
    se.post(client, se.event("charge.refunded", se.charge("ch_1", pi, amount=5000, amount_refunded=1000)))
    se.post(client, se.event("charge.refunded", se.charge("ch_1", pi, amount=5000, amount_refunded=5000)))
    refunded.refresh_from_db()
    assert refunded.status == Donation.REFUNDED and refunded.amount_refunded == 5000
    assert pages["bg"].campaign_totals() == {"raised_cents": 4000, "donors": 2}

    disputed_pi = f"pi_test_{disputed.pk}"
    se.post(client, se.event("charge.dispute.created", se.dispute("ch_2", disputed_pi)))
    disputed.refresh_from_db()
    assert disputed.status == Donation.DISPUTED
    assert pages["en"].campaign_totals() == {"raised_cents": 1000, "donors": 1}

    se.post(client, se.event("charge.dispute.closed", se.dispute("ch_2", disputed_pi, status="won")))
    disputed.refresh_from_db()
    assert disputed.status == Donation.PAID and disputed.dispute_status == "won"
    assert pages["bg"].campaign_totals()["raised_cents"] == 4000


def test_lost_dispute_stays_out_of_the_total(client, donation, on_commit):
    with on_commit():
        se.post(client, completed(donation))
    pi = f"pi_test_{donation.pk}"
    se.post(client, se.event("charge.dispute.created", se.dispute("ch_9", pi)))
    se.post(client, se.event("charge.dispute.closed", se.dispute("ch_9", pi, status="lost")))
    donation.refresh_from_db()
    assert donation.status == Donation.DISPUTED and donation.dispute_status == "lost"
    assert donation.page.campaign_totals()["raised_cents"] == 0


def test_refund_that_overtakes_the_payment_event_is_found_through_stripe(client, donation, stripe_settings, on_commit):
    """charge.refunded before checkout.session.completed: the charge's payment intent is looked up."""
    stripe_settings.sessions["cs_x"] = {
        "id": "cs_x",
        "object": "checkout.session",
        "client_reference_id": str(donation.uuid),
        "payment_intent": "pi_early",
    }
    se.post(client, se.event("charge.refunded", se.charge("ch_e", "pi_early", amount=5000, amount_refunded=5000)))
    with on_commit():
        se.post(client, completed(donation, payment_intent="pi_early"))
    donation.refresh_from_db()
    assert donation.amount_refunded == 5000
    assert donation.status == Donation.REFUNDED
    assert donation.page.campaign_totals()["raised_cents"] == 0


def test_subscription_status_is_read_from_stripe(client, pages, stripe_settings, on_commit):
    donation = DonationFactory(page=pages["bg"], frequency="monthly", stripe_subscription_id="sub_9")
    # The event says "active" but Stripe now says "past_due": the current object wins.
    stripe_settings.subscriptions["sub_9"] = {"id": "sub_9", "object": "subscription", "status": "past_due"}
    subscription = {"id": "sub_9", "object": "subscription", "status": "active", "metadata": {}}
    assert se.post(client, se.event("customer.subscription.updated", subscription)).status_code == 200
    donation.refresh_from_db()
    assert donation.subscription_status == "past_due"
    assert stripe_settings.requests[-1]["path"] == "/v1/subscriptions/sub_9"

    se.post(client, se.event("customer.subscription.deleted", dict(subscription, status="canceled")))
    donation.refresh_from_db()
    assert donation.subscription_status == "canceled"


def test_failed_invoice_is_recorded_in_the_history(client, pages):
    donation = DonationFactory(page=pages["bg"], frequency="monthly", stripe_subscription_id="sub_test_1")
    se.post(client, se.event("invoice.payment_failed", se.invoice(donation, "in_bad", with_metadata=False)))
    assert donation.events.filter(kind="invoice_payment_failed").exists()
    assert Donation.objects.count() == 1


# --- signed bodies that are JSON but not an event object -----------------------------------------

NOT_EVENTS = [
    [], [1, 2], "checkout.session.completed", 42, 3.5, True, None, {},
    {"id": "evt_only"},
    {"type": "checkout.session.completed"},
    {"id": "evt_1", "type": "checkout.session.completed"},
    {"id": 5, "type": "checkout.session.completed", "data": {"object": {}}},
    {"id": ["evt_1"], "type": "checkout.session.completed", "data": {"object": {}}},
    {"id": "evt_1", "type": 5, "data": {"object": {}}},
    {"id": "evt_1", "type": None, "data": {"object": {}}},
    {"id": "", "type": "checkout.session.completed", "data": {"object": {}}},
    {"id": "evt_1", "type": "", "data": {"object": {}}},
    {"id": "e" * 256, "type": "checkout.session.completed", "data": {"object": {}}},
    {"id": "evt_1", "type": "t" * 101, "data": {"object": {}}},
    {"id": "evt_1", "type": "checkout.session.completed", "data": []},
    {"id": "evt_1", "type": "checkout.session.completed", "data": {"object": "cs_1"}},
    {"id": "evt_1", "type": "checkout.session.completed", "data": {"object": None}},
]


@pytest.mark.parametrize("body", NOT_EVENTS, ids=[json.dumps(body)[:40] for body in NOT_EVENTS])
def test_a_signed_body_that_is_not_an_event_object_is_refused(client, donation, body):
    response = se.post(client, None, raw=json.dumps(body))
    assert response.status_code == 400
    assert response.content == b"not an event"
    assert not StripeEvent.objects.exists()
    donation.refresh_from_db()
    assert donation.status == Donation.PENDING


@pytest.mark.parametrize("raw", ['{"id": NaN}', '{"id": "evt_1", "amount": Infinity}', "[" * 100_000 + "]" * 100_000,
                                 "\ufeff{}"])
def test_a_signed_body_that_is_not_strict_json_is_refused(client, db, raw):
    response = se.post(client, None, raw=raw)
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"metadata": "not an object"},
        {"client_reference_id": 5},
        {"client_reference_id": ["not", "a", "uuid"], "metadata": {}},
        {"id": None},
        {"id": {"nested": True}},
        {"amount_total": "fifty"},
        {"customer": ["cus_1"]},
        {"payment_status": {"paid": True}},
    ],
    ids=lambda changes: ",".join(changes),
)
def test_an_event_with_fields_of_the_wrong_type_changes_nothing_and_is_not_a_500(client, donation, changes):
    session = se.checkout_session(donation)
    session.update(changes)
    if "client_reference_id" in changes:
        session["metadata"] = {}
    response = se.post(client, se.event("checkout.session.completed", session))
    assert response.status_code in (200, 400)
    donation.refresh_from_db()
    if response.status_code == 400:
        assert not StripeEvent.objects.exists()
        assert donation.status == Donation.PENDING


def test_a_reference_that_is_not_a_uuid_names_none_of_our_gifts(client, donation):
    session = se.checkout_session(donation, client_reference_id="order-1234", metadata={})
    session["id"] = "cs_someone_else"
    response = se.post(client, se.event("checkout.session.completed", session))
    assert response.status_code == 200
    donation.refresh_from_db()
    assert donation.status == Donation.PENDING


def test_a_handler_refusing_the_shape_of_an_event_rolls_back_and_answers_400(client, donation, monkeypatch):
    from donations import fulfilment

    def wrong_shape(session, event_id):
        Donation.objects.filter(pk=donation.pk).update(donor_name="changed")
        raise TypeError("'str' object is not a mapping")

    monkeypatch.setitem(fulfilment.HANDLERS, "checkout.session.completed", wrong_shape)
    response = se.post(client, completed(donation))
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()
    donation.refresh_from_db()
    assert donation.donor_name != "changed"
