"""Site search over live pages of the visitor's language only."""

import re
import unicodedata

from django.core.paginator import Paginator
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.models import Page

from home.languages import active_locale

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def clean_query(raw):
    """Double quotes and control characters mean nothing in a plain-text search but break the
    database backends' query syntax (SQLite FTS5: "unterminated string"; PostgreSQL: NUL)."""
    text = "".join(" " if char == '"' or unicodedata.category(char) == "Cc" else char for char in raw or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def search_pages(query, locale=None):
    if not query:
        return Page.objects.none()
    locale = locale or active_locale()
    return Page.objects.live().public().filter(locale=locale).specific().search(query)


def highlight(text, query):
    """Wrap each query word found in the text in <mark>, escaping everything else. Words are
    matched in the raw text, so a query such as "amp" or "27" cannot split an HTML entity."""
    text = text or ""
    words = [re.escape(word) for word in query.split() if len(word) > 1]
    if not words:
        return mark_safe(escape(text))
    pattern = re.compile("(" + "|".join(sorted(words, key=len, reverse=True)) + ")", re.IGNORECASE)
    # With one capturing group, split() puts the matches at the odd positions.
    parts = pattern.split(text)
    return mark_safe(
        "".join(f"<mark>{escape(part)}</mark>" if index % 2 else escape(part) for index, part in enumerate(parts))
    )


def paginated_results(query, page_number):
    paginator = Paginator(search_pages(query), RESULTS_PER_PAGE)
    return paginator.get_page(page_number)
