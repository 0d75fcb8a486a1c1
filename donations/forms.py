"""The donation form. Amounts are checked on the server against the page's minimum and maximum
whatever the browser sent; a wrong value re-shows the form with everything the donor typed."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from core import form_protection
from core.formatting import format_eur
from donations.form_fields import PaymentAndDonorFields
from donations.models import FREQUENCY_CHOICES, MONTHLY, ONCE, Donation

OTHER = "other"


def amount_value(amount):
    """A preset as the radio value: "20" or "20.50"."""
    return f"{amount:f}".rstrip("0").rstrip(".") if "." in f"{amount:f}" else f"{amount:f}"


class DonationForm(PaymentAndDonorFields, forms.Form):
    frequency = forms.ChoiceField(
        label=_("How often?"), choices=FREQUENCY_CHOICES, widget=forms.RadioSelect, initial=ONCE
    )
    amount_choice = forms.ChoiceField(label=_("Amount"), widget=forms.RadioSelect)
    other_amount = forms.CharField(
        label=_("Other amount (EUR)"),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "transaction-amount"}),
    )
    donor_name = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("We send your receipt here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    anonymous = forms.BooleanField(
        label=_("Give anonymously: do not show my name on this page"), required=False
    )
    dedication_kind = forms.ChoiceField(
        label=_("Dedicate this gift"), choices=Donation.DEDICATION_CHOICES, required=False
    )
    dedication_name = forms.CharField(label=_("Name of the person"), max_length=200, required=False)
    newsletter_opt_in = forms.BooleanField(
        label=_("Send me news about the foundation's work by email"),
        required=False,
        help_text=_("Optional, separate from your gift. We will email you a link to confirm; you can unsubscribe at "
                    "any time."),
    )
    consent = forms.BooleanField(
        label=_("I agree that HESED stores my details to process this gift and send me a receipt"),
        error_messages={"required": _("Please agree to the processing of your details so we can accept the gift.")},
    )

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        form_protection.add_honeypot(self)
        self.fields["frequency"].initial = page.default_frequency
        frequency = self.current_frequency()
        presets = page.suggested_amounts(frequency)
        # Any preset of either frequency is accepted: a donor who changes the frequency without
        # reloading the suggestions must not get an error for an amount we suggested.
        shown = [(amount_value(amount), format_eur(amount)) for amount in presets]
        self.fields["amount_choice"].choices = shown + [(OTHER, _("Other amount"))]
        self.accepted_amount_choices = {amount_value(a) for f in (ONCE, MONTHLY) for a in page.suggested_amounts(f)}
        if not self.is_bound:
            self.fields["amount_choice"].initial = shown[1][0] if len(shown) > 1 else (shown[0][0] if shown else OTHER)

    def current_frequency(self):
        value = self.data.get("frequency") if self.is_bound else self.initial.get("frequency")
        return value if value in (ONCE, MONTHLY) else self.page.default_frequency

    def full_clean(self):
        # Presets hidden for the other frequency are still valid choices (see __init__).
        field = self.fields["amount_choice"]
        shown = dict(field.choices)
        field.choices = list(field.choices) + [
            (value, value) for value in sorted(self.accepted_amount_choices) if value not in shown
        ]
        super().full_clean()

    def clean_donor_name(self):
        return " ".join(self.cleaned_data["donor_name"].split())

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        choice = cleaned.get("amount_choice")
        if choice is None:
            return cleaned
        raw = cleaned.get("other_amount", "") if choice == OTHER else choice
        amount = self._parse_amount(raw)
        if amount is None:
            return cleaned
        page = self.page
        if amount < page.minimum_amount:
            self.add_error(
                "other_amount" if choice == OTHER else "amount_choice",
                _("The smallest gift we can accept online is %(minimum)s.")
                % {"minimum": format_eur(page.minimum_amount)},
            )
        elif amount > page.maximum_amount:
            self.add_error(
                "other_amount" if choice == OTHER else "amount_choice",
                _("For gifts above %(maximum)s please contact us, so we can thank you properly.")
                % {"maximum": format_eur(page.maximum_amount)},
            )
        else:
            cleaned["amount"] = amount
        if cleaned.get("dedication_kind") and not cleaned.get("dedication_name", "").strip():
            self.add_error("dedication_name", _("Write the name of the person the gift is dedicated to."))
        if not cleaned.get("dedication_kind"):
            cleaned["dedication_name"] = ""
        return cleaned

    def _parse_amount(self, raw):
        text = (raw or "").strip().replace("€", "").replace("\u00a0", "").replace(" ", "")
        # Bulgarian writes a decimal comma; a single comma or dot is the decimal separator.
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")
        if not text:
            self.add_error("other_amount", _("Enter the amount you would like to give."))
            return None
        try:
            amount = Decimal(text)
            valid = amount.is_finite() and amount > 0 and amount == amount.quantize(Decimal("0.01"))
        except InvalidOperation:  # not a number, or too many digits to hold in cents
            valid = False
        if not valid or len(text) > 12:
            self.add_error("other_amount", _("Enter an amount in euros, for example 25 or 25,50."))
            return None
        return amount
