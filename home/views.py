from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.http import require_GET

from home import search as site_search
from home.sitemap import sitemap_entries


@require_GET
def search_view(request):
    query = site_search.clean_query(request.GET.get("q"))
    page_obj = site_search.paginated_results(query, request.GET.get("page")) if query else None
    results = []
    if page_obj is not None:
        for page in page_obj.object_list:
            snippet = getattr(page, "search_description", "") or getattr(page, "introduction", "") or getattr(
                page, "summary", ""
            )
            results.append(
                {
                    "page": page,
                    "title": site_search.highlight(page.title, query),
                    "snippet": site_search.highlight(snippet[:300], query),
                }
            )
    return TemplateResponse(
        request, "home/search.html", {"query": query, "page_obj": page_obj, "results": results}
    )


@require_GET
def sitemap_view(request):
    return TemplateResponse(
        request, "sitemap.xml", {"entries": sitemap_entries(request)}, content_type="application/xml"
    )


@require_GET
def robots_view(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    body = f"User-agent: *\nDisallow: /admin/\nDisallow: /documents/\nSitemap: {sitemap_url}\n"
    return HttpResponse(body, content_type="text/plain")


def server_error(request):
    """Render 500.html in the visitor's language without touching the database (it may be
    what failed)."""
    language = translation.get_language_from_path(request.path_info) or "bg"
    with translation.override(language):
        template = loader.get_template("500.html")
        return HttpResponseServerError(template.render({"LANGUAGE_CODE": language}))
