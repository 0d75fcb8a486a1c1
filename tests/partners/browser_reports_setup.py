"""Prepares the report journey in the live test site's own database: an organisation with one
member per language (password set), a report due in a few days, a staff member who reviews.
Run as `python -m tests.partners.browser_reports_setup` with the site's environment; prints JSON."""

import datetime
import json

PASSWORD = "Report journey passphrase 2031"


def prepare_report_journey():
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile
    from django.urls import reverse
    from django.utils import timezone, translation
    from wagtail.models import Collection

    from partners.models import PartnerDocument, PartnerMembership, PartnerOrganisation, ReportingRequirement

    User = get_user_model()
    organisation, _ = PartnerOrganisation.objects.get_or_create(
        name="Община Примерна", defaults={"organisation_type": "municipality", "contact_email": "office@example.org"}
    )
    staff_email = "reviewer.journey@example.org"
    if not User.objects.filter(email=staff_email).exists():
        staff = User.objects.create_superuser("reviewer-journey", staff_email, PASSWORD)
        EmailAddress.objects.create(user=staff, email=staff_email, verified=True, primary=True)
    # Something overdue, and a material that asks for a confirmation of receipt, for the
    # dashboard's other states.
    ReportingRequirement.objects.get_or_create(
        organisation=organisation,
        title_bg="Подписано споразумение за партньорство",
        defaults={
            "kind": "signed_agreement",
            "title_en": "Signed partnership agreement",
            "due_date": timezone.localdate() - datetime.timedelta(days=4),
        },
    )
    if not PartnerDocument.objects.filter(title="Правила за работа с данни").exists():
        document = PartnerDocument(
            title="Правила за работа с данни",
            kind="methodology",
            requires_acknowledgement=True,
            collection=Collection.objects.get(name="Материали за партньори"),
        )
        document.file.save("data-rules.pdf", ContentFile(b"%PDF-1.4 data rules\n"), save=False)
        document.save()
        document.organisations.add(organisation)
    journey = {"staff_email": staff_email, "password": PASSWORD, "languages": {}}
    for language in ("bg", "en"):
        email = f"reports.{language}@example.org"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(f"reports-{language}", email, PASSWORD)
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            PartnerMembership.objects.create(user=user, organisation=organisation, language=language)
        requirement = ReportingRequirement.objects.create(
            organisation=organisation,
            kind="narrative",
            title_bg=f"Междинен съдържателен отчет ({language})",
            title_en=f"Interim narrative report ({language})",
            instructions_bg="Опишете дейностите през първите шест месеца и приложете списъците на участниците.",
            instructions_en="Describe the activities of the first six months and attach the attendance lists.",
            due_date=timezone.localdate() + datetime.timedelta(days=3),
        )
        with translation.override(language):
            journey["languages"][language] = {
                "email": email,
                "title": requirement.title(language),
                "login_path": reverse("account_login"),
                "dashboard_path": reverse("partners:dashboard"),
                "report_path": reverse("partners:report", kwargs={"requirement_id": requirement.pk}),
                "review_path": reverse("partner_reports:review", args=[requirement.pk]),
            }
    return journey


if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps(prepare_report_journey()))
