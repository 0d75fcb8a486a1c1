"""The anonymous page cache (core/page_cache.py): what is cached, for whom, and when it is purged."""

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

from core import page_cache
from home.models import OrganisationSettings

pytestmark = pytest.mark.django_db

PUBLIC_KEYS = ["home", "content", "projects", "project", "press", "press_page"]
FORM_KEYS = ["contact", "consulting", "donation"]


def cache_state(response):
    return response.headers.get(page_cache.HEADER)


def test_second_anonymous_view_is_served_from_the_cache(site_tree, client, page_cache_on):
    url = site_tree.bg["content"].url
    first = client.get(url)
    second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert cache_state(first) == "miss"
    assert cache_state(second) == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Language"] == "bg"


def test_a_hit_touches_no_database(site_tree, client, page_cache_on, django_assert_num_queries):
    url = site_tree.en["project"].url
    client.get(url)
    with django_assert_num_queries(0):
        assert cache_state(client.get(url)) == "hit"


def test_a_hit_still_carries_the_security_headers(site_tree, client, page_cache_on):
    url = site_tree.bg["home"].url
    client.get(url)
    hit = client.get(url)
    assert cache_state(hit) == "hit"
    assert "script-src 'self'" in hit["Content-Security-Policy"]
    assert hit["X-Content-Type-Options"] == "nosniff"
    assert hit["X-Frame-Options"] == "DENY"
    assert hit["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in hit["Permissions-Policy"]


def test_each_language_has_its_own_entry(site_tree, client, page_cache_on):
    bulgarian = client.get(site_tree.bg["content"].url)
    english = client.get(site_tree.en["content"].url)
    assert cache_state(bulgarian) == cache_state(english) == "miss"
    english_again = client.get(site_tree.en["content"].url)
    assert cache_state(english_again) == "hit"
    assert b'<html lang="en">' in english_again.content
    assert b"The model" in english_again.content
    assert b'<html lang="bg">' in client.get(site_tree.bg["content"].url).content


@pytest.mark.parametrize("cookie", ["sessionid", "messages"])
def test_a_session_or_messages_cookie_bypasses_the_cache(site_tree, client, page_cache_on, cookie):
    url = site_tree.bg["content"].url
    client.get(url)
    client.cookies[cookie] = "anything"
    response = client.get(url)
    assert response.status_code == 200
    assert cache_state(response) is None


def test_a_csrf_cookie_alone_still_gets_the_cached_page(site_tree, client, page_cache_on):
    url = site_tree.bg["content"].url
    client.get(url)
    client.cookies["csrftoken"] = "a" * 32
    assert cache_state(client.get(url)) == "hit"


def test_a_signed_in_person_never_gets_or_fills_the_cache(site_tree, client, page_cache_on, django_user_model):
    url = site_tree.bg["content"].url
    client.get(url)  # an anonymous visitor fills the cache
    user = django_user_model.objects.create_user(username="editor", email="editor@example.org", password="x" * 20)
    client.force_login(user)
    signed_in = client.get(url)
    assert signed_in.status_code == 200
    assert cache_state(signed_in) is None
    # and what a signed-in person is shown is never stored for others
    page_cache.purge_all()
    assert cache_state(client.get(url)) is None
    client.logout()
    client.cookies.clear()
    assert cache_state(client.get(url)) == "miss"


def test_publishing_purges(site_tree, client, page_cache_on):
    page = site_tree.bg["content"]
    client.get(page.url)
    assert cache_state(client.get(page.url)) == "hit"
    page.title = "Новото заглавие"
    page.save_revision().publish()
    response = client.get(page.url)
    assert cache_state(response) == "miss"
    assert "Новото заглавие" in response.content.decode()


def test_publishing_one_page_purges_the_listings_that_show_it(site_tree, client, page_cache_on):
    index_url = site_tree.en["projects"].url
    client.get(index_url)
    project = site_tree.en["project"]
    project.title = "Renamed project"
    project.save_revision().publish()
    assert "Renamed project" in client.get(index_url).content.decode()


def test_unpublishing_purges(site_tree, client, page_cache_on):
    page = site_tree.en["press_page"]
    url = page.url
    client.get(url)
    page.unpublish()
    assert client.get(url).status_code == 404


def test_deleting_purges(site_tree, client, page_cache_on):
    page = site_tree.untranslated
    url = page.url
    assert client.get(url).status_code == 200
    page.delete()
    assert client.get(url).status_code == 404


def test_changing_site_settings_purges(site_tree, client, page_cache_on):
    url = site_tree.bg["home"].url
    client.get(url)
    organisation = OrganisationSettings.for_site(site_tree.site)
    organisation.name_bg = "Съвсем ново име"
    organisation.save()
    response = client.get(url)
    assert cache_state(response) == "miss"
    assert "Съвсем ново име" in response.content.decode()


def test_a_lost_generation_counter_never_revives_old_entries(site_tree, client, page_cache_on):
    page_cache_on.PAGE_CACHE_GENERATION_TTL = 0
    url = site_tree.bg["content"].url
    client.get(url)
    old_generation = page_cache.current_generation()
    cache.delete(page_cache.GENERATION_KEY)
    assert page_cache.current_generation() > old_generation
    assert cache_state(client.get(url)) == "miss"


@pytest.mark.parametrize("key", FORM_KEYS)
@pytest.mark.parametrize("language", ["bg", "en"])
def test_form_pages_are_never_cached(donation_pages, client, page_cache_on, key, language):
    url = getattr(donation_pages, language)[key].url
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200
        assert b"csrfmiddlewaretoken" in response.content
        assert cache_state(response) is None


def test_no_cached_page_contains_a_csrf_token(donation_pages, client, page_cache_on):
    """Walk every page type in both languages twice: whatever the cache stored or served must
    not contain a CSRF token. Fails as soon as a cacheable template renders {% csrf_token %}."""
    cached = 0
    for pages in (donation_pages.bg, donation_pages.en):
        for key, page in pages.items():
            for _ in range(2):
                response = client.get(page.url)
                assert response.status_code == 200, (key, page.url)
                if cache_state(response) in ("hit", "miss"):
                    cached += 1
                    assert b"csrfmiddlewaretoken" not in response.content, f"{page.url} was cached with a CSRF token"
    stored = [value for key, value in cache._cache.items() if key.startswith(":1:pagecache:page:")]
    for raw in stored:
        assert b"csrfmiddlewaretoken" not in raw
    assert cached >= 2 * len(PUBLIC_KEYS) * 2


def test_a_response_with_a_csrf_token_is_never_stored():
    request = RequestFactory().get("/bg/anything/")
    request.resolver_match = type("Match", (), {"url_name": "wagtail_serve"})()
    clean = HttpResponse(b"<p>hello</p>")
    assert page_cache.storable(request, clean)
    with_token = HttpResponse(b'<input type="hidden" name="csrfmiddlewaretoken" value="abc">')
    assert not page_cache.storable(request, with_token)
    with_cookie = HttpResponse(b"<p>hello</p>")
    with_cookie.set_cookie("csrftoken", "abc")
    assert not page_cache.storable(request, with_cookie)
    varies = HttpResponse(b"<p>hello</p>", headers={"Vary": "Accept-Encoding, Cookie"})
    assert not page_cache.storable(request, varies)
    private = HttpResponse(b"<p>hello</p>", headers={"Cache-Control": "private, max-age=0"})
    assert not page_cache.storable(request, private)
    not_found = HttpResponse(b"<p>hello</p>", status=404)
    assert not page_cache.storable(request, not_found)
    request.resolver_match = type("Match", (), {"url_name": "search"})()
    assert not page_cache.storable(request, clean)


@pytest.mark.parametrize(
    "query, cached",
    [
        ("?page=1", True),
        ("?kind=news&page=1", True),
        ("?kind=news", True),
        # Values the listing does not apply as given render, but are never stored per value.
        ("?page=2", False),  # past the last page: the listing shows page 1
        ("?page=x1", False),
        ("?page=01", False),
        ("?kind=zzz", False),
        ("?utm_source=newsletter", False),
        ("?page=<script>", False),
        ("?page=1&page=2", False),
        ("?q=anything", False),
    ],
)
def test_only_plain_listing_parameters_are_cached(site_tree, client, page_cache_on, query, cached):
    url = site_tree.bg["press"].url + query
    client.get(url)
    response = client.get(url)
    assert response.status_code == 200
    assert (cache_state(response) == "hit") is cached


def test_listing_filters_are_cached_per_combination(site_tree, client, page_cache_on):
    index = site_tree.en["projects"].url
    unfiltered = client.get(index)
    filtered = client.get(index + "?place=pernik")
    assert cache_state(client.get(index + "?place=pernik")) == "hit"
    assert cache_state(client.get(index)) == "hit"
    assert unfiltered.content != filtered.content or b"pernik" in filtered.content


def test_posts_heads_and_other_paths_are_not_cached(site_tree, client, page_cache_on):
    url = site_tree.bg["content"].url
    client.get(url)
    assert cache_state(client.head(url)) is None
    assert cache_state(client.get("/sitemap.xml")) is None
    assert cache_state(client.get("/bg/search/?q=модел")) is None


def test_turned_off_with_zero_seconds(site_tree, client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = site_tree.bg["content"].url
    client.get(url)
    assert cache_state(client.get(url)) is None


def test_cdn_header_only_when_configured(site_tree, client, page_cache_on):
    url = site_tree.bg["content"].url
    assert "s-maxage" not in client.get(url).headers.get("Cache-Control", "")
    page_cache.purge_all()
    page_cache_on.CDN_CACHE_SECONDS = 300
    response = client.get(url)
    assert "s-maxage=300" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]
    # never on what is not stored
    assert "s-maxage" not in client.get(site_tree.bg["contact"].url).headers.get("Cache-Control", "")


def test_a_broken_cache_serves_pages_uncached(site_tree, client, page_cache_on, monkeypatch):
    class BrokenCache:
        def __getattr__(self, name):
            def broken(*args, **kwargs):
                raise ConnectionError("redis is down")

            return broken

    monkeypatch.setattr(page_cache, "_cache", BrokenCache)
    response = client.get(site_tree.bg["content"].url)
    assert response.status_code == 200
    assert cache_state(response) is None


def test_with_redis_the_purge_reaches_every_process(site_tree, client, page_cache_on):
    """With Redis, the generation lives in Redis: a second, independent cache client (another
    worker) sees the bump."""
    import redis as redis_client

    try:
        redis_client.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=1).ping()
    except Exception:  # noqa: BLE001
        pytest.skip("no Redis on 127.0.0.1:6379")
    from django.core.cache.backends.redis import RedisCache

    location = "redis://127.0.0.1:6379/15"
    page_cache_on.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location, "KEY_PREFIX": "t"}
    }
    cache.clear()
    page_cache.reset_local()
    try:
        url = site_tree.bg["content"].url
        client.get(url)
        assert cache_state(client.get(url)) == "hit"
        other_worker = RedisCache(location, {"KEY_PREFIX": "t"})
        other_generation = other_worker.get(page_cache.GENERATION_KEY)
        page_cache.purge_all()
        assert other_worker.get(page_cache.GENERATION_KEY) == other_generation + 1
        assert cache_state(client.get(url)) == "miss"
    finally:
        cache.clear()
        page_cache.reset_local()


def test_another_process_purge_shows_within_the_generation_ttl(site_tree, client, page_cache_on, monkeypatch):
    """A purge made elsewhere (another worker, a cron job publishing scheduled pages) reaches this
    process when it next re-reads the generation: here at once with a TTL of 0, and after the
    TTL otherwise."""
    url = site_tree.bg["content"].url
    client.get(url)
    assert cache_state(client.get(url)) == "hit"
    cache.incr(page_cache.GENERATION_KEY)  # as another process would, without touching our copy
    page_cache_on.PAGE_CACHE_GENERATION_TTL = 60
    assert cache_state(client.get(url)) == "hit"  # within the TTL this process still trusts its copy
    page_cache_on.PAGE_CACHE_GENERATION_TTL = 0
    assert cache_state(client.get(url)) == "miss"


def test_a_newsletter_sign_up_purges_no_page(site_tree, client, page_cache_on):
    url = site_tree.en["content"].url
    client.get(url)
    assert cache_state(client.get(url)) == "hit"
    client.post("/en/donations/newsletter/", {"email": "reader@example.org", "consent": "on", "website_url": ""})
    from donations.models import NewsletterSubscriber

    assert NewsletterSubscriber.objects.filter(email="reader@example.org").exists()
    assert cache_state(client.get(url)) == "hit"


def test_a_gift_and_its_refund_purge_no_page(donation_pages, client, page_cache_on):
    from donations.models import Donation
    from tests.donations.factories import DonationFactory

    url = donation_pages.en["project"].url
    client.get(url)
    assert cache_state(client.get(url)) == "hit"
    gift = DonationFactory(page=donation_pages.bg["donation"], status=Donation.PAID)
    gift.amount_refunded = gift.amount
    gift.status = Donation.REFUNDED
    gift.save()
    assert cache_state(client.get(url)) == "hit"


def test_a_closed_campaign_page_is_never_stored_so_its_progress_is_always_live(
    donation_pages, client, page_cache_on
):
    """A closed campaign shows no form (so no CSRF token would keep it out), only its progress."""
    import datetime

    page = donation_pages.bg["donation"]
    page.end_date = datetime.date(2020, 1, 1)
    page.save_revision().publish()
    url = page.url
    first = client.get(url)
    assert "csrfmiddlewaretoken" not in first.content.decode()
    assert cache_state(first) is None
    assert cache_state(client.get(url)) is None


def test_publishing_a_page_still_purges(site_tree, client, page_cache_on):
    url = site_tree.en["content"].url
    client.get(url)
    site_tree.bg["press_page"].save_revision().publish()
    assert cache_state(client.get(url)) == "miss"


@pytest.mark.parametrize(
    "query",
    ["?page=x1", "?page=999", "?place=zzz", "?programme=nope", "?year=1800", "?status=later", "?place=pernik&page=7"],
)
def test_garbage_listing_values_are_never_stored(site_tree, client, page_cache_on, query):
    url = site_tree.en["projects"].url + query
    response = client.get(url)
    assert response.status_code == 200  # ignored, the listing renders as without them
    assert cache_state(response) is None  # neither served from nor stored in the cache
    assert cache_state(client.get(url)) is None


def test_applied_listing_values_are_stored_per_combination(site_tree, client, page_cache_on):
    url = site_tree.en["projects"].url + "?place=pernik"
    assert cache_state(client.get(url)) == "miss"
    assert cache_state(client.get(url)) == "hit"


def test_a_content_page_stores_no_listing_query(site_tree, client, page_cache_on):
    """Pages without a listing accept no listing parameter: ``/en/the-model/?page=x1…x1500``
    cannot fill the cache."""
    for number in range(20):
        response = client.get(site_tree.en["content"].url + f"?page={number}")
        assert cache_state(response) is None
