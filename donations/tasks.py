"""Background work: the receipt email (django-tasks; enqueued only after the payment commits)."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_tasks import task

from donations.models import Donation

logger = logging.getLogger(__name__)


def organisation_settings(donation):
    from wagtail.models import Site

    from home.models import OrganisationSettings

    site = donation.page.get_site() if donation.page_id else None
    site = site or Site.objects.filter(is_default_site=True).first()
    return OrganisationSettings.for_site(site) if site else None


@task()
def send_receipt(donation_id):
    """Sends the receipt once: the row is locked and marked sent in the same transaction, so a
    task run twice (a retried worker) does not send it twice."""
    with transaction.atomic():
        donation = Donation.objects.select_for_update(of=("self",)).select_related("page").filter(pk=donation_id).first()
        if donation is None or donation.receipt_sent_at or donation.receipt_number is None:
            return False
        language = donation.locale if donation.locale in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        with translation.override(language):
            context = {
                "donation": donation,
                "organisation": organisation_settings(donation),
                "paid_date": timezone.localtime(donation.paid_at).date(),
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
