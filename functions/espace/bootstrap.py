"""The one place that picks the adapters, from URL-style settings.

    records: sqlite:///abs/path.db   | dynamodb://table-name
    files:   file:///abs/folder      | s3://bucket
    mail:    outbox:///abs/folder    | ses://

Domain code asks ``get_services()`` for its ports and never imports an adapter. Each
adapter module is imported only when its scheme is chosen, so the embedded profile
never imports boto3 and a Lambda never imports sqlite3 adapters it does not use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from espace.ports import FileStore, Mailer, RecordStore
from espace.settings import Settings, SettingsError, get_settings

# The names AWS accepts, checked here so a typo fails at start-up, not at the first request.
_TABLE_NAME = re.compile(r"[A-Za-z0-9_.-]{3,255}")
_BUCKET_NAME = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")


def _split(url: str, schemes: tuple[str, ...], what: str):
    if not isinstance(url, str) or "://" not in url:
        raise SettingsError(f"{what} URL {url!r} is not a URL; expected one of {', '.join(s + '://' for s in schemes)}")
    parts = urlsplit(url)
    if parts.scheme not in schemes:
        raise SettingsError(f"unknown {what} URL scheme {parts.scheme!r} in {url!r}; "
                            f"expected one of {', '.join(s + '://' for s in schemes)}")
    if parts.query or parts.fragment:
        raise SettingsError(f"{what} URL {url!r} takes no query or fragment")
    return parts


def _local_path(parts, url: str) -> Path:
    """``scheme:///abs/path``: a relative path would depend on the working directory of
    whoever starts the process (make, pytest, a Lambda), so it is refused.

    ``sqlite:////abs/path`` (SQLAlchemy's spelling, and that of the default records_url
    in settings.py) means the same absolute path: extra leading slashes are collapsed."""
    if parts.netloc or not parts.path.startswith("/"):
        raise SettingsError(f"{url!r} must name an absolute path, e.g. {parts.scheme}:///srv/espace/…")
    return Path("/" + unquote(parts.path).lstrip("/"))


def _aws_name(parts, url: str, pattern: re.Pattern, what: str) -> str:
    if parts.path not in ("", "/") or not pattern.fullmatch(parts.netloc):
        raise SettingsError(f"{url!r} does not name a valid {what}")
    return parts.netloc


def records_from_url(url: str) -> RecordStore:
    parts = _split(url, ("sqlite", "dynamodb"), "records")
    if parts.scheme == "sqlite":
        from espace.adapters.sqlite_records import SqliteRecordStore

        return SqliteRecordStore(_local_path(parts, url))
    from espace.adapters.dynamodb_records import DynamoRecordStore

    return DynamoRecordStore(_aws_name(parts, url, _TABLE_NAME, "DynamoDB table name"))


def files_from_url(url: str) -> FileStore:
    parts = _split(url, ("file", "s3"), "files")
    if parts.scheme == "file":
        from espace.adapters.local_files import LocalFileStore

        return LocalFileStore(_local_path(parts, url))
    from espace.adapters.s3_files import S3FileStore

    return S3FileStore(_aws_name(parts, url, _BUCKET_NAME, "S3 bucket name"))


def mailer_from_url(url: str, sender: str) -> Mailer:
    parts = _split(url, ("outbox", "ses"), "mail")
    if parts.scheme == "outbox":
        from espace.adapters.outbox_mail import OutboxMailer

        return OutboxMailer(_local_path(parts, url), sender)
    if parts.netloc or parts.path:
        raise SettingsError(f"{url!r}: write just ses:// (the region comes from AWS_REGION)")
    from espace.adapters.ses_mail import SesMailer

    return SesMailer(sender)


@dataclass(frozen=True)
class Services:
    records: RecordStore
    files: FileStore
    mailer: Mailer
    settings: Settings


def build_services(settings: Settings) -> Services:
    return Services(
        records=records_from_url(settings.records_url),
        files=files_from_url(settings.files_url),
        mailer=mailer_from_url(settings.mail_url, settings.mail_sender),
        settings=settings,
    )


@lru_cache(maxsize=1)
def get_services() -> Services:
    """Built once per process (per Lambda container): clients and connections are reused
    across invocations. Tests call ``get_services.cache_clear()`` after changing settings."""
    return build_services(get_settings())
