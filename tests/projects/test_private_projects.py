"""A restricted project (a Wagtail view restriction of any kind: password, signed-in users,
groups) is not public: it is missing from every public listing -- the project index (cards,
totals and filter choices), the home page's latest projects, the sitemap -- and a restricted
press item is missing from the home page and the press feeds. Unpublished projects give no
filter choices either."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from tests import factories
from tests.home.fixtures import fresh
from tests.home.helpers import parse

RESTRICTIONS = [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN, PageViewRestriction.GROUPS]


def restrict(page, kind):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password="secret" if kind == PageViewRestriction.PASSWORD else ""
    )
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.add(Group.objects.create(name=f"Readers of {page.pk}"))
    return restriction


@pytest.fixture
def index(shared_tree):
    """An empty project index of its own, so that only these tests' projects are counted."""
    return factories.ProjectIndexPageFactory(parent=fresh(shared_tree.bg["home"]))


@pytest.fixture
def projects(index):
    """A public project and, newer, a project with its own place, programme and years (so that
    the home page would show it first, and any filter choice of it is its alone)."""
    public = factories.ProjectPageFactory(
        parent=index, title="Публичен проект", start_date=datetime.date(2029, 1, 10),
        end_date=datetime.date(2029, 12, 20), grant_amount=Decimal("1000.00"),
        places=[factories.PlaceFactory(slug="public-place")],
        funding_programme=factories.FundingProgrammeFactory(slug="public-programme"),
    )
    private = factories.ProjectPageFactory(
        parent=index, title="Непубличен проект", start_date=datetime.date(2031, 3, 1),
        end_date=datetime.date(2032, 6, 30), grant_amount=Decimal("99000.00"),
        places=[factories.PlaceFactory(slug="private-place")],
        funding_programme=factories.FundingProgrammeFactory(slug="private-programme"),
    )
    return public, private


def card_links(response, selector=".card__title a"):
    assert response.status_code == 200
    return [a["href"] for a in parse(response).select(selector)]


def filter_options(response, name):
    return [option["value"] for option in parse(response).select(f"select[name={name}] option") if option["value"]]


@pytest.mark.parametrize("kind", RESTRICTIONS)
def test_restricted_project_is_not_on_the_project_index(client, index, projects, kind):
    public, private = projects
    restrict(private, kind)

    response = client.get(index.url)

    assert card_links(response, ".card--project .card__title a") == [public.url]
    assert {project.pk for project in response.context["page_obj"].paginator.object_list} == {public.pk}
    assert response.context["project_count"] == 1
    assert response.context["grant_total"] == Decimal("1000.00")
    assert private.title not in response.content.decode()


@pytest.mark.parametrize("kind", RESTRICTIONS)
def test_restricted_project_is_not_found_through_the_filters(client, index, projects, kind):
    public, private = projects
    restrict(private, kind)

    queries = [{"status": "planned"}, {"year": "2031"}, {"place": "private-place"}, {"programme": "private-programme"}]
    for query in queries:
        response = client.get(index.url, query)
        assert private.url not in card_links(response), query


@pytest.mark.parametrize("kind", RESTRICTIONS)
def test_restricted_projects_give_no_filter_choices(client, index, projects, kind):
    restrict(projects[1], kind)

    response = client.get(index.url)

    assert filter_options(response, "place") == ["public-place"]
    assert filter_options(response, "programme") == ["public-programme"]
    assert filter_options(response, "year") == ["2029"]


def test_unpublished_projects_give_no_filter_choices(client, index, projects):
    public, private = projects
    private.unpublish()

    response = client.get(index.url)

    assert filter_options(response, "place") == ["public-place"]
    assert filter_options(response, "programme") == ["public-programme"]
    assert filter_options(response, "year") == ["2029"]


def test_a_choice_of_a_restricted_project_in_the_address_is_ignored(client, index, projects):
    public, private = projects
    restrict(private, PageViewRestriction.LOGIN)

    response = client.get(index.url, {"place": "private-place"})

    assert response.context["filters"]["place"] == ""
    assert card_links(response, ".card--project .card__title a") == [public.url]


@pytest.mark.parametrize("kind", RESTRICTIONS)
def test_restricted_project_is_not_on_the_home_page(client, shared_tree, index, projects, kind):
    public, private = projects
    before = card_links(client.get(shared_tree.bg["home"].url), "section[aria-labelledby=projects-heading] a")
    assert private.url in before, "without the restriction the newest project is listed"

    restrict(private, kind)
    links = card_links(client.get(shared_tree.bg["home"].url), "section[aria-labelledby=projects-heading] a")

    assert private.url not in links
    assert public.url in links


@pytest.mark.parametrize("kind", RESTRICTIONS)
def test_restricted_project_is_not_in_the_sitemap(client, index, projects, kind):
    public, private = projects
    restrict(private, kind)

    body = client.get("/sitemap.xml").content.decode()

    assert public.get_full_url() in body
    assert private.get_full_url() not in body


@pytest.mark.parametrize("kind", RESTRICTIONS)
def test_restricted_press_item_is_not_on_the_home_page_nor_in_the_feeds(client, shared_tree, kind):
    press = fresh(shared_tree.bg["press"])
    public = factories.PressPageFactory(parent=press, title="Публична новина", date=datetime.date(2031, 1, 2))
    private = factories.PressPageFactory(parent=press, title="Вътрешна новина", date=datetime.date(2031, 1, 3))
    restrict(private, kind)

    for feed in ("feed/", "atom/"):
        body = client.get(press.url + feed).content.decode()
        assert public.get_full_url() in body, feed
        assert private.get_full_url() not in body and private.title not in body, feed
    home = client.get(shared_tree.bg["home"].url)
    press_links = card_links(home, "section[aria-labelledby=press-heading] a")
    assert public.url in press_links and private.url not in press_links
    assert private.url not in card_links(client.get(press.url))
