"""Security headers on every kind of answer: each page type in both languages, the admin, the
sitemap and robots.txt, the sign-in page, the Stripe webhook (the site's only API endpoint), a
404 and a cached page; HSTS and Secure/HttpOnly cookies over HTTPS."""

import re

import pytest

pytestmark = pytest.mark.django_db

PAGE_KEYS = ["home", "content", "projects", "project", "press", "press_page", "contact", "consulting", "donation"]


def csp_directives(response):
    policy = response["Content-Security-Policy"]
    directives = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def assert_common_headers(response, where):
    assert response["X-Content-Type-Options"] == "nosniff", where
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", where
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"], where
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", where
    directives = csp_directives(response)
    assert directives["object-src"] == ["'none'"], where
    assert directives["base-uri"] == ["'self'"], where
    assert "frame-ancestors" in directives, where
    assert "X-Frame-Options" in response, where


def assert_public_headers(response, where):
    assert_common_headers(response, where)
    directives = csp_directives(response)
    assert directives["script-src"] == ["'self'"], where
    assert "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"], where
    assert directives["frame-ancestors"] == ["'none'"], where
    assert response["X-Frame-Options"] == "DENY", where


def assert_no_inline_script(response, where):
    """The strict policy holds only if the page has no inline script the browser would run."""
    html = response.content.decode()
    for match in re.finditer(r"<script(?P<attributes>[^>]*)>(?P<body>.*?)</script>", html, re.S):
        attributes = match.group("attributes")
        if "src=" in attributes:
            continue
        assert 'type="application/ld+json"' in attributes or 'type="application/json"' in attributes, (
            where,
            match.group(0)[:200],
        )
    assert not re.search(r"\son[a-z]+=\"", html), (where, "inline event handler")


@pytest.mark.parametrize("language", ["bg", "en"])
def test_every_page_type(donation_pages, client, language):
    for key in PAGE_KEYS:
        page = getattr(donation_pages, language)[key]
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert_public_headers(response, page.url)
        assert_no_inline_script(response, page.url)


def test_search_404_sitemap_robots_and_sign_in(site_tree, client):
    for url, status in [
        ("/bg/search/?q=модел", 200),
        ("/en/search/", 200),
        ("/bg/no-such-page/", 404),
        ("/en/no/such/page/", 404),
        ("/sitemap.xml", 200),
        ("/robots.txt", 200),
        ("/bg/accounts/login/", 200),
        ("/en/partners/", 302),
    ]:
        response = client.get(url)
        assert response.status_code == status, url
        assert_public_headers(response, url)


def test_the_stripe_webhook(client, db):
    response = client.post(
        "/donations/stripe/webhook/", data=b'{"id": "evt_x"}', content_type="application/json",
        HTTP_STRIPE_SIGNATURE="t=1,v1=bad",
    )
    assert response.status_code == 400
    assert_public_headers(response, "webhook")
    assert b"Traceback" not in response.content


def test_the_admin(site_tree, client, django_user_model):
    # Signed out: the admin sends you to the sign-in page.
    assert_common_headers(client.get("/admin/"), "admin signed out")
    admin = django_user_model.objects.create_superuser(username="boss", email="boss@example.org", password="x" * 20)
    client.force_login(admin)
    for url in ["/admin/", f"/admin/pages/{site_tree.home_bg.pk}/", f"/admin/pages/{site_tree.bg['content'].pk}/edit/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_common_headers(response, url)
        directives = csp_directives(response)
        # The admin may be framed by itself only (page previews), never by another site.
        assert directives["frame-ancestors"] == ["'self'"], url
        assert response["X-Frame-Options"] == "DENY", url


def test_stripe_checkout_is_allowed_as_a_form_target_only_with_a_key(donation_pages, client, settings):
    url = donation_pages.bg["donation"].url
    assert "https://checkout.stripe.com" not in client.get(url)["Content-Security-Policy"]
    settings.STRIPE_SECRET_KEY = "sk_test_only_for_the_header"
    directives = csp_directives(client.get(url))
    assert "https://checkout.stripe.com" in directives["form-action"]
    assert directives["script-src"] == ["'self'"]


def test_hsts_over_https(site_tree, client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    secure = client.get(site_tree.bg["content"].url, secure=True)
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    # behind the proxy: X-Forwarded-Proto says https
    proxied = client.get(site_tree.bg["content"].url, HTTP_X_FORWARDED_PROTO="https")
    assert "max-age=31536000" in proxied["Strict-Transport-Security"]
    # never over plain http (it would be ignored, and it would lie)
    assert "Strict-Transport-Security" not in client.get(site_tree.bg["content"].url)


def test_cookies_are_secure_httponly_and_samesite(site_tree, client, django_user_model):
    form_page = client.get(site_tree.bg["contact"].url, secure=True)
    csrf = form_page.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"
    django_user_model.objects.create_user(username="p", email="partner@example.org", password="Correct-horse-9")
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(
        user=django_user_model.objects.get(username="p"), email="partner@example.org", verified=True, primary=True
    )
    client.get("/en/accounts/login/", secure=True)
    signed_in = client.post(
        "/en/accounts/login/", {"login": "partner@example.org", "password": "Correct-horse-9"}, secure=True
    )
    assert signed_in.status_code == 302
    session = signed_in.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


def test_production_settings_turn_cookies_secure_and_hsts_on():
    from tests.production.conftest import settings_in_subprocess

    values = settings_in_subprocess(
        [
            "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "LANGUAGE_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY",
            "CSRF_COOKIE_HTTPONLY", "SECURE_HSTS_SECONDS", "SECURE_PROXY_SSL_HEADER", "X_FRAME_OPTIONS", "DEBUG",
        ]
    )
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"] and values["LANGUAGE_COOKIE_SECURE"]
    assert values["SESSION_COOKIE_HTTPONLY"] and values["CSRF_COOKIE_HTTPONLY"]
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["X_FRAME_OPTIONS"] == "DENY"


def test_stripe_checkout_is_a_form_target_of_the_donation_page_only(donation_pages, client, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_only_for_the_header"
    for key in ("home", "content", "contact"):
        assert "https://checkout.stripe.com" not in client.get(donation_pages.bg[key].url)["Content-Security-Policy"]


def test_permissions_policy_names_no_retired_feature(site_tree, client):
    policy = client.get(site_tree.bg["content"].url)["Permissions-Policy"]
    assert "interest-cohort" not in policy
    assert "payment=()" in policy and "usb=()" in policy

