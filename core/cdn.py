"""The CDN purge covers what the local purge covers.

Wagtail's frontend cache, when configured (``WAGTAILFRONTENDCACHE``), purges a page's own URL
when it is published. But the page shows elsewhere too: in the menu and listings of its parent
index and the home page, and in its translations' language switcher. The local page cache
handles that by starting a new generation (core/page_cache.py); a CDN has no generation, so it
is told each URL:

- a page published, unpublished or moved: the page and its translations (the switcher), and
  every live ancestor of each below the tree root (index pages and home pages list their
  children), with each page's cached sub-paths (``get_cached_paths``: feeds);
- any other content change that the local purge acts on (settings, snippets, images,
  documents): every live page, since such a change can show on any page.

Only the public API of ``wagtail.contrib.frontend_cache`` is used (``PurgeBatch``). Listing
URLs with query strings (``?page=2``, filters) are not named: a CDN keeps them at most
``CDN_CACHE_SECONDS``."""

import logging

from django.conf import settings
from wagtail.models import Page

logger = logging.getLogger(__name__)


def enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def pages_showing(page):
    """The pages whose cached copies can show ``page``: the page, its live translations and the
    live ancestors of each."""
    translations = list(Page.objects.filter(translation_key=page.translation_key).live())
    # The page itself even when it is no longer live: its stale copy, and the listings it left.
    if all(other.pk != page.pk for other in translations):
        translations.append(page)
    shown = {other.pk: other for other in translations}
    for other in translations:
        for ancestor in other.get_ancestors().filter(depth__gt=1).live():
            shown.setdefault(ancestor.pk, ancestor)
    return [shown[pk].specific for pk in sorted(shown)]


def purge_pages(pages):
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    batch.add_pages(pages)
    try:
        batch.purge()
    except Exception:  # noqa: BLE001 - a CDN outage must not break publishing
        logger.exception("Could not purge the CDN")


def page_changed(sender=None, instance=None, **kwargs):
    if enabled() and instance is not None:
        purge_pages(pages_showing(instance))


def everything_changed():
    if enabled():
        purge_pages(Page.objects.live().filter(depth__gt=1).specific())
