"""The bank-transfer pledge: after the form, the page with the foundation's account, the amount,
the payment reference, a copy button, the EPC QR code and a printable slip; the same by email."""

import logging

from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe

from donations import bank_transfer, fulfilment
from donations.models import Donation

logger = logging.getLogger(__name__)


class _SeeOther(HttpResponseRedirect):
    status_code = 303


def start_pledge(request, page, donation):
    """The pledge is saved (pending, with its code); the instructions go by email after the
    commit; the donor is sent to the page with them."""
    from django.db import transaction

    from donations.tasks import send_bank_instructions

    bank_transfer.assign_reference(donation)
    fulfilment.record(donation, "bank_pledge", f"Bank transfer pledged; reference {donation.bank_reference}")
    donation_id = donation.pk
    transaction.on_commit(lambda: send_bank_instructions.enqueue(donation_id))
    return _SeeOther(page.url + page.reverse_subpage("bank_transfer", args=[donation.uuid]))


def pledge_page(request, page, donation_uuid):
    from core.organisation import organisation_for_request

    donation = (
        Donation.objects.filter(
            uuid=donation_uuid, page__translation_key=page.translation_key, payment_method="bank_transfer"
        )
        .exclude(bank_reference=None)
        .first()
    )
    organisation = organisation_for_request(request)
    if donation is None or organisation is None or not organisation.accepts_bank_transfers:
        raise Http404
    details = bank_transfer.instructions(donation, organisation)
    context = page.get_context(request)
    context.update(
        donation=donation,
        organisation=organisation,
        transfer=details,
        qr_svg=mark_safe(bank_transfer.qr_svg(details["epc_payload"])),  # segno's own SVG markup
        state="paid" if donation.is_confirmed else ("pending" if donation.status == Donation.PENDING else "closed"),
    )
    response = TemplateResponse(request, "donations/bank_transfer.html", context)
    response.page_cache_never = True
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
