"""Fixtures for the personal-data tests."""

import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


@pytest.fixture(autouse=True)
def test_gateway(settings):
    """The local test gateway, never Stripe: no test reaches the internet."""
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_WEBHOOK_SECRET = ""
    settings.STRIPE_TEST_GATEWAY = True
    settings.DEBUG = False


@pytest.fixture(autouse=True)
def default_language():
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run transaction.on_commit callbacks (the emails) as a real commit would."""

    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture
