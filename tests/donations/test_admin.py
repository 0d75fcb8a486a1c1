"""Donations in the Wagtail admin: Finance sees donors and exports them; other editors see
totals only; nobody edits a gift by hand; GDPR export and erasure (through the registry of
core/personal_data.py; tests/privacy covers every category)."""

import csv
import datetime
import io
import json
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from donations.models import Donation, DonationEvent, NewsletterSubscriber, StripeEvent
from tests.donations.factories import DonationFactory

pytestmark = pytest.mark.django_db


def english_admin(user):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()


@pytest.fixture
def finance_user(django_user_model):
    user = django_user_model.objects.create_user(username="finance", email="finance@example.org", password="x")
    user.groups.add(Group.objects.get(name="Финанси"))
    english_admin(user)
    return user


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(username="editor", email="editor@example.org", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def gifts(pages):
    paid_at = timezone.now()
    return {
        "paid": DonationFactory(page=pages["bg"], status=Donation.PAID, amount=5000, email="ana@example.org",
                                donor_name="Ана Петрова", receipt_year=paid_at.year, receipt_number=1,
                                paid_at=paid_at),
        "refunded": DonationFactory(page=pages["en"], status=Donation.PARTIALLY_REFUNDED, amount=3000,
                                    amount_refunded=1000, email="bob@example.org", donor_name="Bob Smith",
                                    receipt_year=paid_at.year, receipt_number=2, paid_at=paid_at),
        "pending": DonationFactory(page=pages["bg"], status=Donation.PENDING, amount=9900, email="cat@example.org",
                                   donor_name="Cat Pending", frequency="monthly"),
    }


def test_finance_sees_the_listing_with_totals(client, finance_user, gifts):
    client.force_login(finance_user)
    response = client.get("/admin/donation_records/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "ana@example.org" in content and "Bob Smith" in content and "Cat Pending" in content
    assert 'id="donation-totals"' in content
    totals = response.context["totals"]
    assert totals["received_count"] == 2
    assert str(totals["received_eur"]) == "80.00"
    assert str(totals["counted_net_eur"]) == "70.00"


@pytest.mark.parametrize(
    "query, expected",
    [
        ("status=paid", {"paid"}),
        ("frequency=monthly", {"pending"}),
        ("q=bob%40example", {"refunded"}),
        ("q=Петрова", {"paid"}),
    ],
)
def test_filters_and_search(client, finance_user, gifts, query, expected):
    client.force_login(finance_user)
    response = client.get(f"/admin/donation_records/?{query}")
    shown = {key for key, gift in gifts.items() if gift in list(response.context["object_list"])}
    assert shown == expected


def test_campaign_filter_counts_every_language(client, finance_user, gifts, pages):
    from donations.models import DonationPage

    other = pages["home"].add_child(instance=DonationPage(title="Друга", slug="druga", locale=pages["bg"].locale))
    DonationFactory(page=other, status=Donation.PAID, amount=100000)
    client.force_login(finance_user)
    response = client.get(f"/admin/donation_records/?campaign={pages['bg'].translation_key}")
    assert set(response.context["object_list"]) == set(gifts.values())
    assert response.context["totals"]["received_count"] == 2


def test_date_range_filter(client, finance_user, gifts):
    Donation.objects.filter(pk=gifts["paid"].pk).update(created_at=timezone.now() - datetime.timedelta(days=40))
    client.force_login(finance_user)
    since = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    response = client.get(f"/admin/donation_records/?created_at_from={since}")
    assert gifts["paid"] not in list(response.context["object_list"])
    assert gifts["refunded"] in list(response.context["object_list"])


def test_csv_export_for_the_accountant(client, finance_user, gifts):
    client.force_login(finance_user)
    response = client.get("/admin/donation_records/?export=csv&status=partially_refunded")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    header, *data = rows
    assert header[:9] == ["Receipt number", "Reference", "Status", "Frequency", "Gross amount", "Refunded",
                          "Net amount", "Currency", "Campaign"]
    assert len(data) == 1
    row = dict(zip(header, data[0], strict=True))
    refunded = gifts["refunded"]
    assert row["Receipt number"] == refunded.receipt_reference
    assert (row["Gross amount"], row["Refunded"], row["Net amount"], row["Currency"]) == ("30.00", "10.00", "20.00",
                                                                                          "EUR")
    assert row["Campaign"] == "Support us" and row["Email"] == "bob@example.org"
    assert row["Paid"]
    assert (row["Status"], row["Frequency"]) == ("Partially refunded", "One-off")  # labels, not codes


def test_detail_view_shows_the_history(client, finance_user, gifts):
    DonationEvent.objects.create(donation=gifts["paid"], kind="paid", message="Paid; receipt X",
                                 stripe_event_id="evt_history_1")
    client.force_login(finance_user)
    response = client.get(f"/admin/donation_records/inspect/{gifts['paid'].pk}/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "evt_history_1" in content and "Paid; receipt X" in content and "ana@example.org" in content


def test_nobody_edits_gifts_by_hand(client, admin_user, gifts):
    client.force_login(admin_user)
    assert client.get("/admin/donation_records/").status_code == 200
    for url in ("new/", f"edit/{gifts['paid'].pk}/", f"delete/{gifts['paid'].pk}/"):
        assert client.get(f"/admin/donation_records/{url}", follow=True).status_code == 404
    assert f"/admin/donation_records/edit/{gifts['paid'].pk}/" not in client.get(
        "/admin/donation_records/").content.decode()


def test_other_editors_see_totals_but_no_donors(client, editor, gifts):
    client.force_login(editor)
    assert client.get("/admin/donation_records/").status_code in (302, 403)
    assert client.get("/admin/donation_records/?export=csv").status_code in (302, 403)
    assert client.get(f"/admin/donation_records/inspect/{gifts['paid'].pk}/").status_code in (302, 403)
    assert client.get("/admin/newsletter_subscribers/").status_code in (302, 403)
    assert client.get("/admin/donations/donor-data/").status_code in (302, 403)
    dashboard = client.get("/admin/").content.decode()
    assert 'id="donations-summary"' in dashboard or "donations-summary" in dashboard
    assert "ana@example.org" not in dashboard and "/admin/donation_records/" not in dashboard


def test_dashboard_figures(gifts, pages):
    from donations.admin_views import dashboard_figures

    DonationFactory(page=pages["bg"], status=Donation.PAID, frequency="monthly", amount=1000,
                    paid_at=timezone.now(), subscription_status="active")
    DonationFactory(page=pages["bg"], status=Donation.PAID, frequency="monthly", amount=1000,
                    paid_at=timezone.now() - datetime.timedelta(days=400), subscription_status="canceled")
    figures = dashboard_figures()
    assert str(figures["month_eur"]) == "80.00"  # 50 + (30 - 10) + 10
    assert figures["active_monthly"] == 1


def test_newsletter_export_lists_only_confirmed_addresses_when_filtered(client, finance_user):
    now = timezone.now()
    NewsletterSubscriber.objects.create(email="yes@example.org", consented_at=now, confirmed_at=now)
    NewsletterSubscriber.objects.create(email="pending@example.org", consented_at=now)
    client.force_login(finance_user)
    response = client.get("/admin/newsletter_subscribers/?export=csv&state=confirmed")
    content = b"".join(response.streaming_content).decode()
    assert "yes@example.org" in content
    assert "pending@example.org" not in content


def test_gdpr_export_and_erasure_through_the_registry(client, finance_user, gifts):
    from core import personal_data

    now = timezone.now()
    NewsletterSubscriber.objects.create(email="ana@example.org", consented_at=now, confirmed_at=now)
    StripeEvent.objects.create(event_id="evt_ana", type="checkout.session.completed",
                               payload={"data": {"object": {"customer_details": {"email": "ana@example.org",
                                                                                 "name": "Ана Петрова"}}}})
    DonationEvent.objects.create(donation=gifts["paid"], kind="paid", stripe_event_id="evt_ana")
    client.force_login(finance_user)

    page = client.get("/admin/donations/donor-data/?email=ANA@example.org")
    assert page.status_code == 200
    assert "Completed donations" in page.content.decode() and "Newsletter subscriptions" in page.content.decode()
    download = client.get("/admin/donations/donor-data/?email=ana@example.org&download=json")
    data = {category["key"]: category["records"] for category in json.loads(download.content)["categories"]}
    assert data["donations.gifts"][0]["donor_name"] == "Ана Петрова"
    assert data["donations.newsletter"][0]["email"] == "ana@example.org"
    assert data["donations.payment_events"][0]["event_id"] == "evt_ana"

    # Not without the confirmation box.
    client.post("/admin/donations/donor-data/anonymise/", {"email": "ana@example.org"})
    assert Donation.objects.filter(email="ana@example.org").exists()
    client.post("/admin/donations/donor-data/anonymise/", {"email": "ana@example.org", "confirm": "yes"})
    gift = Donation.objects.get(pk=gifts["paid"].pk)
    # The receipt names the donor (Accountancy Act): the name stays, the address goes.
    assert gift.donor_name == "Ана Петрова" and gift.anonymous
    assert gift.email.endswith("@invalid.invalid") and gift.anonymised_at
    assert gift.amount == 5000 and gift.receipt_number == 1 and gift.status == Donation.PAID
    assert not NewsletterSubscriber.objects.filter(email="ana@example.org").exists()
    assert "ana@example.org" not in json.dumps(StripeEvent.objects.get(event_id="evt_ana").payload)
    assert "Петрова" not in json.dumps(StripeEvent.objects.get(event_id="evt_ana").payload, ensure_ascii=False)
    assert personal_data.export("ana@example.org")["categories"][0]["key"] == "donations.newsletter_unsubscribed"
    [record] = personal_data.erasure_history("ana@example.org")
    assert record.channel == "admin" and record.actor == finance_user
    assert gifts["paid"].page.campaign_totals()["donors"] == 2


def test_an_empty_or_yes_no_field_on_the_detail_view_is_words_not_python(client, finance_user, gifts):
    """A gift not yet paid has no payment date, no bank reference, no consent time; "anonymous"
    is yes or no."""
    client.force_login(finance_user)
    response = client.get(f"/admin/donation_records/inspect/{gifts['pending'].pk}/")
    assert response.status_code == 200
    values = [" ".join(dd.split()) for dd in re.findall(r"<dd>(.*?)</dd>", response.content.decode(), re.S)]
    assert "—" in values and "No" in values and "EUR" in values
    assert not {"None", "False", "True"} & set(values)


def test_the_subscriber_language_filter_names_languages_in_the_staff_language(client, finance_user):
    now = timezone.now()
    NewsletterSubscriber.objects.create(email="ivan@example.org", language="en", consented_at=now, confirmed_at=now)
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(finance_user)
    profile.preferred_language = "bg"
    profile.save()
    client.force_login(finance_user)
    content = client.get("/admin/newsletter_subscribers/").content.decode()
    labels = [" ".join(text.split()) for text in re.findall(r'name="language"[^>]*>\s*(.*?)</label>', content, re.S)]
    assert labels == ["Всички", "Български", "Английски"]
    assert re.search(r"<td[^>]*>\s*Английски\s*</td>", content)  # the subscriber's language, not "en"
