"""Fixtures for the public site: a bilingual page tree built with factories, the real seed
content (``seeded``, once per module), a fresh cache per test and an empty mail outbox."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import transaction

from tests import factories


def translate(page, **changes):
    """The English copy of a Bulgarian page (and of any untranslated ancestors), published."""
    english = factories.locale("en")
    copy = page.copy_for_translation(english, copy_parents=True)
    for name, value in changes.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return type(page).objects.get(pk=copy.pk)


def build_home_pages():
    """Bulgarian and English home pages; the Bulgarian one is the default Site's root."""
    from wagtail.models import Page, Site

    bulgarian = factories.locale("bg")
    english = factories.locale("en")
    root = Page.get_first_root_node()
    welcome_pages = list(root.get_children())
    home_bg = factories.HomePageFactory(parent=root, locale=bulgarian, title="Начало")
    site = Site.objects.get(is_default_site=True)
    site.root_page = home_bg
    site.hostname = "testserver"
    site.save()
    # Only after the Site has moved: deleting its old root would delete the Site too.
    for page in welcome_pages:
        page.delete()
    factories.OrganisationSettingsFactory(site=site)
    home_en = translate(
        home_bg, title="Home", mission="Integrated development of communities.",
        introduction="The foundation works with communities.",
    )
    return SimpleNamespace(
        site=site, root=root, bg_locale=bulgarian, en_locale=english, home_bg=home_bg, home_en=home_en
    )


def uses_transactional_database(item):
    """Whether pytest-django runs this test in a transaction it commits and then empties every
    table (``django_db(transaction=True)``, ``transactional_db``, ``live_server``): the same test
    as pytest-django's own ordering uses."""
    marker = item.get_closest_marker("django_db")
    if marker and (
        marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences") or (marker.args and marker.args[0])
    ):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config, items):
    """Mark the tests that empty the database after themselves (``-m transactional``). Serially,
    pytest-django runs them last, after every test that relies on the rows the migrations made
    (Wagtail's root page, the default Site, the locales). pytest-xdist hands a worker modules in
    any order, so ``make test`` runs the rest on both cores and these in a process of their own."""
    for item in items:
        if uses_transactional_database(item):
            item.add_marker(pytest.mark.transactional)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Form rate-limit counters and rendition caches live in the cache, and facts derived from
    content in this process's memo (core.page_cache.for_generation): each test starts clean,
    since rolling back a test's pages sends no signal that would start a new generation."""
    from core import page_cache

    cache.clear()
    page_cache.reset_local()
    yield
    cache.clear()
    page_cache.reset_local()


@pytest.fixture
def home_pages(db):
    return build_home_pages()


@pytest.fixture
def site_tree(db):
    """One page of every type in Bulgarian, each with a published English translation.

    ``tree.bg[key]`` / ``tree.en[key]`` with keys home, content, projects, project, press,
    press_page, contact, consulting; ``tree.untranslated`` is a Bulgarian content page with
    no English version."""
    homes = build_home_pages()
    home_bg = homes.home_bg
    bg = {"home": home_bg}
    en = {"home": homes.home_en}

    place = factories.PlaceFactory(slug="pernik", name_bg="Перник", name_en="Pernik")
    programme = factories.FundingProgrammeFactory(slug="esf", name_bg="ЕСФ", name_en="ESF")
    image = factories.ImageFactory()

    bg["content"] = factories.ContentPageFactory(
        parent=home_bg, title="Моделът", slug="modelat", introduction="Моделът за интегрирано развитие.",
        search_description="Описание на модела за интегрирано развитие.", show_in_menus=True,
    )
    en["content"] = translate(
        bg["content"], title="The model", slug="the-model", introduction="The model for integrated development.",
        search_description="About the model for integrated development.",
    )
    bg["projects"] = factories.ProjectIndexPageFactory(parent=home_bg, title="Проекти", slug="proekti")
    en["projects"] = translate(bg["projects"], title="Projects", slug="projects")
    bg["project"] = factories.ProjectPageFactory(
        parent=bg["projects"], title="Интегрирани мерки", slug="integrirani-merki",
        grant_amount=Decimal("704172.00"), places=[place], funding_programme=programme, listing_image=image,
        start_date=datetime.date(2022, 4, 11), end_date=datetime.date(2024, 4, 11),
    )
    en["project"] = translate(bg["project"], title="Integrated measures", slug="integrated-measures")
    bg["press"] = factories.PressIndexPageFactory(parent=home_bg, title="Новини", slug="novini")
    en["press"] = translate(bg["press"], title="News", slug="news")
    bg["press_page"] = factories.PressPageFactory(
        parent=bg["press"], title="Открихме център", slug="otkrihme-centar", date=datetime.date(2024, 5, 2),
    )
    en["press_page"] = translate(bg["press_page"], title="We opened a centre", slug="we-opened-a-centre")
    bg["contact"] = factories.ContactPageFactory(parent=home_bg, title="Контакти", slug="kontakti")
    en["contact"] = translate(bg["contact"], title="Contact", slug="contact")
    bg["consulting"] = factories.ConsultingPageFactory(parent=home_bg, title="Консултации", slug="konsultacii")
    en["consulting"] = translate(bg["consulting"], title="Consulting", slug="consulting")
    untranslated = factories.ContentPageFactory(parent=home_bg, title="Само на български", slug="samo-bg")
    return SimpleNamespace(**vars(homes), bg=bg, en=en, untranslated=untranslated, place=place, programme=programme)


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Seed once for the module (loading takes seconds) inside a transaction that is rolled back
    at the end; each test runs in its own savepoint within it, so tests cannot affect one another
    and nothing leaks into other modules."""
    from home.seed.loader import load_seed_content

    with django_db_blocker.unblock(), transaction.atomic():
        load_seed_content()
        yield
        transaction.set_rollback(True)
