"""Storing a checked CV file: the original and its extracted text, under the account's files prefix.

Keys: ``users/{uid}/cv/personnel/{nonce}/…`` for the personal CV and ``users/{uid}/cv/{cv_id}/joint/
{nonce}/…`` for a complete CV's attached file: ``cv.{ext}`` (the original) and ``texte.txt`` (its
text, for the CV index). A fresh ``nonce`` per upload: a new file never overwrites the one still
shown until the record points to it; the record's save then deletes the previous one.

In the AWS profile the browser sends the file straight to S3 (a presigned POST, ``upload_form``),
to ``users/{uid}/cv/televersements/{nonce}``; ``take_pending`` then runs the same checks on the
stored object and moves it to its final key, or deletes it. What the candidate chose with the file
(title, anonymity, consent) travels in a signed token (``web.tokens``) in the redirect S3 makes
after the upload: nothing is stored for an upload that never comes.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from espace.cv import extract
from espace.cv.model import Attachment
from espace.cv.uploads import MAX_BYTES, CheckedFile, UploadRejectedError, check
from espace.ports import FileMissingError

if TYPE_CHECKING:
    from espace.cv.service import CvBook

UPLOAD_PURPOSE = "cv-televersement"
UPLOAD_MAX_AGE = 3600  # the presigned POST's life, and the token's
NONCE_LENGTH = 16


def new_nonce() -> str:
    return secrets.token_hex(NONCE_LENGTH // 2)


def valid_nonce(value: str) -> bool:
    return len(value) == NONCE_LENGTH and all(c in "0123456789abcdef" for c in value)


def folder(book: CvBook, owner: str, nonce: str) -> str:
    """``owner``: "personnel" or a CV's id."""
    if owner == "personnel":
        return f"{book.files_prefix}personnel/{nonce}/"
    return f"{book.files_prefix}{owner}/joint/{nonce}/"


def pending_key(book: CvBook, nonce: str) -> str:
    return f"{book.files_prefix}televersements/{nonce}"


@dataclass(frozen=True)
class Stored:
    attachment: Attachment
    has_text: bool  # False for a scanned PDF: recruiters' keyword search will not find it


def store(book: CvBook, owner: str, filename: str, data: bytes, nonce: str | None = None) -> Stored:
    """Check ``data`` (UploadRejectedError: nothing stored), then keep it and its text."""
    checked = check(filename, data)
    return _keep(book, owner, checked, data, nonce or new_nonce())


def _keep(book: CvBook, owner: str, checked: CheckedFile, data: bytes, nonce: str) -> Stored:
    try:
        text = extract.text_of(checked.kind, data)
    except extract.ExtractionError:
        text = ""  # a sound file whose text a library cannot read: kept, just not searchable by words
    base = folder(book, owner, nonce)
    files = book.services.files
    key, text_key = f"{base}cv.{checked.extension}", f"{base}texte.txt"
    if text:
        files.put(text_key, text.encode("utf-8"), "text/plain; charset=utf-8")
    files.put(key, data, checked.content_type)
    return Stored(Attachment(key=key, filename=checked.filename, content_type=checked.content_type, size=len(data),
                             uploaded_at=book.now, text_key=text_key if text else ""), bool(text))


def upload_form(book: CvBook, nonce: str, redirect: str) -> dict[str, object] | None:
    return book.services.files.upload_form(pending_key(book, nonce), MAX_BYTES, redirect, UPLOAD_MAX_AGE)


def take_pending(book: CvBook, owner: str, title: str, nonce: str) -> Stored | None:
    """The file the browser sent to the store: checked, moved to its final key, or deleted with
    UploadRejectedError. None when there is none (already taken: a reloaded page)."""
    files = book.services.files
    key = pending_key(book, nonce)
    try:
        data = files.get(key).data
    except FileMissingError:
        return None
    try:
        checked = check(None, data, title)
        return _keep(book, owner, checked, data, nonce)
    finally:
        files.delete(key)


def remove(book: CvBook, attachment: Attachment) -> None:
    files = book.services.files
    files.delete(attachment.key)
    if attachment.text_key:
        files.delete(attachment.text_key)


def same_upload(attachment: Attachment | None, nonce: str) -> bool:
    return attachment is not None and f"/{nonce}/" in attachment.key


__all__ = ["Stored", "UploadRejectedError", "folder", "new_nonce", "remove", "same_upload", "store", "take_pending",
           "upload_form", "valid_nonce"]
