"""The project index: filters narrow the list, bad filter values are ignored, totals follow the
filter, page links keep it, and the cost of a page does not grow with the number of projects."""

import datetime
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from core.formatting import format_eur
from projects.listing import PROJECTS_PER_PAGE
from projects.status import COMPLETED, ONGOING, PLANNED
from tests import factories
from tests.home.fixtures import fresh
from tests.home.helpers import add_projects, assert_same_query_count, parse, render_query_count


@pytest.fixture
def index(shared_tree):
    """An empty project index of its own, so that the tests count only their own projects."""
    return factories.ProjectIndexPageFactory(parent=fresh(shared_tree.bg["home"]))


def days(count):
    return timezone.localdate() + datetime.timedelta(days=count)


def listed(response):
    assert response.status_code == 200
    return {project.pk for project in response.context["page_obj"].paginator.object_list}


def shown(response):
    """The projects on this page of the listing, as links in the HTML."""
    return [a["href"] for a in parse(response).select(".card--project .card__title a")]


@pytest.fixture
def by_status(index):
    return {
        PLANNED: factories.ProjectPageFactory(parent=index, start_date=days(30), end_date=days(400)),
        ONGOING: factories.ProjectPageFactory(parent=index, start_date=days(-30), end_date=days(30)),
        COMPLETED: factories.ProjectPageFactory(parent=index, start_date=days(-400), end_date=days(-30)),
    }


@pytest.mark.parametrize("status", [PLANNED, ONGOING, COMPLETED])
def test_status_filter_lists_only_projects_with_that_status(client, index, by_status, status):
    response = client.get(index.url, {"status": status})

    assert listed(response) == {by_status[status].pk}
    assert shown(response) == [by_status[status].url]


def test_place_filter_lists_only_projects_in_that_place(client, index):
    pernik, sofia = factories.PlaceFactory(), factories.PlaceFactory()
    in_pernik = factories.ProjectPageFactory(parent=index, places=[pernik])
    in_both = factories.ProjectPageFactory(parent=index, places=[pernik, sofia])
    factories.ProjectPageFactory(parent=index, places=[sofia])
    factories.ProjectPageFactory(parent=index)

    response = client.get(index.url, {"place": pernik.slug})

    assert listed(response) == {in_pernik.pk, in_both.pk}


def test_programme_filter_lists_only_projects_of_that_programme(client, index):
    esf, erdf = factories.FundingProgrammeFactory(), factories.FundingProgrammeFactory()
    funded = factories.ProjectPageFactory(parent=index, funding_programme=esf)
    factories.ProjectPageFactory(parent=index, funding_programme=erdf)
    factories.ProjectPageFactory(parent=index)

    response = client.get(index.url, {"programme": esf.slug})

    assert listed(response) == {funded.pk}


def test_year_filter_lists_projects_running_during_that_year(client, index):
    early = factories.ProjectPageFactory(
        parent=index, start_date=datetime.date(2019, 3, 1), end_date=datetime.date(2020, 2, 28)
    )
    spanning = factories.ProjectPageFactory(
        parent=index, start_date=datetime.date(2018, 1, 1), end_date=datetime.date(2022, 12, 31)
    )
    late = factories.ProjectPageFactory(
        parent=index, start_date=datetime.date(2021, 1, 1), end_date=datetime.date(2023, 6, 30)
    )
    factories.ProjectPageFactory(parent=index, start_date=None, end_date=None)

    assert listed(client.get(index.url, {"year": "2020"})) == {early.pk, spanning.pk}
    assert listed(client.get(index.url, {"year": "2023"})) == {late.pk}


def test_year_choices_cover_every_year_a_project_runs(client, index):
    factories.ProjectPageFactory(parent=index, start_date=datetime.date(2019, 3, 1), end_date=datetime.date(2021, 2, 1))

    response = client.get(index.url)

    assert response.context["years"] == [2021, 2020, 2019]


def test_filters_combine(client, index):
    place = factories.PlaceFactory()
    wanted = factories.ProjectPageFactory(parent=index, places=[place], start_date=days(-10), end_date=days(10))
    factories.ProjectPageFactory(parent=index, places=[place], start_date=days(-100), end_date=days(-10))
    factories.ProjectPageFactory(parent=index, start_date=days(-10), end_date=days(10))

    response = client.get(index.url, {"place": place.slug, "status": ONGOING})

    assert listed(response) == {wanted.pk}


@pytest.mark.parametrize(
    "params",
    [
        {"status": "finished"},
        {"status": "ONGOING"},
        {"place": "no-such-place"},
        {"programme": "no-such-programme"},
        {"year": "1899"},
        {"year": "twenty"},
        {"year": "-2020"},
        {"year": "99999999999999999999999"},
        {"status": "' OR 1=1 --", "place": "<script>", "programme": "%", "year": "2020.5"},
        {"page": "abc"},
        {"page": "999"},
    ],
    ids=str,
)
def test_invalid_filter_values_are_ignored(client, index, by_status, params):
    response = client.get(index.url, params)

    assert response.status_code == 200
    assert listed(response) == {project.pk for project in by_status.values()}


def test_invalid_filter_value_is_not_echoed_as_selected(client, index, by_status):
    response = client.get(index.url, {"status": "finished"})

    assert response.context["filters"]["status"] == ""
    assert parse(response).select_one("#filter-status option[selected]") is None


@pytest.mark.parametrize("language", ["bg", "en"])
def test_filter_choices_show_names_in_the_page_language(client, shared_tree, language):
    index = getattr(shared_tree, language)["projects"]

    response = client.get(index.url)

    places = {option.get_text() for option in parse(response).select("#filter-place option[value]")}
    programmes = {option.get_text() for option in parse(response).select("#filter-programme option[value]")}
    assert getattr(shared_tree.place, f"name_{language}") in places
    assert getattr(shared_tree.programme, f"name_{language}") in programmes


def test_totals_count_and_sum_the_filtered_projects(client, index):
    place = factories.PlaceFactory()
    inside = [
        factories.ProjectPageFactory(parent=index, places=[place], grant_amount=Decimal("704172.00")),
        factories.ProjectPageFactory(parent=index, places=[place], grant_amount=Decimal("129068.80")),
    ]
    factories.ProjectPageFactory(parent=index, grant_amount=Decimal("5000.00"))

    response = client.get(index.url, {"place": place.slug})

    expected_total = sum(project.grant_amount for project in inside)
    assert response.context["project_count"] == len(inside)
    assert response.context["grant_total"] == expected_total
    assert format_eur(expected_total, "bg") in parse(response).select_one(".totals").get_text()


def test_totals_count_a_project_in_several_places_once(client, index):
    places = [factories.PlaceFactory(), factories.PlaceFactory(), factories.PlaceFactory()]
    project = factories.ProjectPageFactory(parent=index, places=places, grant_amount=Decimal("1000.00"))

    response = client.get(index.url)

    assert response.context["project_count"] == 1
    assert response.context["grant_total"] == project.grant_amount


def test_totals_of_a_filter_with_no_match_are_zero(client, index):
    programme = factories.FundingProgrammeFactory()
    factories.ProjectPageFactory(parent=index, funding_programme=programme, start_date=days(-400), end_date=days(-30))
    factories.ProjectPageFactory(parent=index, start_date=days(30), end_date=days(400))

    response = client.get(index.url, {"programme": programme.slug, "status": PLANNED})

    assert response.context["project_count"] == 0
    assert not response.context["grant_total"]
    assert shown(response) == []


def test_listing_is_paginated_by_twelve(client, index):
    projects = factories.ProjectPageFactory.create_batch(PROJECTS_PER_PAGE + 1, parent=index)

    first = client.get(index.url)
    second = client.get(index.url, {"page": 2})

    assert len(shown(first)) == PROJECTS_PER_PAGE
    assert len(shown(second)) == 1
    assert set(shown(first)) | set(shown(second)) == {project.url for project in projects}


def test_page_links_keep_the_filters(client, index):
    place = factories.PlaceFactory()
    factories.ProjectPageFactory.create_batch(
        PROJECTS_PER_PAGE + 1, parent=index, places=[place], start_date=days(-400), end_date=days(-30)
    )
    factories.ProjectPageFactory(parent=index)

    response = client.get(index.url, {"place": place.slug, "status": COMPLETED})

    links = [parse_qs(urlsplit(a["href"]).query) for a in parse(response).select(".pagination a")]
    assert links
    for query in links:
        assert query["place"] == [place.slug]
        assert query["status"] == [COMPLETED]
    assert "2" in {query["page"][0] for query in links}


def test_second_page_of_a_filtered_listing_is_still_filtered(client, index):
    place = factories.PlaceFactory()
    in_place = factories.ProjectPageFactory.create_batch(PROJECTS_PER_PAGE + 1, parent=index, places=[place])
    factories.ProjectPageFactory.create_batch(3, parent=index)

    second = client.get(index.url, {"place": place.slug, "page": 2})

    assert len(shown(second)) == 1
    assert set(shown(second)) <= {project.url for project in in_place}


def test_index_lists_only_its_own_language(client, shared_tree):
    response = client.get(shared_tree.en["projects"].url)

    assert shown(response) == [shared_tree.en["project"].url]


def test_index_leaves_out_unpublished_projects(client, index):
    factories.ProjectPageFactory(parent=index, live=False)

    assert listed(client.get(index.url)) == set()


def test_index_query_count_does_not_grow_with_the_number_of_projects(client, index):
    add_projects(index, 5)
    small = render_query_count(client, index.url)

    add_projects(index, 55)
    large = render_query_count(client, index.url)

    assert_same_query_count(small, large)


def test_filtered_index_query_count_does_not_grow_with_the_number_of_projects(client, index):
    place = factories.PlaceFactory()
    add_projects(index, 5, start_date=days(-400), end_date=days(-30))
    for project in index.get_children().specific():
        project.places.add(place)
        project.save()
    url = f"{index.url}?status={COMPLETED}&place={place.slug}"
    small = render_query_count(client, url)

    for project in add_projects(index, 55, start_date=days(-400), end_date=days(-30)):
        project.places.add(place)
        project.save()
    large = render_query_count(client, url)

    assert_same_query_count(small, large)
