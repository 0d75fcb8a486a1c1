"""Every page type renders in both languages and shows its own content."""

import pytest

from tests import factories
from tests.home.fixtures import fresh
from tests.home.helpers import PAGE_KEYS, html_lang, parse, text_of

LANGUAGES = ["bg", "en"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("key", PAGE_KEYS)
def test_page_renders_in_its_language(client, shared_tree, key, language):
    page = getattr(shared_tree, language)[key]

    response = client.get(page.url)

    assert response.status_code == 200
    assert page.url.startswith(f"/{language}/")
    assert html_lang(response) == language
    assert text_of(response, "h1") == expected_heading(page, language)


def expected_heading(page, language):
    """The home page is headed by the organisation's name in the visitor's language (its page
    title is only "Home"); every other page by its own title."""
    if key_of(page) == "home":
        organisation = factories.OrganisationSettingsFactory
        return organisation.name_bg if language == "bg" else organisation.name_en
    return page.title


def key_of(page):
    return "home" if page.depth == 2 else "other"


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_shows_mission_and_introduction(client, shared_tree, language):
    home = getattr(shared_tree, language)["home"]

    main = text_of(client.get(home.url), "main")

    assert home.mission in main
    assert home.introduction in main


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_lists_latest_projects_and_press_of_its_language(client, shared_tree, language):
    pages = getattr(shared_tree, language)
    other = shared_tree.en if language == "bg" else shared_tree.bg

    links = {a["href"] for a in parse(client.get(pages["home"].url)).select("main a")}

    assert {pages["project"].url, pages["press_page"].url} <= links
    assert not {other["project"].url, other["press_page"].url} & links


def test_home_page_lists_programme_pages_when_chosen(client, shared_tree):
    programmes = fresh(shared_tree.bg["content"])
    programme = factories.ContentPageFactory(parent=programmes, title="Програма Деца")
    home = fresh(shared_tree.bg["home"])
    home.programmes_page = programmes
    home.save_revision().publish()

    links = {a["href"] for a in parse(client.get(home.url)).select("main .card__title a")}

    assert programme.url in links


@pytest.mark.parametrize("language", LANGUAGES)
def test_content_page_shows_introduction(client, shared_tree, language):
    page = getattr(shared_tree, language)["content"]

    assert page.introduction in text_of(client.get(page.url), "main")


def test_content_page_lists_child_pages_only_when_asked(client, shared_tree):
    parent = fresh(shared_tree.bg["content"])
    child = factories.ContentPageFactory(parent=parent, title="Подстраница")

    before = {a["href"] for a in parse(client.get(parent.url)).select("main a")}
    parent.list_children = True
    parent.save_revision().publish()
    after = {a["href"] for a in parse(client.get(parent.url)).select("main a")}

    assert child.url not in before
    assert child.url in after


@pytest.mark.parametrize("language", LANGUAGES)
def test_project_index_lists_the_project_of_its_language(client, shared_tree, language):
    pages = getattr(shared_tree, language)

    links = {a["href"] for a in parse(client.get(pages["projects"].url)).select("main .card__title a")}

    assert links == {pages["project"].url}


@pytest.mark.parametrize("language", LANGUAGES)
def test_press_index_lists_the_press_page_of_its_language(client, shared_tree, language):
    pages = getattr(shared_tree, language)

    links = {a["href"] for a in parse(client.get(pages["press"].url)).select("main .card__title a")}

    assert links == {pages["press_page"].url}


@pytest.mark.parametrize("language", LANGUAGES)
def test_press_page_shows_type_date_and_summary(client, shared_tree, language):
    page = getattr(shared_tree, language)["press_page"]

    response = client.get(page.url)

    assert parse(response).select_one("main time")["datetime"] == page.date.isoformat()
    assert page.summary in text_of(response, "main")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("key", ["contact", "consulting"])
def test_form_page_shows_every_form_field_and_the_honeypot(client, shared_tree, key, language):
    page = getattr(shared_tree, language)[key]

    form = parse(client.get(page.url)).select_one("form.page-form")

    names = {element["name"] for element in form.select("input, textarea, select") if element.get("name")}
    assert {field.clean_name for field in page.form_fields.all()} <= names
    assert form.select_one(".honeypot input[name=website_url]") is not None
    assert form["action"] == page.url


def test_consulting_page_shows_its_form_heading(client, shared_tree):
    page = shared_tree.bg["consulting"]

    assert text_of(client.get(page.url), "#enquiry-heading") == page.form_heading


@pytest.mark.parametrize("language", LANGUAGES)
def test_main_menu_lists_the_pages_shown_in_menus_in_the_current_language(client, shared_tree, language):
    pages = getattr(shared_tree, language)

    links = {a["href"] for a in parse(client.get(pages["home"].url)).select("#main-menu a")}

    assert links == {pages["content"].url}


def test_draft_page_is_not_served(client, shared_tree):
    home = fresh(shared_tree.bg["home"])
    draft = factories.ContentPageFactory(parent=home, title="Чернова", live=False)

    assert client.get(f"{home.url}{draft.slug}/").status_code == 404
