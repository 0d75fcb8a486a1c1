"""Uploads: only the allowed image and document types, at most the allowed sizes, and content
that is what it claims to be (an image that decodes, a document of the kind its name says),
refused with a clear, translated message in every upload view of the admin (add, multiple
upload, chooser) and never a 500; SVG and HTML documents are never served inline."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.html import escape
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, UploadedFile

from core import uploads
from tests.production import sample_files

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LANGUAGE_CODE = "en"
    user = django_user_model.objects.create_superuser(username="boss", email="boss@example.org", password="x" * 20)
    client.force_login(user)
    return client


def png_bytes(size=(40, 30)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def add_image(client, upload):
    return client.post(
        "/admin/images/add/",
        {"title": "Picture", "file": upload, "collection": Collection.get_first_root_node().pk},
        HTTP_ACCEPT_LANGUAGE="en",
    )


def add_document(client, upload):
    return client.post(
        "/admin/documents/add/",
        {"title": "Material", "file": upload, "collection": Collection.get_first_root_node().pk},
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_the_limits_are_set():
    from django.conf import settings

    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert not {"svg", "html", "htm", "xhtml", "js", "xml"} & set(settings.WAGTAILDOCS_EXTENSIONS)
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE <= 10 * 1024 * 1024
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE <= 20 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS <= 40_000_000
    assert settings.WAGTAILDOCS_INLINE_CONTENT_TYPES == ["application/pdf"]


def test_a_good_image_is_accepted(admin_client):
    response = add_image(admin_client, SimpleUploadedFile("photo.png", png_bytes(), content_type="image/png"))
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="Picture").exists()


def test_an_svg_image_is_refused_with_a_clear_message(admin_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = add_image(admin_client, SimpleUploadedFile("logo.svg", svg, content_type="image/svg+xml"))
    assert response.status_code == 200
    assert "Not a supported image format" in response.content.decode()
    assert not get_image_model().objects.exists()


def test_a_too_large_image_is_refused_with_a_clear_message(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    response = add_image(admin_client, SimpleUploadedFile("photo.png", png_bytes(), content_type="image/png"))
    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert not get_image_model().objects.exists()


def test_an_image_with_too_many_pixels_is_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1000
    response = add_image(admin_client, SimpleUploadedFile("photo.png", png_bytes((100, 100)), content_type="image/png"))
    assert response.status_code == 200
    assert "pixels" in response.content.decode()
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize("name", ["page.html", "drawing.svg", "page.htm", "script.js"])
def test_markup_documents_are_refused(admin_client, name):
    response = add_document(admin_client, SimpleUploadedFile(name, b"<script>alert(1)</script>"))
    assert response.status_code == 200
    assert "File extension" in response.content.decode() and "not allowed" in response.content.decode()


def test_a_too_large_document_is_refused_with_a_clear_message(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 10
    response = add_document(admin_client, SimpleUploadedFile("report.pdf", b"%PDF-1.4 " + b"x" * 100))
    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()


def test_a_good_document_is_accepted(admin_client):
    response = add_document(admin_client, SimpleUploadedFile("report.pdf", b"%PDF-1.4 a report\n"))
    assert response.status_code == 302


@pytest.mark.parametrize(
    "filename, content",
    [
        ("legacy.html", b"<html><script>alert(1)</script></html>"),
        ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("page.xhtml", b"<html xmlns='http://www.w3.org/1999/xhtml'><script>alert(1)</script></html>"),
    ],
)
def test_svg_and_html_documents_are_never_served_inline(client, settings, tmp_path, filename, content):
    """Even a file that got in before the limits (or through code) goes out as an attachment,
    with nosniff and a sandboxing policy, from Wagtail's public document URL."""
    from partners.models import PartnerDocument

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    document = PartnerDocument(title="Legacy", collection=Collection.get_first_root_node())
    document.file.save(filename, ContentFile(content), save=False)
    document.save()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Content-Security-Policy"]
    assert "sandbox" in policy or "default-src 'none'" in policy
    assert b"".join(response.streaming_content) == content


def test_a_pdf_may_open_in_the_browser(client, settings, tmp_path):
    from partners.models import PartnerDocument

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    document = PartnerDocument(title="Report", collection=Collection.get_first_root_node())
    document.file.save("report.pdf", ContentFile(b"%PDF-1.4 report\n"), save=False)
    document.save()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Type"] == "application/pdf"


# --- content checks in every upload view ------------------------------------------------------


def root_collection():
    return Collection.get_first_root_node().pk


def add_images_at_once(client, upload):
    """The multiple upload view, as its page's script posts each file."""
    response = client.post("/admin/images/multiple/add/", {"files[]": upload, "collection": root_collection()},
                           HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 200
    return response.json()


def upload_image_in_chooser(client, upload):
    response = client.post("/admin/images/chooser/create/", {
        "image-chooser-upload-title": "Picture", "image-chooser-upload-file": upload,
        "image-chooser-upload-collection": root_collection(),
    })
    assert response.status_code == 200
    return response.json()


def add_documents_at_once(client, upload):
    response = client.post("/admin/documents/multiple/add/", {"files[]": upload, "collection": root_collection()},
                           HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 200
    return response.json()


def upload_document_in_chooser(client, upload):
    response = client.post("/admin/documents/chooser/create/", {
        "document-chooser-upload-title": "Material", "document-chooser-upload-file": upload,
        "document-chooser-upload-collection": root_collection(),
    })
    assert response.status_code == 200
    return response.json()


def shows(html, message, **params):
    text = str(message) % params if params else str(message)
    return escape(text) in html or text in html


def nothing_stored():
    return not get_image_model().objects.exists() and not UploadedFile.objects.exists()


@pytest.mark.parametrize("name", sorted(sample_files.malformed_images()))
def test_a_malformed_image_is_refused_with_a_form_error(admin_client, name):
    response = add_image(admin_client, SimpleUploadedFile(name, sample_files.malformed_images()[name]))
    assert response.status_code == 200
    assert shows(response.content.decode(), uploads.DAMAGED_IMAGE)
    assert nothing_stored()


@pytest.mark.parametrize("name", sorted(sample_files.malformed_images()))
def test_a_malformed_image_is_refused_by_the_multiple_upload(admin_client, name):
    answer = add_images_at_once(admin_client, SimpleUploadedFile(name, sample_files.malformed_images()[name]))
    assert answer["success"] is False
    assert answer["error_message"] == str(uploads.DAMAGED_IMAGE)
    assert nothing_stored()


@pytest.mark.parametrize("name", ["header-and-junk.gif", "cut-short.png"])
def test_a_malformed_image_is_refused_by_the_chooser(admin_client, name):
    answer = upload_image_in_chooser(admin_client, SimpleUploadedFile(name, sample_files.malformed_images()[name]))
    assert answer["step"] == "reshow_creation_form"
    assert shows(answer["htmlFragment"], uploads.DAMAGED_IMAGE)
    assert nothing_stored()


def test_a_decompression_bomb_is_refused_before_it_is_decoded(admin_client):
    response = add_image(admin_client, SimpleUploadedFile("huge.png", sample_files.decompression_bomb()))
    assert response.status_code == 200
    assert shows(response.content.decode(), uploads.TOO_MANY_PIXELS, maximum="40,000,000")
    assert nothing_stored()


def test_an_animated_gif_that_decodes_is_accepted(admin_client):
    animation = sample_files.image_bytes("GIF", frames=3, mode="P")
    assert add_images_at_once(admin_client, SimpleUploadedFile("wave.gif", animation))["success"] is True
    assert get_image_model().objects.count() == 1


def test_an_image_accepted_by_the_chooser_is_chosen(admin_client):
    answer = upload_image_in_chooser(admin_client, SimpleUploadedFile("photo.png", png_bytes()))
    assert answer["step"] == "chosen"


def test_the_refusal_is_in_the_admins_language(admin_client, settings):
    settings.LANGUAGE_CODE = "bg"
    damaged = sample_files.malformed_images()["cut-short.gif"]
    answer = add_images_at_once(admin_client, SimpleUploadedFile("x.gif", damaged))
    with translation.override("bg"):
        bulgarian = str(uploads.DAMAGED_IMAGE)
    with translation.override("en"):
        assert bulgarian != str(uploads.DAMAGED_IMAGE)
    assert answer["error_message"] == bulgarian


# Django refuses an empty file before any content check ("The submitted file is empty").
@pytest.mark.parametrize("name", sorted(set(sample_files.good_documents()) - {"empty.txt"}))
def test_a_document_of_the_kind_its_name_says_is_accepted(admin_client, name):
    response = add_document(admin_client, SimpleUploadedFile(name, sample_files.good_documents()[name]))
    assert response.status_code == 302
    assert get_document_model().objects.count() == 1


@pytest.mark.parametrize("name", sorted(sample_files.bad_documents()))
def test_a_document_whose_content_is_not_what_its_name_says_is_refused(admin_client, name):
    response = add_document(admin_client, SimpleUploadedFile(name, sample_files.bad_documents()[name]))
    assert response.status_code == 200
    assert "does not match its name" in response.content.decode()
    assert not get_document_model().objects.exists()


def test_an_html_file_named_pdf_is_refused_by_the_multiple_upload(admin_client):
    answer = add_documents_at_once(admin_client, SimpleUploadedFile("x.pdf", sample_files.bad_documents()["page.pdf"]))
    assert answer["success"] is False
    assert answer["error_message"] == str(uploads.WRONG_CONTENT) % {"extension": "pdf", "kind": uploads.KINDS["pdf"]}
    assert not get_document_model().objects.exists() and not UploadedFile.objects.exists()


def test_an_html_file_named_pdf_is_refused_by_the_chooser(admin_client):
    answer = upload_document_in_chooser(
        admin_client, SimpleUploadedFile("x.pdf", sample_files.bad_documents()["page.pdf"])
    )
    assert answer["step"] == "reshow_creation_form"
    assert shows(answer["htmlFragment"], uploads.WRONG_CONTENT, extension="pdf", kind=uploads.KINDS["pdf"])
    assert not get_document_model().objects.exists()


def test_editing_a_document_without_a_new_file_keeps_it(admin_client):
    add_document(admin_client, SimpleUploadedFile("report.pdf", b"%PDF-1.4 a report\n"))
    document = get_document_model().objects.get()
    response = admin_client.post(f"/admin/documents/edit/{document.pk}/", {
        "title": "Renamed", "collection": root_collection(),
    }, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == "Renamed" and document.file.name.endswith(".pdf")
