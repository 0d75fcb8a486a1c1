"""sitemap.xml with every live public page in both languages and hreflang alternates."""

from collections import defaultdict

from wagtail.models import Page, Site


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
        url = page.get_full_url(request)
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
