"""A donor's own copy of their data and its deletion, in a real browser, in both languages, on a
phone and a laptop: the signed "manage my donation" page, "download my data" (a JSON file of
that address only), the confirmation step, and its result; and the privacy notice. axe finds no
serious problem on any of them. With PRIVACY_SHOTS=<directory> each state is also saved as a
screenshot there (to look at them as a donor would)."""

import json
import os
import uuid
from pathlib import Path

import pytest

from tests.browser.conftest import new_tab, run_site_command, site_environment
from tests.browser.test_accessibility import BLOCKING_IMPACTS, WCAG_TAGS, describe
from tests.donations.conftest import translated

pytestmark = pytest.mark.browser

WIDTHS = {"phone": {"width": 360, "height": 740}, "laptop": {"width": 1280, "height": 900}}

# Makes a donor with a receipted gift, a newsletter subscription and a message, and prints the
# signed links to their page (the served site's SECRET_KEY signs them).
DONOR = """
import json, sys, django
django.setup()
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.contrib.forms.models import FormSubmission
from donations import self_service
from donations.models import Donation, DonationPage, NewsletterSubscriber
from home.models import ContactPage
email, name = sys.argv[1], sys.argv[2]
now = timezone.now()
page = DonationPage.objects.order_by("pk").first()
last = Donation.objects.filter(receipt_year=now.year).order_by("-receipt_number").first()
number = (last.receipt_number if last else 0) + 1
Donation.objects.create(page=page, amount=5000, donor_name=name, email=email, status="paid", paid_at=now,
                        receipt_year=now.year, receipt_number=number, locale="bg",
                        stripe_checkout_session_id="cs_browser_" + email)
NewsletterSubscriber.objects.create(email=email, consented_at=now, confirmed_at=now, consent_text="…")
FormSubmission.objects.create(page=ContactPage.objects.order_by("pk").first(), form_data={"email": email, "name": name})
links = {}
for language in ("bg", "en"):
    with translation.override(language):
        links[language] = reverse("donations:manage_gifts", args=[self_service.make_token(email)])
print(json.dumps(links))
"""

PRIVACY_PAGES = """
import json, django
django.setup()
from home.models import PrivacyNoticePage
print(json.dumps({page.locale.language_code: page.url for page in PrivacyNoticePage.objects.live()}))
"""


def _database(site):
    return Path(site.server_log).parent / "site.sqlite3"


def make_donor(site):
    email = f"browser-{uuid.uuid4().hex[:10]}@example.org"
    output = run_site_command(["-c", DONOR, email, "Ана Петрова"], site_environment(_database(site)), timeout=60)
    return email, json.loads(output)


def shoot(tab, name):
    directory = os.environ.get("PRIVACY_SHOTS")
    if directory:
        Path(directory).mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(Path(directory) / f"{name}.png"), full_page=True)


def assert_accessible(tab, axe_source, what):
    tab.add_script_tag(content=axe_source)
    results = tab.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_TAGS
    )
    blocking = [violation for violation in results["violations"] if violation["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe on {what}:\n{describe(blocking)}"


def assert_no_sideways_scroll(tab, what):
    width = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert width <= 0, f"{what} scrolls sideways by {width}px"


@pytest.mark.parametrize("size", WIDTHS)
@pytest.mark.parametrize("language", ["bg", "en"])
def test_a_donor_downloads_then_deletes_their_data(browser, seeded_site, axe_source, language, size, tmp_path):
    email, links = make_donor(seeded_site)
    context, tab = new_tab(browser, viewport=WIDTHS[size], bypass_csp=True, accept_downloads=True)
    try:
        seeded_site.visit(tab, links[language])
        shoot(tab, f"manage-{language}-{WIDTHS[size]['width']}")
        section = tab.locator("section.personal-data")
        download_link = section.get_by_role("link", name=translated("Download my data", language))
        delete_link = section.get_by_role("link", name=translated("Delete my data", language))
        assert download_link.is_visible() and delete_link.is_visible()
        for link in (download_link, delete_link):
            box = link.bounding_box()
            assert box["height"] >= 44 and box["width"] >= 44, f"{link} is {box}"
        assert_no_sideways_scroll(tab, "the manage page")
        assert_accessible(tab, axe_source, "the manage page")

        with tab.expect_download() as download_info:
            download_link.click()
        path = tmp_path / "my-data.json"
        download_info.value.save_as(path)
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["email"] == email
        assert {"donations.gifts", "donations.newsletter", "home.enquiries"} <= {c["key"] for c in data["categories"]}

        delete_link.click()
        tab.wait_for_load_state()
        shoot(tab, f"delete-confirm-{language}-{WIDTHS[size]['width']}")
        assert tab.get_by_role("heading", name=translated("What will be deleted", language)).is_visible()
        assert tab.get_by_role("heading", name=translated("What must be kept, and why", language)).is_visible()
        assert_no_sideways_scroll(tab, "the delete step")
        assert_accessible(tab, axe_source, "the delete step")

        with tab.expect_navigation():
            tab.get_by_role("button", name=translated("Yes, delete my data", language)).click()
        shoot(tab, f"delete-done-{language}-{WIDTHS[size]['width']}")
        assert tab.get_by_role("heading", name=translated("Your data has been deleted", language)).is_visible()
        assert_no_sideways_scroll(tab, "the result")
        assert_accessible(tab, axe_source, "the result")
    finally:
        context.close()


@pytest.mark.parametrize("size", WIDTHS)
@pytest.mark.parametrize("language", ["bg", "en"])
def test_the_privacy_notice_reads_well(browser, seeded_site, axe_source, language, size):
    paths = json.loads(run_site_command(["-c", PRIVACY_PAGES], site_environment(_database(seeded_site)), timeout=60))
    context, tab = new_tab(browser, viewport=WIDTHS[size], bypass_csp=True)
    try:
        seeded_site.visit(tab, paths[language])
        shoot(tab, f"privacy-notice-{language}-{WIDTHS[size]['width']}")
        rows = tab.locator("table.data-table tbody tr[id]")
        assert rows.count() > 10
        assert rows.first.is_visible()
        assert_no_sideways_scroll(tab, "the privacy notice")
        assert_accessible(tab, axe_source, "the privacy notice")
    finally:
        context.close()
