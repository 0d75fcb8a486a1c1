"""Donor self-service ("manage my donation"), without an account.

The donor gives their email address; if we hold gifts from it we send a signed link
(django.core.signing.TimestampSigner, valid DONATION_MANAGE_LINK_MAX_AGE seconds) to that
address. The link opens a page listing their gifts and receipts, a printable statement per
year, and a button that opens Stripe's Customer Portal to change the card or cancel a monthly
gift (with the local test gateway: a clearly marked test portal that sends the same signed
event Stripe would). The answer to the email form never says whether an address is known.

The same page gives the donor their own copy of everything the site holds about the address
("download my data", core.personal_data.export) and erasure of all but what the law requires
to keep ("delete my data": a confirmation page, then a POST; core.personal_data.erase)."""

import logging

from django import forms
from django.conf import settings
from django.core import signing
from django.db.models import Q
from django.http import Http404, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from core import clients, form_protection, personal_data, site_url
from core.models import ErasureRecord
from donations import stripe_gateway, test_gateway
from donations.manage_links import make_token, signer
from donations.models import MONTHLY, Donation, from_cents

logger = logging.getLogger(__name__)



class ManageRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("The email address you gave with your donation"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        form_protection.add_honeypot(self)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


# --- the signed link -------------------------------------------------------------------------


class LinkExpired(Exception):
    pass


class LinkInvalid(Exception):
    pass


def read_token(token):
    """The email address in a manage link; raises LinkExpired or LinkInvalid."""
    try:
        data = signer().unsign_object(token, max_age=settings.DONATION_MANAGE_LINK_MAX_AGE)
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except (signing.BadSignature, ValueError, TypeError, UnicodeError) as error:
        raise LinkInvalid from error
    email = data.get("e") if isinstance(data, dict) else None
    if not isinstance(email, str) or "@" not in email:
        raise LinkInvalid
    return email


def donor_gifts(email):
    """Every gift received from this address (renewals of monthly gifts included), newest first."""
    return list(
        Donation.objects.filter(email=email, status__in=Donation.RECEIVED_STATUSES)
        .select_related("page")
        .order_by("-paid_at", "-pk")
    )


def _send_link(request, email):
    from donations.tasks import send_manage_link

    url = site_url.absolute_url(reverse("donations:manage_gifts", args=[make_token(email)]), request)
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    send_manage_link.enqueue(email, language, url)


# --- views -------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def manage_request(request):
    """Ask for the link. The answer is the same whether or not we know the address."""
    if request.method == "GET":
        return TemplateResponse(request, "donations/manage_request.html", {"form": ManageRequestForm()})
    form = ManageRequestForm(request.POST)
    if form_protection.honeypot_filled(form):
        logger.warning("Manage-link request blocked: honeypot filled (ip=%s)", clients.client_ip(request))
        return TemplateResponse(request, "donations/manage_request.html", {"form": form, "blocked": True}, status=400)
    if not form.is_valid():
        return TemplateResponse(request, "donations/manage_request.html", {"form": form}, status=400)
    email = form.cleaned_data["email"]
    if clients.over_limit(request, clients.donation_limit("manage"), email=email):
        return TemplateResponse(request, "donations/manage_request.html", {"form": form, "blocked": True}, status=429)
    if Donation.objects.filter(email=email, status__in=Donation.RECEIVED_STATUSES).exists():
        _send_link(request, email)
    else:
        logger.info("Manage-link requested for an address with no gifts")
    return TemplateResponse(request, "donations/manage_request.html", {"sent_to": email})


def _link_problem(request, reason):
    return TemplateResponse(
        request,
        "donations/manage_link_invalid.html",
        {"reason": reason, "form": ManageRequestForm()},
        status=410 if reason == "expired" else 400,
    )


def _with_email(view):
    """Resolve the token to an email address, or show the clear "link cannot be used" page."""

    def wrapped(request, token, *args, **kwargs):
        try:
            email = read_token(token)
        except LinkExpired:
            return _link_problem(request, "expired")
        except LinkInvalid:
            return _link_problem(request, "invalid")
        response = view(request, token, email, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
        return response

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _monthly_gifts(gifts):
    """The monthly donations (first gift of each subscription) with their current state."""
    origins = [gift for gift in gifts if gift.frequency == MONTHLY and gift.subscription_origin_id is None]
    return [
        {
            "gift": origin,
            "active": origin.subscription_status not in Donation.ENDED_SUBSCRIPTION_STATUSES,
            "payments": sum(1 for gift in gifts if gift.pk == origin.pk or gift.subscription_origin_id == origin.pk),
        }
        for origin in origins
    ]


def _years(gifts):
    return sorted({gift.receipt_year for gift in gifts if gift.receipt_year}, reverse=True)


def _portal_available(gifts):
    gateway = stripe_gateway.active_gateway()
    has_customer = any(gift.stripe_customer_id for gift in gifts if gift.frequency == MONTHLY)
    return gateway is not None and has_customer


@_with_email
def manage_gifts(request, token, email):
    return _render_gifts(request, token, email)


def _render_gifts(request, token, email, notice=None, status=200):
    from donations import certificates
    from donations.tasks import organisation_settings

    gifts = donor_gifts(email)
    organisation = organisation_settings(gifts[0]) if gifts else None
    context = {
        "certified": {gift.pk for gift in gifts if certificates.is_issued(gift, organisation)},
        "certificates_issued": bool(organisation and organisation.issues_certificates),
        "token": token,
        "email": email,
        "gifts": gifts,
        "monthly": _monthly_gifts(gifts),
        "years": _years(gifts),
        "portal_available": _portal_available(gifts),
        "is_test_gateway": stripe_gateway.active_gateway() == stripe_gateway.TEST,
        "notice": notice or request.GET.get("notice"),
        "link_hours": settings.DONATION_MANAGE_LINK_MAX_AGE // 3600,
    }
    return TemplateResponse(request, "donations/manage_gifts.html", context, status=status)


@_with_email
def manage_receipt(request, token, email, donation_uuid):
    donation = (
        Donation.objects.filter(email=email, uuid=donation_uuid, receipt_number__isnull=False)
        .select_related("page")
        .first()
    )
    if donation is None:
        raise Http404
    from donations.tasks import organisation_settings

    context = {
        "donation": donation,
        "organisation": organisation_settings(donation),
        "paid_date": timezone.localtime(donation.paid_at).date() if donation.paid_at else None,
        "token": token,
    }
    return TemplateResponse(request, "donations/receipt.html", context)


@_with_email
def manage_statement(request, token, email, year):
    gifts = [gift for gift in donor_gifts(email) if gift.receipt_year == year]
    if not gifts:
        raise Http404
    gifts.sort(key=lambda gift: gift.receipt_number)
    from donations.tasks import organisation_settings

    context = {
        "token": token,
        "year": year,
        "gifts": gifts,
        "donor_name": next((gift.donor_name for gift in gifts if gift.donor_name), ""),
        "email": email,
        "total": from_cents(sum(gift.amount - gift.amount_refunded for gift in gifts)),
        "organisation": organisation_settings(gifts[0]),
        "issued": timezone.localdate(),
    }
    return TemplateResponse(request, "donations/statement.html", context)


def _pdf_response(data, filename):
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@_with_email
def manage_certificate(request, token, email, donation_uuid):
    """The same PDF certificate the receipt email carried (none for a refunded gift, or while
    the foundation's legal name and ЕИК are not set)."""
    from donations import certificates
    from donations.tasks import organisation_settings

    donation = Donation.objects.filter(email=email, uuid=donation_uuid).select_related("page").first()
    organisation = organisation_settings(donation) if donation else None
    if donation is None or not certificates.is_issued(donation, organisation):
        raise Http404
    data = certificates.certificate_pdf(donation, organisation)
    return _pdf_response(data, certificates.certificate_filename(donation))


@_with_email
def manage_statement_pdf(request, token, email, year):
    from donations import certificates
    from donations.tasks import organisation_settings

    gifts = sorted((gift for gift in donor_gifts(email) if gift.receipt_year == year), key=lambda g: g.receipt_number)
    organisation = organisation_settings(gifts[0]) if gifts else None
    counted = [gift for gift in gifts if certificates.is_issued(gift, organisation)]
    if not counted:
        raise Http404
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    data = certificates.statement_pdf(counted, year, organisation, language)
    return _pdf_response(data, f"donations-{year}.pdf")


@require_POST
@_with_email
def manage_portal(request, token, email):
    """Open Stripe's Customer Portal for the donor's (latest) monthly gift."""
    gifts = donor_gifts(email)
    customers = [gift.stripe_customer_id for gift in gifts if gift.frequency == MONTHLY and gift.stripe_customer_id]
    if not customers:
        return _render_gifts(request, token, email, notice="no_monthly", status=400)
    return_url = site_url.absolute_url(reverse("donations:manage_gifts", args=[token]), request)
    gateway = stripe_gateway.active_gateway()
    if gateway == stripe_gateway.TEST:
        return _see_other(reverse("donations:test_portal", args=[token]))
    if gateway is None:
        return _render_gifts(request, token, email, notice="portal_error", status=503)
    locale = (get_language() or settings.LANGUAGE_CODE)[:2]
    try:
        session = stripe_gateway.create_billing_portal_session(customers[0], return_url, locale)
    except stripe_gateway.StripeError as error:
        logger.error("Could not open the billing portal for customer %s: %s", customers[0], error)
        return _render_gifts(request, token, email, notice="portal_error", status=502)
    return _see_other(session.url)


# --- the donor's own personal data -------------------------------------------------------------


@_with_email
def manage_my_data(request, token, email):
    """Everything held about the address, as the same JSON staff would download for them."""
    response = JsonResponse(personal_data.export(email), json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="my-data-{timezone.localdate().isoformat()}.json"'
    return response


def _deletion_context(token, email):
    items = personal_data.preview(email)
    gifts = donor_gifts(email)
    return {
        "token": token,
        "email": email,
        "removed": [item for item in items if item.action == personal_data.DELETE],
        "kept": [item for item in items if item.action != personal_data.DELETE],
        # Only hashes and the erasure record left: nothing for the button to do.
        "can_erase": any(item.action in (personal_data.DELETE, personal_data.ANONYMISE) for item in items),
        "blockers": personal_data.blockers(email),
        "portal_available": _portal_available(gifts),
        "has_receipts": any(gift.receipt_number for gift in gifts),
    }


@require_http_methods(["GET", "POST"])
@_with_email
def manage_delete(request, token, email):
    """GET: what would be deleted and what must be kept, and why; POST (the button there, with
    its CSRF token): the erasure, then the result page."""
    if request.method == "POST":
        try:
            personal_data.erase(email, channel=ErasureRecord.SELF_SERVICE, actor_label="the donor (signed link)")
        except personal_data.ErasureBlocked:
            context = _deletion_context(token, email)
            return TemplateResponse(request, "donations/manage_delete.html", context, status=409)
        return _see_other(reverse("donations:manage_deleted", args=[token]))
    return TemplateResponse(request, "donations/manage_delete.html", _deletion_context(token, email))


@_with_email
def manage_deleted(request, token, email):
    history = personal_data.erasure_history(email)
    if not history:
        return _see_other(reverse("donations:manage_delete", args=[token]))
    record = history[0]
    done = []
    for key, outcome in record.summary.items():
        try:
            category = personal_data.registry.get(key)
        except KeyError:  # a category renamed since
            continue
        done.append({"category": category, **outcome})
    context = {
        "token": token,
        "record": record,
        "gifts_kept": "donations.gifts" in record.summary,
        "done_on": timezone.localtime(record.created_at).date(),
        "removed": [item for item in done if item["deleted"] and not (item["anonymised"] or item["kept"])],
        "kept": [item for item in done if item["anonymised"] or item["kept"]],
    }
    return TemplateResponse(request, "donations/manage_deleted.html", context)


def _see_other(url):
    response = HttpResponse(status=303)
    response["Location"] = url
    return response


# --- the local test gateway's stand-in for the Customer Portal ---------------------------------


def _test_portal_subscriptions(email):
    return Donation.objects.filter(
        Q(email=email) & Q(frequency=MONTHLY, subscription_origin__isnull=True)
        & ~Q(stripe_subscription_id="") & Q(status__in=Donation.RECEIVED_STATUSES)
    ).order_by("-paid_at")


@require_http_methods(["GET", "POST"])
@_with_email
def test_portal(request, token, email):
    if not stripe_gateway.test_gateway_enabled():
        raise Http404
    subscriptions = list(_test_portal_subscriptions(email))
    if request.method == "POST":
        chosen = next((gift for gift in subscriptions if str(gift.uuid) == request.POST.get("donation")), None)
        if chosen is None:
            raise Http404
        if chosen.subscription_status not in Donation.ENDED_SUBSCRIPTION_STATUSES:
            statuses = test_gateway.deliver(test_gateway.cancelled_subscription_events(chosen))
            if any(status != 200 for status in statuses):
                logger.error("Test portal: the webhook handler refused an event (%s)", statuses)
                return HttpResponse(status=500)
        return _see_other(reverse("donations:manage_gifts", args=[token]) + "?notice=cancelled")
    return TemplateResponse(request, "donations/test_portal.html", {"token": token, "subscriptions": subscriptions})

