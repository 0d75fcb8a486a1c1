"""manage.py erase_personal_data EMAIL [--by NAME] [--dry-run]: the same erasure as the admin's
GDPR screen and the donor's own "delete my data", across all apps (core/personal_data.py),
recorded with who and when. Idempotent: run again, it finds nothing left and records nothing."""

import getpass

from django.core.management.base import BaseCommand, CommandError

from core import personal_data
from core.management.commands.export_personal_data import checked_email
from core.models import ErasureRecord


class Command(BaseCommand):
    help = "Erase everything the site holds about one email address, except what a law requires to keep."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--by", default="", help="Who is doing it (recorded); default: the system user.")
        parser.add_argument("--dry-run", action="store_true", help="Only list what would be erased.")

    def handle(self, *args, email, by="", dry_run=False, **options):
        email = checked_email(email)
        items = personal_data.preview(email)
        for item in items:
            self.stdout.write(f"{item.category.key}: {item.count} ({item.category.erasure})")
        if dry_run:
            if not items:
                self.stdout.write("Nothing is held about this address.")
            return
        try:
            record = personal_data.erase(email, channel=ErasureRecord.COMMAND, actor_label=by or _system_user())
        except personal_data.ErasureBlocked as blocked:
            raise CommandError(" ".join(str(reason) for reason in blocked.reasons)) from blocked
        if record is None:
            history = personal_data.erasure_history(email)
            when = f" (last erased {history[0].created_at:%Y-%m-%d %H:%M})" if history else ""
            self.stdout.write(f"Nothing left to erase{when}.")
            return
        for key, outcome in record.summary.items():
            self.stdout.write(
                f"{key}: {outcome['deleted']} deleted, {outcome['anonymised']} anonymised, {outcome['kept']} kept"
            )
        self.stdout.write(self.style.SUCCESS(f"Erased; recorded as erasure #{record.pk} by {record.actor_label}."))


def _system_user():
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container)
        return "manage.py"
