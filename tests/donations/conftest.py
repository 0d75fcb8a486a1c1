"""Fixtures for donations: a home page with a donation page in Bulgarian and English, a local
server standing in for Stripe's API, and Stripe settings pointing at it."""

import tempfile
from pathlib import Path

import pytest
from hypothesis.configuration import set_hypothesis_home_dir

from tests.donations import fake_stripe
from tests.donations.stripe_events import WEBHOOK_SECRET

# Hypothesis keeps caches (and would keep an example database) in .hypothesis/ under the
# current directory; keep the work tree clean.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "mir-donations-hypothesis")




@pytest.fixture(autouse=True)
def no_gateway_by_default(settings):
    """Each test says which gateway it uses; none leaks in from the environment."""
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens there: no test reaches the internet
    settings.STRIPE_TEST_GATEWAY = False
    settings.DEBUG = False


@pytest.fixture
def pages(db):
    from wagtail.models import Locale, Page, Site

    from donations.models import DonationPage
    from home.models import HomePage

    bulgarian, _ = Locale.objects.get_or_create(language_code="bg")
    english, _ = Locale.objects.get_or_create(language_code="en")
    # A transactional test's flush removes the tree root that Wagtail's migration created.
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=bulgarian))
    home = root.add_child(instance=HomePage(title="Начало", slug="home-test", locale=bulgarian, mission="Мисия"))
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True, site_name="Test")
    page = home.add_child(
        instance=DonationPage(title="Подкрепете ни", slug="darete", locale=bulgarian, goal_amount=1000)
    )
    english_home = home.copy_for_translation(english)
    english_home.title = "Home"
    english_home.save_revision().publish()
    english_page = page.copy_for_translation(english)
    english_page.title = "Support us"
    english_page.slug = "donate"
    english_page.save_revision().publish()
    return {"home": home, "bg": page, "en": DonationPage.objects.get(pk=english_page.pk)}


@pytest.fixture
def fake_server():
    server = fake_stripe.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


@pytest.fixture
def stripe_settings(settings, fake_server):
    settings.STRIPE_SECRET_KEY = "sk_test_fake_key"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = fake_server.url
    return fake_server


@pytest.fixture
def test_gateway_settings(settings):
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_WEBHOOK_SECRET = ""
    settings.STRIPE_TEST_GATEWAY = True


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run transaction.on_commit callbacks (the receipt task) as a real commit would."""

    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture


def form_data(**overrides):
    data = {
        "frequency": "once",
        "amount_choice": "50",
        "other_amount": "",
        "donor_name": "Мария Иванова",
        "email": "Maria@Example.org",
        "dedication_kind": "",
        "dedication_name": "",
        "consent": "on",
        "website_url": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def translated(message, language="bg"):
    """The text a visitor sees for ``message`` in ``language`` (the msgid itself while the
    translation is not written yet), so assertions hold before and after the translator's pass."""
    from django.utils import translation

    with translation.override(language):
        return str(translation.gettext(message))


def says(response, message, language="bg"):
    """Whether the page shows ``message`` (HTML-escaped, as from a variable, or as written, as
    {% translate "literal" %} outputs it)."""
    from django.utils.html import escape

    content = response if isinstance(response, str) else response.content.decode()
    text = translated(message, language)
    return text in content or escape(text) in content
