"""The site degrades, never falls over: the whole Django cache on a Redis that is gone or hung,
and a database that does not answer (503 with Retry-After, cached pages still served)."""

import pytest
from django.core.cache import caches
from django.db import OperationalError, connection

from core import page_cache
from tests.core.test_resilient_cache import OwnRedis, free_port

pytestmark = pytest.mark.django_db


def resilient_caches(url):
    return {
        "default": {
            "BACKEND": "core.cache.ResilientCache",
            "LOCATION": url,
            "OPTIONS": {"RETRY_AFTER": 5, "SOCKET_CONNECT_TIMEOUT": 0.3, "SOCKET_TIMEOUT": 0.3},
        }
    }


@pytest.fixture
def dead_redis_cache(page_cache_on):
    """Every cache of the site (pages, memo, sessions' neighbours, rate limits, Wagtail's own
    root paths) on a Redis port where nothing listens."""
    page_cache_on.CACHES = resilient_caches(f"redis://127.0.0.1:{free_port()}/0")
    page_cache.reset_local()
    yield page_cache_on
    page_cache.reset_local()


@pytest.mark.parametrize("key", ["home", "content", "projects", "project", "press", "press_page", "contact"])
def test_every_page_renders_uncached_with_redis_gone(site_tree, client, dead_redis_cache, key):
    response = client.get(site_tree.bg[key].url)
    assert response.status_code == 200
    assert page_cache.HEADER not in response.headers  # neither served from nor stored in the cache


def test_search_sitemap_and_sign_in_work_with_redis_gone(site_tree, client, dead_redis_cache):
    assert client.get("/bg/search/?q=модел").status_code == 200
    assert client.get("/sitemap.xml").status_code == 200
    assert client.get("/bg/accounts/login/").status_code == 200


def test_a_partner_signs_in_with_redis_gone(site_tree, client, dead_redis_cache, django_user_model):
    from allauth.account.models import EmailAddress

    user = django_user_model.objects.create_user("p", email="p@example.org", password="a long passphrase 42")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    response = client.post("/en/accounts/login/", {"login": "p@example.org", "password": "a long passphrase 42"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)  # the session lives in the database


def test_a_contact_message_is_kept_with_redis_gone(site_tree, client, dead_redis_cache):
    from wagtail.contrib.forms.models import FormSubmission

    from tests.home.helpers import form_data

    page = site_tree.bg["contact"]
    assert "csrfmiddlewaretoken" in client.get(page.url).content.decode()
    assert client.post(page.url, form_data(page)).status_code == 200
    assert FormSubmission.objects.filter(page=page).count() == 1


def test_the_site_caches_again_when_redis_returns(site_tree, client, page_cache_on, monkeypatch):
    from core import cache as resilient

    clock = {"now": 1000.0}
    monkeypatch.setattr(resilient.time, "monotonic", lambda: clock["now"])
    server = OwnRedis()
    page_cache_on.CACHES = resilient_caches(server.url)
    page_cache.reset_local()
    url = site_tree.bg["content"].url
    try:
        assert page_cache.HEADER not in client.get(url).headers  # Redis not started yet
        server.start()
        clock["now"] += 5
        page_cache_on.PAGE_CACHE_GENERATION_TTL = 0
        assert client.get(url).headers.get(page_cache.HEADER) == "miss"
        assert client.get(url).headers.get(page_cache.HEADER) == "hit"
    finally:
        if server.process is not None:
            server.kill()
        caches["default"].close()
        page_cache.reset_local()


def refuse_every_query(execute, sql, params, many, context):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")


@pytest.fixture
def database_down(client):
    client.raise_request_exception = False

    def down():
        return connection.execute_wrapper(refuse_every_query)

    return down


@pytest.mark.parametrize("language", ["bg", "en"])
def test_an_unreachable_database_answers_503_with_retry_after(site_tree, client, database_down, language):
    url = site_tree.bg["content"].url if language == "bg" else site_tree.en["content"].url
    with database_down():
        response = client.get(url)
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert response["Content-Language" if response.has_header("Content-Language") else "Content-Type"]
    body = response.content.decode()
    expected = "The site is briefly unavailable" if language == "en" else "Сайтът е временно недостъпен"
    assert expected in body
    assert f'lang="{language}"' in body


def test_a_cached_page_is_still_served_while_the_database_is_down(site_tree, client, page_cache_on, database_down):
    url = site_tree.en["project"].url
    client.get(url)
    with database_down():
        response = client.get(url)
    assert response.status_code == 200
    assert response.headers.get(page_cache.HEADER) == "hit"


def test_a_signed_in_view_answers_503_when_the_database_fails_in_the_middleware(
    site_tree, client, database_down, django_user_model
):
    user = django_user_model.objects.create_user("s", email="s@example.org", password="x")
    client.force_login(user)
    url = site_tree.en["content"].url
    with database_down():
        response = client.get(url)  # the session middleware fails first
    assert response.status_code == 503


def test_a_programming_error_is_still_a_500(site_tree, client, monkeypatch):
    from django.db import ProgrammingError

    def broken(execute, sql, params, many, context):
        raise ProgrammingError("column does not exist")

    client.raise_request_exception = False
    url = site_tree.en["content"].url
    with connection.execute_wrapper(broken):
        assert client.get(url).status_code == 500


def test_the_site_answers_again_when_the_database_returns(site_tree, client, database_down):
    url = site_tree.en["content"].url
    with database_down():
        assert client.get(url).status_code == 503
    assert client.get(url).status_code == 200
