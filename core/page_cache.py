"""Anonymous page cache: public Wagtail pages served from Django's cache.

What is cached, and only that: the answer of Wagtail's page view (``wagtail_serve``) to a GET
request

- with no session or messages cookie and no Authorization header (nobody signed in, nothing
  personal pending: a signed-in person never gets a cached page, nor is their page ever stored),
- with no query string, or one made only of the listing parameters in ``LISTING_PARAMETERS``
  with short plain values, *and* only when the page's listing accepted exactly those values
  (``accept_listing_query``): a value the listing ignored (``?page=x1``, an unknown place) still
  renders, but is never stored, so nobody can grow the cache one garbage value at a time,
- answered 200, with no cookie set, no ``Vary: Cookie`` (the page looked at the session or the
  user), no ``Cache-Control: private/no-cache/no-store``, and no CSRF token anywhere in the body
  (form pages: contact, consulting, donation, password-protected pages are never stored).

A CSRF cookie alone does not bypass the cache: it identifies nobody, a cached page holds no
token, and the form pages that need the token are never stored, so they always render fresh
with a token that matches the visitor's cookie.

Entries are keyed by scheme, host, path (which carries the language: /bg/…, /en/…) and the
allowed query, and each entry records the *generation* it was rendered under. Publishing,
unpublishing, moving or deleting a page, or saving any content model the pages show (snippets,
settings, images, places…), bumps the generation: every earlier entry is stale at once (an
entry is served only under the generation it was rendered for). Each process keeps a copy of
recent entries and re-reads the generation at most once a second (see ``local_generation``). The
generation lives in the same cache, so with Redis (``REDIS_URL``) all processes and servers
share it; the local-memory fallback is per process, which is right for one process (``make
run``, the tests) but not for several: production sets ``REDIS_URL``.

If the cache itself fails (Redis down or hung: core.cache answers every call as a miss and stops
asking for a few seconds), the generation cannot be read, and pages are rendered as if nothing
were cached, the memo is rebuilt on every view, and nothing is stored until the cache is back."""

import hashlib
import logging
import re
import time

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re, patch_cache_control
from wagtail.models import Page

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
# Query parameters of the public listings (pagination, press kinds, project filters): a query
# made only of these, with values like "2", "pernik" or "2024", is cached per combination.
LISTING_PARAMETERS = frozenset({"page", "kind", "status", "place", "programme", "year"})
SAFE_VALUE = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
MAX_QUERY_PARAMETERS = 4
CSRF_MARKER = b"csrfmiddlewaretoken"
HEADER = "X-Page-Cache"

# Saving or deleting a row of these apps can change what a public page shows. Not the donations
# app: a gift, a refund or a newsletter sign-up shows on no stored page (a campaign's progress is
# only on its donation page, which is never stored: see storable()), so anonymous writes there
# never purge the site. The donation page itself is a Page: publishing it purges as any page does.
INVALIDATING_APPS = frozenset(
    {"home", "projects", "wagtailcore", "wagtailimages", "wagtaildocs", "taggit", "wagtail_localize"}
)
# ... except these, which are written often and never shown on a public page.
IGNORED_MODELS = frozenset(
    {
        "wagtailcore.revision",
        "wagtailcore.pagelogentry",
        "wagtailcore.modellogentry",
        "wagtailcore.referenceindex",
        "wagtailcore.taskstate",
        "wagtailcore.workflowstate",
        "wagtailcore.pagesubscription",
        "wagtailcore.comment",
        "wagtailcore.commentreply",
        "wagtailcore.uploadedfile",
        "wagtailimages.rendition",
    }
)


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def enabled():
    return getattr(settings, "PAGE_CACHE_SECONDS", 0) > 0


def current_generation():
    """The generation number; a missing one (never set, evicted, cache cleared) starts from the
    clock, so a lost counter can never make an old generation's entries reachable again. None
    when the cache cannot be asked (core.cache answers a failing Redis as a miss)."""
    cache = _cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, time.time_ns() // 1000, timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


# This process's copy of recent entries and of the generation, so that a hit usually costs no
# round trip to Redis at all. The generation is re-read from the shared cache at most every
# PAGE_CACHE_GENERATION_TTL seconds (default 1): a purge made by another process or server shows
# there within that time, and at once in the process that published. Editors are signed in and
# never see cached pages, so they always see their change immediately.
_local = {"generation": None, "read_at": 0.0, "entries": {}, "derived": {}}


def reset_local():
    _local.update(generation=None, read_at=0.0, entries={}, derived={})


def today():
    """The site's date (TIME_ZONE). Part of every generation: statuses ("ongoing", "completed"),
    the year filter and anything else derived from today's date change at midnight without a
    content edit, so nothing rendered on one day is served or reused on the next."""
    return timezone.localdate()


def local_generation():
    """This process's view of the generation: (the shared counter, today's date), re-read every
    PAGE_CACHE_GENERATION_TTL seconds. A new counter (a purge) or a new day both start a new
    generation, so the memo and every stored page are bounded by midnight as well as by content.
    None while the shared cache is unavailable (then nothing local is trusted either: a purge
    made elsewhere during the outage could not have reached this process)."""
    ttl = getattr(settings, "PAGE_CACHE_GENERATION_TTL", 1.0)
    now = time.monotonic()
    if _local["generation"] is None or now - _local["read_at"] >= ttl:
        counter = current_generation()
        generation = None if counter is None else (counter, today().isoformat())
        if generation is None or generation != _local["generation"]:
            _local["entries"] = {}
            _local["derived"] = {}
        _local.update(generation=generation, read_at=now)
    return _local["generation"]


def remember(key, entry):
    entries = _local["entries"]
    if len(entries) >= getattr(settings, "PAGE_CACHE_LOCAL_ENTRIES", 500):
        entries.clear()
    entries[key] = entry


def for_generation(namespace, key, build):
    """``build()``, computed once per process and content generation for (namespace, key).

    For small facts derived from content that every page view needs and that only change
    when content does (which site answers a host, which page a path leads to, which pages
    are restricted): a dictionary lookup instead of a query or a cache round trip. Anything
    that changes them starts a new generation (see ``content_changed``), which empties this
    memo in the process that made the change at once and in the others within
    PAGE_CACHE_GENERATION_TTL. Values must be treated as read-only by callers. If the cache
    that holds the generation is down, the value is built every time."""
    try:
        generation = local_generation()
    except Exception:  # noqa: BLE001 - a cache outage costs queries, never the page
        logger.warning("Could not read the content generation", exc_info=True)
        return build()
    if generation is None:
        return build()
    derived = _local["derived"]
    memo_key = (namespace, key)
    try:
        return derived[memo_key]
    except KeyError:
        pass
    value = build()
    if len(derived) >= getattr(settings, "PAGE_CACHE_DERIVED_ENTRIES", 5000):
        derived.clear()
    derived[memo_key] = value
    return value


def purge_all(**kwargs):
    """Make every cached page unreachable (signal receiver; also callable directly)."""
    reset_local()
    cache = _cache()
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # no counter yet: any fresh one is newer than all entries
            current_generation()
    except Exception:  # noqa: BLE001 - a cache outage must not break publishing
        logger.exception("Could not purge the page cache")


# Models of other apps that public pages show: the site's document model lives in the partner
# app, whose other models (sign-ins, downloads) are written often and never shown publicly.
INVALIDATING_MODELS = frozenset({"partners.partnerdocument"})


def content_changed(sender, **kwargs):
    meta = getattr(sender, "_meta", None)
    if meta is None:
        return
    if meta.app_label not in INVALIDATING_APPS and meta.label_lower not in INVALIDATING_MODELS:
        return
    if meta.label_lower in IGNORED_MODELS:
        return
    if kwargs.get("raw"):  # loaddata: the caller decides
        return
    purge_all()
    if not isinstance(kwargs.get("instance"), Page):  # pages: the page signals tell the CDN
        from core import cdn

        cdn.everything_changed()


def connect_signals():
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from core import cdn

    page_published.connect(purge_all, dispatch_uid="page_cache_published")
    page_unpublished.connect(purge_all, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(purge_all, dispatch_uid="page_cache_moved")
    # The CDN, when there is one, is told the same (core/cdn.py).
    page_published.connect(cdn.page_changed, dispatch_uid="cdn_published")
    page_unpublished.connect(cdn.page_changed, dispatch_uid="cdn_unpublished")
    post_page_move.connect(cdn.page_changed, dispatch_uid="cdn_moved")
    post_save.connect(content_changed, dispatch_uid="page_cache_saved")
    post_delete.connect(content_changed, dispatch_uid="page_cache_deleted")


def _bypass_cookies():
    names = {settings.SESSION_COOKIE_NAME, "messages"}
    names.update(getattr(settings, "PAGE_CACHE_BYPASS_COOKIES", ()))
    return names


def request_key(request):
    """The cache key for this request without the generation, or None when it must not be
    served from (nor stored in) the cache."""
    if request.method != "GET" or not enabled():
        return None
    if "HTTP_AUTHORIZATION" in request.META:
        return None
    if request.COOKIES and not _bypass_cookies().isdisjoint(request.COOKIES):
        return None
    query = ""
    if request.META.get("QUERY_STRING"):
        if len(request.GET) > MAX_QUERY_PARAMETERS:
            return None
        pairs = []
        for name, values in request.GET.lists():
            if name not in LISTING_PARAMETERS or len(values) != 1 or not SAFE_VALUE.match(values[0]):
                return None
            pairs.append(f"{name}={values[0]}")
        query = "&".join(sorted(pairs))
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    address = f"{request.scheme}://{host}{request.path}?{query}"
    return hashlib.sha256(address.encode()).hexdigest()


def accept_listing_query(request, **accepted):
    """Called by a listing view with the parameters it applied, each as the exact text that
    selects it (``page="2"``, ``place="pernik"``); parameters left at their default are omitted.
    A response is stored for a query string only when the query is exactly this."""
    request.page_cache_accepted_query = {
        name: str(value) for name, value in accepted.items() if value not in ("", None)
    }


def query_accepted(request):
    if not request.GET:
        return True
    accepted = getattr(request, "page_cache_accepted_query", None)
    if accepted is None:
        return False
    given = {name: values[-1] for name, values in request.GET.lists()}
    return given == accepted


def storable(request, response):
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name != "wagtail_serve":
        return False
    if not query_accepted(request):
        return False
    if getattr(response, "page_cache_never", False):
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if response.has_header("Vary"):
        varies = {value.strip().lower() for value in cc_delim_re.split(response["Vary"])}
        if varies & {"cookie", "*", "authorization"}:
            return False
    if response.has_header("Cache-Control"):
        control = response["Cache-Control"].lower()
        if any(word in control for word in ("private", "no-cache", "no-store")):
            return False
    return CSRF_MARKER not in response.content


class PageCacheMiddleware:
    """Between WhiteNoise and the session middleware: a hit skips sessions, language,
    CSRF, authentication and the database entirely; the outer security middlewares still add
    their headers to every answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = request_key(request)
        if key is None:
            return self.get_response(request)
        cache = _cache()
        entry_key = f"pagecache:page:{key}"
        try:
            generation = local_generation()
            if generation is None:  # the cache is unavailable: render, store nothing
                return self.get_response(request)
            entry = _local["entries"].get(entry_key)
            if entry is None:
                entry = cache.get(entry_key)
                if entry is not None and entry[0] == generation:
                    remember(entry_key, entry)
        except Exception:  # noqa: BLE001 - serve uncached when the cache is down
            logger.exception("Page cache unavailable")
            return self.get_response(request)
        # An entry rendered under an older generation is stale: a miss.
        if entry is not None and entry[0] == generation:
            _, status, headers, content = entry
            response = HttpResponse(content, status=status, headers=headers)
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if storable(request, response):
            cdn_seconds = getattr(settings, "CDN_CACHE_SECONDS", 0)
            if cdn_seconds:
                # Shared caches (the CDN) may keep it; browsers revalidate.
                patch_cache_control(response, public=True, s_maxage=cdn_seconds, max_age=0)
            headers = {name: value for name, value in response.items() if name.lower() != HEADER.lower()}
            # Stored under the generation read *before* rendering: if a publish happened
            # meanwhile, this entry is already stale and will never be served.
            entry = (generation, response.status_code, headers, response.content)
            try:
                cache.set(entry_key, entry, settings.PAGE_CACHE_SECONDS)
                if _local["generation"] == generation:
                    remember(entry_key, entry)
            except Exception:  # noqa: BLE001
                logger.exception("Could not store a page in the cache")
            response[HEADER] = "miss"
        return response
