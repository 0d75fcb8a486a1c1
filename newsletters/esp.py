"""An email service provider (ESP) for the newsletter, optional, through django-anymail.

With NEWSLETTER_ESP set (an anymail ESP name such as "mailgun", "postmark", "sendgrid" or
"brevo", credentials in ANYMAIL_* variables, .env.example), newsletters go out through that
ESP's API and its tracking webhooks (``/anymail/<esp>/tracking/``, anymail's own views, which
check the ESP's signature or the shared basic-auth secret) report what happened. Hard bounces,
spam complaints and unsubscriptions at the ESP take the address off the list, exactly as the
unsubscribe link does (donations.newsletter.unsubscribe_address); soft bounces (deferred)
change nothing, the ESP tries again."""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)

# anymail's normalised event types that end the subscription.
UNSUBSCRIBING_EVENTS = {"bounced", "complained", "unsubscribed"}
# A rejection by the ESP itself for these reasons (its own suppression list after an earlier
# hard bounce or complaint, an address that cannot exist) is as final as a bounce.
FINAL_REJECT_REASONS = {"bounced", "invalid", "spam"}


def connect_signals():
    from anymail.signals import tracking

    tracking.connect(handle_tracking, dispatch_uid="newsletters_esp_tracking")


def handle_tracking(sender, event, esp_name, **kwargs):
    """anymail's tracking signal: one normalised event from the ESP's webhook."""
    from donations.models import NewsletterSubscriber
    from donations.newsletter import unsubscribe_address
    from newsletters.models import Delivery

    kind = event.event_type
    if kind == "rejected" and event.reject_reason in FINAL_REJECT_REASONS:
        kind = "bounced"
    if kind not in UNSUBSCRIBING_EVENTS:
        return False
    recipient = (event.recipient or "").strip().lower()
    with transaction.atomic():
        # ESPs write the same Message-ID with or without its angle brackets.
        ids = {event.message_id, event.message_id.strip("<>"), f"<{event.message_id.strip('<>')}>"} \
            if event.message_id else set()
        delivery = Delivery.objects.filter(message_id__in=ids).first() if ids else None
        listed = NewsletterSubscriber.objects.filter(email__iexact=recipient).exists() if recipient else False
        if delivery is None and not listed:
            return False
        if delivery is not None and kind in ("bounced", "complained"):
            Delivery.objects.filter(pk=delivery.pk).update(
                status=Delivery.BOUNCED if kind == "bounced" else Delivery.COMPLAINED,
                error=f"{esp_name}: {kind}"[:255],
            )
        if recipient:
            unsubscribe_address(recipient)
    logger.info("Newsletter: %s reported %s; the address is off the list", esp_name, kind)
    return True
