"""Sending a newsletter to the confirmed subscribers of its language, in batches, in the
background worker, so that nobody receives the same issue twice.

How a sending goes:

1. ``start_mailing`` (staff press "Send") freezes the subject and both parts, and creates one
   Delivery row per confirmed subscriber of the language, all in one transaction. The rows are
   unique per (mailing, subscriber) and the mailing is unique per newsletter.
2. The task ``send_mailing_batch`` claims up to NEWSLETTER_BATCH_SIZE waiting rows (PostgreSQL:
   ``SELECT … FOR UPDATE SKIP LOCKED``, so two workers never take the same row; SQLite, which
   has no row locks and lets one writer in at a time: one ``UPDATE … WHERE status = 'pending'``
   statement, atomic by itself), sends them at NEWSLETTER_RATE_PER_SECOND, then queues the
   next batch.
3. For each row: the subscriber is read again (someone who unsubscribed since the start, even
   between two batches, is skipped: unsubscribing deletes the subscriber); the row is marked
   ``sending`` and committed; the message goes to the mail server; only once the server has
   accepted it is the row marked ``sent``.

At most once, not at least once. If the worker dies between the mail server's acceptance and
the commit of ``sent``, we cannot know whether the message left. We choose never to send it
again: such a row stays ``sending``, and when its claim times out (NEWSLETTER_CLAIM_TIMEOUT) it
becomes ``interrupted`` ("may have arrived") in the report, never ``pending``. A crash costs at
most one uncertain recipient per worker (the one in flight); a second copy of a newsletter in
a subscriber's inbox is the worse outcome for a foundation that asks people for their trust.
Rows that were only claimed (in a dead worker's batch, not yet being sent) go back to waiting
and are sent by the next run.

A worker that is killed leaves its task marked as running, and nothing queues the next batch:
``manage.py resume_newsletters`` (every few minutes, deploy/systemd/mir-newsletters.timer) and
the "Resume" button of the delivery report take over sendings with no sign of life."""

import logging
import smtplib
import time
import uuid
from datetime import timedelta
from types import SimpleNamespace

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.message import make_msgid
from django.db import connection as database
from django.db import transaction
from django.db.models import Count, F, Subquery
from django.utils import timezone, translation
from django.utils.translation import gettext

from core import site_url
from donations import newsletter as subscriptions
from donations.models import NewsletterSubscriber
from newsletters.models import Delivery, Mailing, Newsletter
from newsletters.rendering import personalise, render_email

logger = logging.getLogger(__name__)

# Refusals of this one message (a bad address, a rejected message): it will not go later either.
MESSAGE_REFUSED = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


class AlreadySent(Exception):
    """The newsletter has been sent (or is being sent) already."""


def recipients(language):
    return NewsletterSubscriber.objects.filter(language=language, confirmed_at__isnull=False)


def claim_timeout():
    """Seconds after which a claim is taken to be a dead worker's: at least three times what a
    batch takes at the configured rate, so a slow live batch is never taken over."""
    rate = settings.NEWSLETTER_RATE_PER_SECOND
    batch_seconds = settings.NEWSLETTER_BATCH_SIZE / rate if rate else 0
    return max(settings.NEWSLETTER_CLAIM_TIMEOUT, 3 * batch_seconds)


def from_email():
    return settings.NEWSLETTER_FROM_EMAIL or settings.DEFAULT_FROM_EMAIL


def newsletter_connection():
    return get_connection(settings.NEWSLETTER_EMAIL_BACKEND)


def start_mailing(newsletter, user=None, then=None):
    """Freeze the newsletter and create a delivery row for every confirmed subscriber of its
    language; ``then(mailing_id)`` (queue the first batch: newsletters.tasks.start_mailing) runs
    after the commit. Raises AlreadySent."""
    with transaction.atomic():
        newsletter = Newsletter.objects.select_for_update().select_related("locale").get(pk=newsletter.pk)
        if Mailing.objects.filter(newsletter=newsletter).exists():
            raise AlreadySent(newsletter.pk)
        email = render_email(newsletter)
        now = timezone.now()
        mailing = Mailing.objects.create(
            newsletter=newsletter, language=newsletter.language, subject=email.subject, html=email.html,
            text=email.text, started_by=user if user and user.is_authenticated else None, heartbeat_at=now,
        )
        ids = list(recipients(newsletter.language).order_by("pk").values_list("pk", flat=True))
        Delivery.objects.bulk_create(
            [Delivery(mailing=mailing, subscriber_id=pk) for pk in ids], batch_size=500, ignore_conflicts=True
        )
        mailing.recipients = len(ids)
        mailing.save(update_fields=["recipients"])
        if then is not None:
            transaction.on_commit(lambda: then(mailing.pk))
    return mailing


# --- claiming ------------------------------------------------------------------------------------


def claim_batch(mailing, token, size=None):
    """Take up to ``size`` waiting rows for this run (``token``) and return them."""
    size = size or settings.NEWSLETTER_BATCH_SIZE
    now = timezone.now()
    waiting = Delivery.objects.filter(mailing=mailing, status=Delivery.PENDING).order_by("pk")
    if database.features.has_select_for_update_skip_locked:
        with transaction.atomic():
            ids = list(waiting.select_for_update(skip_locked=True).values_list("pk", flat=True)[:size])
            Delivery.objects.filter(pk__in=ids).update(status=Delivery.CLAIMED, claim=token, claimed_at=now)
    else:
        # One statement: SQLite runs it alone, and it re-checks the status of every row it takes.
        Delivery.objects.filter(
            pk__in=Subquery(waiting.values("pk")[:size]), status=Delivery.PENDING
        ).update(status=Delivery.CLAIMED, claim=token, claimed_at=now)
    return list(Delivery.objects.filter(claim=token, status=Delivery.CLAIMED).order_by("pk"))


def release_stale(mailing, now=None):
    """Claims of a worker that stopped (older than the claim timeout): rows only claimed wait
    again; a row that was being sent becomes "interrupted" (at most once: never sent again)."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=claim_timeout())
    stale = Delivery.objects.filter(mailing=mailing, claimed_at__lt=cutoff)
    released = stale.filter(status=Delivery.CLAIMED).update(status=Delivery.PENDING, claim="", claimed_at=None)
    interrupted = stale.filter(status=Delivery.SENDING).update(
        status=Delivery.INTERRUPTED, error="The worker stopped while this message was being sent."
    )
    return released, interrupted


def release(token):
    """Give back the rows of this run that were not sent (the mail server is unreachable)."""
    return Delivery.objects.filter(claim=token, status=Delivery.CLAIMED).update(
        status=Delivery.PENDING, claim="", claimed_at=None
    )


def outstanding(mailing):
    return Delivery.objects.filter(mailing=mailing, status__in=Delivery.OUTSTANDING).exists()


# --- one message -------------------------------------------------------------------------------


def build_message(mailing, subscriber, connection=None):
    unsubscribe = subscriptions.unsubscribe_url(subscriber, mailing.language)
    message = EmailMultiAlternatives(
        mailing.subject,
        personalise(mailing.text, unsubscribe, is_html=False),
        from_email(),
        [subscriber.email],
        connection=connection,
        headers={
            # One-click unsubscribe (RFC 8058): the POST to this address needs no CSRF token.
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"<newsletter.{site_url.site_address()[0]}>",
            "Message-ID": make_msgid("newsletter", domain=site_url.site_address()[0]),
        },
    )
    message.attach_alternative(personalise(mailing.html, unsubscribe, is_html=True), "text/html")
    return message


def message_id_of(message):
    """The ESP's id of a message (anymail), else our own Message-ID header."""
    status = getattr(message, "anymail_status", None)
    if status is not None and status.message_id:
        return str(status.message_id)[:255]
    return message.extra_headers.get("Message-ID", "")[:255]


def mark(delivery, token, status, **fields):
    return Delivery.objects.filter(pk=delivery.pk, claim=token).update(status=status, **fields)


def deliver(mailing, delivery, token, connection):
    """Send one claimed row. Returns False when the mail server went away (stop the batch)."""
    subscriber = NewsletterSubscriber.objects.filter(pk=delivery.subscriber_id, confirmed_at__isnull=False).first()
    if subscriber is None or subscriber.language != mailing.language:
        mark(delivery, token, Delivery.SKIPPED)
        return True
    # Committed before the message leaves: if the worker dies from here on, the row is never
    # sent again (see the module's docstring).
    if not Delivery.objects.filter(pk=delivery.pk, claim=token, status=Delivery.CLAIMED).update(
        status=Delivery.SENDING, attempts=F("attempts") + 1
    ):
        return True
    message = build_message(mailing, subscriber, connection)
    try:
        message.send()
    except MESSAGE_REFUSED as error:
        mark(delivery, token, Delivery.FAILED, error=describe(error))
        return True
    except Exception as error:  # noqa: BLE001 - any other failure: the server or the network
        logger.warning("Newsletter %s: sending stopped: %s", mailing.pk, describe(error))
        mark(delivery, token, Delivery.FAILED, error=describe(error))
        return False
    mark(delivery, token, Delivery.SENT, sent_at=timezone.now(), message_id=message_id_of(message))
    return True


def describe(error):
    """The error without the recipient's address (the report is read by staff)."""
    code = getattr(error, "smtp_code", None)
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = {value[0] for value in error.recipients.values()}
        return f"SMTPRecipientsRefused {','.join(str(code) for code in sorted(codes))}"[:255]
    return f"{type(error).__name__}{f' {code}' if code else ''}"[:255]


# --- one batch -------------------------------------------------------------------------------


def pause_for(rate, started, now):
    """Seconds to wait after a message whose sending began at ``started`` and ended at ``now``
    (readings of a monotonic clock), so that messages leave at no more than ``rate`` a second:
    what is left of 1/rate, never less than 0. Rate 0: no pause (as fast as the server takes
    them). A message that took longer than 1/rate is not made up for by sending faster after it."""
    if not rate:
        return 0.0
    return max(0.0, 1 / rate - (now - started))


def send_batch(mailing_id, sleep=time.sleep, clock=time.monotonic):
    """Claim and send one batch, at NEWSLETTER_RATE_PER_SECOND (``pause_for``; ``sleep`` and
    ``clock`` are the waiting and the time it keeps). Returns "sent", "retry" (the mail server is
    unreachable), "busy" (other workers hold the remaining rows) or "done"."""
    mailing = Mailing.objects.filter(pk=mailing_id, status=Mailing.SENDING).first()
    if mailing is None:
        return "done"
    now = timezone.now()
    release_stale(mailing, now)
    Mailing.objects.filter(pk=mailing.pk).update(heartbeat_at=now)
    token = uuid.uuid4().hex
    batch = claim_batch(mailing, token)
    if not batch:
        if outstanding(mailing):
            return "busy"
        finish(mailing)
        return "done"
    connection = newsletter_connection()
    try:
        connection.open()
    except Exception as error:  # noqa: BLE001 - nothing was sent: every row waits again
        logger.warning("Newsletter %s: the mail server cannot be reached: %s", mailing.pk, describe(error))
        release(token)
        return "retry"
    rate = settings.NEWSLETTER_RATE_PER_SECOND
    try:
        for delivery in batch:
            started = clock()
            if not deliver(mailing, delivery, token, connection):
                release(token)
                return "retry"
            pause = pause_for(rate, started, clock())
            if pause > 0:
                sleep(pause)
    finally:
        connection.close()
    Mailing.objects.filter(pk=mailing.pk).update(heartbeat_at=timezone.now())
    return "sent"


def finish(mailing):
    """Mark the sending finished (once) and publish it as a press item if staff asked for it."""
    from newsletters import press

    with transaction.atomic():
        locked = Mailing.objects.select_for_update().filter(pk=mailing.pk, status=Mailing.SENDING).first()
        if locked is None:
            return False
        locked.status = Mailing.FINISHED
        locked.finished_at = timezone.now()
        locked.save(update_fields=["status", "finished_at"])
        newsletter = locked.newsletter
    if newsletter.publish_as_press:
        try:
            url = press.publish(newsletter, locked.finished_at)
        except Exception:  # the sending is done whatever happens to the page; staff can publish by hand
            logger.exception("Newsletter %s was sent but could not be published as news", newsletter.pk)
            url = ""
        Mailing.objects.filter(pk=locked.pk).update(press_url=url or "")
    return True


def stalled(mailing, now=None):
    """A sending with no sign of life for longer than the claim timeout."""
    now = now or timezone.now()
    return (
        mailing.status == Mailing.SENDING
        and (mailing.heartbeat_at is None or mailing.heartbeat_at < now - timedelta(seconds=claim_timeout()))
    )


def take_over(mailing):
    """Before a stalled sending is taken up: its claims are released (rows only claimed wait
    again, the row that was being sent is "interrupted") and it shows a sign of life."""
    release_stale(mailing)
    Mailing.objects.filter(pk=mailing.pk).update(heartbeat_at=timezone.now())


def stalled_mailings():
    return [mailing for mailing in Mailing.objects.filter(status=Mailing.SENDING) if stalled(mailing)]


def counts(mailing):
    rows = Delivery.objects.filter(mailing=mailing).values("status").annotate(n=Count("pk"))
    found = {row["status"]: row["n"] for row in rows}
    return [(value, label, found.get(value, 0)) for value, label in Delivery.STATUS_CHOICES]


# --- a test to oneself ---------------------------------------------------------------------------


def test_message(newsletter, email, language=None):
    """The newsletter as a subscriber gets it, to ``email`` only, with "[Test]" before the subject.
    Its unsubscribe link is the staff member's own (it removes only that address, if listed)."""
    rendered = render_email(newsletter)
    language = language or newsletter.language
    with translation.override(language):
        subject = gettext("[Test] %(subject)s") % {"subject": rendered.subject}
    mailing = SimpleNamespace(
        subject=subject, html=rendered.html, text=rendered.text, language=newsletter.language
    )
    return build_message(mailing, SimpleNamespace(email=email, language=newsletter.language))
