""""Add X € to cover the card fees": what a donor adds so that the foundation receives the whole
gift after the card processor's fee (settings DONATION_CARD_FEE_PERCENT and
DONATION_CARD_FEE_FIXED, both from the environment; both 0 means the option is not offered).

The processor takes its percentage of the *charged* amount, so adding only percentage × gift
would leave the foundation short: the charge is (gift + fixed) / (1 − percentage), rounded up to
the cent, and the addition is the charge minus the gift."""

from decimal import ROUND_CEILING, Decimal

from django.conf import settings

CENT = Decimal("0.01")


def card_fee_rates():
    """(percentage, fixed EUR) as Decimals, from the settings."""
    return Decimal(settings.DONATION_CARD_FEE_PERCENT), Decimal(settings.DONATION_CARD_FEE_FIXED)


def fee_cover_offered():
    percent, fixed = card_fee_rates()
    return percent > 0 or fixed > 0


def fee_cover(amount):
    """The EUR a donor adds to ``amount`` (EUR, Decimal) so that the foundation receives
    ``amount`` after the card fee; Decimal("0") when the option is off."""
    percent, fixed = card_fee_rates()
    if not fee_cover_offered() or amount <= 0:
        return Decimal("0")
    charge = ((Decimal(amount) + fixed) / (1 - percent / 100)).quantize(CENT, rounding=ROUND_CEILING)
    return charge - Decimal(amount)
