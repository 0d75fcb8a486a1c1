"""RSS and Atom feeds of a press index, in the index page's own language."""

from django.http import HttpResponse
from django.utils import feedgenerator
from django.utils.translation import gettext as _

from core.site_url import absolute_url, page_url

FEED_LENGTH = 20


def build_press_feed(request, index_page, kind="rss"):
    from home.listings import press_items

    feed_class = feedgenerator.Atom1Feed if kind == "atom" else feedgenerator.Rss201rev2Feed
    feed = feed_class(
        title=index_page.title,
        link=page_url(index_page, request),
        description=index_page.introduction or _("News, press releases and media coverage"),
        language=index_page.locale.language_code,
        feed_url=absolute_url(request.path, request),
    )
    for item in press_items(index_page)[:FEED_LENGTH]:
        feed.add_item(
            title=item.title,
            link=page_url(item, request),
            description=item.summary,
            pubdate=_as_datetime(item.date),
            unique_id=page_url(item, request),
            categories=[str(item.get_kind_display())],
        )
    return feed


def _as_datetime(date):
    import datetime

    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(9, 0)))


def press_feed_response(request, index_page, kind="rss"):
    feed = build_press_feed(request, index_page, kind)
    response = HttpResponse(content_type=f"{feed.content_type}")
    feed.write(response, "utf-8")
    return response
