"""The text of a checked CV file, for the CV bank's keyword search.

One well-kept library per format: python-docx (.docx), odfdo (.odt), striprtf (.rtf), pypdf
(.pdf); Word 97-2003 (.doc) through Debian's ``antiword``, run in a subprocess with a timeout,
in a temporary folder of its own that is also its HOME (it reads its mapping files from there,
and two calls never share anything). The files reaching here passed ``uploads.check`` (their XML
has no DTD or entity, their zips are capped), so these libraries only read sound documents.

The text is capped (``MAX_CHARS``): it feeds an index, not a reader.
"""

from __future__ import annotations

import io
import logging
import os
import re
import subprocess
import tempfile
from pathlib import Path

logger = logging.getLogger(__name__)

MAX_CHARS = 100_000
MAX_PDF_PAGES = 30
ANTIWORD = "/usr/bin/antiword"
ANTIWORD_TIMEOUT_SECONDS = 10
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


class ExtractionError(Exception):
    """The file's text cannot be read."""


def text_of(kind: str, data: bytes) -> str:
    """The document's text, spaces tidied, at most MAX_CHARS; "" when it holds none (a scanned PDF)."""
    readers = {"docx": _docx, "odt": _odt, "rtf": _rtf, "pdf": _pdf, "doc": doc_text, "txt": _txt}
    try:
        raw = readers[kind](data)
    except ExtractionError:
        raise
    except Exception as error:  # a library failing on a sound-looking file: the file stays, without text
        logger.warning("text extraction failed for a %s file: %s", kind, error)
        raise ExtractionError(str(error)) from error
    return tidy(raw)


def tidy(text: str) -> str:
    # Private-use characters are icon fonts' glyphs (a phone, an envelope): no word to index.
    text = "".join(c for c in text if not 0xE000 <= ord(c) <= 0xF8FF)
    lines = (_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()[:MAX_CHARS]


def _docx(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _odt(data: bytes) -> str:
    from odfdo import Document

    document = Document(io.BytesIO(data))
    return str(document.get_formatted_text())


def _rtf(data: bytes) -> str:
    from striprtf.striprtf import rtf_to_text

    # RTF is 7-bit: other characters come as escapes that striprtf decodes (cp1252 by default).
    return str(rtf_to_text(data.decode("ascii", "replace"), errors="replace"))


def _pdf(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        reader.decrypt("")
    parts: list[str] = []
    size = 0
    for page in reader.pages[:MAX_PDF_PAGES]:
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
        if size > MAX_CHARS:
            break
    return "\n".join(parts)


def _txt(data: bytes) -> str:
    from espace.cv.uploads import _decode_text

    return _decode_text(data) or ""


def doc_text(data: bytes) -> str:
    """A Word 97-2003 document's text through antiword; ExtractionError when antiword refuses the
    file, fails or takes longer than ANTIWORD_TIMEOUT_SECONDS."""
    with tempfile.TemporaryDirectory(prefix="antiword-") as folder:
        path = Path(folder) / "cv.doc"
        path.write_bytes(data)
        environment = {"HOME": folder, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
        try:
            done = subprocess.run([ANTIWORD, "-m", "UTF-8.txt", "-w", "0", str(path)], capture_output=True,
                                  timeout=ANTIWORD_TIMEOUT_SECONDS, env=environment, cwd=folder, check=False,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as error:
            raise ExtractionError("antiword took too long") from error
        except OSError as error:
            raise ExtractionError(f"antiword cannot run: {error}") from error
    if done.returncode != 0:
        raise ExtractionError(done.stderr.decode("utf-8", "replace")[:300] or f"antiword exited {done.returncode}")
    return done.stdout.decode("utf-8", "replace")


def antiword_available() -> bool:
    return os.access(ANTIWORD, os.X_OK)
