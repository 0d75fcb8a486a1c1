"""Error pages in the visitor's language. This module does not use the shared tree: the 500
test relies on pytest-django refusing any database access."""

import pytest
from django.test import RequestFactory

from home.views import server_error
from tests.home.helpers import html_lang, parse, translated


@pytest.mark.parametrize("language", ["bg", "en"])
def test_unknown_address_is_a_404_in_the_language_of_its_prefix(client, home_pages, language):
    response = client.get(f"/{language}/no-such-page/")

    assert response.status_code == 404
    assert html_lang(response) == language
    assert parse(response).h1.get_text() == translated(language, "Page not found")


def test_bulgarian_404_is_translated(client, home_pages):
    response = client.get("/bg/no-such-page/")

    assert parse(response).h1.get_text() != "Page not found"


@pytest.mark.parametrize("language", ["bg", "en"])
def test_404_links_to_the_home_page_of_its_language(client, home_pages, language):
    home = getattr(home_pages, f"home_{language}")

    response = client.get(f"/{language}/no-such-page/")

    assert home.url in {a["href"] for a in parse(response).select("main a")}


def test_404_asks_search_engines_not_to_index_it(client, home_pages):
    response = client.get("/en/no-such-page/")

    assert parse(response).find("meta", attrs={"name": "robots"})["content"] == "noindex"


@pytest.mark.parametrize("language", ["bg", "en"])
def test_server_error_page_is_in_the_language_of_the_address_without_the_database(language):
    # No db fixture: any query would fail the test.
    request = RequestFactory().get(f"/{language}/x/")

    response = server_error(request)

    assert response.status_code == 500
    assert html_lang(response) == language
    assert parse(response).h1.get_text() == translated(language, "Something went wrong")
    assert parse(response).select_one("main a")["href"] == f"/{language}/"


def test_server_error_page_falls_back_to_bulgarian_outside_the_language_prefixes():
    response = server_error(RequestFactory().get("/sitemap.xml"))

    assert response.status_code == 500
    assert html_lang(response) == "bg"


def test_bulgarian_server_error_page_is_translated():
    response = server_error(RequestFactory().get("/bg/x/"))

    assert parse(response).h1.get_text() != "Something went wrong"


def test_server_error_handler_is_the_sites_own():
    from django.urls import get_resolver

    handler = get_resolver().resolve_error_handler(500)

    assert handler is server_error
