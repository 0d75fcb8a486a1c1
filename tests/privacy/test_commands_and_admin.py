"""`export_personal_data`, `erase_personal_data` and the Finance group's GDPR screen: the same
registry code, covering every category (not only the donations)."""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from core import personal_data
from core.models import ErasureRecord
from donations.models import Donation
from partners.models import AccountEvent, Invitation, PartnerOrganisation
from tests.donations.factories import DonationFactory

pytestmark = pytest.mark.django_db

EMAIL = "ivan@example.org"


@pytest.fixture
def held(home_pages):
    from wagtail.contrib.forms.models import FormSubmission

    FormSubmission.objects.create(page=home_pages.home_bg, form_data={"name": "Иван", "email": "Ivan@Example.org",
                                                                      "message": "Здравейте"})
    FormSubmission.objects.create(page=home_pages.home_bg, form_data={"email": "someone@example.org",
                                                                      "message": "writes about ivan@example.org"})
    AccountEvent.objects.create(kind="sign_in_failed", email=EMAIL, ip_address="192.0.2.9")
    return home_pages


@pytest.fixture
def finance_user(django_user_model):
    from wagtail.users.models import UserProfile

    user = django_user_model.objects.create_user(username="finance", email="finance@example.org", password="x")
    user.groups.add(Group.objects.get(name="Финанси"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def test_export_prints_json_of_everything_held(held):
    out = io.StringIO()

    call_command("export_personal_data", "IVAN@example.org", stdout=out)

    data = json.loads(out.getvalue())
    by_key = {category["key"]: category["records"] for category in data["categories"]}
    assert [record["fields"]["name"] for record in by_key["home.enquiries"]] == ["Иван"]
    assert by_key["partners.failed_sign_ins"][0]["ip_address"] == "192.0.2.9"


def test_an_enquiry_that_only_mentions_the_address_in_its_text_is_not_theirs(held):
    data = personal_data.export(EMAIL)

    enquiries = {category["key"]: category for category in data["categories"]}["home.enquiries"]["records"]
    assert len(enquiries) == 1


def test_export_writes_a_file(held, tmp_path):
    target = tmp_path / "ivan.json"
    err = io.StringIO()

    call_command("export_personal_data", EMAIL, "--output", str(target), stderr=err)

    assert json.loads(target.read_text())["email"] == EMAIL
    assert "2 records in 2 categories" in err.getvalue()


@pytest.mark.parametrize("command", ["export_personal_data", "erase_personal_data"])
def test_a_bad_address_is_refused_clearly(command, db):
    with pytest.raises(CommandError, match="is not an email address"):
        call_command(command, "not an address")


def test_erase_dry_run_lists_and_changes_nothing(held):
    out = io.StringIO()

    call_command("erase_personal_data", EMAIL, "--dry-run", stdout=out)

    assert "home.enquiries: 1 (delete)" in out.getvalue()
    assert "partners.failed_sign_ins: 1 (delete)" in out.getvalue()
    assert not ErasureRecord.objects.exists() and AccountEvent.objects.exists()


def test_erase_refuses_while_a_monthly_gift_is_active(db):
    DonationFactory(status=Donation.PAID, email=EMAIL, frequency="monthly", stripe_subscription_id="sub_1",
                    subscription_status="active", paid_at=timezone.now(), receipt_year=2026, receipt_number=1)

    with translation.override("en"), pytest.raises(CommandError, match="active monthly donation"):
        call_command("erase_personal_data", EMAIL)
    assert Donation.objects.get().email == EMAIL


def test_erase_keeps_a_staff_account_and_says_so(db):
    from django.contrib.auth.models import Permission

    staff = get_user_model().objects.create_user(username="editor", email=EMAIL)
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    AccountEvent.objects.create(kind="signed_in", user=staff, email=EMAIL)

    record = personal_data.erase(EMAIL, channel=ErasureRecord.COMMAND)

    assert get_user_model().objects.filter(pk=staff.pk).exists()
    assert record.summary["partners.accounts"] == {"deleted": 0, "anonymised": 0, "kept": 1}
    assert not AccountEvent.objects.exists()


def test_an_invitation_named_in_the_admin_history_is_scrubbed_there_too(db):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    organisation = PartnerOrganisation.objects.create(name="Org", organisation_type="ngo")
    invitation = Invitation.objects.create(email=EMAIL, organisation=organisation)
    entry = ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Invitation), object_id=str(invitation.pk),
        label=str(invitation), action="wagtail.create", timestamp=timezone.now(), data={"email": EMAIL},
    )

    personal_data.erase(EMAIL, channel=ErasureRecord.COMMAND)

    entry.refresh_from_db()
    assert entry.label == "[erased] (Org)" and entry.data == {"email": "[erased]"}
    assert not Invitation.objects.exists()


def test_the_finance_screen_finds_and_erases_more_than_donations(client, finance_user, held):
    client.force_login(finance_user)

    page = client.get("/admin/donations/donor-data/", {"email": EMAIL}).content.decode()

    assert "Messages sent through the contact and consulting forms" in page
    assert "Failed sign-in attempts" in page
    response = client.post("/admin/donations/donor-data/anonymise/", {"email": EMAIL, "confirm": "yes"})
    assert response.status_code == 302
    assert not AccountEvent.objects.filter(email=EMAIL).exists()
    assert personal_data.export(EMAIL)["categories"][-1]["key"] == "core.erasures"
    after = client.get("/admin/donations/donor-data/", {"email": EMAIL}).content.decode()
    assert "Erasures of this address" in after and "finance" in after


def test_the_finance_screen_shows_what_blocks_an_erasure(client, finance_user, db):
    DonationFactory(status=Donation.PAID, email=EMAIL, frequency="monthly", stripe_subscription_id="sub_1",
                    subscription_status="active", paid_at=timezone.now(), receipt_year=2026, receipt_number=1)
    client.force_login(finance_user)

    page = client.get("/admin/donations/donor-data/", {"email": EMAIL}).content.decode()
    response = client.post("/admin/donations/donor-data/anonymise/", {"email": EMAIL, "confirm": "yes"}, follow=True)

    assert "active monthly donation" in page and "Erase this person" not in page
    assert "active monthly donation" in response.content.decode()
    assert Donation.objects.get().email == EMAIL


def test_only_finance_sees_the_screen(client, django_user_model, held):
    from django.contrib.auth.models import Permission

    editor = django_user_model.objects.create_user(username="ed", email="ed@example.org", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)

    # Wagtail answers a refused admin view with a redirect to the dashboard and a message.
    assert client.get("/admin/donations/donor-data/", {"email": EMAIL}).status_code in (302, 403)
    response = client.post("/admin/donations/donor-data/anonymise/", {"email": EMAIL, "confirm": "yes"})
    assert response.status_code in (302, 403) and response.get("Location", "") != "/admin/donations/donor-data/"
    assert AccountEvent.objects.filter(email=EMAIL).exists()


def test_a_sign_in_without_a_client_address_is_recorded_without_one(db):
    from django.test import RequestFactory

    from partners.signals import record_event

    request = RequestFactory().get("/")
    del request.META["REMOTE_ADDR"]

    record_event(request, "signed_in", email=EMAIL)

    assert AccountEvent.objects.get().ip_address is None
