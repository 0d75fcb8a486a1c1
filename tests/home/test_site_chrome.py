"""What every page carries whatever its type: the header's donate button (to the live donation
page of the visitor's language, hidden when there is none) and the footer's links to the privacy
notice, the terms for online donations and the accessibility statement; and the links from the
forms that collect personal data."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def seeded_urls(language):
    """One page of every type the seed has, in ``language``, plus the search page."""
    from wagtail.models import Locale

    from donations.models import DonationPage
    from home.models import (
        AccessibilityStatementPage,
        ConsultingPage,
        ContactPage,
        ContentPage,
        HomePage,
        PressIndexPage,
        PressPage,
        PrivacyNoticePage,
        TermsPage,
    )
    from projects.models import ProjectIndexPage, ProjectPage

    locale = Locale.objects.get(language_code=language)
    models = (HomePage, ContentPage, ProjectIndexPage, ProjectPage, PressIndexPage, PressPage, ContactPage,
              ConsultingPage, DonationPage, PrivacyNoticePage, TermsPage, AccessibilityStatementPage)
    urls = {model.__name__: model.objects.live().filter(locale=locale).order_by("path").first().url for model in models}
    with translation.override(language):
        urls["search"] = reverse("search") + "?q=Pernik"
    return urls


@pytest.mark.parametrize("language", ["bg", "en"])
def test_every_page_type_has_the_donate_button_and_the_three_footer_links(client, seeded, language):
    from donations.models import DonationPage
    from home.models import AccessibilityStatementPage, PrivacyNoticePage, TermsPage

    def url_of(model):
        return model.objects.live().filter(locale__language_code=language).get().url

    donation_url = url_of(DonationPage)
    statements = {url_of(PrivacyNoticePage), url_of(TermsPage), url_of(AccessibilityStatementPage)}
    for kind, url in seeded_urls(language).items():
        page = parse(client.get(url))
        buttons = page.select("header .site-header__donate")
        assert [button["href"] for button in buttons] == [donation_url], kind
        footer = {link["href"] for link in page.select("footer nav a")}
        assert statements <= footer, (kind, footer)
        # The button stands for the menu item: the donation page is not listed twice.
        assert donation_url not in {link["href"] for link in page.select("#main-menu a")}, kind


@pytest.mark.parametrize("language", ["bg", "en"])
def test_forms_that_collect_personal_data_link_the_privacy_notice(client, seeded, language):
    from donations.models import DonationPage
    from home.models import PrivacyNoticePage, TermsPage

    privacy = PrivacyNoticePage.objects.live().get(locale__language_code=language).url
    terms = TermsPage.objects.live().get(locale__language_code=language).url
    urls = seeded_urls(language)
    for kind in ("ContactPage", "ConsultingPage", "DonationPage"):
        page = parse(client.get(urls[kind]))
        links = {a["href"] for a in page.select("main .privacy-link a")}
        assert privacy in links, kind
    donation = parse(client.get(DonationPage.objects.live().get(locale__language_code=language).url))
    assert {privacy, terms} <= {a["href"] for a in donation.select("form .privacy-link a")}
    newsletter = parse(client.get(urls["HomePage"])).select_one("footer .newsletter-signup")
    assert privacy in {a["href"] for a in newsletter.select(".privacy-link a")}


@pytest.mark.parametrize("language", ["bg", "en"])
def test_the_seeded_statements_say_how_to_manage_a_gift_and_report_a_problem(client, seeded, language):
    urls = seeded_urls(language)
    terms = parse(client.get(urls["TermsPage"]))
    assert reverse("donations:manage") in {a["href"] for a in terms.select("main a")}
    assert "Stripe" in terms.select_one("main").get_text()
    accessibility = parse(client.get(urls["AccessibilityStatementPage"]))
    text = accessibility.select_one("main").get_text()
    assert "WCAG" in text and "2.2" in text and "AA" in text and "axe" in text
    assert urls["ContactPage"] in {a["href"] for a in accessibility.select("main a")}


def test_the_seed_writes_no_impact_lines(seeded):
    from donations.models import DonationPage

    assert all(not page.impact_lines for page in DonationPage.objects.all())
