"""Receipt numbers (sequential per year, no gaps) and the receipt email (once per paid gift)."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from donations.models import Donation, ReceiptCounter
from tests.donations import stripe_events as se
from tests.donations.factories import DonationFactory

pytestmark = pytest.mark.django_db


def pay(client, donation):
    return se.post(client, se.event("checkout.session.completed", se.checkout_session(donation)))


def test_receipt_numbers_are_sequential_without_gaps(client, pages, on_commit):
    gifts = [DonationFactory(page=pages["bg"]) for _ in range(5)]
    with on_commit():
        pay(client, gifts[0])
        # A payment that fails while being applied gives its number back.
        with mock.patch("donations.fulfilment.record", side_effect=RuntimeError("boom")):
            assert pay(client, gifts[1]).status_code == 500
        pay(client, gifts[2])
        pay(client, gifts[2])  # duplicate delivery takes no number
        se.post(client, se.event("checkout.session.expired", se.checkout_session(gifts[3], status="expired")))
        pay(client, gifts[4])
        pay(client, gifts[1])  # Stripe's retry of the failed one
    year = timezone.localdate().year
    numbers = sorted(Donation.objects.filter(receipt_number__isnull=False).values_list("receipt_number", flat=True))
    assert numbers == [1, 2, 3, 4]
    assert set(Donation.objects.filter(receipt_number__isnull=False).values_list("receipt_year", flat=True)) == {year}
    assert ReceiptCounter.objects.get(year=year).last_number == 4
    assert Donation.objects.get(pk=gifts[3].pk).receipt_number is None


def test_numbering_restarts_each_year(pages):
    from donations import receipts

    counted = []
    for paid_at in ("2026-12-31T21:59:00+00:00", "2026-12-31T22:30:00+00:00", "2027-01-05T10:00:00+00:00"):
        donation = DonationFactory(page=pages["bg"], paid_at=datetime.datetime.fromisoformat(paid_at))
        receipts.assign_receipt_number(donation)
        counted.append((donation.receipt_year, donation.receipt_number))
    # 22:30 UTC on 31 December is already 1 January in Sofia.
    assert counted == [(2026, 1), (2027, 1), (2027, 2)]


def test_exactly_one_receipt_email_per_paid_gift_in_the_donors_language(client, pages, on_commit):
    from home.models import OrganisationSettings

    OrganisationSettings.objects.create(
        site=pages["home"].get_site(), name_bg="Фондация", name_en="Foundation", legal_name_en="Legal Name Foundation"
    )
    bulgarian = DonationFactory(page=pages["bg"], locale="bg", email="bg@example.org", amount=5050)
    english = DonationFactory(page=pages["en"], locale="en", email="en@example.org", amount=2000,
                              dedication_kind="memory", dedication_name="Grandma")
    with on_commit():
        pay(client, bulgarian)
        pay(client, english)
        pay(client, english)
        se.post(client, se.event("checkout.session.async_payment_succeeded", se.checkout_session(english)))
    assert sorted(message.to[0] for message in mail.outbox) == ["bg@example.org", "en@example.org"]
    english_mail = next(m for m in mail.outbox if m.to == ["en@example.org"])
    english.refresh_from_db()
    assert english.receipt_reference in english_mail.subject
    assert "€20" in english_mail.body and "Monthly" not in english_mail.body
    assert "In memory of: Grandma" in english_mail.body
    assert "Legal Name Foundation" in english_mail.body
    html, mimetype = english_mail.alternatives[0]
    assert mimetype == "text/html" and english.receipt_reference in html and 'lang="en"' in html
    bulgarian_mail = next(m for m in mail.outbox if m.to == ["bg@example.org"])
    assert "50,50\u00a0€" in bulgarian_mail.body
    assert Donation.objects.filter(receipt_sent_at__isnull=False).count() == 2


def test_receipt_is_not_sent_before_the_commit(client, pages, django_capture_on_commit_callbacks):
    donation = DonationFactory(page=pages["bg"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        pay(client, donation)
        assert len(mail.outbox) == 0
    assert len(callbacks) == 1


def test_running_the_task_twice_sends_once(pages, on_commit, client):
    from donations.tasks import send_receipt

    donation = DonationFactory(page=pages["bg"])
    with on_commit():
        pay(client, donation)
    send_receipt.call(donation.pk)
    assert len(mail.outbox) == 1
