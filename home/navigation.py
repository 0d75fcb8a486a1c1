"""The parts of every page that do not depend on the page itself: the main menu, the footer
links and each language's home page. They cost a dozen queries to build, so they are built once
per process, site, language and content generation (core.page_cache.for_generation: a
dictionary lookup, not even a cache round trip); publishing anything, or saving the navigation
settings, starts a new generation (core/page_cache.py) and so a fresh copy."""

from wagtail.models import Page, Site

from core.languages import current_language, locale_id
from core.page_cache import for_generation
from core.visibility import is_public, public_only, restricted_paths


def site_chrome(request, language=None):
    """{"menu": [{"title", "url", "path"}], "footer": [{"title", "url"}], "homes": {code: url},
    "privacy", "terms", "accessibility", "donate": {"title", "url"} or None}"""
    language = language or current_language()
    site = Site.find_for_request(request) if request is not None else None
    return for_generation(
        "site-chrome", (site.pk if site else 0, language), lambda: build_chrome(request, site, language)
    )


def build_chrome(request, site, language):
    from home.models import HomePage, NavigationSettings

    paths = restricted_paths()
    homes = {
        home.locale.language_code: home
        for home in HomePage.objects.live().select_related("locale").order_by("path")
        if is_public(home, paths)
    }
    home = homes.get(language)
    menu = []
    if home is not None:
        children = home.get_children().live().in_menu().only("id", "title", "path", "url_path", "depth")
        menu = [
            {"title": page.title, "url": page.get_url(request), "path": page.path} for page in public_only(children)
        ]
    footer = []
    # Looked up, not for_site(): that would create the row (a write, and a new content
    # generation) on a plain GET when nobody has saved the settings yet.
    navigation = NavigationSettings.objects.filter(site=site).first() if site is not None else None
    if navigation is not None:
        keys = [link.page.translation_key for link in navigation.footer_links.select_related("page")]
        translations = {
            page.translation_key: page
            for page in Page.objects.live()
            .filter(translation_key__in=keys, locale__language_code=language)
            .only("id", "title", "path", "url_path", "depth", "translation_key")
        }
        footer = [
            {"title": translations[key].title, "url": translations[key].get_url(request)}
            for key in keys
            if key in translations and is_public(translations[key], paths)
        ]
    privacy = privacy_notice(request, language, paths)
    terms = first_public_page("TermsPage", request, language, paths)
    accessibility = first_public_page("AccessibilityStatementPage", request, language, paths)
    for statement in (privacy, terms, accessibility):
        if statement is not None:
            # An editor may have put it among the footer links too: then it is not shown twice.
            statement["in_footer_links"] = any(link["url"] == statement["url"] for link in footer)
    return {
        "menu": menu,
        "footer": footer,
        "homes": {code: page.get_url(request) for code, page in homes.items()},
        "privacy": privacy,
        "terms": terms,
        "accessibility": accessibility,
        "donate": donate_target(home, request, language, paths),
    }


def first_public_page(model_name, request, language, paths):
    """The first live, public page of the home app's ``model_name`` in ``language``, as
    {"title", "url"}, or None."""
    from django.apps import apps

    model = apps.get_model("home", model_name)
    pages = model.objects.live().filter(locale__language_code=language).order_by("path")
    page = next((page for page in pages.only("id", "title", "path", "url_path", "depth") if is_public(page, paths)),
                None)
    return {"title": page.title, "url": page.get_url(request)} if page is not None else None


def donate_target(home, request, language, paths):
    """Where the header's donate button goes: the donation page the home page names, in this
    language, else the first live public donation page of this language (found by its Wagtail
    content type, since home may not import the donations app); None hides the button."""
    from wagtail.models import Page

    chosen = getattr(home, "donate_page", None) if home is not None else None
    if chosen is not None:
        chosen = localized(chosen, language=language)
        if chosen.live and chosen.locale.language_code == language and is_public(chosen, paths):
            return {"title": chosen.title, "url": chosen.get_url(request)}
    candidates = (
        Page.objects.live()
        .filter(locale__language_code=language, content_type__app_label="donations",
                content_type__model="donationpage")
        .order_by("path")
        .only("id", "title", "path", "url_path", "depth")
    )
    page = next((page for page in candidates if is_public(page, paths)), None)
    return {"title": page.title, "url": page.get_url(request)} if page is not None else None


def privacy_notice(request, language, paths):
    """The site's privacy notice in ``language`` ({"title", "url"}), or None: linked from the
    footer of every page and from every form that collects personal data."""
    from home.models import PrivacyNoticePage

    notices = PrivacyNoticePage.objects.live().filter(locale__language_code=language).order_by("path")
    notice = next((page for page in notices.only("id", "title", "path", "url_path", "depth") if is_public(page, paths)),
                  None)
    return {"title": notice.title, "url": notice.get_url(request)} if notice is not None else None


def load_linked_pages(instance, *field_names):
    """Fetch the pages that several page foreign keys of ``instance`` point to in one query
    (one each otherwise, on first access)."""
    ids = {getattr(instance, f"{name}_id") for name in field_names} - {None}
    if not ids:
        return
    pages = Page.objects.in_bulk(ids)
    for name in field_names:
        page = pages.get(getattr(instance, f"{name}_id"))
        if page is not None:
            setattr(instance, name, page)


def prefetch_localized(pages, request, language=None):
    """Fetch, in one query, the translations that ``localized`` will be asked for on this
    request (e.g. every page a home page links to)."""
    if request is None:
        return
    wanted = locale_id(language or current_language())
    keys = {page.translation_key for page in pages if page is not None and page.locale_id != wanted}
    memo = _localized_memo(request)
    missing = keys - memo.keys()
    if wanted is None or not missing:
        return
    found = {
        page.translation_key: page
        for page in Page.objects.live().filter(translation_key__in=missing, locale_id=wanted).specific(defer=True)
    }
    for key in missing:
        memo[key] = found.get(key)


def _localized_memo(request):
    memo = getattr(request, "_localized_pages", None)
    if memo is None:
        memo = {}
        request._localized_pages = memo
    return memo


def localized(page, request=None, language=None):
    """The page in the visitor's language when it has a live translation, else the page itself.
    Unlike Page.localized, costs no query when the page is already in that language or was
    fetched by ``prefetch_localized``."""
    if page is None:
        return None
    wanted = locale_id(language or current_language())
    if wanted is None or page.locale_id == wanted:
        return page
    if request is not None:
        memo = _localized_memo(request)
        if page.translation_key not in memo:
            prefetch_localized([page], request, language)
        return memo.get(page.translation_key) or page
    translation = Page.objects.live().filter(translation_key=page.translation_key, locale_id=wanted).first()
    return translation.specific_deferred if translation is not None else page
