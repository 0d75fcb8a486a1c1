"""Donation certificates ("Удостоверение за дарение" / "Certificate of donation"): the PDF a
donor's accountant needs for the tax relief on gifts to public-benefit organisations, rendered
from HTML with WeasyPrint (fonts: DejaVu, Debian's fonts-dejavu-core, for Cyrillic).

A certificate is issued only for a gift the foundation holds (paid, or partly refunded: then
for the net amount) and only once the foundation's legal name and ЕИК are in the settings;
without them the feature hides itself (no attachment, no download link). It carries the
receipt's number, so the certificate and the receipt are one document for the accounts."""

import logging

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core.amount_words import amount_in_words
from core.formatting import format_date, format_eur
from donations.models import Donation, from_cents

# WeasyPrint reports every rendering step at INFO: not news for the site's log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def _language(donation):
    return donation.locale if donation.locale in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def net_cents(donation):
    return donation.amount - donation.amount_refunded


def is_issued(donation, organisation):
    return bool(
        organisation is not None
        and organisation.issues_certificates
        and donation.receipt_number is not None
        and donation.status in Donation.COUNTED_STATUSES
        and net_cents(donation) > 0
    )


def _organisation_context(organisation, language):
    return {
        "legal_name": organisation.localized("legal_name", language) or organisation.localized("name", language),
        "eik": organisation.eik,
        "address": organisation.localized("address", language),
        "public_benefit_registration": organisation.localized("public_benefit_registration", language),
        "registration": organisation.localized("registration", language),
        "legal_basis": organisation.localized("certificate_legal_basis", language),
    }


def _donor_context(donation):
    if donation.is_company:
        return {"is_company": True, "name": donation.company_name, "eik": donation.company_eik,
                "contact": donation.donor_name}
    return {"is_company": False, "name": donation.donor_name, "eik": "", "contact": ""}


def certificate_context(donation, organisation):
    language = _language(donation)
    cents = net_cents(donation)
    paid = timezone.localtime(donation.paid_at).date() if donation.paid_at else None
    return {
        "language": language,
        "number": donation.receipt_reference,
        "organisation": _organisation_context(organisation, language),
        "donor": _donor_context(donation),
        "amount_figures": format_eur(from_cents(cents), language),
        "amount_words": amount_in_words(cents, language),
        "refunded": donation.amount_refunded > 0,
        "gross_figures": format_eur(from_cents(donation.amount), language),
        "date": format_date(paid, language),
        "purpose": donation.page.title if donation.page_id else "",
        "issued": format_date(timezone.localdate(), language),
    }


def _weasyprint():
    """WeasyPrint, imported on first use (it is slow to import), without the one global it changes.

    Importing weasyprint sets Pillow's process-wide ``ImageFile.LOAD_TRUNCATED_IMAGES`` to True, so
    that from then on every process that has made a certificate would accept a cut-short image
    upload as whole (core.uploads.check_image decodes with Pillow). Our certificates embed no
    uploaded image, so the flag is put back as it was."""
    from PIL import ImageFile

    truncated_before = ImageFile.LOAD_TRUNCATED_IMAGES
    import weasyprint

    ImageFile.LOAD_TRUNCATED_IMAGES = truncated_before
    return weasyprint


def _pdf(template, context, language):
    weasyprint = _weasyprint()
    with translation.override(language):
        html = render_to_string(template, context)
    return weasyprint.HTML(string=html).write_pdf()


def certificate_pdf(donation, organisation):
    """The certificate of ``donation`` as PDF bytes (check ``is_issued`` first)."""
    context = certificate_context(donation, organisation)
    return _pdf("donations/documents/certificate.html", context, context["language"])


def certificate_filename(donation):
    return f"certificate-{donation.receipt_reference}.pdf"


def statement_pdf(gifts, year, organisation, language):
    """One PDF for the year's gifts of one donor: each gift (net of refunds; refunded gifts
    left out) and the total, with the foundation's details and legal basis."""
    counted = [gift for gift in gifts if gift.status in Donation.COUNTED_STATUSES and net_cents(gift) > 0]
    rows = [
        {
            "number": gift.receipt_reference,
            "date": format_date(timezone.localtime(gift.paid_at).date() if gift.paid_at else None, language),
            "purpose": gift.page.title if gift.page_id else "",
            "amount": format_eur(from_cents(net_cents(gift)), language),
            "refunded": gift.amount_refunded > 0,
        }
        for gift in counted
    ]
    total = sum(net_cents(gift) for gift in counted)
    donor = _donor_context(counted[0]) if counted else {"is_company": False, "name": "", "eik": ""}
    context = {
        "language": language,
        "year": year,
        "rows": rows,
        "any_refunded": any(row["refunded"] for row in rows),
        "total_figures": format_eur(from_cents(total), language),
        "total_words": amount_in_words(total, language),
        "organisation": _organisation_context(organisation, language),
        "donor": donor,
        "issued": format_date(timezone.localdate(), language),
    }
    return _pdf("donations/documents/statement.html", context, language)
