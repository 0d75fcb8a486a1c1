"""Browser tests: Debian's Chromium driven by Playwright against a server holding the seed
content.

Playwright's own browser download cannot work on these machines, so the tests launch
/usr/bin/chromium (installed by scripts/ensure-browser.sh). Where it is missing the tests are
skipped with the reason, except in CI (CI=true), where a missing browser is an error.

The site runs in a separate process (tests/browser/serve_site.py: runserver's server plus the
media files, DEBUG off) on its own throw-away SQLite file, migrated and seeded with
`manage.py load_seed_content` once for the whole run: the tests only read it through HTTP,
loading the seed for each of some thirty tests would multiply the run time, and nothing the
browser tests load can leak into the database the rest of the suite uses."""

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import pytest

from tests.browser.site_under_test import SeededSite

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_PATH = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium tries to reach the internet (updates, sync,
# field trials); this machine has none, and the tests must not depend on it.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHARED_MEMORY = Path("/dev/shm")
SERVER_START_SECONDS = 60
PAGE_TIMEOUT_MS = 15_000


def browser_unavailable(reason):
    """Skip, or in CI fail: CI must never go green without having run the browser tests."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: the browser tests must run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_path():
    if not CHROMIUM_PATH.exists():
        browser_unavailable(
            f"{CHROMIUM_PATH} is missing: run 'bash scripts/ensure-browser.sh' as root to install Debian's chromium"
        )
    return CHROMIUM_PATH


@pytest.fixture(scope="session")
def axe_source():
    try:
        return resources.files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        browser_unavailable("axe-core is missing: pip install -r requirements-dev.txt (axe-playwright-python)")


def site_environment(database_path):
    """The served site's settings: its own database, and its media files next to it."""
    environment = dict(os.environ)  # SECRET_KEY, EMAIL_URL, TESTING… from tests/environment.py
    environment.pop("DEBUG", None)  # as in production: the real 404 and 500 pages, not debug pages
    environment.update(
        DATABASE_URL=f"sqlite:///{database_path}",
        MEDIA_ROOT=str(Path(database_path).parent / "media"),
        DJANGO_SETTINGS_MODULE="config.settings",
        ALLOWED_HOSTS="127.0.0.1",
        PYTHONUNBUFFERED="1",
    )
    return environment


def run_site_command(arguments, environment, timeout):
    """Runs a step of preparing the site; a failure stops the run with the step's own output."""
    completed = subprocess.run(
        [sys.executable, *arguments],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if completed.returncode != 0:
        pytest.fail(
            f"{' '.join(arguments)} exited {completed.returncode}:\n{completed.stdout}\n{completed.stderr}",
            pytrace=False,
        )
    return completed.stdout


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(server, port, log_path):
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the site server exited {server.returncode}:\n{log_path.read_text()}", pytrace=False)
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    pytest.fail(
        f"the site server did not answer within {SERVER_START_SECONDS}s:\n{log_path.read_text()}", pytrace=False
    )


def site_workdir(tmp_path_factory):
    """Where the served site keeps its database, media files and log. In memory (/dev/shm) where
    there is one: migrating SQLite on a disk spends about as long waiting for fsync as working."""
    if os.access(SHARED_MEMORY, os.W_OK):
        return Path(tempfile.mkdtemp(prefix="mir-browser-site-", dir=SHARED_MEMORY)), True
    return tmp_path_factory.mktemp("browser-site"), False


@pytest.fixture(scope="session")
def seeded_site(chromium_path, tmp_path_factory):
    """Migrates a fresh database, loads the seed content (manage.py load_seed_content) and serves
    it on a free local port."""
    workdir, remove_afterwards = site_workdir(tmp_path_factory)
    try:
        yield from serve_seeded_site(workdir)
    finally:
        if remove_afterwards:
            shutil.rmtree(workdir, ignore_errors=True)


def serve_seeded_site(workdir):
    environment = site_environment(workdir / "site.sqlite3")
    port = free_port()
    # The public address the site's links (and Stripe's test gateway's return) point at.
    environment["SITE_URL"] = f"http://127.0.0.1:{port}"
    log_path = workdir / "server.log"
    # The server starts while the database is being prepared: it opens the database only when a
    # page is asked for, and the tests ask for none before the preparation is done.
    with running_server(environment, port, log_path) as server:
        # migrate, manage.py load_seed_content, then the seeded pages' description (one process).
        prepared = run_site_command(["-m", "tests.browser.site_under_test", "--prepare"], environment, timeout=600)
        description = json.loads(prepared)
        wait_until_serving(server, port, log_path)
        yield SeededSite(base_url=f"http://127.0.0.1:{port}", server_log=str(log_path), **description)


@contextmanager
def running_server(environment, port, log_path):
    """The site's server process on ``port``, logging to ``log_path``; stopped on the way out."""
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "tests.browser.serve_site", str(port)],
            cwd=PROJECT_ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        yield server
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def copy_database(source, target):
    """A consistent copy even while the session's server has the file open (SQLite's backup)."""
    origin, copy = sqlite3.connect(source), sqlite3.connect(target)
    try:
        origin.backup(copy)
    finally:
        copy.close()
        origin.close()


@contextmanager
def served_copy_of(seeded_site, prepare_module, prefix, **settings):
    """The session's seeded site on its own port and its own copy of the database, for a module
    whose data would disturb the others (or theirs it): ``prepare_module`` is run as a script
    against the copy first (``python -m``), with ``settings`` as extra environment variables.
    Yields (base URL, server log path, what the script printed)."""
    source = Path(seeded_site.server_log).parent
    shm = SHARED_MEMORY if os.access(SHARED_MEMORY, os.W_OK) else None
    workdir = Path(tempfile.mkdtemp(prefix=prefix, dir=shm))
    try:
        database = workdir / "site.sqlite3"
        copy_database(source / "site.sqlite3", database)
        environment = site_environment(database)
        environment["MEDIA_ROOT"] = str(source / "media")  # the seed's images, not copied
        environment.update(settings)
        port = free_port()
        environment["SITE_URL"] = f"http://127.0.0.1:{port}"
        printed = run_site_command(["-m", prepare_module], environment, timeout=120)
        log_path = workdir / "server.log"
        with running_server(environment, port, log_path) as server:
            wait_until_serving(server, port, log_path)
            yield f"http://127.0.0.1:{port}", str(log_path), printed
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS, headless=True)
    except PlaywrightError as error:
        playwright.stop()
        browser_unavailable(f"Chromium at {chromium_path} did not start: {error}")
    yield chromium
    chromium.close()
    playwright.stop()


def new_tab(browser, **context_options):
    context = browser.new_context(locale="bg-BG", **context_options)
    tab = context.new_page()
    tab.set_default_timeout(PAGE_TIMEOUT_MS)
    return context, tab


@pytest.fixture
def page(browser):
    context, tab = new_tab(browser)
    yield tab
    context.close()


@pytest.fixture
def page_for_axe(browser):
    """axe is injected as an inline script: a Content-Security-Policy of the site must not block
    the audit tool itself (it would block nothing the site's visitors load)."""
    context, tab = new_tab(browser, bypass_csp=True)
    yield tab
    context.close()


@pytest.fixture
def phone(browser):
    """A tab the size of a small phone (the mobile menu is collapsed there)."""
    context, tab = new_tab(browser, viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    yield tab
    context.close()


@pytest.fixture
def phone_without_js(browser):
    context, tab = new_tab(browser, viewport={"width": 360, "height": 740}, java_script_enabled=False)
    yield tab
    context.close()


@pytest.fixture
def page_without_js(browser):
    context, tab = new_tab(browser, java_script_enabled=False)
    yield tab
    context.close()
