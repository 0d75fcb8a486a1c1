"""What a page tells browsers, search engines and social networks in its <head>."""

import json

import pytest

from home.models import OrganisationSettings
from tests.home.fixtures import fresh
from tests.home.helpers import parse

LANGUAGES = ["bg", "en"]


def head(client, page, query=""):
    return parse(client.get(page.url + query)).head


def meta(soup, **attrs):
    element = soup.find("meta", attrs=attrs)
    return element["content"] if element is not None else None


def organisation(shared_tree):
    return OrganisationSettings.for_site(shared_tree.site)


@pytest.mark.parametrize(("language", "short_name"), [("bg", "ХЕСЕД"), ("en", "HESED")])
def test_title_is_the_page_title_and_the_short_name_in_the_pages_script(client, shared_tree, language, short_name):
    page = getattr(shared_tree, language)["content"]

    title = head(client, page).title.get_text()

    assert title == f"{page.title} – {short_name}"


def test_title_prefers_the_seo_title(client, shared_tree):
    page = fresh(shared_tree.en["project"])
    page.seo_title = "Integrated measures in Pernik"
    page.save_revision().publish()

    assert head(client, page).title.get_text().startswith("Integrated measures in Pernik – ")


@pytest.mark.parametrize("language", LANGUAGES)
def test_meta_description_is_the_search_description(client, shared_tree, language):
    page = getattr(shared_tree, language)["content"]

    assert meta(head(client, page), name="description") == page.search_description


def test_no_meta_description_without_a_search_description(client, shared_tree):
    page = shared_tree.en["project"]
    assert not page.search_description

    assert meta(head(client, page), name="description") is None


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("key", ["home", "content", "project"])
def test_canonical_link_is_the_page_full_url(client, shared_tree, key, language):
    page = getattr(shared_tree, language)[key]

    canonical = head(client, page).find("link", rel="canonical")["href"]

    assert canonical == page.get_full_url()


def test_canonical_link_drops_filters_but_keeps_the_page_number(client, shared_tree):
    page = shared_tree.en["projects"]

    canonical = head(client, page, "?status=completed&page=2").find("link", rel="canonical")["href"]

    assert canonical == f"{page.get_full_url()}?page=2"


@pytest.mark.parametrize("language", LANGUAGES)
def test_open_graph_title_and_url_describe_the_page(client, shared_tree, language):
    page = getattr(shared_tree, language)["content"]

    soup = head(client, page)

    assert meta(soup, property="og:title") == page.title
    assert meta(soup, property="og:url") == page.get_full_url()
    assert meta(soup, property="og:description") == page.search_description


def test_open_graph_image_is_an_absolute_rendition_of_the_listing_image(client, shared_tree):
    page = shared_tree.en["project"]
    assert page.listing_image is not None

    response = client.get(page.url)

    rendition = page.listing_image.get_rendition("fill-1200x630|format-jpeg")
    assert meta(parse(response), property="og:image") == response.wsgi_request.build_absolute_uri(rendition.url)


def test_no_open_graph_image_without_a_listing_image(client, shared_tree):
    page = shared_tree.en["content"]
    assert page.listing_image is None

    assert meta(head(client, page), property="og:image") is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_json_ld_names_the_organisation_in_the_page_language(client, shared_tree, language):
    page = getattr(shared_tree, language)["home"]
    settings_row = organisation(shared_tree)

    scripts = head(client, page).find_all("script", type="application/ld+json")

    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["name"] == settings_row.localized("name", language)
    assert data["@type"] == "NGO"


def test_json_ld_cannot_be_closed_by_organisation_data(client, shared_tree):
    settings_row = organisation(shared_tree)
    settings_row.name_en = "Evil </script><script>alert(1)</script>"
    settings_row.save()

    response = client.get(shared_tree.en["home"].url)

    assert b"</script><script>alert(1)" not in response.content
    script = parse(response).head.find("script", type="application/ld+json")
    assert json.loads(script.string)["name"] == settings_row.name_en
