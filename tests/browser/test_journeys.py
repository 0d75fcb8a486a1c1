"""What a visitor does with a mouse and keyboard: change language, find a project, search."""

import re

import pytest

from tests.browser.navigation import (
    header_search_form,
    html_language,
    language_switcher_link,
    linked_paths,
    main_menu_link,
    project_filter_form,
    submit_button,
)

pytestmark = pytest.mark.browser


def exact_url(site, path):
    """A wait_for_url pattern for this path with nothing after it (no query, no fragment)."""
    return re.compile(re.escape(site.url(path)) + "$")


def test_visitor_goes_from_bulgarian_home_to_english_pernik_sheet_and_finds_it_by_search(page, seeded_site):
    site = seeded_site
    english = site.paths["en"]

    site.visit(page, site.paths["bg"]["home"])
    assert html_language(page) == "bg"

    language_switcher_link(page, "en").click()
    page.wait_for_url(exact_url(site, english["home"]))
    assert html_language(page) == "en"

    main_menu_link(page, english["projects"]).click()
    page.wait_for_url(exact_url(site, english["projects"]))

    filter_form = project_filter_form(page)
    filter_form.locator('select[name="place"]').select_option(site.pernik_place_slug)
    submit_button(filter_form).click()
    page.wait_for_url(re.compile(rf"[?&]place={re.escape(site.pernik_place_slug)}(&|$)"))
    results = linked_paths(page)
    assert english["project"] in results
    assert not (set(site.project_paths["en"]) - {english["project"]}) & results, "other places' projects still listed"

    page.locator(f'main a[href="{english["project"]}"]').first.click()
    page.wait_for_url(exact_url(site, english["project"]))
    assert html_language(page) == "en"
    assert site.search_words["en"] in page.locator("main").inner_text()

    query = site.search_words["en"]
    search_form = header_search_form(page)
    search_form.locator('input[name="q"]').fill(query)
    search_form.locator('input[name="q"]').press("Enter")
    page.wait_for_url(re.compile(r"/en/search/\?(.*&)?q="))
    highlights = page.locator("main mark").all_inner_texts()
    assert highlights, "no highlighted (<mark>) words in the search results"
    assert {text.casefold() for text in highlights} == {query.casefold()}


def test_language_switcher_on_a_project_sheet_leads_to_its_english_translation(page, seeded_site):
    site = seeded_site
    site.visit(page, site.paths["bg"]["project"])
    assert html_language(page) == "bg"

    language_switcher_link(page, "en").click()

    page.wait_for_url(exact_url(site, site.paths["en"]["project"]))
    assert html_language(page) == "en"
