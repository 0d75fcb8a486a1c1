"""Reports partners send the foundation: requirements with due dates, drafts, submission and
lock, staff review (accept / ask for changes), every step recorded, and the emails around it."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from partners import reports
from partners.models import Report, ReportEvent, ReportFile, ReportingRequirement, ReportStatus
from tests.partners.conftest import make_user, translated

PDF = b"%PDF-1.4 report\n"
HTML_AS_PDF = b"<!doctype html><html><body><script>alert(1)</script></body></html>"


def make_requirement(organisation, *, days=10, kind="narrative", title="Междинен отчет", title_en="Interim report"):
    return ReportingRequirement.objects.create(
        organisation=organisation,
        kind=kind,
        title_bg=title,
        title_en=title_en,
        instructions_bg="Опишете дейностите.",
        instructions_en="Describe the activities.",
        due_date=timezone.localdate() + datetime.timedelta(days=days),
    )


def report_url(requirement, language="bg"):
    with translation.override(language):
        return reverse("partners:report", kwargs={"requirement_id": requirement.pk})


def upload(name="report.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def requirement(organisations):
    return make_requirement(organisations["right"])


@pytest.fixture
def reviewer(db):
    """Staff who may view and review reports (not a superuser)."""
    from django.contrib.auth.models import Group, Permission

    user = make_user("reviewer@example.org")
    group = Group.objects.create(name="Report reviewers")
    for codename in ("access_admin", "view_report", "change_report", "view_reportingrequirement"):
        group.permissions.add(Permission.objects.get(codename=codename))
    user.groups.add(group)
    return user


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["bg", "en"])
def test_dashboard_shows_what_is_overdue_due_and_done(client, partner, organisations, language):
    overdue = make_requirement(organisations["right"], days=-3, title="Финансов отчет", title_en="Financial report")
    due = make_requirement(organisations["right"], days=5)
    done = make_requirement(organisations["right"], days=-30, title="Споразумение", title_en="Agreement")
    Report.objects.create(requirement=done, status=ReportStatus.ACCEPTED)
    make_requirement(organisations["other"], title="Чужд отчет", title_en="Someone else's report")

    client.force_login(partner)
    with translation.override(language):
        body = client.get(reverse("partners:dashboard")).content.decode()

    for requirement, state in ((overdue, "overdue"), (due, "due"), (done, "done")):
        assert requirement.title(language) in body
        assert report_url(requirement, language) in body
        with translation.override(language):
            assert str(reports.STATE_LABELS[state]) in body
    assert "Чужд отчет" not in body and "Someone else's report" not in body
    assert body.index(overdue.title(language)) < body.index(due.title(language)) < body.index(done.title(language))


@pytest.mark.django_db
def test_draft_keeps_files_and_note_then_submit_locks_and_tells_staff(
    client, partner, requirement, settings, django_capture_on_commit_callbacks
):
    settings.STAFF_EMAIL = "office@example.org"
    requirement.organisation.contact_email = ""
    requirement.organisation.save()
    client.force_login(partner)

    saved = client.post(report_url(requirement), {"note": "Първа версия", "files": [upload(), upload("annex.pdf")]})
    assert saved.status_code == 302
    report = Report.objects.get(requirement=requirement)
    assert report.status == ReportStatus.DRAFT and report.note == "Първа версия"
    assert sorted(report.files.values_list("original_name", flat=True)) == ["annex.pdf", "report.pdf"]
    assert mail.outbox == [], "a draft goes to nobody"

    with django_capture_on_commit_callbacks(execute=True):
        submitted = client.post(report_url(requirement), {"note": "Окончателно", "action": "submit"})
    assert submitted.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.is_locked and report.submitted_at
    assert [message.to for message in mail.outbox] == [["office@example.org"]]
    assert "Example Funder" in mail.outbox[0].subject
    assert reverse("partner_reports:review", args=[requirement.pk]) in mail.outbox[0].body

    page = client.get(report_url(requirement))
    assert page.context["form"] is None, "a submitted report is locked"
    refused = client.post(report_url(requirement), {"note": "Късна промяна", "files": [upload("late.pdf")]})
    assert refused.status_code == 302
    report.refresh_from_db()
    assert report.note == "Окончателно"
    assert report.files.count() == 2
    steps = list(ReportEvent.objects.filter(report=report).values_list("kind", "user_email"))
    assert ("submitted", partner.email) in steps
    assert steps.count(("file_added", partner.email)) == 2


@pytest.mark.django_db
def test_nothing_to_submit_without_a_file(client, partner, requirement):
    client.force_login(partner)

    response = client.post(report_url(requirement), {"note": "Само бележка", "action": "submit"})

    assert response.status_code == 400
    assert str(translated(str(reports.NOTHING_TO_SUBMIT))) in response.content.decode()
    assert Report.objects.get(requirement=requirement).status == ReportStatus.DRAFT


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["bg", "en"])
def test_html_named_pdf_is_refused_with_a_clear_translated_error(client, partner, requirement, language):
    client.force_login(partner)

    response = client.post(report_url(requirement, language), {"files": [upload("x.pdf", HTML_AS_PDF)]})

    assert response.status_code == 400
    body = response.content.decode()
    with translation.override(language):
        assert "x.pdf: " in body
        assert str(translation.gettext("a PDF document")) in body
    assert not ReportFile.objects.exists()


@pytest.mark.django_db
def test_a_requirement_of_another_organisation_is_not_found(client, other_partner, requirement):
    client.force_login(other_partner)

    assert client.get(report_url(requirement)).status_code == 404
    assert client.post(report_url(requirement), {"files": [upload()]}).status_code == 404
    assert not ReportFile.objects.exists()


@pytest.mark.django_db
def test_review_asks_for_changes_with_a_comment_which_reopens_then_accepts(
    client, partner, requirement, reviewer, organisations, django_capture_on_commit_callbacks
):
    from partners.models import PartnerMembership

    english_member = make_user("english@example.org")
    PartnerMembership.objects.create(user=english_member, organisation=organisations["right"], language="en")
    reports.save_draft(requirement, partner, "", new_files=[upload()])
    reports.submit(requirement, partner)
    review_url = reverse("partner_reports:review", args=[requirement.pk])
    client.force_login(reviewer)

    no_comment = client.post(review_url, {"decision": "changes", "comment": " "})
    assert no_comment.status_code == 400
    assert Report.objects.get(requirement=requirement).status == ReportStatus.SUBMITTED

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(review_url, {"decision": "changes", "comment": "Добавете подписите."})
    assert asked.status_code == 302
    report = Report.objects.get(requirement=requirement)
    assert report.status == ReportStatus.CHANGES_REQUESTED and not report.is_locked
    by_person = {message.to[0]: message for message in mail.outbox}
    assert set(by_person) == {partner.email, english_member.email}
    assert "Добавете подписите." in by_person[partner.email].body
    with translation.override("en"):
        assert translation.gettext("The report is open again: change it and submit it once more.") in (
            by_person[english_member.email].body
        )
    assert "/en/partners/reports/" in by_person[english_member.email].body

    client.force_login(partner)
    assert client.get(report_url(requirement)).context["form"] is not None, "open again"
    client.post(report_url(requirement), {"files": [upload("signed.pdf")], "action": "submit"})
    client.force_login(reviewer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(review_url, {"decision": "accept"}).status_code == 302
    assert Report.objects.get(requirement=requirement).status == ReportStatus.ACCEPTED
    assert len(mail.outbox) == 2
    steps = list(ReportEvent.objects.filter(report=report).exclude(kind="saved").values_list("kind", "user_email"))
    assert steps == [
        ("file_added", partner.email),
        ("submitted", partner.email),
        ("changes_requested", reviewer.email),
        ("file_added", partner.email),
        ("submitted", partner.email),
        ("accepted", reviewer.email),
    ]
    assert client.post(review_url, {"decision": "accept"}).status_code == 400, "only a submitted report"


@pytest.mark.django_db
def test_staff_without_the_report_permission_cannot_review(client, staff, requirement):
    client.force_login(staff)

    assert client.get(reverse("partner_reports:review", args=[requirement.pk])).status_code in (302, 403)


@pytest.mark.django_db
def test_admin_review_screen_and_requirement_list(client, reviewer, partner, requirement):
    from django.contrib.auth import get_user_model

    reports.save_draft(requirement, partner, "Бележка", new_files=[upload()])
    reports.submit(requirement, partner)
    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", "x")
    client.force_login(admin)

    listing = client.get(reverse("partner_reports:index"))
    review = client.get(reverse("partner_reports:review", args=[requirement.pk]))
    created = client.post(
        reverse("partner_reports:add"),
        {
            "organisation": requirement.organisation.pk,
            "kind": "financial",
            "title_bg": "Годишен финансов отчет",
            "title_en": "Annual financial report",
            "due_date": "2031-03-31",
        },
    )

    assert listing.status_code == 200 and requirement.title_bg in listing.content.decode()
    assert review.status_code == 200
    body = review.content.decode()
    assert "report.pdf" in body and "Бележка" in body and 'name="decision"' in body
    assert created.status_code == 302
    assert ReportingRequirement.objects.filter(title_en="Annual financial report").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["bg", "en"])
def test_a_partner_material_is_checked_by_content_when_staff_upload_it(client, staff, organisations, language):
    """Materials go up through Wagtail's document form (core/admin_forms.py): HTML named x.pdf is
    refused with a translated message on the file field, and nothing is stored."""
    from wagtail.models import Collection

    from partners.models import PartnerDocument

    client.force_login(staff)
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(staff)
    profile.preferred_language = language
    profile.save()

    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Фалшив отчет",
            "file": SimpleUploadedFile("x.pdf", HTML_AS_PDF, content_type="application/pdf"),
            "collection": Collection.objects.get(name="Материали за партньори").pk,
            "organisations": [organisations["right"].pk],
        },
    )

    assert response.status_code == 200
    with translation.override(language):
        assert str(translation.gettext("a PDF document")) in response.content.decode()
    assert not PartnerDocument.objects.filter(title="Фалшив отчет").exists()


@pytest.mark.django_db
def test_dashboard_query_count_does_not_grow_with_requirements_or_confirmations(client, partner, organisations):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from partners import notices
    from tests.partners.conftest import make_document

    client.force_login(partner)
    client.get(reverse("partners:dashboard"))  # warm what is cached per process

    def count(how_many):
        for number in range(how_many):
            requirement = make_requirement(organisations["right"], days=number - how_many // 2)
            if number % 3 == 0:
                Report.objects.create(requirement=requirement, status=ReportStatus.ACCEPTED)
            document = make_document(f"Confirm {number}", organisations=[organisations["right"]],
                                     requires_acknowledgement=True)
            if number % 2 == 0:
                notices.acknowledge(document, partner)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("partners:dashboard")).status_code == 200
        return len(queries)

    assert count(2) == count(30)
