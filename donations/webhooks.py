"""Webhook processing shared by the real endpoint and the local test gateway: verify, store the
event id and apply its effects in ONE transaction, answer with the status Stripe should see."""

import json
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from donations import fulfilment, stripe_gateway
from donations.models import StripeEvent

logger = logging.getLogger(__name__)


def handle(payload, sig_header):
    """Returns (HTTP status, short reason). 400: not a genuine, fresh, well-formed event (nothing
    changes); 200: applied now or already before; 500: could not apply, Stripe will retry."""
    try:
        stripe_gateway.construct_event(payload, sig_header)
    except stripe_gateway.SignatureVerificationError:
        logger.warning("Stripe webhook refused: missing, invalid or stale signature")
        return 400, "invalid signature"
    except ValueError:
        logger.warning("Stripe webhook refused: body is not JSON")
        return 400, "malformed payload"
    # The verified raw body, as plain JSON (stripe 16 objects are not dicts).
    try:
        event = json.loads(payload)
    except ValueError:
        return 400, "malformed payload"
    return process(event)


def process(event):
    """Store and apply one verified event (a webhook delivery, or one found by the reconcile
    command) in one transaction. Returns (HTTP status, short reason) as for handle()."""
    if not isinstance(event, dict) or not event.get("id") or not isinstance(event.get("data"), dict):
        return 400, "not an event"
    if not isinstance(event["data"].get("object"), dict):
        return 400, "not an event"
    try:
        with transaction.atomic():
            stored = StripeEvent.objects.create(event_id=event["id"], type=event.get("type", ""), payload=event)
            fulfilment.apply_event(event)
            stored.processed_at = timezone.now()
            stored.save(update_fields=["processed_at"])
    except IntegrityError:
        if StripeEvent.objects.filter(event_id=event["id"]).exists():
            logger.info("Stripe event %s already processed", event["id"])
            return 200, "duplicate"
        logger.exception("Stripe event %s could not be applied", event["id"])
        return 500, "error"
    except Exception:  # noqa: BLE001 - anything unexpected: roll back, let Stripe retry
        logger.exception("Stripe event %s could not be applied", event["id"])
        return 500, "error"
    return 200, "ok"
