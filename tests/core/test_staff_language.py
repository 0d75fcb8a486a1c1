"""The language a staff member reads what is sent to them in (core.languages.staff_language)."""

import pytest
from django.utils import translation
from wagtail.users.models import UserProfile

from core.languages import staff_language

pytestmark = pytest.mark.django_db


def user_with(django_user_model, language):
    user = django_user_model.objects.create_user("staff", "staff@example.org", "x")
    if language is not None:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    return user


def test_the_admin_language_the_staff_member_chose(django_user_model):
    assert staff_language(user_with(django_user_model, "en")) == "en"


@pytest.mark.parametrize("language", [None, "", "de"])
def test_no_usable_choice_means_the_sites_default_language(django_user_model, language):
    user = user_with(django_user_model, language)
    with translation.override("en"):  # an English visitor's request is no staff member's choice
        assert staff_language(user) == "bg"
