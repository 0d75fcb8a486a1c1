"""A partner's whole journey in a real browser, in both languages: accept the invitation, set a
password, sign in, download a material, sign out, and be refused the same download afterwards;
and axe-core on the partner pages on the way (no serious or critical WCAG 2.2 A/AA problem)."""

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


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def serious_violations(tab, axe_source):
    tab.add_script_tag(content=axe_source)
    results = tab.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_TAGS
    )
    return [
        f"{violation['id']}: {violation['help']} {[node['target'] for node in violation['nodes']]}"
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("language", ["bg", "en"])
def test_partner_pages_have_no_serious_accessibility_violations(
    page_for_axe, seeded_site, journey, axe_source, language
):
    site = seeded_site
    steps = journey["languages"][language]
    tab = page_for_axe
    problems = {}

    site.visit(tab, steps["audit_invitation_path"])
    tab.locator("main form button[type=submit]").click()  # empty: the errors are shown
    problems["invitation with errors"] = serious_violations(tab, axe_source)
    for name in ("password1", "password2"):
        tab.locator(f"input[name={name}]").fill(PASSWORD)
    tab.locator("main form button[type=submit]").click()
    tab.wait_for_url(site.url(steps["dashboard_path"]))
    problems["dashboard"] = serious_violations(tab, axe_source)
    site.visit(tab, steps["dashboard_path"] + "?q=nothing-matches-this")
    problems["dashboard, no match"] = serious_violations(tab, axe_source)
    tab.locator("form[action*='/accounts/logout/'] button").first.click()
    tab.wait_for_url(lambda url: "/partners/" not in url)
    site.visit(tab, steps["login_path"])
    tab.locator("input[name=login]").fill("nobody@example.org")
    tab.locator("input[name=password]").fill("wrong password")
    tab.locator("main form button[type=submit]").click()
    problems["sign-in with an error"] = serious_violations(tab, axe_source)
    site.visit(tab, steps["audit_invitation_path"], expected_status=410)
    problems["used invitation"] = serious_violations(tab, axe_source)

    assert not {page: found for page, found in problems.items() if found}, problems
