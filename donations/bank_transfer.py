"""Gifts by bank transfer: the pledge's payment reference, the European payment QR code
(EPC069-12) and the words the donor writes in the transfer.

The reference is "ДАРЕНИЕ 12345678" (Bulgarian) or "DONATION 12345678" (English): the word tells
the tax office (and the foundation's accountant) that the payment is a gift, the code names the
pledge. The code is digits only, 7 random digits and a Luhn check digit, because digits survive
everything banks do to the payment details on the way: transliterating Cyrillic to Latin
("DARENIE"), upper-casing, dropping or adding spaces, cutting the text to 140 characters (the
SEPA remittance field). A statement line is matched by the code alone, wherever it stands in the
text; the check digit keeps other numbers (dates, invoice numbers) from matching by chance."""

import re
import secrets
from decimal import Decimal

import segno
from django.db import IntegrityError, transaction
from django.utils.translation import gettext
from stdnum import luhn

from core.bank_identifiers import format_iban
from donations.models import Donation

CODE_LENGTH = 8
# Digit runs in a remittance text, allowing a space, dot or dash the donor or bank put inside.
CODE_CANDIDATE = re.compile(r"(?<!\d)(\d(?:[ .\-/]?\d){" + str(CODE_LENGTH - 1) + r"})(?!\d)")
REMITTANCE_MAX = 140
EPC_BENEFICIARY_MAX = 70
REFERENCE_WORDS = {"bg": "ДАРЕНИЕ", "en": "DONATION"}


def new_code():
    body = f"{secrets.randbelow(9 * 10 ** (CODE_LENGTH - 2)) + 10 ** (CODE_LENGTH - 2)}"
    return body + luhn.calc_check_digit(body)


def is_code(text):
    return len(text) == CODE_LENGTH and text.isdigit() and luhn.is_valid(text)


def assign_reference(donation, attempts=10):
    """Give ``donation`` a unique code (a clash with another pledge's code is retried)."""
    for _attempt in range(attempts):
        donation.bank_reference = new_code()
        try:
            with transaction.atomic():
                donation.save(update_fields=["bank_reference", "updated_at"])
            return donation.bank_reference
        except IntegrityError:
            continue
    raise RuntimeError("Could not find a free bank reference")


def payment_reference(donation, language=None):
    """The whole text for the transfer's payment details, in the gift's language."""
    language = (language or donation.locale or "bg")[:2]
    # A fixed term, not a translation: the Bulgarian must read "ДАРЕНИЕ" (the tax office and the
    # accountant look for it); any other language gets the English word.
    word = REFERENCE_WORDS.get(language, REFERENCE_WORDS["en"])
    return f"{word} {donation.bank_reference}"


def codes_in(text):
    """Every valid pledge code in a remittance text, in order."""
    found = []
    for match in CODE_CANDIDATE.finditer(text or ""):
        code = re.sub(r"\D", "", match.group(1))
        if is_code(code) and code not in found:
            found.append(code)
    return found


def _epc_text(value, limit):
    return " ".join((value or "").split())[:limit]


def epc_payload(*, beneficiary, iban, amount, remittance, bic=""):
    """The EPC QR code's text (EPC069-12 version 002, UTF-8): an SEPA credit transfer with the
    beneficiary, IBAN, amount in euro and the unstructured remittance. Lines end with LF; the
    optional trailing lines are left out."""
    amount = Decimal(amount).quantize(Decimal("0.01"))
    if not Decimal("0.01") <= amount <= Decimal("999999999.99"):
        raise ValueError("EPC QR amounts are between 0.01 and 999999999.99 EUR")
    lines = [
        "BCD",
        "002",
        "1",  # character set 1: UTF-8
        "SCT",
        (bic or "").strip().upper(),
        _epc_text(beneficiary, EPC_BENEFICIARY_MAX),
        "".join((iban or "").split()).upper(),
        f"EUR{amount}",
        "",  # purpose code
        "",  # structured creditor reference (ours is unstructured text)
        _epc_text(remittance, REMITTANCE_MAX),
    ]
    payload = "\n".join(lines)
    if len(payload.encode("utf-8")) > 331:
        raise ValueError("EPC QR payload longer than 331 bytes")
    return payload


def qr_svg(payload):
    """The QR code as inline SVG (error correction M, as EPC069-12 requires)."""
    qr = segno.make(payload, error="m", micro=False, boost_error=False, encoding="utf-8")
    # omitsize: a viewBox only, so the print stylesheet can scale it without cropping.
    return qr.svg_inline(scale=4, border=4, dark="#000", light="#fff", omitsize=True, title=gettext("Payment QR code"))


def instructions(donation, organisation):
    """Everything the pledge page, the printed slip and the email show."""
    from donations.models import from_cents

    amount = from_cents(donation.amount)
    reference = payment_reference(donation)
    beneficiary = organisation.beneficiary
    payload = epc_payload(
        beneficiary=beneficiary, iban=organisation.bank_iban, bic=organisation.bank_bic, amount=amount,
        remittance=reference,
    )
    return {
        "iban": format_iban(organisation.bank_iban),
        "iban_compact": organisation.bank_iban,
        "bic": organisation.bank_bic,
        "bank_name": organisation.bank_name,
        "beneficiary": beneficiary,
        "amount": amount,
        "reference": reference,
        "epc_payload": payload,
    }


def pending_pledges():
    return Donation.objects.filter(payment_method="bank_transfer", status=Donation.PENDING)
