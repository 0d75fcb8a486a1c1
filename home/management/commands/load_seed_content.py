import time

from django.core.management.base import BaseCommand

from home.seed.loader import load_seed_content


class Command(BaseCommand):
    help = (
        "Load the site's starting content: the Bulgarian page tree with its English translations "
        "(through wagtail-localize), illustrations and site settings. Safe to run again: it only "
        "creates what is missing and says what was already present."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        report = load_seed_content(write=self.stdout.write if options["verbosity"] > 0 else None)
        changes = len(report.changes())
        present = len(report.lines) - changes
        self.stdout.write(
            self.style.SUCCESS(
                f"Seed content: {changes} changes, {present} already present ({time.monotonic() - started:.1f} s)."
            )
        )
