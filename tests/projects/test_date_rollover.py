"""A change of day shows on every page without a content edit.

A project's status comes from its dates and today's date, and so do the year filter's choices;
the per-process memo (core.page_cache.for_generation, which keeps the home page's listings and
the index's filter choices) and the stored pages carry today's date in their generation, so
nothing rendered on one day is reused on the next. Here the clock (time-machine) moves from
just before midnight to just after it, with the page cache on and off, and nothing is saved in
between.

The generation is re-read at most every PAGE_CACHE_GENERATION_TTL seconds of the monotonic
clock (a second in production), which time-machine does not move: the tests set it to 0, so the
next request re-reads it, as any request does a second after midnight."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from projects.status import COMPLETED, ONGOING
from tests import factories
from tests.home.fixtures import fresh
from tests.home.helpers import parse
from tests.production.conftest import page_cache_on  # noqa: F401 - fixture

SOFIA = ZoneInfo("Europe/Sofia")


def sofia(*args):
    return datetime.datetime(*args, tzinfo=SOFIA)


@pytest.fixture(params=["page-cache-on", "page-cache-off"])
def cache_mode(request, settings, shared_tree):
    settings.PAGE_CACHE_GENERATION_TTL = 0
    if request.param == "page-cache-on":
        request.getfixturevalue("page_cache_on")
    return request.param


@pytest.fixture
def index(shared_tree):
    return factories.ProjectIndexPageFactory(parent=fresh(shared_tree.bg["home"]))


def status_on_card(response, project):
    """The status shown on the listing's card of ``project``."""
    assert response.status_code == 200
    for card in parse(response).select(".card--project"):
        if card.select_one(".card__title a")["href"] == project.url:
            return [c[len("status--"):] for c in card.select_one(".status")["class"] if c.startswith("status--")][0]
    raise AssertionError(f"{project.url} is not listed")


def status_on_page(response):
    assert response.status_code == 200
    element = parse(response).select_one(".page-header .status")
    return [c[len("status--"):] for c in element["class"] if c.startswith("status--")][0]


def views(client, home, index, project):
    home_response = client.get(home.url)
    index_response = client.get(index.url)
    page_response = client.get(project.url)
    return {
        "home": status_on_card(home_response, project),
        "index": status_on_card(index_response, project),
        "page": status_on_page(page_response),
    }, (home_response, index_response, page_response)


def test_a_project_ending_today_is_completed_tomorrow_on_every_page(client, shared_tree, index, cache_mode):
    home = shared_tree.bg["home"]
    with time_machine.travel(sofia(2031, 5, 20, 23, 58), tick=False) as clock:
        project = factories.ProjectPageFactory(
            parent=index, start_date=datetime.date(2031, 1, 1), end_date=datetime.date(2031, 5, 20)
        )
        today, _ = views(client, home, index, project)
        again, responses = views(client, home, index, project)
        if cache_mode == "page-cache-on":
            # The pages really are served from the cache before midnight.
            assert [response.get("X-Page-Cache") for response in responses] == ["hit", "hit", "hit"]

        clock.move_to(sofia(2031, 5, 21, 0, 1))
        tomorrow, _ = views(client, home, index, project)

    assert today == again == {"home": ONGOING, "index": ONGOING, "page": ONGOING}
    assert tomorrow == {"home": COMPLETED, "index": COMPLETED, "page": COMPLETED}


def test_the_status_filter_follows_the_day(client, index, cache_mode):
    with time_machine.travel(sofia(2031, 5, 20, 23, 58), tick=False) as clock:
        project = factories.ProjectPageFactory(
            parent=index, start_date=datetime.date(2031, 1, 1), end_date=datetime.date(2031, 5, 20)
        )
        assert project.url in links(client.get(index.url, {"status": ONGOING}))
        clock.move_to(sofia(2031, 5, 21, 0, 1))
        assert project.url not in links(client.get(index.url, {"status": ONGOING}))
        assert project.url in links(client.get(index.url, {"status": COMPLETED}))


def links(response):
    assert response.status_code == 200
    return [a["href"] for a in parse(response).select(".card--project .card__title a")]


def year_choices(response):
    assert response.status_code == 200
    return [option["value"] for option in parse(response).select("select[name=year] option") if option["value"]]


def test_the_year_filter_gains_the_new_year_on_the_first_of_january(client, index, cache_mode):
    with time_machine.travel(sofia(2031, 12, 31, 23, 58), tick=False) as clock:
        project = factories.ProjectPageFactory(parent=index, start_date=datetime.date(2030, 6, 1), end_date=None)
        assert year_choices(client.get(index.url)) == ["2031", "2030"]
        assert year_choices(client.get(index.url)) == ["2031", "2030"]  # from the memo (and the cache)
        assert client.get(index.url, {"year": "2032"}).context["filters"]["year"] == ""

        clock.move_to(sofia(2032, 1, 1, 0, 1))
        assert year_choices(client.get(index.url)) == ["2032", "2031", "2030"]
        response = client.get(index.url, {"year": "2032"})

    assert response.context["filters"]["year"] == "2032"
    assert links(response) == [project.url]
