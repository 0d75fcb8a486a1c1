"""Dates on the public pages: a press item, the press listing's cards and a project's period read
"2 май 2024 г." in Bulgarian and "2 May 2024" in English, with the machine date alongside."""

import pytest

from tests.home.helpers import parse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "expected"), [("bg", "2 май 2024 г."), ("en", "2 May 2024")])
def test_a_press_item_and_its_card_are_dated_in_the_pages_language(client, shared_tree, language, expected):
    pages = getattr(shared_tree, language)
    item = parse(client.get(pages["press_page"].url)).select_one("time[datetime='2024-05-02']")
    card = parse(client.get(pages["press"].url)).select_one("time[datetime='2024-05-02']")
    assert item.get_text() == card.get_text() == expected


@pytest.mark.parametrize(
    ("language", "start", "end"),
    [("bg", "11 април 2022 г.", "11 април 2024 г."), ("en", "11 April 2022", "11 April 2024")],
)
def test_a_projects_period_is_dated_in_the_pages_language(client, shared_tree, language, start, end):
    page = parse(client.get(getattr(shared_tree, language)["project"].url))
    assert page.select_one("time[datetime='2022-04-11']").get_text() == start
    assert page.select_one("time[datetime='2024-04-11']").get_text() == end
