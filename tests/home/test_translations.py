"""The Bulgarian catalogue is complete: every message translated, none left fuzzy."""

from pathlib import Path

import polib  # installed with wagtail-localize
import pytest

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "bg" / "LC_MESSAGES" / "django.po"


@pytest.fixture(scope="module")
def catalogue():
    return polib.pofile(str(CATALOGUE))


def describe(entries):
    return "\n".join(f"  line {entry.linenum}: {entry.msgid!r}" for entry in entries)


def test_bulgarian_catalogue_has_messages(catalogue):
    assert len(catalogue) > 0


def test_every_bulgarian_message_is_translated(catalogue):
    untranslated = catalogue.untranslated_entries()

    assert not untranslated, f"{len(untranslated)} untranslated in {CATALOGUE}:\n{describe(untranslated)}"


def test_no_bulgarian_translation_is_fuzzy(catalogue):
    fuzzy = catalogue.fuzzy_entries()

    assert not fuzzy, f"{len(fuzzy)} fuzzy in {CATALOGUE}:\n{describe(fuzzy)}"


def test_every_plural_message_has_both_bulgarian_forms(catalogue):
    incomplete = [
        entry
        for entry in catalogue
        if entry.msgid_plural and not entry.obsolete and not all(entry.msgstr_plural.get(index) for index in (0, 1))
    ]

    assert not incomplete, f"plural forms missing:\n{describe(incomplete)}"
