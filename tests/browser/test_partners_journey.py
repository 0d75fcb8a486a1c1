"""A partner's whole journey in a real browser, in both languages: accept the invitation, set a
password, sign in, download a material, sign out, and be refused the same download afterwards."""

import json
import os
import tempfile
from pathlib import Path

import pytest

from tests.browser.conftest import run_site_command, site_environment

# Set before the site server starts (session fixtures run after collection): the server then
# keeps the journey's files in a temporary directory, not in the working copy.
os.environ.setdefault("PRIVATE_MEDIA_ROOT", tempfile.mkdtemp(prefix="mir-browser-private-"))

pytestmark = pytest.mark.browser

PASSWORD = "Journey passphrase 2024 for partners"


@pytest.fixture(scope="module")
def journey(seeded_site):
    # The seeded site's database sits next to its server log (see conftest.seeded_site).
    database = Path(seeded_site.server_log).parent / "site.sqlite3"
    output = run_site_command(["-m", "tests.partners.browser_setup"], site_environment(database), timeout=120)
    return json.loads(output)


@pytest.mark.parametrize("language", ["bg", "en"])
def test_partner_accepts_invitation_downloads_and_is_refused_after_signing_out(page, seeded_site, journey, language):
    site = seeded_site
    steps = journey["languages"][language]

    site.visit(page, steps["invitation_path"])
    assert page.locator("html").get_attribute("lang") == language
    for name in ("password1", "password2"):
        field = page.locator(f"input[name={name}]")
        assert field.evaluate("input => input.labels.length") == 1, f"{name} has no label"
        field.fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(site.url(steps["dashboard_path"]))

    # Accepting signed the partner in; sign out and back in with the new password.
    page.locator("form[action*='/accounts/logout/'] button").first.click()
    page.wait_for_url(lambda url: "/accounts/login/" in url or url.endswith(f"/{language}/"))
    site.visit(page, steps["login_path"])
    page.locator("input[name=login]").fill(steps["email"])
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(site.url(steps["dashboard_path"]))

    with page.expect_download() as download_info:
        page.locator(f"a[href='{steps['download_path']}']").click()
    download = download_info.value
    assert download.suggested_filename == journey["document_filename"]
    assert Path(download.path()).read_bytes() == b"%PDF-1.4 browser journey\n"

    page.locator("form[action*='/accounts/logout/'] button").first.click()
    page.wait_for_url(lambda url: "/partners/" not in url)
    refused = page.request.get(site.url(steps["download_path"]))
    assert refused.status == 404
    assert refused.body() != b"%PDF-1.4 browser journey\n"
