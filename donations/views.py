"""The donor's journey: the form (a DonationPage route), the redirect to Stripe's hosted page,
the thank-you page, the Stripe webhook and the local test gateway."""

import logging

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from core import clients, form_protection, security
from donations import fees, fulfilment, newsletter, stripe_gateway, test_gateway, webhooks
from donations.forms import OTHER, DonationForm, amount_field_name
from donations.models import Donation, NewsletterSubscriber, amount_value, from_cents, to_cents

logger = logging.getLogger(__name__)

RESTORE_SALT = "donations.restore-form"
# Long enough to come back from Stripe's page (its sessions last 24 hours).
RESTORE_MAX_AGE = 24 * 60 * 60

NOTICES = {
    "cancelled": _("You left the payment page, so nothing was charged. Your details are still here."),
    "declined": _("The payment was declined, so nothing was charged. Your details are still here: you can try again."),
    "blocked": _(
        "We could not start your donation: too many attempts were made from this connection or with this email "
        "address. Please try again in an hour, or contact us."
    ),
    "stripe_error": _(
        "We could not reach our payment provider, so nothing was charged. Your details are still here: "
        "please try again in a few minutes."
    ),
    "unavailable": _("Online giving is not available at the moment. Please try again later or contact us."),
    "closed": _("This campaign has ended: thank you to everyone who gave."),
}


class _RedirectSeeOther(HttpResponseRedirect):
    status_code = 303


# --- the form ----------------------------------------------------------------------------------


def _render(request, page, form, notice=None, status=200):
    context = page.get_context(request)
    context.update(
        form=form,
        notice=NOTICES.get(notice) if notice else None,
        notice_is_error=notice in ("declined", "blocked", "stripe_error", "unavailable"),
        campaign_open=page.is_open(),
        gateway=stripe_gateway.active_gateway(),
        frequency=form.current_frequency(),
        other_frequency="monthly" if form.current_frequency() == "once" else "once",
        error_summary=form.error_summary() if form.is_bound else [],
        fee_rates=fees.card_fee_rates() if fees.fee_cover_offered() else None,
    )
    response = TemplateResponse(request, page.get_template(request), context, status=status)
    # The progress (raised, donors) changes with every gift, so the page is never stored by the
    # page cache, even when it has no form (a closed campaign): gifts then need purge nothing.
    response.page_cache_never = True
    return response


def _restored_initial(request, page):
    """The fields of an earlier attempt, when the donor comes back from the payment page."""
    token = request.GET.get("restore", "")
    if not token:
        return {}
    try:
        donation_uuid = signing.loads(token, salt=RESTORE_SALT, max_age=RESTORE_MAX_AGE)
    except signing.BadSignature:
        return {}
    donation = Donation.objects.filter(uuid=donation_uuid, page__translation_key=page.translation_key).first()
    if donation is None:
        return {}
    amount = from_cents(donation.amount - donation.fee_cover)
    presets = {amount_value(a) for a in page.suggested_amounts(donation.frequency)}
    is_preset = amount_value(amount) in presets
    return {
        "frequency": donation.frequency,
        amount_field_name(donation.frequency): amount_value(amount) if is_preset else OTHER,
        "other_amount": "" if is_preset else f"{amount}",
        "cover_fees": donation.fee_cover > 0,
        "donor_name": donation.donor_name,
        "email": donation.email,
        "anonymous": donation.anonymous,
        "dedication_kind": donation.dedication_kind,
        "dedication_name": donation.dedication_name,
        "newsletter_opt_in": donation.newsletter_opt_in,
        "donor_type": donation.donor_type,
        "company_name": donation.company_name,
        "company_eik": donation.company_eik,
    }


@security.allow_stripe_checkout
def donation_page(request, page):
    if request.method == "POST":
        return _start_donation(request, page)
    initial = _restored_initial(request, page)
    if request.GET.get("frequency") in ("once", "monthly"):
        initial["frequency"] = request.GET["frequency"]
    notice = request.GET.get("notice") if request.GET.get("notice") in ("cancelled", "declined") else None
    if not page.is_open():
        notice = "closed"
    return _render(request, page, _form(request, page, initial=initial), notice=notice)


def _form(request, page, *args, **kwargs):
    from core.organisation import organisation_for_request

    organisation = organisation_for_request(request)
    accepts = bool(organisation and organisation.accepts_bank_transfers)
    return DonationForm(*args, page=page, accepts_bank_transfers=accepts, **kwargs)


def _checkout_urls(request, page, donation):
    # The page's public address (SITE_URL, or its own Site's when another host serves it): the
    # payment page sends the donor back there, not to whatever Host header reached the server.
    from core.site_url import page_url as public_page_url

    page_url = public_page_url(page, request)
    thank_you = page_url + page.reverse_subpage("thank_you")
    # {CHECKOUT_SESSION_ID} is filled in by Stripe; it must reach Stripe unencoded.
    success_url = f"{thank_you}?session_id={{CHECKOUT_SESSION_ID}}"
    cancel_url = f"{page_url}?" + urlencode(
        {"restore": signing.dumps(str(donation.uuid), salt=RESTORE_SALT), "notice": "cancelled"}
    )
    return success_url, cancel_url


def _start_donation(request, page):
    form = _form(request, page, request.POST)
    if not page.is_open():
        return _render(request, page, form, notice="closed")
    gateway = stripe_gateway.active_gateway()
    # A bank transfer needs no payment provider: only the foundation's account.
    if gateway is None and not form.wants_bank_transfer():
        logger.error("Donation form used but no payment gateway is configured (STRIPE_SECRET_KEY is empty)")
        return _render(request, page, form, notice="unavailable", status=503)
    if form_protection.honeypot_filled(form):
        logger.warning("Donation attempt blocked: honeypot filled (ip=%s)", clients.client_ip(request))
        return _render(request, page, form, notice="blocked", status=400)
    if not form.is_valid():
        # The form again with every value kept and the errors summarised; 400 tells a script or
        # a proxy's log that the gift was not taken.
        return _render(request, page, form, status=400)
    data = form.cleaned_data
    if clients.over_limit(request, clients.donation_limit("checkout"), email=data["email"]):
        return _render(request, page, form, notice="blocked", status=429)

    donation = Donation.objects.create(
        page=page,
        # The gift plus what the donor chose to add for the card fee: the amount charged.
        amount=to_cents(data["amount"] + data["fee_cover"]),
        fee_cover=to_cents(data["fee_cover"]),
        frequency=data["frequency"],
        donor_name=data["donor_name"],
        email=data["email"],
        anonymous=data["anonymous"],
        dedication_kind=data["dedication_kind"],
        dedication_name=data["dedication_name"],
        newsletter_opt_in=data["newsletter_opt_in"],
        newsletter_consent_at=timezone.now() if data["newsletter_opt_in"] else None,
        locale=(get_language() or settings.LANGUAGE_CODE)[:2],
        payment_method=data["payment_method"],
        donor_type=data["donor_type"],
        company_name=data["company_name"],
        company_eik=data["company_eik"],
    )
    if data["newsletter_opt_in"]:
        # A separate consent from the gift: the same double opt-in as the newsletter form.
        newsletter.request_subscription(
            donation.email, donation.locale, NewsletterSubscriber.DONATION, str(form.fields["newsletter_opt_in"].label),
            request.path,
        )
    if donation.is_bank_transfer:
        from donations import bank_views

        return bank_views.start_pledge(request, page, donation)
    success_url, cancel_url = _checkout_urls(request, page, donation)
    if gateway == stripe_gateway.TEST:
        donation.stripe_checkout_session_id = test_gateway.new_session_id()
        donation.save(update_fields=["stripe_checkout_session_id", "updated_at"])
        return _RedirectSeeOther(reverse("donations:test_checkout", args=[donation.stripe_checkout_session_id]))
    try:
        session = stripe_gateway.create_checkout_session(donation, success_url, cancel_url)
    except stripe_gateway.StripeError as error:
        logger.error("Stripe refused or failed to create a checkout session for %s: %s", donation.uuid, error)
        donation.status = Donation.FAILED
        donation.save(update_fields=["status", "updated_at"])
        fulfilment.record(donation, "checkout_error", f"Could not create the checkout session: {type(error).__name__}")
        return _render(request, page, form, notice="stripe_error")
    donation.stripe_checkout_session_id = session.id
    donation.save(update_fields=["stripe_checkout_session_id", "updated_at"])
    return _RedirectSeeOther(session.url)


# --- after the payment page --------------------------------------------------------------------


def _donation_for_session_id(page, session_id):
    donations = Donation.objects.filter(page__translation_key=page.translation_key)
    donation = donations.filter(stripe_checkout_session_id=session_id).first()
    if donation is not None or stripe_gateway.active_gateway() != stripe_gateway.STRIPE:
        return donation
    # Our copy of the session id can be missing if the request that created it failed after
    # Stripe answered; Stripe still knows which donation the session belongs to.
    try:
        session = stripe_gateway.to_dict(stripe_gateway.retrieve_checkout_session(session_id))
    except stripe_gateway.StripeError:
        logger.warning("Could not look up checkout session %s", session_id)
        return None
    return donations.filter(uuid=fulfilment.parse_uuid(session.get("client_reference_id"))).first()


def thank_you(request, page):
    """Only reads: the gift is confirmed by the webhook, never by this redirect."""
    session_id = request.GET.get("session_id", "")[:255]
    donation = _donation_for_session_id(page, session_id) if session_id else None
    context = page.get_context(request)
    if donation is None:
        context["state"] = "unknown"
        return TemplateResponse(request, "donations/thank_you.html", context, status=404)
    if donation.is_confirmed:
        state = "confirmed"
    elif donation.status == Donation.PENDING:
        state = "processing"
    else:
        state = "not_completed"
    context.update(donation=donation, state=state, reload_url=request.get_full_path())
    return TemplateResponse(request, "donations/thank_you.html", context)


# --- Stripe webhook ----------------------------------------------------------------------------


@csrf_exempt
@require_POST
def stripe_webhook(request):
    status, reason = webhooks.handle(request.body, request.headers.get("Stripe-Signature"))
    return HttpResponse(reason, status=status, content_type="text/plain")


# --- local test gateway ------------------------------------------------------------------------


def _test_donation(session_id):
    if not stripe_gateway.test_gateway_enabled() or not session_id.startswith(test_gateway.SESSION_PREFIX):
        raise Http404
    return get_object_or_404(Donation.objects.select_related("page"), stripe_checkout_session_id=session_id)


@require_GET
def test_checkout(request, session_id):
    donation = _test_donation(session_id)
    context = {
        "donation": donation,
        "amount": from_cents(donation.amount),
        "page": donation.page,
        "back_url": donation.page.url if donation.page else "/",
    }
    return TemplateResponse(request, "donations/test_checkout.html", context)


def _page_request_urls(request, donation):
    page = donation.page.specific
    return _checkout_urls(request, page, donation)


@require_POST
def test_checkout_pay(request, session_id):
    donation = _test_donation(session_id)
    if donation.status == Donation.PENDING:
        statuses = test_gateway.deliver(test_gateway.paid_events(donation))
        if any(status != 200 for status in statuses):
            logger.error("Test gateway: the webhook handler refused an event (%s)", statuses)
            return HttpResponse(status=500)
    success_url, _cancel = _page_request_urls(request, donation)
    return _RedirectSeeOther(success_url.replace("{CHECKOUT_SESSION_ID}", session_id))


@require_POST
def test_checkout_decline(request, session_id):
    donation = _test_donation(session_id)
    if donation.status == Donation.PENDING:
        test_gateway.deliver(test_gateway.declined_events(donation))
    _success, cancel_url = _page_request_urls(request, donation)
    return _RedirectSeeOther(cancel_url.replace("notice=cancelled", "notice=declined"))

