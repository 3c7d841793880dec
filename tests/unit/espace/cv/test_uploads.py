"""Uploaded CV files checked by content: the good corpus is accepted and its text read; every hostile
file is refused with a French message naming the file and saying what to do."""

from __future__ import annotations

import time

import pytest

from espace.cv import extract, uploads
from espace.cv.uploads import UploadRejectedError, check, safe_filename
from tests import cv_files

EXPECTED_WORDS = {"johnny_coder_resume.docx": "Johnny Coder", "johnny_coder_resume.pdf": "Johnny Coder",
                  "johnny_coder_resume.rtf": "Johnny Coder", "johnny_coder_resume_pandoc2023.pdf": "Johnny Coder",
                  "twentyseconds_cv_template.odt": "Software Architect"}


@pytest.mark.parametrize("name", sorted(cv_files.GOOD))
def test_the_good_corpus_is_accepted_and_its_text_read(name):
    data = cv_files.good(name)
    checked = check(name, data)
    assert checked.extension == name.rsplit(".", 1)[1]
    assert checked.kind == checked.extension
    text = extract.text_of(checked.kind, data)
    assert EXPECTED_WORDS[name] in text
    assert "\uf015" not in text  # icon fonts' private-use glyphs are not words


def test_a_plain_text_cv_in_utf8_utf16_or_windows_1252():
    for data in (cv_files.text_cv(), cv_files.text_cv().decode().encode("utf-16"),
                 cv_files.text_cv().decode().encode("cp1252")):
        checked = check("cv.txt", data)
        assert checked.content_type == "text/plain; charset=utf-8"
        assert "Aide-soignante diplômée d'État" in extract.text_of("txt", data)


def test_a_pdf_protected_only_against_changes_opens_and_is_accepted():
    data = cv_files.pdf_protected_without_password()
    assert check("cv.pdf", data).kind == "pdf"
    assert "Johnny Coder" in extract.text_of("pdf", data)


HOSTILE = [
    ("vide.pdf", lambda: b"", "est vide"),
    ("bombe.docx", cv_files.zip_bomb, "anormalement volumineux"),
    ("ratio.docx", cv_files.ratio_bomb, "anormalement volumineux"),
    ("entrees.docx", cv_files.many_entries, "anormalement volumineux"),
    ("macros.docx", cv_files.docx_with_macros, "contient des macros"),
    ("entites.docx", cv_files.docx_with_entities, "DTD ou entités"),
    ("tableur.odt", cv_files.odt_spreadsheet, "n'est pas un texte"),
    ("archive.docx", cv_files.plain_zip, "archive zip"),
    ("script.pdf", cv_files.pdf_with_javascript, "contient du JavaScript"),
    ("ouverture.pdf", cv_files.pdf_with_open_action_js, "contient du JavaScript"),
    ("joint.pdf", cv_files.pdf_with_embedded_file, "contient un fichier joint"),
    ("secret.pdf", cv_files.pdf_encrypted, "protégé par un mot de passe"),
    ("cv.pdf", cv_files.windows_executable, "programme Windows"),
    ("cv.docx", cv_files.linux_executable, "programme Linux"),
    ("cv.txt", lambda: b"#!/bin/sh\nrm -rf ~\n", "un script"),
    ("photo.pdf", cv_files.png_image, "image .png"),
    ("ole.doc", cv_files.ole_not_word, "pas un document Word lisible"),
    ("coupe.pdf", lambda: cv_files.truncated(cv_files.good("johnny_coder_resume.pdf")), "incomplet"),
    ("coupe.docx", lambda: cv_files.truncated(cv_files.good("johnny_coder_resume.docx")), "endommagé ou incomplet"),
    ("coupe.odt", lambda: cv_files.truncated(cv_files.good("twentyseconds_cv_template.odt")), "endommagé ou incomplet"),
    ("coupe.rtf", lambda: cv_files.truncated(cv_files.good("johnny_coder_resume.rtf")), "pas terminé"),
    ("binaire.txt", lambda: bytes(range(256)) * 20, "n'est pas un document"),
    ("cv.exe", cv_files.text_cv, "pas dans un format accepté"),
    ("cv", cv_files.text_cv, "pas dans un format accepté"),
    ("cv.docx", lambda: cv_files.good("johnny_coder_resume.pdf"), "porte l'extension .docx mais son contenu est un "
                                                                 "document PDF"),
    ("gros.pdf", lambda: b"%PDF-1.7\n" + b" " * (uploads.MAX_BYTES + 1), "5 Mo au plus"),
]


@pytest.mark.parametrize(("name", "build", "says"), HOSTILE, ids=[case[0] + ":" + case[2] for case in HOSTILE])
def test_a_hostile_or_broken_file_is_refused_with_a_french_message(name, build, says):
    data = build()
    started = time.monotonic()
    with pytest.raises(UploadRejectedError) as refused:
        check(name, data)
    # A bomb is stopped early (well under a second), not inflated whole (minutes and gigabytes).
    assert time.monotonic() - started < 30
    message = refused.value.message
    assert message.startswith(f"Le fichier « {name} »")
    assert says in message
    assert message.endswith(".")


def test_the_zip_bomb_really_inflates_beyond_the_cap():
    """The bomb of the suite is a real one: its declared size is far beyond what is read."""
    import io
    import zipfile

    archive = zipfile.ZipFile(io.BytesIO(cv_files.zip_bomb()))
    assert sum(info.file_size for info in archive.infolist()) > uploads.MAX_UNZIPPED_BYTES
    assert len(cv_files.zip_bomb()) < 1024 * 1024


def test_a_zip_lying_about_its_sizes_is_read_with_the_cap():
    """Declared sizes patched to a few bytes: zipfile stops at the declared size and the CRC
    check fails, or the capped read stops it; either way it is refused, quickly."""
    import struct

    data = bytearray(cv_files.zip_bomb(size=8 * 1024 * 1024))
    at = data.find(b"PK\x01\x02")
    while at != -1:
        struct.pack_into("<I", data, at + 24, 10)
        at = data.find(b"PK\x01\x02", at + 4)
    with pytest.raises(UploadRejectedError):
        check("menteur.docx", bytes(data))


def test_the_file_name_offered_for_download_is_safe():
    assert safe_filename("C:\\Users\\moi\\Mon CV été 2024.pdf", "pdf") == "Mon-CV-ete-2024.pdf"
    assert safe_filename('../../"evil"\r\n.pdf', "pdf") == "evil.pdf"
    assert safe_filename(".pdf", "pdf") == "cv.pdf"
    assert check("../Mon CV.PDF", cv_files.good()).filename == "Mon-CV.pdf"


def test_antiword_refuses_what_is_not_word_and_stops_at_its_timeout(monkeypatch, tmp_path):
    assert extract.antiword_available()
    with pytest.raises(extract.ExtractionError):
        extract.doc_text(cv_files.ole_not_word())
    # A converter that hangs is stopped: this script stands for antiword stuck on a hostile file.
    stuck = tmp_path / "antiword"
    stuck.write_text("#!/bin/sh\nexec sleep 30\n")
    stuck.chmod(0o755)
    monkeypatch.setattr(extract, "ANTIWORD", str(stuck))
    monkeypatch.setattr(extract, "ANTIWORD_TIMEOUT_SECONDS", 0.5)
    started = time.monotonic()
    with pytest.raises(extract.ExtractionError, match="too long"):
        extract.doc_text(b"5")
    assert time.monotonic() - started < 15  # stopped at 0.5 s, long before the 30 s sleep ends


def test_extracted_text_is_tidied_and_capped():
    assert extract.tidy("  Camille \t Martin \r\n\r\n\r\n\r\nRennes ") == "Camille Martin\n\nRennes"
    assert len(extract.tidy("a" * (extract.MAX_CHARS + 10))) == extract.MAX_CHARS
