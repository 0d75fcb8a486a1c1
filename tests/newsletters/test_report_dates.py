"""The delivery report writes its moments as each admin language does (core.formatting through
the ``long_datetime`` filter): "2 декември 2026 г., 18:21" in Bulgarian, "2 December 2026, 18:21"
in English, in the site's time zone (Sofia)."""

import datetime

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from newsletters import sending
from newsletters.models import Delivery, Mailing
from tests.newsletters.conftest import make_newsletter, subscribe

pytestmark = pytest.mark.django_db

STARTED = datetime.datetime(2026, 12, 2, 16, 21, tzinfo=datetime.UTC)  # 18:21 in Sofia
FINISHED = datetime.datetime(2026, 12, 2, 16, 45, tzinfo=datetime.UTC)
SENT = datetime.datetime(2026, 12, 2, 16, 22, 7, tzinfo=datetime.UTC)


@pytest.fixture
def sent_newsletter(settings, django_user_model):
    settings.NEWSLETTER_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.NEWSLETTER_RATE_PER_SECOND = 0
    subscribe(1)
    newsletter = make_newsletter("bg")
    mailing = sending.start_mailing(newsletter)
    while sending.send_batch(mailing.pk) != "done":
        pass
    Mailing.objects.filter(pk=mailing.pk).update(started_at=STARTED, finished_at=FINISHED)
    Delivery.objects.filter(mailing=mailing).update(sent_at=SENT)
    return newsletter


def report_text(client, django_user_model, newsletter, language):
    user = django_user_model.objects.create_superuser(f"editor-{language}", f"{language}@example.org", "x" * 12)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    response = client.get(reverse("newsletters_report", args=[newsletter.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("language", "started", "finished", "sent"),
    [
        ("bg", "2 декември 2026 г., 18:21", "2 декември 2026 г., 18:45", "2 декември 2026 г., 18:22:07"),
        ("en", "2 December 2026, 18:21", "2 December 2026, 18:45", "2 December 2026, 18:22:07"),
    ],
)
def test_the_report_writes_its_dates_as_the_admin_language_does(
    client, django_user_model, sent_newsletter, language, started, finished, sent
):
    text = report_text(client, django_user_model, sent_newsletter, language)

    assert f"<dd>{started}" in text
    assert f"<dd>{finished}</dd>" in text
    assert f"<td>{sent}</td>" in text
