"""Money and numbers as each language writes them: "704 172 €" in Bulgarian (non-breaking
spaces), "€704,172" in English; cents only when there are any."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from core.formatting import format_eur, format_number

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("amount", "language", "expected"),
    [
        (Decimal("704172.00"), "bg", f"704{NBSP}172{NBSP}€"),
        (Decimal("704172.00"), "en", "€704,172"),
        (Decimal("129068.80"), "bg", f"129{NBSP}068,80{NBSP}€"),
        (Decimal("129068.80"), "en", "€129,068.80"),
        (Decimal("1234567.05"), "bg", f"1{NBSP}234{NBSP}567,05{NBSP}€"),
        (Decimal("1234567.05"), "en", "€1,234,567.05"),
        (Decimal("1000.00"), "bg", f"1{NBSP}000{NBSP}€"),
        (Decimal("1000.00"), "en", "€1,000"),
        (Decimal("950"), "bg", f"950{NBSP}€"),
        (Decimal("950"), "en", "€950"),
        (Decimal("0.50"), "en", "€0.50"),
    ],
)
def test_format_eur_writes_amounts_as_the_language_does(amount, language, expected):
    assert format_eur(amount, language) == expected


def test_format_eur_accepts_strings_and_integers():
    assert format_eur("704172", "en") == format_eur(704172, "en") == format_eur(Decimal("704172.00"), "en")


@pytest.mark.parametrize("empty", [None, ""])
def test_format_eur_of_nothing_is_empty(empty):
    assert format_eur(empty, "bg") == ""


@pytest.mark.parametrize(("language", "expected"), [("bg", f"704{NBSP}172{NBSP}€"), ("en", "€704,172")])
def test_format_eur_uses_the_active_language_by_default(language, expected):
    with translation.override(language):
        assert format_eur(Decimal("704172")) == expected


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        (12500, "bg", f"12{NBSP}500"),
        (12500, "en", "12,500"),
        (1500000, "bg", f"1{NBSP}500{NBSP}000"),
        (1500000, "en", "1,500,000"),
        (999, "bg", "999"),
        (999, "en", "999"),
    ],
)
def test_format_number_groups_thousands_as_the_language_does(value, language, expected):
    assert format_number(value, language) == expected


@pytest.mark.parametrize("empty", [None, ""])
def test_format_number_of_nothing_is_empty(empty):
    assert format_number(empty, "en") == ""


@pytest.mark.parametrize(("language", "expected"), [("bg", f"3{NBSP}400"), ("en", "3,400")])
def test_number_filter_uses_the_active_language(language, expected):
    template = Template("{% load site_tags %}{{ value|number }}")

    with translation.override(language):
        assert template.render(Context({"value": 3400})) == expected


@pytest.mark.parametrize(("language", "expected"), [("bg", f"704{NBSP}172{NBSP}€"), ("en", "€704,172")])
def test_eur_filter_uses_the_active_language(language, expected):
    template = Template("{% load site_tags %}{{ amount|eur }}")

    with translation.override(language):
        assert template.render(Context({"amount": Decimal("704172.00")})) == expected
