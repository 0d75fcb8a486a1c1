"""The donation form: validation that loses nothing, and the card-testing defences."""

import logging
import re

import pytest

from donations.models import Donation
from donations.views import NOTICES
from tests.donations.conftest import form_data, says

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"amount_choice": "other", "other_amount": "4,99"}, "The smallest gift we can accept online is €5."),
        ({"amount_choice": "other", "other_amount": "5000.01"}, "For gifts above €5,000 please contact us"),
        ({"amount_choice": "other", "other_amount": "abc"}, "Enter an amount in euros"),
        ({"amount_choice": "other", "other_amount": "1e400"}, "Enter an amount in euros"),
        ({"amount_choice": "other", "other_amount": "10.005"}, "Enter an amount in euros"),
        ({"amount_choice": "other", "other_amount": ""}, "Enter the amount you would like to give."),
        ({"amount_choice": "999"}, "Select a valid choice"),
        ({"email": "not-an-email"}, "Enter a valid email address."),
        ({"consent": None}, "Please agree to the processing of your details"),
        ({"dedication_kind": "memory", "dedication_name": " "}, "Write the name of the person"),
    ],
)
def test_invalid_input_is_explained_and_kept(client, pages, test_gateway_settings, fields, message):
    data = form_data(donor_name="Запазено Име", **fields)
    response = client.post("/en/donate/", data)
    assert response.status_code == 400
    content = response.content.decode()
    assert message in content.replace("&nbsp;", "\u00a0")
    assert 'value="Запазено Име"' in content
    assert 'aria-invalid="true"' in content
    assert not Donation.objects.exists()


def test_a_preset_of_the_other_frequency_is_refused(client, pages, test_gateway_settings):
    # 200 is a one-off suggestion, posted with "monthly" selected: only what the donor saw counts.
    response = client.post("/bg/darete/", form_data(frequency="monthly", amount_choice="200"))
    assert response.status_code == 400
    assert not Donation.objects.exists()


def test_honeypot_blocks_and_logs(client, pages, test_gateway_settings, caplog):
    with caplog.at_level(logging.WARNING, logger="donations.views"):
        response = client.post("/bg/darete/", form_data(website_url="http://spam.example"))
    assert response.status_code == 400
    assert says(response, NOTICES["blocked"])
    assert "honeypot" in caplog.text
    assert not Donation.objects.exists()


def test_per_ip_rate_limit(client, pages, test_gateway_settings, settings, caplog):
    settings.DONATION_RATE_LIMIT = 3
    for number in range(3):
        assert client.post("/bg/darete/", form_data(email=f"d{number}@example.org")).status_code == 303
    with caplog.at_level(logging.WARNING, logger="donations.views"):
        response = client.post("/bg/darete/", form_data(email="d9@example.org"))
    assert response.status_code == 429
    assert says(response, NOTICES["blocked"])
    assert "rate limit" in caplog.text and "d9@example.org" not in caplog.text
    assert Donation.objects.count() == 3
    # Another client is not affected.
    assert client.post("/bg/darete/", form_data(email="x@example.org"), REMOTE_ADDR="10.0.0.8").status_code == 303


def test_per_email_rate_limit_across_addresses(client, pages, test_gateway_settings, settings):
    settings.DONATION_EMAIL_RATE_LIMIT = 2
    for ip in ("10.0.0.1", "10.0.0.2"):
        assert client.post("/bg/darete/", form_data(), REMOTE_ADDR=ip).status_code == 303
    assert client.post("/bg/darete/", form_data(email="MARIA@example.org"), REMOTE_ADDR="10.0.0.3").status_code == 429


def test_closed_campaign_takes_no_gift(client, pages, test_gateway_settings):
    import datetime

    page = pages["bg"]
    page.end_date = datetime.date(2020, 1, 1)
    page.save_revision().publish()
    response = client.post("/bg/darete/", form_data())
    assert says(response, NOTICES["closed"])
    assert f'<form method="post" action="{page.url}"' not in response.content.decode()
    assert not Donation.objects.exists()


def test_page_shows_progress_supporters_and_share_links(client, pages):
    from tests.donations.factories import DonationFactory

    page = pages["bg"]
    english = pages["en"]
    english.show_recent_supporters = True
    english.save_revision().publish()
    DonationFactory(page=page, status=Donation.PAID, amount=30000, donor_name="Видим Дарител")
    DonationFactory(page=pages["en"], status=Donation.PAID, amount=20000, donor_name="Hidden Person", anonymous=True)
    DonationFactory(page=page, status=Donation.PENDING, amount=90000, donor_name="Pending Person")
    DonationFactory(page=page, status=Donation.PARTIALLY_REFUNDED, amount=10000, amount_refunded=5000,
                    donor_name="Part Refund")

    content = client.get("/en/donate/").content.decode()
    assert '<progress max="100" value="55"' in content
    assert "€550 raised of €1,000" in content
    assert "3 donors" in content
    assert "Видим Дарител" in content and "Part Refund" in content
    assert "Hidden Person" not in content and "Pending Person" not in content
    assert "https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2Ftestserver%2Fen%2Fdonate%2F" in content
    # No third-party scripts or trackers: only the site's own script and its JSON-LD block.
    sources = re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", content)
    assert sources and all(source.startswith("/static/") for source in sources)
    assert all("ld+json" in tag for tag in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", content))


def test_supporters_are_not_listed_unless_the_page_opts_in(client, pages):
    from tests.donations.factories import DonationFactory

    DonationFactory(page=pages["bg"], status=Donation.PAID, donor_name="Видим Дарител")
    assert "Видим Дарител" not in client.get("/bg/darete/").content.decode()


def test_page_view_queries_do_not_grow_with_donations(client, pages, django_assert_max_num_queries):
    from tests.donations.factories import DonationFactory

    # Warm what is remembered per content generation: gifts start no new generation, so both
    # measured views below are warm ones.
    client.get("/bg/darete/")
    client.get("/bg/darete/")
    DonationFactory.create_batch(30, page=pages["bg"], status=Donation.PAID)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/bg/darete/")
    DonationFactory.create_batch(60, page=pages["bg"], status=Donation.PAID)
    with CaptureQueriesContext(connection) as many:
        client.get("/bg/darete/")
    assert len(many) == len(few)
