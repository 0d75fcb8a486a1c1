"""The language switcher, hreflang alternates and the language of "/"."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode

from tests.conftest import translate
from tests.home.fixtures import fresh
from tests.home.helpers import PAGE_KEYS, parse


def switcher_link(response, language):
    link = parse(response).select_one(f"nav.languages a[hreflang={language}]")
    assert link is not None, f"no switcher link to {language}"
    return link["href"]


def alternates(response):
    return {link["hreflang"]: link["href"] for link in parse(response).select("link[rel=alternate][hreflang]")}


@pytest.mark.parametrize("key", PAGE_KEYS)
def test_switcher_on_a_bulgarian_page_leads_to_its_english_translation(client, shared_tree, key):
    response = client.get(shared_tree.bg[key].url)

    assert switcher_link(response, "en") == shared_tree.en[key].url


@pytest.mark.parametrize("key", PAGE_KEYS)
def test_switcher_on_an_english_page_leads_to_its_bulgarian_original(client, shared_tree, key):
    response = client.get(shared_tree.en[key].url)

    assert switcher_link(response, "bg") == shared_tree.bg[key].url


def test_switcher_on_an_untranslated_page_leads_to_the_english_home(client, shared_tree):
    response = client.get(shared_tree.untranslated.url)

    assert switcher_link(response, "en") == shared_tree.en["home"].url


def test_switcher_skips_an_unpublished_translation(client, shared_tree):
    english = translate(fresh(shared_tree.untranslated), title="Only a draft", slug="only-a-draft")
    english.unpublish()

    response = client.get(shared_tree.untranslated.url)

    assert switcher_link(response, "en") == shared_tree.en["home"].url


def test_switcher_does_not_link_to_the_current_language(client, shared_tree):
    response = client.get(shared_tree.bg["content"].url)

    assert parse(response).select("nav.languages a[hreflang=bg]") == []


@pytest.mark.parametrize("language", ["bg", "en"])
@pytest.mark.parametrize("key", PAGE_KEYS)
def test_translated_page_lists_both_languages_as_alternates(client, shared_tree, key, language):
    response = client.get(getattr(shared_tree, language)[key].url)

    assert alternates(response) == {
        "bg": shared_tree.bg[key].get_full_url(),
        "en": shared_tree.en[key].get_full_url(),
    }


def test_untranslated_page_lists_only_its_own_language_as_alternate(client, shared_tree):
    response = client.get(shared_tree.untranslated.url)

    assert alternates(response) == {"bg": shared_tree.untranslated.get_full_url()}


def test_root_redirects_to_the_default_language(client, shared_tree):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == f"/{settings.LANGUAGE_CODE}/"
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("accept_language", ["en", "en-GB,en;q=0.9,bg;q=0.5"])
def test_root_redirects_to_english_for_an_english_browser(client, shared_tree, accept_language):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert response.status_code == 302
    assert response["Location"] == shared_tree.en["home"].url


def test_root_redirects_to_bulgarian_for_an_unsupported_browser_language(client, shared_tree):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")

    assert response["Location"] == shared_tree.bg["home"].url


def search_url(language, **params):
    with translation.override(language):
        url = reverse("search")
    return f"{url}?{urlencode(params)}" if params else url


@pytest.mark.parametrize(("current", "other"), [("en", "bg"), ("bg", "en")])
def test_switcher_on_search_keeps_the_path_and_query_in_the_other_language(client, shared_tree, current, other):
    response = client.get(search_url(current, q="model", page="2"))

    assert switcher_link(response, other) == search_url(other, q="model", page="2")


def test_search_lists_both_languages_as_alternates(client, shared_tree):
    response = client.get(search_url("en", q="model"))

    absolute = response.wsgi_request.build_absolute_uri
    assert alternates(response) == {language: absolute(search_url(language, q="model")) for language in ("bg", "en")}
