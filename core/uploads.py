"""What an uploaded file really is, judged by its content rather than its name.

Plain functions that raise Django's ValidationError with a translated message, so that any form
can use them: the Wagtail admin's image and document forms (core/admin_forms.py) and, later, the
partner area's uploads.

Images: Pillow must decode every frame. Wagtail only reads the header before saving, so a
truncated or garbled file (a GIF cut short, a PNG header glued to junk) used to pass, then fail
with a 500 when Willow decoded it; and it decoded the whole image before comparing its size with
WAGTAILIMAGES_MAX_IMAGE_PIXELS, so the size is checked from the header first.

Documents: the content must be of the kind the name promises (an HTML file named x.pdf is
refused). Signatures for PDF and RTF; the standard library's zipfile for the zip containers
(DOCX, XLSX, PPTX, ODT and ZIP), read from the archive's directory so that the order of its
members does not matter; libmagic (python-magic) to tell text from markup and binary data."""

import zipfile

import magic
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageSequence

DAMAGED_IMAGE = _(
    "This image file is damaged or incomplete, so it cannot be shown. Please save the image again "
    "in an image editor and upload the new file."
)
TOO_MANY_PIXELS = _(
    "This image has too many pixels: at most %(maximum)s are accepted. Please make it smaller and "
    "upload it again."
)
WRONG_CONTENT = _(
    "The content of this file does not match its name: a file whose name ends in .%(extension)s must be "
    "%(kind)s. Please check that you chose the right file, or save it again in that format."
)
UNCHECKED_TYPE = _("Files whose name ends in .%(extension)s cannot be checked, so they are not accepted.")


def _too_many_pixels(maximum):
    return ValidationError(
        TOO_MANY_PIXELS, code="file_too_many_pixels", params={"maximum": number_format(maximum, force_grouping=True)}
    )


def check_image(file, max_pixels=None):
    """Raise ValidationError unless Pillow decodes every frame of ``file`` and the image has at
    most ``max_pixels`` pixels (width × height × frames, as Wagtail counts them; None: no limit
    but Pillow's own). Each frame's pixels are counted from the header before it is decoded."""
    file.seek(0)
    try:
        with Image.open(file) as image:
            width, height = image.size
            pixels = 0
            for frame in ImageSequence.Iterator(image):
                pixels += width * height
                if max_pixels and pixels > max_pixels:
                    raise _too_many_pixels(max_pixels)
                frame.load()
    except ValidationError:
        raise
    except Image.DecompressionBombError as error:
        # Over twice Pillow's MAX_IMAGE_PIXELS: refused by Pillow itself while reading the header.
        raise _too_many_pixels(min(filter(None, (max_pixels, 2 * Image.MAX_IMAGE_PIXELS)))) from error
    except Exception as error:  # noqa: BLE001 - whatever Pillow raises (OSError, SyntaxError, struct.error…)
        raise ValidationError(DAMAGED_IMAGE, code="invalid_image") from error
    finally:
        file.seek(0)


# --- documents -------------------------------------------------------------------------------

# Members of a zip container read into memory at most this large (a zip bomb stays in the archive).
MEMBER_READ_LIMIT = 1024 * 1024
# libmagic decides on the start of a file; a NUL byte anywhere is looked for in the whole file.
SNIFF_BYTES = 64 * 1024
CHUNK = 1024 * 1024

# What libmagic calls text: any text/* type except markup, and a few text formats it names otherwise.
MARKUP_TYPES = frozenset({"text/html", "text/xml", "application/xml", "application/xhtml+xml", "image/svg+xml"})
OTHER_TEXT_TYPES = frozenset({"application/x-empty", "application/json", "application/csv"})

OOXML_MAIN_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
}
ODF_TYPES = {"odt": "application/vnd.oasis.opendocument.text"}

KINDS = {
    "pdf": _("a PDF document"),
    "rtf": _("an RTF document"),
    "zip": _("a ZIP archive"),
    "docx": _("a Word document (DOCX)"),
    "xlsx": _("an Excel spreadsheet (XLSX)"),
    "pptx": _("a PowerPoint presentation (PPTX)"),
    "odt": _("an OpenDocument text (ODT)"),
    "csv": _("plain text with comma-separated values (CSV), not a web page"),
    "txt": _("plain text, not a web page"),
}


def _starts_with(signature):
    def check(file):
        return file.read(len(signature)) == signature

    return check


def _zip_archive(file):
    with zipfile.ZipFile(file) as archive:
        archive.infolist()
    return True


def _member(archive, name):
    """The start of one member of the archive, or None when it is missing."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    with archive.open(info) as member:
        return member.read(MEMBER_READ_LIMIT)


def _office_open_xml(main_type):
    """A DOCX/XLSX/PPTX: its [Content_Types].xml names the main part of that kind (a macro-enabled
    or template file names another type)."""

    def check(file):
        with zipfile.ZipFile(file) as archive:
            content_types = _member(archive, "[Content_Types].xml")
        return content_types is not None and f'"{main_type}"'.encode() in content_types

    return check


def _open_document(mime_type):
    """An ODF file: its "mimetype" member says which kind."""

    def check(file):
        with zipfile.ZipFile(file) as archive:
            declared = _member(archive, "mimetype")
        return declared is not None and declared.strip() == mime_type.encode()

    return check


def _plain_text(file):
    head = file.read(SNIFF_BYTES)
    chunk = head
    while chunk:
        if b"\x00" in chunk:
            return False
        chunk = file.read(CHUNK)
    kind = magic.from_buffer(head, mime=True)
    if kind in MARKUP_TYPES:
        return False
    return kind.startswith("text/") or kind in OTHER_TEXT_TYPES


DOCUMENT_CHECKS = {
    "pdf": _starts_with(b"%PDF-"),
    "rtf": _starts_with(b"{\\rtf"),
    "zip": _zip_archive,
    **{extension: _office_open_xml(main_type) for extension, main_type in OOXML_MAIN_TYPES.items()},
    **{extension: _open_document(mime_type) for extension, mime_type in ODF_TYPES.items()},
    "csv": _plain_text,
    "txt": _plain_text,
}


def extension_of(name):
    return name.rsplit(".", 1)[-1].lower() if "." in (name or "") else ""


def check_document(name, file):
    """Raise ValidationError unless the content of ``file`` is of the kind its ``name`` says."""
    extension = extension_of(name)
    check = DOCUMENT_CHECKS.get(extension)
    if check is None:
        raise ValidationError(UNCHECKED_TYPE, code="unchecked_type", params={"extension": extension})
    file.seek(0)
    try:
        matches = check(file)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError, OSError, ValueError):
        # Not a readable archive: a broken directory, an encrypted or unsupported member.
        matches = False
    finally:
        file.seek(0)
    if not matches:
        raise ValidationError(
            WRONG_CONTENT, code="wrong_content", params={"extension": extension, "kind": KINDS[extension]}
        )
