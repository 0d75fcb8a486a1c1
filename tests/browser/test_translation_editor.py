"""wagtail-localize's translation editor, as a Bulgarian staff member sees it: its title is in
Bulgarian (static/js/translation-editor-title.js rewrites the one text its bundle does not
translate)."""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import run_site_command, site_environment

pytestmark = pytest.mark.browser


def staff_session(site, language):
    database = Path(site.server_log).parent / "site.sqlite3"
    arguments = ["-m", "tests.browser.admin_session", language]
    return json.loads(run_site_command(arguments, site_environment(database), timeout=120))


@pytest.fixture(scope="module")
def bulgarian_staff(seeded_site):
    return staff_session(seeded_site, "bg")


def sign_in(tab, site, staff):
    tab.context.add_cookies(
        [{"name": staff["cookie"], "value": staff["session"], "url": site.base_url, "secure": True}]
    )


def open_translation_editor(tab, site):
    """The editor of a seeded page's English translation (editing a synced translation opens it)."""
    found = tab.context.request.get(site.url("/admin/api/main/pages/?type=home.ContentPage&locale=en&limit=1"))
    english_id = found.json()["items"][0]["id"]
    site.visit(tab, f"/admin/pages/{english_id}/edit/")
    expect(tab.locator(".js-translation-editor")).to_be_visible()


def test_the_translation_editor_is_titled_in_bulgarian(page, seeded_site, bulgarian_staff):
    sign_in(page, seeded_site, bulgarian_staff)
    open_translation_editor(page, seeded_site)

    editor = page.locator(".js-translation-editor")
    expect(editor).to_contain_text("Превод от български на английски")
    expect(editor).not_to_contain_text("Bulgarian to English translation")


def test_the_comments_of_the_translation_editor_are_in_bulgarian(page, seeded_site, bulgarian_staff):
    # wagtail-localize writes the date with Python's strftime and the seed's tool name as stored.
    sign_in(page, seeded_site, bulgarian_staff)
    open_translation_editor(page, seeded_site)

    editor = page.locator(".js-translation-editor")
    expect(editor).to_contain_text("Преведено с началното съдържание на сайта на ")
    # Every comment, not only the first: "… на 3 декември 2026 г.", no "seed", no English month.
    comments = re.findall(r"Преведено[^\n]*? \d{4}(?: г\.)?", editor.inner_text())
    assert comments and all(re.search(r"на \d{1,2} [а-я]+ \d{4} г\.$", comment) for comment in comments)
    assert not [comment for comment in comments if "seed" in comment]
