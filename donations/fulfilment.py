"""What each verified Stripe event does to our gifts.

Runs inside the webhook's transaction (donations/webhooks.py), so an exception here rolls back
the event record too and Stripe delivers the event again. Every handler locks the gift's row
(select_for_update) and is idempotent: events may arrive late, twice, or in any order, so each
one is a trigger to move a gift forward, never a script that assumes what came before.

Payloads are plain JSON dicts in Stripe's shape; fields that moved between API versions (an
invoice's subscription, its payment intent) are read from both places."""

import logging
import uuid

from django.db import transaction
from django.utils import timezone

from donations import receipts
from donations.models import MONTHLY, Donation, DonationEvent

logger = logging.getLogger(__name__)


class UnknownDonation(Exception):
    """The event names one of our gifts that we cannot find: fail, so Stripe delivers it again."""


def apply_event(event):
    handler = HANDLERS.get(event.get("type"))
    if handler is None:
        return False
    handler(event["data"]["object"], event["id"])
    return True


# --- finding the gift -------------------------------------------------------------------------


def parse_uuid(value):
    """The UUID a reference names, or None for anything else (a stray or forged value)."""
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError):
        return None


def _locked(queryset):
    return queryset.select_for_update().order_by("pk").first()


def _by_uuid(value):
    donation_uuid = parse_uuid(value)
    return _locked(Donation.objects.filter(uuid=donation_uuid)) if donation_uuid else None


def _id(value):
    """An expandable field is either an id or an object with one."""
    if isinstance(value, dict):
        return value.get("id") or ""
    return value or ""


def _donation_for_session(session):
    reference = session.get("client_reference_id") or (session.get("metadata") or {}).get("donation_uuid")
    donation = _by_uuid(reference) or _locked(Donation.objects.filter(stripe_checkout_session_id=session["id"]))
    # Only a UUID can name one of our gifts: any other reference belongs to something else.
    if donation is None and parse_uuid(reference):
        raise UnknownDonation(f"checkout session {session['id']} names donation {reference}")
    return donation


def _invoice_subscription(invoice):
    parent = invoice.get("parent") or {}
    details = parent.get("subscription_details") or {}
    return _id(details.get("subscription") or invoice.get("subscription"))


def _invoice_metadata(invoice):
    parent = invoice.get("parent") or {}
    metadata = dict((parent.get("subscription_details") or {}).get("metadata") or {})
    metadata.update((invoice.get("subscription_details") or {}).get("metadata") or {})
    for line in (invoice.get("lines") or {}).get("data") or []:
        for key, value in (line.get("metadata") or {}).items():
            metadata.setdefault(key, value)
    return metadata


def _invoice_payment_ids(invoice):
    """(payment intent, charge) of a paid invoice: top-level fields in older API versions,
    invoice.payments in newer ones (fetched when the event does not carry them)."""
    payment_intent = _id(invoice.get("payment_intent"))
    charge = _id(invoice.get("charge"))
    if not payment_intent:
        payments = (invoice.get("payments") or {}).get("data")
        if payments is None:
            payments = _fetched_invoice_payments(invoice["id"])
        for payment in payments:
            details = payment.get("payment") or {}
            payment_intent = payment_intent or _id(details.get("payment_intent"))
            charge = charge or _id(details.get("charge"))
    return payment_intent, charge


def _fetched_invoice_payments(invoice_id):
    from donations import stripe_gateway

    if stripe_gateway.active_gateway() != stripe_gateway.STRIPE:
        return []
    invoice = stripe_gateway.to_dict(stripe_gateway.retrieve_invoice(invoice_id))
    return (invoice.get("payments") or {}).get("data") or []


def _donation_for_subscription(subscription_id, metadata):
    reference = metadata.get("donation_uuid")
    donation = _by_uuid(reference)
    if donation is None and subscription_id:
        donation = _locked(
            Donation.objects.filter(stripe_subscription_id=subscription_id, subscription_origin__isnull=True)
        )
    if donation is None and parse_uuid(reference):
        raise UnknownDonation(f"subscription {subscription_id} names donation {reference}")
    return donation


def _donation_for_charge(charge_id, payment_intent, metadata=None):
    donation = None
    if charge_id:
        donation = _locked(Donation.objects.filter(stripe_charge_id=charge_id))
    if donation is None and payment_intent:
        donation = _locked(Donation.objects.filter(stripe_payment_intent_id=payment_intent))
    if donation is None:
        donation = _by_uuid((metadata or {}).get("donation_uuid"))
    if donation is None and payment_intent:
        donation = _donation_for_payment_intent_from_stripe(payment_intent)
    if donation is not None:
        if charge_id and not donation.stripe_charge_id:
            donation.stripe_charge_id = charge_id
        if payment_intent and not donation.stripe_payment_intent_id:
            donation.stripe_payment_intent_id = payment_intent
    return donation


def _donation_for_payment_intent_from_stripe(payment_intent):
    """A refund or dispute that overtook checkout.session.completed: ask Stripe which session
    the payment belongs to."""
    from donations import stripe_gateway

    if stripe_gateway.active_gateway() != stripe_gateway.STRIPE:
        return None
    sessions = stripe_gateway.checkout_sessions_for_payment_intent(payment_intent)
    for session in sessions:
        donation = _by_uuid(session.get("client_reference_id"))
        if donation is not None:
            return donation
    return None


def _renewal_for_payment_intent_from_stripe(payment_intent, event_id):
    """A refund that overtook its renewal's invoice.paid: ask Stripe which invoice the payment
    paid and fulfil that invoice now (invoice.paid, when it comes, finds the gift already made)."""
    from donations import stripe_gateway

    if not payment_intent or stripe_gateway.active_gateway() != stripe_gateway.STRIPE:
        return None
    for invoice_id in stripe_gateway.invoices_for_payment_intent(payment_intent):
        invoice = stripe_gateway.to_dict(stripe_gateway.retrieve_invoice(invoice_id))
        if invoice.get("status") != "paid" or not _invoice_subscription(invoice):
            continue
        invoice_paid(invoice, event_id)
        donation = _locked(Donation.objects.filter(stripe_invoice_id=invoice_id))
        if donation is not None:
            return donation
    return None


# --- changing the gift -------------------------------------------------------------------------


def record(donation, kind, message, event_id=""):
    DonationEvent.objects.create(donation=donation, kind=kind, message=message[:500], stripe_event_id=event_id)


def mark_paid(donation, event_id):
    """Pending (or failed/expired, when a late payment succeeds) -> paid, once: the receipt
    number is taken and the receipt email queued for after the commit."""
    if donation.is_confirmed:
        donation.save()
        return False
    donation.status = Donation.PAID
    if _dispute_open(donation):
        donation.status = Donation.DISPUTED
    else:
        # A refund can overtake the payment event; the gift is then paid and refunded at once.
        donation.status = _status_after_refund(donation)
    donation.paid_at = timezone.now()
    receipts.assign_receipt_number(donation)
    donation.save()
    record(donation, "paid", f"Paid; receipt {donation.receipt_reference}", event_id)
    from donations.tasks import send_receipt

    donation_id = donation.pk
    transaction.on_commit(lambda: send_receipt.enqueue(donation_id))
    return True


def _fill_session_ids(donation, session):
    donation.stripe_checkout_session_id = donation.stripe_checkout_session_id or session["id"]
    donation.stripe_customer_id = donation.stripe_customer_id or _id(session.get("customer"))
    donation.stripe_payment_intent_id = donation.stripe_payment_intent_id or _id(session.get("payment_intent"))
    donation.stripe_subscription_id = donation.stripe_subscription_id or _id(session.get("subscription"))
    invoice_id = _id(session.get("invoice"))
    if invoice_id and not donation.stripe_invoice_id:
        # invoice.paid may already have recorded this invoice on this gift (never on another).
        donation.stripe_invoice_id = invoice_id


def checkout_session_completed(session, event_id):
    donation = _donation_for_session(session)
    if donation is None:
        logger.info("checkout.session.completed for a session that is not a donation: %s", session["id"])
        return
    _fill_session_ids(donation, session)
    if session.get("payment_status") == "paid":
        mark_paid(donation, event_id)
    else:
        donation.save()
        record(donation, "awaiting_payment", "Checkout completed; the payment has not arrived yet", event_id)


def checkout_session_async_payment_succeeded(session, event_id):
    donation = _donation_for_session(session)
    if donation is None:
        return
    _fill_session_ids(donation, session)
    mark_paid(donation, event_id)


def checkout_session_async_payment_failed(session, event_id):
    donation = _donation_for_session(session)
    if donation is None:
        return
    _fill_session_ids(donation, session)
    if donation.status == Donation.PENDING:
        donation.status = Donation.FAILED
    donation.save()
    record(donation, "payment_failed", "The delayed payment failed", event_id)


def checkout_session_expired(session, event_id):
    donation = _donation_for_session(session)
    if donation is None:
        return
    if donation.status == Donation.PENDING:
        donation.status = Donation.EXPIRED
        donation.save()
    record(donation, "expired", "The checkout session expired without payment", event_id)


def invoice_paid(invoice, event_id):
    subscription_id = _invoice_subscription(invoice)
    if not subscription_id:
        return
    already = _locked(Donation.objects.filter(stripe_invoice_id=invoice["id"]))
    if already is not None:
        mark_paid(already, event_id)
        return
    origin = _donation_for_subscription(subscription_id, _invoice_metadata(invoice))
    if origin is None:
        logger.info("invoice.paid for a subscription that is not a donation: %s", subscription_id)
        return
    payment_intent, charge = _invoice_payment_ids(invoice)
    origin.stripe_subscription_id = origin.stripe_subscription_id or subscription_id
    origin.stripe_customer_id = origin.stripe_customer_id or _id(invoice.get("customer"))
    first_invoice = invoice.get("billing_reason") == "subscription_create" or (
        origin.stripe_invoice_id is None and not origin.is_confirmed
    )
    if first_invoice:
        # The first invoice is the gift the donor made on our form (checkout.session.completed
        # may come before or after this event; whichever is first fulfils it).
        origin.stripe_invoice_id = origin.stripe_invoice_id or invoice["id"]
        origin.stripe_payment_intent_id = origin.stripe_payment_intent_id or payment_intent
        origin.stripe_charge_id = origin.stripe_charge_id or charge
        mark_paid(origin, event_id)
        return
    # A payment went through: the monthly gift is no longer failing.
    origin.payment_failed_at = None
    origin.save()
    renewal = Donation.objects.create(
        page=origin.page,
        subscription_origin=origin,
        amount=invoice.get("amount_paid") or origin.amount,
        currency=invoice.get("currency") or origin.currency,
        frequency=MONTHLY,
        donor_name=origin.donor_name,
        email=origin.email,
        anonymous=origin.anonymous,
        dedication_kind=origin.dedication_kind,
        dedication_name=origin.dedication_name,
        locale=origin.locale,
        stripe_customer_id=origin.stripe_customer_id,
        stripe_subscription_id=subscription_id,
        stripe_invoice_id=invoice["id"],
        stripe_payment_intent_id=payment_intent,
        stripe_charge_id=charge,
    )
    record(renewal, "renewal", f"Monthly payment of the gift {origin.uuid}", event_id)
    mark_paid(renewal, event_id)


def invoice_payment_failed(invoice, event_id):
    """Recorded, shown to staff (``payment_failed_at``), and the donor emailed once per failed
    invoice with a link to update the card: a re-delivered event finds the invoice's notice
    already there and sends nothing. Stripe's Smart Retries retry the same invoice; only the
    first failure of an invoice is emailed."""
    from donations.models import PaymentFailureNotice

    subscription_id = _invoice_subscription(invoice)
    if not subscription_id:
        return
    origin = _donation_for_subscription(subscription_id, _invoice_metadata(invoice))
    if origin is None:
        return
    record(origin, "invoice_payment_failed", f"Payment of invoice {invoice['id']} failed", event_id)
    if invoice.get("status") == "paid":
        return  # a late, older event: the invoice was paid after all
    origin.stripe_customer_id = origin.stripe_customer_id or _id(invoice.get("customer"))
    origin.payment_failed_at = timezone.now()
    origin.save()
    notice, created = PaymentFailureNotice.objects.get_or_create(stripe_invoice_id=invoice["id"],
                                                                 defaults={"donation": origin})
    if created and origin.email and not origin.anonymised_at:
        from donations.tasks import send_payment_failed

        notice_id = notice.pk
        transaction.on_commit(lambda: send_payment_failed.enqueue(notice_id))


def _subscription_changed(subscription, event_id, deleted=False):
    from donations import stripe_gateway

    origin = _donation_for_subscription(subscription["id"], subscription.get("metadata") or {})
    if origin is None:
        return
    status = subscription.get("status") or ""
    if not deleted and stripe_gateway.active_gateway() == stripe_gateway.STRIPE:
        # Updates can arrive out of order: the subscription as it is now is what counts.
        status = stripe_gateway.to_dict(stripe_gateway.retrieve_subscription(subscription["id"])).get("status", status)
    origin.stripe_subscription_id = origin.stripe_subscription_id or subscription["id"]
    origin.subscription_status = "canceled" if deleted else status
    origin.save()
    record(origin, "subscription", f"Monthly donation is now {origin.subscription_status}", event_id)


def customer_subscription_updated(subscription, event_id):
    _subscription_changed(subscription, event_id)


def customer_subscription_deleted(subscription, event_id):
    _subscription_changed(subscription, event_id, deleted=True)


def _status_after_refund(donation):
    if donation.status == Donation.DISPUTED:
        return Donation.DISPUTED
    if donation.amount_refunded >= donation.amount:
        return Donation.REFUNDED
    if donation.amount_refunded > 0:
        return Donation.PARTIALLY_REFUNDED
    return Donation.PAID


# Final states of a dispute (an inquiry closes as warning_closed).
CLOSED_DISPUTE_STATUSES = ("won", "lost", "warning_closed")


def _dispute_open(donation):
    return bool(donation.dispute_status) and donation.dispute_status not in ("won", "warning_closed")


def charge_refunded(charge, event_id):
    payment_intent = _id(charge.get("payment_intent"))
    donation = _donation_for_charge(charge["id"], payment_intent, charge.get("metadata"))
    if donation is None:
        donation = _renewal_for_payment_intent_from_stripe(payment_intent, event_id)
        if donation is not None and not donation.stripe_charge_id:
            donation.stripe_charge_id = charge["id"]
    if donation is None:
        logger.warning("charge.refunded for a charge that is not a donation: %s", charge["id"])
        return
    # amount_refunded is the charge's running total, so a late, older event never lowers it.
    donation.amount_refunded = min(donation.amount, max(donation.amount_refunded, charge.get("amount_refunded") or 0))
    if donation.is_confirmed:
        donation.status = _status_after_refund(donation)
    donation.save()
    record(donation, "refund", f"Refunded {donation.amount_refunded} cents in total", event_id)


def _dispute_donation(dispute):
    return _donation_for_charge(_id(dispute.get("charge")), _id(dispute.get("payment_intent")), dispute.get("metadata"))


def charge_dispute_created(dispute, event_id):
    donation = _dispute_donation(dispute)
    if donation is None:
        logger.warning("Dispute for a charge that is not a donation: %s", dispute.get("charge"))
        return
    if donation.dispute_status in CLOSED_DISPUTE_STATUSES:
        # Stripe does not order deliveries: this opening was overtaken by the dispute's closing.
        record(donation, "dispute", f"Late notice of the dispute's opening; it is {donation.dispute_status}", event_id)
        donation.save()
        return
    donation.dispute_status = dispute.get("status") or "needs_response"
    if donation.is_confirmed and _dispute_open(donation):
        # (A gift not yet marked paid keeps its status; mark_paid reads dispute_status.)
        donation.status = Donation.DISPUTED
    donation.save()
    record(donation, "dispute", f"Dispute opened ({donation.dispute_status})", event_id)


def charge_dispute_closed(dispute, event_id):
    donation = _dispute_donation(dispute)
    if donation is None:
        logger.warning("Dispute for a charge that is not a donation: %s", dispute.get("charge"))
        return
    donation.dispute_status = dispute.get("status") or ""
    if not donation.is_confirmed:
        pass  # mark_paid will read dispute_status when the payment event arrives
    elif _dispute_open(donation):
        donation.status = Donation.DISPUTED
    else:
        # The money came back: the gift counts again (less anything refunded).
        donation.status = Donation.PAID
        donation.status = _status_after_refund(donation)
    donation.save()
    record(donation, "dispute", f"Dispute closed ({donation.dispute_status})", event_id)


HANDLERS = {
    "checkout.session.completed": checkout_session_completed,
    "checkout.session.async_payment_succeeded": checkout_session_async_payment_succeeded,
    "checkout.session.async_payment_failed": checkout_session_async_payment_failed,
    "checkout.session.expired": checkout_session_expired,
    "invoice.paid": invoice_paid,
    "invoice.payment_failed": invoice_payment_failed,
    "customer.subscription.updated": customer_subscription_updated,
    "customer.subscription.deleted": customer_subscription_deleted,
    "charge.refunded": charge_refunded,
    "charge.dispute.created": charge_dispute_created,
    "charge.dispute.closed": charge_dispute_closed,
}
