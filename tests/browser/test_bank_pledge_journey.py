"""The bank-transfer pledge (issue 11) in a real browser, at 360 and 1280 px, in both languages:
the donation form with "bank transfer" chosen, the pledge page it leads to (the foundation's
IBAN, BIC, beneficiary, the amount, the "ДАРЕНИЕ"/"DONATION" reference, the EPC QR code as SVG,
working copy and print buttons), axe on both, and the same details without JavaScript. With
SHOTS_DIR set, each state is also photographed (full page).

The payment method is offered only while the foundation's IBAN is set, and the served process
keeps the organisation's settings per content generation (core/page_cache.py), which a write
from another process cannot bump. So this module serves its own copy of the session's seeded
database, given a test bank account *before* its server starts: the session's site (which the
other browser tests expect without a bank account) is never changed."""

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.browser.conftest import (
    PROJECT_ROOT,
    SHARED_MEMORY,
    free_port,
    new_tab,
    run_site_command,
    site_environment,
    wait_until_serving,
)
from tests.browser.site_under_test import LANGUAGES, SeededSite
from tests.browser.test_accessibility import BLOCKING_IMPACTS, WCAG_TAGS, describe

pytestmark = pytest.mark.browser

# Test data only: a valid IBAN/BIC pair of the standard examples, never the foundation's account.
BANK = {
    "bank_iban": "BG80BNBG96611020345678",
    "bank_bic": "BNBGBGSF",
    "bank_name": "Тестова банка",
    "bank_beneficiary": "Фондация (тест)",
}
IBAN_PRINTED = "BG80 BNBG 9661 1020 3456 78"
REFERENCE = {"bg": re.compile(r"^ДАРЕНИЕ \d{8}$"), "en": re.compile(r"^DONATION \d{8}$")}
COPIED = {"bg": "Копирано", "en": "Copied"}
WIDTHS = (360, 1280)
VIEWPORT_HEIGHT = 740
ONE_OFF_AMOUNT = "100"
SHOTS = Path(os.environ["SHOTS_DIR"]) if os.environ.get("SHOTS_DIR") else None


def give_the_site_a_test_bank_account():
    """Run in the copied site's database (see __main__): the default site's organisation
    settings get the test account, through the model's own clean() and save()."""
    from wagtail.models import Site

    from core.organisation import organisation_for_site

    organisation = organisation_for_site(Site.objects.get(is_default_site=True))
    for name, value in BANK.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save()


def copy_database(source, target):
    """A consistent copy even while the session's server has the file open (SQLite's backup)."""
    origin, copy = sqlite3.connect(source), sqlite3.connect(target)
    try:
        origin.backup(copy)
    finally:
        copy.close()
        origin.close()


@pytest.fixture(scope="module")
def bank_site(seeded_site):
    """The seeded site with a bank account, on its own port and its own copy of the database."""
    source = Path(seeded_site.server_log).parent
    shm = SHARED_MEMORY if os.access(SHARED_MEMORY, os.W_OK) else None
    workdir = Path(tempfile.mkdtemp(prefix="mir-bank-site-", dir=shm))
    try:
        database = workdir / "site.sqlite3"
        copy_database(source / "site.sqlite3", database)
        environment = site_environment(database)
        environment["MEDIA_ROOT"] = str(source / "media")  # the seed's images, not copied
        # Every test here sends the form from 127.0.0.1: more pledges than the hourly limit.
        environment["DONATION_RATE_LIMIT"] = "1000"
        environment["DONATION_EMAIL_RATE_LIMIT"] = "1000"
        port = free_port()
        environment["SITE_URL"] = f"http://127.0.0.1:{port}"
        run_site_command(["-m", "tests.browser.test_bank_pledge_journey"], environment, timeout=120)
        log_path = workdir / "server.log"
        with log_path.open("w") as log:
            server = subprocess.Popen(
                [sys.executable, "-m", "tests.browser.serve_site", str(port)],
                cwd=PROJECT_ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT,
            )
        try:
            wait_until_serving(server, port, log_path)
            yield SeededSite(
                base_url=f"http://127.0.0.1:{port}",
                paths=seeded_site.paths,
                project_paths=seeded_site.project_paths,
                pernik_place_slug=seeded_site.pernik_place_slug,
                search_words=seeded_site.search_words,
                server_log=str(log_path),
            )
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def tab_for(browser):
    contexts = []

    def open_tab(width, javascript=True):
        # bypass_csp: axe is injected as an inline script (as in conftest's page_for_axe).
        context, tab = new_tab(
            browser, viewport={"width": width, "height": VIEWPORT_HEIGHT}, java_script_enabled=javascript,
            bypass_csp=True,
        )
        context.grant_permissions(["clipboard-read", "clipboard-write"])
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


def run_axe(tab, axe_source, what):
    tab.add_script_tag(content=axe_source)
    results = tab.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_TAGS
    )
    violations = results["violations"]
    if violations:
        print(f"axe on {what}:\n{describe(violations)}")  # minor ones too, for whoever fixes them
    blocking = [violation for violation in violations if violation["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe on {what}:\n{describe(blocking)}"


def open_donation_form(site, tab, language):
    """The header's donate button leads to the donation page of the visitor's language."""
    site.visit(tab, site.paths[language]["home"])
    path = tab.locator(".site-header__donate").get_attribute("href")
    assert path.startswith(f"/{language}/"), path
    site.visit(tab, path)
    return path


def choose_bank_transfer(tab):
    """As a donor does it: the "bank transfer" toggle, a one-off preset amount."""
    bank = tab.locator("main input[name=payment_method][value=bank_transfer]")
    assert bank.count() == 1, "the form offers no bank transfer although the IBAN is set"
    tab.locator(f"main label[for={bank.get_attribute('id')}]").click()
    assert bank.is_checked()
    assert tab.locator("main input[name=frequency][value=once]").is_checked()
    amount = tab.locator(f"main input[name=amount_once][value='{ONE_OFF_AMOUNT}']")
    tab.locator(f"main label[for={amount.get_attribute('id')}]").click()
    assert amount.is_checked()


def fill_in_the_donor(tab, language, width, javascript):
    tab.locator("main input[name=donor_name]").fill("Мария Петрова" if language == "bg" else "Mary Peters")
    script = "js" if javascript else "nojs"
    tab.locator("main input[name=email]").fill(f"pledge.{language}.{width}.{script}@example.org")
    tab.locator("main label[for=id_consent]").click()
    assert tab.locator("#id_consent").is_checked()


def submit(tab, site, donation_path):
    with tab.expect_navigation():
        tab.locator("main form[method=post] button[type=submit]").last.click()
    assert re.search(r"/bank-transfer/[0-9a-f-]{36}/$", tab.url), (
        f"the form led to {tab.url}, not a pledge page; the server's log ends with:\n{site.server_log_tail()}"
    )
    assert tab.url.startswith(site.url(donation_path))


def pledge(site, tab, language, width, javascript=True):
    donation_path = open_donation_form(site, tab, language)
    choose_bank_transfer(tab)
    fill_in_the_donor(tab, language, width, javascript)
    submit(tab, site, donation_path)


def assert_transfer_details(tab, language):
    slip = tab.locator(".bank-slip")
    assert slip.is_visible()
    assert slip.locator("dd", has_text=BANK["bank_beneficiary"]).count() == 1
    assert tab.locator("#slip-iban").inner_text() == IBAN_PRINTED
    assert slip.locator("dd", has_text=BANK["bank_bic"]).count() == 1
    assert slip.locator("dd", has_text=BANK["bank_name"]).count() == 1
    amount_row = slip.locator(".bank-slip__details > div", has=tab.locator("button[data-copy^='100']"))
    assert amount_row.count() == 1, "the amount row (its copy button holds the plain amount) is missing"
    amount_text = amount_row.locator(".bank-slip__value").inner_text()
    assert ONE_OFF_AMOUNT in amount_text and "€" in amount_text, amount_text
    reference = tab.locator(".bank-slip__reference").inner_text()
    assert REFERENCE[language].match(reference), reference
    qr = slip.locator(".bank-slip__qr svg")
    assert qr.count() == 1 and qr.is_visible()
    box = qr.bounding_box()
    assert box["width"] >= 100 and abs(box["width"] - box["height"]) < 2, box  # square, large enough to scan
    assert qr.locator("path").count() >= 1
    return reference


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_bank_transfer_pledge_leads_to_the_account_reference_and_qr_code(tab_for, bank_site, language, width):
    tab = tab_for(width)
    donation_path = open_donation_form(bank_site, tab, language)
    choose_bank_transfer(tab)
    fill_in_the_donor(tab, language, width, javascript=True)
    shoot(tab, "form-bank-transfer", language, width)
    submit(tab, bank_site, donation_path)

    reference = assert_transfer_details(tab, language)
    shoot(tab, "pledge", language, width)

    # With JavaScript the copy buttons show, and copying the reference puts it on the clipboard.
    copy_buttons = tab.locator(".bank-slip .copy-button")
    assert copy_buttons.count() == 3
    assert all(button.is_visible() for button in copy_buttons.all())
    copy_reference = tab.locator(f".bank-slip .copy-button[data-copy='{reference}']")
    copy_reference.click()
    assert tab.evaluate("navigator.clipboard.readText()") == reference
    assert tab.locator(".copy-status").inner_text() == COPIED[language]
    box = copy_reference.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44, box

    # The print button prints (window.print is replaced: a headless print dialog shows nothing).
    print_button = tab.locator(".print-button")
    assert print_button.is_visible()
    tab.evaluate("window.print = () => { window.printed = true; }")
    print_button.click()
    assert tab.evaluate("window.printed === true")

    # On paper: the slip, not the buttons, the header or the footer.
    tab.emulate_media(media="print")
    assert tab.locator(".bank-slip").is_visible()
    assert not copy_reference.is_visible()
    assert not print_button.is_visible()
    assert not tab.locator(".site-header").is_visible()
    shoot(tab, "pledge-print", language, width)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_bank_transfer_form_and_the_pledge_page_pass_axe(tab_for, bank_site, axe_source, language, width):
    tab = tab_for(width)
    donation_path = open_donation_form(bank_site, tab, language)
    choose_bank_transfer(tab)
    run_axe(tab, axe_source, f"{donation_path} (bank transfer chosen)")
    fill_in_the_donor(tab, language, width, javascript=True)
    submit(tab, bank_site, donation_path)
    run_axe(tab, axe_source, f"{tab.url} (pledge page)")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pledge_works_without_javascript(tab_for, bank_site, language, width):
    tab = tab_for(width, javascript=False)
    pledge(bank_site, tab, language, width, javascript=False)
    assert_transfer_details(tab, language)
    # Buttons that need a script are not shown where they could not work; the text is there to select.
    assert not any(button.is_visible() for button in tab.locator(".copy-button, .print-button").all())
    shoot(tab, "pledge-no-js", language, width)


if __name__ == "__main__":
    import django

    django.setup()
    give_the_site_a_test_bank_account()
