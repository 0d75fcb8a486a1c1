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
        with translation.override(language):
            context = {
                "donation": donation,
                "organisation": organisation_settings(donation),
                "paid_date": timezone.localtime(donation.paid_at).date(),
                "manage_url": site_url(donation, reverse("donations:manage")),
            }
            subject = gettext("Your donation receipt %(number)s") % {"number": donation.receipt_reference}
            text = render_to_string("donations/emails/receipt.txt", context)
            html = render_to_string("donations/emails/receipt.html", context)
        message = EmailMultiAlternatives(subject, text, to=[donation.email])
        message.attach_alternative(html, "text/html")
        message.send()
        donation.receipt_sent_at = timezone.now()
        donation.save(update_fields=["receipt_sent_at"])
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
