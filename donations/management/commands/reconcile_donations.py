"""Reconcile with Stripe: fetch the recent events and apply any the webhook has not recorded
(a missed or failed delivery), then queue any receipt that was not sent. Safe to run as often
as wanted (e.g. hourly from cron): an event already recorded is skipped by its unique id, and
a receipt is sent at most once."""

import time

from django.core.management.base import BaseCommand, CommandError

from donations import fulfilment, stripe_gateway, webhooks
from donations.models import Donation, StripeEvent


class Command(BaseCommand):
    help = "Apply recent Stripe events that were not recorded, and send receipts that were not sent."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=3, help="How far back to look (Stripe keeps 30 days).")
        parser.add_argument("--dry-run", action="store_true", help="Only list what would be applied.")

    def handle(self, *args, days, dry_run, **options):
        if stripe_gateway.active_gateway() != stripe_gateway.STRIPE:
            raise CommandError("STRIPE_SECRET_KEY is not set: there is no Stripe account to reconcile with.")
        if not 1 <= days <= 30:
            raise CommandError("--days must be between 1 and 30 (Stripe lists events of the last 30 days).")
        since = time.time() - days * 24 * 60 * 60
        try:
            events = stripe_gateway.list_events(since, types=sorted(fulfilment.HANDLERS))
        except stripe_gateway.StripeError as error:
            raise CommandError(f"Could not list events from Stripe: {error}") from error

        known = set(StripeEvent.objects.filter(event_id__in=[e["id"] for e in events]).values_list("event_id",
                                                                                                     flat=True))
        missing = [event for event in events if event["id"] not in known]
        applied, failed = 0, []
        for event in missing:
            if dry_run:
                self.stdout.write(f"would apply {event['id']} {event.get('type')}")
                continue
            status, reason = webhooks.process(event)
            if status == 200:
                applied += 1
                self.stdout.write(f"applied {event['id']} {event.get('type')} ({reason})")
            else:
                failed.append(event["id"])
                self.stderr.write(f"could not apply {event['id']} {event.get('type')} ({reason})")

        receipts = 0
        if not dry_run:
            from donations.tasks import send_receipt

            unsent = Donation.objects.filter(receipt_number__isnull=False, receipt_sent_at__isnull=True)
            for donation_id in unsent.values_list("pk", flat=True):
                send_receipt.enqueue(donation_id)
                receipts += 1

        self.stdout.write(
            f"{len(events)} events from Stripe, {len(known)} already recorded, {applied} applied now, "
            f"{len(failed)} failed; {receipts} unsent receipts queued."
        )
        if failed:
            raise CommandError(f"{len(failed)} events could not be applied: {', '.join(failed)}")
