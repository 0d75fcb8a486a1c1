"""The site is usable with JavaScript turned off: forms submit and links lead where they say."""

import re

import pytest

from tests.browser.navigation import (
    html_language,
    language_switcher_link,
    linked_paths,
    project_filter_form,
    submit_button,
)

pytestmark = pytest.mark.browser


def test_project_filter_form_filters_by_place_without_javascript(page_without_js, seeded_site):
    site = seeded_site
    bulgarian = site.paths["bg"]
    page = page_without_js
    site.visit(page, bulgarian["projects"])
    assert set(site.project_paths["bg"]) <= linked_paths(page), "the unfiltered index should list every project"

    filter_form = project_filter_form(page)
    filter_form.locator('select[name="place"]').select_option(site.pernik_place_slug)
    submit_button(filter_form).click()

    page.wait_for_url(re.compile(rf"[?&]place={re.escape(site.pernik_place_slug)}(&|$)"))
    results = linked_paths(page)
    assert bulgarian["project"] in results
    assert not (set(site.project_paths["bg"]) - {bulgarian["project"]}) & results, "other places' projects still listed"


def test_language_switcher_works_without_javascript(page_without_js, seeded_site):
    site = seeded_site
    page = page_without_js
    site.visit(page, site.paths["bg"]["project"])

    language_switcher_link(page, "en").click()

    page.wait_for_url(re.compile(re.escape(site.url(site.paths["en"]["project"])) + "$"))
    assert html_language(page) == "en"
