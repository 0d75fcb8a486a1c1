"""manage.py import_bank_statement FILE [FILE...]: store the credits of camt.053 or MT940
statements and receipt every pledge they pay (donations/statements.py). Safe to run again on
the same file: what is already imported is skipped."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from donations import statements


class Command(BaseCommand):
    help = "Import bank statements (ISO 20022 camt.053 or MT940) and receipt the pledges they pay."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="statement files")

    def handle(self, *args, **options):
        for name in options["files"]:
            path = Path(name)
            try:
                data = path.read_bytes()
            except OSError as error:
                raise CommandError(f"{name}: {error.strerror}") from error
            try:
                result = statements.import_statement(data, path.name, user_label="manage.py import_bank_statement")
            except statements.StatementError as error:
                raise CommandError(f"{name}: {error}") from error
            self.stdout.write(
                f"{name}: {result.credits} credits, {result.new} new, {result.already_imported} already imported, "
                f"{result.matched} matched to pledges, {result.open} left for staff"
            )
