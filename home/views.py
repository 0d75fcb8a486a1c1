import sys

from django.http import Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.http import require_GET

from core import outage
from core.site_url import absolute_url
from home import search as site_search
from home.sitemap import sitemap_document


@require_GET
def search_view(request):
    query = site_search.clean_query(request.GET.get("q"))
    found = site_search.results_page(query, request.GET.get("page")) if query else {}
    context = {"page_obj": None, "results": [], "other_languages": [], "title_matches": [], **found}
    return TemplateResponse(request, "home/search.html", {"query": query, **context})


@require_GET
def search_suggestions_view(request):
    """Titles of pages beginning with what is typed in a search box, for its list of
    suggestions (static/js/site.js); the search itself works without it."""
    return JsonResponse({"suggestions": site_search.suggestions(request.GET.get("q"))})


@require_GET
def sitemap_view(request, number=None):
    """The sitemap, or past SITEMAP_PAGE_SIZE pages a sitemap index and its numbered parts;
    rendered once per site and content generation (home.sitemap)."""
    body = sitemap_document(request, number)
    if body is None:
        raise Http404
    return HttpResponse(body, content_type="application/xml")


@require_GET
def robots_view(request):
    sitemap_url = absolute_url("/sitemap.xml", request)
    body = f"User-agent: *\nDisallow: /admin/\nDisallow: /documents/\nSitemap: {sitemap_url}\n"
    return HttpResponse(body, content_type="text/plain")


def server_error(request):
    """Render 500.html in the visitor's language without touching the database (it may be
    what failed). When what failed is the database itself (down, restarting, unreachable), the
    answer is a 503 with Retry-After instead: the visitor is told to come back, and a crawler or
    a load balancer knows the outage is temporary (core.outage)."""
    language = translation.get_language_from_path(request.path_info) or "bg"
    with translation.override(language):
        if outage.database_unavailable(sys.exc_info()[1]):
            return outage.unavailable_response(language)
        template = loader.get_template("500.html")
        return HttpResponseServerError(template.render({"LANGUAGE_CODE": language}))
