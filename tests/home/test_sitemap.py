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
