"""Retention: `prune_personal_data` removes (or anonymises) exactly the rows past their period,
for every category that has one, and leaves the rows still inside it alone."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone, translation

from core import personal_data
from core.personal_data import registry
from donations.models import Donation, NewsletterSubscriber, StripeEvent
from partners.models import AccountEvent, DownloadLog, Invitation, PartnerOrganisation
from tests.donations.factories import DonationFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.UTC)
_numbers = iter(range(1, 10_000))


def organisation():
    return PartnerOrganisation.objects.get_or_create(name="Retention Org", organisation_type="ngo")[0]


# For each category with a period: make(when) creates a row dated ``when``; personal(row)
# says whether the row still holds the personal data (it exists, not anonymised).


def make_attempt(when):
    gift = DonationFactory(status=Donation.EXPIRED, email=f"a{next(_numbers)}@example.org")
    Donation.objects.filter(pk=gift.pk).update(created_at=when)
    return gift


def make_gift(when):
    number = next(_numbers)
    return DonationFactory(status=Donation.PAID, email=f"g{number}@example.org", donor_name="Гергана Гифт",
                           paid_at=when, receipt_year=when.year, receipt_number=number)


def gift_personal(gift):
    gift.refresh_from_db()
    return gift.donor_name != "" and not gift.email.endswith("@invalid.invalid")


def make_event(when):
    event = StripeEvent.objects.create(
        event_id=f"evt_{next(_numbers)}", type="checkout.session.completed",
        payload={"data": {"object": {"customer_details": {"email": "p@example.org", "name": "Петър"}}}},
    )
    StripeEvent.objects.filter(pk=event.pk).update(received_at=when)
    return event


def event_personal(event):
    event.refresh_from_db()
    return "p@example.org" in str(event.payload)


def make_unconfirmed(when):
    return NewsletterSubscriber.objects.create(email=f"n{next(_numbers)}@example.org", consented_at=when)


def make_enquiry(when):
    from wagtail.contrib.forms.models import FormSubmission

    submission = FormSubmission.objects.create(page_id=_any_page().pk, form_data={"email": "q@example.org"})
    FormSubmission.objects.filter(pk=submission.pk).update(submit_time=when)
    return submission


def _any_page():
    from wagtail.models import Page

    return Page.objects.order_by("depth").first()


def make_log_entry(when):
    from wagtail.models import ModelLogEntry

    return ModelLogEntry.objects.create(
        content_type_id=_content_type(), object_id="1", label="invited@example.org (Retention Org)",
        action="wagtail.create", timestamp=when,
    )


def _content_type():
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(Invitation).pk


def log_personal(entry):
    entry.refresh_from_db()
    return "@" in entry.label


def make_invitation(when):
    return Invitation.objects.create(email=f"i{next(_numbers)}@example.org", organisation=organisation(), created=when)


def make_download(when):
    user = get_user_model().objects.create_user(username=f"d{next(_numbers)}", email="d@example.org")
    return DownloadLog.objects.create(user=user, user_email=user.email, organisation=organisation(),
                                      document_title="Report", downloaded_at=when)


def download_personal(log):
    log.refresh_from_db()
    return bool(log.user_email) or log.user_id is not None


def make_sign_in(when):
    return AccountEvent.objects.create(kind="signed_in", email="s@example.org", ip_address="192.0.2.1", created=when)


def make_failed_sign_in(when):
    return AccountEvent.objects.create(kind="sign_in_failed", email="typed@example.org", ip_address="192.0.2.2",
                                       created=when)


def make_task_result(when):
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.create(
        status="SUCCESSFUL", args_kwargs={"args": ["t@example.org", "bg", "http://x/"], "kwargs": {}},
        task_path="donations.tasks.send_manage_link", backend_name="default", queue_name="default",
        run_after=when, finished_at=when, exception_class_path="", traceback="",
    )


def make_session(when):
    store = SessionStore()
    store["_auth_user_id"] = "1"
    store.create()
    Session.objects.filter(session_key=store.session_key).update(expire_date=when)
    return Session.objects.get(session_key=store.session_key)


def exists(row):
    return type(row)._default_manager.filter(pk=row.pk).exists()


def make_bank_pledge(when):
    gift = DonationFactory(payment_method="bank_transfer", email=f"b{next(_numbers)}@example.org",
                           stripe_checkout_session_id=None, bank_reference=f"{next(_numbers):08d}")
    Donation.objects.filter(pk=gift.pk).update(created_at=when)
    return gift


def make_bank_credit(when):
    from donations.models import BankStatementImport, BankStatementLine

    statement = BankStatementImport.objects.create(file_name="statement.xml", file_format="camt053")
    BankStatementImport.objects.filter(pk=statement.pk).update(imported_at=when)
    number = next(_numbers)
    return BankStatementLine.objects.create(
        unique_key=f"BG80BNBG96611020345678|FT{number}|2024-05-02|5000", statement_import=statement,
        account_iban="BG80BNBG96611020345678", booking_date=when.date(), amount=5000, payer_name="Петър Платец",
        payer_iban="BG18RZBB91550123456789", remittance="ДАРЕНИЕ", state="unmatched",
    )


MAKERS = {
    "donations.bank_pledges": (make_bank_pledge, exists),
    "donations.bank_credits": (make_bank_credit, exists),
    "donations.attempts": (make_attempt, exists),
    "donations.gifts": (make_gift, gift_personal),
    "donations.payment_events": (make_event, event_personal),
    "donations.newsletter_unconfirmed": (make_unconfirmed, exists),
    "home.enquiries": (make_enquiry, exists),
    "home.admin_history": (make_log_entry, log_personal),
    "partners.invitations": (make_invitation, exists),
    "partners.downloads": (make_download, download_personal),
    "partners.sign_ins": (make_sign_in, exists),
    "partners.failed_sign_ins": (make_failed_sign_in, exists),
    "core.email_tasks": (make_task_result, exists),
}


def periodic_categories():
    return [category for category in registry.categories() if category.retention_setting]


def test_every_category_with_a_period_is_tested_here():
    assert {category.key for category in periodic_categories()} == set(MAKERS)


def boundary_dates(category):
    """A date just past the period and one just inside it, for NOW."""
    cutoff = category.cutoff(NOW)
    return cutoff - datetime.timedelta(days=1), cutoff + datetime.timedelta(days=1)


@pytest.mark.parametrize("key", sorted(MAKERS))
def test_prune_removes_exactly_the_rows_past_their_period(key, home_pages):
    category = registry.get(key)
    make, personal = MAKERS[key]
    past, inside = boundary_dates(category)
    old, young = make(past), make(inside)

    lines = {line.category.key: line.count for line in personal_data.prune(now=NOW)}

    assert lines[key] == 1
    assert not personal(old)
    assert personal(young)


@pytest.mark.parametrize("key", sorted(MAKERS))
def test_a_dry_run_counts_and_changes_nothing(key, home_pages):
    make, personal = MAKERS[key]
    old = make(boundary_dates(registry.get(key))[0])

    lines = {line.category.key: line.count for line in personal_data.prune(now=NOW, dry_run=True)}

    assert lines[key] == 1 and personal(old)


def test_a_second_prune_finds_nothing(home_pages):
    for key, (make, _personal) in MAKERS.items():
        make(boundary_dates(registry.get(key))[0])
    first = personal_data.prune(now=NOW)
    assert sum(line.count for line in first) == len(MAKERS)

    assert sum(line.count for line in personal_data.prune(now=NOW)) == 0


def test_paid_gifts_count_ten_years_from_the_first_of_january_after_the_gift(db):
    in_2015 = make_gift(datetime.datetime(2015, 12, 31, 20, 0, tzinfo=datetime.UTC))
    in_2016 = make_gift(datetime.datetime(2016, 1, 5, 12, 0, tzinfo=datetime.UTC))

    personal_data.prune(now=datetime.datetime(2026, 1, 2, tzinfo=datetime.UTC))

    # 2015's period ran from 1 January 2016 to 1 January 2026; 2016's runs until 2027.
    assert not gift_personal(in_2015) and gift_personal(in_2016)
    in_2015.refresh_from_db()
    assert in_2015.amount and in_2015.receipt_number  # the amounts stay for the campaigns' totals


def test_a_gift_erased_on_request_loses_the_name_too_at_the_end_of_the_period(db):
    gift = make_gift(datetime.datetime(2014, 6, 1, tzinfo=datetime.UTC))
    personal_data.erase(gift.email, channel="command")
    gift.refresh_from_db()
    assert gift.donor_name == "Гергана Гифт"

    personal_data.prune(now=NOW)

    gift.refresh_from_db()
    assert gift.donor_name == ""


def test_a_longer_period_in_settings_keeps_the_row(settings, home_pages):
    settings.RETENTION_ENQUIRIES_DAYS = 3650
    old = make_enquiry(NOW - datetime.timedelta(days=800))

    personal_data.prune(now=NOW)

    assert exists(old)


def test_an_accepted_invitation_stays_while_its_account_exists(db):
    user = get_user_model().objects.create_user(username="member", email="member@example.org")
    accepted = make_invitation(NOW - datetime.timedelta(days=400))
    Invitation.objects.filter(pk=accepted.pk).update(accepted_at=NOW - datetime.timedelta(days=399),
                                                     accepted_user=user)
    personal_data.prune(now=NOW)
    assert exists(accepted)

    user.delete()
    personal_data.prune(now=NOW)
    assert not exists(accepted)


def test_expired_sessions_go_and_live_ones_stay(db):
    expired = make_session(NOW - datetime.timedelta(hours=1))
    live = make_session(timezone.now() + datetime.timedelta(hours=1))

    lines = {line.category.key: line.count for line in personal_data.prune(now=NOW)}

    assert lines["core.sessions"] == 1
    assert not exists(expired) and exists(live)


def test_the_command_prints_each_category_and_the_total(home_pages):
    make_failed_sign_in(NOW - datetime.timedelta(days=4000))
    out = io.StringIO()

    with translation.override("en"):
        call_command("prune_personal_data", "--dry-run", stdout=out)

    assert "partners.failed_sign_ins: 1 would be deleted (90 days after the attempt; then deleted)" in out.getvalue()
    assert AccountEvent.objects.count() == 1
    out = io.StringIO()
    call_command("prune_personal_data", stdout=out)
    assert "partners.failed_sign_ins: 1 deleted" in out.getvalue() and "Pruned 1 records." in out.getvalue()
    assert AccountEvent.objects.count() == 0
