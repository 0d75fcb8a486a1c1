"""Fixtures for the production tests: the page cache switched on, a donation page in both
languages next to the site tree, and a helper to evaluate the settings module in a fresh
process with a given environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def page_cache_on(settings, db):
    """The cache on, after the site settings rows exist: the first render creates them (Wagtail's
    for_site), which, like any settings change, purges the cache once."""
    from wagtail.models import Site

    from home.models import NavigationSettings, OrganisationSettings

    for site in Site.objects.all():
        NavigationSettings.for_site(site)
        OrganisationSettings.for_site(site)
    from core import page_cache

    settings.PAGE_CACHE_SECONDS = 600
    settings.CDN_CACHE_SECONDS = 0
    page_cache.reset_local()
    yield settings
    page_cache.reset_local()


@pytest.fixture
def donation_pages(site_tree):
    from donations.models import DonationPage
    from tests.conftest import translate

    page = site_tree.home_bg.add_child(
        instance=DonationPage(title="Подкрепете ни", slug="darete", locale=site_tree.bg_locale, goal_amount=1000)
    )
    page.save_revision().publish()
    english = translate(page, title="Support us", slug="donate")
    site_tree.bg["donation"] = DonationPage.objects.get(pk=page.pk)
    site_tree.en["donation"] = english
    return site_tree


def base_environment(**extra):
    """A production-like environment with nothing inherited from the test run."""
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        "LANG": "C.UTF-8",
        "SECRET_KEY": "x" * 10 + "-production-like-secret-key-with-more-than-fifty-characters-3f9a",
        "ALLOWED_HOSTS": "mir.example.org",
        "SITE_URL": "https://mir.example.org",
        "DATABASE_URL": "sqlite:////tmp/mir-settings-probe.sqlite3",
    }
    environment.update({key: value for key, value in extra.items() if value is not None})
    return environment


def settings_in_subprocess(names, **environment):
    """Import config.settings in a new interpreter with exactly this environment and return the
    named settings (JSON-serialisable ones; others as their repr)."""
    script = (
        "import json, sys\n"
        "import config.settings as s\n"
        "out = {}\n"
        "for name in sys.argv[1:]:\n"
        "    value = getattr(s, name, None)\n"
        "    try:\n"
        "        json.dumps(value)\n"
        "    except TypeError:\n"
        "        value = repr(value)\n"
        "    out[name] = value\n"
        "print(json.dumps(out))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, *names],
        cwd=REPO,
        env=base_environment(**environment),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def manage(*args, timeout=120, **environment):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=base_environment(**environment),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
