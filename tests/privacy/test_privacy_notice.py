"""The privacy notice: its table is generated from the personal-data registry (so the two cannot
drift), the controller comes from the organisation settings (nothing shown that is not filled
in), and the footer of every page and every form that collects personal data link to it."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from core.personal_data import registry
from home.models import OrganisationSettings, PrivacyNoticePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(home_pages):
    page = home_pages.home_bg.add_child(
        instance=PrivacyNoticePage(title="Поверителност", slug="poveritelnost", locale=home_pages.bg_locale,
                                   introduction="Какво пази сайтът.")
    )
    english = page.copy_for_translation(home_pages.en_locale)
    english.title = "Privacy notice"
    english.slug = "privacy"
    english.save_revision().publish()
    return {"bg": page, "en": PrivacyNoticePage.objects.get(pk=english.pk)}


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def table_rows(response):
    rows = soup(response).select("table.data-table tbody tr[id]")
    return {row["id"]: " ".join(row.get_text(" ").split()) for row in rows}


@pytest.mark.parametrize("language", ["bg", "en"])
def test_the_table_has_one_row_per_category_saying_what_why_how_long_and_who(client, notice, language):
    response = client.get(notice[language].url)
    rows = table_rows(response)

    assert response.status_code == 200
    with translation.override(language):
        for category in registry.categories():
            row = rows[f"data-{category.key.replace('.', '')}"]
            assert str(category.what) in row
            assert " ".join(category.how_long().split())[1:] in row  # (the first letter is capitalised)
            assert " ".join(str(category.purpose).split()) in row
            for recipient in category.recipients:
                assert str(recipient) in row
    assert len(rows) == len(registry.categories())


def test_a_changed_period_shows_at_once(client, notice, settings):
    settings.RETENTION_ENQUIRIES_DAYS = 365

    row = table_rows(client.get(notice["en"].url))["data-homeenquiries"]

    assert "1 year after the message was sent" in row


def test_the_controller_is_the_organisation_and_empty_contacts_are_not_shown(client, notice, home_pages):
    settings_row = OrganisationSettings.objects.get()
    settings_row.legal_name_en = "Health and Social Development Foundation"
    settings_row.email = ""
    settings_row.phone = ""
    settings_row.save()

    controller = soup(client.get(notice["en"].url)).select_one(".privacy-notice__controller")

    assert "Health and Social Development Foundation" in controller.get_text()
    assert controller.select("a") == []  # no email, no phone: nothing invented


def test_a_filled_in_email_is_shown_and_offered_for_requests(client, notice):
    settings_row = OrganisationSettings.objects.get()
    settings_row.email = "office@example.org"
    settings_row.save()

    page = client.get(notice["en"].url).content.decode()

    assert page.count('href="mailto:office@example.org"') >= 2  # the controller, and how to use your rights


def test_the_notice_names_the_self_service_page_for_donors(client, notice):
    page = soup(client.get(notice["en"].url))

    with translation.override("en"):
        assert page.select_one(f'a[href="{reverse("donations:manage")}"]') is not None


@pytest.mark.parametrize("language", ["bg", "en"])
def test_the_footer_of_every_page_links_the_notice_in_its_language(client, notice, home_pages, language):
    home = home_pages.home_bg if language == "bg" else home_pages.home_en

    footer = soup(client.get(home.url)).select_one("footer nav")

    assert footer.select_one(f'a[href="{notice[language].url}"]').get_text() == notice[language].title


def test_the_footer_does_not_repeat_it_when_editors_chose_it_as_a_footer_link(client, notice, home_pages):
    from home.models import FooterLink, NavigationSettings

    navigation = NavigationSettings.objects.create(site=home_pages.site)
    FooterLink.objects.create(settings=navigation, page=notice["bg"], sort_order=0)

    footer = soup(client.get(home_pages.home_bg.url)).select_one("footer nav")

    assert len(footer.select(f'a[href="{notice["bg"].url}"]')) == 1


def privacy_links(response, url):
    return soup(response).select(f'main .privacy-link a[href="{url}"]')


def test_the_contact_and_consulting_forms_link_it(client, notice, home_pages):
    from tests import factories

    for factory in (factories.ContactPageFactory, factories.ConsultingPageFactory):
        page = factory(parent=home_pages.home_bg)
        assert privacy_links(client.get(page.url), notice["bg"].url)


def test_the_donation_form_links_the_sites_notice_when_the_campaign_chose_none(client, notice, home_pages):
    from donations.models import DonationPage

    page = home_pages.home_bg.add_child(instance=DonationPage(title="Дарете", slug="darete",
                                                              locale=home_pages.bg_locale))

    assert privacy_links(client.get(page.url), notice["bg"].url)


def test_the_donation_form_links_the_page_the_campaign_chose(client, notice, home_pages):
    from donations.models import DonationPage
    from tests import factories

    chosen = factories.ContentPageFactory(parent=home_pages.home_bg, title="Особена политика", slug="osobena")
    page = home_pages.home_bg.add_child(instance=DonationPage(title="Дарете", slug="darete",
                                                              locale=home_pages.bg_locale, privacy_page=chosen))

    assert privacy_links(client.get(page.url), chosen.url)


@pytest.mark.parametrize("url_name", ["donations:manage", "donations:newsletter", "account_login",
                                      "account_reset_password"])
def test_the_other_forms_that_collect_an_address_link_it(client, notice, url_name):
    with translation.override("en"):
        url = reverse(url_name)

    assert privacy_links(client.get(url), notice["en"].url)


def test_the_invitation_form_links_it(client, notice):
    from partners.invitations import make_token
    from partners.models import Invitation, PartnerOrganisation

    organisation = PartnerOrganisation.objects.create(name="Org", organisation_type="ngo")
    invitation = Invitation.objects.create(email="new@example.org", organisation=organisation)
    with translation.override("bg"):
        url = reverse("partners:accept_invitation", kwargs={"token": make_token(invitation)})

    assert privacy_links(client.get(url), notice["bg"].url)


def test_no_link_anywhere_when_there_is_no_notice(client, home_pages):
    page = client.get(home_pages.home_bg.url).content.decode()

    assert "privacy-link" not in page


def test_the_seed_has_the_notice_in_both_languages(client, seeded):
    for url, language in (("/bg/poveritelnost/", "bg"), ("/en/privacy/", "en")):
        response = client.get(url)
        assert response.status_code == 200
        with translation.override(language):
            assert escape(str(registry.get("donations.gifts").what)) in response.content.decode()
