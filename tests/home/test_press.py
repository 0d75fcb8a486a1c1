"""The press index: filter by type, pagination, feeds per language, and a listing whose cost
does not grow with its length."""

import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

import pytest

from home.models.press import PRESS_PAGE_SIZE, PressKind
from tests import factories
from tests.home.fixtures import fresh
from tests.home.helpers import add_press_pages, assert_same_query_count, parse, render_query_count

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def press_index(shared_tree):
    """An empty press index of its own, so that the tests count only their own items."""
    return factories.PressIndexPageFactory(parent=fresh(shared_tree.bg["home"]))


def listed(response):
    return [page.pk for page in response.context["press_pages"]]


def test_type_filter_lists_only_that_type(client, press_index):
    release = factories.PressPageFactory(parent=press_index, kind=PressKind.PRESS_RELEASE)
    factories.PressPageFactory(parent=press_index, kind=PressKind.NEWS)
    factories.PressPageFactory(parent=press_index, kind=PressKind.MEDIA_COVERAGE)

    response = client.get(press_index.url, {"kind": PressKind.PRESS_RELEASE})

    assert listed(response) == [release.pk]
    selected = parse(response).select_one("#press-kind option[selected]")
    assert selected["value"] == PressKind.PRESS_RELEASE


def test_type_filter_with_no_items_of_that_type_says_so(client, press_index):
    factories.PressPageFactory(parent=press_index, kind=PressKind.NEWS)

    response = client.get(press_index.url, {"kind": PressKind.MEDIA_COVERAGE})

    assert response.status_code == 200
    assert listed(response) == []


@pytest.mark.parametrize("kind", ["bogus", "NEWS", "press_release'--", ""])
def test_unknown_type_is_ignored(client, press_index, kind):
    pages = [factories.PressPageFactory(parent=press_index, kind=value) for value in PressKind.values]

    response = client.get(press_index.url, {"kind": kind})

    assert response.status_code == 200
    assert sorted(listed(response)) == sorted(page.pk for page in pages)
    assert response.context["selected_kind"] == ""


def test_items_are_newest_first(client, press_index):
    pages = factories.PressPageFactory.create_batch(3, parent=press_index)

    response = client.get(press_index.url)

    assert listed(response) == [page.pk for page in sorted(pages, key=lambda page: page.date, reverse=True)]


def test_unpublished_items_are_not_listed(client, press_index):
    factories.PressPageFactory(parent=press_index, live=False)

    assert listed(client.get(press_index.url)) == []


def test_listing_is_paginated(client, press_index):
    pages = factories.PressPageFactory.create_batch(PRESS_PAGE_SIZE + 1, parent=press_index)
    oldest = min(pages, key=lambda page: page.date)

    first = client.get(press_index.url)
    second = client.get(press_index.url, {"page": 2})

    assert len(listed(first)) == PRESS_PAGE_SIZE
    assert listed(second) == [oldest.pk]


@pytest.mark.parametrize("page_number", ["abc", "999", "-1", "0"])
def test_unusable_page_number_does_not_fail(client, press_index, page_number):
    factories.PressPageFactory.create_batch(PRESS_PAGE_SIZE + 1, parent=press_index)

    assert client.get(press_index.url, {"page": page_number}).status_code == 200


def test_page_links_keep_the_type_filter(client, press_index):
    factories.PressPageFactory.create_batch(PRESS_PAGE_SIZE + 1, parent=press_index, kind=PressKind.PRESS_RELEASE)

    response = client.get(press_index.url, {"kind": PressKind.PRESS_RELEASE})

    links = [parse_qs(urlsplit(a["href"]).query) for a in parse(response).select(".pagination a")]
    assert links
    assert all(query["kind"] == [PressKind.PRESS_RELEASE] for query in links)
    assert {"2"} <= {query["page"][0] for query in links}


def feed(client, index, route):
    response = client.get(f"{index.url}{route}/")
    assert response.status_code == 200
    return response, ET.fromstring(response.content)


@pytest.mark.parametrize("language", ["bg", "en"])
def test_rss_feed_lists_only_the_items_of_its_language(client, shared_tree, language):
    pages = getattr(shared_tree, language)
    other = shared_tree.en if language == "bg" else shared_tree.bg

    response, root = feed(client, pages["press"], "feed")

    assert response["Content-Type"].startswith("application/rss+xml")
    assert root.findtext("channel/language") == language
    items = root.findall("channel/item")
    assert [item.findtext("link") for item in items] == [pages["press_page"].get_full_url()]
    assert other["press_page"].get_full_url() not in response.content.decode()


@pytest.mark.parametrize("language", ["bg", "en"])
def test_rss_feed_items_have_their_titles(client, shared_tree, language):
    pages = getattr(shared_tree, language)

    _, root = feed(client, pages["press"], "feed")

    assert root.findtext("channel/title") == pages["press"].title
    assert [item.findtext("title") for item in root.findall("channel/item")] == [pages["press_page"].title]


@pytest.mark.parametrize("language", ["bg", "en"])
def test_atom_feed_lists_only_the_items_of_its_language(client, shared_tree, language):
    pages = getattr(shared_tree, language)
    other = shared_tree.en if language == "bg" else shared_tree.bg

    response, root = feed(client, pages["press"], "atom")

    assert response["Content-Type"].startswith("application/atom+xml")
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    entries = root.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}link").get("href") for entry in entries] == [pages["press_page"].get_full_url()]
    assert other["press_page"].get_full_url() not in response.content.decode()


@pytest.mark.parametrize("language", ["bg", "en"])
def test_atom_feed_entries_have_their_titles(client, shared_tree, language):
    pages = getattr(shared_tree, language)

    _, root = feed(client, pages["press"], "atom")

    assert root.findtext(f"{ATOM}title") == pages["press"].title
    assert [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")] == [pages["press_page"].title]


def test_feed_holds_at_most_twenty_newest_items(client, press_index):
    from home.feeds import FEED_LENGTH

    pages = factories.PressPageFactory.create_batch(FEED_LENGTH + 2, parent=press_index)
    newest = sorted(pages, key=lambda page: page.date, reverse=True)[:FEED_LENGTH]

    _, root = feed(client, press_index, "feed")

    assert [item.findtext("title") for item in root.findall("channel/item")] == [page.title for page in newest]


@pytest.mark.parametrize("language", ["bg", "en"])
def test_press_index_advertises_its_feeds(client, shared_tree, language):
    index = getattr(shared_tree, language)["press"]

    head = parse(client.get(index.url)).head

    assert head.find("link", type="application/rss+xml")["href"] == f"{index.url}feed/"
    assert head.find("link", type="application/atom+xml")["href"] == f"{index.url}atom/"


def test_press_index_query_count_does_not_grow_with_the_number_of_items(client, press_index):
    add_press_pages(press_index, 5)
    small = render_query_count(client, press_index.url)

    add_press_pages(press_index, 55)
    large = render_query_count(client, press_index.url)

    assert_same_query_count(small, large)
