"""`manage.py sync_site_url`: the default Wagtail Site's hostname and port from SITE_URL (a deploy
step; `migrate` and `load_seed_content` do it too)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core import site_url


class Command(BaseCommand):
    help = (
        "Set the default Wagtail Site's hostname and port from SITE_URL (port 80 for http and 443 for "
        "https when SITE_URL names none). Changes nothing when they already agree."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default", help="the database to update (default: default)")

    def handle(self, *args, database, **options):
        if not site_url.site_table_exists(using=database):
            raise CommandError("Wagtail's tables do not exist yet: run `manage.py migrate` (it also does this).")
        try:
            changed = site_url.sync_default_site(using=database)
        except site_url.SiteUrlConflict as conflict:
            raise CommandError(str(conflict)) from conflict
        hostname, port = site_url.site_address()
        if changed is None:
            self.stdout.write(
                "There is no default Wagtail Site yet: nothing to update (`migrate` creates one, "
                "`load_seed_content` points it at the home page)."
            )
        elif changed:
            self.stdout.write(f"Default Wagtail Site set to {hostname}:{port} (SITE_URL {settings.SITE_URL}).")
        else:
            self.stdout.write(f"Default Wagtail Site already is {hostname}:{port} (SITE_URL {settings.SITE_URL}).")
