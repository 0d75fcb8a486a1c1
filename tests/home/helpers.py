"""Small helpers shared by the public-site tests (tests/home and tests/projects)."""

from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests import factories

# The keys of the site_tree fixture: one page of every type.
PAGE_KEYS = ["home", "content", "projects", "project", "press", "press_page", "contact", "consulting"]


def parse(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def html_lang(response):
    return parse(response).html["lang"]


def text_of(response, selector):
    """The visible text of the first element matching ``selector``, whitespace collapsed."""
    element = parse(response).select_one(selector)
    assert element is not None, f"nothing matches {selector!r}"
    return " ".join(element.get_text(" ").split())


def translated(language, message):
    """``message`` as the site shows it in ``language`` (from the compiled catalogues)."""
    with translation.override(language):
        return str(translation.gettext(message))


def render_query_count(client, url):
    """Queries for rendering ``url`` once per-process and per-request caches (image
    renditions, site root paths) have been warmed by a first request."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), [query["sql"] for query in queries.captured_queries]


def assert_same_query_count(small, large):
    (small_count, _), (large_count, large_sql) = small, large
    assert small_count == large_count, (
        f"{small_count} queries for the short listing, {large_count} for the long one; the long one ran:\n"
        + "\n".join(sql[:160] for sql in large_sql)
    )


def add_projects(index_page, count, **fields):
    """``count`` projects under ``index_page``, each with its own place, programme and image."""
    return [
        factories.ProjectPageFactory(
            parent=index_page,
            places=[factories.PlaceFactory()],
            funding_programme=factories.FundingProgrammeFactory(),
            listing_image=factories.ImageFactory(),
            **fields,
        )
        for _ in range(count)
    ]


def add_press_pages(index_page, count, **fields):
    """``count`` press pages under ``index_page``, each with its own listing image."""
    return [
        factories.PressPageFactory(parent=index_page, listing_image=factories.ImageFactory(), **fields)
        for _ in range(count)
    ]


def form_data(page, **overrides):
    """A complete, valid submission for a form page built by the factories: values keyed by
    each field's clean name (derived by Wagtail from the Bulgarian labels)."""
    values = {
        "singleline": "Мария Иванова",
        "email": "maria@example.net",
        "multiline": "Искаме да научим повече за модела.",
        "checkbox": "on",
    }
    data = {field.clean_name: values[field.field_type] for field in page.form_fields.all()}
    for field_type, value in overrides.items():
        data[field_name(page, field_type)] = value
    return data


def field_name(page, field_type):
    return page.form_fields.get(field_type=field_type).clean_name
