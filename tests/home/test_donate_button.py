"""The header's donate button outside the seed: it follows the visitor's language and hides
itself when there is no live donation page (tests/home/test_site_chrome.py checks every seeded
page type)."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def test_the_donate_button_is_hidden_without_a_live_donation_page(client, home_pages):
    page = parse(client.get(home_pages.home_bg.url))
    assert not page.select(".site-header__donate")


def test_the_donate_button_follows_the_language(client, home_pages):
    from donations.models import DonationPage
    from tests.conftest import translate

    bulgarian = home_pages.home_bg.add_child(instance=DonationPage(title="Дарете", slug="darete"))
    english = translate(bulgarian, title="Donate", slug="donate")
    assert [a["href"] for a in parse(client.get(home_pages.home_bg.url)).select(".site-header__donate")] == [
        bulgarian.url
    ]
    assert [a["href"] for a in parse(client.get(home_pages.home_en.url)).select(".site-header__donate")] == [
        english.url
    ]
    bulgarian.unpublish()
    assert not parse(client.get(home_pages.home_bg.url)).select(".site-header__donate")
