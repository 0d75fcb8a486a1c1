"""Small helpers that turn environment variables into settings values.

Kept apart from settings.py so that tests can call them directly.
"""

import os
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_VALUES = {"1", "true", "yes", "on"}


def env_bool(name, default=False, environ=os.environ):
    value = environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in TRUE_VALUES


def env_list(name, default="", environ=os.environ):
    raw = environ.get(name, default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_retention_periods(environ=os.environ):
    """{"RETENTION_X_DAYS": 30, ...} from the environment: whole numbers of days or years."""
    periods = {}
    for name, value in environ.items():
        if name.startswith("RETENTION_") and name.endswith(("_DAYS", "_YEARS")):
            if not value.strip().isdigit():
                raise ImproperlyConfigured(f"{name} must be a whole number (of days or years), not {value!r}.")
            periods[name] = int(value)
    return periods


EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "dummy": "django.core.mail.backends.dummy.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtp+tls": "django.core.mail.backends.smtp.EmailBackend",
    "smtp+ssl": "django.core.mail.backends.smtp.EmailBackend",
}


def parse_email_url(url):
    """Return Django email settings for URLs such as ``smtp+tls://user:pass@host:587``.

    ``console://`` (the default) prints messages; ``locmem://`` keeps them in memory.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in EMAIL_BACKENDS:
        raise ImproperlyConfigured(
            f"EMAIL_URL has an unknown scheme {scheme!r}; use one of: {', '.join(sorted(EMAIL_BACKENDS))}."
        )
    config = {"EMAIL_BACKEND": EMAIL_BACKENDS[scheme]}
    if scheme.startswith("smtp"):
        query = parse_qs(parts.query)
        config.update(
            EMAIL_HOST=parts.hostname or "localhost",
            EMAIL_PORT=parts.port or (465 if scheme == "smtp+ssl" else 587 if scheme == "smtp+tls" else 25),
            EMAIL_HOST_USER=unquote(parts.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
            EMAIL_USE_TLS=scheme == "smtp+tls",
            EMAIL_USE_SSL=scheme == "smtp+ssl",
            EMAIL_TIMEOUT=int(query.get("timeout", ["10"])[0]),
        )
    return config


def require_secret_key(debug, environ=os.environ):
    """SECRET_KEY must come from the environment in production; DEBUG gets a throwaway one."""
    key = environ.get("SECRET_KEY", "").strip()
    if key:
        return key
    if debug:
        return "insecure-development-only-key-never-use-in-production"
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Set the SECRET_KEY environment variable "
        "(a long random string) or set DEBUG=1 for local development."
    )
