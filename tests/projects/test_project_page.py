"""A project sheet shows its structured facts in the visitor's language."""

import pytest
from django.utils import translation

from core.formatting import NBSP
from tests import factories
from tests.home.fixtures import fresh
from tests.home.helpers import parse, translated


def facts(client, page):
    """The project sheet's facts as {term: description}, text as rendered (NBSPs kept)."""
    response = client.get(page.url)
    assert response.status_code == 200
    return {
        " ".join(term.get_text().split()): term.find_next_sibling("dd").get_text()
        for term in parse(response).select(".project-facts dt")
    }


@pytest.mark.parametrize(("language", "expected"), [("bg", f"704{NBSP}172{NBSP}€"), ("en", "€704,172")])
def test_grant_is_written_as_the_language_writes_money(client, shared_tree, language, expected):
    page = getattr(shared_tree, language)["project"]

    assert facts(client, page)[translated(language, "Grant amount")] == expected


@pytest.mark.parametrize("language", ["bg", "en"])
def test_places_are_named_in_the_page_language(client, shared_tree, language):
    page = getattr(shared_tree, language)["project"]

    assert facts(client, page)[translated(language, "Places")] == getattr(shared_tree.place, f"name_{language}")


@pytest.mark.parametrize("language", ["bg", "en"])
def test_funding_programme_is_named_in_the_page_language(client, shared_tree, language):
    page = getattr(shared_tree, language)["project"]

    expected = getattr(shared_tree.programme, f"name_{language}")
    assert facts(client, page)[translated(language, "Funding programme")] == expected


@pytest.mark.parametrize("language", ["bg", "en"])
def test_lead_organisation_is_shown(client, shared_tree, language):
    page = getattr(shared_tree, language)["project"]

    assert facts(client, page)[translated(language, "Lead organisation")] == page.lead_organisation


@pytest.mark.parametrize("language", ["bg", "en"])
def test_status_is_derived_from_the_dates_and_translated(client, shared_tree, language):
    page = getattr(shared_tree, language)["project"]

    with translation.override(language):
        expected = str(page.status_label)
    assert facts(client, page)[translated(language, "Status")] == expected


def test_status_changes_with_the_dates(client, shared_tree):
    from datetime import timedelta

    from django.utils import timezone

    page = fresh(shared_tree.en["project"])
    page.start_date = timezone.localdate() + timedelta(days=10)
    page.end_date = None
    page.save_revision().publish()

    assert facts(client, page)["Status"] == translated("en", "Planned")


@pytest.mark.parametrize("language", ["bg", "en"])
def test_implementation_period_shows_both_dates(client, shared_tree, language):
    page = getattr(shared_tree, language)["project"]

    response = client.get(page.url)

    times = [time["datetime"] for time in parse(response).select(".project-facts time")]
    assert times == [page.start_date.isoformat(), page.end_date.isoformat()]


def test_people_reached_is_written_with_thousands_grouped(client, shared_tree):
    page = factories.ProjectPageFactory(parent=fresh(shared_tree.bg["projects"]), people_reached=12500)

    assert facts(client, page)[translated("bg", "People reached")] == f"12{NBSP}500"


def test_facts_left_empty_are_not_shown(client, shared_tree):
    page = factories.ProjectPageFactory(
        parent=fresh(shared_tree.bg["projects"]), grant_amount=None, funding_programme=None
    )

    terms = facts(client, page)

    assert translated("bg", "Grant amount") not in terms
    assert translated("bg", "Places") not in terms
    assert translated("bg", "Funding programme") not in terms


@pytest.mark.parametrize("language", ["bg", "en"])
def test_project_sheet_links_back_to_the_index_of_its_language(client, shared_tree, language):
    pages = getattr(shared_tree, language)

    links = {a["href"] for a in parse(client.get(pages["project"].url)).select("main a")}

    assert pages["projects"].url in links
