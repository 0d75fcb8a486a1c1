"""The newsletter list: sign-up with separate consent, double opt-in by email, and an
unsubscribe link that works without signing in.

- A sign-up (the newsletter form, or the donation form's separate opt-in box) stores the
  address as awaiting confirmation, with the consent wording and time, and emails a signed
  confirmation link (TimestampSigner, NEWSLETTER_CONFIRM_MAX_AGE seconds).
- Following the link and pressing the button confirms (a GET never changes anything, so mail
  scanners that open links cannot subscribe anyone).
- Every mailing must carry ``unsubscribe_url(subscriber)`` in its text and
  ``mailing_headers(subscriber)`` as headers (List-Unsubscribe with one-click, RFC 8058);
  the unsubscribe token never expires. Unsubscribing deletes the address and keeps only its
  hash (NewsletterSuppression), which stops anything based on the old consent.
- Staff export the confirmed list from the admin (Donations → Newsletter, status "Confirmed")."""

import logging

from django import forms
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django_tasks import task

from core import clients, form_protection, site_url
from core.personal_data import email_hash
from donations.models import NewsletterSubscriber, NewsletterSuppression

logger = logging.getLogger(__name__)

CONFIRM_SALT = "donations.newsletter-confirm"
UNSUBSCRIBE_SALT = "donations.newsletter-unsubscribe"

CONSENT_LABEL = _(
    "I would like to receive the foundation's newsletter by email. I can unsubscribe at any time with the link in "
    "every newsletter."
)


class NewsletterForm(forms.Form):
    email = forms.EmailField(
        label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    consent = forms.BooleanField(
        label=CONSENT_LABEL,
        error_messages={"required": _("Please tick the box to confirm that you want to receive the newsletter.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        form_protection.add_honeypot(self)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


# --- tokens ------------------------------------------------------------------------------------


def confirm_token(email):
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign_object({"e": email})


def unsubscribe_token(email):
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object({"e": email})


def _email_from(data):
    email = data.get("e") if isinstance(data, dict) else None
    if not isinstance(email, str) or "@" not in email:
        raise signing.BadSignature("no email in token")
    return email


def read_confirm_token(token):
    """Raises signing.SignatureExpired or signing.BadSignature."""
    try:
        data = signing.TimestampSigner(salt=CONFIRM_SALT).unsign_object(
            token, max_age=settings.NEWSLETTER_CONFIRM_MAX_AGE
        )
    except signing.SignatureExpired:
        raise
    except (signing.BadSignature, ValueError, TypeError, UnicodeError) as error:
        raise signing.BadSignature(str(error)) from error
    return _email_from(data)


def read_unsubscribe_token(token):
    try:
        data = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError, UnicodeError) as error:
        raise signing.BadSignature(str(error)) from error
    return _email_from(data)


def _absolute(path):
    # The newsletter is the whole foundation's, and its emails may go out from the worker
    # with no request: always the public address, SITE_URL.
    return site_url.absolute_url(path)


def unsubscribe_url(subscriber, language=None):
    with translation.override(language or subscriber.language):
        return _absolute(reverse("donations:newsletter_unsubscribe", args=[unsubscribe_token(subscriber.email)]))


def mailing_headers(subscriber):
    """Headers for every newsletter mailing: one-click unsubscribe (RFC 8058)."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(subscriber)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


# --- sign-up -----------------------------------------------------------------------------------


def request_subscription(email, language, source, consent_text, consent_page=""):
    """Record the consent (when, the form and the page it was on, the wording shown) and send
    the confirmation email (after the commit). An address that is already confirmed is left as
    it is and gets no email."""
    email = email.strip().lower()
    now = timezone.now()
    evidence = {
        "language": language, "source": source, "consent_text": str(consent_text),
        "consent_page": (consent_page or "")[:255], "consented_at": now,
    }
    with transaction.atomic():
        subscriber, created = NewsletterSubscriber.objects.select_for_update().get_or_create(
            email=email, defaults=evidence
        )
        if not created and subscriber.is_active:
            return subscriber
        if not created:
            for name, value in evidence.items():
                setattr(subscriber, name, value)
            subscriber.confirmed_at = None
        subscriber.confirmation_sent_at = now
        subscriber.save()
        subscriber_id = subscriber.pk
        transaction.on_commit(lambda: send_newsletter_confirmation.enqueue(subscriber_id))
    return subscriber


def is_suppressed(subscriber):
    """Whether the address unsubscribed after this consent was given: then no email based on
    that consent goes out (a confirmation queued before the unsubscription, say)."""
    suppression = NewsletterSuppression.objects.filter(email_hash=email_hash(subscriber.email)).first()
    return suppression is not None and suppression.created_at >= subscriber.consented_at


def unsubscribe_address(email, when=None):
    """Take the address off the list, keeping only its hash (so nothing is sent on the old
    consent). Returns True if it was on the list."""
    when = when or timezone.now()
    with transaction.atomic():
        NewsletterSuppression.objects.update_or_create(email_hash=email_hash(email), defaults={"created_at": when})
        deleted, _ = NewsletterSubscriber.objects.filter(email__iexact=email).delete()
    return bool(deleted)


def page_the_form_was_on(request):
    """The local page address the footer form sends along (``shown_on``), else this page's."""
    shown_on = request.POST.get("shown_on", "")
    if isinstance(shown_on, str) and shown_on.startswith("/") and not shown_on.startswith("//"):
        return shown_on[:255]
    return request.path[:255]


def confirmation_url(subscriber):
    with translation.override(subscriber.language):
        return _absolute(reverse("donations:newsletter_confirm", args=[confirm_token(subscriber.email)]))


# CSRF-exempt on purpose: the sign-up form sits in the footer of every page, and a CSRF token
# there would keep every page out of the page cache (core/page_cache.py). A forged post can
# only make us send a confirmation email (double opt-in: nothing is subscribed until the owner
# of the address clicks), which anyone could trigger by filling the form; the honeypot and the
# per-IP and per-address rate limits still apply.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def signup(request):
    if request.method == "GET":
        return TemplateResponse(request, "donations/newsletter_signup.html", {"form": NewsletterForm()})
    form = NewsletterForm(request.POST)
    if form_protection.honeypot_filled(form):
        logger.warning("Newsletter sign-up blocked: honeypot filled (ip=%s)", clients.client_ip(request))
        return TemplateResponse(
            request, "donations/newsletter_signup.html", {"form": form, "blocked": True}, status=400
        )
    if not form.is_valid():
        return TemplateResponse(request, "donations/newsletter_signup.html", {"form": form}, status=400)
    email = form.cleaned_data["email"]
    if clients.over_limit(request, clients.donation_limit("newsletter"), email=email):
        return TemplateResponse(
            request, "donations/newsletter_signup.html", {"form": form, "blocked": True}, status=429
        )
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    with translation.override(language):
        consent_text = str(CONSENT_LABEL)
    request_subscription(email, language, NewsletterSubscriber.FORM, consent_text, page_the_form_was_on(request))
    return TemplateResponse(request, "donations/newsletter_signup.html", {"sent_to": email})


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    try:
        email = read_confirm_token(token)
    except signing.SignatureExpired:
        return TemplateResponse(
            request, "donations/newsletter_confirm.html", {"state": "expired", "form": NewsletterForm()}, status=410
        )
    except signing.BadSignature:
        return TemplateResponse(
            request, "donations/newsletter_confirm.html", {"state": "invalid", "form": NewsletterForm()}, status=400
        )
    subscriber = NewsletterSubscriber.objects.filter(email=email).first()
    if subscriber is None and NewsletterSuppression.objects.filter(email_hash=email_hash(email)).exists():
        return TemplateResponse(request, "donations/newsletter_confirm.html", {"state": "unsubscribed"})
    if subscriber is None:
        # Removed since (erased, or never confirmed and pruned): ask again rather than guess.
        return TemplateResponse(
            request, "donations/newsletter_confirm.html", {"state": "invalid", "form": NewsletterForm()}, status=400
        )
    if request.method == "POST" and subscriber.confirmed_at is None:
        with transaction.atomic():
            subscriber.confirmed_at = timezone.now()
            subscriber.save(update_fields=["confirmed_at"])
            # A new, confirmed consent: the earlier unsubscription no longer applies.
            NewsletterSuppression.objects.filter(email_hash=email_hash(subscriber.email)).delete()
    state = "confirmed" if subscriber.is_active else "ask"
    return TemplateResponse(request, "donations/newsletter_confirm.html", {"state": state, "token": token})


@csrf_exempt  # one-click unsubscribe (RFC 8058) posts from the mail provider, without a CSRF token
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        email = read_unsubscribe_token(token)
    except signing.BadSignature:
        return TemplateResponse(request, "donations/newsletter_unsubscribe.html", {"state": "invalid"}, status=400)
    subscriber = NewsletterSubscriber.objects.filter(email=email).first()
    if request.method == "POST":
        unsubscribe_address(email)
        return TemplateResponse(request, "donations/newsletter_unsubscribe.html", {"state": "done"})
    if subscriber is None:
        return TemplateResponse(request, "donations/newsletter_unsubscribe.html", {"state": "done"})
    return TemplateResponse(request, "donations/newsletter_unsubscribe.html", {"state": "ask", "token": token,
                                                                                "email": email})


@task()
def send_newsletter_confirmation(subscriber_id):
    """The double opt-in email: a link to confirm, and the unsubscribe link every mailing carries."""
    subscriber = NewsletterSubscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None or subscriber.is_active or is_suppressed(subscriber):
        return False
    language = subscriber.language if subscriber.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "confirm_url": confirmation_url(subscriber),
            "unsubscribe_url": unsubscribe_url(subscriber),
            "days": settings.NEWSLETTER_CONFIRM_MAX_AGE // 86400,
        }
        subject = gettext("Please confirm your newsletter subscription")
        text = render_to_string("donations/emails/newsletter_confirm.txt", context)
        html = render_to_string("donations/emails/newsletter_confirm.html", context)
    message = EmailMultiAlternatives(
        subject, text, to=[subscriber.email], headers=mailing_headers(subscriber)
    )
    message.attach_alternative(html, "text/html")
    message.send()
    return True
