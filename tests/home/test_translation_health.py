"""The admin's "Преводи" page lists Bulgarian pages with no English translation and English
translations whose Bulgarian page changed after the last sync, each with the wagtail-localize
action that fixes it; machine translation is wagtail-localize's own setting, off by default."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from wagtail_localize.models import TranslationSource

from config.env import machine_translator
from home.translation_health import translation_health
from tests.home.helpers import parse

pytestmark = pytest.mark.django_db


def publish_edit(page, **changes):
    latest = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(latest, name, value)
    latest.save_revision().publish()


def test_a_page_without_english_is_listed_with_a_link_to_translate_it(site_tree):
    missing = translation_health()["missing"]
    assert [row.page.pk for row in missing] == [site_tree.untranslated.pk]
    translate = reverse("wagtail_localize:submit_page_translation", args=[site_tree.untranslated.pk])
    assert missing[0].action_url == translate + "?select_locale=en"


def test_a_translation_is_out_of_date_once_its_source_page_changes(site_tree):
    bulgarian = site_tree.bg["content"]
    source, _ = TranslationSource.get_or_create_from_instance(bulgarian)
    assert translation_health()["outdated"] == []

    publish_edit(bulgarian, introduction="Нов текст на въведението.")

    [row] = translation_health()["outdated"]
    assert row.page.pk == bulgarian.pk and row.translation.pk == site_tree.en["content"].pk
    assert row.action_url == reverse("wagtail_localize:update_translations", args=[source.pk])

    TranslationSource.update_or_create_from_instance(type(bulgarian).objects.get(pk=bulgarian.pk))
    assert translation_health()["outdated"] == []


def test_the_report_is_in_the_admin_menu_in_bulgarian(admin_client, admin_user, site_tree):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "bg"
    profile.save()
    page = parse(admin_client.get(reverse("home_translation_health")))
    assert page.select_one("h1").get_text(strip=True) == "Преводи"
    links = [link["href"] for link in page.select("a.button")]
    translate = reverse("wagtail_localize:submit_page_translation", args=[site_tree.untranslated.pk])
    assert translate + "?select_locale=en" in links
    assert reverse("home_translation_health") in admin_client.get("/admin/").content.decode()  # the menu


def test_machine_translation_is_off_by_default():
    assert machine_translator({}) is None


def test_deepl_and_libretranslate_come_from_their_variables():
    deepl = machine_translator({"MACHINE_TRANSLATOR": "deepl", "DEEPL_AUTH_KEY": "key:fx"})
    assert deepl == {"CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
                     "OPTIONS": {"AUTH_KEY": "key:fx"}}
    libre = machine_translator({"MACHINE_TRANSLATOR": "libretranslate", "LIBRETRANSLATE_URL": "http://mt:5000"})
    assert libre["OPTIONS"] == {"LIBRETRANSLATE_URL": "http://mt:5000", "API_KEY": ""}
    with pytest.raises(ImproperlyConfigured, match="DEEPL_AUTH_KEY"):
        machine_translator({"MACHINE_TRANSLATOR": "deepl"})
    with pytest.raises(ImproperlyConfigured, match="MACHINE_TRANSLATOR"):
        machine_translator({"MACHINE_TRANSLATOR": "babelfish"})


def test_the_configured_translator_is_the_one_wagtail_localize_uses(settings):
    from wagtail.models import Locale
    from wagtail_localize.machine_translators import get_machine_translator
    from wagtail_localize.strings import StringValue

    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator({"MACHINE_TRANSLATOR": "dummy"})
    translator = get_machine_translator()
    bg, _ = Locale.objects.get_or_create(language_code="bg")
    en, _ = Locale.objects.get_or_create(language_code="en")
    translated = translator.translate(bg, en, [StringValue.from_plaintext("Здравей свят")])
    assert list(translated.values())[0].render_text() == "свят Здравей"


def test_a_new_bulgarian_page_offers_its_english_translation_at_once(admin_client, site_tree):
    from django.contrib.messages import get_messages
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    data = nested_form_data({"title": "Нова страница", "slug": "nova-stranitsa", "introduction": "",
                             "body": streamfield([]), "action-publish": "publish"})
    response = admin_client.post(f"/admin/pages/add/home/contentpage/{site_tree.home_bg.pk}/", data)
    assert response.status_code == 302
    offers = [str(message) for message in get_messages(response.wsgi_request) if "select_locale=en" in str(message)]
    assert len(offers) == 1 and "Английската версия на сайта все още няма тази страница." in offers[0]
