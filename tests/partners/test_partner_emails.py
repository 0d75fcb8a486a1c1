"""The partner area's scheduled emails (manage.py send_partner_emails): report reminders before
the due date and when overdue, once per step and person whatever the number of runs, and the
daily digest of new material; acknowledgements per version of a file; shares that end."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from partners import notices
from partners.models import Acknowledgement, MaterialNotice, PartnerMembership, ReminderSent, ReportStatus
from tests.partners.conftest import make_document, make_user
from tests.partners.test_reports import make_requirement

MORNING = datetime.datetime(2030, 5, 10, 8, 0, tzinfo=datetime.UTC)


def run():
    call_command("send_partner_emails", stdout=open("/dev/null", "w"))


@pytest.fixture
def english_member(organisations):
    user = make_user("english@example.org")
    PartnerMembership.objects.create(user=user, organisation=organisations["right"], language="en")
    return user


# --- reminders ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_reminders_run_twice_send_once_in_each_members_language(partner, english_member, organisations, settings):
    settings.PARTNER_REMINDER_DAYS_BEFORE = [7, 1]
    with time_machine.travel(MORNING, tick=False):
        requirement = make_requirement(organisations["right"], days=5)
        run()
        run()

    assert sorted(message.to[0] for message in mail.outbox) == [english_member.email, partner.email]
    by_person = {message.to[0]: message for message in mail.outbox}
    assert "Междинен отчет" in by_person[partner.email].subject
    assert "Interim report" in by_person[english_member.email].subject
    assert "/en/partners/reports/" in by_person[english_member.email].body
    assert "15 май 2030 г." in by_person[partner.email].body
    assert list(ReminderSent.objects.values_list("step", flat=True).distinct()) == ["before-7"]
    assert ReminderSent.objects.filter(requirement=requirement).count() == 2


@pytest.mark.django_db
def test_each_step_reminds_once_from_before_to_overdue(partner, organisations, settings):
    settings.PARTNER_REMINDER_DAYS_BEFORE = [7, 1]
    settings.PARTNER_REMINDER_DAYS_OVERDUE = [1, 7]
    with time_machine.travel(MORNING, tick=False) as traveller:
        make_requirement(organisations["right"], days=8)
        sent_each_day = []
        for _day in range(20):
            before = len(mail.outbox)
            run()
            run()
            sent_each_day.append(len(mail.outbox) - before)
            traveller.shift(datetime.timedelta(days=1))

    # Day 1 (7 days left), day 7 (1 day left), day 9 (1 day late), day 15 (7 days late).
    assert [day for day, count in enumerate(sent_each_day) if count] == [1, 7, 9, 15]
    assert set(sent_each_day) == {0, 1}
    assert "Overdue" in mail.outbox[2].subject or "Просрочен" in mail.outbox[2].subject


@pytest.mark.django_db
def test_no_reminder_for_a_submitted_or_accepted_report(partner, organisations):
    from partners.models import Report

    with time_machine.travel(MORNING, tick=False):
        for status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED):
            requirement = make_requirement(organisations["right"], days=-2)
            Report.objects.create(requirement=requirement, status=status)
        reopened = make_requirement(organisations["right"], days=-2, title="Върнат отчет")
        Report.objects.create(requirement=reopened, status=ReportStatus.CHANGES_REQUESTED)
        run()

    assert len(mail.outbox) == 1
    assert "Върнат отчет" in mail.outbox[0].subject


@pytest.mark.django_db
def test_a_failed_send_is_tried_again_next_run(partner, organisations, monkeypatch):
    from partners import reports

    def broken(*args, **kwargs):
        raise ConnectionError("SMTP down")

    with time_machine.travel(MORNING, tick=False):
        make_requirement(organisations["right"], days=1)
        monkeypatch.setattr(reports, "send_reminder", broken)
        with pytest.raises(ConnectionError):
            run()
        assert not ReminderSent.objects.exists()
        monkeypatch.undo()
        run()
    assert len(mail.outbox) == 1


# --- notice of new material --------------------------------------------------------------------


@pytest.mark.django_db
def test_new_material_digest_once_a_day_in_the_members_language(partner, english_member, other_partner, organisations):
    with time_machine.travel(MORNING, tick=False) as traveller:
        first = make_document("Методика", organisations=[organisations["right"]])
        second = make_document("Наръчник", shared_with_all_partners=True)
        run()
        third = make_document("Протокол", organisations=[organisations["right"]])
        run()
        assert sorted(message.to[0] for message in mail.outbox) == sorted(
            [partner.email, english_member.email, other_partner.email]
        ), "one digest each today; the third material waits for tomorrow"
        by_person = {message.to[0]: message for message in mail.outbox}
        body = by_person[partner.email].body
        assert "Методика" in body and "Наръчник" in body and "Протокол" not in body
        assert f"/bg/partners/materials/{first.pk}/download/" in body
        assert f"/en/partners/materials/{second.pk}/download/" in by_person[english_member.email].body
        assert "Методика" not in by_person[other_partner.email].body, "only what is shared with them"

        mail.outbox.clear()
        traveller.shift(datetime.timedelta(days=1))
        run()
        run()
    assert sorted(message.to[0] for message in mail.outbox) == sorted([partner.email, english_member.email])
    assert all("Протокол" in message.body for message in mail.outbox)
    assert f"/partners/materials/{third.pk}/download/" in mail.outbox[0].body


@pytest.mark.django_db
def test_opting_out_in_the_settings_stops_the_digest(client, partner, organisations):
    client.force_login(partner)
    page = client.get(reverse("partners:settings"))
    assert page.status_code == 200
    saved = client.post(reverse("partners:settings"), {"language": "bg"})  # checkbox left unticked
    assert saved.status_code == 302
    assert PartnerMembership.objects.get(user=partner).material_notices is False

    make_document("Методика", organisations=[organisations["right"]])
    run()

    assert mail.outbox == []
    assert not MaterialNotice.objects.filter(sent_at=None).exists(), "dropped, not sent later in a flood"


@pytest.mark.django_db
def test_a_material_no_longer_visible_is_not_announced(partner, organisations):
    document = make_document("Оттеглен", organisations=[organisations["right"]])
    document.organisations.clear()
    run()

    assert mail.outbox == []


@pytest.mark.django_db
def test_saving_a_material_again_does_not_announce_it_again(partner, organisations):
    document = make_document("Методика", organisations=[organisations["right"]], shared_with_all_partners=True)
    run()
    document.title = "Методика (поправена)"
    document.save()
    document.organisations.add(organisations["right"])
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        run()

    assert len(mail.outbox) == 1


# --- acknowledgement ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_acknowledgement_is_per_person_and_per_version_of_the_file(client, partner, english_member, organisations):
    document = make_document("Договор", organisations=[organisations["right"]], requires_acknowledgement=True)
    client.force_login(partner)
    dashboard = reverse("partners:dashboard")
    assert client.get(dashboard).context["rows"][0]["acknowledged"] is False

    response = client.post(reverse("partners:acknowledge", args=[document.pk]))
    assert response.status_code == 302
    assert client.get(dashboard).context["rows"][0]["acknowledged"] is True
    client.post(reverse("partners:acknowledge", args=[document.pk]))
    assert Acknowledgement.objects.count() == 1, "confirming twice records once"
    rows = {row["email"]: row["confirmed"] for row in notices.acknowledgement_table(document)}
    assert rows == {partner.email: True, english_member.email: False}

    # Replacing the file asks again.
    document.file.save("contract-v2.pdf", ContentFile(b"%PDF-1.4 second version\n"), save=False)
    document.file_hash = ""
    document.save()
    assert client.get(dashboard).context["rows"][0]["acknowledged"] is False
    assert not any(row["confirmed"] for row in notices.acknowledgement_table(document))
    client.post(reverse("partners:acknowledge", args=[document.pk]))
    assert Acknowledgement.objects.filter(user=partner).count() == 2


@pytest.mark.django_db
def test_staff_see_who_confirmed_and_export_csv(client, staff, partner, english_member, organisations):
    document = make_document("Договор", organisations=[organisations["right"]], requires_acknowledgement=True)
    notices.acknowledge(document, partner)
    client.force_login(staff)

    page = client.get(reverse("partner_acknowledgements", args=[document.pk]))
    csv = client.get(reverse("partner_acknowledgements", args=[document.pk]), {"format": "csv"})

    assert page.status_code == 200
    assert partner.email in page.content.decode() and english_member.email in page.content.decode()
    text = csv.content.decode("utf-8-sig")
    assert csv["Content-Type"].startswith("text/csv")
    lines = text.strip().splitlines()
    assert len(lines) == 3
    assert any(line.startswith(partner.email) and ",Example Funder," in line for line in lines)


@pytest.mark.django_db
def test_partners_cannot_read_the_confirmation_list_or_confirm_what_is_not_theirs(client, other_partner, organisations):
    document = make_document("Договор", organisations=[organisations["right"]], requires_acknowledgement=True)
    client.force_login(other_partner)

    assert client.get(reverse("partner_acknowledgements", args=[document.pk])).status_code in (302, 403)
    assert client.post(reverse("partners:acknowledge", args=[document.pk])).status_code == 403
    assert not Acknowledgement.objects.exists()


# --- shares that end ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("shared", ["all_partners", "organisation"])
def test_after_its_end_date_a_share_is_gone_for_partners_but_not_for_staff(
    client, partner, staff, organisations, shared
):
    with time_machine.travel(MORNING, tick=False) as traveller:
        fields = {"shared_with_all_partners": True} if shared == "all_partners" else {
            "organisations": [organisations["right"]]
        }
        document = make_document("Временен", share_ends_on=datetime.date(2030, 5, 12), **fields)
        download = reverse("partners:download", args=[document.pk])
        client.force_login(partner)
        assert [row["document"] for row in client.get(reverse("partners:dashboard")).context["rows"]] == [document]

        traveller.move_to(datetime.datetime(2030, 5, 12, 20, 0, tzinfo=datetime.UTC))
        client.force_login(partner)  # a session lasts hours, not days
        assert client.get(download).status_code == 200, "the end date itself is still shared"

        traveller.move_to(datetime.datetime(2030, 5, 13, 9, 0, tzinfo=datetime.UTC))
        client.force_login(partner)
        assert client.get(reverse("partners:dashboard")).context["rows"] == []
        refused = client.get(download)
        assert refused.status_code == 403
        with translation.override("bg"):
            assert translation.gettext("You have no access to this material") in refused.content.decode()
        client.logout()
        assert client.get(document.url).status_code == 404, "still restricted: never public"
        client.force_login(staff)
        assert client.get(download).status_code == 200
