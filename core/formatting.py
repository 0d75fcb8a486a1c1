"""Money and numbers as each language writes them; shared by templates, forms, emails and the seed."""

from decimal import Decimal

from django.utils.translation import get_language

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


BG_MONTHS = (
    "януари", "февруари", "март", "април", "май", "юни", "юли", "август", "септември", "октомври", "ноември",
    "декември",
)
EN_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
)


def format_date_long(value, language=None):
    """A date written out: "1 май 2024 г." in Bulgarian, "1 May 2024" in English (documents such
    as certificates, whatever the active locale's formats say)."""
    if not value:
        return ""
    language = (language or get_language() or "bg")[:2]
    if language == "bg":
        return f"{value.day} {BG_MONTHS[value.month - 1]} {value.year} г."
    return f"{value.day} {EN_MONTHS[value.month - 1]} {value.year}"
