"""The foundation's bank and ЕИК settings: validated with python-stdnum, errors translated,
stored compact; the company donor's ЕИК on the donation form."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import translation

from core.bank_identifiers import is_valid_eik
from donations.models import Donation
from tests.donations import bank
from tests.donations.conftest import form_data, says

pytestmark = pytest.mark.django_db


def settings_row(**values):
    from wagtail.models import Site

    from home.models import OrganisationSettings

    row = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    row.name_bg = "Фондация"
    for name, value in values.items():
        setattr(row, name, value)
    return row


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("bank_iban", "BG80BNBG96611020345679", "is not a valid IBAN"),
        ("bank_bic", "BNBG", "is not a valid BIC"),
        ("eik", "175074751", "is not a valid ЕИК/BULSTAT"),
    ],
)
def test_a_wrong_identifier_is_a_translated_error(pages, field, value, message):
    row = settings_row(**{field: value})
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            row.full_clean()
        assert message in " ".join(error.value.message_dict[field])
    with translation.override("bg"):
        with pytest.raises(ValidationError) as bulgarian:
            row.full_clean()
        assert message not in " ".join(bulgarian.value.message_dict[field])


def test_identifiers_are_stored_compact(pages):
    row = settings_row(bank_iban="bg80 bnbg 9661 1020 3456 78", bank_bic="bnbg bgsd", eik="BG 175 074 752")
    row.full_clean()
    assert (row.bank_iban, row.bank_bic, row.eik) == ("BG80BNBG96611020345678", "BNBGBGSD", "175074752")


def test_everything_is_empty_by_default(pages):
    row = settings_row()
    assert not row.accepts_bank_transfers and not row.issues_certificates
    assert (row.bank_iban, row.eik, row.certificate_legal_basis_bg) == ("", "", "")


@pytest.mark.parametrize("value, valid", [("175074752", True), ("175074751", False), ("1750747520004", True),
                                          ("1750747520005", False), ("17507475", False), ("abc", False)])
def test_eik_check_digits(value, valid):
    assert is_valid_eik(value) is valid


def test_a_company_needs_its_name_and_a_valid_eik(client, pages, test_gateway_settings):
    bank.organisation()
    response = client.post("/en/donate/", form_data(donor_type="company", company_name="", company_eik="175074751"))
    assert response.status_code == 400
    assert says(response, "Write the name of the company or organisation.", "en")
    assert says(response, "This ЕИК/BULSTAT is not valid", "en")
    assert not Donation.objects.exists()


def test_a_company_pledge_keeps_its_name_and_eik(client, pages, on_commit):
    bank.organisation()
    with on_commit():
        response = client.post("/bg/darete/", form_data(
            payment_method="bank_transfer", donor_type="company", company_name=" Пример  ООД ",
            company_eik="BG 175 074 752",
        ))
    assert response.status_code == 303
    donation = Donation.objects.get()
    assert (donation.donor_type, donation.company_name, donation.company_eik) == ("company", "Пример ООД", "175074752")


def test_a_person_leaves_no_company_details(client, pages, on_commit):
    bank.organisation()
    with on_commit():
        client.post("/bg/darete/", form_data(payment_method="bank_transfer", donor_type="person",
                                              company_name="Пример ООД", company_eik="bad"))
    donation = Donation.objects.get()
    assert (donation.donor_type, donation.company_name, donation.company_eik) == ("person", "", "")


def test_the_company_fields_are_marked_as_asked_for(client, pages):
    bank.organisation()
    page = BeautifulSoup(client.get("/en/donate/").content, "html.parser")
    for name in ("company_name", "company_eik"):
        label = page.select_one(f'label[for="id_{name}"]')
        assert label.select_one('span[aria-hidden="true"]').get_text() == "*", name
