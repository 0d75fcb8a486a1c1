"""The home page's listings (programmes, latest projects, latest press): newest first, in the
page's language, at a cost that does not grow with the content behind them."""

import datetime

from tests import factories
from tests.home.fixtures import fresh
from tests.home.helpers import (
    add_press_pages,
    add_projects,
    assert_same_query_count,
    parse,
    render_query_count,
)


def card_links(response, section):
    return [a["href"] for a in parse(response).select(f"section[aria-labelledby={section}] .card__title a")]


def test_home_page_shows_the_three_newest_projects(client, shared_tree):
    index = fresh(shared_tree.bg["projects"])
    projects = [
        factories.ProjectPageFactory(parent=index, start_date=datetime.date(2030, 1, day)) for day in range(1, 6)
    ]

    links = card_links(client.get(shared_tree.bg["home"].url), "projects-heading")

    newest = sorted(projects, key=lambda project: project.start_date, reverse=True)[:3]
    assert links == [project.url for project in newest]


def test_home_page_shows_the_three_newest_press_items(client, shared_tree):
    index = fresh(shared_tree.bg["press"])
    items = [factories.PressPageFactory(parent=index, date=datetime.date(2030, 1, day)) for day in range(1, 6)]

    links = card_links(client.get(shared_tree.bg["home"].url), "press-heading")

    newest = sorted(items, key=lambda item: item.date, reverse=True)[:3]
    assert links == [item.url for item in newest]


def test_home_page_query_count_does_not_grow_with_projects_press_and_programmes(client, shared_tree):
    home = fresh(shared_tree.bg["home"])
    programmes = fresh(shared_tree.bg["content"])
    home.programmes_page = programmes
    home.save_revision().publish()
    projects, press = fresh(shared_tree.bg["projects"]), fresh(shared_tree.bg["press"])

    def add(count):
        add_projects(projects, count)
        add_press_pages(press, count)
        for _ in range(count):
            factories.ContentPageFactory(parent=programmes, listing_image=factories.ImageFactory())

    add(5)
    small = render_query_count(client, home.url)
    assert len(card_links(client.get(home.url), "programmes-heading")) == 5

    add(55)
    large = render_query_count(client, home.url)
    assert len(card_links(client.get(home.url), "programmes-heading")) == 60

    assert_same_query_count(small, large)
