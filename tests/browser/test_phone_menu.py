"""The main menu on a small phone: collapsed behind a button with JavaScript, drawn collapsed
from the first paint (nothing on the page moves when the script runs), always open without it."""

import pytest

pytestmark = pytest.mark.browser

# Sum of the layout-shift entries Chromium recorded since the page started loading.
LAYOUT_SHIFT = """() => new Promise(resolve => {
    let total = 0;
    new PerformanceObserver(list => { for (const entry of list.getEntries()) total += entry.value; })
        .observe({type: "layout-shift", buffered: true});
    setTimeout(() => resolve(total), 300);
})"""


def test_phone_menu_opens_and_closes_with_its_button(phone, seeded_site):
    seeded_site.visit(phone, seeded_site.paths["bg"]["home"])
    toggle = phone.locator("button.menu-toggle")
    menu = phone.locator("#main-menu")
    assert toggle.is_visible() and not menu.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"

    toggle.click()
    assert menu.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    toggle.click()
    assert not menu.is_visible() and toggle.get_attribute("aria-expanded") == "false"


def test_phone_page_does_not_shift_while_loading(phone, seeded_site):
    for language in ("bg", "en"):
        seeded_site.visit(phone, seeded_site.paths[language]["home"])
        phone.wait_for_load_state("load")
        assert phone.evaluate(LAYOUT_SHIFT) < 0.01, language


def test_phone_menu_is_open_without_javascript(phone_without_js, seeded_site):
    seeded_site.visit(phone_without_js, seeded_site.paths["bg"]["home"])
    assert phone_without_js.locator("#main-menu a").first.is_visible()
    assert not phone_without_js.locator("button.menu-toggle").is_visible()
