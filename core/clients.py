"""Who is this client, and has it asked too often: the one place for both.

**The client's address.** Behind reverse proxies every request arrives from the nearest proxy,
so ``REMOTE_ADDR`` alone would put every visitor in one bucket. ``TRUSTED_PROXY_COUNT`` says how
many proxies stand in front (1 behind the shipped nginx, which appends the address it saw to
``X-Forwarded-For``). The client is then the address that the outermost trusted proxy saw: the
``TRUSTED_PROXY_COUNT``-th entry from the right of ``X-Forwarded-For``. Anything further left
was written by the client itself and is ignored, so a forged header cannot buy a fresh bucket.
With 0 (the default: gunicorn reached directly, ``make run``) the header is ignored entirely.

**Limits.** Each public form counts attempts per client address and, where an address is typed,
per email address too (a fingerprint: cache keys and logs never hold the address itself).
Counters live in the cache (Redis in production, shared by every worker). When the cache is
down the limits *fail open* (the attempt is allowed and a warning logged): losing a rate limit
for a few seconds costs less than refusing every donor and every enquiry.
"""

import hashlib
import ipaddress
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

UNKNOWN = "unknown"


def _valid_address(value):
    value = (value or "").strip()
    if value.startswith("[") and "]" in value:  # "[::1]:1234" or "[::1]"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "1.2.3.4:1234"
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request):
    """The client's address as the outermost trusted proxy saw it (see the module docstring);
    ``"unknown"`` when there is none to be had (a request object without an address)."""
    if request is None:
        return UNKNOWN
    remote = _valid_address(request.META.get("REMOTE_ADDR"))
    trusted = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if trusted > 0:
        forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= trusted:
            address = _valid_address(forwarded[-trusted])
            if address:
                return address
        # Fewer hops than configured: the request did not come through the proxies (or one of
        # them is misconfigured). The socket's address is the only one that cannot be forged.
    return remote or UNKNOWN


def email_fingerprint(email):
    """A short, stable stand-in for an email address in cache keys and logs."""
    return hashlib.sha256((email or "").strip().lower().encode()).hexdigest()[:16]


def count_attempt(key, window):
    """Count one attempt under ``key`` for ``window`` seconds and return the count so far, or
    None when the cache cannot count (down or refusing): callers then let the attempt through."""
    try:
        if cache.add(key, 1, timeout=window):
            return 1
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=window)
            return 1
    except Exception:  # noqa: BLE001 - a cache outage must not refuse visitors
        logger.warning("Rate limit not counted: the cache is unavailable (%s)", key, exc_info=True)
        return None
    return count


@dataclass(frozen=True)
class Limit:
    """``attempts`` per ``window`` seconds for one scope, counted per client address and,
    when ``per_email`` is set and an address is given, per email address as well."""

    scope: str
    attempts: int
    window: int
    per_email: int | None = None


def over_limit(request, limit, email=None):
    """Count this attempt and say whether it goes over ``limit`` (a ``Limit``)."""
    address = client_ip(request)
    by_address = count_attempt(f"ratelimit:{limit.scope}:ip:{address}", limit.window)
    exceeded = by_address is not None and by_address > limit.attempts
    if email and limit.per_email is not None:
        fingerprint = email_fingerprint(email)
        by_email = count_attempt(f"ratelimit:{limit.scope}:email:{fingerprint}", limit.window)
        exceeded = exceeded or (by_email is not None and by_email > limit.per_email)
    if exceeded:
        logger.warning(
            "%s blocked by rate limit (ip=%s, email=%s)",
            limit.scope, address, email_fingerprint(email) if email else "-",
        )
    return exceeded


def form_limit(scope):
    """The limit of the public enquiry forms (contact, consulting)."""
    return Limit(scope=f"form:{scope}", attempts=settings.FORM_RATE_LIMIT, window=settings.FORM_RATE_WINDOW_SECONDS)


def donation_limit(scope):
    """The limit of the donation forms (checkout, newsletter sign-up, manage-link requests):
    per address and per email address (card testing uses many cards from one place)."""
    return Limit(
        scope=f"donations:{scope}",
        attempts=settings.DONATION_RATE_LIMIT,
        window=settings.DONATION_RATE_WINDOW_SECONDS,
        per_email=settings.DONATION_EMAIL_RATE_LIMIT,
    )
