"""Fixtures for the newsletters: a real SMTP server (aiosmtpd) that the newsletter backend
talks to, confirmed subscribers in bulk, and a newsletter with every kind of block."""

import pytest
from django.utils import timezone

from donations.models import NewsletterSubscriber
from newsletters.models import Newsletter
from tests import factories
from tests.newsletters.smtp_server import SmtpServer

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


@pytest.fixture
def smtp(settings):
    with SmtpServer() as server:
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_TIMEOUT = 10
        settings.NEWSLETTER_EMAIL_BACKEND = SMTP_BACKEND
        settings.EMAIL_BACKEND = SMTP_BACKEND
        settings.NEWSLETTER_RATE_PER_SECOND = 0
        yield server.collector


def subscribe(count, language="bg", prefix="reader", confirmed=True):
    now = timezone.now()
    NewsletterSubscriber.objects.bulk_create(
        NewsletterSubscriber(
            email=f"{prefix}{number}@example.org", language=language, consented_at=now,
            confirmed_at=now if confirmed else None, consent_text="I would like to receive the newsletter.",
        )
        for number in range(count)
    )
    return list(NewsletterSubscriber.objects.filter(email__startswith=prefix).order_by("pk"))


def make_newsletter(language="bg", page=None, image=None, **fields):
    body = [
        {"type": "heading", "value": {"text": "Новини от центъра", "level": "h2"}},
        {"type": "paragraph", "value": '<p>Прочетете <a href="/bg/za-nas/">за нас</a> и <b>още</b>.</p>'},
        {"type": "list", "value": {"heading": "Тази година", "items": ["Курсове", "Срещи"]}},
        {"type": "quote", "value": {"quote": "Заедно сме по-силни.", "attribution": "Мария"}},
        {"type": "call_to_action", "value": {
            "title": "Подкрепете ни", "text": "Всяко дарение помага.", "page": page.pk if page else None,
            "url": "" if page else "https://example.org/donate", "button_label": "Дарете",
        }},
    ]
    if image is not None:
        body.append({"type": "image", "value": {"image": image.pk, "alt_text": "Деца в центъра",
                                                "decorative": False, "caption": "В центъра"}})
    defaults = {"subject": "Бюлетин: пролет", "preheader": "Какво ново", "body": body}
    defaults.update(fields)
    return Newsletter.objects.create(locale=factories.locale(language), **defaults)


@pytest.fixture
def newsletter(home_pages):
    return make_newsletter("bg", page=home_pages.home_bg, image=factories.ImageFactory())
