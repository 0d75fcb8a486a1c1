"""The active language and its Wagtail Locale, for every app."""

from django.utils.translation import get_language
from wagtail.models import Locale

from core.page_cache import for_generation


def current_language():
    return (get_language() or "bg")[:2]


def locale_id(language):
    """The Locale id for a language, remembered per content generation."""

    def build():
        return Locale.objects.filter(language_code=language).values_list("id", flat=True).first()

    return for_generation("locale-id", language, build)


def active_locale():
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return Locale.get_default()


def staff_language(user):
    """The language a staff member reads the admin in, for what is sent to them: the preferred
    language of their Wagtail profile (Account → Language), else the site's default language.
    Not Wagtail's ``UserProfile.get_preferred_language``: without a preference it answers the
    language active at the moment (an English visitor's request), which is not the staff
    member's."""
    from django.conf import settings
    from wagtail.users.models import UserProfile

    languages = {code for code, _name in settings.LANGUAGES}
    preferred = UserProfile.objects.filter(user=user).values_list("preferred_language", flat=True).first()
    return preferred if preferred in languages else settings.LANGUAGE_CODE
