"""The candidate's mailbox on the site: each mail sent to an account is also kept there.

Every area that mails a candidate who has an account calls ``Mailbox.deliver`` instead of
the Mailer port directly, so « Mes messages » holds the same text as the mail. Messages
live in the user's partition (exported and deleted with the account) and expire after
a year (TTL), so the box never grows without bound.
"""

from __future__ import annotations

import secrets
import time

from espace.ports import Mailer, Message, RecordStore

KEEP_SECONDS = 365 * 86400
PREFIX = "MSG#"


def message_key(sent_at: int, message_id: str) -> str:
    """Newest last in sort-key order: a descending query lists the newest first."""
    return f"{PREFIX}{sent_at:010d}#{message_id}"


class Mailbox:
    def __init__(self, records: RecordStore, mailer: Mailer, clock=time.time):
        self.records, self.mailer, self.clock = records, mailer, clock

    def deliver(self, user_id: str, message: Message, kind: str) -> str:
        """Send ``message`` and keep it in the account's box; returns the kept message's id.

        The mail goes first: a mail that could not be sent is not shown as received."""
        self.mailer.send(message)
        return self.keep(user_id, message, kind)

    def keep(self, user_id: str, message: Message, kind: str) -> str:
        sent_at = int(self.clock())
        message_id = secrets.token_hex(6)
        self.records.put({"pk": f"USER#{user_id}", "sk": message_key(sent_at, message_id), "id": message_id,
                          "kind": kind, "to": message.to, "subject": message.subject, "text": message.text,
                          "read": False, "sent_at": sent_at, "expires_at": sent_at + KEEP_SECONDS})
        return message_id
