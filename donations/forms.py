"""The donation form. Amounts are checked on the server against the page's minimum and maximum
whatever the browser sent; a wrong value re-shows the form with everything the donor typed."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from core import form_protection
from core.formatting import format_eur
from donations import fees
from donations.form_fields import PaymentAndDonorFields
from donations.models import CARD, FREQUENCY_CHOICES, MONTHLY, ONCE, Donation, amount_value

OTHER = "other"


def amount_field_name(frequency):
    return f"amount_{frequency}"


class DonationForm(PaymentAndDonorFields, forms.Form):
    """Both frequencies' presets are in the page, each as its own radio group (``amount_once``,
    ``amount_monthly``), so that a donor who switches the frequency without JavaScript sees that
    frequency's amounts with one already selected, never a selection left behind in the hidden
    group. Only the group of the submitted frequency is read and checked against that
    frequency's presets. ``amount_choice`` (not rendered) is the same choice for clients that
    post one field; it too is checked against the submitted frequency's presets."""

    frequency = forms.ChoiceField(
        label=_("How often?"), choices=FREQUENCY_CHOICES, widget=forms.RadioSelect, initial=ONCE
    )
    amount_choice = forms.ChoiceField(label=_("Amount"), required=False)
    amount_once = forms.ChoiceField(label=_("Amount"), widget=forms.RadioSelect, required=False)
    amount_monthly = forms.ChoiceField(label=_("Amount per month"), widget=forms.RadioSelect, required=False)
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
        if fees.fee_cover_offered():
            percent, fixed = fees.card_fee_rates()
            self.fields["cover_fees"] = forms.BooleanField(
                label=_("Add the card fees to my gift, so that the foundation receives all of it"),
                help_text=_("The card fee is %(percent)s%% + %(fixed)s per payment.")
                % {"percent": number_format(percent.normalize()), "fixed": format_eur(fixed)},
                required=False,
            )
        self.presets = {frequency: page.suggested_amounts(frequency) for frequency in (ONCE, MONTHLY)}
        for frequency, presets in self.presets.items():
            field = self.fields[amount_field_name(frequency)]
            field.choices = [(amount_value(amount), format_eur(amount)) for amount in presets] + [
                (OTHER, _("Other amount"))
            ]
            field.widget.attrs["data-frequency"] = frequency
        # The one-field form of the choice accepts exactly the submitted frequency's presets.
        self.fields["amount_choice"].choices = self.fields[amount_field_name(self.current_frequency())].choices
        if not self.is_bound:
            restored = self.initial.get("amount_choice")
            for frequency, presets in self.presets.items():
                name = amount_field_name(frequency)
                values = [amount_value(amount) for amount in presets]
                default = values[1] if len(values) > 1 else (values[0] if values else OTHER)
                if restored and frequency == self.current_frequency() and name not in self.initial:
                    default = restored
                self.fields[name].initial = self.initial.get(name, default)

    def current_frequency(self):
        value = self.data.get("frequency") if self.is_bound else self.initial.get("frequency")
        return value if value in (ONCE, MONTHLY) else self.page.default_frequency

    def amount_groups(self):
        """For the template: per frequency, its radio group and each preset's impact line."""
        impacts = self.page.impact_texts()
        groups = []
        for frequency, _label in FREQUENCY_CHOICES:
            bound = self[amount_field_name(frequency)]
            options = [
                {"radio": radio, "impact": impacts.get((frequency, radio.data["value"]), "")}
                for radio in bound
            ]
            groups.append({"frequency": frequency, "field": bound, "options": options})
        return groups

    def error_summary(self):
        """[(anchor id, label, message)] in the form's order: each links to the field to fix (a
        radio group by its first option). The label ends with its colon, unless it is a question
        ("How would you like to pay? A monthly gift…", not "pay?: A monthly gift…")."""
        entries = []
        for name in self.fields:
            if name not in self.errors:
                continue
            bound = self[name]
            radios = isinstance(bound.field.widget, forms.RadioSelect)
            anchor = f"{bound.auto_id}_0" if radios else bound.auto_id
            label = str(bound.label)
            label = label if label.endswith(("?", "!", ":")) else f"{label}:"
            entries.extend((anchor, label, error) for error in self.errors[name])
        return entries

    def clean_donor_name(self):
        return " ".join(self.cleaned_data["donor_name"].split())

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        frequency = cleaned.get("frequency")
        if frequency is None:
            return cleaned
        name = amount_field_name(frequency)
        if "amount_choice" in self.errors:
            # The one-field form is not rendered: its error belongs to the group the donor sees.
            self.add_error(name, list(self.errors.pop("amount_choice")))
        if name in self.errors:
            return cleaned  # a value that is not one of this frequency's choices: already said
        choice = cleaned.get(name) or cleaned.get("amount_choice")
        if not choice:
            self.add_error(name, _("Choose an amount, or enter another amount."))
            return cleaned
        cleaned["amount_choice"] = choice
        raw = cleaned.get("other_amount", "") if choice == OTHER else choice
        amount = self._parse_amount(raw)
        if amount is None:
            return cleaned
        page = self.page
        if amount < page.minimum_amount:
            self.add_error(
                "other_amount" if choice == OTHER else name,
                _("The smallest gift we can accept online is %(minimum)s.")
                % {"minimum": format_eur(page.minimum_amount)},
            )
        elif amount > page.maximum_amount:
            self.add_error(
                "other_amount" if choice == OTHER else name,
                _("For gifts above %(maximum)s please contact us, so we can thank you properly.")
                % {"maximum": format_eur(page.maximum_amount)},
            )
        else:
            cleaned["amount"] = amount
            # A bank transfer costs the foundation no card fee: nothing to cover, whatever was ticked.
            by_card = cleaned.get("payment_method", CARD) == CARD
            cleaned["fee_cover"] = fees.fee_cover(amount) if cleaned.get("cover_fees") and by_card else Decimal("0")
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
