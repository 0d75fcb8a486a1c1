"""Site search over live pages of the visitor's language, in any form of the words typed.

Pages are indexed with the dictionary forms of their words (core.pages.SitePage,
core.word_forms) and a query is reduced the same way, so "проект", "проекти", "проекта" and
"проектът" find each other, as do "дете" and "децата", "projects" and "project", on SQLite
and PostgreSQL alike. The words that matched are marked in the text as they are written there.
A query in the other language's script, or one that finds nothing here, also says how many
pages the other language has for it and links there; one that finds nothing offers the pages
whose titles begin with what was typed (the suggestions the search box shows as one types)."""

import re
import unicodedata

from django.core.paginator import Paginator
from django.db import connection
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from wagtail.models import Locale, Page

from core.languages import active_locale, current_language
from core.page_cache import for_generation
from core.pages import searchable_texts
from core.word_forms import LANGUAGE_OF_SCRIPT, lemma, query_lemmas, script_of, words

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
SNIPPET_LENGTH = 300
SUGGESTIONS = 8
MIN_PREFIX = 2
MAX_PREFIX = 60
WORD_ONLY = re.compile(r"^\w+$")


def clean_query(raw):
    """Double quotes and control characters mean nothing in a plain-text search but break the
    database backends' query syntax (SQLite FTS5: "unterminated string"; PostgreSQL: NUL)."""
    text = "".join(" " if char == '"' or unicodedata.category(char) == "Cc" else char for char in raw or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def index_query(query):
    """What the index is asked for: the dictionary forms of the query's words (punctuation and
    operators of the backends' syntaxes are not words, so they never reach it)."""
    return " ".join(query_lemmas(query))


def live_pages(locale):
    return Page.objects.live().public().filter(locale=locale)


def ranks_by_relevance():
    """Whether results come in order of relevance: on PostgreSQL, where the rank is computed in
    the same pass as the match. Wagtail's SQLite backend (django-modelsearch) ranks through a
    correlated subquery that runs the full-text match again for every page found, so a common
    word costs the square of the pages that have it (1.5 s for 881 of 2,000 pages); on the
    zero-setup SQLite default the newest pages come first instead, at the cost of one match."""
    return connection.vendor != "sqlite"


def search_pages(query, locale=None):
    terms = index_query(query)
    if not terms:
        return Page.objects.none()
    pages = live_pages(locale or active_locale()).specific()
    if ranks_by_relevance():
        return pages.search(terms)
    return pages.order_by("-first_published_at", "-id").search(terms, order_by_relevance=False)


def prefix_pages(prefix, locale=None, limit=SUGGESTIONS):
    """Pages whose title has a word beginning with the last word typed (the others whole):
    Wagtail's autocomplete over page titles."""
    terms = " ".join(words(prefix))[:MAX_PREFIX]
    if len(terms) < MIN_PREFIX:
        return []
    return list(live_pages(locale or active_locale()).autocomplete(terms)[:limit])


def targets(query):
    """The lowercase words a text's word must be (or reduce to) to be marked for ``query``."""
    typed = [word for word in words(query) if len(word) > 1]
    return {word.lower() for word in typed} | {lemma(word) for word in typed}


def is_hit(word, wanted):
    return word.lower() in wanted or lemma(word) in wanted


def highlight(text, query):
    """Mark each word of the text that is a form of a query word (the form written in the text,
    so "проекта" is marked for "проект"), escaping everything else. A query word with other
    characters in it (such as "R&D") is also marked where it is written as typed. Words are
    matched in the raw text, so a query such as "amp" or "27" cannot split an HTML entity."""
    text = text or ""
    wanted = targets(query)
    literals = [re.escape(word) for word in query.split() if len(word) > 1 and not WORD_ONLY.match(word)]
    literal_part = "(" + "|".join(sorted(literals, key=len, reverse=True)) + ")|" if literals else "()"
    pattern = re.compile(literal_part + r"(\w+)", re.IGNORECASE)
    parts, position = [], 0
    for match in pattern.finditer(text):
        literal, word = match.group(1), match.group(2)
        if not (literal or (word and is_hit(word, wanted))):
            continue
        parts.append(escape(text[position : match.start()]))
        parts.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))


def has_hit(text, query):
    wanted = targets(query)
    return any(is_hit(word, wanted) for word in words(text))


def excerpt(texts, query, length=SNIPPET_LENGTH):
    """A passage of about ``length`` characters around the first form of a query word in
    ``texts``, cut at spaces, or "" when none of them has one."""
    wanted = targets(query)
    for text in texts:
        for match in re.finditer(r"\w+", text or ""):
            if not is_hit(match.group(0), wanted):
                continue
            start = max(0, match.start() - length // 3)
            if start:
                start = text.find(" ", start, match.start()) + 1 or start
            end = start + length
            if end < len(text):
                cut = text.rfind(" ", match.end(), end)
                end = cut if cut > 0 else end
            else:
                end = len(text)
            return ("… " if start else "") + text[start:end].strip() + (" …" if end < len(text) else "")
    return ""


def snippet(page, query):
    """The page's own summary when a query word is in it; else the passage of its text where
    one is, so the form that matched is shown; else the summary."""
    summary = (
        getattr(page, "search_description", "")
        or getattr(page, "introduction", "")
        or getattr(page, "summary", "")
        or ""
    )[:SNIPPET_LENGTH]
    if has_hit(summary, query):
        return summary
    return excerpt(searchable_texts(page), query) or summary


def paginated_results(query, page_number):
    paginator = Paginator(search_pages(query), RESULTS_PER_PAGE)
    return paginator.get_page(page_number)


def search_url(language, query):
    with translation.override(language):
        return reverse("search") + "?" + urlencode({"q": query})


def other_languages(query, found_here):
    """[{"language", "name", "count", "url"}] for the site's other languages that have pages
    for the query, asked when the query is written in that language's script or found nothing
    here: a Bulgarian word typed on /en/search/ leads to the Bulgarian pages."""
    language = current_language()
    scripts = {script_of(word) for word in words(query)}
    offers = []
    for script, other in LANGUAGE_OF_SCRIPT.items():
        if other == language or (script not in scripts and found_here):
            continue
        locale = Locale.objects.filter(language_code=other).first()
        count = search_pages(query, locale).count() if locale else 0
        if count:
            info = translation.get_language_info(other)
            offers.append(
                {
                    "language": other,
                    "name": translation.gettext(info["name"]),
                    "count": count,
                    "url": search_url(other, query),
                }
            )
    return offers


def results_page(query, page_number):
    """{"page_obj", "results", "other_languages", "title_matches"} for a cleaned query, computed
    once per language, query, page number and content generation
    (core.page_cache.for_generation): the same search asked again costs no query until content
    changes. Values are shared between requests and only read."""
    language = current_language()

    def build():
        page_obj = paginated_results(query, page_number)
        results = [
            {"page": page, "title": highlight(page.title, query), "snippet": highlight(snippet(page, query), query)}
            for page in page_obj.object_list
        ]
        found = page_obj.paginator.count > 0
        return {
            "page_obj": page_obj,
            "results": results,
            "other_languages": other_languages(query, found),
            # Nothing found for whole words: perhaps the beginning of one was typed.
            "title_matches": [] if found else prefix_pages(query),
        }

    return for_generation("search", (language, query, str(page_number or "")[:12]), build)


def suggestions(prefix):
    """[{"title", "url"}] of pages whose titles begin with what was typed, for the search box;
    once per language, prefix and content generation."""
    prefix = " ".join(clean_query(prefix).split())[:MAX_PREFIX]
    language = current_language()

    def build():
        return [{"title": page.title, "url": page.url} for page in prefix_pages(prefix)]

    return for_generation("search-suggestions", (language, prefix.lower()), build)
