"""Upload samples, good and malformed, made here with Pillow and zipfile (no fixtures on disk)."""

import io
import struct
import zipfile
import zlib

from PIL import Image


def image_bytes(format_name, size=(40, 30), frames=1, mode="RGB"):
    buffer = io.BytesIO()
    images = [Image.new(mode, size, (40 * index % 255, 30, 30)) for index in range(frames)]
    options = {"save_all": True, "append_images": images[1:]} if frames > 1 else {}
    images[0].save(buffer, format_name, **options)
    return buffer.getvalue()


def png_bytes(size=(40, 30)):
    return image_bytes("PNG", size)


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header(width, height):
    """A PNG signature and a valid IHDR chunk that claims ``width`` × ``height``, nothing after."""
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))


def malformed_images():
    """name -> bytes that Pillow recognises by their header but cannot fully decode."""
    gif = image_bytes("GIF", mode="P")
    animated = image_bytes("GIF", frames=3, mode="P")
    png = png_bytes((60, 60))
    jpeg = image_bytes("JPEG", (60, 60))
    webp = image_bytes("WEBP", (60, 60))
    return {
        "header-and-junk.gif": gif[:13] + b"\x00junk" * 20,
        "cut-short.gif": gif[: len(gif) // 2],
        "signature-only.gif": b"GIF89a",
        "screen-descriptor-only.gif": b"GIF89a" + struct.pack("<HH", 20, 20) + b"\x00\x00\x00",
        "last-frame-cut.gif": animated[:-12],
        "cut-short.png": png[: len(png) // 2],
        "header-and-junk.png": png_header(60, 60) + b"junk" * 30,
        "signature-and-junk.png": b"\x89PNG\r\n\x1a\n" + b"junkjunk" * 10,
        "cut-short.jpg": jpeg[:200],
        "cut-short.webp": webp[: len(webp) // 2],
    }


def decompression_bomb():
    """A well-formed PNG whose header claims 20,000 × 20,000 pixels (400 million) and whose image
    data is a few bytes: decoding it would fail, refusing it by its size does not decode it."""
    return png_header(20_000, 20_000) + png_chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + png_chunk(b"IEND", b"")


def zip_bytes(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members:
            archive.writestr(name, content)
    return buffer.getvalue()


def content_types(main_type):
    return (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/main.xml" ContentType="{main_type}"/></Types>'
    )


OOXML = "application/vnd.openxmlformats-officedocument."
WORD = OOXML + "wordprocessingml.document.main+xml"
EXCEL = OOXML + "spreadsheetml.sheet.main+xml"
POWERPOINT = OOXML + "presentationml.presentation.main+xml"


def office(main_type, part, first=True):
    """An Office Open XML package; ``first=False`` puts [Content_Types].xml last, as some tools do."""
    members = [("_rels/.rels", "<Relationships/>"), (part, "<document/>")]
    types = ("[Content_Types].xml", content_types(main_type))
    return zip_bytes([types, *members] if first else [*members, types])


def open_document(mime_type):
    return zip_bytes([("mimetype", mime_type), ("content.xml", "<office:document-content/>")])


def good_documents():
    return {
        "report.pdf": b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n",
        "letter.docx": office(WORD, "word/document.xml"),
        "letter-from-another-tool.docx": office(WORD, "word/document.xml", first=False),
        "budget.xlsx": office(EXCEL, "xl/workbook.xml"),
        "slides.pptx": office(POWERPOINT, "ppt/presentation.xml"),
        "minutes.odt": open_document("application/vnd.oasis.opendocument.text"),
        "photos.zip": zip_bytes([("a.txt", "hello")]),
        "people.csv": "име,сума\nМария,50\nИван,<20>\n".encode(),
        "windows.csv": "име,сума\nМария,50\n".encode("cp1251"),
        "notes.txt": "Бележки от срещата.\nВсичко е наред.\n".encode(),
        "empty.txt": b"",
        "letter.rtf": b"{\\rtf1\\ansi Hello}",
    }


def bad_documents():
    """name -> content that does not match the name."""
    html = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
    return {
        "page.pdf": html,
        "page.txt": html,
        "page.csv": b"<html><body><script>alert(1)</script></body></html>",
        "drawing.txt": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "binary.txt": b"abc\x00def",
        "late-nul.csv": b"a,b\n" * 50_000 + b"\x00",
        "zip-named.docx": zip_bytes([("a.txt", "hello")]),
        "workbook-named.docx": office(EXCEL, "xl/workbook.xml"),
        "macros.docx": office("application/vnd.ms-word.document.macroEnabled.main+xml", "word/document.xml"),
        "spreadsheet-named.odt": open_document("application/vnd.oasis.opendocument.spreadsheet"),
        "broken.zip": b"PK\x03\x04" + b"junk" * 20,
        "text-named.rtf": b"Hello",
        "pdf-named.docx": b"%PDF-1.4 a report",
    }
