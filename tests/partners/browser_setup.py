"""Prepares the browser journey in the live test site's own database: a partner organisation,
one material shared with it, and one invitation per language. Run as
`python -m tests.partners.browser_setup` with the site's environment; prints JSON."""

import json


def prepare_partner_journey():
    from django.core.files.base import ContentFile
    from django.utils import translation
    from wagtail.models import Collection

    from partners.invitations import make_token
    from partners.models import Invitation, PartnerDocument, PartnerOrganisation

    organisation, _ = PartnerOrganisation.objects.get_or_create(
        name="Browser Test Funder", defaults={"organisation_type": "funder"}
    )
    document = PartnerDocument(
        title="Browser test methodology",
        kind="methodology",
        collection=Collection.objects.get(name="Материали за партньори"),
    )
    document.file.save("browser-test-methodology.pdf", ContentFile(b"%PDF-1.4 browser journey\n"), save=False)
    document.save()
    document.organisations.add(organisation)

    journey = {"document_id": document.pk, "document_filename": document.filename, "languages": {}}
    for language in ("bg", "en"):
        email = f"browser.partner.{language}@example.org"
        Invitation.objects.filter(email=email).delete()
        invitation = Invitation.objects.create(email=email, organisation=organisation, language=language)
        # A second invitee per language, for the accessibility audit of the same pages.
        audit_email = f"browser.audit.{language}@example.org"
        Invitation.objects.filter(email=audit_email).delete()
        audit_invitation = Invitation.objects.create(email=audit_email, organisation=organisation, language=language)
        with translation.override(language):
            from django.urls import reverse

            journey["languages"][language] = {
                "email": email,
                "audit_invitation_path": reverse(
                    "partners:accept_invitation", kwargs={"token": make_token(audit_invitation)}
                ),
                "invitation_path": reverse("partners:accept_invitation", kwargs={"token": make_token(invitation)}),
                "download_path": reverse("partners:download", kwargs={"document_id": document.pk}),
                "dashboard_path": reverse("partners:dashboard"),
                "login_path": reverse("account_login"),
            }
    return journey


if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps(prepare_partner_journey()))
