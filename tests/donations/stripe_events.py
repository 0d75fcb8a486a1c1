"""Stripe-shaped webhook events and the Stripe-Signature header, computed here with hmac (not
with the code under test), so the tests check the site against Stripe's scheme itself."""

import hashlib
import hmac
import itertools
import json
import time

WEBHOOK_SECRET = "whsec_test_secret_for_tests"
_numbers = itertools.count(1)


def sign(payload, secret=WEBHOOK_SECRET, timestamp=None):
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def event(event_type, data_object, event_id=None):
    return {
        "id": event_id or f"evt_test_{next(_numbers)}",
        "object": "event",
        "api_version": "2026-10-28.endive",
        "created": int(time.time()),
        "livemode": False,
        "type": event_type,
        "data": {"object": data_object},
    }


def metadata(donation):
    return {
        "donation_uuid": str(donation.uuid),
        "campaign": str(donation.page.translation_key),
        "locale": donation.locale,
    }


def checkout_session(donation, *, payment_status="paid", status="complete", **fields):
    session = {
        "id": donation.stripe_checkout_session_id or f"cs_test_{next(_numbers)}",
        "object": "checkout.session",
        "mode": "subscription" if donation.frequency == "monthly" else "payment",
        "status": status,
        "payment_status": payment_status,
        "client_reference_id": str(donation.uuid),
        "metadata": metadata(donation),
        "amount_total": donation.amount,
        "currency": "eur",
        "customer": "cus_test_1",
        "payment_intent": None if donation.frequency == "monthly" else f"pi_test_{donation.pk}",
        "subscription": None,
        "invoice": None,
    }
    session.update(fields)
    return session


def invoice(donation, invoice_id, *, billing_reason="subscription_cycle", subscription="sub_test_1", amount=None,
            payment_intent=None, with_metadata=True):
    data = {
        "id": invoice_id,
        "object": "invoice",
        "billing_reason": billing_reason,
        "status": "paid",
        "amount_paid": donation.amount if amount is None else amount,
        "currency": "eur",
        "customer": "cus_test_1",
        "parent": {
            "type": "subscription_details",
            "subscription_details": {
                "subscription": subscription,
                "metadata": metadata(donation) if with_metadata else {},
            },
        },
    }
    if payment_intent:
        data["payments"] = {
            "object": "list",
            "data": [
                {"object": "invoice_payment", "payment": {"type": "payment_intent", "payment_intent": payment_intent}}
            ],
        }
    return data


def charge(charge_id, payment_intent, *, amount, amount_refunded):
    return {
        "id": charge_id,
        "object": "charge",
        "amount": amount,
        "amount_refunded": amount_refunded,
        "refunded": amount_refunded >= amount,
        "payment_intent": payment_intent,
        "metadata": {},
    }


def dispute(charge_id, payment_intent, *, status="needs_response", amount=0):
    return {"id": f"dp_test_{next(_numbers)}", "object": "dispute", "charge": charge_id,
            "payment_intent": payment_intent, "status": status, "amount": amount}


def post(client, data, *, secret=WEBHOOK_SECRET, timestamp=None, header=None, raw=None):
    payload = raw if raw is not None else json.dumps(data)
    headers = {}
    signature = header if header is not None else sign(payload, secret, timestamp)
    if signature:
        headers["HTTP_STRIPE_SIGNATURE"] = signature
    return client.post("/donations/stripe/webhook/", data=payload, content_type="application/json", **headers)
