"""Property-based tests (hypothesis): whatever a browser or a bot posts to the donation form,
the answer is a checkout session for a valid gift or the form again with a clear error and
everything typed kept; never a server error, never a wrong amount."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from donations.forms import DonationForm
from donations.models import Donation, to_cents
from tests.donations.conftest import form_data

pytestmark = pytest.mark.django_db

# Any text a browser can send (no lone surrogates: they cannot be encoded as UTF-8 at all).
any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
amount_like = st.one_of(
    any_text,
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.decimals(min_value=0, max_value=10_000, places=2).map(lambda d: f"{d}".replace(".", ",")),
    st.integers(min_value=-10**6, max_value=10**25).map(str),
    st.floats().map(repr),
    st.sampled_from(["4,99", "5", "5,00", "5000", "5000.00", "5000.01", " 12 ", "1e3", "€ 25", "25 €", "1.000,50",
                     "0x10", "١٢", "NaN", "-Infinity", "10.005", "", " "]),
)
# No example database in the work tree; each run explores afresh (and prints any failing example).
_base = {"deadline": None, "database": None, "suppress_health_check": [HealthCheck.function_scoped_fixture]}
common = settings(max_examples=150, **_base)
http = settings(max_examples=60, **_base)


def check_form(form, page):
    valid = form.is_valid()
    if valid:
        amount = form.cleaned_data["amount"]
        assert isinstance(amount, Decimal) and amount.is_finite()
        assert page.minimum_amount <= amount <= page.maximum_amount
        assert to_cents(amount) == amount * 100  # whole cents, nothing rounded away
        assert form.cleaned_data["frequency"] in ("once", "monthly")
    else:
        assert form.errors
        for errors in form.errors.values():
            assert all(str(error).strip() for error in errors)
    return valid


@common
@given(raw=amount_like, frequency=st.sampled_from(["once", "monthly", "", "yearly"]))
def test_any_other_amount_is_a_valid_gift_or_a_clear_error(pages, raw, frequency):
    page = pages["bg"]
    check_form(DonationForm(form_data(amount_choice="other", other_amount=raw, frequency=frequency), page=page), page)


@common
@given(
    fields=st.fixed_dictionaries(
        {},
        optional={
            "frequency": st.one_of(any_text, st.sampled_from(["once", "monthly"])),
            "amount_choice": st.one_of(any_text, st.sampled_from(["20", "50", "10", "other", "200.0"])),
            "other_amount": amount_like,
            "donor_name": any_text,
            "email": st.one_of(any_text, st.emails().map(lambda e: e[:254])),
            "anonymous": any_text,
            "dedication_kind": st.one_of(any_text, st.sampled_from(["", "honour", "memory"])),
            "dedication_name": any_text,
            "newsletter_opt_in": any_text,
            "consent": any_text,
        },
    )
)
def test_any_combination_of_fields_is_valid_or_explained(pages, fields):
    page = pages["en"]
    check_form(DonationForm(fields, page=page), page)


@http
@given(raw=amount_like, name=any_text, frequency=st.sampled_from(["once", "monthly"]))
def test_posting_anything_never_gives_a_server_error(client, pages, test_gateway_settings, raw, name, frequency):
    cache.clear()  # rate limits are tested elsewhere
    before = Donation.objects.count()
    data = form_data(amount_choice="other", other_amount=raw, donor_name=name, frequency=frequency)
    response = client.post("/bg/darete/", data)
    assert response.status_code in (400, 303)
    if response.status_code == 303:
        donation = Donation.objects.latest("pk")
        assert Donation.objects.count() == before + 1
        assert 500 <= donation.amount <= 500_000 and donation.frequency == frequency
        assert response["Location"].endswith(f"/test-checkout/{donation.stripe_checkout_session_id}/")
    else:
        assert Donation.objects.count() == before  # nothing half-created
        content = response.content.decode()
        assert 'role="alert"' in content and 'aria-invalid="true"' in content
        # Everything typed is still there.
        if raw.strip() and "\x00" not in raw:
            assert f'value="{escape(raw)}"' in content or f'value="{escape(raw.strip())}"' in content


@settings(max_examples=25, **_base)
@given(
    cents=st.integers(min_value=500, max_value=500_000),
    frequency=st.sampled_from(["once", "monthly"]),
    language=st.sampled_from(["bg", "en"]),
)
def test_valid_amounts_reach_stripe_exactly(client, pages, stripe_settings, cents, frequency, language):
    cache.clear()
    amount = f"{Decimal(cents) / 100:.2f}"
    url = "/bg/darete/" if language == "bg" else "/en/donate/"
    before = len(stripe_settings.session_requests())
    response = client.post(url, form_data(amount_choice="other", other_amount=amount, frequency=frequency))
    assert response.status_code == 303
    request = stripe_settings.session_requests()[before]["form"]
    assert request["line_items[0][price_data][unit_amount]"] == str(cents)
    assert request["line_items[0][price_data][currency]"] == "eur"
    assert request["mode"] == ("subscription" if frequency == "monthly" else "payment")
    assert request["locale"] == language
    donation = Donation.objects.get(uuid=request["client_reference_id"])
    assert donation.amount == cents
