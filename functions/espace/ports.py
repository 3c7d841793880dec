"""The ports of the services: small protocols, each with two adapters.

Domain code depends on these protocols only; ``espace.bootstrap`` picks the
adapters from settings (embedded: SQLite, a folder, an .eml outbox; AWS:
DynamoDB, S3, SES). The records port is DynamoDB-shaped on purpose — partition
and sort keys, conditional writes, key-prefix queries, transactions, TTL — so
the SQLite adapter stays small and the domain is written once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

Item = dict[str, Any]
"""A record: ``pk`` and ``sk`` strings plus JSON-like values (str, int, bool, None,
list, dict). ``expires_at`` (epoch seconds), when present, is the record's TTL:
an expired record is never returned, whether or not it was deleted yet."""


class StoreError(Exception):
    """A storage back end failed (network, permissions…): not the user's fault."""


class ConditionFailedError(StoreError):
    """A conditional write found the record in another state (e.g. it already exists)."""


class FileMissingError(StoreError, KeyError):
    """No file under that key."""


class InvalidContinuationError(ValueError):
    """A continuation key that this query did not hand out: malformed, tampered with, or from
    another list (another partition, prefix or direction). The caller's fault (a link was
    edited), not the store's: the web layer answers 400."""


@dataclass(frozen=True)
class Put:
    item: Item
    if_absent: bool = False  # fail with ConditionFailedError when pk/sk already exists


@dataclass(frozen=True)
class Delete:
    pk: str
    sk: str
    if_present: bool = False  # fail with ConditionFailedError when pk/sk does not exist


@dataclass(frozen=True)
class QueryPage:
    """One page of a query: ``items`` in the query's order, and ``next_key``, the continuation
    key to pass as ``after`` for the next page, None when this page is the last one."""

    items: list[Item]
    next_key: str | None


class RecordStore(Protocol):
    def get(self, pk: str, sk: str) -> Item | None: ...

    def put(self, item: Item, *, if_absent: bool = False) -> None: ...

    def delete(self, pk: str, sk: str, *, if_present: bool = False) -> None: ...

    def query(self, pk: str, sk_prefix: str = "", *, limit: int | None = None,
              descending: bool = False) -> list[Item]:
        """Items of one partition whose sort key starts with ``sk_prefix``, in sort-key order."""
        ...

    def query_page(self, pk: str, sk_prefix: str = "", *, limit: int, descending: bool = False,
                   after: str | None = None) -> QueryPage:
        """One page of ``query(pk, sk_prefix, descending=descending)``: at most ``limit`` live items
        (fewer only on the last page), starting just after the item that ended the page whose
        ``next_key`` is ``after`` (from the beginning when None).

        - ``next_key`` is None exactly when no live item follows the page (expired items are
          skipped, so an expired tail gives no empty last page); otherwise it is an opaque,
          URL-safe string (base64url) that the caller must not build or read.
        - A key marks a position, not an item: deleting or adding items between two pages
          neither repeats nor skips the others.
        - A key is bound to its ``pk``, ``sk_prefix`` and direction: used with anything else, or
          malformed or edited, it raises InvalidContinuationError (a ValueError) before any
          read. It is not signed: it only ever reads the partition the caller names, so a
          forged key can do no more than skip part of that partition.
        - Both adapters hand out the same key for the same position, so a key outlives a
          switch of adapter. ``limit`` is required (a positive int).
        """
        ...

    def transact(self, operations: list[Put | Delete]) -> None:
        """All operations or none; ConditionFailedError if any condition fails (max 25)."""
        ...

    def increment(self, pk: str, sk: str, name: str, by: int = 1, *, expires_at: int | None = None) -> int:
        """Atomically add ``by`` to the numeric field ``name`` (created at 0) and return the new
        value. ``expires_at`` is set only when the record is created, so a window
        does not slide. An expired record counts as absent and starts again at 0."""
        ...


@dataclass(frozen=True)
class StoredFile:
    data: bytes
    content_type: str


class FileStore(Protocol):
    def put(self, key: str, data: bytes, content_type: str) -> None: ...

    def get(self, key: str) -> StoredFile:
        """Raises FileMissingError when absent."""
        ...

    def delete(self, key: str) -> None:
        """Deleting an absent key is not an error."""
        ...

    def list(self, prefix: str) -> list[str]:
        """Keys under ``prefix``, sorted."""
        ...

    def delete_prefix(self, prefix: str) -> int:
        """Delete every key under ``prefix`` (all versions in a versioned bucket); return how many."""
        ...

    def upload_form(self, key: str, max_bytes: int, redirect: str, expires_in: int = 3600) -> dict[str, Any] | None:
        """Where a browser can send a file straight to the store, bypassing the application (whose
        requests are capped): {"url": …, "fields": {…}} for an HTML form POSTing the file as its
        last field ``file``, stored under ``key`` if it weighs 1 to ``max_bytes`` bytes, then the
        browser sent to ``redirect``. None when the store has no such way (local files): the
        application receives the file itself."""
        ...


@dataclass(frozen=True)
class MailAttachment:
    filename: str
    content_type: str  # "application/pdf"
    data: bytes


@dataclass(frozen=True)
class Message:
    to: str
    subject: str
    text: str
    html: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    cc: tuple[str, ...] = ()  # copies: each one plain address, sent to as well
    attachments: tuple[MailAttachment, ...] = ()

    @property
    def recipients(self) -> list[str]:
        """The envelope: the one recipient and the copies, whatever the headers say."""
        return [self.to, *self.cc]


class Mailer(Protocol):
    def send(self, message: Message) -> str:
        """Send one message and return its identifier."""
        ...
