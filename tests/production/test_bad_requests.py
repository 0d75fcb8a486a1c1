"""Requests the site cannot read or must refuse get a clear, translated 4xx, never a 500: a form
body in another charset than UTF-8 (core/request_charset.py), any other bad request (the site's
own 400 handler, core/views.py) and a failed CSRF check (core.views.csrf_failure, in the site's
layout and the visitor's language, with a plain fallback when the database is down)."""

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client, RequestFactory
from django.utils import translation

from core.request_charset import CHARSET_REFUSED, RequestCharsetMiddleware, accepted_charset
from core.views import bad_request, csrf_failure
from tests.home.helpers import html_lang, parse
from tests.production.conftest import REPO, base_environment

TOKEN = "a" * 32
REFUSED_CHARSETS = ["latin-1", "utf-16", "iso-8859-5", "windows-1251", "x-unknown", "utf-8-sig", ""]
ACCEPTED_SPELLINGS = ["utf-8", "UTF-8", "utf8", "us-ascii", "ascii"]


def translated(language, message):
    with translation.override(language):
        return str(translation.gettext(message))


def strict_client():
    """A client that checks CSRF as a browser's request is checked, holding a csrftoken cookie."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.cookies["csrftoken"] = TOKEN
    return client


def post_form(client, url, charset, body=b"login=a%40example.org&password=x", **extra):
    content_type = "application/x-www-form-urlencoded" + (f"; charset={charset}" if charset is not None else "")
    return client.generic("POST", url, body, content_type=content_type, **extra)


# --- charsets ---------------------------------------------------------------------------------


@pytest.mark.parametrize("charset", ["latin-1", "utf-16", "x-unknown"])
def test_without_the_middleware_djangos_400_handler_turns_a_latin1_form_into_a_500(site_tree, settings, charset):
    """What the middleware is for: without it, and with Django's own 400 handler (which re-runs the
    CSRF check inside requires_csrf_token), a sign-in post in latin-1 is a 500."""
    middleware = "core.request_charset.RequestCharsetMiddleware"
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != middleware]
    settings.ROOT_URLCONF = "tests.production.urls_with_djangos_400"
    response = post_form(strict_client(), "/bg/accounts/login/", charset,
                         body=f"login=a&password=b&csrfmiddlewaretoken={TOKEN}".encode())
    assert response.status_code == (200 if charset == "x-unknown" else 500)


@pytest.mark.parametrize("charset", REFUSED_CHARSETS)
@pytest.mark.parametrize("language", ["bg", "en"])
def test_a_form_body_in_another_charset_is_a_translated_400(site_tree, charset, language):
    response = post_form(strict_client(), f"/{language}/accounts/login/", charset)
    assert response.status_code == 400
    assert html_lang(response) == language
    assert translated(language, str(CHARSET_REFUSED)) in parse(response).main.get_text()


@pytest.mark.parametrize("charset", ACCEPTED_SPELLINGS)
def test_utf8_and_ascii_under_any_spelling_reach_the_form(site_tree, charset):
    client = strict_client()
    response = post_form(client, "/en/accounts/login/", charset,
                         body=f"login=a%40example.org&password=x&csrfmiddlewaretoken={TOKEN}".encode())
    assert response.status_code == 200  # the sign-in form again, with its "wrong password" error
    assert "form" in response.content.decode()


def test_a_multipart_body_in_another_charset_is_refused(site_tree):
    body = b'--b\r\nContent-Disposition: form-data; name="login"\r\n\r\nx\r\n--b--\r\n'
    response = strict_client().generic("POST", "/en/accounts/login/", body,
                                       content_type="multipart/form-data; boundary=b; charset=utf-16")
    assert response.status_code == 400


def test_a_get_with_a_charset_is_left_alone(site_tree, client):
    assert client.get("/en/", CONTENT_TYPE="text/plain; charset=latin-1").status_code == 200


@pytest.mark.parametrize("name, accepted", [("UTF-8", True), ("utf8", True), ("US-ASCII", True), ("latin-1", False),
                                            ("utf-16", False), ("x-unknown", False), ("", False), ("utf\x00", False)])
def test_which_charset_names_are_accepted(name, accepted):
    assert accepted_charset(name) is accepted


def test_the_charset_refusal_needs_no_database():
    # No db fixture: any query would fail the test.
    request = RequestFactory().generic(
        "POST", "/bg/x/", b"a=1", content_type="application/x-www-form-urlencoded; charset=latin-1"
    )
    response = RequestCharsetMiddleware(lambda request: pytest.fail("the view must not be reached"))(request)
    assert response.status_code == 400
    assert response["Cache-Control"] == "no-store"


# --- the 400 handler --------------------------------------------------------------------------


def test_the_400_handler_is_the_sites_own():
    from django.urls import get_resolver

    assert get_resolver().resolve_error_handler(400) is bad_request


def test_too_many_fields_with_a_csrf_cookie_is_a_translated_400(site_tree, settings):
    body = "&".join(f"f{index}=1" for index in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)).encode()
    response = post_form(strict_client(), "/bg/accounts/login/", None, body=body)
    assert response.status_code == 400
    assert parse(response).h1.get_text() == translated("bg", "The request could not be read")


def test_an_unknown_host_is_a_translated_400(site_tree):
    response = Client(raise_request_exception=False).get("/en/", HTTP_HOST="attacker.example")
    assert response.status_code == 400
    assert html_lang(response) == "en"
    assert parse(response).h1.get_text() == "The request could not be read"


def test_the_400_page_needs_no_database():
    response = bad_request(RequestFactory().get("/en/x/"), Exception("bad"))
    assert response.status_code == 400
    assert html_lang(response) == "en"


# --- the CSRF failure page --------------------------------------------------------------------


def contact_url(site_tree, language):
    return getattr(site_tree, language)["contact"].url


@pytest.mark.parametrize("language", ["bg", "en"])
def test_a_failed_csrf_check_is_a_403_in_the_sites_layout_and_language(site_tree, language):
    url = contact_url(site_tree, language)
    response = strict_client().post(url, {"name": "Мария", "message": "Здравейте"})  # no token
    assert response.status_code == 403
    page = parse(response)
    assert html_lang(response) == language
    assert page.select_one("header.site-header") is not None  # the site's layout
    assert page.h1.get_text() == translated(language, "The form could not be sent")
    text = page.main.get_text()
    for advice in ("Go back to the form, reload the page and send the form again.",
                   "Make sure that your browser accepts cookies from this site: the check needs them."):
        assert translated(language, advice) in text
    assert response["Cache-Control"] == "no-store"


def test_the_csrf_page_links_back_to_the_form_the_visitor_came_from(site_tree):
    url = contact_url(site_tree, "en")
    response = strict_client().post(url, {}, HTTP_REFERER=f"http://testserver{url}?from=menu")
    links = {a.get_text(): a["href"] for a in parse(response).main.select("a")}
    assert links["Back to the form"] == f"http://testserver{url}?from=menu"
    assert links["Go to the home page"] == "/en/"


def test_the_csrf_page_never_links_to_another_site(site_tree):
    url = contact_url(site_tree, "en")
    response = strict_client().post(url, {}, HTTP_REFERER="https://attacker.example/phish")
    links = {a.get_text(): a["href"] for a in parse(response).main.select("a")}
    assert links["Back to the form"] == url


def test_the_csrf_page_falls_back_to_a_plain_page_when_the_database_is_down(site_tree, monkeypatch):
    url = contact_url(site_tree, "bg")

    def database_down(*args, **kwargs):
        raise OperationalError("connection to server failed")

    with monkeypatch.context() as patch:
        patch.setattr(CursorWrapper, "execute", database_down)
        patch.setattr(CursorWrapper, "executemany", database_down)
        response = csrf_failure(RequestFactory().post(url), reason="CSRF cookie not set.")
    assert response.status_code == 403
    page = parse(response)
    assert page.select_one("header.site-header") is None
    assert page.h1.get_text() == translated("bg", "The form could not be sent")
    assert html_lang(response) == "bg"


def test_the_csrf_failure_view_is_the_sites_own(settings):
    assert settings.CSRF_FAILURE_VIEW == "core.views.csrf_failure"


# --- over real HTTP -----------------------------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def gunicorn(tmp_path):
    """gunicorn serving the site over HTTP on a database with no tables: the answers tested here
    come before any query (the charset refusal) or survive the missing tables (the CSRF page)."""
    port = free_port()
    environment = base_environment(
        ALLOWED_HOSTS="127.0.0.1", SITE_URL=f"http://127.0.0.1:{port}", SECURE_COOKIES="0",
        DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}", TESTING="1",
    )
    log = open(tmp_path / "gunicorn.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=REPO, env=environment, stdout=log, stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 120  # hang guard
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert server.poll() is None, (tmp_path / "gunicorn.log").read_text()
            time.sleep(0.2)
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=60)
    log.close()


def http_post(url, body, content_type, **headers):
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": content_type, "Cookie": f"csrftoken={TOKEN}", **headers})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_over_http_a_latin1_form_is_a_400_and_a_missing_token_a_403(gunicorn):
    status, body = http_post(f"{gunicorn}/bg/accounts/login/", b"login=a&password=b",
                             "application/x-www-form-urlencoded; charset=latin-1")
    assert status == 400
    assert translated("bg", str(CHARSET_REFUSED)) in body
    status, body = http_post(f"{gunicorn}/en/accounts/login/", b"login=a&password=b",
                             "application/x-www-form-urlencoded", Referer=f"{gunicorn}/en/accounts/login/")
    assert status == 403
    assert "The form could not be sent" in body
