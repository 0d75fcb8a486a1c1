"""Contract tests for core.wagtail_adapter: each fails the day a Wagtail upgrade stops looking
where the adapter hands its answers (the site would still work, only slower: see the module)."""

import pytest
from django.test import RequestFactory
from wagtail.models import Page, Site

from core import wagtail_adapter

pytestmark = pytest.mark.django_db


def a_request():
    return RequestFactory().get("/bg/", HTTP_HOST="testserver")


def test_wagtail_takes_the_handed_site_without_a_query(site_tree, django_assert_num_queries):
    request = a_request()
    site = Site.objects.get(is_default_site=True)
    wagtail_adapter.hand_site(request, site)
    assert wagtail_adapter.knows_site(request)
    with django_assert_num_queries(0):
        assert Site.find_for_request(request) is site


def test_wagtail_takes_the_handed_route_without_walking_the_tree(site_tree, django_assert_num_queries):
    request = a_request()
    page = site_tree.bg["project"].specific
    handed = page.route(request, [])
    wagtail_adapter.hand_route(request, handed)
    assert wagtail_adapter.knows_route(request)
    with django_assert_num_queries(0):
        assert Page.route_for_request(request, page.url_path) is handed


def test_wagtail_takes_a_handed_none_as_no_page(site_tree, django_assert_num_queries):
    request = a_request()
    wagtail_adapter.hand_route(request, None)
    with django_assert_num_queries(0):
        assert Page.route_for_request(request, "/nowhere/") is None


def test_page_urls_use_the_handed_site_root_paths(site_tree, django_assert_num_queries):
    request = a_request()
    page = site_tree.bg["content"]
    wagtail_adapter.hand_site(request, Site.objects.get(is_default_site=True))
    paths = Site.get_site_root_paths()
    wagtail_adapter.hand_site_root_paths(request, paths)
    assert wagtail_adapter.knows_site_root_paths(request)
    expected = page.get_url()
    with django_assert_num_queries(0):
        assert page.get_url(request) == expected


def test_the_public_lookups_agree_with_what_is_handed(site_tree):
    request = a_request()
    assert wagtail_adapter.find_site(request) == Site.objects.get(is_default_site=True)
    from django.utils import translation

    with translation.override("bg"):  # the path as the page view receives it: no language prefix
        route = wagtail_adapter.route(a_request(), f"{site_tree.bg['content'].slug}/")
    assert route is not None and route.page.pk == site_tree.bg["content"].pk


def test_search_field_values_read_stream_and_rich_text_as_the_index_does(home_pages):
    from tests import factories

    page = factories.ContentPageFactory(
        parent=home_pages.home_bg,
        introduction="Въведение",
        body=[("paragraph", "<p>Децата в <i>центровете</i></p>")],
    )

    values = wagtail_adapter.search_field_values(page, exclude=("title", "title_word_forms", "text_word_forms"))

    text = " ".join(str(item) for value in values for item in (value if isinstance(value, list) else [value]))
    assert "Децата в центровете" in text
    assert "<i>" not in text and "<p>" not in text


def test_the_index_takes_a_search_field_that_is_a_method(home_pages):
    # core.pages.SitePage indexes the dictionary forms of a page's words through methods.
    from tests import factories

    page = factories.ContentPageFactory(parent=home_pages.home_bg, title="Децата", introduction="")

    found = Page.objects.live().search("дете")

    assert page.pk in {result.pk for result in found}


def title_input_of_new_page_form(parent):
    """The title <input> of the "add page" form, as Wagtail's editor renders it."""
    import re

    from django.contrib.auth.models import AnonymousUser

    from home.models import ContentPage

    request = RequestFactory().get("/admin/")
    request.user = AnonymousUser()
    handler = ContentPage.get_edit_handler()
    page = ContentPage(title="")
    form = handler.get_form_class()(instance=page, for_user=request.user, parent_page=parent)
    html = handler.get_bound_panel(instance=page, form=form, request=request).render_html()
    return re.search(r'<input[^>]*name="title"[^>]*>', html).group()


def test_the_title_of_a_new_page_syncs_its_slug_on_input_as_well_as_on_keys(home_pages):
    # Wagtail's own actions (keyup, change, blur) are still there, and the adapter's "input" with
    # them: if Wagtail renames apply_actions, the input action disappears from the editor.
    title = title_input_of_new_page_form(home_pages.home_bg)

    assert "keyup-&gt;w-sync#apply" in title
    assert wagtail_adapter.TITLE_INPUT_ACTION.replace(">", "&gt;") in title
    assert 'data-w-sync-target-value="#id_slug"' in title
