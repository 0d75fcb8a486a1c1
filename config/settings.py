"""The one settings module, grouped by concern; each setting is assigned once.

Every value that differs between machines comes from the environment through the typed readers
of config/env.py, which name the variable in every error and check ranges; `.env.example` lists
every variable with its meaning. Nothing here needs a service: with no variables (``make run``,
the tests) the site runs on SQLite, local-memory cache and console email."""

from decimal import Decimal
from pathlib import Path

import dj_database_url
from django.utils.translation import pgettext_lazy

from config.env import (
    env_anymail,
    env_bool,
    env_decimal,
    env_esp,
    env_float,
    env_int,
    env_int_list,
    env_list,
    env_retention_periods,
    env_str,
    machine_translator,
    parse_email_url,
    require_secret_key,
    require_site_url,
    site_url_host,
)

BASE_DIR = Path(__file__).resolve().parent.parent
TESTING = env_bool("TESTING")

# --- Environment and public address -------------------------------------------------------------
DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = require_secret_key(DEBUG)
# The site's public address, scheme://host[:port]: every absolute link in pages, feeds and emails
# is built from it (core/site_url.py), and `migrate` keeps the default Wagtail Site in line with it
# (manage.py sync_site_url). Required in production; `make run` and the tests serve locally.
SITE_URL = require_site_url(local=DEBUG or TESTING)
# Not given: SITE_URL's host (plus the local names with DEBUG) and SITE_URL's origin.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or list(
    dict.fromkeys([*(["localhost", "127.0.0.1", "[::1]"] if DEBUG else []), site_url_host(SITE_URL)])
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS") or [SITE_URL]
# How many reverse proxies stand in front of gunicorn (1 behind the shipped nginx): the client's
# address is read from X-Forwarded-For past exactly that many hops, never further (core.clients).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0, maximum=5)
# allauth reads its own setting in the few places that do not ask the adapter.
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# --- Applications --------------------------------------------------------------------------------
# CDN purge on publish (Wagtail's frontend cache), only when one of its variables is set.
WAGTAILFRONTENDCACHE = {}
if env_str("FRONTEND_CACHE_CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env_str("FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN"),
        "ZONEID": env_str("FRONTEND_CACHE_CLOUDFLARE_ZONEID"),
    }
if env_str("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env_str("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"),
    }
if env_str("FRONTEND_CACHE_HTTP_PURGE_URL"):
    # Varnish, nginx proxy_cache_purge or any cache that accepts PURGE requests at this address.
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env_str("FRONTEND_CACHE_HTTP_PURGE_URL"),
    }

INSTALLED_APPS = [
    # The project: core (what every app shares), then one app per domain.
    "core",
    "home",
    "projects",
    "donations",
    "partners",
    "newsletters",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    *(["wagtail.contrib.frontend_cache"] if WAGTAILFRONTENDCACHE else []),
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "anymail",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy (django-csp; the admin's policy in core/security.py) and
    # Permissions-Policy (django-permissions-policy) on every answer, cached ones included.
    "core.security.SitePolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous page cache (core/page_cache.py), right after WhiteNoise: a hit skips sessions,
    # authentication and the database.
    "core.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before anything reads a request body (the CSRF check is first) and after the language is
    # chosen: a body in another charset than UTF-8 gets the translated 400, never a 500.
    "core.request_charset.RequestCharsetMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Staff without an authenticator app are sent to set one up when the site setting asks for it.
    "partners.middleware.RequireStaffMFAMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database ------------------------------------------------------------------------------------
# SQLite next to the code unless DATABASE_URL says otherwise (PostgreSQL in production and CI).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0),
        conn_health_checks=True,
    )
}
# No request may wait long on a database that does not answer: connecting gives up after
# DATABASE_CONNECT_TIMEOUT seconds and any statement after DATABASE_STATEMENT_TIMEOUT ms (0: no
# limit, e.g. for a long migration); the page then answers 503 with Retry-After (core/outage.py).
DATABASE_CONNECT_TIMEOUT = env_int("DATABASE_CONNECT_TIMEOUT", 3, minimum=1, maximum=60)
DATABASE_STATEMENT_TIMEOUT = env_int("DATABASE_STATEMENT_TIMEOUT", 10_000, minimum=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        connect_timeout=DATABASE_CONNECT_TIMEOUT,
        options=f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT}",
    )
# Seconds a 503 (database unreachable) tells clients to wait before trying again.
OUTAGE_RETRY_AFTER = env_int("OUTAGE_RETRY_AFTER", 30, minimum=1, maximum=3600)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions --------------------------------------------------------------------------
# Redis when REDIS_URL is set (shared by every process and server), local memory otherwise. Every
# Redis call has a short timeout, and after a failure the cache is left alone for
# CACHE_RETRY_AFTER seconds (core/cache.py): with Redis down or frozen, pages render uncached.
REDIS_URL = env_str("REDIS_URL")
CACHE_SOCKET_TIMEOUT = env_float("CACHE_SOCKET_TIMEOUT", 0.5, minimum=0.05, maximum=10)
CACHE_RETRY_AFTER = env_float("CACHE_RETRY_AFTER", 5, minimum=0, maximum=300)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "mir"),
            "OPTIONS": {
                "INNER_BACKEND": "django_redis.cache.RedisCache",
                "RETRY_AFTER": CACHE_RETRY_AFTER,
                "SOCKET_CONNECT_TIMEOUT": CACHE_SOCKET_TIMEOUT,
                "SOCKET_TIMEOUT": CACHE_SOCKET_TIMEOUT,
                "CONNECTION_POOL_KWARGS": {"health_check_interval": 30},
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "mir"}}
# Sessions in the database only (Django's default engine), never read through the cache: a
# session must not depend on Redis being up, and a cached copy that outlived a sign-out made
# during an outage would bring that session back. Signed-in views cost one indexed query more.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# No "remember me": the session cookie ends with the browser, and the session itself after
# SESSION_COOKIE_AGE seconds whatever happens.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60, minimum=60)

# Anonymous page cache: seconds a page is kept; 0 turns it off (the default in the test run,
# where tests count queries and re-render pages; tests/production turns it on to test it).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0 if TESTING else 600, minimum=0)
# Each process re-reads the shared purge counter at most this often (seconds): a publish shows to
# anonymous visitors of other processes within this time (at once in the publishing process).
PAGE_CACHE_GENERATION_TTL = env_float("PAGE_CACHE_GENERATION_TTL", 1.0, minimum=0, maximum=60)
# >0: pages the page cache stores are also marked cacheable by a CDN for this many seconds
# (s-maxage); pair it with FRONTEND_CACHE_* so that publishing purges the CDN too (core/cdn.py).
CDN_CACHE_SECONDS = env_int("CDN_CACHE_SECONDS", 0, minimum=0)
# URLs per sitemap file; past it /sitemap.xml is an index of /sitemap-N.xml parts.
SITEMAP_PAGE_SIZE = env_int("SITEMAP_PAGE_SIZE", 2000, minimum=10, maximum=50_000)

# --- Languages and time --------------------------------------------------------------------------
# Bulgarian first (the default and the fallback), English second.
LANGUAGE_CODE = "bg"
LANGUAGES = [("bg", "Български"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
# Content languages are named in the admin's language ("английски" in a Bulgarian admin, also in
# wagtail-localize's "Publish in …"); a context of their own, as Django's catalogue says
# "български език" but "английски".
WAGTAIL_CONTENT_LANGUAGES = [
    ("bg", pgettext_lazy("content language", "Bulgarian")),
    ("en", pgettext_lazy("content language", "English")),
]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# The project's own catalogue first (its strings win), then the Bulgarian admin: one directory per
# upstream package (translations/<package>/bg/LC_MESSAGES/), kept apart so an upgrade can refresh it
# (scripts/check_admin_translations.py lists what an upgrade left untranslated).
LOCALE_PATHS = [BASE_DIR / "locale", *sorted((BASE_DIR / "translations").glob("*/"))]
TIME_ZONE = "Europe/Sofia"
USE_I18N = True
USE_TZ = True
# Dates as each language writes them ("1 май 2024 г.", "1 May 2024"): core/formats/<lang>/formats.py.
FORMAT_MODULE_PATH = ["core.formats"]
# Slugs in Latin letters: Bulgarian titles are transliterated by the official system
# (core/transliteration.py) in the editor and on save, never percent-encoded Cyrillic.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Machine translation in wagtail-localize's translation editor: off unless MACHINE_TRANSLATOR is
# deepl (DEEPL_AUTH_KEY) or libretranslate (LIBRETRANSLATE_URL, LIBRETRANSLATE_API_KEY).
if _machine_translator := machine_translator():
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = _machine_translator

# --- Static files, media and documents -----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
# Wagtail documents (partners' private materials among them) live outside MEDIA_ROOT and are
# always served through a view that checks who is asking (partners/access.py): never put
# PRIVATE_MEDIA_ROOT under a web root.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT") or BASE_DIR / "private-media")
# Object storage: any S3-compatible service when a bucket is named, the local disk otherwise.
# Public media (images, renditions) under media/ with plain URLs; documents in a private prefix
# (or their own bucket) with no public URL at all: they are always streamed through Django.
S3_BUCKET = env_str("AWS_STORAGE_BUCKET_NAME") or env_str("S3_BUCKET")
STATIC_STORAGE = {
    # Hashed, compressed files in production; the plain storage keeps tests and DEBUG simple.
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    if DEBUG or TESTING
    else "whitenoise.storage.CompressedManifestStaticFilesStorage"
}
if S3_BUCKET:
    S3_OPTIONS = {
        "bucket_name": S3_BUCKET,
        "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
        "region_name": env_str("AWS_S3_REGION_NAME") or None,
        "access_key": env_str("AWS_ACCESS_KEY_ID") or None,
        "secret_key": env_str("AWS_SECRET_ACCESS_KEY") or None,
        # Wagtail keeps file names; never overwrite another upload of the same name.
        "file_overwrite": False,
    }
    STORAGES = {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **S3_OPTIONS,
                "location": env_str("AWS_MEDIA_LOCATION", "media"),
                "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN") or None,
                "querystring_auth": False,
                "default_acl": env_str("AWS_DEFAULT_ACL") or None,
            },
        },
        "private_documents": {
            "BACKEND": "core.storage.PrivateS3Storage",
            "OPTIONS": {
                **S3_OPTIONS,
                "bucket_name": env_str("AWS_PRIVATE_STORAGE_BUCKET_NAME") or S3_BUCKET,
                "location": env_str("AWS_PRIVATE_LOCATION", "private"),
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": 60,
                "custom_domain": None,
            },
        },
        "staticfiles": STATIC_STORAGE,
    }
else:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private_documents": {"BACKEND": "partners.storage.PrivateDocumentStorage"},
        "staticfiles": STATIC_STORAGE,
    }

# Uploads: only these types, at most these sizes (Wagtail's forms say so in the visitor's
# language), and checked by their content too: an image must decode, a document must be what its
# name says (core/admin_forms.py, core/uploads.py). No SVG images and no SVG/HTML documents (they
# could carry script); only PDF opens in the browser, everything else is sent as an attachment.
# The front web server accepts a little more than the largest (nginx client_max_body_size 25m).
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.admin_forms.ImageForm"
WAGTAILDOCS_DOCUMENT_MODEL = "partners.PartnerDocument"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "core.admin_forms.DocumentForm"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Email and background tasks ------------------------------------------------------------------
# console:// (the default, prints), locmem://, smtp://, smtp+tls://, smtp+ssl:// (config/env.py).
EMAIL_URL = env_str("EMAIL_URL", "console://")
EMAIL = parse_email_url(EMAIL_URL)
EMAIL_BACKEND = EMAIL["EMAIL_BACKEND"]
EMAIL_HOST = EMAIL.get("EMAIL_HOST", "localhost")
EMAIL_PORT = EMAIL.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = EMAIL.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = EMAIL.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = EMAIL.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = EMAIL.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = EMAIL.get("EMAIL_TIMEOUT")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where enquiries and submitted partner reports go when nobody closer is named (core/staff_recipients.py).
STAFF_EMAIL = env_str("STAFF_EMAIL")
# Receipts and other emails are background tasks (django-tasks). The immediate backend (the
# default) runs them in the request, after the commit; production uses the database backend
# (TASKS_BACKEND=django_tasks_db.DatabaseBackend) with `manage.py task_worker`, which carries on
# after a database restart (core/task_worker.py), so a failing mail server delays a receipt
# instead of losing it; `manage.py reconcile_donations` re-queues any receipt that was not sent.
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")}}

# --- Wagtail -------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "MIR / HESED"
# Links in Wagtail's admin notification emails; the public address unless the admin has its own.
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL").rstrip("/") or SITE_URL
# The foundation's details that receipts and other apps print (core/organisation.py).
ORGANISATION_SETTINGS_MODEL = "home.OrganisationSettings"
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # Bulgarian has no PostgreSQL stemmer; "simple" indexes words as written in either script.
        "SEARCH_CONFIG": "simple",
    }
}
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: the admin's CSP would block it (a broken avatar) and it would tell a third party who
# signs in; Wagtail shows its own default avatar instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Accounts: partners and staff ----------------------------------------------------------------
# One sign-in (django-allauth) for partners and staff, by email and password, in both languages;
# accounts come only from invitations sent from the admin (partners/invitations.py).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "partners:dashboard"
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
# Passwords are set, changed and reset only through allauth, where each change is recorded: a
# staff account added in the admin gets its first password with "Forgotten your password?".
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
ACCOUNT_ADAPTER = "partners.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_USER_DISPLAY = "partners.adapter.user_display"
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CHANGE_EMAIL = True
# allauth's emails name the site, not the host name the request came in on.
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{WAGTAIL_SITE_NAME}] "
ACCOUNT_SESSION_REMEMBER = False
# Counted in the cache (Redis when REDIS_URL is set, so the count is shared by all workers).
ACCOUNT_RATE_LIMITS = {"login_failed": env_str("LOGIN_FAILED_RATE_LIMIT", "10/m/ip,5/5m/key")}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = WAGTAIL_SITE_NAME
# A code from the 30 seconds before or after is accepted too (RFC 6238, section 5.2): a phone's
# clock a little off, or a code typed as it changes, still signs the partner in.
MFA_TOTP_TOLERANCE = 1
PARTNER_INVITATION_DAYS = env_int("PARTNER_INVITATION_DAYS", 14, minimum=1, maximum=365)
# Report reminders (manage.py send_partner_emails): days before a due date, and days after it.
PARTNER_REMINDER_DAYS_BEFORE = env_int_list("PARTNER_REMINDER_DAYS_BEFORE", "7,1", minimum=0, maximum=365)
PARTNER_REMINDER_DAYS_OVERDUE = env_int_list("PARTNER_REMINDER_DAYS_OVERDUE", "1,7", minimum=1, maximum=365)

# --- Public forms and donations ------------------------------------------------------------------
# Contact and consulting forms: submissions per client address per window.
FORM_RATE_LIMIT = env_int("FORM_RATE_LIMIT", 5, minimum=1)
FORM_RATE_WINDOW_SECONDS = env_int("FORM_RATE_WINDOW_SECONDS", 3600, minimum=1)
# Gifts by card through Stripe Checkout (donations/). With no STRIPE_SECRET_KEY a local test
# gateway stands in for Stripe's hosted page, but only with DEBUG on or STRIPE_TEST_GATEWAY=1,
# and never next to a live key (donations/stripe_gateway.py decides).
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET")
STRIPE_API_BASE = env_str("STRIPE_API_BASE") or "https://api.stripe.com"
STRIPE_TEST_GATEWAY = env_bool("STRIPE_TEST_GATEWAY", default=False)
# Card-testing defence: checkout sessions (and newsletter and manage-link requests) per client
# address and per email address per window.
DONATION_RATE_LIMIT = env_int("DONATION_RATE_LIMIT", 10, minimum=1)
DONATION_EMAIL_RATE_LIMIT = env_int("DONATION_EMAIL_RATE_LIMIT", 5, minimum=1)
DONATION_RATE_WINDOW_SECONDS = env_int("DONATION_RATE_WINDOW_SECONDS", 3600, minimum=1)
# "Add the card fees to my gift" (donations/fees.py): the card processor's percentage and fixed
# fee in EUR per payment. Both unset or 0: the option is not offered.
DONATION_CARD_FEE_PERCENT = env_decimal(
    "DONATION_CARD_FEE_PERCENT", Decimal("0"), minimum=Decimal("0"), maximum=Decimal("20")
)
DONATION_CARD_FEE_FIXED = env_decimal(
    "DONATION_CARD_FEE_FIXED", Decimal("0"), minimum=Decimal("0"), maximum=Decimal("5")
)
# "Manage my donation": how long the emailed, signed link works.
DONATION_MANAGE_LINK_MAX_AGE = env_int("DONATION_MANAGE_LINK_MAX_AGE", 24 * 60 * 60, minimum=60)
# The "update your card" link in the failed monthly payment email (donations/card_update.py).
CARD_UPDATE_LINK_MAX_AGE = env_int("CARD_UPDATE_LINK_MAX_AGE", 14 * 24 * 60 * 60, minimum=60)
# Newsletter double opt-in: how long the confirmation link works.
NEWSLETTER_CONFIRM_MAX_AGE = env_int("NEWSLETTER_CONFIRM_MAX_AGE", 7 * 24 * 60 * 60, minimum=60)

# --- Newsletters sent from the admin (newsletters/sending.py) ------------------------------------
# The background worker sends NEWSLETTER_BATCH_SIZE messages per task at most
# NEWSLETTER_RATE_PER_SECOND (0: as fast as the mail server takes them). A batch claimed by a
# worker that died is taken up again after NEWSLETTER_CLAIM_TIMEOUT seconds (at least three times
# a batch's duration); a mail server that cannot be reached is tried again after
# NEWSLETTER_RETRY_DELAY seconds.
NEWSLETTER_BATCH_SIZE = env_int("NEWSLETTER_BATCH_SIZE", 100, minimum=1, maximum=10_000)
NEWSLETTER_RATE_PER_SECOND = env_float("NEWSLETTER_RATE_PER_SECOND", 10, minimum=0, maximum=10_000)
NEWSLETTER_CLAIM_TIMEOUT = env_int("NEWSLETTER_CLAIM_TIMEOUT", 600, minimum=1)
NEWSLETTER_RETRY_DELAY = env_int("NEWSLETTER_RETRY_DELAY", 60, minimum=1)
NEWSLETTER_FROM_EMAIL = env_str("NEWSLETTER_FROM_EMAIL", DEFAULT_FROM_EMAIL)
# Optional: an email service provider through django-anymail ("mailgun", "postmark", "sendgrid",
# "brevo"...), its credentials in ANYMAIL_* variables. Then newsletters go through its API and
# its bounce and complaint webhooks (/anymail/<esp>/tracking/) take addresses off the list.
NEWSLETTER_ESP = env_esp("NEWSLETTER_ESP")
ANYMAIL = env_anymail()
NEWSLETTER_EMAIL_BACKEND = f"anymail.backends.{NEWSLETTER_ESP}.EmailBackend" if NEWSLETTER_ESP else EMAIL_BACKEND

# --- Personal data -----------------------------------------------------------------------------
# Retention periods (core/personal_data.py; README "Personal data"): each kind of record names its
# setting and documents its default there, and `manage.py prune_personal_data` (daily) applies
# them. A RETENTION_<NAME>_DAYS / RETENTION_<NAME>_YEARS variable overrides one, e.g.
# RETENTION_ENQUIRIES_DAYS=365 (.env.example lists them all).
globals().update(env_retention_periods())

# --- Security: HTTPS, cookies and headers --------------------------------------------------------
# `manage.py check --deploy` is clean with the production variables (tests/production).
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = not DEBUG and env_bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
# No page script reads the CSRF cookie (forms carry the token; Wagtail's admin gets it from the page).
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# A failed CSRF check (an old page, cookies off) explains itself in the site's layout and language.
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# DENY: Wagtail's preview views set SAMEORIGIN on their own answers, nothing else is framed.
X_FRAME_OPTIONS = "DENY"
# The proxy in front usually redirects http to https itself; SECURE_SSL_REDIRECT=1 makes Django do it too.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
# HSTS is sent only on HTTPS answers (the proxy sets X-Forwarded-Proto).
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
# The public site's policy: no inline script or style at all (the only inline <script> is a
# JSON-LD data block, which browsers do not execute). The admin's policy and the donation page's
# Stripe form target are made from it where they apply (core/security.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["https://www.youtube-nocookie.com", "https://www.youtube.com", "https://player.vimeo.com"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
    }
}
# No page uses these browser features; nobody embedding the site may either.
PERMISSIONS_POLICY = {"camera": [], "microphone": [], "geolocation": [], "payment": [], "usb": []}

# --- Logging -------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Task start/finish and page-edit lines are noise at INFO; warnings and errors still show.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
