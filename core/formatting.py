"""Money, numbers and dates as each language writes them; shared by templates, forms, emails and the seed."""

import datetime
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.formats import date_format, get_format
from django.utils.translation import get_language, pgettext_lazy

NBSP = "\u00a0"


def format_eur(amount, language=None):
    """Money in the visitor's language: "704 172 €" / "129 068,80 €" in Bulgarian,
    "€704,172" / "€129,068.80" in English. Cents are shown only when there are any."""
    if amount is None or amount == "":
        return ""
    amount = Decimal(amount)
    language = (language or get_language() or "bg")[:2]
    cents = amount != amount.to_integral_value()
    text = f"{amount:,.2f}" if cents else f"{amount:,.0f}"
    if language == "bg":
        text = text.replace(",", NBSP).replace(".", ",")
        return f"{text}{NBSP}€"
    return f"€{text}"


def format_number(value, language=None):
    if value is None or value == "":
        return ""
    language = (language or get_language() or "bg")[:2]
    text = f"{int(value):,}"
    return text.replace(",", NBSP) if language == "bg" else text


# Django's "E" format is the month name "for long dates"; its Bulgarian catalogue gives it
# capitalised ("Май"), but Bulgarian writes month names in lower case ("1 май 2024 г."). Marked
# here so that makemessages keeps them in the project's catalogue, which Django reads before its
# own (LOCALE_PATHS); core/formats/bg/formats.py uses "E".
ALTERNATIVE_MONTH_NAMES = (
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)


def format_date(value, language=None):
    """A date as the language writes it in running text: "1 май 2024 г." / "1 May 2024". A
    datetime is shown as its date in the site's time zone. The one function behind the
    ``long_date`` filter, emails, receipts and text exports."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    language = (language or get_language() or "bg")[:2]
    with translation.override(language):
        return date_format(value, "DATE_FORMAT")


def format_datetime(value, language=None, seconds=False):
    """A moment as the language writes it, in the site's time zone: "2 декември 2026 г., 15:45" /
    "2 December 2026, 15:45" (with ``seconds``: "…, 15:45:07")."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    language = (language or get_language() or "bg")[:2]
    with translation.override(language):
        pattern = get_format("DATETIME_FORMAT")
        return date_format(value, pattern.replace("H:i", "H:i:s") if seconds else pattern)
