"""Donation campaigns (Wagtail pages), the gifts made through them, and the Stripe events that
changed those gifts.

Money is kept in euro cents (integers) everywhere below the form: no float ever touches an
amount. A gift's status changes only in donations/fulfilment.py, from verified Stripe events."""

import uuid
from decimal import Decimal, InvalidOperation

from django.contrib.admin import display as admin_display
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.blocks import BaseStreamBlock
from core.languages import language_choices
from core.pages import SitePage
from core.site_url import page_url

ONCE = "once"
MONTHLY = "monthly"
FREQUENCY_CHOICES = [(ONCE, _("One-off")), (MONTHLY, _("Monthly"))]

CARD = "card"
BANK_TRANSFER = "bank_transfer"
PAYMENT_METHOD_CHOICES = [(CARD, _("Card")), (BANK_TRANSFER, _("Bank transfer"))]

PERSON = "person"
COMPANY = "company"
DONOR_TYPE_CHOICES = [(PERSON, _("A person")), (COMPANY, _("A company or organisation"))]

DEFAULT_ONE_OFF_AMOUNTS = "20, 50, 100, 200"
# Shown after a one-off amount when the editors wrote no invitation of their own: it promises only
# what the site does (the "manage your donation" page changes and cancels a monthly gift).
DEFAULT_MONTHLY_INVITATION = _(
    "Would you give this every month instead? A monthly gift lets the foundation plan its work ahead, and you "
    "can change or cancel it at any time on the “Manage my donation” page."
)
DEFAULT_MONTHLY_AMOUNTS = "10, 20, 30, 50"


def parse_amounts(text):
    """"10, 20,5" -> [Decimal("10"), Decimal("20.5")]; raises ValueError on anything else."""
    amounts = []
    for part in (text or "").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            amount = Decimal(part)
        except InvalidOperation as error:
            raise ValueError(part) from error
        if not amount.is_finite() or amount <= 0 or amount != amount.quantize(Decimal("0.01")):
            raise ValueError(part)
        amounts.append(amount)
    return amounts


def validate_amount_list(text):
    try:
        amounts = parse_amounts(text)
    except ValueError as error:
        raise ValidationError(
            _("“%(value)s” is not an amount. Write amounts in euros separated by commas, e.g. 10, 20, 50."),
            params={"value": error.args[0]},
        ) from error
    if not amounts:
        raise ValidationError(_("Give at least one amount."))


def amount_value(amount):
    """An amount as a form value: "20" or "20.5" (the preset radios, the impact lines)."""
    text = f"{Decimal(amount):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def to_cents(amount):
    return int((Decimal(amount) * 100).quantize(Decimal("1")))


def from_cents(cents):
    return (Decimal(cents or 0) / 100).quantize(Decimal("0.01"))


class ImpactLineBlock(blocks.StructBlock):
    """What one suggested amount does, in the editors' words ("50 € — …"): only facts the
    foundation can stand behind, so it is never filled in for them."""

    frequency = blocks.ChoiceBlock(choices=FREQUENCY_CHOICES, default=ONCE, label=_("Frequency"))
    amount = blocks.DecimalBlock(min_value=Decimal("0.01"), decimal_places=2, label=_("Suggested amount (EUR)"))
    text = blocks.CharBlock(max_length=160, label=_("What this amount does"))

    class Meta:
        icon = "info-circle"
        label = _("Impact line")


class DonationPage(RoutablePageMixin, SitePage):
    """A campaign, or the general "support us" page: its story, an optional goal, and the form."""

    introduction = models.TextField(_("introduction"), blank=True)
    story = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("story"))
    goal_amount = models.PositiveIntegerField(
        _("goal in EUR"), null=True, blank=True, help_text=_("Leave empty for a campaign without a target.")
    )
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("After this date the form is closed; the page stays.")
    )
    one_off_amounts = models.CharField(
        _("suggested one-off amounts (EUR)"),
        max_length=200,
        default=DEFAULT_ONE_OFF_AMOUNTS,
        validators=[validate_amount_list],
        help_text=_("Separated by commas, e.g. 20, 50, 100."),
    )
    monthly_amounts = models.CharField(
        _("suggested monthly amounts (EUR)"),
        max_length=200,
        default=DEFAULT_MONTHLY_AMOUNTS,
        validators=[validate_amount_list],
        help_text=_("Separated by commas, e.g. 10, 20, 30."),
    )
    default_frequency = models.CharField(
        _("frequency selected first"), max_length=10, choices=FREQUENCY_CHOICES, default=ONCE
    )
    minimum_amount = models.DecimalField(
        _("minimum amount (EUR)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("5.00"),
        validators=[MinValueValidator(Decimal("1.00"))],
        help_text=_("Very small gifts are a sign of stolen cards being tested."),
    )
    maximum_amount = models.DecimalField(
        _("maximum amount (EUR)"), max_digits=10, decimal_places=2, default=Decimal("5000.00")
    )
    show_recent_supporters = models.BooleanField(
        _("show recent supporters"),
        default=False,
        help_text=_("List the names of recent donors who did not ask to stay anonymous."),
    )
    impact_lines = StreamField(
        [("impact", ImpactLineBlock())],
        blank=True,
        verbose_name=_("impact lines"),
        help_text=_(
            "Optional: one line per suggested amount, shown when a donor chooses it. Write only what the "
            "foundation can show; an amount without a line shows none."
        ),
    )
    monthly_invitation = models.TextField(
        _("invitation to give monthly"),
        blank=True,
        help_text=_("Shown after a donor chooses a one-off amount. Empty: a standard text in the page's language."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("privacy notice page"),
        help_text=_("Linked from the form, next to the consent checkbox."),
    )

    content_panels = SitePage.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("story"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("goal_amount"), FieldPanel("end_date")]), FieldPanel("show_recent_supporters")],
            heading=_("Campaign"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("default_frequency"),
                FieldPanel("one_off_amounts"),
                FieldPanel("monthly_amounts"),
                FieldRowPanel([FieldPanel("minimum_amount"), FieldPanel("maximum_amount")]),
                FieldPanel("impact_lines"),
                FieldPanel("monthly_invitation"),
                FieldPanel("privacy_page"),
            ],
            heading=_("Donation form"),
        ),
    ]
    search_fields = SitePage.search_fields + [index.SearchField("introduction"), index.SearchField("story")]

    # Deliberate: the words are translated; money, dates and form rules are the same campaign in
    # every language, so an edit in Bulgarian cannot leave the English page with another goal.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("introduction"),
        TranslatableField("story"),
        TranslatableField("listing_image_alt"),
        TranslatableField("impact_lines"),
        TranslatableField("monthly_invitation"),
        # Points at the privacy page's own translation.
        TranslatableField("privacy_page"),
        SynchronizedField("listing_image"),
        SynchronizedField("goal_amount"),
        SynchronizedField("end_date"),
        SynchronizedField("one_off_amounts"),
        SynchronizedField("monthly_amounts"),
        SynchronizedField("default_frequency"),
        SynchronizedField("minimum_amount"),
        SynchronizedField("maximum_amount"),
        SynchronizedField("show_recent_supporters"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("donation page")

    def clean(self):
        super().clean()
        if self.minimum_amount and self.maximum_amount and self.maximum_amount < self.minimum_amount:
            raise ValidationError({"maximum_amount": _("The maximum must not be below the minimum.")})

    def suggested_amounts(self, frequency):
        text = self.monthly_amounts if frequency == MONTHLY else self.one_off_amounts
        try:
            return parse_amounts(text)
        except ValueError:
            return []

    def impact_texts(self):
        """{(frequency, radio value): text} of the impact lines written for this page's presets."""
        return {
            (block.value["frequency"], amount_value(block.value["amount"])): block.value["text"]
            for block in self.impact_lines
            if block.value.get("amount") is not None and block.value.get("text")
        }

    @property
    def campaign_pages(self):
        """This page in every language: a campaign's gifts count once, whichever language they came in."""
        return DonationPage.objects.filter(translation_key=self.translation_key)

    def campaign_donations(self):
        return Donation.objects.filter(page__translation_key=self.translation_key)

    def campaign_totals(self):
        """Raised (cents, net of refunds) and number of distinct donors, from paid gifts only.
        Disputed, failed and pending gifts do not count. One aggregate query."""
        counted = self.campaign_donations().filter(status__in=Donation.COUNTED_STATUSES)
        totals = counted.aggregate(
            gross=Coalesce(Sum("amount"), 0),
            refunded=Coalesce(Sum("amount_refunded"), 0),
            donors=Count("email", distinct=True),
        )
        return {"raised_cents": totals["gross"] - totals["refunded"], "donors": totals["donors"]}

    def recent_supporters(self, limit=10):
        if not self.show_recent_supporters:
            return []
        return list(
            self.campaign_donations()
            .filter(status__in=Donation.COUNTED_STATUSES, anonymous=False)
            .exclude(donor_name="")
            .order_by("-paid_at")
            .values_list("donor_name", flat=True)[:limit]
        )

    def is_open(self):
        return self.end_date is None or self.end_date >= timezone.localdate()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        totals = self.campaign_totals()
        raised = from_cents(totals["raised_cents"])
        context.update(
            raised=raised,
            donor_count=totals["donors"],
            supporters=self.recent_supporters(),
            share_url=page_url(self, request),
        )
        if self.goal_amount:
            context["goal"] = Decimal(self.goal_amount)
            context["percent"] = min(100, int(raised * 100 / self.goal_amount))
        if self.end_date is not None and self.is_open():
            context["days_left"] = (self.end_date - timezone.localdate()).days
        return context

    def monthly_invitation_text(self):
        return self.monthly_invitation.strip() or str(DEFAULT_MONTHLY_INVITATION)

    # The two routes are served by donations.views, which itself reads these models. The app's
    # ready() hands the view functions in, so the models never import the views (no cycle).
    route_views = {}

    @path("")
    def form_view(self, request):
        return self.route_views["form"](request, self)

    @path("thank-you/")
    def thank_you(self, request):
        return self.route_views["thank_you"](request, self)

    @path("bank-transfer/<uuid:donation_uuid>/")
    def bank_transfer(self, request, donation_uuid):
        return self.route_views["bank_transfer"](request, self, donation_uuid)


class Donation(models.Model):
    PENDING = "pending"
    PAID = "paid"
    FAILED = "failed"
    EXPIRED = "expired"
    REFUNDED = "refunded"
    PARTIALLY_REFUNDED = "partially_refunded"
    DISPUTED = "disputed"
    STATUS_CHOICES = [
        (PENDING, _("Pending")),
        (PAID, _("Paid")),
        (FAILED, _("Failed")),
        (EXPIRED, _("Expired")),
        (REFUNDED, _("Refunded")),
        (PARTIALLY_REFUNDED, _("Partially refunded")),
        (DISPUTED, _("Disputed")),
    ]
    # Gifts whose money the foundation holds (refunded cents are subtracted separately).
    COUNTED_STATUSES = [PAID, PARTIALLY_REFUNDED]
    # Statuses that mean the gift was received at some point: it has a receipt.
    RECEIVED_STATUSES = [PAID, PARTIALLY_REFUNDED, REFUNDED, DISPUTED]
    # A monthly gift whose subscription is in one of these states takes no more payments.
    ENDED_SUBSCRIPTION_STATUSES = ["canceled", "incomplete_expired", "unpaid"]

    IN_HONOUR = "honour"
    IN_MEMORY = "memory"
    DEDICATION_CHOICES = [("", _("No dedication")), (IN_HONOUR, _("In honour of")), (IN_MEMORY, _("In memory of"))]

    uuid = models.UUIDField(_("reference"), default=uuid.uuid4, unique=True, editable=False)
    page = models.ForeignKey(
        DonationPage, null=True, on_delete=models.SET_NULL, related_name="donations", verbose_name=_("campaign")
    )
    # A monthly gift's later payments point to the gift the donor started with.
    subscription_origin = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="renewals",
        verbose_name=_("first gift of this monthly donation"),
    )
    amount = models.PositiveIntegerField(_("amount (cents)"))
    # Part of ``amount`` the donor added to cover the card fee (donations/fees.py); 0 if none.
    fee_cover = models.PositiveIntegerField(_("of which card fees covered (cents)"), default=0)
    currency = models.CharField(_("currency"), max_length=3, default="eur")
    frequency = models.CharField(_("frequency"), max_length=10, choices=FREQUENCY_CHOICES, default=ONCE)
    status = models.CharField(_("status"), max_length=20, choices=STATUS_CHOICES, default=PENDING, db_index=True)
    amount_refunded = models.PositiveIntegerField(_("refunded (cents)"), default=0)
    dispute_status = models.CharField(_("dispute status"), max_length=40, blank=True)

    donor_name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), db_index=True)
    anonymous = models.BooleanField(_("anonymous"), default=False)
    dedication_kind = models.CharField(_("dedication"), max_length=10, choices=DEDICATION_CHOICES, blank=True)
    dedication_name = models.CharField(_("dedicated to"), max_length=200, blank=True)
    newsletter_opt_in = models.BooleanField(_("newsletter opt-in"), default=False)
    # When the donor ticked the (separate, optional) newsletter box; the subscription itself is
    # a NewsletterSubscriber that still needs the emailed confirmation (double opt-in).
    newsletter_consent_at = models.DateTimeField(_("newsletter consent given"), null=True, blank=True)
    # Set when staff anonymise the donor (GDPR): the financial record stays, the person goes.
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    locale = models.CharField(_("language"), max_length=10, default="bg")

    payment_method = models.CharField(
        _("payment method"), max_length=20, choices=PAYMENT_METHOD_CHOICES, default=CARD, db_index=True
    )
    # A bank-transfer pledge's code (digits only, see donations/bank_transfer.py): what the donor
    # writes after "ДАРЕНИЕ"/"DONATION" and what a statement line is matched by.
    bank_reference = models.CharField(_("bank payment reference"), max_length=16, unique=True, null=True, blank=True)
    donor_type = models.CharField(_("donor"), max_length=10, choices=DONOR_TYPE_CHOICES, default=PERSON)
    company_name = models.CharField(_("company name"), max_length=200, blank=True)
    company_eik = models.CharField(_("company ЕИК/BULSTAT"), max_length=13, blank=True)
    # The first gift of a monthly donation whose latest invoice failed (cleared when one is paid).
    payment_failed_at = models.DateTimeField(_("last payment failed"), null=True, blank=True)

    stripe_checkout_session_id = models.CharField(
        _("Stripe: Checkout Session"), max_length=255, unique=True, null=True, blank=True
    )
    stripe_payment_intent_id = models.CharField(_("Stripe: PaymentIntent"), max_length=255, blank=True, db_index=True)
    stripe_customer_id = models.CharField(_("Stripe: customer"), max_length=255, blank=True, db_index=True)
    stripe_subscription_id = models.CharField(_("Stripe: subscription"), max_length=255, blank=True, db_index=True)
    stripe_invoice_id = models.CharField(_("Stripe: invoice"), max_length=255, unique=True, null=True, blank=True)
    stripe_charge_id = models.CharField(_("Stripe: charge"), max_length=255, blank=True, db_index=True)
    subscription_status = models.CharField(_("subscription status"), max_length=40, blank=True)

    receipt_year = models.PositiveIntegerField(_("receipt year"), null=True, blank=True)
    receipt_number = models.PositiveIntegerField(_("receipt number"), null=True, blank=True)
    receipt_sent_at = models.DateTimeField(_("receipt sent"), null=True, blank=True)

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)

    class Meta:
        verbose_name = _("donation")
        verbose_name_plural = _("donations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["receipt_year", "receipt_number"], name="unique_receipt_number_per_year"),
            models.CheckConstraint(
                condition=Q(amount_refunded__lte=models.F("amount")), name="refund_not_above_amount"
            ),
        ]

    def __str__(self):
        return f"{self.receipt_reference or self.uuid} · {from_cents(self.amount)} {self.currency.upper()}"

    @property
    @admin_display(description=_("Donation"))
    def listing_reference(self):
        """How the admin's list names the gift, short enough for its first column: the receipt
        number, else the first part of its reference (its page shows the whole one)."""
        return self.receipt_reference or str(self.uuid).split("-")[0]

    @property
    @admin_display(description=_("amount (EUR)"))
    def amount_eur(self):
        return from_cents(self.amount)

    @property
    @admin_display(description=_("refunded (EUR)"))
    def amount_refunded_eur(self):
        return from_cents(self.amount_refunded)

    @property
    @admin_display(description=_("currency"))
    def currency_code(self):
        return self.currency.upper()

    @property
    @admin_display(description=_("campaign"))
    def campaign_title(self):
        return self.page.title if self.page_id else ""

    @property
    @admin_display(description=_("net amount (EUR)"))
    def net_amount_eur(self):
        return from_cents(self.amount - self.amount_refunded)

    # Labels, not codes, in the exports: the accountant reads "Partially refunded", not
    # "partially_refunded" (in the language the staff member uses the admin in).
    @property
    @admin_display(description=_("status"))
    def status_label(self):
        return str(self.get_status_display())

    @property
    @admin_display(description=_("frequency"))
    def frequency_label(self):
        return str(self.get_frequency_display())

    @property
    @admin_display(description=_("dedication"))
    def dedication_label(self):
        return str(self.get_dedication_kind_display()) if self.dedication_kind else ""

    @property
    @admin_display(description=_("receipt number"))
    def receipt_reference(self):
        if self.receipt_number is None:
            return ""
        return f"{self.receipt_year}-{self.receipt_number:06d}"

    @property
    def is_company(self):
        return self.donor_type == COMPANY and bool(self.company_name)

    @property
    def is_bank_transfer(self):
        return self.payment_method == BANK_TRANSFER

    @property
    def is_confirmed(self):
        return self.status in self.RECEIVED_STATUSES


class DonationEvent(models.Model):
    """What happened to a gift and why: the history staff read when a donor asks."""

    donation = models.ForeignKey(Donation, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=60)
    message = models.CharField(max_length=500, blank=True)
    stripe_event_id = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("donation event")

    def __str__(self):
        return f"{self.kind}: {self.message}"


class StripeEvent(models.Model):
    """Every verified webhook event, stored in the same transaction as its effects: the unique
    event id is what makes a re-delivery (or a concurrent double delivery) change nothing."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100, db_index=True)
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    # Set when the names and addresses in the payload were removed (retention or erasure).
    personal_data_removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Stripe event")
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.type} {self.event_id}"


class PaymentFailureNotice(models.Model):
    """One email per failed invoice: the unique invoice id makes a re-delivered
    invoice.payment_failed (or two at once) send nothing more."""

    donation = models.ForeignKey(Donation, on_delete=models.CASCADE, related_name="payment_failure_notices")
    stripe_invoice_id = models.CharField(max_length=255, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("failed payment email")

    def __str__(self):
        return self.stripe_invoice_id


class BankStatementImport(models.Model):
    """One upload (or command run) of a bank statement file."""

    CAMT053 = "camt053"
    MT940 = "mt940"
    FORMAT_CHOICES = [(CAMT053, "ISO 20022 camt.053"), (MT940, "SWIFT MT940")]

    file_name = models.CharField(_("file"), max_length=255)
    file_format = models.CharField(_("format"), max_length=10, choices=FORMAT_CHOICES)
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)
    imported_by = models.CharField(_("imported by"), max_length=150, blank=True)
    credits = models.PositiveIntegerField(_("credits in the file"), default=0)
    new_lines = models.PositiveIntegerField(_("new credits"), default=0)
    matched = models.PositiveIntegerField(_("matched"), default=0)

    class Meta:
        verbose_name = _("bank statement import")
        ordering = ["-imported_at"]

    def __str__(self):
        return self.file_name


class BankStatementLine(models.Model):
    """A credit on the foundation's account, stored once whatever how often its statement is
    imported: ``unique_key`` is account + the bank's entry reference + booking date + amount."""

    MATCHED = "matched"
    ASSIGNED = "assigned"
    UNMATCHED = "unmatched"
    MISMATCH = "mismatch"
    IGNORED = "ignored"
    STATE_CHOICES = [
        (MATCHED, _("Matched to a pledge")),
        (ASSIGNED, _("Assigned by staff")),
        (UNMATCHED, _("No pledge found")),
        (MISMATCH, _("Reference found, amount differs")),
        (IGNORED, _("Not a donation")),
    ]
    OPEN_STATES = [UNMATCHED, MISMATCH]

    unique_key = models.CharField(max_length=255, unique=True)
    statement_import = models.ForeignKey(
        BankStatementImport, on_delete=models.PROTECT, related_name="lines", verbose_name=_("import")
    )
    account_iban = models.CharField(_("account"), max_length=42)
    bank_reference = models.CharField(_("bank's reference"), max_length=140, blank=True)
    booking_date = models.DateField(_("booking date"))
    amount = models.PositiveIntegerField(_("amount (cents)"))
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    payer_name = models.CharField(_("payer"), max_length=200, blank=True)
    payer_iban = models.CharField(_("payer's account"), max_length=42, blank=True)
    remittance = models.CharField(_("payment details"), max_length=500, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=STATE_CHOICES, db_index=True)
    donation = models.OneToOneField(
        Donation, null=True, blank=True, on_delete=models.SET_NULL, related_name="bank_line",
        verbose_name=_("donation"),
    )
    # The pledge whose code the text carries, when the credit could not be matched to it (the
    # amount differs, or it was already paid): a hint for staff.
    suggested_donation = models.ForeignKey(
        Donation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("pledge named in the payment details"),
    )
    resolved_by = models.CharField(_("resolved by"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("bank credit")
        verbose_name_plural = _("bank credits")
        ordering = ["-booking_date", "pk"]

    def __str__(self):
        return f"{self.booking_date} {from_cents(self.amount)} {self.currency} {self.remittance[:40]}"

    @property
    @admin_display(description=_("amount (EUR)"))
    def amount_eur(self):
        return from_cents(self.amount)


class ReceiptCounter(models.Model):
    """The last receipt number given out in a year; its row is locked while the next is taken."""

    year = models.PositiveIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("receipt counter")

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class NewsletterSubscriber(models.Model):
    """One address on the newsletter list. Double opt-in: a sign-up (from the newsletter form or
    the donation form) is only a request until the emailed link is followed; only confirmed
    addresses are ever exported for a mailing. The consent is kept as evidence: when, from which
    form on which page, and the exact wording shown. Unsubscribing deletes the row and keeps
    only a NewsletterSuppression (a hash of the address)."""

    FORM = "form"
    DONATION = "donation"
    SOURCE_CHOICES = [(FORM, _("Newsletter form")), (DONATION, _("Donation form"))]

    email = models.EmailField(_("email"), unique=True)
    language = models.CharField(_("language"), max_length=10, default="bg", choices=language_choices)
    source = models.CharField(_("signed up through"), max_length=20, choices=SOURCE_CHOICES, default=FORM)
    consent_page = models.CharField(
        _("form shown on"), max_length=255, blank=True, help_text=_("The address of the page the form was on.")
    )
    consent_text = models.TextField(_("consent given"), blank=True, help_text=_("The wording the person agreed to."))
    consented_at = models.DateTimeField(_("consent given at"))
    confirmation_sent_at = models.DateTimeField(_("confirmation email sent"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    @property
    def is_active(self):
        return self.confirmed_at is not None

    @property
    @admin_display(description=_("status"))
    def status_label(self):
        if self.confirmed_at:
            return _("Confirmed")
        return _("Awaiting confirmation")


class NewsletterSuppression(models.Model):
    """An address that unsubscribed (or asked for its data to be erased), kept only as a one-way
    hash (core.personal_data.email_hash): enough to stop a mailing or a confirmation email based
    on a consent given before it, nothing to write to. A new sign-up that the person confirms
    removes it."""

    email_hash = models.CharField(_("email address (SHA-256)"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("unsubscribed"))

    class Meta:
        verbose_name = _("unsubscribed address")
        verbose_name_plural = _("unsubscribed addresses")

    def __str__(self):
        return self.email_hash[:12]
