"""Dates in what donors and the accountant read: the receipt email ("Дата: 2 декември 2026 г."),
the receipt and annual statement pages, and the CSV export (dates as the staff member's
language writes them, in Sofia's time)."""

import csv
import datetime
import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

from core.formatting import format_date
from donations import self_service
from donations.models import Donation
from tests.donations import stripe_events as se
from tests.donations.factories import DonationFactory

pytestmark = pytest.mark.django_db
BULGARIAN_DATE = (
    r"\d{1,2} (януари|февруари|март|април|май|юни|юли|август|септември|октомври|ноември|декември) \d{4} г\."
)
ENGLISH_DATE = r"\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}"


def test_the_receipt_email_dates_the_gift_as_each_language_writes_it(client, pages, on_commit):
    bulgarian = DonationFactory(page=pages["bg"], locale="bg", email="bg@example.org")
    english = DonationFactory(page=pages["en"], locale="en", email="en@example.org")
    with on_commit():
        se.post(client, se.event("checkout.session.completed", se.checkout_session(bulgarian)))
        se.post(client, se.event("checkout.session.completed", se.checkout_session(english)))
    today = timezone.localdate()
    by_address = {message.to[0]: message for message in mail.outbox}
    bulgarian_mail, english_mail = by_address["bg@example.org"], by_address["en@example.org"]
    assert f"Дата: {format_date(today, 'bg')}" in bulgarian_mail.body
    assert re.search(rf"Дата: {BULGARIAN_DATE}\n", bulgarian_mail.body)
    assert re.search(BULGARIAN_DATE, bulgarian_mail.alternatives[0][0])
    assert re.search(rf"Date: {ENGLISH_DATE}\n", english_mail.body)


def test_receipt_and_statement_pages_date_the_gifts(client, pages):
    paid_at = datetime.datetime(2026, 5, 1, 9, 0, tzinfo=datetime.UTC)
    gift = DonationFactory(page=pages["bg"], status=Donation.PAID, email="ana@example.org", receipt_year=2026,
                           receipt_number=1, paid_at=paid_at)
    token = self_service.make_token("ana@example.org")
    base = f"/bg/donations/manage/{token}/"
    receipt = client.get(base + f"receipt/{gift.uuid}/").content.decode()
    assert "1 май 2026 г." in receipt
    statement = client.get(base + "statement/2026/").content.decode()
    assert "01.05.2026 г." in statement
    assert re.search(BULGARIAN_DATE, statement)  # "Issued on …"


def test_csv_export_writes_dates_in_the_admins_language_and_sofias_time(client, pages, django_user_model):
    user = django_user_model.objects.create_user(username="finance", email="finance@example.org", password="x")
    user.groups.add(Group.objects.get(name="Финанси"))
    paid_at = datetime.datetime(2026, 12, 31, 22, 30, tzinfo=datetime.UTC)
    DonationFactory(page=pages["bg"], status=Donation.PAID, paid_at=paid_at, receipt_year=2027, receipt_number=1)
    client.force_login(user)
    response = client.get("/admin/donation_records/?export=csv")
    header, row = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    paid = dict(zip(header, row, strict=True))["Платено"]
    assert paid == "1 януари 2027 г., 00:30"
