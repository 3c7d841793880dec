"""Uploaded CV files, checked by what their bytes are, never by their name alone.

A candidate's CV file is kept, indexed and later handed to recruiters: whatever is stored must be
a real document of one of the six formats the seed names (.doc, .docx, .odt, .pdf, .rtf, .txt),
whole, and free of active content. ``check`` reads the bytes and either returns what the file is
(``CheckedFile``) or raises ``UploadRejectedError`` with a French message that says what is wrong
and what to do; nothing is stored before it answers.

What is refused, and why:

- an empty file, a file over ``MAX_BYTES``;
- a program, whatever its name (Windows, Linux, macOS executables, scripts), named as such;
- content that is none of the six formats (an image, an archive…), named by puremagic when it can;
- content of one format under another format's extension (a PDF called « cv.docx »): the file
  would open in the wrong program for whoever downloads it;
- zip containers (.docx, .odt) that are not what they claim (``word/document.xml``; an ``mimetype``
  entry saying ``application/vnd.oasis.opendocument.text``), that hold too many entries, or whose
  entries expand beyond ``MAX_UNZIPPED_BYTES`` or ``MAX_RATIO`` times their compressed size —
  measured by reading them with a byte cap, since a zip's declared sizes can lie (zip bombs);
  Word files with macros (``vbaProject.bin``); XML with a DTD or entities (defusedxml);
- PDFs with JavaScript, launch actions or embedded files (found in every object, including those
  inside object streams, with names read after their #xx escapes), encrypted PDFs that cannot be
  opened without a password, PDFs without their end marker (truncated);
- truncated or damaged files of every format (a zip without its central directory, an RTF whose
  groups are not closed, a text file with binary content).
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import Any

import puremagic
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as parse_xml

logger = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024
MAX_ZIP_ENTRIES = 1_000
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed; office documents stay far below (text XML is ~10)
MAX_PDF_OBJECTS = 200_000

# kind -> (extensions accepted for it, content type kept with the file, what users call it)
KINDS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "pdf": (("pdf",), "application/pdf", "un document PDF"),
    "docx": (("docx",), "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             "un document Word (.docx)"),
    "odt": (("odt",), "application/vnd.oasis.opendocument.text", "un document OpenDocument (.odt)"),
    "doc": (("doc",), "application/msword", "un document Word 97-2003 (.doc)"),
    "rtf": (("rtf",), "application/rtf", "un document RTF"),
    "txt": (("txt",), "text/plain; charset=utf-8", "un fichier texte"),
}
EXTENSIONS = tuple(ext for extensions, _, _ in KINDS.values() for ext in extensions)
FORMATS = ".doc, .docx, .odt, .pdf, .rtf ou .txt"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_EXECUTABLES = ((b"MZ", "un programme Windows"), (b"\x7fELF", "un programme Linux"),
                (b"\xfe\xed\xfa\xce", "un programme macOS"), (b"\xfe\xed\xfa\xcf", "un programme macOS"),
                (b"\xce\xfa\xed\xfe", "un programme macOS"), (b"\xcf\xfa\xed\xfe", "un programme macOS"),
                (b"\xca\xfe\xba\xbe", "un programme macOS ou Java"), (b"#!", "un script"))
_PDF_ACTIVE = {"/JS": "du JavaScript", "/JavaScript": "du JavaScript", "/Launch": "une commande à lancer",
               "/EmbeddedFile": "un fichier joint", "/EmbeddedFiles": "un fichier joint",
               "/RichMedia": "un contenu multimédia actif"}
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class UploadRejectedError(Exception):
    """The file is refused; ``message`` says why, in French, to the person who sent it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CheckedFile:
    kind: str  # a KINDS key
    extension: str  # without the dot, lower case
    content_type: str
    filename: str  # the name as sent, made safe to show and to offer for download


def safe_filename(name: str, extension: str) -> str:
    """A download name without paths, control characters or quotes; accents folded to ASCII
    (Content-Disposition's plain ``filename``), the checked extension at the end."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = base.rsplit(".", 1)[0] if "." in base else base
    ascii_name = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    cleaned = _SAFE_NAME.sub("-", ascii_name).strip("-._")[:80] or "cv"
    return f"{cleaned}.{extension}"


def check(filename: str | None, data: bytes, title: str = "") -> CheckedFile:
    """What ``data`` really is, or UploadRejectedError with the reason.

    ``filename`` None: a file sent straight to the files store (presigned POST), whose name the
    application never sees; its extension is then the one of its content, and the download name
    is made from ``title``."""
    shown = (filename or "").replace("\\", "/").rsplit("/", 1)[-1][:80]
    named = f"Le fichier « {shown} »" if filename is not None else "Le fichier envoyé"
    if not data:
        raise UploadRejectedError(f"{named} est vide : choisissez le fichier de votre CV.")
    if len(data) > MAX_BYTES:
        weight = f"{len(data) / 1_048_576:.1f}".replace(".", ",")
        raise UploadRejectedError(f"{named} pèse {weight} Mo : le CV doit peser 5 Mo au plus. "
                                  "Enregistrez-le en PDF ou réduisez la taille de ses images.")
    extension = shown.rsplit(".", 1)[-1].lower() if "." in shown else ""
    if filename is not None and extension not in EXTENSIONS:
        raise UploadRejectedError(f"{named} n'est pas dans un format accepté : choisissez un fichier {FORMATS}.")
    for magic, what in _EXECUTABLES:
        if data.startswith(magic):
            raise UploadRejectedError(f"{named} est {what}, pas un CV : il est refusé. Choisissez le document de "
                                      f"votre CV ({FORMATS}).")
    kind = _kind(named, data)
    if filename is None:
        extension, shown = KINDS[kind][0][0], f"{title or 'cv'}.{KINDS[kind][0][0]}"
    if extension not in KINDS[kind][0]:
        raise UploadRejectedError(f"{named} porte l'extension .{extension} mais son contenu est {KINDS[kind][2]} : "
                                  f"renommez-le en .{KINDS[kind][0][0]} ou enregistrez-le à nouveau au bon format.")
    {"pdf": _check_pdf, "docx": _check_docx, "odt": _check_odt, "rtf": _check_rtf, "txt": _check_text,
     "doc": _check_doc}[kind](named, data)
    return CheckedFile(kind=kind, extension=extension, content_type=KINDS[kind][1],
                       filename=safe_filename(shown, extension))


def _kind(named: str, data: bytes) -> str:
    head = data[:1024]
    if b"%PDF-" in head:  # the marker may follow a few bytes of junk (PDF 1.7, annex H)
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(named, data)
    if data.startswith(_OLE):
        return "doc"
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return "rtf"
    if _decode_text(data) is not None:
        return "txt"
    raise UploadRejectedError(f"{named} n'est pas un document {FORMATS}{_what_else(data)} : "
                              "choisissez le fichier de votre CV.")


def _what_else(data: bytes) -> str:
    """« (son contenu est celui d'une image .png) » when puremagic recognises the content."""
    try:
        found = puremagic.magic_string(data[:8192])
    except (puremagic.PureError, ValueError):
        return ""
    if not found or not found[0].extension:
        return ""
    mime, extension = found[0].mime_type or "", found[0].extension
    what = {"image": "une image", "video": "une vidéo", "audio": "un enregistrement audio"}.get(
        mime.split("/")[0], "un fichier")
    return f" (son contenu est celui d'{what} {extension})"


# --- zip containers ------------------------------------------------------------------------------
def _zip_kind(named: str, data: bytes) -> str:
    entries = _read_zip(named, data)
    if "word/document.xml" in entries:
        return "docx"
    if entries.get("mimetype", b"").strip() == ODT_MIMETYPE:
        return "odt"
    if "mimetype" in entries and entries["mimetype"].startswith(b"application/vnd.oasis.opendocument"):
        raise UploadRejectedError(f"{named} est un document OpenDocument qui n'est pas un texte (tableur, "
                                  "présentation…) : enregistrez votre CV en texte (.odt) ou en PDF.")
    raise UploadRejectedError(f"{named} est une archive zip, pas un document {FORMATS} : "
                              "choisissez le fichier de votre CV lui-même.")


def _read_zip(named: str, data: bytes) -> dict[str, bytes]:
    """Every entry, read with a byte cap (declared sizes can lie), and the bomb checks."""
    damaged = UploadRejectedError(f"{named} est endommagé ou incomplet (archive illisible) : enregistrez-le à "
                                  "nouveau depuis votre traitement de texte, puis envoyez-le.")
    bomb = UploadRejectedError(f"{named} est refusé : son contenu décompressé est anormalement volumineux. "
                               "Enregistrez votre CV à nouveau ou envoyez-le en PDF.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise damaged from None
    if len(infos) > MAX_ZIP_ENTRIES:
        raise bomb
    entries: dict[str, bytes] = {}
    total = 0
    try:
        for info in infos:
            if info.is_dir():
                continue
            if info.flag_bits & 0x1:
                raise UploadRejectedError(f"{named} est protégé par un mot de passe : enregistrez-le sans "
                                          "protection, puis envoyez-le.")
            with archive.open(info) as entry:
                chunks = []
                while chunk := entry.read(64 * 1024):
                    total += len(chunk)
                    if total > MAX_UNZIPPED_BYTES:
                        raise bomb
                    chunks.append(chunk)
            entries[info.filename] = b"".join(chunks)
    except UploadRejectedError:
        raise
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
        raise damaged from None
    except Exception:  # zlib.error and the like: a damaged entry, not our fault
        logger.info("unreadable zip entry", exc_info=True)
        raise damaged from None
    if total > MAX_RATIO * max(len(data), 1) and total > 1024 * 1024:
        raise bomb
    return entries


def _check_xml(named: str, xml: bytes | None, what: str) -> None:
    if xml is None:
        raise UploadRejectedError(f"{named} est incomplet ({what} manque) : enregistrez-le à nouveau depuis votre "
                                  "traitement de texte.")
    try:
        parse_xml(xml, forbid_dtd=True)
    except DefusedXmlException:
        raise UploadRejectedError(f"{named} contient des déclarations XML refusées (DTD ou entités) : "
                                  "enregistrez-le à nouveau depuis votre traitement de texte.") from None
    except Exception:  # ParseError: a damaged or cut document
        raise UploadRejectedError(f"{named} est endommagé ({what} est illisible) : enregistrez-le à nouveau depuis "
                                  "votre traitement de texte.") from None


def _check_docx(named: str, data: bytes) -> None:
    entries = _read_zip(named, data)
    if any(name.lower().endswith("vbaproject.bin") for name in entries):
        raise UploadRejectedError(f"{named} contient des macros : enregistrez-le en « Document Word (.docx) » "
                                  "sans macros, ou en PDF.")
    _check_xml(named, entries.get("[Content_Types].xml"), "la liste de ses contenus")
    _check_xml(named, entries.get("word/document.xml"), "le texte du document")


def _check_odt(named: str, data: bytes) -> None:
    entries = _read_zip(named, data)
    if any(name.lower().startswith("basic/") or name.lower().startswith("scripts/") for name in entries):
        raise UploadRejectedError(f"{named} contient des macros : enregistrez-le sans macros, ou en PDF.")
    _check_xml(named, entries.get("content.xml"), "le texte du document")


# --- PDF -------------------------------------------------------------------------------------------
def _check_pdf(named: str, data: bytes) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if b"%%EOF" not in data[-2048:]:
        raise UploadRejectedError(f"{named} est incomplet (la fin du PDF manque) : enregistrez-le ou "
                                  "téléchargez-le à nouveau, puis envoyez-le.")
    unreadable = UploadRejectedError(f"{named} est un PDF endommagé que nous ne pouvons pas lire : enregistrez-le "
                                     "à nouveau, puis envoyez-le.")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise UploadRejectedError(f"{named} est protégé par un mot de passe : enregistrez-le sans "
                                      "protection, puis envoyez-le.")
        if len(reader.pages) == 0:
            raise unreadable
        found = _pdf_active_content(reader)
    except UploadRejectedError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, OSError):
        raise unreadable from None
    except Exception:  # pypdf raises more kinds than it documents on hostile input
        logger.info("unreadable PDF", exc_info=True)
        raise unreadable from None
    if found:
        raise UploadRejectedError(f"{named} contient {found}, ce qu'un CV ne doit pas contenir : il est refusé. "
                                  "Enregistrez-le à nouveau en PDF simple (« Enregistrer sous » ou « Imprimer en "
                                  "PDF »), puis envoyez-le.")


def _pdf_active_content(reader: Any) -> str:  # pypdf's PdfReader, imported late
    """What active content the PDF holds ("" when none): every object is looked at, those in object
    streams too, so a /JavaScript action hidden anywhere is found."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    numbers: set[int] = set()
    for table in reader.xref.values():
        numbers.update(table)
    numbers.update(reader.xref_objStm)
    if len(numbers) > MAX_PDF_OBJECTS:
        return "trop d'objets"
    stack = [reader.trailer]
    for number in sorted(numbers):
        try:
            obj = reader.get_object(number)
        except Exception:  # a dangling entry: nothing to look at
            continue
        if obj is not None:
            stack.append(obj)
    seen: set[int] = set()
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            continue  # its target is in the object table, looked at on its own
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if isinstance(obj, DictionaryObject):
            for key, value in obj.items():
                if key in _PDF_ACTIVE:
                    return _PDF_ACTIVE[key]
                if key == "/S" and isinstance(value, NameObject) and value in _PDF_ACTIVE:
                    return _PDF_ACTIVE[value]
                stack.append(value)
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    return ""


# --- the other formats -------------------------------------------------------------------------------
def _check_rtf(named: str, data: bytes) -> None:
    body = data.rstrip(b"\x00 \t\r\n")
    depth = 0
    escaped = False
    for byte in body:
        if escaped:
            escaped = False
        elif byte == 0x5C:  # backslash: the next character is literal ("\{" is not a group)
            escaped = True
        elif byte == 0x7B:
            depth += 1
        elif byte == 0x7D:
            depth -= 1
            if depth < 0:
                break
    if depth != 0 or not body.endswith(b"}"):
        raise UploadRejectedError(f"{named} est incomplet (le document RTF n'est pas terminé) : enregistrez-le à "
                                  "nouveau, puis envoyez-le.")


def _decode_text(data: bytes) -> str | None:
    """The text of a plain text file (UTF-8, UTF-16 with its mark, or Windows-1252), or None when the
    bytes are not text (binary content, control characters)."""
    text: str | None = None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    else:
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    if text is None or "\x00" in text:
        return None
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f")
    return text if controls <= len(text) // 1000 else None


def _check_text(named: str, data: bytes) -> None:
    text = _decode_text(data)
    if text is None or not text.strip():
        raise UploadRejectedError(f"{named} ne contient pas de texte lisible : choisissez le fichier de votre CV.")


def _check_doc(named: str, data: bytes) -> None:
    # Word 97-2003 is checked by reading it: antiword refuses what is not a Word document
    # (a spreadsheet, an installer — other files of the same OLE container) or is cut short.
    from espace.cv.extract import ExtractionError, doc_text

    try:
        doc_text(data)
    except ExtractionError:
        raise UploadRejectedError(f"{named} n'est pas un document Word lisible (il est peut-être endommagé ou "
                                  "d'un autre type) : enregistrez-le en .docx ou en PDF, puis envoyez-le.") from None
