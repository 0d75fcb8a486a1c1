"""The CDN is told every URL the local purge would make stale (core/cdn.py), through Wagtail's
frontend cache and a real HTTP server standing in for the CDN's purge endpoint."""

import http.server
import threading

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    received = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        PurgeRecorder.received.append(f"{self.headers['Host']}{self.path}")
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def cdn(settings):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    PurgeRecorder.received = []
    settings.WAGTAILFRONTENDCACHE = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield PurgeRecorder.received
    server.shutdown()
    server.server_close()


def paths(received):
    return {entry.split("/", 1)[1] if "/" in entry else "" for entry in received}


def test_publishing_a_page_purges_its_listings_and_translations_in_both_languages(site_tree, cdn):
    page = site_tree.bg["project"]
    page.save_revision().publish()
    purged = {"/" + path for path in paths(cdn)}
    assert site_tree.bg["project"].url in purged
    assert site_tree.en["project"].url in purged  # the other language's switcher points here
    assert site_tree.bg["projects"].url in purged and site_tree.en["projects"].url in purged  # its index
    assert "/bg/" in purged and "/en/" in purged  # the home pages list the latest projects
    assert site_tree.bg["contact"].url not in purged  # nothing unrelated


def test_a_press_page_purges_its_index_feeds(site_tree, cdn):
    site_tree.bg["press_page"].save_revision().publish()
    purged = {"/" + path for path in paths(cdn)}
    index = site_tree.bg["press"].url
    assert {index, index + "feed/", index + "atom/"} <= purged


def test_unpublishing_purges_where_the_page_was_listed(site_tree, cdn):
    site_tree.bg["project"].unpublish()
    purged = {"/" + path for path in paths(cdn)}
    assert site_tree.bg["projects"].url in purged


def test_a_settings_change_purges_every_page(site_tree, cdn):
    from home.models import OrganisationSettings

    settings_row = OrganisationSettings.for_site(site_tree.site)
    settings_row.phone = "+359 2 000 000"
    settings_row.save()
    purged = {"/" + path for path in paths(cdn)}
    for language in ("bg", "en"):
        for page in getattr(site_tree, language).values():
            assert page.url in purged, page.url


def test_a_gift_purges_nothing_at_the_cdn(donation_pages, cdn):
    from donations.models import Donation
    from tests.donations.factories import DonationFactory

    DonationFactory(page=donation_pages.bg["donation"], status=Donation.PAID)
    assert cdn == []


def test_without_a_cdn_nothing_is_sent(site_tree, settings):
    from core import cdn

    settings.WAGTAILFRONTENDCACHE = {}
    assert cdn.enabled() is False
    factories.ContentPageFactory(parent=site_tree.home_bg, title="Без CDN", slug="bez-cdn")
