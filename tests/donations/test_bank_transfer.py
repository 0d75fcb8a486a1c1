"""Gifts by bank transfer: the form offers it only with the foundation's IBAN; a pledge gets a
short, unique reference with "ДАРЕНИЕ"/"DONATION"; its page and email carry the details and an
EPC QR code."""

import re
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from hypothesis import given
from hypothesis import strategies as st

from donations import bank_transfer
from donations.models import Donation
from tests.donations import bank
from tests.donations.conftest import form_data, says, translated

pytestmark = pytest.mark.django_db


def pledge(client, on_commit, url="/bg/darete/", **fields):
    with on_commit():
        response = client.post(url, form_data(payment_method="bank_transfer", **fields))
    assert response.status_code == 303, response.content.decode()[:3000]
    return response, Donation.objects.get()


def test_the_form_offers_no_bank_transfer_without_an_iban(client, pages):
    bank.organisation(bank_iban="")
    content = client.get("/bg/darete/").content.decode()
    assert 'name="payment_method"' not in content
    assert 'name="donor_type"' in content


def test_the_form_offers_bank_transfer_with_an_iban(client, pages):
    bank.organisation()
    content = client.get("/en/donate/").content.decode()
    assert 'name="payment_method" value="card"' in content and 'value="bank_transfer"' in content


def test_a_pledge_is_pending_with_a_bulgarian_reference_and_no_payment_provider(client, pages, on_commit):
    bank.organisation()
    response, donation = pledge(client, on_commit)  # no Stripe key, no test gateway: still works
    assert donation.status == Donation.PENDING
    assert donation.payment_method == "bank_transfer"
    assert bank_transfer.is_code(donation.bank_reference)
    assert bank_transfer.payment_reference(donation) == f"ДАРЕНИЕ {donation.bank_reference}"
    assert response["Location"] == f"/bg/darete/bank-transfer/{donation.uuid}/"


def test_the_pledge_page_shows_account_amount_reference_and_qr(client, pages, on_commit):
    bank.organisation()
    response, donation = pledge(client, on_commit, url="/en/donate/")
    page = client.get(response["Location"])
    content = page.content.decode()
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    assert "BG80 BNBG 9661 1020 3456 78" in content and "BNBGBGSD" in content
    assert f"DONATION {donation.bank_reference}" in content
    assert "€50" in content
    assert "<svg" in content and 'class="copy-button"' in content


def test_the_pledge_page_of_another_campaign_or_a_card_gift_is_not_found(client, pages, on_commit):
    bank.organisation()
    _response, donation = pledge(client, on_commit)
    Donation.objects.filter(pk=donation.pk).update(payment_method="card")
    assert client.get(f"/bg/darete/bank-transfer/{donation.uuid}/").status_code == 404


def test_the_donor_gets_the_details_by_email_in_the_gifts_language(client, pages, on_commit, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    bank.organisation()
    _response, donation = pledge(client, on_commit, url="/en/donate/")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == f"Your bank transfer: DONATION {donation.bank_reference}"
    assert "BG80 BNBG 9661 1020 3456 78" in message.body and f"DONATION {donation.bank_reference}" in message.body
    html = message.alternatives[0][0]
    assert "cid:payment-qr" in html
    assert any(part.get_content_type() == "image/png" for part in message.message().walk())


METHOD_WORDS = {"en": ("card", "bank transfer"), "bg": ("карта", "банков превод")}
ACCOUNT_AND_REFERENCE = {"en": ("account", "payment reference"), "bg": ("сметка", "основанието за плащане")}
NO_CARD = {"en": "no card is charged", "bg": "без плащане с карта"}
MONTHLY_BY_BANK = (
    "A monthly gift cannot be paid by bank transfer. Please choose “Card” to give every month, or “One-off” to "
    "give by bank transfer."
)


@pytest.mark.parametrize("language, url", [("bg", "/bg/darete/"), ("en", "/en/donate/")])
def test_a_monthly_bank_transfer_is_a_translated_form_error(client, pages, language, url):
    bank.organisation()
    response = client.post(url, form_data(payment_method="bank_transfer", frequency="monthly", amount_choice="20"))
    assert response.status_code == 400
    assert says(response, MONTHLY_BY_BANK, language)
    if language == "bg":
        assert "Месечно дарение не може да се плаща с банков превод" in response.content.decode()
    assert not Donation.objects.exists()


def test_the_monthly_bank_transfer_error_is_in_the_summary_linked_to_the_payment_method(client, pages):
    bank.organisation()
    response = client.post("/bg/darete/", form_data(payment_method="bank_transfer", frequency="monthly",
                                                     amount_monthly="20", amount_choice=None))
    page = BeautifulSoup(response.content, "html.parser")
    summary = page.select_one("#error-summary")
    assert summary is not None and summary.has_attr("autofocus")
    links = summary.select("a")
    assert [link["href"] for link in links] == ["#id_payment_method_0"]
    # The question keeps its question mark, with no colon after it.
    assert links[0].get_text() == f"{translated('How would you like to pay?')} {translated(MONTHLY_BY_BANK)}"
    assert page.select_one("#id_payment_method_0")["value"] == "card"  # the link leads to the way out
    fieldset = page.select_one("fieldset.payment-method")
    assert fieldset["aria-describedby"] == "payment-method-errors"
    assert translated(MONTHLY_BY_BANK) in fieldset.select_one("#payment-method-errors").get_text()


def test_the_monthly_bank_transfer_error_keeps_every_value(client, pages):
    bank.organisation()
    response = client.post("/bg/darete/", form_data(
        payment_method="bank_transfer", frequency="monthly", amount_monthly="other", amount_choice=None,
        other_amount="35", donor_name="Мария Иванова", email="maria@example.org", donor_type="company",
        company_name="Фирма ООД", company_eik=bank.EXAMPLE_EIK, dedication_kind="memory",
        dedication_name="Иван", anonymous="on",
    ))
    page = BeautifulSoup(response.content, "html.parser").select_one("form[data-donation-form]")
    checked = {radio["name"]: radio["value"] for radio in page.select("input[type=radio][checked]")}
    assert checked["frequency"] == "monthly"
    assert checked["amount_monthly"] == "other"
    assert checked["payment_method"] == "bank_transfer"
    assert checked["donor_type"] == "company"
    values = {field["name"]: field.get("value") for field in page.select("input[type=text], input[type=email]")}
    assert values["other_amount"] == "35"
    assert values["donor_name"] == "Мария Иванова"
    assert values["email"] == "maria@example.org"
    assert values["company_name"] == "Фирма ООД"
    assert values["company_eik"] == bank.EXAMPLE_EIK
    assert values["dedication_name"] == "Иван"
    assert page.select_one("select[name=dedication_kind] option[selected]")["value"] == "memory"
    assert page.select_one("input[name=anonymous]").has_attr("checked")
    assert page.select_one("input[name=consent]").has_attr("checked")


@pytest.mark.parametrize("language, url", [("bg", "/bg/darete/"), ("en", "/en/donate/")])
def test_with_a_choice_of_method_the_button_and_trust_line_exist_for_each_method_and_neither(
        client, pages, language, url):
    bank.organisation()
    page = BeautifulSoup(client.get(url).content, "html.parser")
    submit = page.select_one(".donation-submit")
    button = submit.select_one("button[type=submit]")
    words = {kind: button.select_one(f".by-method--{kind}").get_text() for kind in ("any", "card", "bank_transfer")}
    assert words == {
        "any": translated("Continue", language),
        "card": translated("Continue to payment", language),
        "bank_transfer": translated("Continue to the transfer details", language),
    }
    trust = {kind: submit.select_one(f".trust-line.by-method--{kind}").get_text().lower() for kind in words}
    card, transfer = METHOD_WORDS[language]
    assert card in trust["any"] and transfer in trust["any"]  # true whichever method is chosen
    assert all(word in trust["bank_transfer"] for word in ACCOUNT_AND_REFERENCE[language])
    assert NO_CARD[language] in trust["bank_transfer"]


def test_without_a_choice_of_method_the_button_speaks_of_card_payment_only(client, pages):
    bank.organisation(bank_iban="")
    page = BeautifulSoup(client.get("/en/donate/").content, "html.parser")
    submit = page.select_one(".donation-submit")
    assert submit.select(".by-method") == []
    assert submit.select_one("button[type=submit]").get_text(strip=True) == "Continue to payment"


def test_a_bank_transfer_adds_no_card_fee_even_when_the_box_is_ticked(client, pages, on_commit, settings):
    settings.DONATION_CARD_FEE_PERCENT = Decimal("1.5")
    settings.DONATION_CARD_FEE_FIXED = Decimal("0.25")
    bank.organisation()
    _response, donation = pledge(client, on_commit, amount_choice="50", cover_fees="on")
    assert (donation.amount, donation.fee_cover) == (5000, 0)


def test_a_bank_transfer_without_an_iban_is_refused_as_card(client, pages):
    # The choice is not offered, so a forged value is ignored: without a gateway the card gift
    # is unavailable (503) and nothing is pledged.
    bank.organisation(bank_iban="")
    response = client.post("/bg/darete/", form_data(payment_method="bank_transfer"))
    assert response.status_code == 503
    assert not Donation.objects.exists()


def test_epc_payload_follows_epc069_12():
    payload = bank_transfer.epc_payload(
        beneficiary="Фондация Здраве", iban="BG80 BNBG 9661 1020 3456 78", bic="bnbgbgsd", amount="50",
        remittance="ДАРЕНИЕ 12345674",
    )
    lines = payload.split("\n")
    assert lines[:4] == ["BCD", "002", "1", "SCT"]
    assert lines[4:8] == ["BNBGBGSD", "Фондация Здраве", "BG80BNBG96611020345678", "EUR50.00"]
    assert lines[10] == "ДАРЕНИЕ 12345674"
    assert len(payload.encode()) <= 331


def test_epc_payload_refuses_an_amount_out_of_range():
    with pytest.raises(ValueError):
        bank_transfer.epc_payload(beneficiary="X", iban="BG80BNBG96611020345678", amount="0", remittance="x")


def test_the_reference_fits_the_remittance_field():
    code = bank_transfer.new_code()
    assert len(f"ДАРЕНИЕ {code}") <= 140 and len(code) == 8 and bank_transfer.is_code(code)


@given(st.sampled_from(["ДАРЕНИЕ {}", "DARENIE {}", "darenie {}", "DONATION{}", "Дарение № {} за децата",
                        "PLATENO OT IVAN 2024-05-02 {}"]),
       st.sampled_from(["{}", "{a} {b}", "{a}-{b}"]))
def test_the_code_is_found_however_the_bank_writes_the_text(template, spacing):
    code = bank_transfer.new_code()
    written = spacing.format(code, a=code[:4], b=code[4:])
    assert bank_transfer.codes_in(template.format(written).upper()) == [code]


def test_other_numbers_in_the_text_are_not_codes():
    code = bank_transfer.new_code()
    wrong = code[:-1] + str((int(code[-1]) + 1) % 10)  # one digit off: the check digit catches it
    assert bank_transfer.codes_in(f"ФАКТУРА {wrong}") == []
    assert bank_transfer.codes_in(f"ДАРЕНИЕ {code}1") == []  # part of a longer number


def test_two_pledges_get_different_references(client, pages, on_commit):
    bank.organisation()
    for _ in range(2):
        with on_commit():
            client.post("/bg/darete/", form_data(payment_method="bank_transfer"))
    references = set(Donation.objects.values_list("bank_reference", flat=True))
    assert len(references) == 2 and all(re.fullmatch(r"\d{8}", ref) for ref in references)
