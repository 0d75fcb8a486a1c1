"""A donor's whole journey in a real browser, in both languages, through the local test gateway
(tests/browser's harness: Debian's Chromium, the seeded site served by its own process):
choose an amount, pay, see the thank-you page turn from "processing" to confirmed, the receipt
sent, the campaign total move; and the decline path returning to the filled form."""

import json
import os
import re
import uuid
from decimal import Decimal
from pathlib import Path

import pytest

from tests.browser.conftest import run_site_command, site_environment
from tests.donations.conftest import translated

# Set before the site server starts (session fixtures start after collection): the served site
# runs with DEBUG off, where the test gateway exists only when explicitly enabled.
os.environ.setdefault("STRIPE_TEST_GATEWAY", "1")

pytestmark = pytest.mark.browser

PAGE_SETUP = """
import json, django
django.setup()
from donations.models import DonationPage
# The seed's general donation page, in both languages.
pages = DonationPage.objects.live().select_related("locale").order_by("path")
print(json.dumps({page.locale.language_code: page.url for page in pages}))
"""

STATE = """
import json, sys, django
django.setup()
from donations.models import Donation
email = sys.argv[1]
donation = Donation.objects.filter(email=email).order_by("-pk").first()
page = donation.page if donation else None
from donations.models import DonationPage
page = page or DonationPage.objects.order_by("pk").first()
totals = page.campaign_totals()
print(json.dumps({
    "status": donation.status if donation else None,
    "receipt": donation.receipt_reference if donation else None,
    "receipt_sent": bool(donation and donation.receipt_sent_at),
    "amount": donation.amount if donation else None,
    "raised_cents": totals["raised_cents"],
    "donors": totals["donors"],
}))
"""


def _database(site):
    # The seeded site's database sits next to its server log (see tests/browser/conftest.py).
    return Path(site.server_log).parent / "site.sqlite3"


@pytest.fixture(scope="module")
def donation_paths(seeded_site):
    output = run_site_command(["-c", PAGE_SETUP], site_environment(_database(seeded_site)), timeout=120)
    return json.loads(output)


def site_state(site, email):
    output = run_site_command(["-c", STATE, email], site_environment(_database(site)), timeout=60)
    return json.loads(output)


def fill_form(tab, *, name, email, amount=None, other=None):
    # Inside <main>: the footer of every page has its own newsletter form (email, consent).
    form = tab.locator("main")
    if other is not None:
        form.locator("input[name=amount_once][value=other]").check()
        form.locator("input[name=other_amount]").fill(other)
    else:
        form.locator(f"input[name=amount_once][value='{amount}']").check()
    form.locator("input[name=donor_name]").fill(name)
    form.locator("input[name=email]").fill(email)
    form.locator("input[name=consent]").check()
    with tab.expect_navigation():
        form.locator("form[method=post] button[type=submit]").last.click()


@pytest.mark.parametrize("language", ["bg", "en"])
def test_pay_through_the_test_gateway_and_see_the_gift_confirmed(page, seeded_site, donation_paths, language):
    from django.utils import translation

    from core.formatting import format_eur

    site = seeded_site
    path = donation_paths[language]
    email = f"journey-{language}-{uuid.uuid4().hex[:6]}@example.org"
    before = site_state(site, email)

    site.visit(page, path)
    assert page.locator("html").get_attribute("lang") == language
    fill_form(page, name="Journey Donor", email=email, amount="50")

    # The local test gateway, clearly marked as a test.
    assert "/donations/test-checkout/cs_test_local_" in page.url
    assert translated("TEST payment page: no real money moves", language) in page.locator("h1").inner_text()
    session_id = re.search(r"/test-checkout/([^/]+)/", page.url).group(1)

    # Before paying, the thank-you page (in another tab, without cookies) says "processing".
    other = page.context.browser.new_context()
    visitor = other.new_page()
    thank_you = f"{path}thank-you/?session_id={session_id}"
    site.visit(visitor, thank_you)
    assert visitor.locator("h1").inner_text() == translated("Thank you: your payment is being processed", language)

    with page.expect_navigation():
        page.locator("form[action$='/pay/'] button").click()
    assert page.url.endswith(thank_you)
    state = site_state(site, email)
    assert page.locator("h1").inner_text() == translated("Thank you for your gift", language)
    assert state["status"] == "paid" and state["amount"] == 5000
    assert state["receipt"] in page.locator("main").inner_text()
    assert state["receipt_sent"]  # the receipt email went out (after the commit, through the task)

    # The visitor's page turns to confirmed on reload.
    visitor.reload()
    assert visitor.locator("h1").inner_text() == translated("Thank you for your gift", language)
    other.close()

    # The campaign's progress moved by the gift.
    assert state["raised_cents"] == before["raised_cents"] + 5000
    assert state["donors"] == before["donors"] + 1
    site.visit(page, path)
    with translation.override(language):
        raised = format_eur(Decimal(state["raised_cents"]) / 100)
    assert raised in page.locator(".donation-progress").inner_text()


@pytest.mark.parametrize("language", ["bg", "en"])
def test_decline_returns_to_the_filled_form(page, seeded_site, donation_paths, language):
    site = seeded_site
    path = donation_paths[language]
    email = f"decline-{language}-{uuid.uuid4().hex[:6]}@example.org"
    site.visit(page, path)
    fill_form(page, name="Declined Donor", email=email, other="17,50")
    with page.expect_navigation():
        page.locator("form[action$='/decline/'] button").click()

    assert page.url.split("?")[0].endswith(path)
    assert page.locator("input[name=donor_name]").input_value() == "Declined Donor"
    assert page.locator("main input[name=email]").input_value() == email
    assert page.locator("input[name=other_amount]").input_value() == "17.50"
    assert page.locator("input[name=amount_once][value=other]").is_checked()
    from django.utils import translation

    from donations.views import NOTICES

    with translation.override(language):
        notice = str(NOTICES["declined"])
    assert notice in page.locator("[role=alert]").first.inner_text()
    assert site_state(site, email)["status"] == "expired"
