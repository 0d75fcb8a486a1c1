"""Uploads: only the allowed image and document types, at most the allowed sizes, refused with a
clear message in the admin; SVG and HTML documents are never served inline."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection

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
