"""Site search over live pages of the visitor's language only."""

import re

from django.core.paginator import Paginator
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.models import Page

from home.languages import active_locale

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def clean_query(raw):
    return " ".join((raw or "").split())[:MAX_QUERY_LENGTH]


def search_pages(query, locale=None):
    if not query:
        return Page.objects.none()
    locale = locale or active_locale()
    return Page.objects.live().public().filter(locale=locale).specific().search(query)


def highlight(text, query):
    """Escape the text, then wrap each query word found in it in <mark>."""
    text = escape(text or "")
    words = [re.escape(escape(word)) for word in query.split() if len(word) > 1]
    if not words:
        return mark_safe(text)
    pattern = re.compile("(" + "|".join(sorted(words, key=len, reverse=True)) + ")", re.IGNORECASE)
    return mark_safe(pattern.sub(r"<mark>\1</mark>", text))


def paginated_results(query, page_number):
    paginator = Paginator(search_pages(query), RESULTS_PER_PAGE)
    return paginator.get_page(page_number)
