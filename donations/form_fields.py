"""The donation form's fields for bank transfers and company donors (issue 11), kept apart from
the amount and frequency logic of donations/forms.py: the payment method (offered only while
the foundation's IBAN is set) and who gives (a person, or a company with its ЕИК, which the
certificate names)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.bank_identifiers import compact_eik, is_valid_eik
from donations.models import (
    BANK_TRANSFER,
    CARD,
    COMPANY,
    DONOR_TYPE_CHOICES,
    MONTHLY,
    PAYMENT_METHOD_CHOICES,
    PERSON,
)


class PaymentAndDonorFields(forms.Form):
    payment_method = forms.ChoiceField(
        label=_("How would you like to pay?"), choices=PAYMENT_METHOD_CHOICES, widget=forms.RadioSelect,
        initial=CARD, required=False,
    )
    donor_type = forms.ChoiceField(
        label=_("Who is giving?"), choices=DONOR_TYPE_CHOICES, widget=forms.RadioSelect, initial=PERSON,
        required=False,
    )
    company_name = forms.CharField(
        label=_("Company or organisation name"), max_length=200, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    company_eik = forms.CharField(
        label=_("ЕИК/BULSTAT"), max_length=20, required=False,
        help_text=_("9 or 13 digits. It is printed on the donation certificate for the company's accounts."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, accepts_bank_transfers=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.accepts_bank_transfers = accepts_bank_transfers
        if not accepts_bank_transfers:
            # Without the foundation's account there is nothing to choose.
            del self.fields["payment_method"]

    def monthly_bank_transfer_message(self):
        """What to do when "monthly" and "bank transfer" are both chosen: the server's error, and
        the note CSS shows before the submit where JavaScript does not switch the frequency."""
        return _(
            "A monthly gift cannot be paid by bank transfer. Please choose “Card” to give every month, or "
            "“One-off” to give by bank transfer."
        )

    def wants_bank_transfer(self):
        return self.accepts_bank_transfers and self.data.get("payment_method") == BANK_TRANSFER

    def clean_payment_method(self):
        return self.cleaned_data.get("payment_method") or CARD

    def clean_donor_type(self):
        return self.cleaned_data.get("donor_type") or PERSON

    def clean_company_name(self):
        return " ".join(self.cleaned_data["company_name"].split())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("donor_type") == COMPANY:
            if not cleaned.get("company_name"):
                self.add_error("company_name", _("Write the name of the company or organisation."))
            eik = compact_eik(cleaned.get("company_eik"))
            if not eik:
                self.add_error("company_eik", _("Write the company's ЕИК/BULSTAT, so the certificate can name it."))
            elif not is_valid_eik(eik):
                self.add_error(
                    "company_eik",
                    _("This ЕИК/BULSTAT is not valid: check the digits (9 or 13, the last is a check digit)."),
                )
            else:
                cleaned["company_eik"] = eik
        else:
            cleaned["donor_type"] = PERSON
            cleaned["company_name"] = ""
            cleaned["company_eik"] = ""
        if cleaned.get("payment_method", CARD) == BANK_TRANSFER and cleaned.get("frequency") == MONTHLY:
            # On the payment method: its summary link leads to "Card", the first option.
            self.add_error("payment_method", self.monthly_bank_transfer_message())
        cleaned.setdefault("payment_method", CARD)
        return cleaned
