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


def a_translated_source(home_pages):
    """A Bulgarian page whose strings all have an English translation in wagtail-localize."""
    from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

    from tests import factories

    page = factories.ContentPageFactory(parent=home_pages.home_bg, title="Детство", introduction="Старо.")
    source, _ = TranslationSource.get_or_create_from_instance(page)
    Translation.objects.create(source=source, target_locale=home_pages.en_locale)
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        StringTranslation.objects.create(
            translation_of=segment.string, locale=home_pages.en_locale, context=segment.context,
            data=f"EN {segment.string.data}", translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        )  # fmt: skip
    latest = page.get_latest_revision_as_object()
    latest.introduction = "Ново."
    latest.save_revision().publish()
    return source


def test_a_sync_saves_the_source_then_makes_new_segments_then_deletes_the_replaced_ones(home_pages):
    # write_drafts relies on this order: the snapshot before the save, the drafts after the delete.
    from django.db.models.signals import post_delete, post_save, pre_save
    from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

    source = a_translated_source(home_pages)
    seen = []

    def saved_source(sender, instance, **kwargs):
        seen.append("source saved")

    def made_segment(sender, instance, created, **kwargs):
        if created:
            seen.append("segment made")

    def deleted_segment(sender, instance, **kwargs):
        seen.append("segment deleted")

    pre_save.connect(saved_source, sender=TranslationSource)
    post_save.connect(made_segment, sender=StringSegment)
    post_delete.connect(deleted_segment, sender=StringSegment)
    try:
        source.update_from_db()
    finally:
        pre_save.disconnect(saved_source, sender=TranslationSource)
        post_save.disconnect(made_segment, sender=StringSegment)
        post_delete.disconnect(deleted_segment, sender=StringSegment)

    assert seen == ["source saved", "segment made", "segment deleted"]
    # The replaced string's translation outlives its segment: it is what the draft is made from.
    assert StringTranslation.objects.filter(translation_of__data="Старо.", data="EN Старо.").exists()


def test_a_draft_is_shown_and_published_as_a_translation_with_its_tool_name(home_pages):
    from wagtail_localize.models import StringSegment, StringTranslation

    source = a_translated_source(home_pages)
    source.update_from_db()

    segment = StringSegment.objects.annotate_translation(home_pages.en_locale).get(source=source, string__data="Ново.")
    assert segment.translation == "EN Старо."  # what save_target publishes
    draft = StringTranslation.objects.get(translation_of_id=segment.string_id, locale=home_pages.en_locale)
    assert wagtail_adapter.sources_with_drafts([source.pk], home_pages.en_locale) == {source.pk}
    assert draft.tool_name in draft.get_comment()  # the comment the translation editor shows


def test_paired_replacements_pair_only_strings_that_took_anothers_place():
    assert wagtail_adapter.paired_replacements([1, 2, 3], [1, 4, 3]) == [(2, 4)]
    assert wagtail_adapter.paired_replacements([1, 2], [1, 2, 5]) == []  # added
    assert wagtail_adapter.paired_replacements([1, 2], [7, 1, 2]) == []  # added before
    assert wagtail_adapter.paired_replacements([1, 2], [1, 8, 9]) == []  # one became two: left empty


def test_wagtail_fixes_a_snippet_listings_breadcrumbs_in_the_language_active_when_it_builds_them():
    """Why core.wagtail_adapter.SnippetViewSet exists: Wagtail's own labels are plain strings. The
    day this fails, Wagtail translates them lazily itself and the override can go."""
    from django.utils import translation
    from wagtail.snippets.views.snippets import SnippetViewSet as WagtailSnippetViewSet

    from projects.models import Place

    with translation.override("en"):
        items = WagtailSnippetViewSet.breadcrumbs_items.fget(Place.snippet_viewset)
    with translation.override("bg"):
        assert [str(item["label"]) for item in items] == ["Home", "Snippets"]


@pytest.mark.parametrize("model_path", ["projects.models.Place", "projects.models.FundingProgramme",
                                        "newsletters.models.Newsletter"])
def test_every_snippet_listing_has_breadcrumbs_in_the_language_it_is_drawn_in(model_path):
    from django.utils import translation
    from django.utils.module_loading import import_string

    viewset = import_string(model_path).snippet_viewset
    assert isinstance(viewset, wagtail_adapter.SnippetViewSet)
    with translation.override("en"):
        items = viewset.breadcrumbs_items
    with translation.override("bg"):
        drawn = [str(item["label"]) for item in items]
    with translation.override("en"):
        assert drawn != [str(item["label"]) for item in items]
    assert drawn[0] == "Начало"
