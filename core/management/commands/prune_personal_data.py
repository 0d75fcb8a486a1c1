"""manage.py prune_personal_data [--dry-run]: apply every retention period of the personal-data
registry (core/personal_data.py). Safe to run as often as you like; run it daily (README
"Personal data"), together with `manage.py clearsessions`."""

from django.core.management.base import BaseCommand

from core import personal_data


class Command(BaseCommand):
    help = "Delete or anonymise the personal data that has passed its retention period."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be pruned.")

    def handle(self, *args, dry_run=False, **options):
        lines = personal_data.prune(dry_run=dry_run)
        verb = {"delete": "deleted", "anonymise": "anonymised"}
        for line in lines:
            done = f"would be {verb[line.action]}" if dry_run else verb[line.action]
            self.stdout.write(f"{line.category.key}: {line.count} {done} ({line.category.how_long()})")
        total = sum(line.count for line in lines)
        self.stdout.write(f"{'Would prune' if dry_run else 'Pruned'} {total} records.")
