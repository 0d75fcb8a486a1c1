"""Helpers for the bank-transfer tests: the foundation's settings filled in (with the IBAN
registry's example Bulgarian IBAN, not a real account), and sample statements written from
templates in tests/donations/data/ for the pledges a test made."""

from pathlib import Path

DATA = Path(__file__).parent / "data"
EXAMPLE_IBAN = "BG80BNBG96611020345678"
EXAMPLE_BIC = "BNBGBGSD"
# A 9-digit code with a valid check digit (stdnum's own example), not the foundation's.
EXAMPLE_EIK = "175074752"


def organisation(site=None, **changes):
    from wagtail.models import Site

    from home.models import OrganisationSettings

    site = site or Site.objects.get(is_default_site=True)
    settings = OrganisationSettings.for_site(site)
    values = {
        "name_bg": "Фондация „Здраве и социално развитие“",
        "name_en": "Health and Social Development Foundation",
        "legal_name_bg": "Фондация „Здраве и социално развитие“",
        "legal_name_en": "Health and Social Development Foundation",
        "address_bg": "гр. София, ул. Примерна 1",
        "address_en": "1 Example Street, Sofia",
        "eik": EXAMPLE_EIK,
        "public_benefit_registration_bg": "Вписана в регистъра за общественополезна дейност",
        "public_benefit_registration_en": "Registered for public-benefit activity",
        "certificate_legal_basis_bg": "Дарението може да се приспадне съгласно чл. 22 от ЗДДФЛ и чл. 31 от ЗКПО.",
        "certificate_legal_basis_en": "The gift may be deducted under art. 22 ЗДДФЛ and art. 31 ЗКПО.",
        "bank_iban": EXAMPLE_IBAN,
        "bank_bic": EXAMPLE_BIC,
        "bank_name": "Примерна банка",
        "bank_beneficiary": "Фондация Здраве и социално развитие",
    }
    values.update(changes)
    for name, value in values.items():
        setattr(settings, name, value)
    settings.save()
    return settings


def statement(template, **values):
    """A sample statement (bytes) with ``{placeholders}`` filled in."""
    text = (DATA / template).read_text(encoding="utf-8")
    return text.format(**values).encode("utf-8")
