"""The same event delivered by ten requests at once: one paid gift, one receipt number, one email.

Only meaningful on PostgreSQL (SQLite serialises every writer, so there is no race to lose)."""

import threading

import pytest
from django.core import mail
from django.db import connection
from django.test import Client

from donations.models import Donation, StripeEvent
from tests.donations import stripe_events as se
from tests.donations.factories import DonationFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL: SQLite serialises writers, so nothing can race"
)


def deliver_concurrently(payload_event, count=10):
    barrier = threading.Barrier(count)
    statuses = []

    def deliver():
        from django.db import connections

        try:
            barrier.wait()
            statuses.append(se.post(Client(), payload_event).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=deliver) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


@pytest.mark.django_db(transaction=True)
def test_ten_concurrent_deliveries_pay_once(pages):
    donation = DonationFactory(page=pages["bg"])
    statuses = deliver_concurrently(se.event("checkout.session.completed", se.checkout_session(donation)))
    assert statuses == [200] * 10
    donation.refresh_from_db()
    assert donation.status == Donation.PAID and donation.receipt_number == 1
    assert StripeEvent.objects.count() == 1
    assert donation.events.filter(kind="paid").count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_first_invoice_and_session_events_give_one_gift(pages):
    donation = DonationFactory(page=pages["bg"], frequency="monthly")
    events = [
        se.event("invoice.paid", se.invoice(donation, "in_1", billing_reason="subscription_create")),
        se.event(
            "checkout.session.completed", se.checkout_session(donation, subscription="sub_test_1", invoice="in_1")
        ),
    ] * 5
    barrier = threading.Barrier(len(events))
    statuses = []

    def deliver(event):
        from django.db import connections

        try:
            barrier.wait()
            statuses.append(se.post(Client(), event).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=deliver, args=(event,)) for event in events]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 10
    assert Donation.objects.count() == 1
    assert Donation.objects.get().receipt_number == 1
    assert len(mail.outbox) == 1
