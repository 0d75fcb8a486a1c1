"""The donation page a donor sees: the presets of each frequency only, the error summary, the
progress, the impact lines, the invitation to give monthly and the card-fee option."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from donations import fees
from donations.forms import DonationForm
from donations.models import Donation
from tests.donations.conftest import form_data, translated

pytestmark = pytest.mark.django_db


def radio_values(content, name):
    return re.findall(rf'<input type="radio" name="{name}" value="([^"]+)"', content)


# --- the presets -------------------------------------------------------------------------------


def test_reading_errors_on_an_unbound_form_changes_no_choices(pages):
    # The old form added the other frequency's presets to the choices inside full_clean(), which
    # reading form.errors runs: one-off mode then showed "20 / 50 / 100 / 200 / Other / 10 / 30".
    form = DonationForm(page=pages["bg"])
    before = {name: list(getattr(field, "choices", [])) for name, field in form.fields.items()}
    assert form.errors == {}
    after = {name: list(getattr(field, "choices", [])) for name, field in form.fields.items()}
    assert after == before


def test_each_frequency_group_shows_its_own_presets_only(client, pages):
    content = client.get("/bg/darete/").content.decode()
    assert radio_values(content, "amount_once") == ["20", "50", "100", "200", "other"]
    assert radio_values(content, "amount_monthly") == ["10", "20", "30", "50", "other"]
    assert radio_values(content, "amount_choice") == []


def test_a_refused_submit_still_shows_each_frequencys_presets_only(client, pages, test_gateway_settings):
    content = client.post("/bg/darete/", form_data(email="not an email")).content.decode()
    assert radio_values(content, "amount_once") == ["20", "50", "100", "200", "other"]
    assert radio_values(content, "amount_monthly") == ["10", "20", "30", "50", "other"]


def test_every_preset_is_labelled_in_euros(client, pages):
    content = client.get("/en/donate/").content.decode()
    labels = re.findall(r'<label for="id_amount_once_\d">([^<]+)<', content)
    assert labels[:4] == ["€20", "€50", "€100", "€200"]
    bulgarian = client.get("/bg/darete/").content.decode()
    assert re.findall(r'<label for="id_amount_monthly_\d">([^<]+)<', bulgarian)[:2] == ["10\u00a0€", "20\u00a0€"]


def test_the_chosen_frequencys_group_is_read(client, pages, test_gateway_settings):
    data = form_data(frequency="monthly", amount_once="200", amount_monthly="30")
    del data["amount_choice"]
    assert client.post("/bg/darete/", data).status_code == 303
    donation = Donation.objects.get()
    assert (donation.frequency, donation.amount) == ("monthly", 3000)


def test_a_value_of_the_hidden_group_is_refused_in_the_visible_one(client, pages, test_gateway_settings):
    data = form_data(frequency="monthly", amount_monthly="200")  # 200 is a one-off preset
    del data["amount_choice"]
    response = client.post("/bg/darete/", data)
    assert response.status_code == 400 and not Donation.objects.exists()
    assert 'href="#id_amount_monthly_0"' in response.content.decode()


def test_no_amount_chosen_is_explained(client, pages, test_gateway_settings):
    data = form_data()
    del data["amount_choice"]
    response = client.post("/en/donate/", data)
    assert "Choose an amount, or enter another amount." in response.content.decode()
    assert not Donation.objects.exists()


def test_each_group_starts_with_its_second_preset_chosen(pages):
    form = DonationForm(page=pages["bg"])
    assert (form["amount_once"].value(), form["amount_monthly"].value()) == ("50", "20")


# --- the error summary -------------------------------------------------------------------------


def test_error_summary_links_every_invalid_field_and_takes_the_focus(client, pages, test_gateway_settings):
    data = form_data(email="nope", amount_choice="other", other_amount="abc", donor_name="Запазено Име")
    del data["consent"]
    content = client.post("/en/donate/", data).content.decode()
    summary = re.search(r'<div class="error-summary"[^>]*>.*?</div>', content, re.S)
    assert summary is not None
    tag = summary.group(0).split(">", 1)[0]
    assert 'id="error-summary"' in tag and 'tabindex="-1"' in tag and "autofocus" in tag and 'role="alert"' in tag
    links = re.findall(r'href="#([^"]+)"', summary.group(0))
    assert links == ["id_other_amount", "id_email", "id_consent"]  # in the form's order
    for anchor in links:
        assert f'id="{anchor}"' in content
    assert 'value="Запазено Име"' in content and 'value="abc"' in content


def test_no_summary_on_a_fresh_form(client, pages):
    assert "error-summary" not in client.get("/bg/darete/").content.decode()


# --- progress ----------------------------------------------------------------------------------


def test_progress_shows_raised_goal_donors_and_days_left(client, pages):
    from tests.donations.factories import DonationFactory

    for language in ("bg", "en"):  # synchronised fields: the same campaign in both languages
        pages[language].end_date = timezone.localdate() + datetime.timedelta(days=12)
        pages[language].save_revision().publish()
    DonationFactory(page=pages["bg"], status=Donation.PAID, amount=25000)
    content = client.get("/en/donate/").content.decode()
    assert '<progress max="100" value="25"' in content
    assert "€250 raised of €1,000" in content and "1 donor" in content and "12 days left" in content


def test_without_goal_gifts_or_end_date_there_is_no_progress_at_all(client, pages):
    page = pages["bg"]
    page.goal_amount = None
    page.save_revision().publish()
    content = client.get("/bg/darete/").content.decode()
    assert "donation-progress" not in content and "<progress" not in content


# --- impact lines and the monthly invitation ---------------------------------------------------


def test_impact_lines_show_only_where_editors_wrote_them(client, pages):
    page = pages["bg"]
    page.impact_lines = [("impact", {"frequency": "once", "amount": Decimal("50"), "text": "Текст на редактора"})]
    page.save_revision().publish()
    content = client.get("/bg/darete/").content.decode()
    assert content.count('class="impact-line"') == 1
    assert "50\u00a0€ — Текст на редактора" in content


def test_no_impact_line_without_editors_text(client, pages):
    assert "impact-line" not in client.get("/bg/darete/").content.decode()


@pytest.mark.parametrize("language, path", [("bg", "/bg/darete/"), ("en", "/en/donate/")])
def test_the_monthly_invitation_has_a_default_text_in_each_language(client, pages, language, path):
    from donations.models import DEFAULT_MONTHLY_INVITATION

    content = client.get(path).content.decode()
    assert 'class="monthly-invitation"' in content
    assert translated(str(DEFAULT_MONTHLY_INVITATION), language) in content
    assert "?frequency=monthly" in content


def test_editors_own_monthly_invitation_replaces_the_default(client, pages):
    page = pages["bg"]
    page.monthly_invitation = "Станете месечен дарител."
    page.save_revision().publish()
    content = client.get("/bg/darete/").content.decode()
    assert "Станете месечен дарител." in content


# --- the card fees -----------------------------------------------------------------------------


@pytest.fixture
def card_fees(settings):
    settings.DONATION_CARD_FEE_PERCENT = Decimal("1.5")
    settings.DONATION_CARD_FEE_FIXED = Decimal("0.25")


def test_fee_cover_leaves_the_whole_gift_after_the_fee(card_fees):
    # (50 + 0.25) / 0.985 = 51.015… → 51.02 charged, 1.02 added.
    assert fees.fee_cover(Decimal("50")) == Decimal("1.02")


@hypothesis_settings(max_examples=200, deadline=None)
@given(
    cents=st.integers(min_value=100, max_value=500_000),
    percent=st.decimals(min_value=0, max_value=10, places=2),
    fixed=st.decimals(min_value=0, max_value=2, places=2),
)
def test_fee_cover_is_the_smallest_addition_that_covers_the_fee(cents, percent, fixed):
    from django.test import override_settings

    amount = Decimal(cents) / 100
    with override_settings(DONATION_CARD_FEE_PERCENT=percent, DONATION_CARD_FEE_FIXED=fixed):
        added = fees.fee_cover(amount)
    if percent == 0 and fixed == 0:
        assert added == 0
        return
    charge = amount + added
    assert charge - (charge * percent / 100 + fixed) >= amount
    smaller = charge - Decimal("0.01")
    assert smaller - (smaller * percent / 100 + fixed) < amount


def test_no_fee_option_when_the_settings_are_unset(client, pages, settings):
    settings.DONATION_CARD_FEE_PERCENT = Decimal("0")
    settings.DONATION_CARD_FEE_FIXED = Decimal("0")
    assert "cover_fees" not in DonationForm(page=pages["bg"]).fields
    assert "cover_fees" not in client.get("/bg/darete/").content.decode()


def test_the_fee_option_names_the_rates(client, pages, card_fees):
    content = client.get("/bg/darete/").content.decode()
    assert 'name="cover_fees"' in content
    assert "1,5% + 0,25\u00a0€" in content


def test_the_charged_amount_includes_the_covered_fee(client, pages, stripe_settings, card_fees):
    client.post("/bg/darete/", form_data(amount_choice="50", cover_fees="on"))
    donation = Donation.objects.get()
    assert (donation.amount, donation.fee_cover) == (5102, 102)
    body = stripe_settings.session_requests()[0]["form"]
    assert body["line_items[0][price_data][unit_amount]"] == "5102"


def test_without_the_box_ticked_the_gift_is_charged_as_chosen(client, pages, stripe_settings, card_fees):
    client.post("/bg/darete/", form_data(amount_choice="50"))
    donation = Donation.objects.get()
    assert (donation.amount, donation.fee_cover) == (5000, 0)
    assert stripe_settings.session_requests()[0]["form"]["line_items[0][price_data][unit_amount]"] == "5000"


def test_a_restored_form_keeps_the_gift_and_the_fee_choice_apart(client, pages, stripe_settings, card_fees):
    client.post("/bg/darete/", form_data(frequency="monthly", amount_choice="30", cover_fees="on"))
    cancel_url = stripe_settings.session_requests()[0]["form"]["cancel_url"]
    content = client.get(cancel_url.replace("http://testserver", "")).content.decode()
    assert re.search(r'name="amount_monthly" value="30"[^>]*checked', content)
    assert re.search(r'name="cover_fees"[^>]*checked', content)


def test_card_fee_settings_are_read_as_decimals():
    from django.core.exceptions import ImproperlyConfigured

    from config.env import env_decimal

    assert env_decimal("FEE", Decimal("0"), environ={"FEE": "1,5"}) == Decimal("1.5")
    assert env_decimal("FEE", Decimal("0"), environ={"FEE": " "}) == Decimal("0")
    assert env_decimal("FEE", Decimal("0"), environ={}) == Decimal("0")
    for bad in ("abc", "NaN", "-1", "25"):
        with pytest.raises(ImproperlyConfigured, match="FEE"):
            env_decimal("FEE", Decimal("0"), minimum=Decimal("0"), maximum=Decimal("20"), environ={"FEE": bad})
