"""A sending keeps NEWSLETTER_RATE_PER_SECOND: the worker waits between messages so that N
messages at rate R take N/R seconds, and rate 0 never waits. Measured on a fake clock that moves
only when the worker sleeps (or when a test says a message took time), never on the machine's."""

import pytest

from newsletters import sending
from newsletters.models import Delivery
from tests.newsletters.conftest import make_newsletter, subscribe

pytestmark = pytest.mark.django_db

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class FakeClock:
    def __init__(self):
        self.now = 0.0
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def mailing(settings):
    settings.NEWSLETTER_EMAIL_BACKEND = LOCMEM
    settings.NEWSLETTER_BATCH_SIZE = 100
    subscribe(20)
    return sending.start_mailing(make_newsletter("bg"))


def send_one_batch(mailing, clock):
    assert sending.send_batch(mailing.pk, sleep=clock.sleep, clock=clock) == "sent"
    assert Delivery.objects.filter(mailing=mailing, status=Delivery.SENT).count() == 20


def test_twenty_messages_at_eight_a_second_wait_two_and_a_half_seconds(settings, mailing):
    settings.NEWSLETTER_RATE_PER_SECOND = 8
    clock = FakeClock()

    send_one_batch(mailing, clock)

    assert sum(clock.sleeps) == pytest.approx(20 / 8)
    assert clock.sleeps == pytest.approx([1 / 8] * 20), "one even pause after each message"


def test_the_time_a_message_takes_counts_towards_its_pause(settings, mailing, monkeypatch):
    settings.NEWSLETTER_RATE_PER_SECOND = 10
    clock = FakeClock()
    deliver = sending.deliver

    def slow_deliver(*args):
        clock.now += 0.03  # the mail server takes 30 ms to accept each message
        return deliver(*args)

    monkeypatch.setattr(sending, "deliver", slow_deliver)

    send_one_batch(mailing, clock)

    assert clock.now == pytest.approx(20 / 10), "sending and waiting together take N/R seconds"
    assert clock.sleeps == pytest.approx([0.07] * 20)


def test_rate_zero_never_waits(settings, mailing):
    settings.NEWSLETTER_RATE_PER_SECOND = 0
    clock = FakeClock()

    send_one_batch(mailing, clock)

    assert clock.sleeps == []


@pytest.mark.parametrize(
    ("rate", "took", "pause"),
    [(10, 0.0, 0.1), (10, 0.04, 0.06), (10, 0.1, 0.0), (10, 0.5, 0.0), (0, 0.0, 0.0), (0.5, 1.0, 1.0)],
)
def test_the_pause_is_what_is_left_of_one_over_the_rate(rate, took, pause):
    assert sending.pause_for(rate, 100.0, 100.0 + took) == pytest.approx(pause)
