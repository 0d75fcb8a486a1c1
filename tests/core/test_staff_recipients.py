"""Who at the foundation is told when the caller's own first choice names nobody (the site's
organisation settings, STAFF_EMAIL, the first active superuser), and the language each recipient
reads (core/staff_recipients.py)."""

import pytest
from wagtail.models import Site
from wagtail.users.models import UserProfile

from core.staff_recipients import email_addresses, fallback_recipients, recipient_languages, site_for
from home.models import OrganisationSettings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_staff_email(settings):
    settings.STAFF_EMAIL = ""


@pytest.fixture
def site():
    return Site.objects.get(is_default_site=True)


def person(django_user_model, username, language=None, superuser=False, **fields):
    create = django_user_model.objects.create_superuser if superuser else django_user_model.objects.create_user
    user = create(username=username, email=fields.pop("email", f"{username}@example.org"), password="x", **fields)
    if language:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    return user


def test_a_typed_list_of_addresses_is_split_and_tidied():
    assert email_addresses(" a@example.org;b@example.org\n A@example.org, c@example.org ") == [
        "a@example.org", "b@example.org", "c@example.org",
    ]


def test_the_organisation_settings_come_first(site, settings, django_user_model):
    OrganisationSettings.objects.create(
        site=site, name_bg="ХЕСЕД", enquiry_recipients="office@example.org, director@example.org"
    )
    settings.STAFF_EMAIL = "server@example.org"
    person(django_user_model, "root", superuser=True)

    assert fallback_recipients(site) == ["office@example.org", "director@example.org"]


def test_staff_email_comes_when_the_settings_name_nobody(site, settings, django_user_model):
    OrganisationSettings.objects.create(site=site, name_bg="ХЕСЕД", enquiry_recipients="")
    settings.STAFF_EMAIL = "server@example.org; second@example.org"
    person(django_user_model, "root", superuser=True)

    assert fallback_recipients(site) == ["server@example.org", "second@example.org"]


def test_the_first_active_superuser_with_an_address_comes_last(site, django_user_model):
    person(django_user_model, "gone", superuser=True, is_active=False)
    person(django_user_model, "editor")
    person(django_user_model, "no-address", superuser=True, email="")
    person(django_user_model, "first", superuser=True)
    person(django_user_model, "second", superuser=True)

    assert fallback_recipients(site) == ["first@example.org"]


def test_nobody_without_any_address(site):
    assert fallback_recipients(site) == []


def test_without_a_site_the_settings_are_passed_over(settings):
    settings.STAFF_EMAIL = "server@example.org"

    assert fallback_recipients(None) == ["server@example.org"]


def test_reading_the_settings_creates_no_settings_row(site):
    fallback_recipients(site)

    assert not OrganisationSettings.objects.exists()


def test_without_a_request_the_default_site_applies(site):
    assert site_for(None) == site


def test_each_address_reads_its_users_admin_language_else_the_default(django_user_model):
    person(django_user_model, "english", "en")
    person(django_user_model, "undecided")
    person(django_user_model, "gone", "en", is_active=False)

    groups = recipient_languages(["English@Example.org", "undecided@example.org", "gone@example.org", "x@example.org"])

    assert groups == {
        "en": ["English@Example.org"],
        "bg": ["undecided@example.org", "gone@example.org", "x@example.org"],
    }
