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
