"""The active language and its Wagtail Locale, for every app."""

from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info, pgettext_lazy
from wagtail.models import Locale

from core.page_cache import for_generation

# A language's name in the reader's language, as it reads inside a sentence ("… subscribers in
# Bulgarian", "на български"). settings.LANGUAGES names each language in itself, for the public
# language switcher; staff screens name them in the staff member's language.
LANGUAGE_NAMES = {
    "bg": pgettext_lazy("language inside a sentence", "Bulgarian"),
    "en": pgettext_lazy("language inside a sentence", "English"),
}


def language_name(code):
    """The language's name inside a sentence, in the active language (lazy for the two the site has)."""
    return LANGUAGE_NAMES.get(code) or get_language_info(code)["name_translated"]


def language_choices():
    """Choices for a language field or filter staff read: each of settings.LANGUAGES, named in the
    reader's language and capitalised as a choice stands on its own ("Английски")."""
    return [(code, capfirst(language_name(code))) for code, _own_name in settings.LANGUAGES]


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
    from wagtail.users.models import UserProfile

    languages = {code for code, _name in settings.LANGUAGES}
    preferred = UserProfile.objects.filter(user=user).values_list("preferred_language", flat=True).first()
    return preferred if preferred in languages else settings.LANGUAGE_CODE
