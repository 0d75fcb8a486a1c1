"""Daily emails of the partner area: reminders of reports (before the due date and when
overdue, PARTNER_REMINDER_DAYS_BEFORE / _OVERDUE) and the digest of new material. Safe to run
as often as you like: each reminder has a unique row per (requirement, person, step) and each
digest a unique row per (person, day), written before the email goes."""

from django.core.management.base import BaseCommand

from partners.notices import send_digests
from partners.reports import send_reminders


class Command(BaseCommand):
    help = "Send due report reminders and the daily digest of new partner material (safe to repeat)."

    def handle(self, *args, **options):
        reminders = send_reminders()
        digests = send_digests()
        self.stdout.write(f"{reminders} reminder(s), {digests} digest(s) sent.")
