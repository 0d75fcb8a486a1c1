"""A sent newsletter published on the site as news in the press centre of its language
(home's PressPage), when staff ticked "also publish it on the site".

This is the one place the newsletters app writes home's pages (an allowed reading,
tests/test_architecture.py): the press page gets the newsletter's subject, preview line and
body as they are (the newsletter's blocks are a subset of the press page's)."""

import logging

from django.utils import timezone

from core import site_url

logger = logging.getLogger(__name__)


def press_index(locale):
    from home.models import PressIndexPage

    return PressIndexPage.objects.live().filter(locale=locale).order_by("path").first()


def publish(newsletter, when=None):
    """Publish the newsletter as a news item and return its address, or "" when its language
    has no press centre (nothing is invented: the report says it was not published)."""
    from home.models import PressPage
    from home.models.press import PressKind

    index = press_index(newsletter.locale)
    if index is None:
        logger.warning("Newsletter %s: no live press centre in %s, not published", newsletter.pk, newsletter.language)
        return ""
    when = timezone.localtime(when or timezone.now())
    page = PressPage(
        title=newsletter.subject,
        kind=PressKind.NEWS,
        date=when.date(),
        summary=newsletter.preheader,
        body=newsletter.body.raw_data,
        locale=newsletter.locale,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return site_url.page_url(page) or ""
