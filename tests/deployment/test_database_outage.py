"""PostgreSQL stopped: what needs the database answers 503 with Retry-After and the site's own
error page in the visitor's language, cached pages keep being served, nothing hangs (each
request is bounded by the client's hang guard), and the site recovers without a restart."""

import pytest

from tests.deployment.journeys import newsletter_path
from tests.deployment.stage import alive, wait_until


def uncached(path, label):
    # A query parameter the page cache does not accept: the page is rendered, so it needs the database.
    return f"{path}?stage={label}"


def warm(stage, path):
    client = stage.client()
    client.get(path)
    response = client.get(path)
    assert response.header("X-Page-Cache") == "hit", f"{path} is not served from the page cache"


@pytest.fixture
def database_stopped(stage):
    assert stage.pg_running()
    warm(stage, stage.facts["press_index"])
    stage.pg_stop()
    yield
    stage.ensure_pg()


def test_uncached_pages_answer_503_with_retry_after(stage, visitor, database_stopped):
    response = visitor.get(uncached(stage.facts["about"], "db-down"))

    assert response.status == 503
    assert int(response.header("Retry-After", "0")) > 0


def test_the_503_page_is_the_site_page_in_the_visitors_language(stage, visitor, database_stopped):
    english = visitor.get(uncached("/en/", "db-down-en"))
    bulgarian = visitor.get(uncached("/bg/", "db-down-bg"))

    assert (english.status, bulgarian.status) == (503, 503)
    assert english.header("Content-Type", "").startswith("text/html")
    assert '<html lang="en"' in english.text
    assert '<html lang="bg"' in bulgarian.text
    assert english.text != bulgarian.text


def test_cached_pages_are_served_while_the_database_is_down(stage, visitor, database_stopped):
    response = visitor.get(stage.facts["press_index"])

    assert response.status == 200
    assert response.header("X-Page-Cache") == "hit"


def test_nothing_hangs_or_fails_while_the_database_is_down(stage, database_stopped):
    client = stage.client(source="127.0.0.50")
    answers = {
        "page": client.get(uncached(stage.facts["project"], "db-down-all")),
        "sitemap": client.get("/sitemap.xml"),
        "search": client.get("/en/search/?q=model"),
        "sign-in page": client.get(stage.facts["sign_in"]),
        "donation page": client.get(stage.facts["donation"]),
        "newsletter post": client.post(newsletter_path(), {"email": "down@mir.test", "consent": "on"}),
        "robots.txt": client.get("/robots.txt"),
    }

    statuses = {name: answer.status for name, answer in answers.items()}
    assert set(statuses.values()) <= {200, 503}, statuses
    assert all(answer.header("Retry-After") for answer in answers.values() if answer.status == 503), statuses


def test_the_site_recovers_when_the_database_is_back(stage, visitor):
    gunicorn = stage.gunicorn_pid
    path = uncached(stage.facts["about"], "db-recovery")
    stage.pg_stop()
    try:
        assert visitor.get(path).status == 503
    finally:
        stage.pg_start()

    assert wait_until(lambda: visitor.get(path).status == 200, 60, interval=0.5, what="the page to answer 200")
    assert stage.gunicorn_pid == gunicorn and alive(gunicorn)
