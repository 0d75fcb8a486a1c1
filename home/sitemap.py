"""sitemap.xml with every live public page in both languages and hreflang alternates.

Built in a constant number of queries (the pages, with their locales, in one) and rendered once
per site and content generation (core.page_cache.for_generation), so a crawler asking again and
again costs a dictionary lookup. Past SITEMAP_PAGE_SIZE URLs, /sitemap.xml is a sitemap index
naming /sitemap-1.xml, /sitemap-2.xml, … (the protocol allows 50,000 per file; smaller parts keep
each answer small for slow crawlers and cheap to rebuild)."""

from collections import defaultdict

from django.conf import settings
from django.template.loader import render_to_string
from wagtail.models import Page, Site

from core.page_cache import for_generation
from core.site_url import absolute_url, page_url


def sitemap_entries(request):
    site = Site.find_for_request(request)
    if site is None:
        return []
    pages = list(
        Page.objects.live()
        .public()
        .filter(depth__gt=1)
        .select_related("locale")
        .only("id", "url_path", "translation_key", "locale__language_code", "last_published_at", "path", "depth")
    )
    by_key = defaultdict(list)
    entries = []
    for page in pages:
        url = page_url(page, request)
        if not url:
            continue
        entry = {"url": url, "lastmod": page.last_published_at, "language": page.locale.language_code}
        by_key[page.translation_key].append(entry)
        entries.append((page.translation_key, entry))
    for key, entry in entries:
        entry["alternates"] = sorted(
            ({"language": other["language"], "url": other["url"]} for other in by_key[key]),
            key=lambda alt: alt["language"],
        )
    return [entry for _, entry in entries]


def page_size():
    return getattr(settings, "SITEMAP_PAGE_SIZE", 2000)


def sitemap_document(request, number=None):
    """The XML of the sitemap (``number`` None) or of its part ``number``; None for a part that
    does not exist."""
    from home.routing import find_site  # the site per host, remembered per generation

    site = find_site(request)
    key = (site.pk if site else None, number)
    return for_generation("sitemap", key, lambda: _render(request, number))


def _render(request, number):
    entries = sitemap_entries(request)
    size = page_size()
    parts = max(1, -(-len(entries) // size))
    if number is None:
        if parts == 1:
            return render_to_string("sitemap.xml", {"entries": entries})
        locations = [absolute_url(f"/sitemap-{part}.xml", request) for part in range(1, parts + 1)]
        return render_to_string("sitemap_index.xml", {"locations": locations})
    if parts == 1 or not 1 <= number <= parts:
        return None
    return render_to_string("sitemap.xml", {"entries": entries[(number - 1) * size : number * size]})
