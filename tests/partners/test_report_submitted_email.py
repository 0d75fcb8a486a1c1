"""Staff are told when a partner submits a report (issue 14): the organisation's contact person
first, else whoever the foundation's settings, STAFF_EMAIL or the first superuser name
(core/staff_recipients.py), each in their own admin language, one email per language."""

import pytest
from django.core import mail
from wagtail.models import Site
from wagtail.users.models import UserProfile

from home.models import OrganisationSettings
from partners import reports
from tests.partners.conftest import make_user, translated
from tests.partners.test_reports import make_requirement, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_staff_email(settings):
    settings.STAFF_EMAIL = ""


@pytest.fixture
def requirement(organisations):
    organisation = organisations["right"]
    organisation.contact_email = ""
    organisation.save()
    return make_requirement(organisation)


def staff_member(email, language=None, superuser=False):
    user = make_user(email, is_staff=True, is_superuser=superuser)
    if language:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    return user


def submit(requirement, partner, capture):
    reports.save_draft(requirement, partner, "Окончателно", new_files=[upload()])
    with capture(execute=True):
        reports.submit(requirement, partner)
    return {tuple(message.to): message for message in mail.outbox}


def test_on_the_default_set_up_the_first_superuser_is_told(
    requirement, partner, django_capture_on_commit_callbacks
):
    staff_member("editor@example.org")
    staff_member("root@example.org", superuser=True)
    staff_member("second@example.org", superuser=True)

    sent = submit(requirement, partner, django_capture_on_commit_callbacks)

    assert list(sent) == [("root@example.org",)]


def test_the_contact_person_comes_before_everyone_else(
    requirement, partner, settings, django_capture_on_commit_callbacks
):
    requirement.organisation.contact_email = "contact@example.org"
    requirement.organisation.save()
    settings.STAFF_EMAIL = "office@example.org"
    staff_member("root@example.org", superuser=True)

    sent = submit(requirement, partner, django_capture_on_commit_callbacks)

    assert list(sent) == [("contact@example.org",)]


def test_the_organisations_settings_come_before_staff_email(
    requirement, partner, settings, django_capture_on_commit_callbacks
):
    OrganisationSettings.objects.create(
        site=Site.objects.get(is_default_site=True), name_bg="ХЕСЕД", enquiry_recipients="reports@example.org"
    )
    settings.STAFF_EMAIL = "office@example.org"

    sent = submit(requirement, partner, django_capture_on_commit_callbacks)

    assert list(sent) == [("reports@example.org",)]


def test_each_staff_member_reads_the_submission_in_their_language(
    requirement, partner, settings, django_capture_on_commit_callbacks
):
    staff_member("bulgarian@example.org", "bg")
    staff_member("english@example.org", "en")
    settings.STAFF_EMAIL = "bulgarian@example.org, english@example.org"

    sent = submit(requirement, partner, django_capture_on_commit_callbacks)

    assert set(sent) == {("bulgarian@example.org",), ("english@example.org",)}
    bulgarian, english = sent[("bulgarian@example.org",)], sent[("english@example.org",)]
    assert translated("Files:", "bg") != "Files:", "the Bulgarian catalogue is compiled"
    assert bulgarian.subject == "Подаден отчет от Example Funder: Междинен отчет"
    assert translated("Files:", "bg") in bulgarian.body and "Files:" not in bulgarian.body
    assert english.subject == "Report submitted by Example Funder: Interim report"
    assert "Files:" in english.body and translated("Files:", "bg") not in english.body
    for message in (bulgarian, english):
        assert "report.pdf" in message.body and "Окончателно" in message.body
