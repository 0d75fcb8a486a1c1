"""In the page editor, the slug of a new page follows its Bulgarian title as it is typed, in the
official transliteration (core/transliteration.py through the slug widget's formatters).

Playwright types a Cyrillic letter as inserted text, with no key pressed (as an on-screen or
input-method keyboard, dictation or a paste does): only the space is a key. Wagtail's title
field synced the slug on key-up only, so the slug stopped at the last space until the field was
left; the project's title panel (core.wagtail_adapter.TitleFieldPanel) syncs on input too."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import run_site_command, site_environment

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def staff(seeded_site):
    database = Path(seeded_site.server_log).parent / "site.sqlite3"
    return json.loads(run_site_command(["-m", "tests.browser.admin_session"], site_environment(database), timeout=120))


def sign_in(tab, site, staff):
    tab.context.add_cookies(
        [{"name": staff["cookie"], "value": staff["session"], "url": site.base_url, "secure": True}]
    )


def test_the_slug_follows_the_bulgarian_title_as_it_is_typed(page, seeded_site, staff):
    sign_in(page, seeded_site, staff)
    home = page.context.request.get(seeded_site.url("/admin/api/main/pages/?type=home.HomePage&locale=bg"))
    home_id = home.json()["items"][0]["id"]
    seeded_site.visit(page, f"/admin/pages/add/home/contentpage/{home_id}/")

    title = page.locator("#id_title")
    slug = page.locator("input[name=slug]")
    # Typed at a person's pace: the title is synced to the slug (debounced) letter by letter.
    title.press_sequentially("Щастливо детство", delay=150)
    expect(slug).to_have_value("shtastlivo-detstvo")
    title.press_sequentially(" в България", delay=150)
    expect(slug).to_have_value("shtastlivo-detstvo-v-balgaria")
    title.press("Tab")
    expect(slug).to_have_value("shtastlivo-detstvo-v-balgaria")
