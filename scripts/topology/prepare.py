"""What the deployment tests need in the stage's database and folders, and where to find it.

    deploy/mir-manage --exec .venv/bin/python scripts/topology/prepare.py FACTS.json

Run by scripts/topology/run.sh after the seed content is loaded, with the stage's environment.
It adds a private document (shared with all partners, so restricted) in PRIVATE_MEDIA_ROOT, a
partner who may download it and a signed-in stranger who may not; puts two files where
documents would be if someone nested PRIVATE_MEDIA_ROOT under MEDIA_ROOT (nginx must refuse
them); and writes the addresses of the pages the tests visit to FACTS.json."""

import json
import os
import secrets
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402
from wagtail.images import get_image_model  # noqa: E402
from wagtail.models import Collection  # noqa: E402

from donations.models import DonationPage  # noqa: E402
from home.models import ContactPage, ContentPage, HomePage, PressIndexPage  # noqa: E402
from partners.models import PartnerDocument, PartnerMembership, PartnerOrganisation  # noqa: E402
from projects.models import ProjectIndexPage, ProjectPage  # noqa: E402


def english(model, **filters):
    page = model.objects.live().filter(locale__language_code="en", **filters).order_by("path").first()
    if page is None:
        raise SystemExit(f"prepare: no live English {model.__name__} {filters or ''} in the seed content")
    return page.url


def make_user(email, password):
    user = get_user_model().objects.create_user(username=email.split("@")[0], email=email, password=password)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def private_document(marker):
    document = PartnerDocument(
        title="Stage private material", collection=Collection.get_first_root_node(), shared_with_all_partners=True
    )
    document.file.save(f"stage-private-{secrets.token_hex(4)}.txt", ContentFile(marker.encode()), save=False)
    document.save()
    return document


def plant_nested_private_files(marker):
    """Files where private documents would sit if PRIVATE_MEDIA_ROOT were put under MEDIA_ROOT."""
    paths = []
    for folder in ("documents", "private-media/documents", "private"):
        target = Path(settings.MEDIA_ROOT) / folder / "stage-planted.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(marker)
        target.chmod(0o644)
        paths.append(f"{settings.MEDIA_URL}{folder}/stage-planted.txt")
    return paths


def main(facts_path):
    marker = f"STAGE-PRIVATE-{secrets.token_hex(16)}"
    document = private_document(marker)
    private_root = Path(settings.PRIVATE_MEDIA_ROOT)
    # As on a server (deploy/README.md): only the application's user may enter it.
    private_root.chmod(0o700)
    stranger_password = secrets.token_urlsafe(16)
    partner_password = secrets.token_urlsafe(16)
    make_user("stranger@mir.test", stranger_password)
    organisation = PartnerOrganisation.objects.create(name="Stage partner", organisation_type="funder")
    PartnerMembership.objects.create(user=make_user("partner@mir.test", partner_password), organisation=organisation)
    image = get_image_model().objects.order_by("pk").first()
    with translation.override("en"):
        facts = {
            "home": english(HomePage),
            "about": english(ContentPage, slug="about"),
            "project_index": english(ProjectIndexPage),
            "project": english(ProjectPage),
            "press_index": english(PressIndexPage),
            "contact": english(ContactPage),
            "donation": english(DonationPage),
            "sign_in": reverse("account_login"),
            "document_url": document.url,
            "download_url": reverse("partners:download", args=[document.pk]),
            "document_path": str(Path(document.file.path).relative_to(private_root)),
            "private_root_name": private_root.name,
            "private_marker": marker,
            "nested_private_urls": plant_nested_private_files(marker),
            "public_image_url": image.file.url if image else None,
            "stranger": {"email": "stranger@mir.test", "password": stranger_password},
            "partner": {"email": "partner@mir.test", "password": partner_password},
        }
    Path(facts_path).write_text(json.dumps(facts, indent=2))
    print(f"prepare: facts written to {facts_path}")


if __name__ == "__main__":
    main(sys.argv[1])
