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


def _number(name, default, kind, minimum, maximum, environ):
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = kind(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a {'whole ' if kind is int else ''}number, not {raw!r}.") from None
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        bounds = f"between {minimum} and {maximum}" if maximum is not None else f"at least {minimum}"
        raise ImproperlyConfigured(f"{name} must be {bounds}, not {raw!r}.")
    return value


def env_int(name, default, *, minimum=None, maximum=None, environ=os.environ):
    """An integer setting; a value that is not a whole number or out of range stops start-up
    with a message naming the variable."""
    return _number(name, default, int, minimum, maximum, environ)


def env_float(name, default, *, minimum=None, maximum=None, environ=os.environ):
    return _number(name, default, float, minimum, maximum, environ)


def env_decimal(name, default, *, minimum=None, maximum=None, environ=os.environ):
    """A decimal setting (money, percentages: no float rounding); bad or out-of-range values stop
    start-up with a message naming the variable."""
    from decimal import Decimal, InvalidOperation

    def kind(raw):
        try:
            value = Decimal(raw.replace(",", "."))
        except InvalidOperation:
            raise ValueError(raw) from None
        if not value.is_finite():
            raise ValueError(raw)
        return value

    return _number(name, default, kind, minimum, maximum, environ)


def env_str(name, default="", environ=os.environ):
    """A text setting, stripped; unset or blank gives ``default``."""
    value = environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip()


def env_list(name, default="", environ=os.environ):
    raw = environ.get(name, default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_int_list(name, default="", *, minimum=None, maximum=None, environ=os.environ):
    """Comma-separated whole numbers ("7,1"), each checked like env_int; sorted, no repeats."""
    values = set()
    for item in env_list(name, default, environ):
        values.add(_number(name, None, int, minimum, maximum, {name: item}))
    return sorted(values)


def env_retention_periods(environ=os.environ):
    """{"RETENTION_X_DAYS": 30, ...} from the environment: whole numbers of days or years."""
    periods = {}
    for name, value in environ.items():
        if name.startswith("RETENTION_") and name.endswith(("_DAYS", "_YEARS")):
            if not value.strip().isdigit():
                raise ImproperlyConfigured(f"{name} must be a whole number (of days or years), not {value!r}.")
            periods[name] = int(value)
    return periods


def env_anymail(environ=os.environ):
    """django-anymail's settings from ANYMAIL_<NAME> variables (ANYMAIL_MAILGUN_API_KEY=... gives
    {"MAILGUN_API_KEY": ...}): each ESP names its own credentials, anymail's docs list them."""
    return {
        name.removeprefix("ANYMAIL_"): value.strip()
        for name, value in environ.items()
        if name.startswith("ANYMAIL_") and value.strip()
    }


def env_esp(name, environ=os.environ):
    """An anymail ESP name ("mailgun", "amazon_ses"...) or "": the module name of its backend."""
    value = env_str(name, environ=environ).lower()
    if value and not value.replace("_", "").isalpha():
        raise ImproperlyConfigured(f"{name} must name an anymail ESP such as mailgun or postmark, not {value!r}.")
    return value


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


# `make run` and the test run serve on this address when SITE_URL is not set.
LOCAL_SITE_URL = "http://127.0.0.1:8000"
DEFAULT_PORTS = {"http": 80, "https": 443}


def parse_site_url(raw):
    """SITE_URL normalised to ``scheme://host[:port]``: lower case, no trailing slash, no port
    when it is the scheme's usual one. Anything else (a path, a query, a user name, another
    scheme) stops start-up: every link in pages and emails is built from this value."""
    from django.http.request import split_domain_port

    def malformed(reason):
        return ImproperlyConfigured(
            f"SITE_URL must be the site's public address as scheme://host[:port], e.g. "
            f"https://mir.example.org ({reason}), not {raw!r}."
        )

    try:
        parts = urlsplit(raw.strip())
    except ValueError:  # e.g. an unclosed IPv6 bracket
        raise malformed("the host name is not valid") from None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not raw.strip().lower().startswith(f"{scheme}://"):
        raise malformed("it must start with http:// or https://")
    if "@" in parts.netloc:
        raise malformed("it must not contain a user name or password")
    if parts.path not in ("", "/"):
        raise malformed("it must not have a path")
    if parts.query or parts.fragment or "?" in raw or "#" in raw:
        raise malformed("it must not have a query or fragment")
    host, port = split_domain_port(parts.netloc)
    labels = host.split(".") if host and not host.startswith("[") else ["ipv6"] if host else []
    if not host or not all(labels) or any(label.startswith("-") or label.endswith("-") for label in labels):
        raise malformed("the host name is not valid")
    if port and not 0 < int(port) < 65536:
        raise malformed("the port must be between 1 and 65535")
    if port and int(port) != DEFAULT_PORTS[scheme]:
        return f"{scheme}://{host}:{int(port)}"
    return f"{scheme}://{host}"


def require_site_url(local, environ=os.environ):
    """SITE_URL from the environment; required in production, the local address otherwise."""
    raw = environ.get("SITE_URL", "").strip()
    if raw:
        return parse_site_url(raw)
    if local:
        return LOCAL_SITE_URL
    raise ImproperlyConfigured(
        "SITE_URL is not set. Set the SITE_URL environment variable to the site's public address, "
        "e.g. SITE_URL=https://mir.example.org: every link in pages and emails is built from it."
    )


def site_url_host(site_url):
    """The host name of a normalised SITE_URL, as ALLOWED_HOSTS spells it (IPv6 in brackets)."""
    from django.http.request import split_domain_port

    return split_domain_port(urlsplit(site_url).netloc)[0]


MACHINE_TRANSLATORS = {
    # MACHINE_TRANSLATOR value: (wagtail-localize class, {option: (variable, required)})
    "deepl": (
        "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        {"AUTH_KEY": ("DEEPL_AUTH_KEY", True)},
    ),
    "libretranslate": (
        "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        {"LIBRETRANSLATE_URL": ("LIBRETRANSLATE_URL", True), "API_KEY": ("LIBRETRANSLATE_API_KEY", False)},
    ),
    # For tests and trying the translation editor: reverses the words, talks to nobody.
    "dummy": ("wagtail_localize.machine_translators.dummy.DummyTranslator", {}),
}


def machine_translator(environ=os.environ):
    """wagtail-localize's WAGTAILLOCALIZE_MACHINE_TRANSLATOR from MACHINE_TRANSLATOR (deepl,
    libretranslate; unset: off) and the service's own variables; None when off."""
    name = env_str("MACHINE_TRANSLATOR", environ=environ).lower()
    if not name:
        return None
    if name not in MACHINE_TRANSLATORS:
        raise ImproperlyConfigured(f"MACHINE_TRANSLATOR must be one of {', '.join(MACHINE_TRANSLATORS)}, not {name!r}")
    class_path, variables = MACHINE_TRANSLATORS[name]
    options = {}
    for option, (variable, required) in variables.items():
        value = env_str(variable, environ=environ)
        if required and not value:
            raise ImproperlyConfigured(f"MACHINE_TRANSLATOR={name} needs {variable}")
        options[option] = value
    return {"CLASS": class_path, "OPTIONS": options}
