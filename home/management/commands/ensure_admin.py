import os
import secrets
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

ADMIN_USERNAME = "admin"
ADMIN_EMAIL = "admin@localhost"


def default_password_file():
    # Git-ignored (/.admin-password in .gitignore): the password never reaches the repository.
    return Path(settings.BASE_DIR) / ".admin-password"


def create_admin_if_none(password_file):
    """Create the "admin" superuser with a random password, only when no superuser exists.
    Return the password when one was created, else None."""
    User = get_user_model()
    if User.objects.filter(is_superuser=True).exists():
        return None
    password = secrets.token_urlsafe(18)
    with transaction.atomic():
        user = User.objects.create_superuser(username=ADMIN_USERNAME, email=ADMIN_EMAIL, password=password)
        if apps.is_installed("allauth.account"):
            # Sign-in goes through allauth, which requires a verified address before it lets anyone in.
            from allauth.account.models import EmailAddress

            EmailAddress.objects.create(user=user, email=ADMIN_EMAIL, verified=True, primary=True)
    _write_private(password_file, password + "\n")
    return password


def _write_private(path, text):
    path = Path(path)
    # Created with mode 0600 from the start, so the password is never readable by others.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(text)
    os.chmod(path, 0o600)


class Command(BaseCommand):
    help = (
        "Create the superuser 'admin' (email admin@localhost) with a random password if no superuser "
        "exists yet. The password is shown once and kept in the git-ignored file .admin-password."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password-file", default=None, help="Where to keep the password (default: .admin-password)."
        )

    def handle(self, *args, **options):
        password_file = Path(options["password_file"] or default_password_file())
        password = create_admin_if_none(password_file)
        if password is not None:
            self.stdout.write(self.style.SUCCESS(f"Admin user: {ADMIN_USERNAME} / password: {password}"))
            self.stdout.write(f"Sign in with the email {ADMIN_EMAIL}. Admin password is in {password_file.name}")
        elif password_file.exists():
            self.stdout.write(f"Admin password is in {password_file.name}")
        else:
            self.stdout.write("An admin user already exists.")
