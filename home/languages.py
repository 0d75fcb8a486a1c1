"""Which URL the language switcher and hreflang links point to, for pages and plain views."""

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page, Site

from core.page_cache import for_generation
from core.visibility import public_only


def language_links(request, page=None):
    """One entry per language: the same page in that language when it exists and is live,
    else that language's home page. For non-page views, the same URL with the other prefix."""
    current = (get_language() or settings.LANGUAGE_CODE)[:2]
    links = []
    translations = {}
    if page is not None and getattr(page, "pk", None):
        translations = translation_urls(request, page.translation_key)
    for code, name in settings.LANGUAGES:
        target = translations.get(code)
        exact = target is not None
        if page is not None and getattr(page, "pk", None):
            url = target or home_url(code, request)
        else:
            url = translate_url(request.get_full_path(), code)
            exact = True
        links.append({"code": code, "name": name, "url": url, "is_current": code == current, "exact": exact})
    return links


def translation_urls(request, translation_key):
    """{language code: URL} of a page's live public translations, per site and content generation."""
    site = Site.find_for_request(request) if request is not None else None

    def build():
        return {
            translated.locale.language_code: translated.get_url(request)
            for translated in public_only(Page.objects.filter(translation_key=translation_key).live())
            .select_related("locale")
        }

    return for_generation("translation-urls", (site.pk if site else None, translation_key), build)


def home_url(language_code, request=None):
    from home.navigation import site_chrome

    return site_chrome(request)["homes"].get(language_code) or f"/{language_code}/"


#END
