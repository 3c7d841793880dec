"""The mail port of the embedded profile: each message becomes an ``.eml`` file in an
outbox folder, to open in any mail client (or read with ``read_outbox``).

File names start with the UTC time, so ``ls`` and ``sorted()`` list them in sending
order; a random tail keeps two messages of the same microsecond apart.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from espace.adapters.mime import build
from espace.ports import Message, StoreError
from espace.settings import Settings


class OutboxMailer:
    def __init__(self, folder: str | Path, sender: str = Settings.mail_sender):
        self.folder = Path(folder)
        self.sender = sender

    def send(self, message: Message) -> str:
        mail = build(message, self.sender)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
        path = self.folder / f"{stamp}-{secrets.token_hex(4)}.eml"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # Written aside then renamed: a reader polling the folder never parses half a mail.
            descriptor, temporary = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".part")
            try:
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(mail.as_bytes())
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as error:
            raise StoreError(f"cannot write to the outbox {self.folder}: {error}") from error
        return mail["Message-ID"]


def read_outbox(folder: str | Path) -> list[EmailMessage]:
    """The messages of an outbox, oldest first (an absent folder is an empty outbox)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    parser = BytesParser(policy=policy.default)
    return [parser.parsebytes(path.read_bytes()) for path in sorted(folder.glob("*.eml"))]
