"""Webhook processing shared by the real endpoint and the local test gateway: verify, store the
event id and apply its effects in ONE transaction, answer with the status Stripe should see."""

import logging

from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.utils import timezone

from donations import fulfilment, stripe_gateway
from donations.models import StripeEvent

logger = logging.getLogger(__name__)

# Raised by the handlers when a genuine-looking event carries fields of the wrong type or shape
# (a string where an object belongs, a number too large for its column): the event cannot be
# applied however often it is delivered, so it is refused like any other malformed body.
MALFORMED_EVENT_ERRORS = (TypeError, KeyError, AttributeError, ValueError, OverflowError, DataError, ValidationError)


def handle(payload, sig_header):
    """Returns (HTTP status, short reason). 400: not a genuine, fresh, well-formed event (nothing
    changes); 200: applied now or already before; 500: could not apply, Stripe will retry."""
    try:
        event = stripe_gateway.verified_payload(payload, sig_header)
    except stripe_gateway.SignatureVerificationError:
        logger.warning("Stripe webhook refused: missing, invalid or stale signature")
        return 400, "invalid signature"
    except ValueError:
        logger.warning("Stripe webhook refused: body is not JSON")
        return 400, "malformed payload"
    return process(event)


def _max_length(field_name):
    return StripeEvent._meta.get_field(field_name).max_length


def is_event(event):
    """An event object as Stripe sends it, as far as processing relies on it: an id and a type
    (non-empty strings that fit their columns) and data.object, an object."""
    if not isinstance(event, dict):
        return False
    event_id, event_type, data = event.get("id"), event.get("type"), event.get("data")
    return (
        isinstance(event_id, str)
        and 0 < len(event_id) <= _max_length("event_id")
        and isinstance(event_type, str)
        and 0 < len(event_type) <= _max_length("type")
        and isinstance(data, dict)
        and isinstance(data.get("object"), dict)
    )


def process(event):
    """Store and apply one verified event (a webhook delivery, or one found by the reconcile
    command) in one transaction. Returns (HTTP status, short reason) as for handle()."""
    if not is_event(event):
        logger.warning("Stripe webhook refused: the body is not an event object")
        return 400, "not an event"
    try:
        with transaction.atomic():
            stored = StripeEvent.objects.create(event_id=event["id"], type=event["type"], payload=event)
            fulfilment.apply_event(event)
            stored.processed_at = timezone.now()
            stored.save(update_fields=["processed_at"])
    except IntegrityError:
        if StripeEvent.objects.filter(event_id=event["id"]).exists():
            logger.info("Stripe event %s already processed", event["id"])
            return 200, "duplicate"
        logger.exception("Stripe event %s could not be applied", event["id"])
        return 500, "error"
    except MALFORMED_EVENT_ERRORS:
        logger.warning("Stripe event %s refused: its fields are not of the expected shape", event["id"], exc_info=True)
        return 400, "malformed event"
    except Exception:  # noqa: BLE001 - anything unexpected: roll back, let Stripe retry
        logger.exception("Stripe event %s could not be applied", event["id"])
        return 500, "error"
    return 200, "ok"
