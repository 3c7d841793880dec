"""One MIME builder for both mailers, so the .eml in the outbox is the very message SES
would send: what a developer reads locally is what a candidate receives.
"""

from __future__ import annotations

from email.headerregistry import HeaderRegistry
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate, getaddresses, make_msgid, parseaddr

from espace.ports import Message

# Headers the mailer owns; Message.headers adds others (List-Unsubscribe, Reply-To…).


class _CachedHeaderRegistry(HeaderRegistry):
    """The standard registry, but each header class is made once: the standard one builds a new
    class with ``type()`` on every lookup, which was most of a digest's cost in the daily alerts."""

    def __init__(self) -> None:
        super().__init__()
        self._classes: dict[str, type] = {}

    def __getitem__(self, name: str) -> type:
        key = name.lower()
        made = self._classes.get(key)
        if made is None:
            made = self._classes[key] = super().__getitem__(name)
        return made


# SMTP policy: CRLF line ends as RFC 5322 wants, non-ASCII headers RFC 2047-encoded, and line
# breaks inside a header value refused rather than sent.
POLICY = SMTP.clone(header_factory=_CachedHeaderRegistry())

_RESERVED = {"from", "to", "cc", "bcc", "subject", "date", "message-id", "mime-version",
             "content-type", "content-transfer-encoding"}


def build(message: Message, sender: str, *, message_id: bool = True) -> EmailMessage:
    """An RFC 5322 message: a text part, plus an HTML alternative when given, then the attachments.

    Raises ValueError for a header holding a line break (header injection) or for a
    recipient (or a copy) that is not one plain address."""
    for address in message.recipients:
        recipients = getaddresses([address])
        if len(recipients) != 1 or "@" not in recipients[0][1]:
            raise ValueError(f"not one e-mail address: {address!r}")
    mail = EmailMessage(policy=POLICY)
    mail["From"] = sender
    mail["To"] = message.to
    if message.cc:
        mail["Cc"] = ", ".join(message.cc)
    mail["Subject"] = message.subject
    mail["Date"] = formatdate(usegmt=True)
    if message_id:
        mail["Message-ID"] = make_msgid(domain=_domain(sender))
    for name, value in message.headers.items():
        if name.lower() in _RESERVED:
            raise ValueError(f"header {name!r} is set by the mailer")
        mail[name] = value
    # Quoted-printable: 7-bit safe for any relay, and the ASCII of the text stays legible raw.
    mail.set_content(message.text, subtype="plain", charset="utf-8", cte="quoted-printable")
    if message.html is not None:
        mail.add_alternative(message.html, subtype="html", charset="utf-8", cte="quoted-printable")
    for attachment in message.attachments:
        maintype, _, subtype = attachment.content_type.partition("/")
        mail.add_attachment(attachment.data, maintype=maintype, subtype=subtype, filename=attachment.filename)
    return mail


def _domain(sender: str) -> str:
    address = parseaddr(sender)[1]
    return address.rpartition("@")[2] or "localhost"

