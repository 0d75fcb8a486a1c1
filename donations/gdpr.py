"""A donor's rights (GDPR): everything we hold about one email address, and anonymisation.

Anonymising keeps every gift (the accounts and the receipt numbering need them) but removes
the name, the email address, the dedication and the newsletter subscription, and scrubs them
from the stored Stripe event payloads of those gifts. The gifts of one donor get the same
random placeholder address, so the campaign's donor count does not change."""

import secrets

from django.db import transaction
from django.utils import timezone

from donations.models import Donation, DonationEvent, NewsletterSubscriber, StripeEvent

DONATION_FIELDS = [
    "uuid", "status", "amount", "amount_refunded", "currency", "frequency", "donor_name", "email", "anonymous",
    "dedication_kind", "dedication_name", "newsletter_opt_in", "newsletter_consent_at", "locale",
    "receipt_year", "receipt_number", "receipt_sent_at", "subscription_status", "stripe_customer_id",
    "stripe_subscription_id", "stripe_payment_intent_id", "created_at", "paid_at", "anonymised_at",
]
SUBSCRIBER_FIELDS = [
    "email", "language", "source", "consent_text", "consented_at", "confirmation_sent_at", "confirmed_at",
    "unsubscribed_at", "created_at",
]


def _plain(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


def export_donor(email):
    """All data held about ``email``, as JSON-ready data."""
    email = (email or "").strip().lower()
    donations = Donation.objects.filter(email__iexact=email).select_related("page").order_by("created_at")
    result = {"email": email, "exported_at": timezone.now().isoformat(), "donations": [], "newsletter": None}
    for donation in donations:
        row = {field: _plain(getattr(donation, field)) for field in DONATION_FIELDS}
        row["campaign"] = donation.campaign_title
        row["receipt_reference"] = donation.receipt_reference
        row["history"] = [
            {"at": event.created_at.isoformat(), "kind": event.kind, "message": event.message}
            for event in donation.events.all()
        ]
        result["donations"].append(row)
    subscriber = NewsletterSubscriber.objects.filter(email__iexact=email).first()
    if subscriber is not None:
        result["newsletter"] = {field: _plain(getattr(subscriber, field)) for field in SUBSCRIBER_FIELDS}
    return result


def _scrub(value, secrets_to_remove, replacement):
    if isinstance(value, dict):
        return {key: _scrub(item, secrets_to_remove, replacement) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub(item, secrets_to_remove, replacement) for item in value]
    if isinstance(value, str):
        for secret in secrets_to_remove:
            if secret and secret.lower() in value.lower():
                return replacement
    return value


def anonymise_donor(email, actor=None):
    """Remove the personal data of ``email`` from every gift and the newsletter list. Returns the
    number of gifts anonymised."""
    email = (email or "").strip().lower()
    if not email:
        return 0
    placeholder = f"anonymised-{secrets.token_hex(8)}@invalid.invalid"
    now = timezone.now()
    with transaction.atomic():
        donations = list(Donation.objects.select_for_update().filter(email__iexact=email))
        personal = {email}
        for donation in donations:
            personal.update(value for value in (donation.donor_name, donation.dedication_name) if value)
        event_ids = set(
            DonationEvent.objects.filter(donation__in=donations).exclude(stripe_event_id="")
            .values_list("stripe_event_id", flat=True)
        )
        for stored in StripeEvent.objects.select_for_update().filter(event_id__in=event_ids):
            stored.payload = _scrub(stored.payload, personal, "[anonymised]")
            stored.save(update_fields=["payload"])
        for donation in donations:
            donation.donor_name = ""
            donation.email = placeholder
            donation.anonymous = True
            donation.dedication_name = ""
            donation.anonymised_at = now
            donation.save()
            who = f" by {actor.get_username()}" if actor is not None else ""
            DonationEvent.objects.create(donation=donation, kind="anonymised", message=f"Personal data removed{who}")
        NewsletterSubscriber.objects.filter(email__iexact=email).delete()
    return len(donations)
