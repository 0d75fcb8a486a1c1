"""Staff's filter "Monthly gifts whose last payment failed" in the donations admin, in a real
browser at 1280 and 360 px, with the admin in Bulgarian and in English: the filter is offered in
the staff member's language, it lists the failing monthly gift and not the healthy ones, the
list says when the last payment failed, and the screen passes axe. With SHOTS_DIR set, each
state is photographed.

The gifts and the staff members are written into a copy of the session's seeded database
(python -m tests.browser.test_failing_gifts_admin), served on a port of its own: the session's
site, whose donation page other tests read, keeps no gifts."""

import json
import os
from pathlib import Path

import pytest

from tests.browser.conftest import (
    new_tab,
    served_copy_of,
)
from tests.browser.site_under_test import LANGUAGES, SeededSite
from tests.browser.test_accessibility import BLOCKING_IMPACTS, WCAG_TAGS, describe

pytestmark = pytest.mark.browser

WIDTHS = (1280, 360)
VIEWPORT_HEIGHT = 800
SHOTS = Path(os.environ["SHOTS_DIR"]) if os.environ.get("SHOTS_DIR") else None
FAILING_DONOR = "Failing Monthly Donor"
HEALTHY_DONORS = ("Healthy Monthly Donor", "One-off Donor")
FILTER_LABEL = {"bg": "Месечни дарения с неуспешно последно плащане", "en": "Monthly gifts whose last payment failed"}
FAILED_COLUMN = {"bg": "последно неуспешно плащане", "en": "last payment failed"}
SHOW_FILTERS = {"bg": "Покажете филтрите", "en": "Show filters"}
YES = {"bg": "да", "en": "yes"}
INDEX = "/admin/donation_records/"


def write_gifts_and_staff():
    """Run in the copied site's database (see __main__): one failing monthly gift, one healthy
    monthly gift, one one-off gift, and a staff member per admin language."""
    from django.db import transaction
    from django.utils import timezone

    from donations.models import Donation, DonationPage
    from donations.receipts import assign_receipt_number
    from tests.browser.admin_session import staff_session

    page = DonationPage.objects.filter(locale__language_code="bg").first()
    common = {"page": page, "status": Donation.PAID, "locale": "bg", "paid_at": timezone.now()}
    failing = Donation(
        **common, amount=2000, frequency="monthly", donor_name=FAILING_DONOR, email="failing@example.org",
        stripe_subscription_id="sub_browser_failing", payment_failed_at=timezone.now(),
    )
    # The year's next number, as a payment takes it: the copied database may hold the gifts of
    # the browser journeys that ran before this module.
    with transaction.atomic():
        assign_receipt_number(failing)
        failing.save()
    Donation.objects.create(
        **common, amount=3000, frequency="monthly", donor_name=HEALTHY_DONORS[0], email="healthy@example.org",
        stripe_subscription_id="sub_browser_healthy",
    )
    Donation.objects.create(**common, amount=5000, frequency="once", donor_name=HEALTHY_DONORS[1],
                            email="once@example.org")
    return {"receipt": failing.receipt_reference, **{language: staff_session(language) for language in LANGUAGES}}


@pytest.fixture(scope="module")
def admin_site(seeded_site):
    """The seeded site with three gifts and two staff members, on its own copy of the database."""
    served = served_copy_of(seeded_site, "tests.browser.test_failing_gifts_admin", "mir-admin-site-")
    with served as (url, log, printed):
        yield SeededSite(base_url=url, server_log=log), json.loads(printed)


@pytest.fixture
def staff_tab(browser):
    contexts = []

    def open_tab(site, session, width):
        context, tab = new_tab(browser, viewport={"width": width, "height": VIEWPORT_HEIGHT}, bypass_csp=True)
        cookie = {"name": session["cookie"], "value": session["session"], "url": site.base_url, "secure": True}
        context.add_cookies([cookie])
        contexts.append(context)
        return tab

    yield open_tab
    for context in contexts:
        context.close()


def shoot(tab, name, language, width):
    if SHOTS is None:
        return
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"{name}-{language}-{width}.png"), full_page=True)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_staff_filter_the_monthly_gifts_whose_last_payment_failed(staff_tab, admin_site, axe_source, language,
                                                                   width):
    site, staff = admin_site
    tab = staff_tab(site, staff[language], width)
    site.visit(tab, INDEX)
    assert tab.locator("html").get_attribute("lang").startswith(language)
    listing = tab.locator("main table")
    assert all(listing.get_by_text(name).count() == 1 for name in (FAILING_DONOR, *HEALTHY_DONORS))

    # The filter, in the staff member's language, as a checkbox with its label.
    checkbox = tab.locator("input[name=failing]")
    assert checkbox.count() == 1
    label = tab.locator(f"label[for={checkbox.get_attribute('id')}]")
    assert label.inner_text().strip() == FILTER_LABEL[language]
    site.visit(tab, f"{INDEX}?failing=on")
    assert tab.locator("input[name=failing]").is_checked()
    listing = tab.locator("main table")
    assert listing.get_by_text(FAILING_DONOR).count() == 1
    assert all(listing.get_by_text(name).count() == 0 for name in HEALTHY_DONORS)
    assert FAILED_COLUMN[language] in listing.locator("thead").inner_text().lower()
    # The filter in force says so in words, and the gift is named by its receipt number.
    active = tab.locator(".w-active-filters")
    assert active.inner_text().split() == f"{FILTER_LABEL[language]}: {YES[language]}".split()
    assert listing.locator("tbody tr").first.locator("td, th").first.inner_text().split()[0] == staff["receipt"]
    shoot(tab, "admin-failing-gifts", language, width)
    # The filter itself, as staff open it: "Show filters", then the failing gifts' checkbox.
    tab.get_by_role("button", name=SHOW_FILTERS[language]).click()
    tab.locator(f"button.w-drilldown__toggle[aria-controls=drilldown-{checkbox.get_attribute('id')}]").click()
    assert tab.locator("input[name=failing]").is_visible()
    shoot(tab, "admin-failing-filter-open", language, width)

    tab.add_script_tag(content=axe_source)
    results = tab.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_TAGS
    )
    blocking = [violation for violation in results["violations"] if violation["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe on {INDEX}?failing=on:\n{describe(blocking)}"


if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps(write_gifts_and_staff()))
