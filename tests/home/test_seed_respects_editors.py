"""The seed after a day of editing: edits, wagtail-localize syncs and translations, moves and
deletions made through Wagtail's and wagtail-localize's own APIs, then ``load_seed_content``
(and ``manage.py load_seed_content``, what ``make run`` calls) again. It never fails, keeps
every edit, and does not bring back what an editor deleted."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from home.models import SeedRecord
from home.seed import content
from home.seed.loader import find_page, load_seed_content

SPECS = {spec.key: spec for spec in content.page_specs()}
pytestmark = pytest.mark.django_db


def page(key, language):
    found = find_page(SPECS[key], Locale.objects.get(language_code=language))
    return found.specific if found else None


def edit_and_publish(page_, **changes):
    latest = page_.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(latest, name, value)
    latest.save_revision().publish()
    return type(latest).objects.get(pk=page_.pk)


def sync_to_english(bg_page):
    """What "Sync translated pages" does: refresh the source from the Bulgarian page, then write
    the English page from the translations (untranslated strings fall back to the source)."""
    source, _ = TranslationSource.update_or_create_from_instance(bg_page)
    translation = Translation.objects.get(source=source, target_locale__language_code="en")
    translation.save_target(publish=False)
    english = translation.get_target_instance()
    english.get_latest_revision().publish()
    return translation


def run_again():
    report = load_seed_content()
    out = io.StringIO()
    call_command("load_seed_content", stdout=out)
    return report, out.getvalue()


def test_an_edited_and_published_page_keeps_its_edits(seeded):
    edit_and_publish(page("model", "bg"), title="Моделът МИР накратко", introduction="Ново въведение.")
    edit_and_publish(page("model", "en"), title="MIR in short")

    report, _ = run_again()

    assert (page("model", "bg").title, page("model", "bg").introduction) == ("Моделът МИР накратко", "Ново въведение.")
    assert page("model", "en").title == "MIR in short"
    assert report.changes() == []


def test_a_page_synced_and_retranslated_with_wagtail_localize_is_left_alone(seeded):
    bg_page = edit_and_publish(page("centres", "bg"), introduction="Центровете днес.")
    translation = sync_to_english(bg_page)
    # A translator translates the changed string in the translation editor (a PO upload).
    po = translation.export_po()
    for entry in po:
        if entry.msgid == "Центровете днес.":
            entry.msgstr = "The centres today."
    translation.import_po(po)
    translation.save_target(publish=False)
    translation.get_target_instance().get_latest_revision().publish()
    strings_before = StringTranslation.objects.count()

    report, output = run_again()

    assert page("centres", "en").introduction == "The centres today."
    assert page("centres", "bg").introduction == "Центровете днес."
    assert StringTranslation.objects.count() == strings_before
    assert report.changes() == [] and "0 changes" in output


def test_a_moved_page_is_found_where_it_is_and_not_made_twice(seeded):
    moved = page("programme-community", "bg")
    moved.move(page("centres", "bg"), pos="last-child")

    run_again()

    assert Page.objects.filter(translation_key=SPECS["programme-community"].translation_key).count() == 2
    assert page("programme-community", "bg").get_parent().pk == page("centres", "bg").pk


def test_a_deleted_page_and_its_translation_do_not_come_back(seeded):
    page("programme-community", "en").delete()
    page("programme-community", "bg").delete()

    report, _ = run_again()

    assert page("programme-community", "bg") is None and page("programme-community", "en") is None
    assert "left out: page programme-community (deleted by an editor)" in report.lines
    assert report.changes() == []


def test_a_deleted_english_page_does_not_come_back(seeded):
    page("press-pernik-end", "en").delete()

    report, _ = run_again()

    assert page("press-pernik-end", "en") is None and page("press-pernik-end", "bg") is not None
    assert "left out: English page press-pernik-end (deleted by an editor)" in report.lines


def test_a_deleted_section_takes_its_seed_children_with_it(seeded):
    page("programmes", "en").delete()
    page("programmes", "bg").delete()  # with its four programme pages

    report, _ = run_again()

    assert all(page(key, "bg") is None for key in ("programmes", "programme-early-years", "programme-community"))
    assert report.changes() == []


def test_a_page_the_seed_never_made_is_created(seeded):
    """A page new in the seed (or missing from a database seeded before the records existed)."""
    for language in ("en", "bg"):
        page("press-children-end", language).delete()
        SeedRecord.objects.filter(key=f"page:press-children-end:{language}").delete()

    report, _ = run_again()

    assert page("press-children-end", "bg").live and page("press-children-end", "en").live
    assert any(line.startswith("created: English page press-children-end") for line in report.lines)


def test_an_english_page_that_no_longer_fits_the_edited_source_is_left_to_translators(seeded):
    edit_and_publish(page("about", "bg"), seo_title="", search_description="")
    page("about", "en").delete()
    SeedRecord.objects.filter(key="page:about:en").delete()

    report, _ = run_again()

    assert page("about", "en") is None
    assert any(line.startswith("left out: English page about (translate it in the admin") for line in report.lines)


def test_a_deleted_image_and_removed_footer_links_stay_removed(seeded):
    from wagtail.images import get_image_model

    from home.models import FooterLink

    get_image_model().objects.get(pk=SeedRecord.objects.get(key="image:towns").object_id).delete()
    FooterLink.objects.all().delete()

    report, _ = run_again()

    assert not get_image_model().objects.filter(title__startswith="Карта: градовете").exists()
    assert not FooterLink.objects.exists()
    assert "left out: footer links (removed by an editor)" in report.lines


def test_what_an_earlier_seed_misspelt_is_corrected_unless_an_editor_changed_it(seeded):
    edit_and_publish(page("press", "bg"), title="Прессцентър", seo_title="Новини и медии")

    report, _ = run_again()

    press = page("press", "bg")
    assert press.title == "Пресцентър" and press.seo_title == "Новини и медии"
    assert "updated: page press: title 'Прессцентър' → 'Пресцентър'" in report.lines
