"""The site's public address (SITE_URL) and every absolute link built from it.

Pages, feeds, the sitemap and every email need absolute links. Wagtail takes them from the Site
record (``Site.root_url``, "http://localhost" until someone edits it) and Django from the request's
Host header (whatever name the request came in on, or none at all in a background task); neither
is the public address. So every absolute link goes through ``absolute_url``: the default site's
links use SITE_URL, and a request for (or a page of) another Wagtail Site uses that Site's own root
URL, so a second host the site serves still links to itself.

``sync_default_site`` keeps the default Site's hostname and port in line with SITE_URL (run by
``manage.py sync_site_url``, after every ``migrate`` and by the seed), so Wagtail's own links (the
admin's "View live", its emails) agree."""

import logging
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http.request import split_domain_port

logger = logging.getLogger(__name__)

DEFAULT_PORTS = {"http": 80, "https": 443}
# Sites looked up by id while one request builds its links (a sitemap links to every page).
_REQUEST_SITES = "site_url_sites"


class SiteUrlConflict(Exception):
    """Another Wagtail Site already has SITE_URL's hostname and port."""


def base_url(request=None, site=None):
    """scheme://host[:port] of the links for ``site``, or for the site ``request`` came in for:
    SITE_URL for the default site (and any host without a Site of its own), another Site's own
    root URL for that Site."""
    if site is None and request is not None:
        site = _request_site(request)
    if site is not None and not site.is_default_site:
        return site.root_url.rstrip("/")
    return settings.SITE_URL.rstrip("/")


def absolute_url(path, request=None, site=None):
    """The absolute address of ``path`` (such as "/en/about/"). A URL that already names its
    scheme (another site's page, a file on a CDN) is returned as it is."""
    path = path or "/"
    if urlsplit(path).scheme:
        return path
    base = base_url(request, site)
    if path.startswith("//"):  # protocol-relative: a CDN's own domain
        return f"{urlsplit(base).scheme}:{path}"
    if not path.startswith("/"):
        path = f"/{path}"
    return base + path


def rebase(url, request=None, site=None):
    """``url`` with its scheme and host replaced by the site's public address: for links a
    library builds from the request's Host header (allauth's emails)."""
    parts = urlsplit(url)
    return absolute_url(urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment)), request, site)


def page_url(page, request=None):
    """A page's absolute address on the site it belongs to, or None when it has none (a page
    outside every site's tree)."""
    parts = page.get_url_parts(request)
    if parts is None or parts[2] is None:
        return None
    site_id, _root_url, path = parts
    return absolute_url(path, site=_site_by_id(site_id, request))


def _request_site(request):
    from wagtail.models import Site

    return Site.find_for_request(request)


def _site_by_id(site_id, request):
    """The Site record of a page's URL: the request's own site without a query when it is the
    one, else read once per request."""
    from wagtail.models import Site

    if site_id is None:
        return None
    if request is not None:
        current = _request_site(request)
        if current is not None and current.pk == site_id:
            return current
        known = getattr(request, _REQUEST_SITES, None)
        if known is None:
            known = {}
            setattr(request, _REQUEST_SITES, known)
        if site_id not in known:
            known[site_id] = Site.objects.filter(pk=site_id).first()
        return known[site_id]
    return Site.objects.filter(pk=site_id).first()


# --- the default Wagtail Site --------------------------------------------------------------------


def site_address(site_url=None):
    """(hostname, port) of SITE_URL as a Wagtail Site stores them: with no port in SITE_URL,
    80 for http and 443 for https (Wagtail's convention for its root URLs)."""
    parts = urlsplit(site_url or settings.SITE_URL)
    hostname, port = split_domain_port(parts.netloc)
    return hostname, int(port) if port else DEFAULT_PORTS[parts.scheme]


def sync_default_site(using=DEFAULT_DB_ALIAS):
    """Give the default Wagtail Site SITE_URL's hostname and port. Returns None when there is no
    default Site yet (a fresh database), else whether anything changed; saving only on a change
    keeps it idempotent (a save purges the page cache). Raises SiteUrlConflict when another Site
    already has that address."""
    from wagtail.models import Site

    # Only the columns Wagtail's first migration made: this also runs right after `migrate`,
    # possibly to an older migration than the model describes.
    sites = Site.objects.using(using).only("pk", "hostname", "port", "is_default_site")
    site = sites.filter(is_default_site=True).first()
    if site is None:
        return None
    hostname, port = site_address()
    if (site.hostname, site.port) == (hostname, port):
        return False
    other = sites.filter(hostname=hostname, port=port).exclude(pk=site.pk).first()
    if other is not None:
        raise SiteUrlConflict(
            f"SITE_URL is {settings.SITE_URL}, but another Wagtail Site (id {other.pk}) already has the host "
            f"name {hostname} and port {port}. Give that Site another address or make it the default site "
            "(Settings → Sites in the admin), then run `manage.py sync_site_url`."
        )
    site.hostname, site.port = hostname, port
    site.save(using=using, update_fields=["hostname", "port"])
    return True


def site_table_exists(using=DEFAULT_DB_ALIAS):
    from wagtail.models import Site

    connection = connections[using]
    with connection.cursor() as cursor:
        return Site._meta.db_table in connection.introspection.table_names(cursor)


def sync_after_migrate(sender, using=DEFAULT_DB_ALIAS, verbosity=1, stdout=None, **kwargs):
    """post_migrate receiver (core/apps.py): the default Site follows SITE_URL after every
    `migrate`. On a fresh database, before Wagtail's tables exist or while they are empty, there
    is nothing to do; a conflict is reported, not raised, since the migrations themselves went well."""
    if not site_table_exists(using):
        return
    try:
        changed = sync_default_site(using)
    except SiteUrlConflict as conflict:
        logger.warning("%s", conflict)
        return
    if changed and verbosity >= 1 and stdout is not None:
        hostname, port = site_address()
        stdout.write(f"Default Wagtail Site set to {hostname}:{port} (SITE_URL {settings.SITE_URL}).\n")


def check_site_url_is_served(app_configs=None, **kwargs):
    """System check: SITE_URL's host must be one the site answers to, or every link in pages
    and emails leads to a 400 (core/apps.py registers it)."""
    from django.core import checks
    from django.http.request import validate_host

    hostname = split_domain_port(urlsplit(settings.SITE_URL).netloc)[0]
    if validate_host(hostname, settings.ALLOWED_HOSTS):
        return []
    return [
        checks.Warning(
            f"SITE_URL's host {hostname!r} is not in ALLOWED_HOSTS, so the links the site sends lead to 400 errors.",
            hint="Add it to ALLOWED_HOSTS, or leave ALLOWED_HOSTS unset to use SITE_URL's host.",
            id="core.W001",
        )
    ]
