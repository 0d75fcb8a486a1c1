"""Take up newsletter sendings that a stopped worker left (every few minutes from
deploy/systemd/mir-newsletters.timer; safe to run at any time: a live sending is left alone)."""

from django.core.management.base import BaseCommand

from newsletters import tasks


class Command(BaseCommand):
    help = "Queue the next batch of every newsletter sending with no sign of life for longer than the claim timeout."

    def handle(self, *args, **options):
        resumed = tasks.resume_stalled()
        for mailing in resumed:
            self.stdout.write(f"Resumed sending {mailing.pk} ({mailing.subject})")
        if options["verbosity"] >= 1 and not resumed:
            self.stdout.write("Nothing to resume.")
