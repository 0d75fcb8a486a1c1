"""The newsletter's background work (django-tasks; the worker is ``manage.py task_worker``)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def send_mailing_batch(mailing_id):
    """One batch, then the next one queued: other tasks (receipts) run between batches. With a
    backend that runs tasks at once (the default outside production) the batches run in a loop
    here instead of one inside the other."""
    from newsletters import sending

    deferred = send_mailing_batch.get_backend().supports_defer
    while True:
        outcome = sending.send_batch(mailing_id)
        if outcome in ("done", "busy"):
            return outcome
        if outcome == "retry":
            if deferred:
                later = timezone.now() + timedelta(seconds=settings.NEWSLETTER_RETRY_DELAY)
                send_mailing_batch.using(run_after=later).enqueue(mailing_id)
            return outcome
        if deferred:
            send_mailing_batch.enqueue(mailing_id)
            return outcome


@task()
def send_test_newsletter(newsletter_id, email, language):
    from newsletters import sending
    from newsletters.models import Newsletter

    newsletter = Newsletter.objects.filter(pk=newsletter_id).select_related("locale").first()
    if newsletter is None:
        return False
    message = sending.test_message(newsletter, email, language)
    message.connection = sending.newsletter_connection()
    message.send()
    return True


def start_mailing(newsletter, user=None):
    """Start sending ``newsletter`` (newsletters.sending.start_mailing) and queue its first batch."""
    from newsletters import sending

    return sending.start_mailing(newsletter, user, then=send_mailing_batch.enqueue)


def resume(mailing):
    """Take up a sending that a stopped worker left: its stale claims released, a batch queued."""
    from newsletters import sending

    sending.take_over(mailing)
    send_mailing_batch.enqueue(mailing.pk)


def resume_stalled():
    from newsletters import sending

    resumed = sending.stalled_mailings()
    for mailing in resumed:
        resume(mailing)
    return resumed
