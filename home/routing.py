"""Wagtail's page view, routed in one query.

Wagtail finds a page by walking the tree from the site's root: a query for the site, three for
the root page in the visitor's language, then two per level (the child with that slug, then its
specific row), and two more for view restrictions. A project sheet three levels down costs ten
queries before its own content is read.

Which page a path leads to changes only when content does, so ``serve`` remembers it per content
generation (core.page_cache.for_generation): the first view of a path in a generation walks the
tree exactly as Wagtail does, and records the page it arrived at; later views fetch that page's
specific row by id (one query) and let it route itself with no remaining path, which is the
last step of Wagtail's own walk (the live check, and a routable page's index view). Paths that
did not end on a page of their own (a routable page's sub-path such as a feed, or a 404) are
left to Wagtail every time. The result is handed to Wagtail's ``serve`` through
core.wagtail_adapter (the one module that knows where Wagtail looks for it), so its hooks (view
restrictions, password pages) run unchanged."""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.utils.translation import get_language
from wagtail import views as wagtail_views
from wagtail.models import Site

from core import wagtail_adapter
from core.page_cache import for_generation
from core.pages import SitePage


def find_site(request):
    """Site.find_for_request, remembered per host and port (a query on every view otherwise)."""
    if not wagtail_adapter.knows_site(request):
        try:
            key = (request.get_host(), request.get_port())
        except Exception:  # noqa: BLE001 - a host not allowed or malformed: let Wagtail decide, as it would
            return wagtail_adapter.find_site(request)
        # The same Site instance serves every request of this process until the content
        # generation changes (saving a Site starts a new one); nothing writes to it.
        wagtail_adapter.hand_site(request, for_generation("site", key, lambda: wagtail_adapter.find_site(request)))
    return wagtail_adapter.find_site(request)


def page_location(request, site, path):
    """(page id, content type id) of the page Wagtail's walk from this site's root ends on for
    ``path`` in the active language, or None when the walk ends anywhere else."""
    components = tuple(component for component in path.split("/") if component)
    key = (site.pk, (get_language() or "")[:2], components)
    return for_generation("route", key, lambda: _walk(request, site, components))


def _walk(request, site, components):
    root = site.root_page.localized
    try:
        page, args, kwargs = root.specific.route(request, list(components))
    except Http404:
        return None
    expected_url_path = root.url_path + "".join(f"{component}/" for component in components)
    if page.url_path != expected_url_path:
        return None  # a sub-path of a routable page: its view depends on the rest of the path
    return page.pk, page.content_type_id


def route(request, path):
    """The RouteResult Wagtail would find, or None (404)."""
    site = find_site(request)
    if site is None:
        return None
    location = page_location(request, site, path)
    if location is None:
        return wagtail_adapter.route(request, path)
    page_id, content_type_id = location
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    queryset = model._default_manager.all()
    if issubclass(model, SitePage):
        queryset = queryset.select_related(*model.route_select_related)
    try:
        page = queryset.get(pk=page_id)
        return page.route(request, [])
    except (model.DoesNotExist, Http404):
        return None


def serve(request, path):
    # Every page URL on the page needs the sites' root paths: Wagtail reads them from the cache
    # once per request; they are known per generation here.
    if not wagtail_adapter.knows_site_root_paths(request):
        wagtail_adapter.hand_site_root_paths(
            request, for_generation("site-root-paths", None, Site.get_site_root_paths)
        )
    if not wagtail_adapter.knows_route(request):
        wagtail_adapter.hand_route(request, route(request, path))
    return wagtail_views.serve(request, path)
