"""The donor's own copy and deletion, through the signed "manage my donation" link: the same
export staff get (for that address only), and a confirmation step before the erasure of all but
what the law requires to keep."""

import json
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone, translation

from core.models import ErasureRecord
from donations import self_service
from donations.models import Donation, NewsletterSubscriber
from tests.donations.factories import DonationFactory

pytestmark = pytest.mark.django_db

EMAIL = "donor@example.org"


@pytest.fixture
def held(home_pages):
    from wagtail.contrib.forms.models import FormSubmission

    now = timezone.now()
    gift = DonationFactory(status=Donation.PAID, email=EMAIL, donor_name="Дора Донова", amount=3000, paid_at=now,
                           receipt_year=now.year, receipt_number=11)
    attempt = DonationFactory(status=Donation.EXPIRED, email=EMAIL, donor_name="Дора Донова")
    other = DonationFactory(status=Donation.PAID, email="other@example.org", donor_name="Other Person",
                            paid_at=now, receipt_year=now.year, receipt_number=12)
    NewsletterSubscriber.objects.create(email=EMAIL, consented_at=now, confirmed_at=now, consent_text="Да")
    FormSubmission.objects.create(page=home_pages.home_bg, form_data={"name": "Дора", "email": EMAIL})
    return {"gift": gift, "attempt": attempt, "other": other}


def manage_url(language="bg", email=EMAIL):
    with translation.override(language):
        from django.urls import reverse

        return reverse("donations:manage_gifts", args=[self_service.make_token(email)])


def says(response, text, language):
    with translation.override(language):
        from django.utils.html import escape

        message = translation.gettext(text)
    content = response.content.decode()
    return message in content or escape(message) in content


@pytest.mark.parametrize("language", ["bg", "en"])
def test_the_page_offers_download_and_deletion(client, held, language):
    url = manage_url(language)
    page = client.get(url)

    assert page.status_code == 200
    assert says(page, "Download my data", language) and says(page, "Delete my data", language)
    assert f'href="{url}my-data/"' in page.content.decode()
    assert f'href="{url}delete-my-data/"' in page.content.decode()


def test_download_my_data_is_everything_about_that_address_only(client, held):
    response = client.get(manage_url() + "my-data/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    assert response["Cache-Control"] == "private, no-store"
    data = json.loads(response.content)
    keys = {category["key"] for category in data["categories"]}
    assert {"donations.gifts", "donations.attempts", "donations.newsletter", "home.enquiries"} <= keys
    assert data["email"] == EMAIL
    assert "other@example.org" not in response.content.decode() and "Other Person" not in response.content.decode()


def test_the_download_is_in_the_language_of_the_page(client, held):
    data = json.loads(client.get(manage_url("en") + "my-data/").content)

    what = {category["key"]: category["what"] for category in data["categories"]}
    assert what["donations.gifts"] == "Completed donations"


@pytest.mark.parametrize("language", ["bg", "en"])
def test_the_confirmation_step_lists_what_goes_and_what_stays_and_why(client, held, language):
    page = client.get(manage_url(language) + "delete-my-data/")

    assert page.status_code == 200
    assert says(page, "What will be deleted", language) and says(page, "What must be kept, and why", language)
    assert says(page, "Newsletter subscriptions", language) and says(page, "Completed donations", language)
    from django.utils.html import escape

    from donations.personal_data import ACCOUNTANCY_ACT

    with translation.override(language):
        assert escape(str(ACCOUNTANCY_ACT)) in page.content.decode()
    assert 'method="post"' in page.content.decode()
    # Looking at the step deletes nothing.
    assert Donation.objects.filter(email=EMAIL).count() == 2


def test_deletion_needs_the_csrf_token(held):
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(manage_url() + "delete-my-data/")

    assert response.status_code == 403
    assert Donation.objects.filter(email=EMAIL).count() == 2


def test_deletion_erases_all_but_the_receipted_gift_and_shows_the_result(client, held):
    url = manage_url()
    response = client.post(url + "delete-my-data/")

    assert response.status_code == 303
    assert response["Location"] == url + "delete-my-data/done/"
    done = client.get(response["Location"])
    assert done.status_code == 200 and says(done, "Your data has been deleted", "bg")
    assert says(done, "Kept, and why", "bg")
    gift = Donation.objects.get(pk=held["gift"].pk)
    assert gift.donor_name == "Дора Донова" and gift.email.endswith("@invalid.invalid")
    assert not Donation.objects.filter(pk=held["attempt"].pk).exists()
    assert not NewsletterSubscriber.objects.exists()
    assert Donation.objects.get(pk=held["other"].pk).email == "other@example.org"
    [record] = ErasureRecord.objects.all()
    assert record.channel == ErasureRecord.SELF_SERVICE and record.actor is None


def test_after_deletion_the_page_holds_nothing_more_to_delete(client, held):
    client.post(manage_url() + "delete-my-data/")

    again = client.get(manage_url() + "delete-my-data/")

    assert again.status_code == 200
    assert not says(again, "What will be deleted", "bg")
    assert "Yes, delete my data" not in again.content.decode()


def test_an_active_monthly_gift_must_be_cancelled_first(client, held):
    DonationFactory(status=Donation.PAID, email=EMAIL, frequency="monthly", stripe_subscription_id="sub_x",
                    stripe_customer_id="cus_x", subscription_status="active", paid_at=timezone.now(),
                    receipt_year=timezone.now().year, receipt_number=13)
    page = client.get(manage_url() + "delete-my-data/")
    assert says(page, "Change the card or cancel a monthly donation", "bg")

    response = client.post(manage_url() + "delete-my-data/")

    assert response.status_code == 409
    assert Donation.objects.filter(email=EMAIL).count() == 3
    assert not ErasureRecord.objects.exists()


def test_an_expired_link_can_neither_download_nor_delete(client, held, settings):
    url = manage_url()
    later = timezone.now().timestamp() + settings.DONATION_MANAGE_LINK_MAX_AGE + 5
    with mock.patch("time.time", return_value=later):
        download = client.get(url + "my-data/")
        deletion = client.post(url + "delete-my-data/")

    assert download.status_code == 410 and deletion.status_code == 410
    assert Donation.objects.filter(email=EMAIL).count() == 2


def test_the_result_page_without_an_erasure_goes_back_to_the_step(client, held):
    response = client.get(manage_url() + "delete-my-data/done/")

    assert response.status_code == 303 and response["Location"].endswith("/delete-my-data/")
