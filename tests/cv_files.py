"""CV files for the upload tests: the vendored good corpus (tests/fixtures/cv, see SOURCE.txt) and
hostile files built here, each the real thing of its kind (a working zip bomb, a PDF whose
catalogue runs JavaScript, an ELF header…), so the checks are tried against what an attacker sends.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "cv"
GOOD = {path.name: path for path in sorted(FIXTURES.iterdir()) if path.suffix in {".docx", ".odt", ".pdf", ".rtf"}}


def good(name: str = "johnny_coder_resume.pdf") -> bytes:
    return GOOD[name].read_bytes()


def text_cv() -> bytes:
    return ("Camille Martin\nAide-soignante diplômée d'État\n\nExpérience : EHPAD Les Tilleuls, Rennes, "
            "2019-2024 — soins d'hygiène, accompagnement des résidents.\n").encode()


def zip_bomb(entries: int = 1, size: int = 200 * 1024 * 1024) -> bytes:
    """A .docx-looking zip whose one entry inflates to ``size`` bytes from a few hundred kB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as entry:
            block = b"\0" * (1024 * 1024)
            for _ in range(size // len(block)):
                entry.write(block)
        for n in range(entries - 1):
            archive.writestr(f"word/media/{n}.bin", b"")
    return out.getvalue()


def ratio_bomb() -> bytes:
    """Under the total cap but compressed more than any office document: 20 MB of zeros."""
    return zip_bomb(size=20 * 1024 * 1024)


def many_entries() -> bytes:
    return zip_bomb(entries=1_500, size=1024 * 1024)


def docx_with_macros() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(good("johnny_coder_resume.docx")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            archive.writestr(info, source.read(info))
        archive.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")
    return out.getvalue()


def docx_with_entities() -> bytes:
    """The billion laughs in word/document.xml."""
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><w:document>&lol2;</w:document>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", laughs)
    return out.getvalue()


def odt_spreadsheet() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("cv.txt", "Camille Martin")
    return out.getvalue()


def _pdf_writer():  # type: ignore[no-untyped-def]
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(good())))
    return writer


def _written(writer) -> bytes:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_with_javascript() -> bytes:
    """Document-level JavaScript: the catalogue's /Names /JavaScript name tree, as Acrobat writes it."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    writer = _pdf_writer()
    action = writer._add_object(DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                                                  NameObject("/JS"): TextStringObject("app.alert('CV');")}))
    tree = DictionaryObject({NameObject("/Names"): ArrayObject([TextStringObject("cv"), action])})
    writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): tree})
    return _written(writer)


def pdf_with_open_action_js() -> bytes:
    """JavaScript as the document's OpenAction, the name written with #xx escapes, in an object stream."""
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = _pdf_writer()
    action = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                               NameObject("/JS"): TextStringObject("app.alert(1)")})
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    writer.compress_identical_objects()
    data = _written(writer)
    return data.replace(b"/JavaScript", b"/J#61vaScript")


def pdf_with_embedded_file() -> bytes:
    writer = _pdf_writer()
    writer.add_attachment("facture.exe", b"MZ\x90\x00 not really")
    return _written(writer)


def pdf_encrypted() -> bytes:
    writer = _pdf_writer()
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    return _written(writer)


def pdf_protected_without_password() -> bytes:
    """Encrypted for permissions only (empty user password): opens everywhere, so it is accepted."""
    writer = _pdf_writer()
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    return _written(writer)


def windows_executable() -> bytes:
    stub = b"This program cannot be run in DOS mode"
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 50 + stub + b"\0" * 400


def linux_executable() -> bytes:
    return b"\x7fELF\x02\x01\x01" + b"\x00" * 500


def png_image() -> bytes:
    return (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
            b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def ole_not_word() -> bytes:
    """The OLE container's signature and nothing of a Word document (an installer, a spreadsheet…)."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff" + b"\x00" * 2000


def truncated(data: bytes) -> bytes:
    return data[: len(data) * 2 // 3]
