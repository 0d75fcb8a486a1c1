"""core/uploads.py: an upload is judged by its content. No database: plain functions."""

import io

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from core import uploads
from tests.production import sample_files


def upload(name, content):
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize("format_name, frames", [("PNG", 1), ("JPEG", 1), ("GIF", 3), ("WEBP", 2), ("AVIF", 1)])
def test_an_image_that_decodes_is_accepted(format_name, frames):
    mode = "P" if format_name == "GIF" else "RGB"
    uploads.check_image(io.BytesIO(sample_files.image_bytes(format_name, frames=frames, mode=mode)), 40_000_000)


@pytest.mark.parametrize("name", sorted(sample_files.malformed_images()))
def test_an_image_pillow_cannot_fully_decode_is_refused_as_damaged(name):
    with pytest.raises(ValidationError) as refused:
        uploads.check_image(io.BytesIO(sample_files.malformed_images()[name]), 40_000_000)
    assert refused.value.code == "invalid_image"


def test_pixels_are_counted_from_the_header_before_anything_is_decoded():
    # The header claims 400 million pixels and no image data follows: decoding would fail, and
    # the refusal says "too many pixels", so the file was refused before any decoding.
    with pytest.raises(ValidationError) as refused:
        uploads.check_image(io.BytesIO(sample_files.decompression_bomb()), 40_000_000)
    assert refused.value.code == "file_too_many_pixels"


def test_every_frame_counts_towards_the_pixel_limit():
    animation = sample_files.image_bytes("GIF", size=(10, 10), frames=3, mode="P")
    uploads.check_image(io.BytesIO(animation), 300)
    with pytest.raises(ValidationError) as refused:
        uploads.check_image(io.BytesIO(animation), 299)
    assert refused.value.code == "file_too_many_pixels"


def test_an_image_over_pillows_own_limit_is_refused_without_a_limit_of_ours():
    with pytest.raises(ValidationError) as refused:
        uploads.check_image(io.BytesIO(sample_files.decompression_bomb()), None)
    assert refused.value.code == "file_too_many_pixels"


def test_the_file_is_left_at_its_start_for_whoever_reads_it_next():
    file = io.BytesIO(sample_files.png_bytes())
    uploads.check_image(file, None)
    assert file.tell() == 0
    document = upload("notes.txt", b"hello")
    uploads.check_document(document.name, document)
    assert document.tell() == 0


@pytest.mark.parametrize("name", sorted(sample_files.good_documents()))
def test_a_document_whose_content_matches_its_name_is_accepted(name):
    uploads.check_document(name, upload(name, sample_files.good_documents()[name]))


@pytest.mark.parametrize("name", sorted(sample_files.bad_documents()))
def test_a_document_whose_content_does_not_match_its_name_is_refused(name):
    with pytest.raises(ValidationError) as refused:
        uploads.check_document(name, upload(name, sample_files.bad_documents()[name]))
    assert refused.value.code == "wrong_content"


def test_every_allowed_document_extension_has_a_content_check():
    assert set(settings.WAGTAILDOCS_EXTENSIONS) <= set(uploads.DOCUMENT_CHECKS)


def test_an_extension_without_a_check_is_refused():
    with pytest.raises(ValidationError) as refused:
        uploads.check_document("program.exe", upload("program.exe", b"MZ"))
    assert refused.value.code == "unchecked_type"


def test_the_refusal_names_the_kind_the_name_promised():
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        uploads.check_document("page.pdf", upload("page.pdf", b"<html></html>"))
    with translation.override("en"):
        message = refused.value.messages[0]
    assert ".pdf" in message and "PDF document" in message
