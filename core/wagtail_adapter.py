"""The one place that leans on Wagtail's internals, for speed only.

Wagtail remembers three things on the request object while it serves a page: the Site that
answers the host (``Site.find_for_request``), the result of routing the path
(``Page.route_for_request``) and the sites' root paths that every page URL needs
(``Page.get_url_parts``). They are not public API, but they are exactly where Wagtail itself
looks first, so handing it answers the site already knows (per content generation, see
core.page_cache.for_generation) skips their queries while every hook — view restrictions,
password pages, routable pages — runs unchanged.

Each helper below writes one of those attributes. If an upgrade renames one, nothing breaks:
Wagtail simply does not find the answer and computes it itself (correct, only slower); the
contract tests in tests/core/test_wagtail_adapter.py fail that day, so the speed loss is seen
and this module is updated. Nothing else in the project may touch these attributes.

One more lean, for search: ``search_field_values`` reads a page's search fields the way the
search index does (``SearchField.get_value``: a StreamField gives the text of its blocks, a
rich-text field its text without markup), so that core.pages can index the dictionary forms of
exactly the text Wagtail indexes. The contract test checks that it still does.

And one for the page editor, ``TitleFieldPanel``: Wagtail's title field copies itself into the
slug on ``keyup`` (and ``change``, ``blur``), the events of a physical key. Text that arrives
without a key — an on-screen or input-method keyboard, dictation, a paste with the mouse, or a
browser driven by a test, which types Cyrillic letters as inserted text — fires only ``input``,
so the slug stopped at the last space (the one key such typing presses) until the field was
left. ``TitleFieldPanel`` adds ``input`` to the events Wagtail lists in
``TitleFieldPanel.BoundPanel.apply_actions`` (not public API); the sync stays debounced by
Wagtail's own controller and still applies only where Wagtail lets it (pages not yet live)."""

from wagtail.admin.panels import TitleFieldPanel as WagtailTitleFieldPanel
from wagtail.models import Page, Site
from wagtail.search import index

# Wagtail 8.0: wagtail/models/sites.py (find_for_request), wagtail/models/pages.py
# (route_for_request, _get_site_root_paths).
SITE_ATTRIBUTE = "_wagtail_site"
ROUTE_ATTRIBUTE = "_wagtail_route_for_request"
ROOT_PATHS_ATTRIBUTE = "_wagtail_cached_site_root_paths"


def knows_site(request):
    return hasattr(request, SITE_ATTRIBUTE)


def hand_site(request, site):
    """``Site.find_for_request(request)`` answers ``site`` from now on, with no query."""
    setattr(request, SITE_ATTRIBUTE, site)


def knows_route(request):
    return hasattr(request, ROUTE_ATTRIBUTE)


def hand_route(request, route):
    """``Page.route_for_request(request, path)`` answers ``route`` (a RouteResult, or None for
    "no page here") from now on, without walking the tree."""
    setattr(request, ROUTE_ATTRIBUTE, route)


def knows_site_root_paths(request):
    return hasattr(request, ROOT_PATHS_ATTRIBUTE)


def hand_site_root_paths(request, root_paths):
    """Page URLs built for this request use ``root_paths`` (``Site.get_site_root_paths()``)
    instead of reading them from the cache."""
    setattr(request, ROOT_PATHS_ATTRIBUTE, root_paths)


def find_site(request):
    """The public lookup, for building what is then remembered."""
    return Site.find_for_request(request)


def route(request, path):
    """The public routing, for paths that are not remembered."""
    return Page.route_for_request(request, path)


def search_field_values(obj, exclude=()):
    """The values of ``obj``'s search fields (``index.SearchField``, not filters or
    autocomplete fields) named in none of ``exclude``, in declared order, as the index reads them."""
    return [
        field.get_value(obj)
        for field in type(obj).get_search_fields()
        if isinstance(field, index.SearchField) and field.field_name not in exclude
    ]


# Wagtail 8.0: wagtail/admin/panels/title_field_panel.py (TitleFieldPanel.BoundPanel.apply_actions).
TITLE_INPUT_ACTION = "input->w-sync#apply"


class TitleFieldPanel(WagtailTitleFieldPanel):
    """Wagtail's title panel whose slug sync also follows ``input`` (see the module)."""

    class BoundPanel(WagtailTitleFieldPanel.BoundPanel):
        apply_actions = [*WagtailTitleFieldPanel.BoundPanel.apply_actions, TITLE_INPUT_ACTION]
