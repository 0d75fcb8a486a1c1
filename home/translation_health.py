"""Which pages English readers miss: Bulgarian pages with no English translation, and English
translations whose Bulgarian source was edited after it was last synced (wagtail-localize's
TranslationSource records when it last read the source page) or that still hold drafts: strings
whose previous translation was kept, on sync, for a translator to review
(core.wagtail_adapter.write_drafts). Shown in the admin under
"Преводи" (home/wagtail_hooks.py), each with the wagtail-localize action that fixes it."""

from dataclasses import dataclass

from django.urls import reverse
from wagtail.models import Locale, Page

from core.wagtail_adapter import sources_with_drafts


@dataclass
class Row:
    page: Page
    translation: Page | None
    action_url: str
    changed_at: object = None
    synced_at: object = None
    has_drafts: bool = False


def translate_url(page, language="en"):
    """wagtail-localize's "Translate this page" form with ``language`` already ticked."""
    return reverse("wagtail_localize:submit_page_translation", args=[page.pk]) + f"?select_locale={language}"


def translation_health(source_language="bg", target_language="en"):
    """{"missing": [Row], "outdated": [Row]} in tree order."""
    from wagtail_localize.models import TranslationSource

    source_locale = Locale.objects.filter(language_code=source_language).first()
    target_locale = Locale.objects.filter(language_code=target_language).first()
    if source_locale is None or target_locale is None:
        return {"missing": [], "outdated": []}
    pages = Page.objects.filter(locale=source_locale, depth__gte=2).order_by("path")
    translated = dict(Page.objects.filter(locale=target_locale).values_list("translation_key", "pk"))
    in_use = TranslationSource.objects.filter(locale=source_locale, object_id__in=pages.values("translation_key"))
    sources = {source.object_id: source for source in in_use}
    with_drafts = sources_with_drafts([source.pk for source in in_use], target_locale)
    targets = Page.objects.in_bulk(translated.values())
    missing, outdated = [], []
    for page in pages:
        if page.translation_key not in translated:
            missing.append(Row(page, None, translate_url(page, target_language)))
            continue
        source = sources.get(page.translation_key)
        changed_at = page.last_published_at or page.latest_revision_created_at
        if source is None:
            continue
        target = targets.get(translated[page.translation_key])
        if changed_at and changed_at > source.last_updated_at:
            outdated.append(
                Row(
                    page,
                    target,
                    reverse("wagtail_localize:update_translations", args=[source.pk]),
                    changed_at=changed_at,
                    synced_at=source.last_updated_at,
                )
            )
        elif source.pk in with_drafts:
            # Synced, but a translator has still to review what the sync kept: the English
            # page's editor is wagtail-localize's translation editor.
            outdated.append(
                Row(
                    page,
                    target,
                    reverse("wagtailadmin_pages:edit", args=[translated[page.translation_key]]),
                    changed_at=changed_at,
                    synced_at=source.last_updated_at,
                    has_drafts=True,
                )
            )
    return {"missing": missing, "outdated": outdated}
