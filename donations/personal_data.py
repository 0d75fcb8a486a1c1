"""The personal data of the donations app, declared in the registry (core/personal_data.py):
gifts, abandoned donation attempts, the payment provider's events, the newsletter list and its
unsubscriptions, and the manage-my-donation requests (which are not stored)."""

import datetime
import secrets

from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.personal_data import (
    ANONYMISE,
    DELETE,
    EMAIL_PROVIDER,
    FOUNDATION_STAFF,
    KEEP,
    YEARS,
    Category,
    Outcome,
    delete_rows,
    plain,
    registry,
)
from donations.models import (
    BANK_TRANSFER,
    Donation,
    DonationEvent,
    NewsletterSubscriber,
    StripeEvent,
)

STRIPE = _("Stripe, the card payment provider (it processes the payment)")
DONATIONS = _("Donations")
NEWSLETTER = _("Newsletter")

ACCOUNTANCY_ACT = _(
    "The gift, its receipt and the name on it are kept: the receipt is an accounting document, which the "
    "Accountancy Act (Закон за счетоводството) requires to name the donor (art. 6) and to be kept for 10 years "
    "from 1 January of the year after the gift (art. 12). The email address, the dedication and the newsletter "
    "choice are removed."
)

# Keys in Stripe's objects that carry a person's details (customer_details, billing_details...).
PERSONAL_KEYS = {
    "email", "name", "phone", "address", "customer_email", "customer_name", "customer_phone",
    "customer_address", "customer_details", "billing_details", "shipping", "shipping_details",
    "customer_shipping", "receipt_email", "individual_name",
}
REMOVED = "[removed]"


def scrub(value, personal_values=()):
    """``value`` (a Stripe payload) without the keys that carry personal details, and with any
    string mentioning one of ``personal_values`` replaced."""
    lowered = [item.lower() for item in personal_values if item]
    if isinstance(value, dict):
        return {
            key: (REMOVED if key in PERSONAL_KEYS and item not in (None, "", {}, []) else scrub(item, lowered))
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [scrub(item, lowered) for item in value]
    if isinstance(value, str) and any(secret in value.lower() for secret in lowered):
        return REMOVED
    return value


def gift_export(donation):
    row = {
        name: plain(getattr(donation, name))
        for name in (
            "uuid", "status", "amount", "amount_refunded", "currency", "frequency", "donor_name", "email",
            "anonymous", "dedication_kind", "dedication_name", "newsletter_opt_in", "newsletter_consent_at",
            "locale", "payment_method", "bank_reference", "donor_type", "company_name", "company_eik",
            "receipt_sent_at", "subscription_status", "stripe_customer_id", "stripe_subscription_id",
            "stripe_payment_intent_id", "created_at", "paid_at", "anonymised_at",
        )
    }
    row["campaign"] = donation.campaign_title
    row["receipt_reference"] = donation.receipt_reference
    row["history"] = [
        {"at": plain(event.created_at), "kind": event.kind, "message": event.message}
        for event in donation.events.all()
    ]
    return row


@registry.register
class Gifts(Category):
    key = "donations.gifts"
    group = DONATIONS
    order = 10
    model = "donations.Donation"
    what = _("Completed donations")
    held = _(
        "name, email address, amount and frequency, campaign, dedication (if given), company name and ЕИК (if "
        "given), receipt number, the payment provider's references for the payment or the bank-transfer reference"
    )
    fields = ("donor_name", "email", "dedication_name", "amount", "frequency", "paid_at", "receipt_number")
    purpose = _("To take the gift, send the receipt and the annual statement, and keep the foundation's accounts.")
    legal_basis = _(
        "Carrying out the donation you asked for (GDPR art. 6(1)(b)) and the foundation's legal obligation to keep "
        "accounting documents (art. 6(1)(c), Accountancy Act)."
    )
    recipients = (STRIPE, FOUNDATION_STAFF, EMAIL_PROVIDER)
    retention_setting = "RETENTION_PAID_GIFTS_YEARS"
    retention_default = 10
    retention_unit = YEARS
    retention_from = _("from 1 January of the year after the gift (Accountancy Act, art. 12)")
    at_end_of_period = ANONYMISE
    erasure = ANONYMISE
    kept = ACCOUNTANCY_ACT
    kept_fields = (
        "donor_name", "amount", "amount_refunded", "currency", "frequency", "status", "page", "paid_at",
        "receipt_year", "receipt_number", "stripe_payment_intent_id", "stripe_charge_id", "stripe_invoice_id",
        "stripe_subscription_id",
    )
    erase_order = 10

    def queryset(self):
        return Donation.objects.filter(status__in=Donation.RECEIVED_STATUSES)

    def rows_for(self, subject):
        return super().rows_for(subject).select_related("page").order_by("created_at")

    def export_row(self, row):
        return gift_export(row)

    def blockers(self, subject):
        active = (
            Donation.objects.filter(
                email__iexact=subject.email, frequency="monthly", subscription_origin__isnull=True,
                status__in=Donation.RECEIVED_STATUSES,
            )
            .exclude(stripe_subscription_id="")
            .exclude(subscription_status__in=Donation.ENDED_SUBSCRIPTION_STATUSES)
        )
        if active.exists():
            return [
                _(
                    "There is an active monthly donation from this address. It must be cancelled first, or it would "
                    "keep taking payments from someone we could no longer send receipts to."
                )
            ]
        return []

    def erase(self, rows, context):
        gifts = list(rows)
        if not gifts:
            return Outcome()
        # One placeholder for all of a donor's gifts: the campaigns' donor counts do not change.
        # (The payment provider's copies of the details went first: PaymentEvents.)
        placeholder = context.notes.setdefault("placeholder", f"anonymised-{secrets.token_hex(8)}@invalid.invalid")
        for gift in gifts:
            # The name stays (the receipt names the donor); everything else about the person goes.
            gift.email = placeholder
            gift.anonymous = True
            gift.dedication_kind = ""
            gift.dedication_name = ""
            gift.newsletter_opt_in = False
            gift.newsletter_consent_at = None
            gift.stripe_customer_id = ""
            gift.anonymised_at = context.now
            gift.save()
            DonationEvent.objects.create(
                donation=gift, kind="anonymised", message=f"Personal data removed by {context.actor_label}"[:500]
            )
        return Outcome(anonymised=len(gifts))

    def kept_until(self, rows):
        latest = rows.aggregate(latest=Max("paid_at"))["latest"]
        if latest is None:
            return None
        return datetime.date(timezone.localtime(latest).year + 1 + self.period(), 1, 1)

    def cutoff(self, now):
        # The period counts from 1 January of the year after the gift.
        local = timezone.localtime(now)
        return local.replace(year=local.year - self.period(), month=1, day=1, hour=0, minute=0, second=0,
                             microsecond=0)

    def expired(self, now):
        # Gifts erased on request kept the name; at the end of the period it goes too.
        return self.queryset().filter(paid_at__lt=self.cutoff(now)).exclude(
            donor_name="", email__endswith="@invalid.invalid"
        )

    def anonymise_expired(self, rows, context):
        """After the legal period nothing requires the name either; the amounts stay for the
        campaigns' totals, each donor's gifts sharing one placeholder."""
        total = 0
        for email in rows.values_list("email", flat=True).distinct().iterator():
            placeholder = f"anonymised-{secrets.token_hex(8)}@invalid.invalid"
            total += Donation.objects.filter(pk__in=rows.filter(email=email).values("pk")).update(
                donor_name="", email=placeholder, anonymous=True, dedication_kind="", dedication_name="",
                newsletter_opt_in=False, newsletter_consent_at=None, stripe_customer_id="",
                anonymised_at=context.now,
            )
        return total


@registry.register
class Attempts(Category):
    key = "donations.attempts"
    group = DONATIONS
    order = 11
    model = "donations.Donation"
    what = _("Donation attempts that were not completed")
    held = _("name, email address, amount, dedication (if given), the time of the attempt")
    fields = ("donor_name", "email", "dedication_name", "amount", "created_at")
    purpose = _("To take you to the payment page and back with your details kept, and to see failed payments.")
    legal_basis = _("Steps you asked for before a donation (GDPR art. 6(1)(b)).")
    recipients = (STRIPE, FOUNDATION_STAFF)
    retention_setting = "RETENTION_ABANDONED_GIFTS_DAYS"
    retention_default = 30
    retention_from = _("after the attempt was started")
    timestamp_field = "created_at"
    erase_order = 20

    def queryset(self):
        # Never received (no receipt) and no monthly payments hanging from it. Bank-transfer
        # pledges are their own category (BankPledges), with a longer period.
        return Donation.objects.exclude(status__in=Donation.RECEIVED_STATUSES).filter(
            receipt_number__isnull=True, renewals__isnull=True
        ).exclude(payment_method=BANK_TRANSFER)

    def export_row(self, row):
        return gift_export(row)

    def erase(self, rows, context):
        # Through the primary keys: deleting through the join on renewals is not portable.
        return Outcome(deleted=delete_rows(Donation.objects.filter(pk__in=list(rows.values_list("pk", flat=True)))))


@registry.register
class BankPledges(Category):
    key = "donations.bank_pledges"
    group = DONATIONS
    order = 13
    model = "donations.Donation"
    what = _("Bank-transfer pledges whose money has not arrived")
    held = _(
        "name, email address, amount, company name and ЕИК (if given), dedication (if given), the payment "
        "reference, the time of the pledge"
    )
    fields = ("donor_name", "email", "company_name", "company_eik", "dedication_name", "amount", "bank_reference",
              "created_at")
    purpose = _(
        "To recognise your transfer when it appears on the foundation's bank statement, and then send your receipt "
        "and certificate."
    )
    legal_basis = _("Steps you asked for before a donation (GDPR art. 6(1)(b)).")
    recipients = (FOUNDATION_STAFF, EMAIL_PROVIDER)
    retention_setting = "RETENTION_BANK_PLEDGES_DAYS"
    retention_default = 180
    retention_from = _("after the pledge, unless the money arrives (then it is a completed donation)")
    timestamp_field = "created_at"
    erase_order = 21

    def queryset(self):
        return Donation.objects.exclude(status__in=Donation.RECEIVED_STATUSES).filter(
            receipt_number__isnull=True, payment_method=BANK_TRANSFER
        )

    def export_row(self, row):
        return gift_export(row)

    def erase(self, rows, context):
        return Outcome(deleted=delete_rows(Donation.objects.filter(pk__in=list(rows.values_list("pk", flat=True)))))


@registry.register
class BankCredits(Category):
    key = "donations.bank_credits"
    group = DONATIONS
    order = 14
    model = "donations.BankStatementLine"
    what = _("Bank transfers received")
    held = _(
        "the payer's name and account number, the amount, the date and the payment details, as the bank reports them"
    )
    fields = ("payer_name", "payer_iban", "remittance", "amount", "booking_date")
    purpose = _("To match each transfer to its donation, receipt it once, and keep the foundation's accounts.")
    legal_basis = _(
        "The foundation's legal obligation to keep accounting documents (GDPR art. 6(1)(c), Accountancy Act)."
    )
    recipients = (FOUNDATION_STAFF,)
    retention_setting = "RETENTION_BANK_CREDITS_YEARS"
    retention_default = 10
    retention_unit = YEARS
    retention_from = _("after the statement was imported (Accountancy Act, art. 12)")
    erasure = KEEP
    kept = _(
        "Kept: a bank statement is an accounting document, which the Accountancy Act (Закон за счетоводството) "
        "requires to be kept for 10 years (art. 12)."
    )
    kept_fields = fields
    erase_order = 30

    def rows_for(self, subject):
        return self.queryset().filter(donation__email__iexact=subject.email)

    def expired(self, now):
        return self.queryset().filter(statement_import__imported_at__lt=self.cutoff(now))


registry.not_personal(
    "donations.BankStatementImport",
    "The name of a bank statement file and the staff account that imported it (the accounting trail); the "
    "payers' details are in BankStatementLine (BankCredits).",
)


def gifts_of(subject):
    return Donation.objects.filter(email__iexact=subject.email)


def scrub_events(events, personal, now):
    count = 0
    for event in events.select_for_update():
        event.payload = scrub(event.payload, personal)
        event.personal_data_removed_at = now
        event.save(update_fields=["payload", "personal_data_removed_at"])
        count += 1
    return count


@registry.register
class PaymentEvents(Category):
    key = "donations.payment_events"
    group = DONATIONS
    order = 12
    model = "donations.StripeEvent"
    what = _("Messages from the payment provider")
    held = _("what Stripe reports about a payment, which can include the payer's name and email address")
    fields = ("payload",)
    purpose = _("To record each payment exactly once and to investigate a payment problem.")
    legal_basis = _("Carrying out the donation (GDPR art. 6(1)(b)) and keeping the accounts (art. 6(1)(c)).")
    recipients = (FOUNDATION_STAFF,)
    retention_setting = "RETENTION_PAYMENT_EVENTS_DAYS"
    retention_default = 30
    retention_from = _("after the message arrived")
    at_end_of_period = ANONYMISE
    erasure = ANONYMISE
    kept = _(
        "The message's identifier and type are kept, so that a repeated delivery is not counted twice; the names "
        "and addresses in it are removed."
    )
    kept_fields = ("event_id", "type", "received_at", "processed_at")
    # Before the gifts: the events are found through them, and through the address in them.
    erase_order = 5

    def rows_for(self, subject):
        linked = DonationEvent.objects.filter(donation__in=gifts_of(subject)).exclude(stripe_event_id="")
        return self.queryset().filter(
            Q(payload__icontains=subject.email) | Q(event_id__in=linked.values("stripe_event_id"))
        )

    def export_row(self, row):
        return {"event_id": row.event_id, "type": row.type, "received_at": plain(row.received_at),
                "payload": row.payload}

    def anonymise(self, rows, context):
        personal = set()
        if context.subject is not None:
            # The address, and the names the person gave with any gift, wherever they appear.
            personal = {context.subject.email}
            for names in gifts_of(context.subject).values_list("donor_name", "dedication_name"):
                personal.update(name for name in names if name)
        return scrub_events(StripeEvent.objects.filter(pk__in=[row.pk for row in rows]), personal, context.now)

    def expired(self, now):
        return self.queryset().filter(received_at__lt=self.cutoff(now), personal_data_removed_at__isnull=True)


def subscriber_export(subscriber):
    return {
        name: plain(getattr(subscriber, name))
        for name in ("email", "language", "source", "consent_page", "consent_text", "consented_at",
                     "confirmation_sent_at", "confirmed_at", "created_at")
    }


class NewsletterCategory(Category):
    model = "donations.NewsletterSubscriber"
    group = NEWSLETTER
    fields = ("email", "language", "consent_text", "consent_page", "consented_at", "confirmed_at")
    recipients = (FOUNDATION_STAFF, EMAIL_PROVIDER)
    erase_order = 40

    def export_row(self, row):
        return subscriber_export(row)

    def erase(self, rows, context):
        from donations.newsletter import unsubscribe_address

        emails = list(rows.values_list("email", flat=True))
        for email in emails:
            # Deleted, keeping only the hash that stops a re-send on the old consent.
            unsubscribe_address(email, context.now)
        return Outcome(deleted=len(emails))


@registry.register
class Subscribers(NewsletterCategory):
    key = "donations.newsletter"
    order = 20
    what = _("Newsletter subscriptions")
    held = _("email address, language, and the evidence of consent: when, on which form and page, and its wording")
    purpose = _("To send the newsletter you asked for, and to show that you asked for it.")
    legal_basis = _("Your consent (GDPR art. 6(1)(a)), which you can withdraw with the link in every newsletter.")
    retention_text = _("Until you unsubscribe; then only a one-way hash of the address is kept (see below).")

    def queryset(self):
        return NewsletterSubscriber.objects.filter(confirmed_at__isnull=False)


@registry.register
class UnconfirmedSubscribers(NewsletterCategory):
    key = "donations.newsletter_unconfirmed"
    group = NEWSLETTER
    order = 21
    what = _("Newsletter sign-ups not yet confirmed")
    held = _("email address, language, and the evidence of consent: when, on which form and page, and its wording")
    purpose = _("To send the email that asks you to confirm the subscription.")
    legal_basis = _("Your consent (GDPR art. 6(1)(a)).")
    retention_setting = "RETENTION_UNCONFIRMED_NEWSLETTER_DAYS"
    retention_default = 30
    retention_from = _("after the sign-up, unless you confirm it")
    timestamp_field = "consented_at"

    def queryset(self):
        return NewsletterSubscriber.objects.filter(confirmed_at__isnull=True)


@registry.register
class Unsubscribed(Category):
    key = "donations.newsletter_unsubscribed"
    group = NEWSLETTER
    order = 22
    model = "donations.NewsletterSuppression"
    what = _("Unsubscribed addresses")
    held = _("a one-way hash of the email address (not the address) and when it unsubscribed")
    fields = ("email_hash", "created_at")
    purpose = _("So that nothing is sent to the address on the consent it withdrew.")
    legal_basis = _("Legitimate interest in respecting your choice (GDPR art. 6(1)(f)).")
    recipients = ()
    retention_text = _("As long as the newsletter list is kept, unless you subscribe again.")
    erasure = KEEP
    kept = _("Kept: it holds only the hash, and is what stops the newsletter being sent to you again.")
    kept_fields = fields
    erase_order = 50

    def rows_for(self, subject):
        return self.queryset().filter(email_hash=subject.hash)

    def export_row(self, row):
        return {"email_hash": row.email_hash, "unsubscribed_at": plain(row.created_at)}


@registry.register
class ManageLinkRequests(Category):
    """Nothing is stored: the address is only used to send the link (the email task that
    carries it is declared by core as "Emails waiting to be sent")."""

    key = "donations.manage_requests"
    group = DONATIONS
    order = 15
    model = None
    what = _("Requests for the “manage my donation” link")
    held = _("the email address you type in")
    purpose = _("To send you the signed link to your donations, receipts and personal data.")
    legal_basis = _("Your request (GDPR art. 6(1)(b)); answering your requests about your data (art. 12–15).")
    recipients = (EMAIL_PROVIDER,)
    retention_text = _(
        "Not stored: the address is used to send the link. Against abuse, a one-way hash of it is counted for "
        "an hour."
    )
    erasure = DELETE

    def erasure_text(self):
        return str(_("Nothing to delete: not stored."))

