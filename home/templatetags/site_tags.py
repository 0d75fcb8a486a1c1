import json

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Page

from core import site_url
from core.formatting import format_date, format_datetime, format_eur, format_number
from home.languages import language_links as _language_links

register = template.Library()

@register.filter
def eur(amount):
    return format_eur(amount)


@register.filter
def number(value):
    return format_number(value)


@register.filter
def long_date(value):
    """"1 май 2024 г." / "1 May 2024" (core.formatting.format_date)."""
    return format_date(value)


@register.filter
def long_datetime(value, precision=""):
    """"1 май 2024 г., 14:05" / "1 May 2024, 14:05" in the site's time zone; ``long_datetime:"seconds"``
    adds the seconds (core.formatting.format_datetime)."""
    return format_datetime(value, seconds=precision == "seconds")


@register.simple_tag(takes_context=True)
def language_links(context):
    request = context.get("request")
    return _language_links(request, context.get("page"))


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The current language's home page children marked "show in menus" (cached, see
    home/navigation.py), with the current section marked."""
    from home.navigation import site_chrome

    current_path = getattr(context.get("page"), "path", "") or ""
    return [
        {**item, "active": bool(current_path) and current_path.startswith(item["path"])}
        for item in site_chrome(context.get("request"))["menu"]
    ]


@register.simple_tag(takes_context=True)
def language_home_url(context):
    from core.languages import current_language
    from home.navigation import site_chrome

    language = current_language()
    return site_chrome(context.get("request"))["homes"].get(language, f"/{language}/")


@register.simple_tag(takes_context=True)
def footer_links(context):
    """Footer pages chosen in Settings → Navigation, each shown in the visitor's language."""
    from home.navigation import site_chrome

    return site_chrome(context.get("request"))["footer"]


@register.simple_tag(takes_context=True)
def privacy_notice(context):
    """The site's privacy notice in the visitor's language: {"title", "url"} or None."""
    from home.navigation import site_chrome

    return site_chrome(context.get("request"))["privacy"]


@register.simple_tag(takes_context=True)
def chrome_link(context, key):
    """``{% chrome_link "terms" as terms %}``: the site's terms ("terms"), accessibility statement
    ("accessibility") or donation page ("donate") in the visitor's language: {"title", "url"} or None."""
    from home.navigation import site_chrome

    return site_chrome(context.get("request"))[key]


@register.simple_tag(takes_context=True)
def privacy_notice_url(context, chosen=None):
    """``{% privacy_notice_url page.privacy_page as url %}``: the page an editor chose (in the
    visitor's language), else the site's privacy notice; "" when there is none."""
    from home.navigation import localized

    request = context.get("request")
    if chosen:
        return localized(chosen, request).get_url(request) or ""
    notice = privacy_notice(context)
    return notice["url"] if notice else ""


@register.simple_tag(takes_context=True)
def localized_page(context, page):
    """``{% localized_page page.model_page as target %}``: the linked page in the visitor's
    language (see home.navigation.localized)."""
    from home.navigation import localized

    return localized(page, context.get("request"))


@register.simple_tag(takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return []
    from core.pages import ancestors_for_breadcrumbs

    return ancestors_for_breadcrumbs(page)


@register.simple_tag
def social_image_url(page):
    """The URL of the page's 1200×630 social preview (Open Graph), known per content generation:
    Wagtail would look the rendition up in the cache on every view."""
    from core.page_cache import for_generation

    image = getattr(page, "listing_image", None)
    if image is None:
        return ""
    return for_generation(
        "social-image", (image.pk, image.file_hash), lambda: image.get_rendition("fill-1200x630|format-jpeg").url
    )


@register.simple_tag(takes_context=True)
def organisation_json_ld(context):
    settings_obj = context.get("settings")
    request = context.get("request")
    org = settings_obj["home"]["OrganisationSettings"] if settings_obj else None
    if org is None or not org.name_bg:
        return ""
    data = {
        "@context": "https://schema.org",
        "@type": "NGO",
        "name": org.name,
        "url": site_url.absolute_url("/", request),
    }
    if org.legal_name:
        data["legalName"] = org.legal_name
    if org.email:
        data["email"] = org.email
    if org.phone:
        data["telephone"] = org.phone
    if org.address:
        data["address"] = org.address
    same_as = [url for _, url in org.social_links]
    if same_as:
        data["sameAs"] = same_as
    # "</" cannot appear inside a <script> block; escape it so data cannot close the tag.
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """An absolute URL for <link>/<meta> tags on the site's public address (core.site_url);
    page URLs may be relative to the site."""
    if not url:
        return ""
    return site_url.absolute_url(url, context.get("request"))


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's own address without the query string, except the page number of a listing,
    which is a distinct page of content."""
    request = context.get("request")
    if request is None:
        return ""
    url = site_url.absolute_url(request.path, request)
    page_number = request.GET.get("page", "")
    if page_number.isdigit() and page_number != "1":
        url += f"?page={page_number}"
    return url


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (empty value: removed), for
    pagination links that keep the filters."""
    from django.utils.http import urlencode

    request = context.get("request")
    params = request.GET.copy() if request is not None else {}
    for key, value in changes.items():
        if value in ("", None):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = urlencode(sorted((key, params.get(key)) for key in params)) if params else ""
    return f"?{encoded}" if encoded else "?"


@register.filter
def listing_text(page):
    """The short text a card or search result shows: the editor's description, else the
    page's own introduction or summary, whichever the page type has."""
    for name in ("search_description", "introduction", "summary"):
        text = getattr(page, name, "")
        if text:
            return text
    return ""


class GenerationFragmentNode(template.Node):
    def __init__(self, nodelist, name, key_parts):
        self.nodelist = nodelist
        self.name = name
        self.key_parts = key_parts

    def render(self, context):
        from wagtail.models import Site

        from core.page_cache import for_generation

        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)  # a preview shows unsaved content: never keep it
        site = Site.find_for_request(request)
        key = (self.name, site.pk if site else None, (get_language() or "")[:2])
        key += tuple(str(part.resolve(context)) for part in self.key_parts)
        return for_generation("fragment", key, lambda: self.nodelist.render(context))


@register.tag
def generation_fragment(parser, token):
    """``{% generation_fragment "name" page.pk %}…{% endgeneration_fragment %}``: the enclosed
    HTML is rendered once per process, content generation, site, language and key, then reused
    (core.page_cache.for_generation). For listings of other pages, which change only when
    content does and cost most of a page's queries and rendering; never for anything that
    depends on the visitor, the request or a form."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("generation_fragment needs a name")
    nodelist = parser.parse(("endgeneration_fragment",))
    parser.delete_first_token()
    return GenerationFragmentNode(nodelist, bits[1].strip("\"'"), [parser.compile_filter(bit) for bit in bits[2:]])
