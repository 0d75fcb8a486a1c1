"""Background work: the receipt email (django-tasks; enqueued only after the payment commits)."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_tasks import task

from core.organisation import organisation_for_site
from core.site_url import absolute_url
from donations import certificates
from donations.models import Donation

logger = logging.getLogger(__name__)


def organisation_settings(donation):
    from wagtail.models import Site

    site = donation.page.get_site() if donation.page_id else None
    site = site or Site.objects.filter(is_default_site=True).first()
    return organisation_for_site(site)


def site_url(donation, path):
    """An absolute address on the site the gift was made on (emails have no request): SITE_URL,
    or the page's own Site when that is another one (core.site_url)."""
    site = donation.page.get_site() if donation.page_id else None
    return absolute_url(path, site=site)


@task()
def send_receipt(donation_id):
    """Sends the receipt once: the row is locked and marked sent in the same transaction, so a
    task run twice (a retried worker) does not send it twice."""
    with transaction.atomic():
        locked = Donation.objects.select_for_update(of=("self",)).select_related("page")
        donation = locked.filter(pk=donation_id).first()
        if donation is None or donation.receipt_sent_at or donation.receipt_number is None:
            return False
        language = donation.locale if donation.locale in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        organisation = organisation_settings(donation)
        with_certificate = certificates.is_issued(donation, organisation)
        with translation.override(language):
            context = {
                "donation": donation,
                "with_certificate": with_certificate,
                "organisation": organisation,
                "paid_date": timezone.localtime(donation.paid_at).date(),
                "manage_url": site_url(donation, reverse("donations:manage")),
            }
            subject = gettext("Your donation receipt %(number)s") % {"number": donation.receipt_reference}
            text = render_to_string("donations/emails/receipt.txt", context)
            html = render_to_string("donations/emails/receipt.html", context)
        message = EmailMultiAlternatives(subject, text, to=[donation.email])
        message.attach_alternative(html, "text/html")
        if with_certificate:
            message.attach(
                certificates.certificate_filename(donation), certificates.certificate_pdf(donation, organisation),
                "application/pdf",
            )
        message.send()
        donation.receipt_sent_at = timezone.now()
        donation.save(update_fields=["receipt_sent_at"])
    return True


@task()
def send_bank_instructions(donation_id):
    """The bank details and payment reference of a pledge, to the donor (once per pledge: the
    task runs once after the pledge commits; nothing is stored that a re-run would change)."""
    from email.mime.image import MIMEImage

    import segno

    from donations import bank_transfer

    donation = Donation.objects.select_related("page").filter(pk=donation_id, bank_reference__isnull=False).first()
    organisation = organisation_settings(donation) if donation else None
    if donation is None or organisation is None or not organisation.accepts_bank_transfers:
        return False
    language = donation.locale if donation.locale in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    with translation.override(language):
        transfer = bank_transfer.instructions(donation, organisation)
        page = donation.page.specific if donation.page_id else None
        pledge_path = page.url + page.reverse_subpage("bank_transfer", args=[donation.uuid]) if page else "/"
        context = {"donation": donation, "transfer": transfer, "pledge_url": site_url(donation, pledge_path)}
        subject = gettext("Your bank transfer: %(reference)s") % {"reference": transfer["reference"]}
        text = render_to_string("donations/emails/bank_transfer.txt", context)
        html = render_to_string("donations/emails/bank_transfer.html", context)
    message = EmailMultiAlternatives(subject, text, to=[donation.email])
    message.attach_alternative(html, "text/html")
    # The QR code as an inline PNG: mail programs do not show SVG.
    import io

    buffer = io.BytesIO()
    segno.make(transfer["epc_payload"], error="m", boost_error=False, encoding="utf-8").save(
        buffer, kind="png", scale=5, border=4
    )
    image = MIMEImage(buffer.getvalue(), "png")
    image.add_header("Content-ID", "<payment-qr>")
    image.add_header("Content-Disposition", "inline", filename="payment-qr.png")
    message.mixed_subtype = "related"
    message.attach(image)
    message.send()
    return True


@task()
def send_payment_failed(notice_id):
    """The "your monthly payment failed" email, once per failed invoice: the notice row is
    locked and marked sent in the same transaction."""
    from donations import card_update
    from donations.models import PaymentFailureNotice

    with transaction.atomic():
        notice = (
            PaymentFailureNotice.objects.select_for_update(of=("self",)).select_related("donation", "donation__page")
            .filter(pk=notice_id).first()
        )
        if notice is None or notice.sent_at:
            return False
        donation = notice.donation
        language = donation.locale if donation.locale in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        with translation.override(language):
            context = {
                "donation": donation,
                "organisation": organisation_settings(donation),
                "update_url": site_url(donation, card_update.link_path(donation, language)),
                "days": settings.CARD_UPDATE_LINK_MAX_AGE // 86400,
            }
            subject = gettext("Your monthly donation could not be collected")
            text = render_to_string("donations/emails/payment_failed.txt", context)
            html = render_to_string("donations/emails/payment_failed.html", context)
        message = EmailMultiAlternatives(subject, text, to=[donation.email])
        message.attach_alternative(html, "text/html")
        message.send()
        notice.sent_at = timezone.now()
        notice.save(update_fields=["sent_at"])
    return True


@task()
def send_manage_link(email, language, url):
    """The signed "manage my donation" link, to the address it was asked for."""
    language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    with translation.override(language):
        context = {"url": url, "hours": settings.DONATION_MANAGE_LINK_MAX_AGE // 3600}
        subject = gettext("Your link to manage your donations")
        text = render_to_string("donations/emails/manage_link.txt", context)
        html = render_to_string("donations/emails/manage_link.html", context)
    message = EmailMultiAlternatives(subject, text, to=[email])
    message.attach_alternative(html, "text/html")
    message.send()
    return True
