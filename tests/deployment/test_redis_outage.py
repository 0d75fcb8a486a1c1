"""Redis is only a cache: killed or frozen, the site keeps serving (uncached), sign-in and forms
keep working, and caching comes back by itself once Redis does, without restarting gunicorn.
Each request is bounded by the client's hang guard (stage.HANG_GUARD seconds without an answer)."""

import pytest

from tests.deployment.journeys import sign_up_for_newsletter
from tests.deployment.stage import alive, unique_email, wait_until

PUBLIC_PAGES = ("home", "about", "project_index", "project", "press_index")


def public_paths(stage):
    return [stage.facts[name] for name in PUBLIC_PAGES] + ["/sitemap.xml", "/en/search/?q=model", "/robots.txt"]


def statuses(client, paths):
    return {path: client.get(path).status for path in paths}


def cached_again(stage, path, timeout=60):
    """Waits until ``path`` is served from the page cache again (two views: store, then hit)."""
    client = stage.client()

    def hit():
        client.get(path)
        return client.get(path).header("X-Page-Cache") == "hit"

    return wait_until(hit, timeout, interval=0.5, what=f"{path} to be served from the page cache")


@pytest.fixture
def redis_killed(stage):
    assert stage.redis_answers()
    stage.redis_kill()
    yield
    stage.ensure_redis()


@pytest.fixture
def redis_frozen(stage):
    assert stage.redis_answers()
    stage.redis_freeze()
    yield
    stage.ensure_redis()


def test_public_pages_answer_with_redis_killed(stage, visitor, redis_killed):
    paths = public_paths(stage)

    assert statuses(visitor, paths) == {path: 200 for path in paths}


def test_public_pages_answer_with_redis_frozen(stage, visitor, redis_frozen):
    paths = public_paths(stage)

    assert statuses(visitor, paths) == {path: 200 for path in paths}


def _sign_in_and_post_a_form(stage):
    client = stage.client(source="127.0.0.40")
    sign_in = client.form_on(stage.facts["sign_in"], having="password")
    wrong_password = client.submit(sign_in, {"login": stage.facts["stranger"]["email"], "password": "not-it"})
    signed_in = client.submit(
        client.form_on(stage.facts["sign_in"], having="password"),
        {"login": stage.facts["stranger"]["email"], "password": stage.facts["stranger"]["password"]},
    )
    signed_up = sign_up_for_newsletter(stage.client(source="127.0.0.41"), unique_email("redis-down"))
    return wrong_password.status, signed_in.status, signed_up.status


def test_sign_in_and_forms_work_with_redis_killed(stage, redis_killed):
    wrong, right, newsletter = _sign_in_and_post_a_form(stage)

    assert wrong == 200  # the form again, with its error
    assert right == 302  # signed in: on to the dashboard
    assert newsletter == 200


def test_sign_in_and_forms_work_with_redis_frozen(stage, redis_frozen):
    wrong, right, newsletter = _sign_in_and_post_a_form(stage)

    assert wrong == 200
    assert right == 302
    assert newsletter == 200


def test_caching_resumes_after_redis_restarts(stage, visitor):
    gunicorn = stage.gunicorn_pid
    path = stage.facts["about"]
    stage.redis_kill()
    assert visitor.get(path).status == 200

    stage.redis_start()

    assert cached_again(stage, path)
    assert stage.gunicorn_pid == gunicorn and alive(gunicorn)


def test_caching_resumes_after_redis_is_resumed(stage, visitor):
    gunicorn = stage.gunicorn_pid
    path = stage.facts["project"]
    stage.redis_freeze()
    assert visitor.get(path).status == 200

    stage.redis_thaw()

    assert cached_again(stage, path)
    assert stage.gunicorn_pid == gunicorn and alive(gunicorn)
