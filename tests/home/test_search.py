"""Site search: the visitor's language only, highlighted, safe whatever is typed."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from wagtail.models import Locale, Page

from home.search import MAX_QUERY_LENGTH, clean_query, highlight, search_pages
from tests import factories
from tests.home.fixtures import fresh
from tests.home.helpers import parse, translated


def search(client, language, query=None, **params):
    with translation.override(language):
        url = reverse("search")
    if query is not None:
        params["q"] = query
    return client.get(url, params)


def result_pages(response):
    return [result["page"] for result in response.context["results"]]


@pytest.mark.parametrize("language", ["bg", "en"])
def test_results_come_only_from_the_current_language(client, shared_tree, language):
    # The project's summary is not translated in the fixture: both versions contain the word.
    word = shared_tree.bg["project"].summary.split()[1]
    assert word in shared_tree.en["project"].summary

    pages = result_pages(search(client, language, word))

    assert getattr(shared_tree, language)["project"].pk in {page.pk for page in pages}
    assert {page.locale.language_code for page in pages} == {language}


def test_results_link_to_the_pages_found(client, shared_tree):
    page = shared_tree.en["content"]

    response = search(client, "en", "model")

    assert page.url in {a["href"] for a in parse(response).select(".search-results h2 a")}


def test_query_words_are_highlighted_in_titles_and_snippets(client, shared_tree):
    response = search(client, "en", "model")

    marks = parse(response).select(".search-results mark")
    assert len(marks) >= 2
    assert {mark.get_text().lower() for mark in marks} == {"model"}


def test_unpublished_pages_are_not_found(client, shared_tree):
    page = fresh(shared_tree.en["content"])
    page.unpublish()

    assert page.pk not in {found.pk for found in result_pages(search(client, "en", "model"))}


@pytest.mark.parametrize("query", [None, "", "   "])
def test_empty_query_invites_a_search_and_lists_nothing(client, shared_tree, query):
    response = search(client, "en", query)

    assert response.status_code == 200
    assert response.context["page_obj"] is None
    assert parse(response).select(".search-results") == []
    assert translated("en", "Type a word or two, for example the name of a town or programme.") in (
        response.content.decode()
    )


@pytest.mark.parametrize("language", ["bg", "en"])
def test_query_without_results_says_nothing_was_found(client, shared_tree, language):
    response = search(client, language, "zzxqwv")

    assert response.status_code == 200
    assert response.context["results"] == []
    status = parse(response).select_one(".search-page [role=status]").get_text()
    assert "zzxqwv" in status
    assert (
        translated(language, "Nothing was found for “%(query)s”. Try another word or check the spelling.")
        % {"query": "zzxqwv"}
        == status
    )


@pytest.mark.parametrize(
    "query",
    [
        "x" * 5000,
        "модел " * 400,
        '"',
        'модел"',
        '"the model',
        "\x00",
        "a\x00b",
        "' OR 1=1 --",
        "%",
        "_",
        "\\",
        "(",
        ")",
        "*",
        "NEAR(",
        "AND",
        "OR NOT",
        "title:model",
        "^model",
        "-model",
        "model & | ! :*",
        "😀",
        "\u202e",
    ],
)
def test_overlong_or_unusual_query_does_not_fail(client, shared_tree, query):
    assert search(client, "en", query).status_code == 200


def test_overlong_query_is_shortened(client, shared_tree):
    response = search(client, "en", "x" * 5000)

    assert len(response.context["query"]) == MAX_QUERY_LENGTH


def test_markup_in_the_query_is_escaped(client, shared_tree):
    response = search(client, "en", "<script>alert(1)</script>")

    content = response.content.decode()
    assert "<script>alert(1)" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_markup_in_a_found_page_title_is_shown_as_text(client, shared_tree):
    home = fresh(shared_tree.en["home"])
    factories.ContentPageFactory(parent=home, locale=home.locale, title="Zebrafish <img src=x onerror=alert(1)>")

    response = search(client, "en", "zebrafish")

    assert len(response.context["results"]) == 1
    title = parse(response).select_one(".search-results h2 a")
    assert title.find("img") is None
    assert title.get_text() == "Zebrafish <img src=x onerror=alert(1)>"
    assert title.find("mark").get_text() == "Zebrafish"


def test_highlight_escapes_the_text_before_marking_words():
    marked = highlight("<b>Model</b> & more", "model")

    assert marked == "&lt;b&gt;<mark>Model</mark>&lt;/b&gt; &amp; more"


def test_highlight_keeps_markup_from_the_text_escaped():
    assert highlight("a <mark> b", "mark") == "a &lt;<mark>mark</mark>&gt; b"


@pytest.mark.parametrize(("text", "query"), [("R&D centre", "amp"), ("Don't stop", "27"), ("a < b", "lt")])
def test_highlight_never_splits_an_html_entity(text, query):
    assert highlight(text, query) == escape(text)


def test_highlight_marks_words_containing_characters_that_need_escaping():
    assert highlight("R&D centre", "r&d") == "<mark>R&amp;D</mark> centre"


def test_clean_query_collapses_whitespace():
    assert clean_query("  the \t\n model  ") == "the model"


def test_the_same_search_again_costs_no_query(client, shared_tree, django_assert_max_num_queries):
    client.get("/bg/search/?q=модел")
    with django_assert_max_num_queries(3):  # the page around the results (session, settings) only
        second = client.get("/bg/search/?q=модел")
    assert second.status_code == 200


def test_a_search_after_publishing_finds_the_new_page(client, shared_tree):
    assert result_pages(client.get("/bg/search/?q=ябълкова")) == []
    page = factories.ContentPageFactory(
        parent=fresh(shared_tree.bg["home"]), title="Ябълкова градина", slug="yabalkova"
    )
    assert [found.pk for found in result_pages(client.get("/bg/search/?q=ябълкова"))] == [page.pk]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite backend's ranking only")
def test_a_search_on_sqlite_matches_once_however_many_pages_have_the_word(shared_tree):
    """Wagtail's SQLite backend ranks by a subquery that repeats the full-text match for every
    page found (quadratic in the pages that have a common word): the search asks for no rank."""
    for number in range(3):
        home = fresh(shared_tree.bg["home"])
        factories.ContentPageFactory(parent=home, title=f"Градина {number}", slug=f"g-{number}")
    with CaptureQueriesContext(connection) as queries:
        found = search_pages("градина", Locale.objects.get(language_code="bg"))
        assert len(list(found[:10])) == 3
        assert found.count() == 3
    statements = [query["sql"] for query in queries.captured_queries]
    assert all(statement.count(" MATCH ") <= 1 for statement in statements)
    assert not any("bm25" in statement.lower() for statement in statements)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite backend's ranking only")
def test_search_results_on_sqlite_come_newest_first(shared_tree):
    home = fresh(shared_tree.bg["home"])
    # The older page has the word more often (a better rank) and the higher id.
    newer = factories.ContentPageFactory(parent=home, title="Нова градина", slug="g-new")
    older = factories.ContentPageFactory(parent=home, title="Градина, градина, градина", slug="g-old")
    now = timezone.now()
    Page.objects.filter(pk=older.pk).update(first_published_at=now - datetime.timedelta(days=30))
    Page.objects.filter(pk=newer.pk).update(first_published_at=now)
    found = search_pages("градина", Locale.objects.get(language_code="bg"))
    assert [page.pk for page in found] == [newer.pk, older.pk]
