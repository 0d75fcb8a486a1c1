"""Staff write, preview, test and send a newsletter from the admin; an ESP's signed bounce
and complaint webhooks (django-anymail) take addresses off the list; a sent newsletter is
published as news when staff ticked it."""

import base64
import hashlib
import hmac
import json
import time

import pytest
from django.core import mail
from django.urls import reverse

from donations.models import NewsletterSubscriber, NewsletterSuppression
from newsletters import sending
from newsletters.models import Delivery, Mailing, Newsletter
from tests.newsletters.conftest import make_newsletter, subscribe
from tests.newsletters.test_delivery import run_until_done

pytestmark = pytest.mark.django_db

SIGNING_KEY = "key-test-signing"
WEBHOOK_SECRET = "anymail:webhook-secret"


@pytest.fixture
def staff(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "x" * 12)
    client.force_login(user)
    return user


def test_staff_compose_a_newsletter_in_the_snippet_editor(client, staff, home_pages):
    response = client.post(
        reverse("wagtailsnippets_newsletters_newsletter:add") + "?locale=bg",
        {
            "subject": "Пролетен бюлетин", "preheader": "Новини", "body-count": "1",
            "body-0-type": "heading", "body-0-deleted": "", "body-0-order": "0",
            "body-0-value-text": "Здравейте", "body-0-value-level": "h2",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    newsletter = Newsletter.objects.get()
    assert newsletter.language == "bg" and newsletter.body[0].value["text"] == "Здравейте"


def test_the_preview_is_the_email_and_its_text_part(client, staff, newsletter):
    edit = client.get(reverse("wagtailsnippets_newsletters_newsletter:edit", args=[newsletter.pk]))
    assert edit.status_code == 200
    preview_url = reverse("wagtailsnippets_newsletters_newsletter:preview_on_edit", args=[newsletter.pk])
    data = {"subject": newsletter.subject, "preheader": "", "body-count": "1", "body-0-type": "heading",
            "body-0-deleted": "", "body-0-order": "0", "body-0-value-text": "Прегледът", "body-0-value-level": "h2"}
    assert client.post(preview_url, data).json()["is_valid"]
    html = client.get(preview_url).content.decode()
    assert "Прегледът" in html and "<table role=\"presentation\"" in html
    # The email's styles are inline: its answer alone allows them, and framing by the admin.
    preview = client.get(preview_url)
    assert "style-src 'unsafe-inline'" in preview["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in preview["Content-Security-Policy"]
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    text = client.get(preview_url + "?mode=text")
    assert text["Content-Type"].startswith("text/plain") and "Прегледът" in text.content.decode()


def test_a_test_goes_only_to_the_staff_member(client, staff, newsletter):
    subscribe(5)
    response = client.post(reverse("newsletters_send_test", args=[newsletter.pk]))

    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["editor@example.org"]
    assert message.subject.startswith("[Тест]") or message.subject.startswith("[Test]")
    assert not Mailing.objects.exists()


def test_sending_asks_for_confirmation_then_reports_per_recipient(client, staff, newsletter, smtp,
                                                                  django_capture_on_commit_callbacks):
    subscribe(3)
    subscribe(2, "en", prefix="english")
    confirm_page = client.get(reverse("newsletters_send", args=[newsletter.pk]))
    assert confirm_page.status_code == 200 and confirm_page.context["count"] == 3

    assert client.post(reverse("newsletters_send", args=[newsletter.pk]), {}).status_code == 400
    assert not Mailing.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("newsletters_send", args=[newsletter.pk]), {"confirm": "yes"})
    assert response.status_code == 302 and response.url == reverse("newsletters_report", args=[newsletter.pk])

    report = client.get(response.url)
    assert report.status_code == 200
    assert dict((value, number) for value, _label, number in report.context["counts"])[Delivery.SENT] == 3
    assert "reader0@example.org" in report.content.decode()
    assert len(smtp.recipients()) == 3
    # Sent: the editor refuses changes and the send view leads to the report.
    assert client.get(reverse("newsletters_send", args=[newsletter.pk])).url == response.url


def test_staff_without_the_send_permission_cannot_send(client, django_user_model, newsletter):
    from django.contrib.auth.models import Group, Permission

    editor = django_user_model.objects.create_user("writer", "writer@example.org", "x" * 12)
    group = Group.objects.create(name="Writers")
    group.permissions.add(Permission.objects.get(codename="access_admin"),
                          Permission.objects.get(codename="change_newsletter"))
    editor.groups.add(group)
    client.force_login(editor)
    subscribe(2)

    response = client.post(reverse("newsletters_send", args=[newsletter.pk]), {"confirm": "yes"})
    # Wagtail answers a refused admin view with a redirect to the dashboard and a message.
    assert response.status_code in (302, 403) and response.get("Location", "/admin/") == "/admin/"
    assert not Mailing.objects.exists()


def test_a_sent_newsletter_is_published_as_news_when_ticked(settings, smtp, site_tree):
    subscribe(2)
    newsletter = make_newsletter("bg", publish_as_press=True, subject="Бюлетин за май")
    mailing = sending.start_mailing(newsletter)
    run_until_done(mailing)

    from home.models import PressPage

    page = PressPage.objects.get(title="Бюлетин за май")
    assert page.live and page.locale.language_code == "bg"
    assert page.get_parent().specific_class.__name__ == "PressIndexPage"
    assert [block.block_type for block in page.body] == [block.block_type for block in newsletter.body]
    mailing.refresh_from_db()
    assert mailing.press_url.startswith("http://testserver/bg/")


def test_an_unticked_newsletter_is_not_published(smtp, site_tree):
    from home.models import PressPage

    subscribe(1)
    before = PressPage.objects.count()
    run_until_done(sending.start_mailing(make_newsletter("bg")))
    assert PressPage.objects.count() == before


# --- the ESP (django-anymail) ------------------------------------------------------------------


def mailgun_event(event, recipient, message_id, severity="permanent"):
    timestamp, token = str(int(time.time())), "a" * 50
    signature = hmac.new(SIGNING_KEY.encode(), f"{timestamp}{token}".encode(), hashlib.sha256).hexdigest()
    return {
        "signature": {"timestamp": timestamp, "token": token, "signature": signature},
        "event-data": {"event": event, "severity": severity, "recipient": recipient, "timestamp": time.time(),
                       "message": {"headers": {"message-id": message_id.strip("<>")}}},
    }


@pytest.fixture
def esp(settings):
    settings.NEWSLETTER_ESP = "mailgun"
    settings.NEWSLETTER_EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    settings.ANYMAIL = {"MAILGUN_WEBHOOK_SIGNING_KEY": SIGNING_KEY, "WEBHOOK_SECRET": WEBHOOK_SECRET}
    settings.ROOT_URLCONF = "tests.newsletters.urls_esp"
    settings.NEWSLETTER_RATE_PER_SECOND = 0


def post_webhook(client, payload, secret=WEBHOOK_SECRET):
    auth = base64.b64encode(secret.encode()).decode()
    return client.post("/anymail/mailgun/tracking/", json.dumps(payload), content_type="application/json",
                       HTTP_AUTHORIZATION=f"Basic {auth}")


def sent_through_the_esp(newsletter, count=3):
    readers = subscribe(count)
    mailing = sending.start_mailing(newsletter)
    run_until_done(mailing)
    return readers, mailing


def test_a_hard_bounce_from_the_esp_unsubscribes_the_address(client, esp, newsletter):
    readers, mailing = sent_through_the_esp(newsletter)
    assert len(mail.outbox) == 3  # anymail's test backend, with the ESP's message ids
    delivery = Delivery.objects.get(mailing=mailing, subscriber=readers[1])
    assert delivery.message_id

    response = post_webhook(client, mailgun_event("failed", readers[1].email, delivery.message_id))

    assert response.status_code == 200
    assert not NewsletterSubscriber.objects.filter(pk=readers[1].pk).exists()
    assert NewsletterSuppression.objects.count() == 1
    delivery.refresh_from_db()
    assert delivery.status == Delivery.BOUNCED
    assert NewsletterSubscriber.objects.count() == 2


def test_a_spam_complaint_unsubscribes_the_address(client, esp, newsletter):
    readers, mailing = sent_through_the_esp(newsletter)
    delivery = Delivery.objects.get(mailing=mailing, subscriber=readers[0])

    assert post_webhook(client, mailgun_event("complained", readers[0].email, delivery.message_id)).status_code == 200
    assert not NewsletterSubscriber.objects.filter(pk=readers[0].pk).exists()
    delivery.refresh_from_db()
    assert delivery.status == Delivery.COMPLAINED


def test_a_soft_bounce_changes_nothing(client, esp, newsletter):
    readers, mailing = sent_through_the_esp(newsletter)
    delivery = Delivery.objects.get(mailing=mailing, subscriber=readers[0])

    response = post_webhook(client, mailgun_event("failed", readers[0].email, delivery.message_id, "temporary"))
    assert response.status_code == 200
    assert NewsletterSubscriber.objects.count() == 3


def test_a_webhook_with_a_wrong_signature_or_secret_changes_nothing(client, esp, newsletter):
    readers, mailing = sent_through_the_esp(newsletter)
    delivery = Delivery.objects.get(mailing=mailing, subscriber=readers[0])
    forged = mailgun_event("failed", readers[0].email, delivery.message_id)
    forged["signature"]["signature"] = "0" * 64

    assert post_webhook(client, forged).status_code == 400
    assert post_webhook(client, mailgun_event("failed", readers[0].email, delivery.message_id),
                        secret="anymail:wrong").status_code == 400
    assert NewsletterSubscriber.objects.count() == 3


def test_without_an_esp_there_is_no_webhook(client, db):
    response = client.post("/anymail/mailgun/tracking/", "{}", content_type="application/json", follow=True)
    assert response.status_code == 404


