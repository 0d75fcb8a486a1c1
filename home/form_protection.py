"""Abuse protection and safe delivery for the public forms (contact, consulting enquiry).

Plain functions so tests can call them directly."""

import logging

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

HONEYPOT_FIELD = "website_url"


class HoneypotField(forms.CharField):
    """A field people never see (hidden by CSS and from assistive tech); bots fill it."""

    def __init__(self, **kwargs):
        super().__init__(
            required=False,
            label=_("Leave this field empty"),
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
            **kwargs,
        )


def add_honeypot(form):
    form.fields[HONEYPOT_FIELD] = HoneypotField()
    return form


def honeypot_filled(form):
    return bool(form.data.get(HONEYPOT_FIELD, "").strip())



def client_ip(request):
    # Behind a proxy the proxy must set REMOTE_ADDR correctly (e.g. gunicorn --forwarded-allow-ips);
    # trusting X-Forwarded-For blindly would let anyone pick their own rate-limit bucket.
    return request.META.get("REMOTE_ADDR", "unknown")


def count_attempt(key, window):
    """Count one attempt under ``key`` in the cache (shared by every process with Redis) and
    return how many there have been in the current window of ``window`` seconds."""
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        return 1


def rate_limit_exceeded(request, scope):
    """Count one attempt for this client and say whether it is over the limit for the window."""
    key = f"ratelimit:{scope}:{client_ip(request)}"
    return count_attempt(key, settings.FORM_RATE_WINDOW_SECONDS) > settings.FORM_RATE_LIMIT


def send_safely(send):
    """Run an email-sending callable; a mail server failure is logged, never shown as a 500,
    because the submission is already stored by then."""
    try:
        send()
        return True
    except Exception:  # noqa: BLE001 - any transport error must not lose the visitor's message
        logger.exception("Could not send form notification email")
        return False
