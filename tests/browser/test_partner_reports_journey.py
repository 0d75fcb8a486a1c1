"""The whole life of a partner's report in a real browser, in both languages: due → draft →
submitted (locked) → changes requested → submitted → accepted, with the staff member's review in
the admin, and every email the site sends caught by a real SMTP server (aiosmtpd, in this
process). With SHOTS_DIR set, the pages are also photographed at 360 and 1280 px."""

import email
import email.policy
import json
import os
import socket
from pathlib import Path

import pytest

from tests.browser.conftest import run_site_command, site_environment

pytestmark = pytest.mark.browser


class Inbox:
    """Every message the site hands to SMTP."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append({"to": list(envelope.rcpt_tos), "subject": str(message["subject"]),
                              "body": message.get_body(("plain",)).get_content()})
        return "250 OK"

    def to(self, address):
        return [message for message in self.messages if address in message["to"]]


def start_smtp():
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    return controller, inbox, port


# Started before the session's site server, which reads EMAIL_URL from the environment when it
# starts: every email the served site sends in this run goes to this SMTP server.
CONTROLLER, INBOX, SMTP_PORT = start_smtp()
os.environ["EMAIL_URL"] = f"smtp://127.0.0.1:{SMTP_PORT}"

SHOTS = Path(os.environ["SHOTS_DIR"]) if os.environ.get("SHOTS_DIR") else None


def shoot(tab, name, language):
    if SHOTS is None:
        return
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (360, 1280):
        tab.set_viewport_size({"width": width, "height": 900})
        tab.screenshot(path=str(SHOTS / f"{name}-{language}-{width}.png"), full_page=True)
    tab.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture(scope="module")
def journey(seeded_site):
    database = Path(seeded_site.server_log).parent / "site.sqlite3"
    output = run_site_command(["-m", "tests.partners.browser_reports_setup"], site_environment(database), timeout=120)
    return json.loads(output)


def sign_in(site, tab, path, email_address, password):
    site.visit(tab, path)
    tab.locator("input[name=login]").fill(email_address)
    tab.locator("input[name=password]").fill(password)
    tab.locator("main form button[type=submit]").click()


def submissions(steps):
    """The foundation's emails about this requirement (they link to its review screen)."""
    return [message for message in INBOX.to("office@example.org") if steps["review_path"] in message["body"]]


def review(site, tab, steps, decision, comment=""):
    site.visit(tab, steps["review_path"])
    tab.locator(f"input[name=decision][value={decision}]").check()
    if comment:
        tab.locator("textarea[name=comment]").fill(comment)
    tab.locator("main form button[type=submit]").click()
    tab.wait_for_load_state()


@pytest.mark.parametrize("language", ["bg", "en"])
def test_report_from_due_to_accepted_with_every_email(browser, seeded_site, journey, language, tmp_path):
    from tests.browser.conftest import new_tab

    site = seeded_site
    steps = journey["languages"][language]
    partner_context, partner = new_tab(browser)
    staff_context, staff = new_tab(browser)
    try:
        sign_in(site, partner, steps["login_path"], steps["email"], journey["password"])
        partner.wait_for_url(site.url(steps["dashboard_path"]))
        item = partner.locator(".partner-report", has_text=steps["title"])
        assert item.locator(".report-status--due").count() == 1
        assert partner.locator(".report-status--overdue").count() == 1
        shoot(partner, "dashboard-due-overdue", language)

        # The acknowledgement control: "I have read this", then the confirmation in its place.
        acknowledgement = partner.locator("form.acknowledgement")
        if acknowledgement.count():
            acknowledgement.locator("button").click()
            partner.wait_for_url(lambda url: "/partners/" in url)
            assert partner.locator(".acknowledgement--done").count() == 1
            shoot(partner, "dashboard-acknowledged", language)

        # Draft: a file and a note, saved; nothing goes to the foundation yet.
        item.locator("a").click()
        partner.wait_for_url(site.url(steps["report_path"]))
        first = tmp_path / "report.pdf"
        first.write_bytes(b"%PDF-1.4 interim report\n")
        partner.locator("input[name=files]").set_input_files(str(first))
        note = "Списъците са в приложение." if language == "bg" else "Lists attached."
        partner.locator("textarea[name=note]").fill(note)
        partner.locator("button[value=save]").click()
        partner.wait_for_url(site.url(steps["report_path"]))
        assert partner.locator(".report-files a", has_text="report.pdf").count() == 1
        shoot(partner, "report-draft", language)
        assert submissions(steps) == [], "a draft goes to nobody"

        # A web page named .pdf is refused, in the partner's language, and nothing is lost.
        fake = tmp_path / "fake.pdf"
        fake.write_bytes(b"<!doctype html><html><body>not a pdf</body></html>")
        partner.locator("input[name=files]").set_input_files(str(fake))
        partner.locator("button[value=save]").click()
        assert partner.locator(".field__errors", has_text="fake.pdf").count() == 1
        assert partner.locator(".report-files a", has_text="report.pdf").count() == 1

        # Submitted: locked, and the foundation is told.
        partner.locator("input[name=files]").set_input_files([])
        partner.locator("button[value=submit]").click()
        partner.wait_for_url(site.url(steps["report_path"]))
        assert partner.locator("input[name=files]").count() == 0, "a submitted report is locked"
        assert partner.locator(".report-status--submitted").count() == 1
        shoot(partner, "report-submitted", language)
        submitted = submissions(steps)
        assert len(submitted) == 1
        assert steps["review_path"] in submitted[0]["body"]

        # Staff ask for changes with a comment; the partner hears it in their language.
        sign_in(site, staff, steps["login_path"], journey["staff_email"], journey["password"])
        staff.wait_for_url(lambda url: "/admin/" in url)
        site.visit(staff, steps["review_path"])
        shoot(staff, "admin-review", language)
        comment = "Моля, добавете подписания списък." if language == "bg" else "Please add the signed list."
        review(site, staff, steps, "changes", comment)
        told = [message for message in INBOX.to(steps["email"]) if comment in message["body"]]
        assert len(told) == 1
        assert ("Поискани са промени" if language == "bg" else "Changes requested") in told[0]["subject"]
        assert steps["report_path"] in told[0]["body"]

        partner.reload()
        assert partner.locator(".report-status--changes_requested").count() == 1
        assert partner.get_by_text(comment).count() == 1
        shoot(partner, "report-changes-requested", language)
        second = tmp_path / "signed-list.pdf"
        second.write_bytes(b"%PDF-1.4 signed list\n")
        partner.locator("input[name=files]").set_input_files(str(second))
        partner.locator("button[value=submit]").click()
        partner.wait_for_url(site.url(steps["report_path"]))
        assert partner.locator(".report-status--submitted").count() == 1
        assert len(submissions(steps)) == 2

        # Accepted: done on the dashboard, and the partner is told.
        review(site, staff, steps, "accept")
        # Both languages' journeys share the organisation, so its members hear of both reports.
        accepted = [m for m in INBOX.to(steps["email"]) if ("приет" if language == "bg" else "accepted") in m["subject"]
                    and f"({language})" in m["subject"]]
        assert len(accepted) == 1
        site.visit(partner, steps["dashboard_path"])
        done = partner.locator(".partner-report", has_text=steps["title"])
        assert done.locator(".report-status--done").count() == 1
        shoot(partner, "dashboard-done", language)
    finally:
        partner_context.close()
        staff_context.close()
