"""Every order a gift's Stripe events can arrive in.

donations/fulfilment.py promises that "events may arrive late, twice, or in any order". Here
hypothesis draws a *world* (the events one gift meets: its payment, running refund totals, a
dispute opened and closed, the session's expiry, monthly renewals), delivers each event once or
more (again under the same event id, as Stripe retries, or under a new one, as a regenerated
event or a reconcile run brings it) and in any permutation, through the real webhook endpoint
signed as Stripe signs it. Whatever the order, the gift must end in the state the world implies:

- the status and the campaign total follow from the set of events, not from their order;
- the refunded amount is the largest running total Stripe reported, and never lower on the way;
- a dispute that overtook the payment is not lost when the payment arrives;
- one gift per renewal invoice, whatever the event ids that bring it;
- one receipt (number and email) per payment, and every delivery answered 200.

Each example runs in a savepoint that is rolled back afterwards, so examples cannot see each
other's gifts, receipt numbers or emails. No order is left out of the draws."""

import uuid
from dataclasses import dataclass, field

import pytest
from django.core import mail
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from donations.models import Donation
from tests.donations import stripe_events as se
from tests.donations.factories import DonationFactory

pytestmark = pytest.mark.django_db

# Bounded runs, no timing assertion (deadline=None), no example database in the work tree.
_base = {"deadline": None, "database": None, "suppress_health_check": [HealthCheck.function_scoped_fixture]}

OPEN_DISPUTE = "needs_response"
INQUIRY = "warning_needs_response"
# How a dispute ends: the card holder's bank decides for us (won), for them (lost), or an
# inquiry is closed without becoming a dispute (warning_closed).
CLOSED_DISPUTES = ("won", "lost", "warning_closed")


@dataclass(frozen=True)
class Spec:
    """One event of a world, before it is given an id: its kind and what it carries (a running
    refund total, a dispute status, a renewal's number)."""

    kind: str
    value: object = None
    renewal: int = 0


@dataclass(frozen=True)
class Delivery:
    """One webhook delivery. Deliveries with the same spec and copy carry the same event (a
    retry: the same id); another copy is the same object under a new event id."""

    spec: Spec
    copy: int = 0


@dataclass
class World:
    amount: int
    specs: tuple
    deliveries: list
    paid: bool = True
    charge_metadata: bool = False
    renewal_count: int = 0
    notes: dict = field(default_factory=dict)


# --- drawing worlds -------------------------------------------------------------------------------


def refund_totals(draw, amount):
    """Stripe's charge.refunded carries the charge's running total: one event per refund, each
    larger than the one before (the last may refund everything)."""
    return sorted(draw(st.lists(st.integers(min_value=1, max_value=amount), unique=True, max_size=3)))


def deliveries_of(draw, specs, new_ids=True):
    """Each event delivered once or more: again with the same id, or under a new one."""
    deliveries = []
    for spec in specs:
        deliveries.append(Delivery(spec))
        for extra in range(draw(st.integers(min_value=0, max_value=2))):
            new_id = new_ids and draw(st.booleans())
            deliveries.append(Delivery(spec, copy=extra + 1 if new_id else 0))
    return deliveries


@st.composite
def one_off_worlds(draw):
    amount = draw(st.sampled_from([500, 2500, 5000, 12345]))
    paid = draw(st.booleans())
    specs = []
    if paid:
        if draw(st.booleans()):
            # A delayed method (SEPA debit): the session completes unpaid, the money comes later.
            specs += [Spec("completed_unpaid"), Spec("async_succeeded")]
        else:
            specs.append(Spec("completed_paid"))
        if draw(st.booleans()):
            specs.append(Spec("expired"))  # a stray expiry must never undo a payment
        specs += [Spec("refunded", total) for total in refund_totals(draw, amount)]
        dispute = draw(st.sampled_from([None, OPEN_DISPUTE, INQUIRY, *CLOSED_DISPUTES]))
        if dispute is not None:
            opened = INQUIRY if dispute in (INQUIRY, "warning_closed") else OPEN_DISPUTE
            specs.append(Spec("dispute_created", opened))
            if dispute in CLOSED_DISPUTES:
                specs.append(Spec("dispute_closed", dispute))
    elif draw(st.booleans()):
        specs.append(Spec("expired"))  # the donor left the checkout page
    else:
        specs += [Spec("completed_unpaid"), Spec("async_failed")]  # the bank refused the debit
    order = draw(st.permutations(deliveries_of(draw, specs)))
    return World(amount=amount, specs=tuple(specs), deliveries=order, paid=paid, charge_metadata=draw(st.booleans()))


@st.composite
def monthly_worlds(draw):
    """A monthly gift: the first month (checkout.session.completed and the first invoice, in
    either order) and, a month or more later, renewal invoices, some refunded."""
    amount = draw(st.sampled_from([1000, 2000, 3000]))
    renewal_count = draw(st.integers(min_value=0, max_value=3))
    first_month = [Spec("completed_subscription"), Spec("invoice_paid", renewal=1)]
    renewals = []
    for number in range(2, renewal_count + 2):
        renewals.append(Spec("invoice_paid", draw(st.booleans()), renewal=number))  # value: with metadata
        renewals += [Spec("refunded", total, renewal=number) for total in refund_totals(draw, amount)[:2]]
    first = draw(st.permutations(deliveries_of(draw, first_month)))
    later = draw(st.permutations(deliveries_of(draw, renewals)))
    return World(amount=amount, specs=tuple(first_month + renewals), deliveries=first + later,
                 renewal_count=renewal_count)


# --- what a world implies -------------------------------------------------------------------------


def refunded_total(specs, renewal=0):
    totals = [spec.value for spec in specs if spec.kind == "refunded" and spec.renewal == renewal]
    return max(totals, default=0)


def dispute_status(specs):
    closed = [spec.value for spec in specs if spec.kind == "dispute_closed"]
    opened = [spec.value for spec in specs if spec.kind == "dispute_created"]
    return (closed or opened or [""])[0]


def expected_status(world, specs, renewal=0):
    if not world.paid:
        return Donation.EXPIRED if any(spec.kind == "expired" for spec in specs) else Donation.FAILED
    dispute = dispute_status(specs) if renewal == 0 else ""
    if dispute and dispute not in ("won", "warning_closed"):
        return Donation.DISPUTED  # open, or lost: the money went back to the card holder
    refunded = refunded_total(specs, renewal)
    if refunded >= world.amount:
        return Donation.REFUNDED
    return Donation.PARTIALLY_REFUNDED if refunded else Donation.PAID


def counted_cents(donation):
    if donation.status in Donation.COUNTED_STATUSES:
        return donation.amount - donation.amount_refunded
    return 0


# --- delivering ------------------------------------------------------------------------------------


class Gift:
    """The Stripe-shaped objects of one gift, with ids of its own (unique per example)."""

    def __init__(self, donation, token, charge_metadata=False):
        self.donation = donation
        self.token = token
        self.charge_metadata = charge_metadata
        self.subscription = f"sub_{token}"

    def payment_intent(self, renewal=0):
        return f"pi_{self.token}_{renewal}"

    def charge_id(self, renewal=0):
        return f"ch_{self.token}_{renewal}"

    def invoice_id(self, renewal):
        return f"in_{self.token}_{renewal}"

    def session(self, **fields):
        return se.checkout_session(self.donation, **fields)

    def data_object(self, spec):
        donation = self.donation
        if spec.kind == "completed_paid":
            return "checkout.session.completed", self.session(payment_intent=self.payment_intent())
        if spec.kind == "completed_unpaid":
            return "checkout.session.completed", self.session(
                payment_status="unpaid", payment_intent=self.payment_intent()
            )
        if spec.kind == "async_succeeded":
            return "checkout.session.async_payment_succeeded", self.session(payment_intent=self.payment_intent())
        if spec.kind == "async_failed":
            return "checkout.session.async_payment_failed", self.session(
                payment_status="unpaid", payment_intent=self.payment_intent()
            )
        if spec.kind == "expired":
            return "checkout.session.expired", self.session(status="expired", payment_status="unpaid",
                                                            payment_intent=None)
        if spec.kind == "completed_subscription":
            return "checkout.session.completed", self.session(
                subscription=self.subscription, invoice=self.invoice_id(1), payment_intent=None
            )
        if spec.kind == "invoice_paid":
            first = spec.renewal == 1
            return "invoice.paid", se.invoice(
                donation,
                self.invoice_id(spec.renewal),
                billing_reason="subscription_create" if first else "subscription_cycle",
                subscription=self.subscription,
                payment_intent=self.payment_intent(spec.renewal),
                with_metadata=first or bool(spec.value),
            )
        if spec.kind == "refunded":
            charge = se.charge(self.charge_id(spec.renewal), self.payment_intent(spec.renewal),
                               amount=donation.amount, amount_refunded=spec.value)
            if self.charge_metadata:
                charge["metadata"] = se.metadata(donation)
            return "charge.refunded", charge
        if spec.kind in ("dispute_created", "dispute_closed"):
            dispute = se.dispute(self.charge_id(), self.payment_intent(), status=spec.value, amount=donation.amount)
            dispute["id"] = f"dp_{self.token}"
            return f"charge.{spec.kind.replace('_', '.')}", dispute
        raise AssertionError(spec.kind)


class Deliverer:
    def __init__(self, client, on_commit, gift):
        self.client = client
        self.on_commit = on_commit
        self.gift = gift
        self.events = {}

    def __call__(self, delivery):
        event = self.events.get(delivery)
        if event is None:
            event = self.events[delivery] = se.event(*self.gift.data_object(delivery.spec))
        # Each delivery is its own request and commit: the receipt task runs after it, as live.
        with self.on_commit():
            response = se.post(self.client, event)
        assert response.status_code == 200, (delivery, response.status_code, response.content)
        return response


def in_a_rolled_back_savepoint(test):
    def run(*args, **kwargs):
        with transaction.atomic():
            mail.outbox.clear()
            try:
                test(*args, **kwargs)
            finally:
                transaction.set_rollback(True)

    return run


def new_gift(pages, stripe_settings, world, **fields):
    donation = DonationFactory(page=pages["bg"], amount=world.amount, **fields)
    gift = Gift(donation, uuid.uuid4().hex[:12], charge_metadata=world.charge_metadata)
    # What Stripe answers when a refund or dispute overtakes the payment: the session of the
    # payment intent (donations/fulfilment.py asks for it when nothing else names the gift).
    stripe_settings.sessions.clear()
    stripe_settings.sessions[donation.stripe_checkout_session_id] = {
        "id": donation.stripe_checkout_session_id,
        "object": "checkout.session",
        "client_reference_id": str(donation.uuid),
        "payment_intent": gift.payment_intent() if donation.frequency == "once" else None,
    }
    # ...and the renewal invoices it can be asked for, when a refund overtakes an invoice.paid.
    stripe_settings.invoices.clear()
    for number in range(2, world.renewal_count + 2):
        invoice_id = gift.invoice_id(number)
        stripe_settings.invoices[invoice_id] = se.invoice(
            donation, invoice_id, subscription=gift.subscription, payment_intent=gift.payment_intent(number)
        )
    return gift


def receipt_emails(donation):
    return [message for message in mail.outbox if message.to == [donation.email]]


# --- the properties -------------------------------------------------------------------------------


@settings(max_examples=80, **_base)
@given(world=one_off_worlds())
def test_a_one_off_gift_ends_in_the_same_state_whatever_the_order_of_its_events(
    client, pages, stripe_settings, on_commit, world
):
    @in_a_rolled_back_savepoint
    def run():
        gift = new_gift(pages, stripe_settings, world)
        donation = gift.donation
        deliver = Deliverer(client, on_commit, gift)
        seen = []
        for delivery in world.deliveries:
            deliver(delivery)
            seen.append(delivery.spec)
            donation.refresh_from_db()
            # Never lowered on the way: always the largest running total delivered so far.
            assert donation.amount_refunded == refunded_total(seen)
            if any(spec.kind in ("completed_paid", "async_succeeded") for spec in seen):
                assert donation.is_confirmed, "once paid, a gift stays received"

        assert donation.status == expected_status(world, world.specs)
        assert donation.amount_refunded == refunded_total(world.specs)
        assert donation.dispute_status == dispute_status(world.specs)
        assert Donation.objects.count() == 1
        assert pages["bg"].campaign_totals() == {
            "raised_cents": counted_cents(donation), "donors": 1 if counted_cents(donation) else 0
        }
        if world.paid:
            assert donation.receipt_number is not None and donation.receipt_sent_at is not None
            assert donation.events.filter(kind="paid").count() == 1
            assert len(receipt_emails(donation)) == 1
        else:
            assert donation.receipt_number is None
            assert not donation.events.filter(kind="paid").exists()
            assert receipt_emails(donation) == []

    run()


@settings(max_examples=50, **_base)
@given(world=monthly_worlds())
def test_a_monthly_gift_has_one_paid_gift_per_invoice_whatever_the_event_ids_and_order(
    client, pages, stripe_settings, on_commit, world
):
    @in_a_rolled_back_savepoint
    def run():
        gift = new_gift(pages, stripe_settings, world, frequency="monthly")
        origin = gift.donation
        deliver = Deliverer(client, on_commit, gift)
        for delivery in world.deliveries:
            deliver(delivery)

        origin.refresh_from_db()
        assert origin.status == Donation.PAID
        assert origin.stripe_invoice_id == gift.invoice_id(1)
        assert origin.stripe_subscription_id == gift.subscription
        renewals = {renewal.stripe_invoice_id: renewal for renewal in origin.renewals.all()}
        assert Donation.objects.count() == 1 + world.renewal_count
        assert sorted(renewals) == sorted(gift.invoice_id(n) for n in range(2, world.renewal_count + 2))
        expected_raised = origin.amount
        for number in range(2, world.renewal_count + 2):
            renewal = renewals[gift.invoice_id(number)]
            assert renewal.amount == world.amount and renewal.frequency == "monthly"
            assert renewal.stripe_payment_intent_id == gift.payment_intent(number)
            assert renewal.amount_refunded == refunded_total(world.specs, number)
            assert renewal.status == expected_status(world, world.specs, number)
            expected_raised += counted_cents(renewal)
        gifts = [origin, *renewals.values()]
        for donation in gifts:
            assert donation.events.filter(kind="paid").count() == 1
            assert donation.receipt_sent_at is not None
        numbers = sorted(donation.receipt_number for donation in gifts)
        assert len(set(numbers)) == len(gifts), "one receipt number per payment"
        assert len(receipt_emails(origin)) == len(gifts), "one receipt email per payment"
        assert pages["bg"].campaign_totals() == {"raised_cents": expected_raised, "donors": 1}

    run()


# --- the orders behind bugs found before: each spelled out, so that no draw is needed ----------------


@pytest.fixture
def one_off(pages, stripe_settings):
    return new_gift(pages, stripe_settings, World(amount=5000, specs=(), deliveries=[]))


@pytest.fixture
def deliver(client, on_commit, one_off):
    return Deliverer(client, on_commit, one_off)


def test_dispute_opened_before_the_payment_leaves_the_gift_disputed(one_off, deliver, pages):
    deliver(Delivery(Spec("dispute_created", OPEN_DISPUTE)))
    deliver(Delivery(Spec("completed_paid")))

    one_off.donation.refresh_from_db()
    assert one_off.donation.status == Donation.DISPUTED
    assert one_off.donation.receipt_number is not None  # it was received; the bank holds it now
    assert pages["bg"].campaign_totals()["raised_cents"] == 0


def test_dispute_lost_before_the_payment_event_keeps_the_gift_out_of_the_total(one_off, deliver, pages):
    deliver(Delivery(Spec("dispute_created", OPEN_DISPUTE)))
    deliver(Delivery(Spec("dispute_closed", "lost")))
    deliver(Delivery(Spec("completed_paid")))

    one_off.donation.refresh_from_db()
    assert one_off.donation.status == Donation.DISPUTED
    assert pages["bg"].campaign_totals()["raised_cents"] == 0


def test_older_refund_arriving_late_never_lowers_the_refunded_total(one_off, deliver, pages):
    deliver(Delivery(Spec("completed_paid")))
    deliver(Delivery(Spec("refunded", 3000)))
    deliver(Delivery(Spec("refunded", 1000)))  # created before the 3000 one, delivered after it

    one_off.donation.refresh_from_db()
    assert one_off.donation.amount_refunded == 3000
    assert one_off.donation.status == Donation.PARTIALLY_REFUNDED
    assert pages["bg"].campaign_totals()["raised_cents"] == 2000


@pytest.fixture
def monthly(pages, stripe_settings):
    world = World(amount=2000, specs=(), deliveries=[], renewal_count=1)
    return new_gift(pages, stripe_settings, world, frequency="monthly")


def test_renewal_invoice_redelivered_under_a_new_event_id_stays_one_gift(client, on_commit, monthly, pages):
    deliver = Deliverer(client, on_commit, monthly)
    deliver(Delivery(Spec("completed_subscription")))
    deliver(Delivery(Spec("invoice_paid", renewal=1)))
    renewal = Spec("invoice_paid", False, renewal=2)
    deliver(Delivery(renewal))
    deliver(Delivery(renewal, copy=1))  # the same invoice, a new event id

    assert Donation.objects.filter(stripe_invoice_id=monthly.invoice_id(2)).count() == 1
    assert Donation.objects.count() == 2
    assert len(receipt_emails(monthly.donation)) == 2
    assert pages["bg"].campaign_totals() == {"raised_cents": 4000, "donors": 1}


# --- orders the code once lost (found by the draws above; each spelled out) -------------------------


def test_dispute_closed_before_it_was_opened_stays_closed(one_off, deliver, pages):
    """Stripe does not order deliveries: a dispute.created retried after dispute.closed (won)
    must not reopen the dispute."""
    deliver(Delivery(Spec("completed_paid")))
    deliver(Delivery(Spec("dispute_closed", "won")))
    deliver(Delivery(Spec("dispute_created", OPEN_DISPUTE)))

    one_off.donation.refresh_from_db()
    assert one_off.donation.dispute_status == "won"
    assert one_off.donation.status == Donation.PAID
    assert pages["bg"].campaign_totals()["raised_cents"] == 5000


def test_refund_overtaking_its_renewal_invoice_is_not_lost(client, on_commit, monthly, pages):
    deliver = Deliverer(client, on_commit, monthly)
    deliver(Delivery(Spec("completed_subscription")))
    deliver(Delivery(Spec("invoice_paid", renewal=1)))
    deliver(Delivery(Spec("refunded", 2000, renewal=2)))  # Stripe names the invoice it paid
    deliver(Delivery(Spec("invoice_paid", False, renewal=2)))

    renewal = Donation.objects.get(stripe_invoice_id=monthly.invoice_id(2))
    assert renewal.amount_refunded == 2000
    assert renewal.status == Donation.REFUNDED
    assert pages["bg"].campaign_totals()["raised_cents"] == 2000
