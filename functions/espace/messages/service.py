"""The candidate's mailbox on the site: each mail sent to an account is also kept there.

Every area that mails a candidate who has an account calls ``Mailbox.deliver`` instead of
the Mailer port directly, so « Mes messages » holds the same text as the mail. Messages
live in the user's partition (exported and deleted with the account) and expire after
a year (TTL); at most MAX_MESSAGES are kept, the oldest going first.

Unread messages: each unread message has a tiny marker record ``UNREAD#{key}`` written and
removed in the same transaction as the message's ``read`` flag, so the two never disagree,
and the count is a query of markers bounded by MAX_MESSAGES (keys only, a few bytes each).
A counter updated with ``increment`` would be cheaper to read but drifts when two tabs
mark the same message read at once (both decrement); a marker deleted twice is deleted once.
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from espace.ports import Delete, Item, Mailer, Message, Put, RecordStore

KEEP_SECONDS = 365 * 86400
MAX_MESSAGES = 500
PREFIX = "MSG#"
UNREAD_PREFIX = "UNREAD#"
COUNT_SK = "MSG-COUNT"
# A message's public id: its send time and random id, so the record is read by key (no scan).
_PUBLIC_ID = re.compile(r"([0-9]{10})-([0-9a-f]{12})", re.ASCII)


def message_key(sent_at: int, message_id: str) -> str:
    """Newest last in sort-key order: a descending query lists the newest first."""
    return f"{PREFIX}{sent_at:010d}#{message_id}"


def public_id(item: Item) -> str:
    """The id in the message's URL (/mon-espace/messages/{id})."""
    return f"{int(item['sent_at']):010d}-{item['id']}"


def key_of(public: str) -> str | None:
    """The sort key behind a URL id, or None for anything that is not one."""
    match = _PUBLIC_ID.fullmatch(public or "")
    return f"{PREFIX}{match.group(1)}#{match.group(2)}" if match else None


@dataclass(frozen=True)
class Kept:
    """A message as « Mes messages » shows it."""

    id: str
    subject: str
    text: str
    kind: str
    read: bool
    sent_at: int

    @classmethod
    def of(cls, item: Item) -> Kept:
        return cls(public_id(item), str(item["subject"]), str(item["text"]), str(item.get("kind", "")),
                   bool(item.get("read")), int(item["sent_at"]))


class Mailbox:
    def __init__(self, records: RecordStore, mailer: Mailer, clock: Callable[[], float] = time.time):
        self.records, self.mailer, self.clock = records, mailer, clock

    def deliver(self, user_id: str, message: Message, kind: str) -> str:
        """Send ``message`` and keep it in the account's box; returns the kept message's id.

        The mail goes first: a mail that could not be sent is not shown as received."""
        self.mailer.send(message)
        return self.keep(user_id, message, kind)

    def keep(self, user_id: str, message: Message, kind: str) -> str:
        sent_at = int(self.clock())
        message_id = secrets.token_hex(6)
        pk, sk, expires_at = f"USER#{user_id}", message_key(sent_at, message_id), sent_at + KEEP_SECONDS
        self.records.transact([
            Put({"pk": pk, "sk": sk, "id": message_id, "kind": kind, "to": message.to, "subject": message.subject,
                 "text": message.text, "read": False, "sent_at": sent_at, "expires_at": expires_at}),
            Put({"pk": pk, "sk": UNREAD_PREFIX + sk, "expires_at": expires_at}),
        ])
        self._trim(user_id)
        return message_id

    # --- reading ----------------------------------------------------------------
    def get(self, user_id: str, public: str) -> Kept | None:
        """The account's message with that URL id; None for another account's or a made-up one."""
        sk = key_of(public)
        item = self.records.get(f"USER#{user_id}", sk) if sk else None
        return Kept.of(item) if item is not None else None

    def unread_count(self, user_id: str) -> int:
        return len(self.records.query(f"USER#{user_id}", UNREAD_PREFIX, limit=MAX_MESSAGES))

    # --- changing -----------------------------------------------------------------
    def mark(self, user_id: str, public: str, *, read: bool) -> bool:
        """Mark a message read or unread; False when there is no such message."""
        pk, sk = f"USER#{user_id}", key_of(public)
        item = self.records.get(pk, sk) if sk else None
        if item is None or sk is None:
            return False
        if bool(item.get("read")) == read:
            return True  # nothing to change: a second click does nothing twice
        marker: Put | Delete = (Delete(pk, UNREAD_PREFIX + sk) if read
                                else Put({"pk": pk, "sk": UNREAD_PREFIX + sk, "expires_at": item["expires_at"]}))
        self.records.transact([Put({**item, "read": read}), marker])
        return True

    def delete(self, user_id: str, public: str) -> Kept | None:
        """Delete one message; returns what was deleted (None: nothing to delete)."""
        pk, sk = f"USER#{user_id}", key_of(public)
        item = self.records.get(pk, sk) if sk else None
        if item is None or sk is None:
            return None
        self.records.transact([Delete(pk, sk), Delete(pk, UNREAD_PREFIX + sk)])
        self.records.increment(pk, COUNT_SK, "count", -1)
        return Kept.of(item)

    def delete_read(self, user_id: str) -> int:
        """Delete every read message; returns how many."""
        pk, deleted, after = f"USER#{user_id}", 0, None
        while True:
            page = self.records.query_page(pk, PREFIX, limit=100, after=after)
            for item in page.items:
                if item.get("read"):
                    self.records.delete(pk, item["sk"])
                    deleted += 1
            if page.next_key is None:
                break
            after = page.next_key
        if deleted:
            self.records.increment(pk, COUNT_SK, "count", -deleted)
        return deleted

    def _trim(self, user_id: str) -> None:
        """Past MAX_MESSAGES, the oldest go. The count is a hint (expired messages leave it
        high): when it says too many, the real list is read and only real extras deleted."""
        pk = f"USER#{user_id}"
        if self.records.increment(pk, COUNT_SK, "count") <= MAX_MESSAGES:
            return
        items = self.records.query(pk, PREFIX)
        for item in items[:max(0, len(items) - MAX_MESSAGES)]:
            self.records.transact([Delete(pk, item["sk"]), Delete(pk, UNREAD_PREFIX + item["sk"])])
        self.records.put({"pk": pk, "sk": COUNT_SK, "count": min(len(items), MAX_MESSAGES)})
