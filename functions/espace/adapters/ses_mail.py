"""The mail port on Amazon SES (API v2).

The message is built by ``mime.build`` and sent raw, rather than as SES "Simple"
content: the HTML alternative, the extra headers (List-Unsubscribe…) and the encoding
are then exactly those of the embedded outbox. SES sets the Message-ID itself (it
replaces any given one), so it is left out and SES's MessageId is returned.
"""

from __future__ import annotations

from typing import Any

from espace.adapters._aws import make_client, translated
from espace.adapters.mime import build
from espace.ports import Message


class SesMailer:
    def __init__(self, sender: str, client: Any = None):
        self.sender = sender
        self._client = client if client is not None else make_client("sesv2")

    def send(self, message: Message) -> str:
        mail = build(message, self.sender, message_id=False)
        with translated("SES send_email"):
            response = self._client.send_email(
                FromEmailAddress=self.sender,
                # The envelope: exactly the recipient and the copies, whatever the headers say.
                Destination={"ToAddresses": [message.to], **({"CcAddresses": list(message.cc)} if message.cc else {})},
                Content={"Raw": {"Data": mail.as_bytes()}},
            )
        return response["MessageId"]
