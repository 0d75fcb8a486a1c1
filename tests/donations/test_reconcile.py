"""reconcile_donations: applies the events Stripe has that we did not record, through the real
stripe library against the local fake server; running it again changes nothing."""

import io
import time

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from donations.models import Donation, StripeEvent
from tests.donations import stripe_events as se
from tests.donations.factories import DonationFactory

pytestmark = pytest.mark.django_db


def run(**options):
    out = io.StringIO()
    call_command("reconcile_donations", stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def test_missed_events_are_applied_once(client, pages, stripe_settings, on_commit):
    missed = DonationFactory(page=pages["bg"], amount=4000)
    delivered = DonationFactory(page=pages["bg"], amount=1000)
    monthly = DonationFactory(page=pages["en"], frequency="monthly", amount=1500, stripe_subscription_id="sub_r")
    delivered_event = se.event("checkout.session.completed", se.checkout_session(delivered))
    with on_commit():
        assert se.post(client, delivered_event).status_code == 200
    now = int(time.time())
    missed_event = se.event("checkout.session.completed", se.checkout_session(missed))
    first_invoice = se.event("invoice.paid", se.invoice(monthly, "in_r1", billing_reason="subscription_create",
                                                        subscription="sub_r"))
    renewal = se.event("invoice.paid", se.invoice(monthly, "in_r2", subscription="sub_r", with_metadata=False))
    too_old = se.event("checkout.session.completed", se.checkout_session(DonationFactory(page=pages["bg"])))
    unrelated = se.event("customer.created", {"id": "cus_x", "object": "customer"})
    for offset, event in enumerate([missed_event, delivered_event, first_invoice, renewal, unrelated]):
        event["created"] = now - 60 + offset
    too_old["created"] = now - 10 * 24 * 3600
    # Enough other events to need a second page (Stripe lists 100 at a time).
    filler = [se.event("invoice.payment_failed", se.invoice(monthly, f"in_other_{n}", subscription="sub_nobody",
                                                            with_metadata=False)) for n in range(120)]
    for event in filler:
        event["created"] = now - 3600
    # Stripe leaves invoice.payments out of events: the handler fetches the invoice.
    for invoice_id, payment_intent in (("in_r1", "pi_r1"), ("in_r2", "pi_r2")):
        stripe_settings.invoices[invoice_id] = se.invoice(monthly, invoice_id, subscription="sub_r",
                                                          payment_intent=payment_intent)
    stripe_settings.events = [missed_event, delivered_event, first_invoice, renewal, too_old, unrelated, *filler]

    with on_commit():
        output = run(days=3)
    assert "124 events from Stripe, 1 already recorded, 123 applied now, 0 failed" in output
    missed.refresh_from_db()
    monthly.refresh_from_db()
    assert missed.status == Donation.PAID and missed.receipt_number is not None
    assert monthly.status == Donation.PAID and monthly.stripe_payment_intent_id == "pi_r1"
    assert monthly.renewals.get().stripe_invoice_id == "in_r2"
    assert monthly.renewals.get().stripe_payment_intent_id == "pi_r2"
    assert not StripeEvent.objects.filter(event_id__in=[too_old["id"], unrelated["id"]]).exists()
    event_lists = [r for r in stripe_settings.requests if r["path"] == "/v1/events"]
    assert len(event_lists) == 2 and "starting_after" in event_lists[1]["query"]
    assert event_lists[0]["query"]["types[0]"] == "charge.dispute.closed"
    assert len(mail.outbox) == 4  # delivered + missed + first invoice + renewal

    with on_commit():
        again = run(days=3)
    assert "124 already recorded, 0 applied now" in again
    assert Donation.objects.filter(status=Donation.PAID).count() == 4
    assert len(mail.outbox) == 4


def test_unsent_receipts_are_queued_again(client, pages, stripe_settings, on_commit, monkeypatch):
    from donations import tasks

    donation = DonationFactory(page=pages["bg"])
    real_send = tasks.EmailMultiAlternatives.send
    monkeypatch.setattr(tasks.EmailMultiAlternatives, "send", lambda self: (_ for _ in ()).throw(OSError("smtp")))
    with on_commit():
        se.post(client, se.event("checkout.session.completed", se.checkout_session(donation)))
    donation.refresh_from_db()
    assert donation.status == Donation.PAID and donation.receipt_sent_at is None and not mail.outbox
    monkeypatch.setattr(tasks.EmailMultiAlternatives, "send", real_send)
    assert "1 unsent receipts queued" in run()
    donation.refresh_from_db()
    assert donation.receipt_sent_at is not None and len(mail.outbox) == 1
    assert "0 unsent receipts queued" in run()


def test_failures_are_reported_and_retried_next_time(pages, stripe_settings):
    donation = DonationFactory(page=pages["bg"])
    event = se.event("checkout.session.completed", se.checkout_session(donation))
    stripe_settings.events = [event]
    donation.delete()  # names a gift we do not have: cannot be applied now
    with pytest.raises(CommandError, match="1 events could not be applied"):
        run()
    assert not StripeEvent.objects.exists()


def test_needs_a_stripe_key(db):
    with pytest.raises(CommandError, match="STRIPE_SECRET_KEY is not set"):
        run()
