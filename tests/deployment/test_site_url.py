"""Every absolute address the deployed site makes, in pages and in emails, is on SITE_URL,
whichever allowed host the request came in on; and the emailed links work."""

import re
from xml.etree import ElementTree

import pytest

from tests.deployment.journeys import donate, links_in, sign_up_for_newsletter
from tests.deployment.stage import forms, local_path, text_of, unique_email


def on_site(url, stage):
    return url.startswith(stage.site_url + "/")


def test_page_head_links_use_site_url(stage, visitor):
    html = visitor.get(stage.facts["about"]).text
    head = html.split("</head>", 1)[0]
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', head).group(1)
    og_url = re.search(r'<meta property="og:url" content="([^"]+)"', head).group(1)
    alternates = re.findall(r'<link rel="alternate" hreflang="[^"]+" href="([^"]+)"', head)

    assert canonical == stage.site_url + stage.facts["about"]
    assert og_url == canonical
    assert alternates and all(on_site(url, stage) for url in alternates), alternates


def test_structured_data_uses_site_url(stage, visitor):
    html = visitor.get(stage.facts["home"]).text
    data = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    urls = re.findall(r'"(?:url|@id|logo)":\s*"(https?://[^"]+)"', data)

    assert urls and all(on_site(url, stage) for url in urls), urls


def test_sitemap_locations_use_site_url(stage, visitor):
    response = visitor.get("/sitemap.xml")
    tree = ElementTree.fromstring(response.body)
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locations = [loc.text for loc in tree.findall("s:url/s:loc", namespace)]
    alternates = [link.get("href") for link in tree.findall("s:url/x:link", namespace)]

    assert len(locations) > 5
    assert all(on_site(url, stage) for url in locations + alternates), [
        url for url in locations + alternates if not on_site(url, stage)
    ][:5]


@pytest.mark.parametrize("feed", ["feed/", "atom/"])
def test_feed_links_use_site_url(stage, visitor, feed):
    response = visitor.get(stage.facts["press_index"] + feed)
    links = re.findall(r"<link>([^<]+)</link>", response.text) + re.findall(r'<link[^>]+href="([^"]+)"', response.text)

    assert response.status == 200
    assert links and all(on_site(url, stage) for url in links), links


@pytest.fixture(scope="module")
def confirmation_email(stage):
    """A newsletter sign-up made through another allowed host (127.0.0.1:port): the email must
    still point at SITE_URL."""
    address = unique_email("newsletter")
    client = stage.client(source="127.0.0.20", host=f"127.0.0.1:{stage.port}")
    sign_up_for_newsletter(client, address)
    return stage.wait_for_message(address)


def test_newsletter_confirmation_links_use_site_url(stage, confirmation_email):
    links = links_in(text_of(confirmation_email))

    assert len(links) >= 2  # confirm and unsubscribe
    assert all(on_site(url, stage) for url in links), links


def test_list_unsubscribe_uses_site_url(stage, confirmation_email):
    header = str(confirmation_email["List-Unsubscribe"]).strip()

    assert header.startswith(f"<{stage.site_url}/") and header.endswith(">"), header


def test_newsletter_confirmation_link_completes_the_double_opt_in(stage, confirmation_email):
    confirm_url = next(url for url in links_in(text_of(confirmation_email)) if "/confirm/" in url)
    path = local_path(confirm_url, stage.site_url)
    reader = stage.client(source="127.0.0.21")

    asked = reader.get(path)
    button = next(form for form in forms(asked.text, base=path) if form.method == "post")
    confirmed = reader.submit(button)
    again = stage.client(source="127.0.0.22").get(path)

    assert asked.status == 200
    assert confirmed.status == 200
    assert 'role="status"' in confirmed.text
    assert again.status == 200
    assert not any(form.method == "post" and form.action.endswith(path) for form in forms(again.text, base=path))
    assert 'role="status"' in again.text


def test_receipt_links_use_site_url(stage):
    address = unique_email("receipt-links")
    donate(stage.client(source="127.0.0.23", host=f"127.0.0.1:{stage.port}"), stage, address)

    receipt = stage.wait_for_message(address, timeout=90)
    links = links_in(text_of(receipt))

    assert any("/donations/manage/" in url for url in links), links
    assert all(on_site(url, stage) for url in links), [url for url in links if not on_site(url, stage)]
