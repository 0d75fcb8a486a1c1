"""Abuse protection and safe delivery for the public forms (contact, consulting enquiry); their
per-client limits are in core.clients.

Plain functions so tests can call them directly."""

import logging

from django import forms
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




def send_safely(send):
    """Run an email-sending callable; a mail server failure is logged, never shown as a 500,
    because the submission is already stored by then."""
    try:
        send()
        return True
    except Exception:  # noqa: BLE001 - any transport error must not lose the visitor's message
        logger.exception("Could not send form notification email")
        return False
