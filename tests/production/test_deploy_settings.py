"""The settings module as production reads it: evaluated in a new process with only the
production environment variables, so nothing from the test run leaks in."""

import pytest

from tests.production.conftest import manage, settings_in_subprocess

PRODUCTION = {
    "SECRET_KEY": "k3#9xQ-vL2pT8wZ!fR6mB1nY4cH7jD0sGaUe5iOoKqWlXzVbNt_PrMyA2Sd",
    "ALLOWED_HOSTS": "mir.example.org,www.mir.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://mir.example.org",
    "SECURE_COOKIES": "1",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
    "DEBUG": "0",
}


def test_check_deploy_is_clean_with_the_production_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_complains_without_them():
    """The check really looks: without HTTPS redirect and a weak key it is not clean."""
    result = manage("check", "--deploy", "--fail-level", "WARNING", SECRET_KEY="short", DEBUG="0")
    assert result.returncode != 0
    assert "security.W009" in result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    environment = dict(PRODUCTION, SECRET_KEY="")
    result = manage("check", **environment)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_local_disk_storage_by_default():
    values = settings_in_subprocess(["STORAGES", "MEDIA_ROOT"], **PRODUCTION)
    storages = values["STORAGES"]
    assert storages["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert storages["private_documents"]["BACKEND"] == "partners.storage.PrivateDocumentStorage"
    assert storages["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.mark.parametrize("bucket_variable", ["AWS_STORAGE_BUCKET_NAME", "S3_BUCKET"])
def test_object_storage_when_a_bucket_is_set(bucket_variable):
    values = settings_in_subprocess(
        ["STORAGES"],
        **PRODUCTION,
        **{
            bucket_variable: "mir-media",
            "AWS_S3_ENDPOINT_URL": "https://s3.example.net",
            "AWS_S3_REGION_NAME": "eu-central-1",
            "AWS_ACCESS_KEY_ID": "AKIAEXAMPLE",
            "AWS_SECRET_ACCESS_KEY": "secret",
            "AWS_S3_CUSTOM_DOMAIN": "media.mir.example.org",
        },
    )
    public = values["STORAGES"]["default"]
    private = values["STORAGES"]["private_documents"]
    assert public["BACKEND"] == "storages.backends.s3.S3Storage"
    assert public["OPTIONS"]["bucket_name"] == "mir-media"
    assert public["OPTIONS"]["endpoint_url"] == "https://s3.example.net"
    assert public["OPTIONS"]["location"] == "media"
    assert public["OPTIONS"]["querystring_auth"] is False
    assert public["OPTIONS"]["file_overwrite"] is False
    assert private["BACKEND"] == "config.storage.PrivateS3Storage"
    assert private["OPTIONS"]["location"] == "private"
    assert private["OPTIONS"]["default_acl"] == "private"
    assert private["OPTIONS"]["custom_domain"] is None
    # static files stay with WhiteNoise, on the app server
    assert values["STORAGES"]["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_the_storages_it_selects_behave(settings):
    """Built without touching the network: public media get plain URLs on the media domain,
    private documents get no URL at all."""
    from django.core.files.storage import storages

    from config.storage import PrivateS3Storage

    options = {"bucket_name": "mir-media", "access_key": "a", "secret_key": "b", "region_name": "eu-central-1"}
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **options, "location": "media", "custom_domain": "media.mir.example.org", "querystring_auth": False,
            },
        },
        "private_documents": {
            "BACKEND": "config.storage.PrivateS3Storage",
            "OPTIONS": {**options, "location": "private", "default_acl": "private", "querystring_auth": True},
        },
    }
    assert storages["default"].url("images/a.jpg") == "https://media.mir.example.org/media/images/a.jpg"
    private = storages["private_documents"]
    assert isinstance(private, PrivateS3Storage)
    with pytest.raises(NotImplementedError):
        private.url("documents/report.pdf")


def test_redis_cache_and_sessions_when_redis_url_is_set():
    values = settings_in_subprocess(["CACHES", "SESSION_ENGINE"], **PRODUCTION, REDIS_URL="redis://127.0.0.1:6379/3")
    cache = values["CACHES"]["default"]
    assert cache["BACKEND"] == "core.cache.ResilientCache"
    assert cache["LOCATION"] == "redis://127.0.0.1:6379/3"
    assert 0 < cache["OPTIONS"]["SOCKET_TIMEOUT"] <= 1
    assert cache["OPTIONS"]["RETRY_AFTER"] > 0
    # Sessions never depend on Redis (core/cache.py's docstring and settings say why).
    assert values["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    local = settings_in_subprocess(["CACHES", "SESSION_ENGINE"], **PRODUCTION)
    assert local["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert local["SESSION_ENGINE"] in (None, "django.contrib.sessions.backends.db")  # Django's default: db


def test_page_cache_on_in_production_and_middleware_order():
    values = settings_in_subprocess(["PAGE_CACHE_SECONDS", "MIDDLEWARE"], **PRODUCTION)
    assert values["PAGE_CACHE_SECONDS"] > 0
    middleware = values["MIDDLEWARE"]
    position = middleware.index("core.page_cache.PageCacheMiddleware")
    assert middleware.index("whitenoise.middleware.WhiteNoiseMiddleware") == position - 1
    assert middleware.index("config.security.SecurityHeadersMiddleware") < position
    assert middleware.index("django.contrib.sessions.middleware.SessionMiddleware") > position


def test_frontend_cache_only_when_configured():
    names = ["WAGTAILFRONTENDCACHE", "INSTALLED_APPS"]
    plain = settings_in_subprocess(names, **PRODUCTION)
    assert plain["WAGTAILFRONTENDCACHE"] == {}
    assert "wagtail.contrib.frontend_cache" not in plain["INSTALLED_APPS"]
    cdn = settings_in_subprocess(
        names,
        **PRODUCTION,
        FRONTEND_CACHE_CLOUDFLARE_ZONEID="zone123",
        FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN="token",
        FRONTEND_CACHE_HTTP_PURGE_URL="http://127.0.0.1:6081",
    )
    assert "wagtail.contrib.frontend_cache" in cdn["INSTALLED_APPS"]
    assert cdn["WAGTAILFRONTENDCACHE"]["cloudflare"]["ZONEID"] == "zone123"
    assert cdn["WAGTAILFRONTENDCACHE"]["cloudflare"]["BEARER_TOKEN"] == "token"
    assert cdn["WAGTAILFRONTENDCACHE"]["http"]["LOCATION"] == "http://127.0.0.1:6081"


def test_frontend_cache_purges_the_page_on_publish(site_tree, settings, monkeypatch):
    """With a CDN configured, publishing a page asks the CDN to forget its URL."""
    from wagtail.contrib.frontend_cache import signal_handlers
    from wagtail.contrib.frontend_cache.backends import HTTPBackend

    purged = []
    monkeypatch.setattr(HTTPBackend, "purge", lambda self, url: purged.append(url))
    monkeypatch.setattr(HTTPBackend, "purge_batch", lambda self, urls: purged.extend(urls), raising=False)
    settings.WAGTAILFRONTENDCACHE = {
        "http": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": "http://127.0.0.1:9"}
    }
    signal_handlers.register_signal_handlers()
    try:
        page = site_tree.en["content"]
        page.title = "The model, revised"
        page.save_revision().publish()
    finally:
        from wagtail.models import get_page_models
        from wagtail.signals import page_published, page_unpublished

        for model in get_page_models():
            page_published.disconnect(signal_handlers.page_published_signal_handler, sender=model)
            page_unpublished.disconnect(signal_handlers.page_unpublished_signal_handler, sender=model)
    assert any(url.endswith("/en/the-model/") for url in purged), purged


def test_tasks_backend_from_the_environment():
    default = settings_in_subprocess(["TASKS", "INSTALLED_APPS"], **PRODUCTION)
    assert default["TASKS"]["default"]["BACKEND"] == "django_tasks.backends.immediate.ImmediateBackend"
    assert "django_tasks_db" in default["INSTALLED_APPS"]
    worker = settings_in_subprocess(["TASKS"], **PRODUCTION, TASKS_BACKEND="django_tasks_db.DatabaseBackend")
    assert worker["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
