"""The one module that talks to Stripe. Everything else calls these functions, so the API
version, retries, idempotency and the test-gateway rules live in one place.

Which gateway is in use:
- "stripe": STRIPE_SECRET_KEY is set (test or live key); the real Stripe API.
- "test": no key, and DEBUG on or STRIPE_TEST_GATEWAY=1: the local test gateway
  (donations/test_gateway.py) stands in for the hosted page.
- None: no key and no test gateway: the form says online giving is unavailable."""

import hashlib
import json
import logging

import stripe
from django.conf import settings

logger = logging.getLogger(__name__)

STRIPE = "stripe"
TEST = "test"
# The local test gateway signs its events with this when STRIPE_WEBHOOK_SECRET is unset. It only
# ever verifies events the site built itself, and is refused whenever a real key is configured.
LOCAL_TEST_WEBHOOK_SECRET = "whsec_local_test_gateway_only"
NETWORK_RETRIES = 2
# Stripe's own default: a signature older than five minutes is refused (replay protection).
SIGNATURE_TOLERANCE_SECONDS = stripe.Webhook.DEFAULT_TOLERANCE

StripeError = stripe.StripeError
SignatureVerificationError = stripe.SignatureVerificationError


class GatewayUnavailable(Exception):
    """No way to take a payment in this configuration."""


def is_live_key(key):
    return key.startswith(("sk_live_", "rk_live_"))


def test_gateway_enabled():
    if settings.STRIPE_SECRET_KEY:
        # Any real key (and certainly a live one) means real payments: never a fake page.
        return False
    return bool(settings.DEBUG or settings.STRIPE_TEST_GATEWAY)


def active_gateway():
    if settings.STRIPE_SECRET_KEY:
        return STRIPE
    if test_gateway_enabled():
        return TEST
    return None


def webhook_secret():
    if settings.STRIPE_WEBHOOK_SECRET:
        return settings.STRIPE_WEBHOOK_SECRET
    if test_gateway_enabled():
        return LOCAL_TEST_WEBHOOK_SECRET
    return ""


def client():
    if not settings.STRIPE_SECRET_KEY:
        raise GatewayUnavailable("STRIPE_SECRET_KEY is not set")
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses={"api": settings.STRIPE_API_BASE},
        max_network_retries=NETWORK_RETRIES,
    )


def idempotency_key(donation, purpose="checkout-session"):
    """Stable per donation: a retried request (ours or the library's) never creates a second session."""
    return hashlib.sha256(f"mir-donation:{purpose}:{donation.uuid}".encode()).hexdigest()


def checkout_session_params(donation, success_url, cancel_url):
    """The exact Checkout Session request for a donation (kept separate so tests can read it)."""
    from donations.models import MONTHLY

    campaign = donation.page.translation_key if donation.page_id else ""
    metadata = {
        "donation_uuid": str(donation.uuid),
        "campaign": str(campaign),
        "locale": donation.locale,
    }
    price_data = {
        "currency": donation.currency,
        "unit_amount": donation.amount,
        "product_data": {"name": _product_name(donation)},
    }
    params = {
        "mode": "subscription" if donation.frequency == MONTHLY else "payment",
        "line_items": [{"quantity": 1, "price_data": price_data}],
        "success_url": success_url,
        "cancel_url": cancel_url,
        "client_reference_id": str(donation.uuid),
        "customer_email": donation.email,
        "locale": donation.locale,
        "metadata": metadata,
    }
    if donation.frequency == MONTHLY:
        price_data["recurring"] = {"interval": "month"}
        # Stripe accepts submit_type only in payment mode; the metadata goes on the subscription
        # too, so every invoice.paid names the donation even before checkout.session.completed.
        params["subscription_data"] = {"metadata": metadata}
    else:
        params["submit_type"] = "donate"
        params["payment_intent_data"] = {"metadata": metadata}
    return params


def _product_name(donation):
    from django.utils import translation
    from django.utils.translation import gettext

    with translation.override(donation.locale):
        title = donation.page.title if donation.page_id else ""
        label = gettext("Monthly donation") if donation.frequency == "monthly" else gettext("Donation")
        return f"{label}: {title}" if title else label


def create_checkout_session(donation, success_url, cancel_url):
    """Returns the Checkout Session (with .id and .url). Raises StripeError."""
    return client().v1.checkout.sessions.create(
        params=checkout_session_params(donation, success_url, cancel_url),
        options={"idempotency_key": idempotency_key(donation)},
    )


def retrieve_checkout_session(session_id):
    return client().v1.checkout.sessions.retrieve(session_id)


def retrieve_subscription(subscription_id):
    return client().v1.subscriptions.retrieve(subscription_id)


def retrieve_invoice(invoice_id):
    # Payments are not part of an invoice unless asked for; they carry the payment intent.
    return client().v1.invoices.retrieve(invoice_id, params={"expand": ["payments"]})


def invoices_for_payment_intent(payment_intent):
    """The ids of the invoices a payment paid (a monthly gift's renewal, say)."""
    result = client().v1.invoice_payments.list(
        params={"payment": {"type": "payment_intent", "payment_intent": payment_intent}, "limit": 3}
    )
    invoices = [payment.get("invoice") for payment in to_dict(result).get("data") or []]
    return [invoice.get("id") if isinstance(invoice, dict) else invoice for invoice in invoices if invoice]


def checkout_sessions_for_payment_intent(payment_intent):
    result = client().v1.checkout.sessions.list(params={"payment_intent": payment_intent, "limit": 3})
    return to_dict(result).get("data") or []


def create_billing_portal_session(customer_id, return_url, locale):
    """Stripe's Customer Portal for one customer: change the card or cancel a monthly gift."""
    return client().v1.billing_portal.sessions.create(
        params={"customer": customer_id, "return_url": return_url, "locale": locale}
    )


def create_card_update_session(customer_id, return_url, locale):
    """The Customer Portal opened straight on "update your payment method" (a portal flow),
    for a donor whose monthly payment failed; afterwards Stripe sends them to ``return_url``."""
    return client().v1.billing_portal.sessions.create(
        params={
            "customer": customer_id,
            "return_url": return_url,
            "locale": locale,
            "flow_data": {
                "type": "payment_method_update",
                "after_completion": {"type": "redirect", "redirect": {"return_url": return_url}},
            },
        }
    )


def list_events(created_since, types=None):
    """Every event since ``created_since`` (unix time), oldest first, following Stripe's pages."""
    params = {"created": {"gte": int(created_since)}, "limit": 100}
    if types:
        params["types"] = list(types)
    events = [to_dict(event) for event in client().v1.events.list(params=params).auto_paging_iter()]
    return sorted(events, key=lambda event: (event.get("created") or 0, event.get("id") or ""))


def verified_payload(payload, sig_header):
    """Verify the Stripe-Signature header over the raw body and return the body as plain JSON,
    whatever it holds (webhooks.process decides whether it is an event). Stripe's own
    construct_event is not used: it assumes the JSON is an object and fails on any other value.

    Raises SignatureVerificationError (missing, wrong or stale signature) or ValueError (not
    UTF-8, or not strict JSON). Verification needs no API key, so the test gateway's events go
    through here too."""
    secret = webhook_secret()
    if not secret:
        raise SignatureVerificationError("No webhook signing secret configured", sig_header, payload)
    stripe.WebhookSignature.verify_header(payload, sig_header, secret, tolerance=SIGNATURE_TOLERANCE_SECONDS)
    return parse_json(payload)


def _refuse_constant(name):
    raise ValueError(f"{name} is not JSON")


def parse_json(payload):
    """Strict JSON (no NaN or Infinity, which a JSON column refuses); ValueError otherwise, also
    for nesting too deep for the parser."""
    if isinstance(payload, (bytes, bytearray)):
        payload = bytes(payload).decode("utf-8")
    try:
        return json.loads(payload, parse_constant=_refuse_constant)
    except RecursionError as error:
        raise ValueError("JSON nested too deeply") from error


def to_dict(stripe_object):
    """Stripe objects are not dicts in stripe 16; the handlers work on plain JSON data."""
    if stripe_object is None:
        return None
    if isinstance(stripe_object, dict):
        return stripe_object
    return stripe_object.to_dict()
