"""The local test gateway: what Stripe would send after its hosted page, built here.

"Pay" produces the events Stripe sends for a paid Checkout Session (and, for a monthly gift,
the first invoice of its subscription), in Stripe's JSON shape, signed with Stripe's scheme
(t=<unix time>,v1=<HMAC-SHA256 of "t.body">) and handed to the same code as a real delivery
(donations.webhooks.handle), so the test checks signature verification, idempotency and
fulfilment exactly as production runs them. Only ever active when
stripe_gateway.test_gateway_enabled() says so."""

import hashlib
import hmac
import json
import secrets
import time

import stripe

from donations import stripe_gateway, webhooks
from donations.models import MONTHLY

SESSION_PREFIX = "cs_test_local_"


def new_session_id():
    return SESSION_PREFIX + secrets.token_hex(12)


def _local_id(prefix):
    return f"{prefix}_local_{secrets.token_hex(10)}"


def signature_header(payload, secret, timestamp=None):
    timestamp = int(time.time()) if timestamp is None else timestamp
    signed = f"{timestamp}.{payload}".encode()
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def event(event_type, data_object):
    return {
        "id": _local_id("evt"),
        "object": "event",
        # The API version this stripe library speaks (its public module attribute).
        "api_version": stripe.api_version,
        "created": int(time.time()),
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "type": event_type,
        "data": {"object": data_object},
    }


def deliver(events):
    """Signs and processes each event as the webhook endpoint would; returns the statuses."""
    statuses = []
    for item in events:
        payload = json.dumps(item)
        header = signature_header(payload, stripe_gateway.webhook_secret())
        statuses.append(webhooks.handle(payload.encode(), header)[0])
    return statuses


def _metadata(donation):
    return {
        "donation_uuid": str(donation.uuid),
        "campaign": str(donation.page.translation_key if donation.page_id else ""),
        "locale": donation.locale,
    }


def _session(donation, **fields):
    session = {
        "id": donation.stripe_checkout_session_id,
        "object": "checkout.session",
        "mode": "subscription" if donation.frequency == MONTHLY else "payment",
        "status": "open",
        "payment_status": "unpaid",
        "client_reference_id": str(donation.uuid),
        "metadata": _metadata(donation),
        "amount_total": donation.amount,
        "currency": donation.currency,
        "locale": donation.locale,
        "customer": None,
        "customer_details": {"email": donation.email, "name": donation.donor_name},
        "payment_intent": None,
        "subscription": None,
        "invoice": None,
        "livemode": False,
    }
    session.update(fields)
    return session


def paid_events(donation):
    customer = _local_id("cus")
    payment_intent = _local_id("pi")
    if donation.frequency != MONTHLY:
        session = _session(
            donation, status="complete", payment_status="paid", customer=customer, payment_intent=payment_intent
        )
        return [event("checkout.session.completed", session)]
    subscription = _local_id("sub")
    invoice_id = _local_id("in")
    invoice = {
        "id": invoice_id,
        "object": "invoice",
        "billing_reason": "subscription_create",
        "status": "paid",
        "amount_paid": donation.amount,
        "currency": donation.currency,
        "customer": customer,
        "parent": {
            "type": "subscription_details",
            "subscription_details": {"subscription": subscription, "metadata": _metadata(donation)},
        },
        # Stripe leaves invoice.payments out of events (the handler would fetch it); the test
        # gateway has no API to fetch from, so it includes them.
        "payments": {
            "object": "list",
            "data": [
                {"object": "invoice_payment", "payment": {"type": "payment_intent", "payment_intent": payment_intent}}
            ],
        },
        "livemode": False,
    }
    session = _session(
        donation,
        status="complete",
        payment_status="paid",
        customer=customer,
        subscription=subscription,
        invoice=invoice_id,
    )
    # Stripe does not promise an order; the first invoice often arrives first.
    return [event("invoice.paid", invoice), event("checkout.session.completed", session)]


def declined_events(donation):
    """A declined card leaves Stripe's page open until the donor gives up and the session
    expires; the test gateway plays both at once, so the gift ends as expired."""
    return [event("checkout.session.expired", _session(donation, status="expired"))]


def cancelled_subscription_events(donation):
    """What Stripe sends when a donor cancels a monthly gift in the Customer Portal."""
    subscription = {
        "id": donation.stripe_subscription_id,
        "object": "subscription",
        "status": "canceled",
        "customer": donation.stripe_customer_id,
        "metadata": _metadata(donation),
        "cancellation_details": {"reason": "cancellation_requested"},
        "livemode": False,
    }
    return [event("customer.subscription.deleted", subscription)]
