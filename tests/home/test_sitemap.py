"""sitemap.xml (both languages, with hreflang alternates) and robots.txt."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests import factories
from tests.home.fixtures import fresh
from tests.home.helpers import PAGE_KEYS

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def sitemap(client):
    response = client.get(reverse("sitemap"))
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.findtext(f"{SITEMAP}loc"): {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link[@rel='alternate']")
        }
        for url in root.findall(f"{SITEMAP}url")
    }


def test_sitemap_is_xml(client, shared_tree):
    assert client.get(reverse("sitemap"))["Content-Type"].startswith("application/xml")


@pytest.mark.parametrize("language", ["bg", "en"])
def test_sitemap_lists_every_page_of_each_language(client, shared_tree, language):
    locations = set(sitemap(client))

    pages = getattr(shared_tree, language)
    assert {pages[key].get_full_url() for key in PAGE_KEYS} <= locations


@pytest.mark.parametrize("language", ["bg", "en"])
@pytest.mark.parametrize("key", PAGE_KEYS)
def test_sitemap_entry_links_both_language_versions(client, shared_tree, key, language):
    entries = sitemap(client)

    assert entries[getattr(shared_tree, language)[key].get_full_url()] == {
        "bg": shared_tree.bg[key].get_full_url(),
        "en": shared_tree.en[key].get_full_url(),
    }


def test_sitemap_entry_of_an_untranslated_page_links_only_itself(client, shared_tree):
    url = shared_tree.untranslated.get_full_url()

    assert sitemap(client)[url] == {"bg": url}


def test_sitemap_leaves_out_unpublished_pages(client, shared_tree):
    draft = factories.ContentPageFactory(parent=fresh(shared_tree.bg["home"]), live=False)

    assert draft.get_full_url() not in sitemap(client)


def test_sitemap_leaves_out_password_protected_pages(client, shared_tree):
    private = factories.ContentPageFactory(parent=fresh(shared_tree.bg["home"]))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")

    assert private.get_full_url() not in sitemap(client)


def test_robots_txt_points_to_the_sitemap(client, shared_tree):
    response = client.get(reverse("robots"))

    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert f"Sitemap: {response.wsgi_request.build_absolute_uri(reverse('sitemap'))}" in lines


def test_robots_txt_keeps_crawlers_out_of_the_admin(client, shared_tree):
    lines = client.get(reverse("robots")).content.decode().splitlines()

    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines


def test_a_second_view_of_the_sitemap_costs_no_query(client, shared_tree, django_assert_max_num_queries):
    client.get(reverse("sitemap"))
    with django_assert_max_num_queries(0):
        assert client.get(reverse("sitemap")).status_code == 200


def test_the_sitemap_costs_the_same_queries_for_few_and_many_pages(client, shared_tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core import page_cache

    def cold_queries():
        page_cache.reset_local()
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("sitemap"))
        return len(queries)

    cold_queries()  # rows a first view creates once (settings), not part of the sitemap's cost
    few = cold_queries()
    for number in range(15):
        factories.ContentPageFactory(
            parent=fresh(shared_tree.bg["home"]), title=f"Страница {number}", slug=f"stranitsa-{number}"
        )
    assert cold_queries() == few


def test_publishing_shows_in_the_sitemap_at_once(client, shared_tree):
    client.get(reverse("sitemap"))
    page = factories.ContentPageFactory(parent=fresh(shared_tree.bg["home"]), title="Нова", slug="nova")
    assert page.get_full_url() in sitemap(client)


def test_past_the_page_size_the_sitemap_is_an_index_of_parts(client, shared_tree, settings):
    settings.SITEMAP_PAGE_SIZE = 5
    index = ET.fromstring(client.get(reverse("sitemap")).content)
    assert index.tag == f"{SITEMAP}sitemapindex"
    parts = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert parts[0] == "http://testserver/sitemap-1.xml"
    seen = []
    for number in range(1, len(parts) + 1):
        response = client.get(f"/sitemap-{number}.xml")
        assert response.status_code == 200
        urls = ET.fromstring(response.content).findall(f"{SITEMAP}url")
        assert 0 < len(urls) <= 5
        seen += [url.findtext(f"{SITEMAP}loc") for url in urls]
    assert len(seen) == len(set(seen))
    assert shared_tree.en["project"].get_full_url() in seen
    assert client.get(f"/sitemap-{len(parts) + 1}.xml").status_code == 404
    assert client.get("/sitemap-0.xml").status_code == 404


def test_a_small_sitemap_has_no_parts(client, shared_tree):
    assert client.get("/sitemap-1.xml").status_code == 404
