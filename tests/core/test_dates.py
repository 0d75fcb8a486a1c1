"""Dates as each language writes them: "1 май 2024 г." in Bulgarian (day without a leading
zero, month in lower case, "г."), "1 May 2024" in British English; the same through
core.formatting, the ``long_date`` filter and Django's own date formats (FORMAT_MODULE_PATH)."""

import datetime
import re

import pytest
from django.template import Context, Template
from django.utils import timezone, translation
from hypothesis import given
from hypothesis import strategies as st

from core.formatting import format_date, format_datetime

BULGARIAN_MONTHS = ["януари", "февруари", "март", "април", "май", "юни", "юли", "август", "септември", "октомври",
                    "ноември", "декември"]
ENGLISH_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                  "November", "December"]
dates = st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2100, 12, 31))


@given(dates)
def test_bulgarian_dates_read_day_month_year_with_g(date):
    assert format_date(date, "bg") == f"{date.day} {BULGARIAN_MONTHS[date.month - 1]} {date.year} г."


@given(dates)
def test_english_dates_are_british(date):
    assert format_date(date, "en") == f"{date.day} {ENGLISH_MONTHS[date.month - 1]} {date.year}"


@pytest.mark.parametrize(("language", "expected"), [("bg", "1 май 2024 г."), ("en", "1 May 2024")])
def test_format_date_follows_the_active_language(language, expected):
    with translation.override(language):
        assert format_date(datetime.date(2024, 5, 1)) == expected


def test_a_moment_is_dated_in_sofia():
    # 22:30 UTC on 31 December is already 1 January in Sofia.
    moment = datetime.datetime(2026, 12, 31, 22, 30, tzinfo=datetime.UTC)
    assert format_date(moment, "bg") == "1 януари 2027 г."
    assert format_datetime(moment, "bg") == "1 януари 2027 г., 00:30"
    assert format_datetime(moment, "en") == "1 January 2027, 00:30"


@pytest.mark.parametrize("empty", [None, ""])
def test_no_date_is_empty(empty):
    assert format_date(empty, "bg") == format_datetime(empty, "en") == ""


@pytest.mark.parametrize(
    ("language", "template", "expected"),
    [
        ("bg", "{{ d|long_date }}", "2 декември 2026 г."),
        ("en", "{{ d|long_date }}", "2 December 2026"),
        ("bg", '{{ d|date:"DATE_FORMAT" }}', "2 декември 2026 г."),
        ("en", '{{ d|date:"DATE_FORMAT" }}', "2 December 2026"),
        ("bg", '{{ d|date:"SHORT_DATE_FORMAT" }}', "02.12.2026 г."),
        ("en", '{{ d|date:"SHORT_DATE_FORMAT" }}', "02/12/2026"),
        ("bg", '{{ d|date:"YEAR_MONTH_FORMAT" }}', "декември 2026 г."),
        ("bg", "{{ d }}", "2 декември 2026 г."),
    ],
)
def test_templates_write_dates_as_the_language_does(language, template, expected):
    with translation.override(language):
        rendered = Template("{% load site_tags %}" + template).render(Context({"d": datetime.date(2026, 12, 2)}))
    assert rendered == expected


@pytest.mark.parametrize(
    ("language", "template", "expected"),
    [
        ("bg", "{{ t|long_datetime }}", "2 декември 2026 г., 18:21"),
        ("en", "{{ t|long_datetime }}", "2 December 2026, 18:21"),
        ("bg", '{{ t|long_datetime:"seconds" }}', "2 декември 2026 г., 18:21:07"),
        ("en", '{{ t|long_datetime:"seconds" }}', "2 December 2026, 18:21:07"),
        ("bg", "{{ nothing|long_datetime|default:'—' }}", "—"),
    ],
)
def test_templates_write_moments_in_the_sites_time_zone_as_the_language_does(language, template, expected):
    moment = datetime.datetime(2026, 12, 2, 16, 21, 7, tzinfo=datetime.UTC)  # 18:21 in Sofia
    with translation.override(language):
        rendered = Template("{% load site_tags %}" + template).render(Context({"t": moment, "nothing": None}))
    assert rendered == expected


def test_no_capitalised_or_zero_padded_bulgarian_month_anywhere_in_a_year():
    with translation.override("bg"):
        for day in range(365):
            text = format_date(datetime.date(2026, 1, 1) + datetime.timedelta(days=day))
            assert not re.search(r"^0|[А-Я]", text), text


def test_today_in_bulgarian_has_no_english_month():
    assert not re.search(r"[A-Za-z]", format_date(timezone.localdate(), "bg"))
