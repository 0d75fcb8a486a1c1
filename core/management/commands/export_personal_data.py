"""manage.py export_personal_data EMAIL [--output FILE]: everything the site holds about one
address, across all apps (core/personal_data.py), as JSON."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from core import personal_data


def checked_email(value):
    email = personal_data.normalise_email(value)
    try:
        validate_email(email)
    except ValidationError as error:
        raise CommandError(f"{value!r} is not an email address.") from error
    return email


class Command(BaseCommand):
    help = "Print (or write to a file) everything the site holds about one email address, as JSON."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--output", help="Write the JSON to this file instead of printing it.")

    def handle(self, *args, email, output=None, **options):
        data = personal_data.export(checked_email(email))
        text = json.dumps(data, ensure_ascii=False, indent=2)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
            records = sum(len(category["records"]) for category in data["categories"])
            self.stderr.write(f"{records} records in {len(data['categories'])} categories written to {output}")
        else:
            self.stdout.write(text)
