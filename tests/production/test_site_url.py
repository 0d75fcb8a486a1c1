"""One public address: with SITE_URL=https://mir.example.org every absolute link the site makes
(sitemap, robots.txt, feeds, <head> metadata, share links, Stripe's return addresses and every
email) uses it, whatever Host header the request came in with; a host with a Wagtail Site of its
own gets links to itself; `migrate`, `sync_site_url` and the seed keep the default Site in line;
and a malformed or missing SITE_URL stops start-up with a message naming it."""

import io
import json
import re
import sqlite3
import xml.etree.ElementTree as ET
from urllib.parse import quote

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from config.env import parse_site_url
from core import site_url
from tests.production.conftest import manage, settings_in_subprocess

PUBLIC = "https://mir.example.org"
OTHER_HOST = "other.example.net"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ATOM = "{http://www.w3.org/2005/Atom}"


def links_in(text):
    return re.findall(r"https?://[^\s\"'<>]+", text)


def all_public(urls):
    urls = list(urls)
    return bool(urls) and all(url.startswith(f"{PUBLIC}/") for url in urls)


@pytest.fixture
def public(settings, donation_pages):
    """The deployed site: SITE_URL a real domain and the default Site synced to it, while the
    test client still sends Host: testserver (as a proxy in front might send 127.0.0.1)."""
    from home.models import OrganisationSettings

    settings.SITE_URL = PUBLIC
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1", "mir.example.org", OTHER_HOST]
    assert site_url.sync_default_site() is True
    OrganisationSettings.for_site(donation_pages.site)
    return donation_pages


@pytest.fixture
def other_site(public):
    """A second host the site serves, with a home page of its own."""
    from wagtail.models import Site

    from tests import factories

    home = factories.HomePageFactory(parent=public.root, locale=public.bg_locale, title="Друг сайт", slug="drug")
    page = factories.ContentPageFactory(parent=home, title="Страница", slug="stranitsa")
    site = Site.objects.create(hostname=OTHER_HOST, port=80, root_page=home, site_name="Other")
    factories.OrganisationSettingsFactory(site=site)
    return site, home, page


def parse(response):
    from bs4 import BeautifulSoup

    return BeautifulSoup(response.content.decode(), "html.parser")


def head_links(response):
    soup = parse(response)
    canonical = soup.find("link", rel="canonical")["href"]
    og_url = soup.find("meta", property="og:url")["content"]
    alternates = {link["hreflang"]: link["href"] for link in soup.find_all("link", rel="alternate", hreflang=True)}
    ld = json.loads(soup.find("script", type="application/ld+json").string)
    return canonical, og_url, alternates, ld["url"]


# --- the setting ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("https://mir.example.org", "https://mir.example.org"),
        ("HTTPS://Mir.Example.ORG/", "https://mir.example.org"),
        ("https://mir.example.org:443", "https://mir.example.org"),
        ("http://mir.example.org:80/", "http://mir.example.org"),
        ("https://mir.example.org:8443", "https://mir.example.org:8443"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("http://[::1]:8000", "http://[::1]:8000"),
    ],
)
def test_site_url_is_normalised_to_scheme_host_and_port(raw, normalised):
    assert parse_site_url(raw) == normalised


@pytest.mark.parametrize(
    "raw",
    [
        "mir.example.org",
        "//mir.example.org",
        "ftp://mir.example.org",
        "https:mir.example.org",
        "https://",
        "https://mir.example.org/bg/",
        "https://mir.example.org?lang=bg",
        "https://mir.example.org/#top",
        "https://admin:secret@mir.example.org",
        "https://mir.example.org:99999",
        "https://mir.example.org:0",
        "https://mir.example.org:port",
        "https://mir..example.org",
        "https://-mir.example.org",
        "https://mir example.org",
        "https://[::1",
    ],
)
def test_a_malformed_site_url_is_refused_naming_the_variable(raw):
    with pytest.raises(ImproperlyConfigured, match=r"^SITE_URL must be .*scheme://host\[:port\]"):
        parse_site_url(raw)


def test_production_refuses_to_start_with_a_malformed_site_url():
    result = manage("check", SITE_URL="https://mir.example.org/site/")

    assert result.returncode != 0
    assert "ImproperlyConfigured: SITE_URL must be the site's public address" in result.stderr
    assert "it must not have a path" in result.stderr


def test_production_refuses_to_start_without_site_url():
    result = manage("check", SITE_URL="")

    assert result.returncode != 0
    assert "SITE_URL is not set" in result.stderr


def test_make_run_needs_no_site_url():
    values = settings_in_subprocess(
        ["SITE_URL", "ALLOWED_HOSTS", "WAGTAILADMIN_BASE_URL"], DEBUG="1", SITE_URL="", ALLOWED_HOSTS=""
    )

    assert values["SITE_URL"] == "http://127.0.0.1:8000"
    assert "127.0.0.1" in values["ALLOWED_HOSTS"] and "localhost" in values["ALLOWED_HOSTS"]
    assert values["WAGTAILADMIN_BASE_URL"] == "http://127.0.0.1:8000"


def test_hosts_origins_and_the_admin_address_default_to_site_url():
    values = settings_in_subprocess(
        ["SITE_URL", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "WAGTAILADMIN_BASE_URL"],
        SITE_URL="https://mir.example.org:443/",
        ALLOWED_HOSTS="",
    )

    assert values == {
        "SITE_URL": PUBLIC,
        "ALLOWED_HOSTS": ["mir.example.org"],
        "CSRF_TRUSTED_ORIGINS": [PUBLIC],
        "WAGTAILADMIN_BASE_URL": PUBLIC,
    }


def test_hosts_and_origins_that_are_given_are_kept_as_given():
    values = settings_in_subprocess(
        ["ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "WAGTAILADMIN_BASE_URL"],
        ALLOWED_HOSTS="mir.example.org,www.mir.example.org",
        CSRF_TRUSTED_ORIGINS="https://www.mir.example.org",
        WAGTAILADMIN_BASE_URL="https://admin.mir.example.org/",
    )

    assert values["ALLOWED_HOSTS"] == ["mir.example.org", "www.mir.example.org"]
    assert values["CSRF_TRUSTED_ORIGINS"] == ["https://www.mir.example.org"]
    assert values["WAGTAILADMIN_BASE_URL"] == "https://admin.mir.example.org"


def test_check_warns_when_site_url_is_not_an_allowed_host(settings):
    settings.SITE_URL = PUBLIC
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    assert [warning.id for warning in site_url.check_site_url_is_served()] == ["core.W001"]

    settings.ALLOWED_HOSTS = [".example.org"]
    assert site_url.check_site_url_is_served() == []


# --- the default Wagtail Site --------------------------------------------------------------------


def default_site():
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("https://mir.example.org", ("mir.example.org", 443)),
        ("http://mir.example.org", ("mir.example.org", 80)),
        ("https://mir.example.org:8443", ("mir.example.org", 8443)),
        ("http://127.0.0.1:8000", ("127.0.0.1", 8000)),
    ],
)
def test_sync_gives_the_default_site_site_urls_host_and_port(settings, home_pages, url, address):
    settings.SITE_URL = url

    assert site_url.sync_default_site() is True

    site = default_site()
    assert (site.hostname, site.port) == address
    assert site.root_page_id == home_pages.home_bg.pk


def test_sync_is_idempotent(settings, home_pages):
    from django.db.models.signals import post_save
    from wagtail.models import Site

    settings.SITE_URL = PUBLIC
    site_url.sync_default_site()
    saves = []
    post_save.connect(lambda **kwargs: saves.append(kwargs), sender=Site, weak=False, dispatch_uid="count_site_saves")
    try:
        assert site_url.sync_default_site() is False
        call_command("sync_site_url", stdout=io.StringIO())
    finally:
        post_save.disconnect(sender=Site, dispatch_uid="count_site_saves")

    assert saves == []  # a save would purge the page cache for nothing
    assert (default_site().hostname, default_site().port) == ("mir.example.org", 443)


def test_sync_command_says_what_it_did(settings, home_pages, capsys):
    settings.SITE_URL = PUBLIC

    call_command("sync_site_url")
    call_command("sync_site_url")

    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "Default Wagtail Site set to mir.example.org:443 (SITE_URL https://mir.example.org).",
        "Default Wagtail Site already is mir.example.org:443 (SITE_URL https://mir.example.org).",
    ]


def test_sync_refuses_an_address_another_site_already_has(settings, home_pages):
    from wagtail.models import Site

    settings.SITE_URL = PUBLIC
    Site.objects.create(hostname="mir.example.org", port=443, root_page=home_pages.home_en)

    with pytest.raises(
        CommandError, match=r"another Wagtail Site \(id \d+\) already has the host name mir.example.org"
    ):
        call_command("sync_site_url")
    assert default_site().hostname == "testserver"


def test_sync_without_any_site_changes_nothing(settings, db):
    from wagtail.models import Site

    settings.SITE_URL = PUBLIC
    Site.objects.all().delete()

    assert site_url.sync_default_site() is None
    site_url.sync_after_migrate(sender=None, using="default", verbosity=1, stdout=None)
    assert not Site.objects.exists()


def test_the_seed_creates_the_default_site_at_site_url(settings, home_pages):
    from wagtail.models import Site

    from home.seed.loader import ensure_site

    settings.SITE_URL = PUBLIC
    Site.objects.all().delete()

    ensure_site(home_pages.home_bg, lambda *args: None)

    site = default_site()
    assert (site.hostname, site.port, site.root_page_id) == ("mir.example.org", 443, home_pages.home_bg.pk)


def test_the_seed_moves_an_existing_default_site_to_site_url(settings, home_pages):
    from home.seed.loader import ensure_site

    settings.SITE_URL = "http://mir.example.org:8080"
    reported = []

    ensure_site(home_pages.home_bg, lambda *args: reported.append(args))

    assert (default_site().hostname, default_site().port) == ("mir.example.org", 8080)
    assert ("updated", "default site address now mir.example.org:8080 (SITE_URL)") in reported


def sqlite_site_rows(path):
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT hostname, port, is_default_site FROM wagtailcore_site").fetchall()


def test_migrate_on_a_fresh_database_gives_the_default_site_site_urls_address(tmp_path):
    database = tmp_path / "fresh.sqlite3"

    result = manage("migrate", "--noinput", timeout=900, DATABASE_URL=f"sqlite:///{database}", SITE_URL=PUBLIC)

    assert result.returncode == 0, result.stdout + result.stderr
    assert sqlite_site_rows(database) == [("mir.example.org", 443, 1)]
    assert "Default Wagtail Site set to mir.example.org:443" in result.stdout


def test_migrate_before_wagtails_tables_exist_does_not_fail(tmp_path):
    database = tmp_path / "partial.sqlite3"

    result = manage("migrate", "contenttypes", "--noinput", DATABASE_URL=f"sqlite:///{database}", SITE_URL=PUBLIC)

    assert result.returncode == 0, result.stdout + result.stderr
    with sqlite3.connect(database) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "wagtailcore_site" not in tables


# --- links in pages ------------------------------------------------------------------------------


def test_sitemap_locations_and_alternates_use_site_url(client, public):
    response = client.get("/sitemap.xml")

    root = ET.fromstring(response.content)
    locations = [element.text for element in root.iter(f"{SITEMAP}loc")]
    alternates = [element.get("href") for element in root.iter(f"{XHTML}link")]
    assert all_public(locations) and all_public(alternates)
    assert f"{PUBLIC}{public.en['content'].url}" in locations


def test_robots_txt_names_the_public_sitemap(client, public):
    body = client.get("/robots.txt").content.decode()

    assert f"Sitemap: {PUBLIC}/sitemap.xml\n" in body


@pytest.mark.parametrize("language", ["bg", "en"])
def test_rss_feed_links_use_site_url(client, public, language):
    pages = getattr(public, language)

    response = client.get(f"{pages['press'].url}feed/")

    root = ET.fromstring(response.content)
    assert root.findtext("channel/link") == f"{PUBLIC}{pages['press'].url}"
    assert root.find(f"channel/{ATOM}link").get("href") == f"{PUBLIC}{pages['press'].url}feed/"
    assert [item.findtext("link") for item in root.iter("item")] == [f"{PUBLIC}{pages['press_page'].url}"]
    assert [item.findtext("guid") for item in root.iter("item")] == [f"{PUBLIC}{pages['press_page'].url}"]
    assert "testserver" not in response.content.decode()


def test_atom_feed_links_and_ids_use_site_url(client, public):
    press = public.en["press"]

    root = ET.fromstring(client.get(f"{press.url}atom/").content)

    assert {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")} == {
        "alternate": f"{PUBLIC}{press.url}",
        "self": f"{PUBLIC}{press.url}atom/",
    }
    assert [entry.findtext(f"{ATOM}id") for entry in root.findall(f"{ATOM}entry")] == [
        f"{PUBLIC}{public.en['press_page'].url}"
    ]


@pytest.mark.parametrize("host", ["testserver", "mir.example.org"])
def test_head_links_use_site_url_whatever_the_host_header(client, public, host):
    page = public.en["content"]

    canonical, og_url, alternates, organisation_url = head_links(client.get(page.url, HTTP_HOST=host))

    assert canonical == og_url == f"{PUBLIC}{page.url}"
    assert alternates == {"bg": f"{PUBLIC}{public.bg['content'].url}", "en": f"{PUBLIC}{page.url}"}
    assert organisation_url == f"{PUBLIC}/"


def test_donation_page_share_links_use_site_url(client, public):
    content = client.get(public.en["donation"].url).content.decode()

    shared = quote(f"{PUBLIC}{public.en['donation'].url}", safe="")
    assert f"https://www.facebook.com/sharer/sharer.php?u={shared}" in content
    assert "testserver" not in content


def test_a_host_with_its_own_site_gets_links_to_itself(client, other_site):
    _site, home, page = other_site

    canonical, og_url, alternates, organisation_url = head_links(client.get("/bg/stranitsa/", HTTP_HOST=OTHER_HOST))

    assert canonical == og_url == f"http://{OTHER_HOST}/bg/stranitsa/"
    assert alternates["bg"] == f"http://{OTHER_HOST}/bg/stranitsa/"
    assert organisation_url == f"http://{OTHER_HOST}/"
    robots = client.get("/robots.txt", HTTP_HOST=OTHER_HOST).content.decode()
    assert f"Sitemap: http://{OTHER_HOST}/sitemap.xml" in robots


def test_the_sitemap_links_each_page_to_its_own_site(client, public, other_site):
    root = ET.fromstring(client.get("/sitemap.xml", HTTP_HOST=OTHER_HOST).content)

    locations = {element.text for element in root.iter(f"{SITEMAP}loc")}
    assert f"http://{OTHER_HOST}/bg/stranitsa/" in locations
    assert f"{PUBLIC}/en/the-model/" in locations


def test_page_url_without_a_request_uses_the_pages_own_site(public, other_site):
    _site, _home, page = other_site

    assert site_url.page_url(page) == f"http://{OTHER_HOST}/bg/stranitsa/"
    assert site_url.page_url(public.en["content"]) == f"{PUBLIC}/en/the-model/"


def test_absolute_url_leaves_urls_that_are_already_absolute(settings):
    settings.SITE_URL = PUBLIC

    assert site_url.absolute_url("https://cdn.example.net/media/a.jpg") == "https://cdn.example.net/media/a.jpg"
    assert site_url.absolute_url("//cdn.example.net/a.jpg") == "https://cdn.example.net/a.jpg"
    assert site_url.absolute_url("en/about/") == f"{PUBLIC}/en/about/"
    assert site_url.rebase("http://127.0.0.1:8000/bg/x/?a=1#b") == f"{PUBLIC}/bg/x/?a=1#b"


def test_https_on_another_port_stays_https(client, public, settings):
    """Wagtail's Site.root_url would say http://host:8443 (it knows the scheme only from ports 80
    and 443); the links come from SITE_URL itself."""
    from donations.tasks import send_receipt

    settings.SITE_URL = "https://mir.example.org:8443"
    site_url.sync_default_site()
    sitemap = ET.fromstring(client.get("/sitemap.xml").content)
    feed = ET.fromstring(client.get(f"{public.en['press'].url}feed/").content)
    send_receipt.call(paid_gift(public.en["donation"], locale="en").pk)

    links = [element.text for element in sitemap.iter(f"{SITEMAP}loc")] + [feed.findtext("channel/item/link")]
    links += links_in(mail.outbox[0].body)
    assert links and all(link.startswith("https://mir.example.org:8443/") for link in links)


# --- links in emails -----------------------------------------------------------------------------


def paid_gift(page, **fields):
    from donations.models import Donation
    from tests.donations.factories import DonationFactory

    return DonationFactory(
        page=page,
        status=Donation.PAID,
        paid_at=timezone.now(),
        receipt_year=timezone.localdate().year,
        receipt_number=1,
        email="donor@example.org",
        **fields,
    )


def test_receipt_email_links_use_site_url(public):
    from donations.tasks import send_receipt

    donation = paid_gift(public.en["donation"], locale="en")

    assert send_receipt.call(donation.pk)

    [message] = mail.outbox
    with translation.override("en"):
        manage = reverse("donations:manage")
    assert f"{PUBLIC}{manage}" in message.body
    assert all_public(links_in(message.body))
    assert f"{PUBLIC}{manage}" in message.alternatives[0][0]


def test_manage_link_email_uses_site_url(client, public, django_capture_on_commit_callbacks):
    paid_gift(public.en["donation"])

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/donations/manage/", {"email": "donor@example.org", "website_url": ""})

    [message] = mail.outbox
    assert re.search(rf"{re.escape(PUBLIC)}/en/donations/manage/\S+/", message.body)
    assert all_public(links_in(message.body))


def test_newsletter_confirmation_and_unsubscribe_links_use_site_url(client, public, django_capture_on_commit_callbacks):
    from donations import newsletter
    from donations.models import NewsletterSubscriber

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/donations/newsletter/", {"email": "reader@example.org", "consent": "on", "website_url": ""})

    [message] = mail.outbox
    assert re.search(rf"{re.escape(PUBLIC)}/en/donations/newsletter/confirm/\S+/", message.body)
    assert all_public(links_in(message.body))
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert re.fullmatch(rf"<{re.escape(PUBLIC)}/en/donations/newsletter/unsubscribe/\S+/>", unsubscribe)
    subscriber = NewsletterSubscriber.objects.get()
    assert newsletter.mailing_headers(subscriber)["List-Unsubscribe"].startswith(f"<{PUBLIC}/")


def test_partner_invitation_email_uses_site_url(public):
    from partners.invitations import send_invitation
    from partners.models import Invitation, PartnerOrganisation

    organisation = PartnerOrganisation.objects.create(name="Example Funder", organisation_type="funder")
    invitation = Invitation.objects.create(email="new.partner@example.org", organisation=organisation, language="en")
    request = RequestFactory().get("/admin/", HTTP_HOST="127.0.0.1")

    send_invitation(invitation, request)
    send_invitation(invitation)

    assert len(mail.outbox) == 2
    for message in mail.outbox:
        [link] = links_in(message.body)
        assert link.startswith(f"{PUBLIC}/en/partners/invitation/")


def test_password_reset_email_uses_site_url(client, public, settings):
    from tests.partners.conftest import make_user

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    partner = make_user("partner@example.org")

    with translation.override("en"):
        reset = reverse("account_reset_password")
    client.post(reset, {"email": partner.email}, HTTP_HOST="127.0.0.1")

    [message] = mail.outbox
    [link] = links_in(message.body)
    assert link.startswith(f"{PUBLIC}/en/accounts/password/reset/key/")


def test_email_confirmation_email_uses_site_url(client, public, settings):
    from tests.partners.conftest import make_user

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    partner = make_user("partner@example.org")
    client.force_login(partner, backend="django.contrib.auth.backends.ModelBackend")

    with translation.override("en"):
        email_page = reverse("account_email")
    client.post(email_page, {"action_add": "", "email": "new.address@example.org"}, HTTP_HOST="127.0.0.1")

    [message] = [message for message in mail.outbox if message.to == ["new.address@example.org"]]
    [link] = links_in(message.body)
    assert link.startswith(f"{PUBLIC}/en/accounts/confirm-email/")


# --- Stripe's return addresses -------------------------------------------------------------------


@pytest.fixture
def fake_stripe_api(settings):
    from tests.donations import fake_stripe
    from tests.donations.stripe_events import WEBHOOK_SECRET

    server = fake_stripe.start()
    settings.STRIPE_SECRET_KEY = "sk_test_fake_key"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = server.url
    yield server
    server.server.shutdown()
    server.server.server_close()


def test_stripe_returns_the_donor_to_site_url(client, public, fake_stripe_api):
    from tests.donations.conftest import form_data

    page = public.en["donation"]

    client.post(page.url, form_data(), HTTP_HOST="127.0.0.1")

    [request] = fake_stripe_api.session_requests()
    assert request["form"]["success_url"] == f"{PUBLIC}{page.url}thank-you/?session_id={{CHECKOUT_SESSION_ID}}"
    assert request["form"]["cancel_url"].startswith(f"{PUBLIC}{page.url}?restore=")
