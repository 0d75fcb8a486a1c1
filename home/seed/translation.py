"""English translations made through wagtail-localize, so that the English pages are real
translations: the translation editor shows every string as translated, and a later edit of a
Bulgarian page can be synced to English the usual way.

For one Bulgarian page: its TranslationSource is extracted; an unsaved "shadow" of the page
gets the English texts of the same spec (same block ids, same form-field translation keys);
the segments of both are paired by (path, position within the path) and stored as
StringTranslations; then the Translation writes the English page."""

from collections import defaultdict

from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments


class SeedTranslationError(Exception):
    """The English spec does not line up with the Bulgarian page: fix the spec, not the data."""


def string_segments_by_position(instance):
    """{(path, n): segment} for the n-th string segment at each path (a rich-text block holds
    several strings under one path)."""
    counters = defaultdict(int)
    positioned = {}
    for segment in extract_segments(instance):
        if not isinstance(segment, StringSegmentValue):
            continue
        position = counters[segment.path]
        counters[segment.path] += 1
        positioned[(segment.path, position)] = segment
    return positioned


def pair_segments(bg_instance, en_instance):
    """{(path, n): (bg segment, en segment)}; raises if the two do not have the same shape."""
    bg_segments = string_segments_by_position(bg_instance)
    en_segments = string_segments_by_position(en_instance)
    missing = sorted(set(bg_segments) - set(en_segments))
    extra = sorted(set(en_segments) - set(bg_segments))
    if missing or extra:
        raise SeedTranslationError(
            f"{bg_instance!r}: English and Bulgarian segments differ; only in Bulgarian: {missing}, "
            f"only in English: {extra}"
        )
    pairs = {}
    for key, bg_segment in bg_segments.items():
        en_segment = en_segments[key]
        if (bg_segment.attrs or {}) != (en_segment.attrs or {}):
            raise SeedTranslationError(
                f"{bg_instance!r}: the link attributes of segment {key} differ: {bg_segment.attrs} / {en_segment.attrs}"
            )
        pairs[key] = (bg_segment, en_segment)
    return pairs


def store_string_translations(source, pairs, locale):
    """One StringTranslation per source StringSegment, keyed as the translation editor keys them
    (string, locale, context). Returns how many were created."""
    created_count = 0
    counters = defaultdict(int)
    chosen = {}
    segments = source.stringsegment_set.select_related("string", "context").order_by("order")
    for string_segment in segments:
        path = string_segment.context.path
        key = (path, counters[path])
        counters[path] += 1
        if key not in pairs:
            raise SeedTranslationError(f"{source}: no English text for segment {key}")
        bg_segment, en_segment = pairs[key]
        if bg_segment.string.data != string_segment.string.data:
            raise SeedTranslationError(
                f"{source}: segment {key} is {string_segment.string.data!r} in the source but "
                f"{bg_segment.string.data!r} in the page: the source is out of date"
            )
        english = en_segment.string.data
        identity = (string_segment.string_id, string_segment.context_id)
        # The same Bulgarian string twice under one path can only have one translation.
        if chosen.setdefault(identity, english) != english:
            raise SeedTranslationError(
                f"{source}: {string_segment.string.data!r} appears twice at {path} with different English texts"
            )
        translation, created = StringTranslation.objects.get_or_create(
            translation_of_id=string_segment.string_id,
            locale=locale,
            context_id=string_segment.context_id,
            defaults={"data": english, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
        )
        if not created and (translation.data != english or translation.has_error):
            translation.data = english
            translation.has_error = False
            translation.field_error = ""
            translation.save()
        translation.refresh_from_db(fields=["has_error"])
        if translation.has_error:
            raise SeedTranslationError(f"{source}: wagtail-localize rejects the English text {english!r}")
        created_count += created
    return created_count


def translate_page(bg_page, apply_english, locale):
    """Create the English page for ``bg_page`` through wagtail-localize and publish it.

    ``apply_english(shadow)`` sets the English texts on an unsaved copy of the page."""
    source, _ = TranslationSource.get_or_create_from_instance(bg_page)
    shadow = source.as_instance()
    apply_english(shadow)
    pairs = pair_segments(source.as_instance(), shadow)
    store_string_translations(source, pairs, locale)

    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    total, translated = translation.get_progress()
    if total != translated:
        raise SeedTranslationError(f"{bg_page!r}: only {translated} of {total} strings are translated")
    # publish=False, then publish here: save_target(publish=True) publishes in an on_commit hook,
    # which inside the seed's transaction (and in tests) runs only after everything else, so
    # the English page could not be checked or linked before the end.
    translation.save_target(publish=False)
    en_page = translation.get_target_instance()
    en_page.get_latest_revision().publish()
    en_page.refresh_from_db()
    return translation, en_page
