"""Sending a newsletter to a real SMTP server (aiosmtpd): everybody once, nobody twice, also
when the worker stops in the middle; unsubscribing between two batches stops the mail; every
message carries the one-click unsubscribe headers, both parts and only absolute links."""

import re
from collections import Counter

import pytest
from django.test import Client

from donations.models import NewsletterSubscriber
from donations.newsletter import unsubscribe_url
from newsletters import sending, tasks
from newsletters.models import Delivery, Mailing
from tests.newsletters.conftest import make_newsletter, subscribe

pytestmark = pytest.mark.django_db

LINK = re.compile(r'(?:href|src)="([^"]+)"')
TEXT_URL = re.compile(r"https?://\S+")


class WorkerKilled(BaseException):
    """Stands for the worker process dying: not an Exception, so nothing in the task catches it."""


def run_until_done(mailing):
    """The worker: batches until the sending has finished."""
    for _ in range(1000):
        outcome = sending.send_batch(mailing.pk)
        if outcome == "done":
            return
    raise AssertionError("the sending never finished")


def test_a_thousand_subscribers_each_get_the_issue_exactly_once(settings, smtp, newsletter):
    settings.NEWSLETTER_BATCH_SIZE = 100
    readers = subscribe(1000)

    mailing = sending.start_mailing(newsletter)
    run_until_done(mailing)

    received = Counter(smtp.recipients())
    assert set(received) == {reader.email for reader in readers}
    assert set(received.values()) == {1}
    assert Delivery.objects.filter(mailing=mailing, status=Delivery.SENT).count() == 1000
    mailing.refresh_from_db()
    assert mailing.status == Mailing.FINISHED and mailing.recipients == 1000


def test_the_task_sends_every_batch_with_the_immediate_backend(
    settings, smtp, newsletter, django_capture_on_commit_callbacks
):
    settings.NEWSLETTER_BATCH_SIZE = 7
    subscribe(30)

    with django_capture_on_commit_callbacks(execute=True):
        mailing = tasks.start_mailing(newsletter)

    assert sorted(Counter(smtp.recipients()).values()) == [1] * 30
    mailing.refresh_from_db()
    assert mailing.status == Mailing.FINISHED


def test_a_worker_killed_after_the_server_accepted_a_message_sends_nobody_twice(settings, smtp, newsletter):
    """The worker dies between the SMTP server's "250" and the commit of "sent" (the hardest
    moment): the next run sends everybody else once and never sends that message again."""
    settings.NEWSLETTER_BATCH_SIZE = 100
    readers = subscribe(1000)
    mailing = sending.start_mailing(newsletter)

    def kill_at(count):
        if count == 450:
            smtp.on_message = None
            raise_in_worker.append(True)

    raise_in_worker = []
    smtp.on_message = kill_at
    original_mark = sending.mark

    def mark_or_die(delivery, token, status, **fields):
        if raise_in_worker and status == Delivery.SENT:
            raise WorkerKilled
        return original_mark(delivery, token, status, **fields)

    sending.mark = mark_or_die
    try:
        with pytest.raises(WorkerKilled):
            run_until_done(mailing)
    finally:
        sending.mark = original_mark
    assert len(smtp.recipients()) == 450
    # The dead worker's claims time out; a new worker (manage.py resume_newsletters) takes over.
    settings.NEWSLETTER_CLAIM_TIMEOUT = 0
    assert [m.pk for m in sending.stalled_mailings()] == [mailing.pk]
    sending.take_over(mailing)
    settings.NEWSLETTER_CLAIM_TIMEOUT = 600
    run_until_done(mailing)

    received = Counter(smtp.recipients())
    assert set(received) == {reader.email for reader in readers}
    assert set(received.values()) == {1}
    statuses = Counter(Delivery.objects.filter(mailing=mailing).values_list("status", flat=True))
    # At most once: the one message in flight is "interrupted" (it did arrive), never re-sent.
    assert statuses == {Delivery.SENT: 999, Delivery.INTERRUPTED: 1}


def test_a_worker_stopped_between_batches_leaves_nothing_unsent(settings, smtp, newsletter):
    settings.NEWSLETTER_BATCH_SIZE = 100
    readers = subscribe(1000)
    mailing = sending.start_mailing(newsletter)
    for _ in range(4):
        assert sending.send_batch(mailing.pk) == "sent"
    # The next worker claims a batch and dies before sending any of it.
    sending.claim_batch(mailing, "deadworker")

    settings.NEWSLETTER_CLAIM_TIMEOUT = 0
    sending.take_over(mailing)
    settings.NEWSLETTER_CLAIM_TIMEOUT = 600
    run_until_done(mailing)

    received = Counter(smtp.recipients())
    assert set(received) == {reader.email for reader in readers} and set(received.values()) == {1}
    assert not Delivery.objects.filter(mailing=mailing).exclude(status=Delivery.SENT).exists()


def test_a_live_workers_claim_is_not_taken_over(settings, newsletter):
    subscribe(10)
    mailing = sending.start_mailing(newsletter)
    sending.claim_batch(mailing, "liveworker")

    assert sending.release_stale(mailing) == (0, 0)
    assert sending.claim_batch(mailing, "second") == []


def test_someone_who_unsubscribes_between_batches_gets_nothing_more(settings, smtp, newsletter):
    settings.NEWSLETTER_BATCH_SIZE = 10
    readers = subscribe(30)
    mailing = sending.start_mailing(newsletter)
    assert sending.send_batch(mailing.pk) == "sent"
    leaving = readers[25]
    # They unsubscribe with the one-click POST of their List-Unsubscribe header (RFC 8058).
    url = unsubscribe_url(leaving, "bg")
    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200

    run_until_done(mailing)

    assert leaving.email not in smtp.recipients()
    assert len(smtp.recipients()) == 29
    assert Delivery.objects.filter(mailing=mailing, status=Delivery.SKIPPED, subscriber=None).count() == 1


def test_every_message_has_one_click_headers_both_parts_and_absolute_links(settings, smtp, newsletter):
    subscribe(3)
    mailing = sending.start_mailing(newsletter)
    run_until_done(mailing)

    for message in smtp.parsed():
        recipient = message["To"]
        subscriber = NewsletterSubscriber.objects.get(email=recipient)
        unsubscribe = re.fullmatch(r"<(http://testserver/bg/donations/newsletter/unsubscribe/\S+/)>",
                                   message["List-Unsubscribe"].strip())
        assert unsubscribe, message["List-Unsubscribe"]
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        html = message.get_body(("html",)).get_content()
        text = message.get_body(("plain",)).get_content()
        assert message.get_body(("plain",)) is not message.get_body(("html",))
        links = LINK.findall(html)
        assert links and all(link.startswith("http://testserver/") or link.startswith("https://example.org")
                             for link in links), links
        assert any("/media/images/" in link for link in links), "the image is on the site's address"
        assert unsubscribe.group(1) in html.replace("&amp;", "&") and unsubscribe.group(1) in text
        assert "http://testserver/bg/za-nas/" in text
        assert all(url.startswith(("http://testserver/", "https://example.org")) for url in TEXT_URL.findall(text))
        # The link is this subscriber's own.
        assert Client().get(unsubscribe.group(1)).context["email"] == subscriber.email


def test_the_one_click_post_unsubscribes_without_a_csrf_token_and_get_only_asks(smtp, newsletter):
    [reader] = subscribe(1)
    run_until_done(sending.start_mailing(newsletter))
    [message] = smtp.parsed()
    url = re.search(r"<([^>]+)>", message["List-Unsubscribe"]).group(1).removeprefix("http://testserver")

    client = Client(enforce_csrf_checks=True)
    assert client.get(url).status_code == 200
    assert NewsletterSubscriber.objects.filter(pk=reader.pk).exists()
    assert client.post(url, "List-Unsubscribe=One-Click",
                       content_type="application/x-www-form-urlencoded").status_code == 200
    assert not NewsletterSubscriber.objects.filter(pk=reader.pk).exists()


def test_only_confirmed_subscribers_of_the_newsletters_language_receive_it(smtp, home_pages):
    bulgarian = subscribe(5, "bg", prefix="bg")
    english = subscribe(4, "en", prefix="en")
    subscribe(3, "en", prefix="unconfirmed", confirmed=False)

    run_until_done(sending.start_mailing(make_newsletter("en", subject="Spring news")))

    assert sorted(smtp.recipients()) == sorted(reader.email for reader in english)
    smtp.messages.clear()
    run_until_done(sending.start_mailing(make_newsletter("bg")))
    assert sorted(smtp.recipients()) == sorted(reader.email for reader in bulgarian)


def test_a_newsletter_is_sent_only_once(newsletter):
    subscribe(2)
    sending.start_mailing(newsletter)
    with pytest.raises(sending.AlreadySent):
        sending.start_mailing(newsletter)
    assert Delivery.objects.count() == 2


def test_a_refused_recipient_is_recorded_as_failed_and_the_others_still_get_it(settings, smtp, newsletter):
    readers = subscribe(5)
    mailing = sending.start_mailing(newsletter)
    original = smtp.__class__.handle_DATA

    async def refuse_one(self, server, session, envelope):
        if envelope.rcpt_tos == [readers[2].email]:
            return "550 No such mailbox"
        return await original(self, server, session, envelope)

    smtp.__class__.handle_DATA = refuse_one
    try:
        run_until_done(mailing)
    finally:
        smtp.__class__.handle_DATA = original

    failed = Delivery.objects.get(mailing=mailing, status=Delivery.FAILED)
    assert failed.subscriber_id == readers[2].pk and failed.error.startswith("SMTPDataError 550")
    assert readers[2].email not in failed.error
    assert len(smtp.recipients()) == 4


def test_an_unreachable_mail_server_sends_nothing_and_loses_nobody(settings, newsletter):
    settings.NEWSLETTER_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    subscribe(3)
    mailing = sending.start_mailing(newsletter)

    assert sending.send_batch(mailing.pk) == "retry"
    assert Delivery.objects.filter(mailing=mailing, status=Delivery.PENDING).count() == 3
