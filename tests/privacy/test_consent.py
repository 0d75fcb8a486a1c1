"""Consent evidence for the newsletter (when, from which form on which page, the wording shown)
and an unsubscription that keeps only what stops a re-send: a hash of the address."""

import re

import pytest
from django.core import mail
from django.utils import timezone, translation

from core.personal_data import email_hash
from donations import newsletter
from donations.models import NewsletterSubscriber, NewsletterSuppression
from donations.newsletter import CONSENT_LABEL

pytestmark = pytest.mark.django_db


def sign_up(client, email="reader@example.org", language="bg", **extra):
    return client.post(f"/{language}/donations/newsletter/", {"email": email, "consent": "on", "website_url": "",
                                                               **extra})


def link(kind):
    return re.search(rf"http://testserver(/\S+/newsletter/{kind}/\S+/)", mail.outbox[-1].body).group(1)


def test_the_footer_form_keeps_when_which_form_which_page_and_the_wording(client, home_pages):
    before = timezone.now()

    sign_up(client, language="en", shown_on="/en/projects/?page=2")

    subscriber = NewsletterSubscriber.objects.get()
    assert subscriber.consented_at >= before
    assert subscriber.source == NewsletterSubscriber.FORM
    assert subscriber.consent_page == "/en/projects/?page=2"
    with translation.override("en"):
        assert subscriber.consent_text == str(CONSENT_LABEL)


def test_the_wording_is_the_one_shown_in_the_visitors_language(client, home_pages):
    sign_up(client, language="bg", shown_on="/bg/")

    with translation.override("bg"):
        assert NewsletterSubscriber.objects.get().consent_text == str(CONSENT_LABEL)


@pytest.mark.parametrize("shown_on", ["", "https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_a_missing_or_foreign_page_address_is_replaced_by_the_form_page(client, home_pages, shown_on):
    sign_up(client, shown_on=shown_on)

    assert NewsletterSubscriber.objects.get().consent_page == "/bg/donations/newsletter/"


def test_every_page_footer_says_which_page_the_form_is_on(client, home_pages):
    html = client.get("/bg/").content.decode()

    assert '<input type="hidden" name="shown_on" value="/bg/">' in html


def test_the_donation_form_keeps_its_own_page_as_the_evidence(client, home_pages):
    from donations.models import DonationPage

    page = home_pages.home_bg.add_child(
        instance=DonationPage(title="Дарете", slug="darete", locale=home_pages.bg_locale)
    )
    client.post(page.url, {"frequency": "once", "amount_choice": "20", "donor_name": "Д", "email": "d@example.org",
                           "consent": "on", "newsletter_opt_in": "on", "website_url": ""})

    subscriber = NewsletterSubscriber.objects.get()
    assert subscriber.source == NewsletterSubscriber.DONATION and subscriber.consent_page == page.url


def test_unsubscribing_keeps_only_a_hash_of_the_address(client, home_pages, on_commit):
    with on_commit():
        sign_up(client)
    client.post(link("confirm"))
    unsubscribe = link("unsubscribe")

    assert client.post(unsubscribe).status_code == 200

    assert not NewsletterSubscriber.objects.exists()
    [suppression] = NewsletterSuppression.objects.all()
    assert suppression.email_hash == email_hash("reader@example.org")
    assert "reader" not in str(suppression.__dict__)


def test_a_confirmation_queued_before_the_unsubscription_is_not_sent(client, home_pages):
    subscriber = newsletter.request_subscription("late@example.org", "bg", NewsletterSubscriber.FORM, "wording")
    mail.outbox.clear()
    # Unsubscribed with the link of an earlier email before the queued confirmation went out;
    # the (recreated) subscription still rests on the old consent.
    newsletter.unsubscribe_address("late@example.org")
    NewsletterSubscriber.objects.create(email="late@example.org", consented_at=subscriber.consented_at)
    stale = NewsletterSubscriber.objects.get()

    assert newsletter.send_newsletter_confirmation.call(stale.pk) is False
    assert not mail.outbox


def test_subscribing_again_after_unsubscribing_works_and_clears_the_hash(client, home_pages, on_commit):
    newsletter.unsubscribe_address("back@example.org")

    with on_commit():
        sign_up(client, email="back@example.org")
    assert len(mail.outbox) == 1  # a new consent: the confirmation goes out
    client.post(link("confirm"))

    assert NewsletterSubscriber.objects.get().is_active
    assert not NewsletterSuppression.objects.exists()


def test_an_old_confirmation_link_after_unsubscribing_says_so(client, home_pages, on_commit):
    with on_commit():
        sign_up(client)
    confirm = link("confirm")
    client.post(link("unsubscribe"))

    response = client.get(confirm)

    assert response.status_code == 200
    with translation.override("bg"):
        assert translation.gettext("This address has unsubscribed") in response.content.decode()
    assert not NewsletterSubscriber.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_earlier_unsubscriptions_into_hashes():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("donations", "0003_finance_group")]
    after = [("donations", "0004_newsletter_suppression_consent_page")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    Subscriber = old_apps.get_model("donations", "NewsletterSubscriber")
    now = timezone.now()
    Subscriber.objects.create(email="Gone@Example.org", consented_at=now, unsubscribed_at=now)
    Subscriber.objects.create(email="stays@example.org", consented_at=now, confirmed_at=now)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)

    assert list(NewsletterSubscriber.objects.values_list("email", flat=True)) == ["stays@example.org"]
    assert NewsletterSuppression.objects.get().email_hash == email_hash("gone@example.org")
    # Back to the latest schema: later transactional tests share this database.
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
