"""The newsletter's delivery report in the admin, in a real browser at 360 and 1280 px, with the
admin in Bulgarian and in English: the recipients table (Email, Status, Sent, Error) sits in a
labelled region that the keyboard can focus and scroll, so on a phone the last column ("Грешка",
"Error") is reachable even with a long address, and the report passes axe. With SHOTS_DIR set,
each state is photographed.

The sent mailing and the staff members are written into a copy of the session's seeded database
(python -m tests.browser.test_newsletter_report), served on a port of its own, as in
test_failing_gifts_admin."""

import json

import pytest

from tests.browser.conftest import (
    served_copy_of,
)
from tests.browser.site_under_test import LANGUAGES, SeededSite
from tests.browser.test_accessibility import BLOCKING_IMPACTS, WCAG_TAGS, describe
from tests.browser.test_failing_gifts_admin import shoot
from tests.browser.test_failing_gifts_admin import staff_tab as staff_tab_fixture

pytestmark = pytest.mark.browser

staff_tab = staff_tab_fixture  # the signed-in staff tab of the failing gifts' test, as a fixture here

WIDTHS = (360, 1280)
LONG_EMAIL = "a.rather.long.address.for.the.report@newsletter-readers.example.org"
ERROR = "550 5.1.1 The email account that you tried to reach does not exist"
REGION_NAME = {"bg": "Получатели", "en": "Recipients"}
HEADERS = {"bg": ["Имейл", "Статус", "Изпратено", "Грешка"], "en": ["Email", "Status", "Sent", "Error"]}


def write_mailing_and_staff():
    """Run in the copied site's database (see __main__): a finished mailing of a Bulgarian
    newsletter to two subscribers, one of them with a long address whose delivery failed, and a
    staff member per admin language."""
    from django.utils import timezone
    from wagtail.models import Locale

    from donations.models import NewsletterSubscriber
    from newsletters.models import Delivery, Mailing, Newsletter
    from tests.browser.admin_session import staff_session

    now = timezone.now()
    newsletter = Newsletter.objects.create(
        locale=Locale.objects.get(language_code="bg"),
        subject="Бюлетин: зима",
        preheader="Какво ново",
        body=[{"type": "paragraph", "value": "<p>Новини от центъра.</p>"}],
    )
    mailing = Mailing.objects.create(
        newsletter=newsletter,
        language="bg",
        subject=newsletter.subject,
        html="<p>Новини</p>",
        text="Новини",
        status=Mailing.FINISHED,
        finished_at=now,
        heartbeat_at=now,
        recipients=2,
    )
    for email, status, error in ((LONG_EMAIL, Delivery.FAILED, ERROR), ("reader@example.org", Delivery.SENT, "")):
        subscriber = NewsletterSubscriber.objects.create(
            email=email,
            language="bg",
            consented_at=now,
            confirmed_at=now,
            consent_text="Бюлетин",
        )
        Delivery.objects.create(
            mailing=mailing,
            subscriber=subscriber,
            status=status,
            error=error,
            sent_at=now if status == Delivery.SENT else None,
        )
    return {"newsletter": newsletter.pk, **{language: staff_session(language) for language in LANGUAGES}}


@pytest.fixture(scope="module")
def report_site(seeded_site):
    """The seeded site with a sent mailing and two staff members, on its own copy of the database."""
    with served_copy_of(seeded_site, "tests.browser.test_newsletter_report", "mir-report-site-") as (url, log, printed):
        yield SeededSite(base_url=url, server_log=log), json.loads(printed)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_column_of_the_recipients_table_is_reachable(staff_tab, report_site, axe_source, language, width):
    site, written = report_site
    tab = staff_tab(site, written[language], width)
    site.visit(tab, f"/admin/newsletters/{written['newsletter']}/report/")
    assert tab.locator("html").get_attribute("lang").startswith(language)

    # The table sits in a region named by its heading, which the keyboard can focus.
    region = tab.get_by_role("region", name=REGION_NAME[language])
    assert region.count() == 1, "the recipients table is not in a labelled region"
    assert region.get_attribute("tabindex") == "0"
    table = region.locator("table")
    headers = table.locator("thead th")
    assert [text.strip() for text in headers.all_inner_texts()] == HEADERS[language]
    assert table.get_by_text(LONG_EMAIL).count() == 1
    # The page itself never scrolls sideways: only the region does, where it must.
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shoot(tab, "admin-newsletter-report", language, width)

    error_header = headers.last
    wide = region.evaluate("element => element.scrollWidth > element.clientWidth")
    if width == 360:
        assert wide, "at 360 px the table should scroll inside its region"
    if wide:
        # With the keyboard: focus the region, then the arrow key scrolls it to the last column.
        region.focus()
        for _ in range(40):
            tab.keyboard.press("ArrowRight")
        tab.wait_for_function(
            "element => element.scrollLeft + element.clientWidth >= element.scrollWidth - 1",
            arg=region.element_handle(),
        )
        shoot(tab, "admin-newsletter-report-scrolled", language, width)
    error_header.scroll_into_view_if_needed()
    box, viewport = error_header.bounding_box(), tab.viewport_size
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], (box, viewport)
    error_cell = table.locator("tbody tr", has_text=LONG_EMAIL).locator("td").last
    assert error_cell.inner_text().strip() == ERROR
    cell = error_cell.bounding_box()
    assert cell["x"] >= 0 and cell["x"] + cell["width"] <= viewport["width"], (cell, viewport)

    tab.add_script_tag(content=axe_source)
    results = tab.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_TAGS
    )
    blocking = [violation for violation in results["violations"] if violation["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe on the newsletter report:\n{describe(blocking)}"


if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps(write_mailing_and_staff()))
