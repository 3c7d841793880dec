"""Sending a CV by e-mail (seed: « Envoyer par courriel »): the form, the mail, the daily limit.

The mail goes from the site's address with the candidate's address as Reply-To (the recipient
answers the candidate, not the site), to one recipient and up to ``MAX_COPIES`` copies, with the
accompanying text (a cover letter) typed by the candidate in plain text, the contact details
when the candidate keeps them, and the CV attached: the PDF of a complete CV or the file of the
personal CV. A copy is kept in the candidate's « Mes messages ».

Twice the same form (a double click, a retried request) sends once: each form carries a nonce
(``cle``) claimed in the account's partition before sending. Each sending also takes a place in
a daily counter per account (``PER_DAY``), as the sharing of offers does (espace.partage): two
requests at once cannot both take the last place. Both records expire after two days.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from wtforms.fields import Field

from espace.accounts import validation as rules
from espace.cv.model import Contact
from espace.messages.service import Mailbox
from espace.ports import ConditionFailedError, MailAttachment, Mailer, Message, RecordStore
from espace.web.forms import (
    BooleanField,
    EmailField,
    HiddenField,
    KitForm,
    StringField,
    TextAreaField,
    ValidationError,
    length,
    required,
    rule,
    strip,
)

DAY = 86400
PER_DAY = 10
MAX_COPIES = 5
SUBJECT_MAX = 150
LETTER_MAX = 4000  # under the kit's cap per field (espace.web.request.MAX_FIELD_CHARS)
KIND = "cv"  # « Mes messages »: the kind of the kept copy
_SEPARATORS = re.compile(r"[\s,;]+")
NONCE = re.compile(r"[A-Za-z0-9_-]{8,43}")


def copies_of(value: str) -> list[str]:
    """The copies' addresses as typed (separated by commas, semicolons, spaces or lines), normalised,
    each once."""
    seen: list[str] = []
    for address in _SEPARATORS.split(value or ""):
        address = rules.normalize_email(address)
        if address and address not in seen:
            seen.append(address)
    return seen


def _check_copies(value: str) -> str | None:
    addresses = copies_of(value)
    if len(addresses) > MAX_COPIES:
        return f"Indiquez au plus {MAX_COPIES} adresses en copie (vous en avez saisi {len(addresses)})."
    for address in addresses:
        if rules.check_email(address, "l'adresse"):
            return (f"L'adresse en copie « {address[:80]} » n'est pas valide : saisissez des adresses comme "
                    "nom@exemple.fr, séparées par des virgules.")
    return None


class SendForm(KitForm):
    cle = HiddenField()
    destinataire = EmailField("Adresse e-mail du destinataire",
                              [required("Saisissez l'adresse e-mail du destinataire."),
                               rule(lambda value: rules.check_email(value, "l'adresse du destinataire"))],
                              filters=[strip], description="Par exemple l'adresse du recruteur indiquée dans l'offre.")
    copies = StringField("Adresses en copie (facultatif)", [rule(_check_copies)], filters=[strip],
                         description=f"Jusqu'à {MAX_COPIES} adresses, séparées par des virgules. Pour recevoir "
                                     "vous-même le message, indiquez votre adresse.")
    objet = StringField("Objet du message", [required("Saisissez l'objet du message."),
                                             length(SUBJECT_MAX, "L'objet")], filters=[strip],
                        description="Par exemple : « Candidature à l'offre n° 123ABCD, boulanger ».")
    lettre = TextAreaField("Votre message ou lettre de motivation (facultatif)", [length(LETTER_MAX, "Votre message")],
                           filters=[strip], description="Envoyé en texte simple, au-dessus de vos coordonnées.")
    coordonnees = BooleanField("Indiquer mes coordonnées dans le message et sur le CV", default=True,
                               description="Sans elles, votre adresse e-mail reste l'adresse de réponse du message.")

    def validate_copies(self, field: Field) -> None:
        if self.destinataire.data and rules.normalize_email(self.destinataire.data) in copies_of(field.data or ""):
            raise ValidationError("Le destinataire est aussi en copie : retirez son adresse des copies.")


@dataclass(frozen=True)
class Sending:
    """One sending as the form gave it."""

    to: str
    copies: tuple[str, ...]
    subject: str
    letter: str
    show_contact: bool


class Outcome(Enum):
    SENT = "sent"
    ALREADY = "already"  # the same form sent again: nothing sent twice
    LIMIT = "limit"


def contact_lines(contact: Contact | None) -> list[str]:
    if contact is None:
        return []
    lines = [contact.name] if contact.name else []
    if contact.phone:
        lines.append(f"Téléphone : {contact.phone}")
    if contact.email:
        lines.append(f"Courriel : {contact.email}")
    address = ", ".join(p for p in (contact.address, f"{contact.postal_code} {contact.city}".strip()) if p)
    if address:
        lines.append(f"Adresse : {address}")
    return lines


def cv_mail(sending: Sending, contact: Contact | None, reply_to: str, attachment: MailAttachment,
            what: str) -> Message:
    """Plain text only: what the candidate typed is never read as HTML. ``what`` names the CV
    (« le CV « Boulangère » »)."""
    lines = [sending.letter, ""] if sending.letter else []
    shown = contact_lines(contact if sending.show_contact else None)
    if shown:
        lines += ["--", *shown, ""]
    lines += [f"Vous trouverez en pièce jointe {what} (fichier « {attachment.filename} »).",
              f"Pour répondre, écrivez à {reply_to} : c'est l'adresse de réponse de ce message.", "",
              "Ce message a été envoyé depuis l'Espace candidat par son titulaire."]
    return Message(to=sending.to, subject=sending.subject[:SUBJECT_MAX], text="\n".join(lines),
                   headers={"Reply-To": reply_to}, cc=sending.copies, attachments=(attachment,))


def now() -> float:
    """The clock of the daily limit (a module function: tests move it to another day)."""
    return time.time()


class CvMailer:
    def __init__(self, records: RecordStore, mailer: Mailer, user_id: str, clock: Callable[[], float] | None = None):
        self.records, self.mailer, self.user_id = records, mailer, user_id
        self.clock = clock or (lambda: now())
        self.pk = f"USER#{user_id}"

    def sent_today(self) -> int:
        item = self.records.get(self.pk, f"CV-SEND-COUNT#{int(self.clock()) // DAY}")
        return int(item["count"]) if item else 0

    def previous(self, nonce: str) -> dict | None:
        """What the form with this nonce sent, if it was sent."""
        return self.records.get(self.pk, f"CV-SEND#{nonce}") if NONCE.fullmatch(nonce or "") else None

    def send(self, nonce: str, message: Message, build_attachment_note: str) -> Outcome:
        """Send ``message`` once for ``nonce``; keep a copy in « Mes messages »."""
        now = int(self.clock())
        day, expires = now // DAY, now + 2 * DAY
        claim = {"pk": self.pk, "sk": f"CV-SEND#{nonce}", "to": message.to, "cc": list(message.cc),
                 "subject": message.subject, "sent_at": now, "expires_at": expires}
        try:
            self.records.put(claim, if_absent=True)
        except ConditionFailedError:
            return Outcome.ALREADY
        if self.records.increment(self.pk, f"CV-SEND-COUNT#{day}", "count", expires_at=expires) > PER_DAY:
            self.records.delete(self.pk, f"CV-SEND#{nonce}")  # not sent: the same form may be sent tomorrow
            return Outcome.LIMIT
        try:
            self.mailer.send(message)
        except Exception:
            self.records.delete(self.pk, f"CV-SEND#{nonce}")  # not sent: sending the form again may work
            raise
        copies = f" (copie à {', '.join(message.cc)})" if message.cc else ""
        kept = Message(to=message.to, subject=f"Envoyé : {message.subject}",
                       text=f"Message envoyé à {message.to}{copies}, {build_attachment_note}.\n\n{message.text}")
        Mailbox(self.records, self.mailer, self.clock).keep(self.user_id, kept, KIND)
        return Outcome.SENT
