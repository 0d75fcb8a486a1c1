"""The seed content (home/seed) and the ensure_admin command: data-level facts only; how the
pages render is tested with the templates."""

import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, PageLogEntry, Revision, Site
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from home.models import (
    ConsultingPage,
    ContactPage,
    FooterLink,
    HomePage,
    NavigationSettings,
    OrganisationSettings,
    PressPage,
)
from home.seed import content
from home.seed.bilingual import T, block_id
from home.seed.loader import WELCOME_PAGE_TITLE, find_page, load_seed_content, verify_seed
from home.seed.translation import SeedTranslationError, pair_strings
from projects.models import FundingProgramme, Place, ProjectPage
from projects.status import COMPLETED, ONGOING

SPECS = {spec.key: spec for spec in content.page_specs()}


def page(key, language):
    return find_page(SPECS[key], Locale.objects.get(language_code=language)).specific


def database_state():
    """Everything a second run must leave untouched."""
    return {
        "pages": sorted(Page.objects.values_list("pk", "latest_revision_id", "live_revision_id", "last_published_at")),
        "revisions": Revision.objects.count(),
        "log entries": PageLogEntry.objects.count(),
        "images": sorted(get_image_model().objects.values_list("pk", "file")),
        "collections": Collection.objects.count(),
        "string translations": sorted(StringTranslation.objects.values_list("pk", "data", "updated_at")),
        "translations": Translation.objects.count(),
        "sources": sorted(TranslationSource.objects.values_list("pk", "last_updated_at")),
        "places": sorted(Place.objects.values_list("pk", "slug", "name_bg", "name_en")),
        "programmes": FundingProgramme.objects.count(),
        "organisation settings": list(OrganisationSettings.objects.values()),
        "navigation settings": NavigationSettings.objects.count(),
        "footer links": sorted(FooterLink.objects.values_list("pk", "page_id", "sort_order")),
        "sites": list(Site.objects.values()),
        "locales": Locale.objects.count(),
    }


@pytest.mark.django_db
def test_tree_in_bulgarian_with_english_translations(seeded):
    bg, en = Locale.objects.get(language_code="bg"), Locale.objects.get(language_code="en")
    home_bg = HomePage.objects.get(locale=bg)
    assert Site.objects.get(is_default_site=True).root_page_id == home_bg.pk
    assert not Page.objects.filter(title=WELCOME_PAGE_TITLE).exists()

    menu = [child.specific.title for child in home_bg.get_children().live().in_menu()]
    assert menu == [
        "Моделът МИР",
        "Програми",
        "Центрове",
        "Консултиране",
        "Проекти",
        "Пресцентър",
        "За фондацията",
        "Контакти",
        "Подкрепете ни",
    ]
    programmes = page("programmes", "bg")
    assert programmes.list_children
    assert [child.title for child in programmes.get_children()] == [
        "Ранно детско развитие и родителство",
        "Деца 4–6 години, които не посещават детска градина",
        "Юноши: социални умения и заетост",
        "Работа с общността",
    ]
    assert ProjectPage.objects.filter(locale=bg).count() == 3
    assert PressPage.objects.filter(locale=bg).count() == 4

    for bg_page in Page.objects.filter(locale=bg, depth__gte=2):
        translations = Page.objects.filter(translation_key=bg_page.translation_key).exclude(pk=bg_page.pk)
        assert [p.locale_id for p in translations] == [en.pk], bg_page
        en_page = translations.get()
        assert en_page.live
        assert en_page.title != bg_page.title and en_page.slug != bg_page.slug
        assert en_page.seo_title and en_page.search_description
        translation = Translation.objects.get(source__object_id=bg_page.translation_key, target_locale=en)
        total, translated = translation.get_progress()
        assert total > 0 and translated == total, bg_page
        if bg_page.depth > 2:
            assert en_page.get_parent().translation_key == bg_page.get_parent().translation_key
    assert Page.objects.filter(locale=en).count() == Page.objects.filter(locale=bg, depth__gte=2).count()

    # English texts arrived, rich text included, with the page link kept.
    model_en = page("model", "en")
    assert model_en.slug == "mir-model"
    assert "In Bulgaria we no longer talk about a demographic crisis." in model_en.body.raw_data[0]["value"]["quote"]
    how_it_works = next(
        block for block in model_en.body.raw_data if "The programme for children and parents" in str(block)
    )
    assert f'id="{page("programmes", "bg").pk}"' in how_it_works["value"]
    assert model_en.body.raw_data[0]["id"] == page("model", "bg").body.raw_data[0]["id"] == block_id("model", "body/0")

    verify_seed()


@pytest.mark.django_db
def test_forms_in_both_languages(seeded):
    consulting_bg, consulting_en = page("consulting", "bg"), page("consulting", "en")
    assert isinstance(consulting_bg, ConsultingPage)
    fields_bg = list(consulting_bg.form_fields.all())
    fields_en = list(consulting_en.form_fields.all())
    assert [(f.clean_name, f.field_type, f.required) for f in fields_bg] == [
        ("name", "singleline", True),
        ("email", "email", True),
        ("organisation", "singleline", False),
        ("message", "multiline", True),
        ("consent", "checkbox", True),
    ]
    assert [(f.clean_name, f.translation_key) for f in fields_en] == [
        (f.clean_name, f.translation_key) for f in fields_bg
    ]
    assert {f.locale.language_code for f in fields_en} == {"en"}
    assert fields_en[4].label == "I agree that my data is used only to answer this enquiry."
    assert [offer["value"]["title"] for offer in consulting_en.offers.raw_data] == [
        "Situation analysis and local strategies",
        "Training of local teams",
        "Staff supervision",
        "Organisational development and team building",
        "Local networks of service providers and institutions",
        "Rapid assessment and research",
        "Effectiveness evaluation",
    ]
    assert "AIDS and tuberculosis" in consulting_en.experience

    contact_en = page("contact", "en")
    assert isinstance(contact_en, ContactPage)
    assert [f.clean_name for f in contact_en.form_fields.all()] == ["name", "email", "message", "consent"]


@pytest.mark.django_db
def test_projects_keep_their_facts_in_both_languages(seeded, monkeypatch):
    monkeypatch.setattr("projects.status.today", lambda: datetime.date(2025, 6, 1))
    for language in ("bg", "en"):
        mir, children, pernik = (page(key, language) for key in ("project-mir", "project-children", "project-pernik"))
        # The children's project sheet said "ongoing", but its period ended: the dates decide.
        assert children.status == COMPLETED
        assert pernik.status == COMPLETED
        assert mir.status == ONGOING and mir.start_date is None and mir.status_when_undated == "ongoing"

        assert (children.start_date, children.end_date) == (datetime.date(2022, 10, 12), datetime.date(2024, 4, 30))
        assert (pernik.start_date, pernik.end_date) == (datetime.date(2022, 4, 11), datetime.date(2024, 4, 11))
        assert children.grant_amount == Decimal("129068.80") and pernik.grant_amount == Decimal("704172.00")
        assert mir.grant_amount is None and mir.funding_programme is None
        assert children.people_reached == 210 and pernik.people_reached is None and mir.people_reached is None
        assert children.funding_programme.slug == "justice"
        assert pernik.funding_programme.slug == "local-development"
        assert set(children.places.values_list("slug", flat=True)) == {"pazardzhik", "plovdiv", "lom"}
        assert set(pernik.places.values_list("slug", flat=True)) == {"pernik"}
        assert set(mir.places.values_list("slug", flat=True)) == {"sofia"}
        assert len(mir.funders.raw_data) == 9 and len(children.funders.raw_data) == 0
        assert [len(p.expected_results.raw_data) for p in (mir, children, pernik)] == [3, 8, 7]
        assert all(not p.website for p in (mir, children, pernik))
        assert all(not partner["value"]["url"] for p in (children, pernik) for partner in p.partners.raw_data)
        assert children.contact_phone == "+359 898490449" and pernik.contact_phone == "+359 897 935422"

    assert page("project-children", "en").lead_organisation == "Crime Prevention Fund IGA"
    assert page("project-pernik", "bg").lead_organisation == "Община Перник"
    assert page("project-children", "en").people_reached_note.startswith("120 vulnerable children and 90")
    assert "5,100" in page("project-pernik", "en").summary and "5100" in page("project-pernik", "bg").summary
    assert page("project-pernik", "en").contact_address == "2300 Pernik, Sv. Ivan Rilski Square"
    assert Place.objects.get(slug="pernik").name_bg == "Перник"


@pytest.mark.django_db
def test_key_figures_say_whose_they_are(seeded):
    figures = {}
    for language in ("bg", "en"):
        home = page("home", language)
        figures[language] = [block["value"] for block in home.key_figures.raw_data]
        assert all(figure["attribution"] for figure in figures[language])
    nbsp = "\u00a0"
    assert [figure["figure"] for figure in figures["bg"]] == ["15", "25%", "120", f"704{nbsp}172{nbsp}€"]
    assert [figure["figure"] for figure in figures["en"]] == ["15", "25%", "120", "€704,172"]
    assert figures["en"][0]["attribution"] == "Health and Social Development Foundation (HESED)"
    assert "Crime Prevention Fund IGA" in figures["en"][2]["attribution"]
    assert figures["en"][2]["link"] == page("project-children", "bg").pk
    assert "Pernik Municipality" in figures["en"][3]["attribution"]
    assert figures["en"][3]["link"] == page("project-pernik", "bg").pk

    home = page("home", "bg")
    assert home.model_page_id == page("model", "bg").pk
    assert home.programmes_page_id == page("programmes", "bg").pk
    assert home.donate_page_id == page("donate", "bg").pk
    assert home.mission.startswith("Нашата мисия")


@pytest.mark.django_db
def test_press_pages_use_only_dated_facts(seeded):
    dates = sorted(PressPage.objects.filter(locale__language_code="en").values_list("date", "kind"))
    assert dates == [
        (datetime.date(2022, 4, 11), "news"),
        (datetime.date(2022, 10, 12), "news"),
        (datetime.date(2024, 4, 11), "news"),
        (datetime.date(2024, 4, 30), "news"),
    ]
    assert not PressPage.objects.exclude(outlet="").exists()
    assert not PressPage.objects.exclude(external_url="").exists()


@pytest.mark.django_db
def test_images_settings_and_footer(seeded):
    images = get_image_model().objects.filter(collection__name="Seed content")
    assert images.count() == 8
    for bg_page in Page.objects.filter(locale__language_code="bg").specific():
        if getattr(bg_page, "listing_image_id", None):
            en_page = bg_page.get_translation(Locale.objects.get(language_code="en"))
            assert en_page.listing_image_id == bg_page.listing_image_id
            assert bg_page.listing_image_alt and en_page.listing_image_alt != bg_page.listing_image_alt
    model_en = page("model", "en")
    image_block = next(block for block in model_en.body.raw_data if block["type"] == "image")
    assert image_block["value"]["alt_text"].startswith("An age line")
    assert image_block["value"]["caption"]

    site = Site.objects.get(is_default_site=True)
    organisation = OrganisationSettings.objects.get(site=site)
    assert organisation.name_en == "Health and Social Development Foundation"
    assert (organisation.short_name_bg, organisation.short_name_en) == ("ХЕСЕД", "HESED")
    assert "Агенцията за социално подпомагане" in organisation.registration_bg
    assert not (organisation.address_bg or organisation.address_en or organisation.phone or organisation.email)
    footer = NavigationSettings.objects.get(site=site).footer_links.order_by("sort_order")
    assert [link.page_id for link in footer] == [
        page(key, "bg").pk for key in ("about", "contact", "projects", "press")
    ]


@pytest.mark.django_db
def test_second_run_changes_nothing(seeded):
    before = database_state()
    report = load_seed_content()
    assert report.changes() == []
    assert database_state() == before

    out = io.StringIO()
    call_command("load_seed_content", stdout=out)
    assert "0 changes" in out.getvalue() and "already present: page home" in out.getvalue()
    assert database_state() == before


def test_english_and_bulgarian_must_have_the_same_shape():
    bulgarian = {("body.0", 0): "Едно.", ("body.0", 1): "Две."}
    english = {("body.0", 0): "One.", ("body.0", 1): "Two."}
    assert pair_strings(bulgarian, english, "test")[("body.0", 1)] == ("Две.", "Two.")
    with pytest.raises(SeedTranslationError):
        pair_strings(bulgarian, {("body.0", 0): "One."}, "test")


def test_a_text_needs_both_languages():
    with pytest.raises(ValueError):
        T("Само на български", "")


@pytest.mark.django_db
def test_ensure_admin_creates_one_superuser_once(tmp_path):
    password_file = tmp_path / ".admin-password"
    first = io.StringIO()
    call_command("ensure_admin", password_file=str(password_file), stdout=first)
    User = get_user_model()
    admin = User.objects.get(is_superuser=True)
    assert admin.username == "admin" and admin.email == "admin@localhost"
    password = password_file.read_text().strip()
    assert f"Admin user: admin / password: {password}" in first.getvalue()
    assert len(password) >= 20 and admin.check_password(password)
    assert password_file.stat().st_mode & 0o777 == 0o600

    second = io.StringIO()
    call_command("ensure_admin", password_file=str(password_file), stdout=second)
    assert User.objects.filter(is_superuser=True).count() == 1
    assert password not in second.getvalue() and "Admin password is in .admin-password" in second.getvalue()
    assert User.objects.get(pk=admin.pk).password == admin.password

    # Another database, another password: it is never fixed.
    User.objects.all().delete()
    call_command("ensure_admin", password_file=str(tmp_path / "other"), stdout=io.StringIO())
    assert (tmp_path / "other").read_text().strip() != password


@pytest.mark.django_db
def test_ensure_admin_leaves_an_existing_superuser_alone(tmp_path):
    get_user_model().objects.create_superuser("someone", "someone@example.org", "a-long-password-123")
    out = io.StringIO()
    call_command("ensure_admin", password_file=str(tmp_path / "pw"), stdout=out)
    assert get_user_model().objects.count() == 1
    assert "already exists" in out.getvalue() and not (tmp_path / "pw").exists()
