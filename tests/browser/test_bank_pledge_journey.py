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
from pathlib import Path

import pytest

from tests.browser.conftest import (
    new_tab,
    served_copy_of,
)
from tests.browser.site_under_test import LANGUAGES, SeededSite
from tests.browser.test_accessibility import WCAG_TAGS, describe

pytestmark = pytest.mark.browser

# The card-fee option, as test_donation_page sets it (before the site server starts): a bank
# transfer must hide it and add nothing.
os.environ.setdefault("DONATION_CARD_FEE_PERCENT", "1.5")
os.environ.setdefault("DONATION_CARD_FEE_FIXED", "0.25")

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


@pytest.fixture(scope="module")
def bank_site(seeded_site):
    """The seeded site with a bank account, on its own port and its own copy of the database."""
    # Every test here sends the form from 127.0.0.1: more pledges than the hourly limit.
    with served_copy_of(seeded_site, "tests.browser.test_bank_pledge_journey", "mir-bank-site-",
                        DONATION_RATE_LIMIT="1000", DONATION_EMAIL_RATE_LIMIT="1000") as (url, log, _printed):
        yield SeededSite(
            base_url=url,
            paths=seeded_site.paths,
            project_paths=seeded_site.project_paths,
            pernik_place_slug=seeded_site.pernik_place_slug,
            search_words=seeded_site.search_words,
            server_log=log,
        )


@pytest.fixture
def tab_for(browser):
    contexts = []

    def open_tab(width, javascript=True):
        # bypass_csp: axe is injected as an inline script (as in conftest's page_for_axe).
        context, tab = new_tab(
            browser,
            viewport={"width": width, "height": VIEWPORT_HEIGHT},
            java_script_enabled=javascript,
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
    violations = results["violations"]  # minor ones too: none on any state of the pledge
    assert not violations, f"axe on {what}:\n{describe(violations)}"


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


# --- the form with a choice of payment method --------------------------------------------------

BUTTON = {
    "bg": {"card": "Продължете към плащането", "bank_transfer": "Продължете към данните за превод"},
    "en": {"card": "Continue to payment", "bank_transfer": "Continue to the transfer details"},
}
NEUTRAL_BUTTON = {"bg": "Продължете", "en": "Continue"}
NEUTRAL_TRUST_WORDS = {"bg": ("С карта", "при банков превод"), "en": ("By card", "by bank transfer")}
TRUST_WORDS = {
    "bg": {"card": "данните на картата", "bank_transfer": "без плащане с карта"},
    "en": {"card": "card details", "bank_transfer": "no card is charged"},
}
MONTHLY_BY_BANK = {
    "bg": "Месечно дарение не може да се плаща с банков превод.",
    "en": "A monthly gift cannot be paid by bank transfer.",
}
NOW_ONE_OFF = {"bg": "дарението ви вече е еднократно", "en": "your gift is now one-off"}
NOW_CARD = {"bg": "вече е „Карта“", "en": "is now “Card”"}
TOGGLE_GROUPS = ("frequency", "amount_once", "amount_monthly", "payment_method", "donor_type")
MIN_TARGET = 44

# Per word of a label (the screen-reader-only impact text aside): the tops of the lines it is
# drawn on. A word broken in the middle is drawn on two.
WORD_LINES = """label => {
    const broken = [];
    const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        if (node.parentElement.closest('.visually-hidden')) continue;
        for (const match of node.data.matchAll(/\\S+/g)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const tops = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
            if (tops.size > 1) broken.push(match[0]);
        }
    }
    return broken;
}"""
LINE_COUNT = (
    "label => Math.round(label.getBoundingClientRect().height / parseFloat(getComputedStyle(label).lineHeight))"
)


def shoot_part(tab, target, name, language, width):
    """One part of the page (a fieldset, the form), at its own size: readable at 360 px."""
    if SHOTS is None:
        return
    SHOTS.mkdir(parents=True, exist_ok=True)
    target.scroll_into_view_if_needed()
    target.screenshot(path=str(SHOTS / f"{name}-{language}-{width}.png"))


def run_axe_strictly(tab, axe_source, what):
    """A state this module brought in: no violation at all, whatever its impact."""
    tab.add_script_tag(content=axe_source)
    results = tab.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_TAGS
    )
    assert not results["violations"], f"axe on {what}:\n{describe(results['violations'])}"


def click_option(tab, name, value):
    radio = tab.locator(f"main input[name={name}][value='{value}']")
    tab.locator(f"main label[for={radio.get_attribute('id')}]").click()
    assert radio.is_checked()


def shown_text(locator):
    """The text of the parts of ``locator`` that are displayed (hidden variants left out)."""
    return " ".join(part.inner_text() for part in locator.all() if part.is_visible()).strip()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_button_and_trust_line_follow_the_chosen_payment_method(
    tab_for, bank_site, axe_source, language, width, javascript
):
    tab = tab_for(width, javascript)
    path = open_donation_form(bank_site, tab, language)
    button = tab.locator("main .donation-submit button[type=submit]")
    trust = tab.locator("main .donation-submit .trust-line")
    script = "js" if javascript else "no-js"
    for method in ("card", "bank_transfer", "card"):
        click_option(tab, "payment_method", method)
        assert button.inner_text().strip() == BUTTON[language][method]
        # The button's accessible name is the shown words only.
        assert tab.get_by_role("button", name=BUTTON[language][method], exact=True).count() == 1
        lines = [line for line in trust.all() if line.is_visible()]
        assert len(lines) == 1
        assert TRUST_WORDS[language][method] in lines[0].inner_text()
        other = "bank_transfer" if method == "card" else "card"
        assert TRUST_WORDS[language][other] not in lines[0].inner_text()
        shoot_part(tab, tab.locator("main .payment-method"), f"method-{method}-{script}", language, width)
        shoot_part(tab, tab.locator("main .donation-submit"), f"submit-{method}-{script}", language, width)
    # Where nothing tells which method is chosen, the neutral words show, true for both.
    tab.evaluate("""() => { const radios = document.querySelectorAll('input[name=payment_method]');
        radios.forEach(radio => { radio.checked = false; });
        radios[0].dispatchEvent(new Event('change', {bubbles: true})); }""")
    assert button.inner_text().strip() == NEUTRAL_BUTTON[language]
    lines = [line for line in trust.all() if line.is_visible()]
    assert len(lines) == 1 and all(word in lines[0].inner_text() for word in NEUTRAL_TRUST_WORDS[language])
    shoot_part(tab, tab.locator("main .donation-submit"), f"submit-neutral-{script}", language, width)

    click_option(tab, "payment_method", "bank_transfer")
    shoot_part(tab, tab.locator("main .donation-form"), f"form-bank-chosen-{script}", language, width)
    if javascript:  # axe is a script: the page without one is the same markup and styles
        run_axe_strictly(tab, axe_source, f"{path} (bank transfer chosen)")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_bank_transfer_hides_the_card_fee_and_adds_none(tab_for, bank_site, language, javascript):
    tab = tab_for(360, javascript)
    open_donation_form(bank_site, tab, language)
    fee_box = tab.locator("main .fee-cover")
    assert fee_box.is_visible()
    tab.locator("main label[for=id_cover_fees]").click()
    click_option(tab, "payment_method", "bank_transfer")
    assert not fee_box.is_visible()
    if javascript:
        summary = tab.locator("#donation-summary").inner_text()
        assert "50" in summary and "51" not in summary, summary  # 50 €, not 51,02 €
    click_option(tab, "payment_method", "card")
    assert fee_box.is_visible() and tab.locator("#id_cover_fees").is_checked()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_choosing_bank_transfer_for_a_monthly_gift_makes_it_one_off_and_says_so(
    tab_for, bank_site, axe_source, language, width
):
    tab = tab_for(width)
    path = open_donation_form(bank_site, tab, language)
    click_option(tab, "frequency", "monthly")
    click_option(tab, "payment_method", "bank_transfer")
    assert tab.locator("main input[name=frequency][value=once]").is_checked()
    assert tab.locator("main .amount-group--once").is_visible()
    assert not tab.locator("main .amount-group--monthly").is_visible()
    note = tab.locator("#payment-method-note")
    assert note.get_attribute("aria-live") == "polite"
    assert NOW_ONE_OFF[language] in note.inner_text()
    assert note.locator(".steer-note").is_visible()
    assert not tab.locator("main .method-mismatch").is_visible()  # nothing left to warn about
    assert tab.locator("#donation-summary").inner_text().strip()  # the one-off amount is shown
    shoot_part(tab, tab.locator("main .payment-method"), "steer-monthly-to-bank", language, width)
    run_axe_strictly(tab, axe_source, f"{path} (monthly, then bank transfer)")

    # The other way round: "monthly" chosen with a bank transfer switches the method to card.
    click_option(tab, "frequency", "monthly")
    assert tab.locator("main input[name=payment_method][value=card]").is_checked()
    assert NOW_CARD[language] in tab.locator("#frequency-note").inner_text()
    assert note.inner_text().strip() == ""  # one note at a time
    assert tab.locator("main .donation-submit button[type=submit]").inner_text().strip() == BUTTON[language]["card"]
    shoot_part(tab, tab.locator("main .choice-group--frequency"), "steer-bank-to-monthly", language, width)
    run_axe_strictly(tab, axe_source, f"{path} (bank transfer, then monthly)")

    # A choice without a conflict takes the note away.
    click_option(tab, "frequency", "once")
    assert tab.locator("#frequency-note").inner_text().strip() == ""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_without_javascript_a_monthly_bank_transfer_is_refused_with_everything_kept(
    tab_for, bank_site, axe_source, language, width
):
    tab = tab_for(width, javascript=False)
    open_donation_form(bank_site, tab, language)
    click_option(tab, "frequency", "monthly")
    click_option(tab, "amount_monthly", "30")
    click_option(tab, "payment_method", "bank_transfer")
    # Nothing switches without a script, but the form says so before the submit.
    assert tab.locator("main input[name=frequency][value=monthly]").is_checked()
    warning = tab.locator("main .method-mismatch")
    assert warning.is_visible() and MONTHLY_BY_BANK[language] in warning.inner_text()
    shoot_part(tab, tab.locator("main .payment-method"), "mismatch-warning-no-js", language, width)
    fill_in_the_donor(tab, language, width, javascript=False)
    with tab.expect_navigation():
        tab.locator("main form[method=post] button[type=submit]").last.click()

    summary = tab.locator("#error-summary")
    assert summary.is_visible()
    assert tab.evaluate("document.activeElement && document.activeElement.id") == "error-summary"
    links = summary.locator("a")
    assert links.count() == 1 and MONTHLY_BY_BANK[language] in links.first.inner_text()
    assert links.first.get_attribute("href") == "#id_payment_method_0"
    assert summary.bounding_box()["y"] < tab.locator("main input[name=frequency]").first.bounding_box()["y"]
    error = tab.locator("#payment-method-errors")
    assert error.is_visible() and MONTHLY_BY_BANK[language] in error.inner_text()
    assert not warning.is_visible()  # said once, as the error
    # Everything the donor entered is still there.
    assert tab.locator("main input[name=frequency][value=monthly]").is_checked()
    assert tab.locator("main input[name=amount_monthly][value='30']").is_checked()
    assert tab.locator("main input[name=payment_method][value=bank_transfer]").is_checked()
    assert tab.locator("main input[name=donor_name]").input_value() == (
        "Мария Петрова" if language == "bg" else "Mary Peters"
    )
    assert tab.locator("main input[name=email]").input_value() == f"pledge.{language}.{width}.nojs@example.org"
    assert tab.locator("#id_consent").is_checked()
    shoot_part(tab, summary, "error-summary-no-js", language, width)
    shoot_part(tab, tab.locator("main .payment-method"), "error-payment-method-no-js", language, width)
    assert_the_refused_monthly_bank_transfer_passes_axe(tab_for(width), bank_site, axe_source, language, width)

    # The summary's link leads to the way out: "Card".
    links.first.click()
    assert tab.url.endswith("#id_payment_method_0")
    assert tab.locator("#id_payment_method_0").get_attribute("value") == "card"


def assert_the_refused_monthly_bank_transfer_passes_axe(tab, site, axe_source, language, width):
    """axe is a script, so it audits the same server-rendered error in a tab with JavaScript: the
    choices are set without the events that would switch them, as a browser without it sends them."""
    path = open_donation_form(site, tab, language)
    fill_in_the_donor(tab, language, width, javascript=False)
    tab.evaluate("""() => {
        const form = document.querySelector('[data-donation-form]');
        form.querySelector('input[name=frequency][value=monthly]').checked = true;
        form.querySelector('input[name=amount_monthly][value="30"]').checked = true;
        form.querySelector('input[name=payment_method][value=bank_transfer]').checked = true;
    }""")
    with tab.expect_navigation():
        tab.locator("main form[method=post] button[type=submit]").last.click()
    assert MONTHLY_BY_BANK[language] in tab.locator("#error-summary").inner_text()
    run_axe_strictly(tab, axe_source, f"{path} (monthly bank transfer refused)")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_toggle_is_a_large_target_with_its_label_beside_it_in_whole_words(tab_for, bank_site, language, width):
    tab = tab_for(width)
    open_donation_form(bank_site, tab, language)
    measured = set()
    for frequency in ("once", "monthly"):
        click_option(tab, "frequency", frequency)
        for name in TOGGLE_GROUPS:
            for toggle in tab.locator(f"main .toggle:has(input[name={name}])").all():
                if not toggle.is_visible():
                    continue
                control = toggle.locator("input")
                label = toggle.locator("label")
                measured.add(control.get_attribute("id"))
                box, control_box, label_box = toggle.bounding_box(), control.bounding_box(), label.bounding_box()
                what = (
                    f"{control.get_attribute('id')} {label.inner_text()!r}: toggle {box}, control {control_box}, "
                    f"label {label_box}"
                )
                assert box["width"] >= MIN_TARGET and box["height"] >= MIN_TARGET, what
                assert control_box["x"] + control_box["width"] <= label_box["x"] + 1, what  # beside, not above
                middle = control_box["y"] + control_box["height"] / 2
                assert label_box["y"] <= middle <= label_box["y"] + label_box["height"], what
                assert label.evaluate(WORD_LINES) == [], what  # no word broken over two lines
                if control.get_attribute("value") == "other":
                    # "Other amount" goes to a row of its own rather than onto two lines.
                    assert label.evaluate(LINE_COUNT) == 1, what
                    assert (
                        box["width"]
                        >= tab.locator(f"main .amount-group--{frequency} .toggles").bounding_box()["width"] - 1
                    ), what
    # Both frequencies' amounts, both methods, both kinds of donor: every option was measured.
    assert len(measured) == 2 + 5 + 5 + 2 + 2, sorted(measured)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_who_is_giving_looks_like_the_other_fieldsets(tab_for, bank_site, axe_source, language, width):
    tab = tab_for(width)
    path = open_donation_form(bank_site, tab, language)
    click_option(tab, "donor_type", "company")
    assert tab.locator("main input[name=company_name]").is_visible()
    style = """element => { const s = getComputedStyle(element);
        return [s.borderTopWidth, s.borderTopStyle, s.borderTopColor, s.paddingTop, s.marginBottom]; }"""
    legend = """element => { const s = getComputedStyle(element.querySelector(':scope > legend'));
        return [s.fontSize, s.fontWeight, s.marginBottom, s.color]; }"""
    toggle = """element => { const s = getComputedStyle(element.querySelector('.toggle'));
        return [s.minHeight, s.borderTopWidth, s.borderRadius, s.paddingLeft]; }"""
    about_you = tab.locator("main fieldset.form-group", has=tab.locator("input[name=donor_name]"))
    who = tab.locator("main fieldset.donor-type")
    method = tab.locator("main fieldset.payment-method")
    frequency = tab.locator("main fieldset.choice-group--frequency")
    assert who.evaluate(style) == about_you.evaluate(style) == method.evaluate(style)
    assert who.evaluate(legend) == about_you.evaluate(legend) == method.evaluate(legend) == frequency.evaluate(legend)
    assert who.evaluate(toggle) == frequency.evaluate(toggle) == method.evaluate(toggle)
    # The company's note stands apart from the field under it, as a field's help does.
    note = who.locator(".donor-type__company > .field__help").bounding_box()
    field_label = who.locator("label[for=id_company_name]").bounding_box()
    assert field_label["y"] - (note["y"] + note["height"]) >= 12, (note, field_label)
    shoot_part(tab, who, "who-is-giving-company", language, width)
    run_axe_strictly(tab, axe_source, f"{path} (a company gives)")


# --- "Give monthly instead" and the payment method ----------------------------------------------


def shoot_gift_and_method(tab, name, language, width):
    """From the frequency to the payment method: the invitation (or its absence) and the choice
    that decides it, in one picture."""
    if SHOTS is None:
        return
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.evaluate("window.scrollTo(0, 0)")
    top = tab.locator("main .choice-group--frequency").bounding_box()
    bottom = tab.locator("main .payment-method").bounding_box()
    clip = {"x": 0, "y": top["y"] - 8, "width": width, "height": bottom["y"] + bottom["height"] - top["y"] + 16}
    tab.screenshot(path=str(SHOTS / f"{name}-{language}-{width}.png"), full_page=True, clip=clip)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_monthly_invitation_shows_only_while_a_card_is_chosen(tab_for, bank_site, language, width, javascript):
    """A monthly gift is by card only: inviting a donor who chose a bank transfer to give monthly
    would switch the method behind their back. Without JavaScript CSS :has() hides it, on the
    page as the server first renders it and as it renders it again after an error."""
    tab = tab_for(width, javascript)
    open_donation_form(bank_site, tab, language)
    invitation = tab.locator("main .monthly-invitation")
    script = "js" if javascript else "no-js"
    assert tab.locator("main input[name=payment_method][value=card]").is_checked()
    assert invitation.is_visible()
    shoot_gift_and_method(tab, f"invitation-card-{script}", language, width)

    click_option(tab, "payment_method", "bank_transfer")
    assert not invitation.is_visible()
    assert tab.locator("main input[name=frequency][value=once]").is_checked()
    if javascript:  # site.js hides it too, for the browsers without :has()
        assert invitation.get_attribute("hidden") is not None
    shoot_gift_and_method(tab, f"invitation-bank-transfer-{script}", language, width)
    click_option(tab, "payment_method", "card")
    assert invitation.is_visible()
    assert invitation.get_attribute("hidden") is None

    # The form sent with a bank transfer and no name comes back with the method kept: no invitation.
    click_option(tab, "payment_method", "bank_transfer")
    with tab.expect_navigation():
        tab.locator("main form[method=post] button[type=submit]").last.click()
    assert tab.locator("#error-summary").is_visible()
    assert tab.locator("main input[name=payment_method][value=bank_transfer]").is_checked()
    assert not invitation.is_visible()
    shoot_gift_and_method(tab, f"invitation-bank-transfer-error-{script}", language, width)
    click_option(tab, "payment_method", "card")
    assert invitation.is_visible()


if __name__ == "__main__":
    import django

    django.setup()
    give_the_site_a_test_bank_account()
