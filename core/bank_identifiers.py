"""Bank and company identifiers as staff and donors type them: IBAN, BIC and the Bulgarian ЕИК
(the BULSTAT code of a legal entity), checked with python-stdnum; each check is a Django
validator whose error is translated.

The ЕИК is 9 digits (stdnum.bg.vat's check digit for legal entities) or 13 digits for a branch
(the 9-digit code, 3 more digits and a check digit over digits 9–12, the BULSTAT register's
own algorithm, which stdnum does not have)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban
from stdnum.bg import vat as stdnum_bg_vat
from stdnum.exceptions import ValidationError as StdnumError


def compact_iban(value):
    return stdnum_iban.compact(value or "")


def format_iban(value):
    """"BG80BNBG96611020345678" -> "BG80 BNBG 9661 1020 3456 78" (how banks print it)."""
    return stdnum_iban.format(value) if value else ""


def validate_iban(value):
    try:
        stdnum_iban.validate(value)
    except StdnumError as error:
        raise ValidationError(
            _("“%(value)s” is not a valid IBAN. Check it against the bank's documents."),
            code="invalid_iban", params={"value": value},
        ) from error


def validate_bic(value):
    try:
        stdnum_bic.validate(value)
    except StdnumError as error:
        raise ValidationError(
            _("“%(value)s” is not a valid BIC (SWIFT code): 8 or 11 letters and digits, e.g. BNBGBGSD."),
            code="invalid_bic", params={"value": value},
        ) from error


def compact_eik(value):
    """The digits of an ЕИК as people write it ("BG 175 074 752", "175074752")."""
    text = "".join((value or "").split()).upper()
    if text.startswith(("BG", "ВG", "БГ")):
        text = text[2:]
    return text.replace("-", "")


def _branch_check_digit(digits):
    """Check digit (13th) of a 13-digit BULSTAT code from its digits 9 to 12."""
    part = [int(d) for d in digits[8:12]]
    check = sum(w * d for w, d in zip((2, 7, 3, 5), part, strict=True)) % 11
    if check == 10:
        check = sum(w * d for w, d in zip((4, 9, 5, 7), part, strict=True)) % 11
    return str(check % 10)


def is_valid_eik(value):
    digits = compact_eik(value)
    if not digits.isdigit() or len(digits) not in (9, 13):
        return False
    if stdnum_bg_vat.calc_check_digit_legal(digits[:8]) != digits[8]:
        return False
    return len(digits) == 9 or _branch_check_digit(digits) == digits[12]


def validate_eik(value):
    if not is_valid_eik(value):
        raise ValidationError(
            _("“%(value)s” is not a valid ЕИК/BULSTAT: 9 or 13 digits whose last digit is a check digit."),
            code="invalid_eik", params={"value": value},
        )
