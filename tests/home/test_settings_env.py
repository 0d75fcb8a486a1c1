"""Settings come from the environment: production refuses to start without a secret key, and
the URL-style variables become Django settings."""

import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string
from django_redis.cache import RedisCache

from config.env import env_bool, env_list, parse_email_url, require_secret_key
from core.cache import ResilientCache

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SETTINGS_FILE = PROJECT_ROOT / "config" / "settings.py"
SETUP_DJANGO = "import django; django.setup(); from django.conf import settings; print('DEBUG', settings.DEBUG)"


def start_django(**variables):
    """Start Django in a new process with the test run's environment, minus DEBUG and
    SECRET_KEY, plus ``variables``."""
    environment = {name: value for name, value in os.environ.items() if name not in {"DEBUG", "SECRET_KEY"}}
    environment.update(DJANGO_SETTINGS_MODULE="config.settings", **variables)
    return subprocess.run(
        [sys.executable, "-c", SETUP_DJANGO],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_without_secret_key_refuses_to_start_and_says_why():
    result = start_django()

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_starts_without_a_secret_key():
    result = start_django(DEBUG="1")

    assert result.returncode == 0, result.stderr
    assert "DEBUG True" in result.stdout


def load_settings(monkeypatch, **variables):
    """config/settings.py executed afresh with these environment variables (None: unset);
    the running test process's own settings are not touched."""
    for name, value in variables.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


def test_database_url_selects_postgresql(monkeypatch):
    settings = load_settings(monkeypatch, DATABASE_URL="postgres://mir:s%40cret@db.example.org:6543/mir_site")

    database = settings["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"]) == ("db.example.org", 6543, "mir_site")
    assert (database["USER"], database["PASSWORD"]) == ("mir", "s@cret")


def test_without_database_url_sqlite_next_to_the_code_is_used(monkeypatch):
    settings = load_settings(monkeypatch, DATABASE_URL=None)

    database = settings["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(database["NAME"]) == PROJECT_ROOT / "db.sqlite3"


def test_redis_url_selects_the_redis_cache(monkeypatch):
    settings = load_settings(monkeypatch, REDIS_URL="redis://cache.example.org:6379/2")

    cache = settings["CACHES"]["default"]
    assert issubclass(import_string(cache["BACKEND"]), ResilientCache)
    assert issubclass(import_string(cache["OPTIONS"]["INNER_BACKEND"]), RedisCache)
    assert cache["LOCATION"] == "redis://cache.example.org:6379/2"


def test_without_redis_url_the_cache_is_in_memory(monkeypatch):
    settings = load_settings(monkeypatch, REDIS_URL=None)

    assert issubclass(import_string(settings["CACHES"]["default"]["BACKEND"]), LocMemCache)


def test_email_url_becomes_the_email_settings(monkeypatch):
    settings = load_settings(monkeypatch, EMAIL_URL="smtp+tls://mailer:p%40ss@smtp.example.org:2525")

    assert settings["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (settings["EMAIL_HOST"], settings["EMAIL_PORT"]) == ("smtp.example.org", 2525)
    assert (settings["EMAIL_HOST_USER"], settings["EMAIL_HOST_PASSWORD"]) == ("mailer", "p@ss")
    assert settings["EMAIL_USE_TLS"] is True


def test_without_email_url_email_goes_to_the_console(monkeypatch):
    settings = load_settings(monkeypatch, EMAIL_URL=None)

    assert settings["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


@pytest.mark.parametrize(
    ("url", "port", "tls", "ssl"),
    [
        ("smtp://mail.example.org", 25, False, False),
        ("smtp+tls://mail.example.org", 587, True, False),
        ("smtp+ssl://mail.example.org", 465, False, True),
    ],
)
def test_smtp_port_and_encryption_follow_the_scheme(url, port, tls, ssl):
    config = parse_email_url(url)

    assert (config["EMAIL_PORT"], config["EMAIL_USE_TLS"], config["EMAIL_USE_SSL"]) == (port, tls, ssl)
    assert config["EMAIL_HOST"] == "mail.example.org"


def test_smtp_timeout_comes_from_the_query_string():
    assert parse_email_url("smtp://mail.example.org?timeout=3")["EMAIL_TIMEOUT"] == 3


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("console://", "django.core.mail.backends.console.EmailBackend"),
        ("locmem://", "django.core.mail.backends.locmem.EmailBackend"),
        ("dummy://", "django.core.mail.backends.dummy.EmailBackend"),
    ],
)
def test_non_smtp_email_urls_choose_a_backend_without_a_server(url, backend):
    assert parse_email_url(url) == {"EMAIL_BACKEND": backend}


def test_unknown_email_scheme_is_refused_with_the_choices():
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL has an unknown scheme 'sendmail'.*smtp"):
        parse_email_url("sendmail://localhost")


def test_secret_key_comes_from_the_environment_without_surrounding_spaces():
    assert require_secret_key(False, environ={"SECRET_KEY": "  a-long-random-key  "}) == "a-long-random-key"


@pytest.mark.parametrize("environ", [{}, {"SECRET_KEY": ""}, {"SECRET_KEY": "   "}])
def test_missing_secret_key_is_an_error_without_debug(environ):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        require_secret_key(False, environ=environ)


def test_missing_secret_key_gets_a_development_key_with_debug():
    assert require_secret_key(True, environ={})


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", True), ("true", True), ("Yes", True), (" on ", True), ("0", False), ("false", False), ("no", False)],
)
def test_env_bool_reads_common_spellings(value, expected):
    assert env_bool("FLAG", environ={"FLAG": value}) is expected


@pytest.mark.parametrize("environ", [{}, {"FLAG": ""}, {"FLAG": "  "}])
def test_env_bool_falls_back_to_the_default_when_unset_or_empty(environ):
    assert env_bool("FLAG", default=True, environ=environ) is True
    assert env_bool("FLAG", default=False, environ=environ) is False


def test_env_list_splits_on_commas_and_drops_blanks():
    hosts = env_list("HOSTS", environ={"HOSTS": " a.example.org, ,b.example.org ,"})

    assert hosts == ["a.example.org", "b.example.org"]


def test_env_list_uses_the_default_when_unset():
    assert env_list("HOSTS", "localhost,127.0.0.1", environ={}) == ["localhost", "127.0.0.1"]
