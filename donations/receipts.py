"""Receipt numbers: sequential per calendar year (Sofia time), without gaps.

A number is taken in the same transaction that marks the gift paid, while the year's counter
row is locked (select_for_update; SQLite serialises writers anyway), so two gifts paid at the
same moment cannot get the same number and a rolled-back payment gives its number back."""

from django.utils import timezone

from donations.models import ReceiptCounter


def assign_receipt_number(donation):
    if donation.receipt_number is not None:
        return
    year = timezone.localtime(donation.paid_at or timezone.now()).year
    # The row for a new year is created without a race: a concurrent insert is simply ignored.
    ReceiptCounter.objects.bulk_create([ReceiptCounter(year=year, last_number=0)], ignore_conflicts=True)
    counter = ReceiptCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    donation.receipt_year = year
    donation.receipt_number = counter.last_number
