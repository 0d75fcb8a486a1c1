"""English translations made through wagtail-localize's public API, so that the English pages are
real translations: the translation editor shows every string as translated, and a later edit of
a Bulgarian page can be synced to English the usual way.

For one Bulgarian page: its TranslationSource is taken (``update_or_create_from_instance``) and
exported as a PO file (``export_po``: one entry per string, its context being the field or block
path); an unsaved copy of the page gets the English texts of the same spec (same block ids, same
form-field translation keys) and is exported the same way from a throw-away English page and
source inside a savepoint that is rolled back; the two PO files are paired entry by entry (same
context, same position within it); the Bulgarian one, filled with the English strings, is
imported into the Translation (``import_po``), which then writes the English page
(``save_target``). The same steps a translator takes when uploading a PO file."""

from collections import defaultdict

from django.db import transaction
from wagtail_localize.models import Translation, TranslationSource


class SeedTranslationError(Exception):
    """The English spec does not line up with the Bulgarian page: fix the spec, not the data."""


class _Discard(Exception):
    pass


def strings_by_position(po):
    """{(context, n): text} for the n-th string of each context (a rich-text block holds several
    strings under one path)."""
    counters = defaultdict(int)
    positioned = {}
    for entry in po:
        if entry.obsolete:
            continue
        position = counters[entry.msgctxt]
        counters[entry.msgctxt] += 1
        positioned[(entry.msgctxt, position)] = entry.msgid
    return positioned


def english_strings(english_instance, locale, copy_of=None):
    """The strings wagtail-localize extracts from an English version of a page, by position.

    The English TranslationSource it needs for that is created in a savepoint and rolled back:
    nothing of it stays. A source reads its page from the database, so for an unsaved English
    copy of ``copy_of`` an English page is first made there (``copy_for_translation``, Wagtail's
    own), inside the same savepoint."""
    result = {}
    try:
        with transaction.atomic():
            if copy_of is not None:
                copy_of.copy_for_translation(locale)
            english_instance.locale = locale
            source, _ = TranslationSource.get_or_create_from_instance(english_instance)
            result = strings_by_position(source.export_po())
            raise _Discard
    except _Discard:
        pass
    return result


def pair_strings(bulgarian, english, what):
    """{(context, n): (bg, en)}; raises if the two do not have the same shape."""
    missing = sorted(set(bulgarian) - set(english))
    extra = sorted(set(english) - set(bulgarian))
    if missing or extra:
        raise SeedTranslationError(
            f"{what}: English and Bulgarian strings differ; only in Bulgarian: {missing}, only in English: {extra}"
        )
    return {key: (bulgarian[key], english[key]) for key in bulgarian}


def filled_po(source, english):
    """The source's PO file with every msgstr set to its English string."""
    po = source.export_po()
    counters = defaultdict(int)
    chosen = {}
    for entry in po:
        key = (entry.msgctxt, counters[entry.msgctxt])
        counters[entry.msgctxt] += 1
        if key not in english:
            raise SeedTranslationError(f"{source}: no English text for {key}")
        # The same Bulgarian string twice under one path can only have one translation.
        if chosen.setdefault((entry.msgctxt, entry.msgid), english[key]) != english[key]:
            raise SeedTranslationError(
                f"{source}: {entry.msgid!r} appears twice at {entry.msgctxt} with different English texts"
            )
        entry.msgstr = english[key]
    return po


def translate_page(bg_page, apply_english, locale):
    """Create the English page for ``bg_page`` through wagtail-localize and publish it.

    ``apply_english(shadow)`` sets the English texts on an unsaved copy of the page."""
    source, _ = TranslationSource.update_or_create_from_instance(bg_page)
    shadow = source.as_instance()
    apply_english(shadow)
    english = english_strings(shadow, locale, copy_of=bg_page)
    pair_strings(strings_by_position(source.export_po()), english, repr(bg_page))

    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    warnings = translation.import_po(filled_po(source, english), tool_name="seed")
    if warnings:
        raise SeedTranslationError(f"{bg_page!r}: wagtail-localize did not take the PO file: {warnings}")
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
