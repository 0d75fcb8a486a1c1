"""Site search over live pages of the visitor's language only."""

import re
import unicodedata

from django.core.paginator import Paginator
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Page

from core.languages import active_locale
from core.page_cache import for_generation

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


def results_page(query, page_number):
    """(page of results, [{"page", "title", "snippet"}]) for a cleaned query, computed once per
    language, query, page number and content generation (core.page_cache.for_generation): the
    same search asked again costs no query until content changes. Values are shared between
    requests and only read."""
    language = (get_language() or "bg")[:2]

    def build():
        page_obj = paginated_results(query, page_number)
        results = []
        for page in page_obj.object_list:
            snippet = getattr(page, "search_description", "") or getattr(page, "introduction", "") or getattr(
                page, "summary", ""
            )
            results.append(
                {"page": page, "title": highlight(page.title, query), "snippet": highlight(snippet[:300], query)}
            )
        return page_obj, results

    return for_generation("search", (language, query, str(page_number or "")[:12]), build)
