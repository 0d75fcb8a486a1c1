"""Queries per page, uncached: at most 15 for every public page type in both languages, and the
same number when the site holds more content (two sizes)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories

pytestmark = pytest.mark.django_db

BUDGET = 15
PAGE_KEYS = ["home", "content", "projects", "project", "press", "press_page", "contact", "consulting", "donation"]


def queries_for(client, url):
    """Queries of a repeat view (the first one creates image renditions and settings rows once)."""
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    assert response.headers.get("X-Page-Cache") is None  # really uncached
    return len(captured), [query["sql"] for query in captured.captured_queries]


def all_counts(client, tree):
    counts = {}
    for language in ("bg", "en"):
        for key in PAGE_KEYS:
            url = getattr(tree, language)[key].url
            counts[(language, key)] = queries_for(client, url)
    return counts


def grow(tree, projects=6, press_pages=6):
    place = factories.PlaceFactory(slug="dupnitsa", name_bg="Дупница", name_en="Dupnitsa")
    programme = factories.FundingProgrammeFactory(slug="norway", name_bg="Норвегия", name_en="Norway")
    for number in range(projects):
        factories.ProjectPageFactory(
            parent=tree.bg["projects"], title=f"Проект {number}", slug=f"proekt-{number}",
            places=[place, tree.place], funding_programme=programme, listing_image=factories.ImageFactory(),
            start_date=datetime.date(2020 + number % 4, 1, 1), end_date=datetime.date(2026, 1, 1),
        )
    for number in range(press_pages):
        factories.PressPageFactory(
            parent=tree.bg["press"], title=f"Новина {number}", slug=f"novina-{number}",
            date=datetime.date(2024, 1, 1 + number),
        )
    factories.ContentPageFactory(parent=tree.home_bg, title="Още", slug="oshte", show_in_menus=True)


def test_every_public_page_type_within_budget(donation_pages, client):
    counts = all_counts(client, donation_pages)
    over = {page: count for page, (count, _) in counts.items() if count > BUDGET}
    assert not over, f"over the budget of {BUDGET}: {over}"


def test_queries_stay_constant_as_content_grows(donation_pages, client):
    small = all_counts(client, donation_pages)
    grow(donation_pages)
    large = all_counts(client, donation_pages)
    changed = {page: (small[page][0], large[page][0]) for page in small if small[page][0] != large[page][0]}
    assert not changed, f"queries grow with content (before, after): {changed}\n" + "\n".join(
        sql for page in changed for sql in large[page][1]
    )


def test_search_sitemap_and_404_within_budget(site_tree, client):
    for url, status in [("/bg/search/?q=модел", 200), ("/sitemap.xml", 200), ("/en/no-such-page/", 404)]:
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == status
        assert len(captured) <= BUDGET, (url, len(captured))


def test_every_page_of_the_seeded_site_within_budget(seeded, client):
    """The real content (rich text with page links, key figures, forms, the donation page), not
    just the factory tree: every live page in both languages."""
    from wagtail.models import Page

    urls = [page.url for page in Page.objects.live().filter(depth__gte=2).specific() if page.url]
    assert len(urls) >= 40  # 21 pages in each language
    counts = {url: queries_for(client, url) for url in urls}
    over = {url: count for url, (count, _) in counts.items() if count > BUDGET}
    assert not over, f"over the budget of {BUDGET}: {over}"
