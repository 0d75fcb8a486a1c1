"""Syncing an English translation after its Bulgarian page changed: a paragraph whose text
changed keeps its previous English text as a draft to review (not an empty field to retype),
and the page stays on the "Преводи" report until a translator has reviewed it."""

import pytest
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from core.wagtail_adapter import draft_tool_names
from home.translation_health import translation_health
from tests import factories

pytestmark = pytest.mark.django_db

ENGLISH = {
    "Детство": "Childhood",
    "Въведение.": "Introduction.",
    "Първият абзац.": "The first paragraph.",
    "Вторият абзац.": "The second paragraph.",
}


@pytest.fixture
def translated(home_pages):
    """A Bulgarian page with two paragraphs, translated into English through wagtail-localize
    (every string translated by hand) and published; then its source."""
    bulgarian = factories.ContentPageFactory(
        parent=home_pages.home_bg, title="Детство", slug="detstvo", introduction="Въведение.",
        body=[("paragraph", "<p>Първият абзац.</p>"), ("paragraph", "<p>Вторият абзац.</p>")],
    )  # fmt: skip
    source, _ = TranslationSource.get_or_create_from_instance(bulgarian)
    translation = Translation.objects.create(source=source, target_locale=home_pages.en_locale)
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        StringTranslation.objects.create(
            translation_of=segment.string, locale=home_pages.en_locale, context=segment.context,
            data=ENGLISH.get(segment.string.data, segment.string.data),
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        )  # fmt: skip
    translation.save_target(publish=True)
    return bulgarian, source, home_pages.en_locale


def edit_and_publish(page, body):
    """An editor's change through Wagtail: a new revision of the page, published."""
    latest = page.get_latest_revision_as_object()
    latest.body = body
    latest.save_revision().publish()


def body_with(page, first=None, added=None):
    """The page's body blocks (their ids kept, as the editor keeps them) with the first
    paragraph's text replaced and a paragraph added at the end."""
    blocks = [(block.block_type, block.value, block.id) for block in page.body]
    if first is not None:
        blocks[0] = ("paragraph", f"<p>{first}</p>", blocks[0][2])
    raw = [{"type": kind, "value": str(value.source if hasattr(value, "source") else value), "id": block_id}
           for kind, value, block_id in blocks]  # fmt: skip
    if added is not None:
        raw.append({"type": "paragraph", "value": f"<p>{added}</p>"})
    return raw


def english_of(source, locale, text):
    segment = StringSegment.objects.get(source=source, string__data=text)
    return StringTranslation.objects.filter(
        translation_of_id=segment.string_id, context_id=segment.context_id, locale=locale
    ).first()


def sync(source):
    """wagtail-localize's "Sync translated pages": the source reads the page again."""
    source.refresh_from_db()
    source.update_from_db()


def test_a_changed_paragraph_keeps_its_previous_english_as_a_draft(translated):
    bulgarian, source, english = translated
    edit_and_publish(bulgarian, body_with(bulgarian, first="Първият абзац, поправен."))

    sync(source)

    draft = english_of(source, english, "Първият абзац, поправен.")
    assert draft is not None and draft.data == "The first paragraph."
    assert draft.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE
    assert draft.tool_name in draft_tool_names()


def test_a_page_with_a_draft_stays_out_of_date_until_the_draft_is_reviewed(translated):
    bulgarian, source, english = translated
    edit_and_publish(bulgarian, body_with(bulgarian, first="Първият абзац, поправен."))
    sync(source)

    [row] = translation_health()["outdated"]
    assert row.page.pk == bulgarian.pk and row.has_drafts

    # The translator saves it in the editor (wagtail-localize stores it as a manual translation).
    draft = english_of(source, english, "Първият абзац, поправен.")
    draft.translation_type, draft.tool_name = StringTranslation.TRANSLATION_TYPE_MANUAL, ""
    draft.save()
    assert translation_health()["outdated"] == []


def test_a_new_paragraph_with_no_predecessor_stays_empty(translated):
    bulgarian, source, english = translated
    edit_and_publish(bulgarian, body_with(bulgarian, added="Съвсем нов абзац."))

    sync(source)

    assert english_of(source, english, "Съвсем нов абзац.") is None


def test_an_unchanged_paragraph_keeps_its_translation(translated):
    bulgarian, source, english = translated
    edit_and_publish(bulgarian, body_with(bulgarian, first="Първият абзац, поправен.", added="Нов абзац."))

    sync(source)

    kept = english_of(source, english, "Вторият абзац.")
    assert kept.data == "The second paragraph."
    assert kept.translation_type == StringTranslation.TRANSLATION_TYPE_MANUAL and kept.tool_name == ""


def test_the_sync_button_keeps_the_draft_too(translated, admin_client):
    # wagtail-localize's "Sync translated pages" form, as a translator submits it.
    from django.urls import reverse

    bulgarian, source, english = translated
    edit_and_publish(bulgarian, body_with(bulgarian, first="Първият абзац, поправен."))

    response = admin_client.post(reverse("wagtail_localize:update_translations", args=[source.pk]), {})

    assert response.status_code == 302
    assert english_of(source, english, "Първият абзац, поправен.").data == "The first paragraph."
