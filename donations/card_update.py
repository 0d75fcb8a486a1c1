"""The link in the "your monthly payment failed" email: signed (django.core.signing, valid
CARD_UPDATE_LINK_MAX_AGE seconds), naming the monthly gift. It opens a page with one button
that asks Stripe for a Customer Portal session opened on "update your payment method" and sends
the donor there. The button is a POST, so mail scanners that follow links create nothing."""

import logging

from django.conf import settings
from django.core import signing
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from core import site_url
from donations import stripe_gateway
from donations.models import Donation

logger = logging.getLogger(__name__)

SALT = "donations.card-update"


def make_token(donation):
    return signing.TimestampSigner(salt=SALT).sign_object({"d": str(donation.uuid)})


def link_path(donation, language):
    from django.utils import translation

    with translation.override(language):
        return reverse("donations:card_update", args=[make_token(donation)])


def _donation(token):
    """The monthly gift of a valid link, or (None, reason)."""
    try:
        data = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=settings.CARD_UPDATE_LINK_MAX_AGE)
    except signing.SignatureExpired:
        return None, "expired"
    except (signing.BadSignature, ValueError, TypeError, UnicodeError):
        return None, "invalid"
    reference = data.get("d") if isinstance(data, dict) else None
    try:
        donation = Donation.objects.filter(uuid=reference, subscription_origin__isnull=True).first()
    except (ValueError, TypeError, signing.BadSignature):
        donation = None
    if donation is None or not donation.stripe_customer_id or donation.anonymised_at:
        return None, "invalid"
    return donation, ""


def _see_other(url):
    response = HttpResponse(status=303)
    response["Location"] = url
    return response


@require_http_methods(["GET", "POST"])
def card_update(request, token):
    donation, problem = _donation(token)
    context = {"token": token, "donation": donation, "problem": problem}
    if donation is None:
        response = TemplateResponse(request, "donations/card_update.html", context,
                                    status=410 if problem == "expired" else 400)
    elif request.method == "GET":
        response = TemplateResponse(request, "donations/card_update.html", context)
    else:
        response = _open_portal(request, donation, context)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _open_portal(request, donation, context):
    gateway = stripe_gateway.active_gateway()
    if gateway == stripe_gateway.TEST:
        # The local test gateway has no card to update: its stand-in portal is on the donor's page.
        from donations.manage_links import make_token as manage_token

        return _see_other(reverse("donations:manage_gifts", args=[manage_token(donation.email)]))
    if gateway is None:
        context["problem"] = "unavailable"
        return TemplateResponse(request, "donations/card_update.html", context, status=503)
    return_url = site_url.absolute_url(reverse("donations:card_update", args=[context["token"]]) + "?done=1", request)
    locale = (get_language() or settings.LANGUAGE_CODE)[:2]
    try:
        session = stripe_gateway.create_card_update_session(donation.stripe_customer_id, return_url, locale)
    except stripe_gateway.StripeError as error:
        logger.error("Could not open the card update for customer %s: %s", donation.stripe_customer_id, error)
        context["problem"] = "unavailable"
        return TemplateResponse(request, "donations/card_update.html", context, status=502)
    return _see_other(session.url)
