"""« Mes courriers »: the letters of the dossier, as tagged PDF/UA-1 files kept for the candidate.

Records, in the candidate's partition ``USER#{uid}``:

- ``LETTER#{at:010d}#{id}``: a letter (``Letter``): its kind, title, when it was made, when it
  was first opened (``read_at``, None while unread) and its file, ``users/{uid}/courriers/{id}.pdf``;
- ``LETTER-KEY#{kind}#{about}``: {letter: the letter's sort key}, written only if absent in the
  same transaction as the letter: the letter of one kind about one thing (a request) is made
  once, whatever the retries or double clicks (the loser's caller gets the first letter; both
  wrote the same file, its key following from the kind and the request);
- ``LETTER-POST#{id}``: the letter's sending by post, written in the same transaction with the
  agency's waiting copy when the candidate has not agreed to receive their letters by e-mail
  (espace.dossier.post): the counsellors post it and mark it sent.

A letter is written from a template of ``theme/templates/services/dossier/letters/`` by
WeasyPrint with ``pdf_variant="pdf/ua-1"``, as the CV is (``espace.cv.pdf``: the language from
``<html lang="fr">``, the title from ``<title>``, no ``dl`` nor ``figure``); veraPDF checks it in
tests/functional/dossier/test_letters.py.

``confirm_registration`` is what a validation calls once the dossier is opened (a counsellor's,
espace.conseillers, or the automatic re-registration, espace.inscription): the « Confirmation
d'inscription » letter, then a mail (through ``Mailbox.deliver``, so « Mes messages » keeps it)
saying the same with the letter's link. The mail goes with the letter's first making: a second
call finds the letter and sends nothing again — unless that mail could not leave
(``mail_failed``), when the next call sends it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from espace.dossier import post
from espace.messages.service import Mailbox
from espace.ports import ConditionFailedError, Item, Message, Put, StoreError
from espace.text import PARIS, french_date

if TYPE_CHECKING:
    from jinja2 import Environment

    from espace.bootstrap import Services
    from espace.dossier.model import Dossier
    from espace.inscription.model import Registration

PREFIX = "LETTER#"
KEY_PREFIX = "LETTER-KEY#"
CONFIRMATION = "confirmation-inscription"
SITUATION = "changement-situation"
RECEIPT = "accuse-actualisation"  # espace.dossier.actualisation.receipt
RIGHTS, REJECTION = "notification-droits", "notification-rejet"  # espace.dossier.right_letters
COUNSELLOR = "courrier-conseiller"  # a letter a counsellor writes (espace.conseillers.dossiers)
KINDS = {CONFIRMATION: "services/dossier/letters/confirmation.html",
         SITUATION: "services/dossier/letters/situation.html",
         RECEIPT: "services/dossier/letters/accuse_actualisation.html",
         RIGHTS: "services/dossier/letters/notification-droits.html",
         REJECTION: "services/dossier/letters/notification-rejet.html",
         COUNSELLOR: "services/dossier/letters/conseiller.html"}
KIND_LABELS = {CONFIRMATION: "Inscription", SITUATION: "Changement de situation", RECEIPT: "Actualisation",
               RIGHTS: "Allocations", REJECTION: "Allocations", COUNSELLOR: "Courrier de votre conseiller"}
# The six attestations (espace.dossier.attestations): rendered on demand by ``render``.
ATTESTATIONS = ("paiement", "periodes-indemnisees", "caisse-de-retraite", "fiscale", "avis-de-situation",
                "loi-de-finances")
KINDS.update({f"attestation-{slug}": f"services/dossier/letters/attestation-{slug}.html" for slug in ATTESTATIONS})
KIND_LABELS.update({f"attestation-{slug}": "Attestation" for slug in ATTESTATIONS})
# A letter's public id (its URL segment): its time and random id, so it is read by key.
_PUBLIC_ID = re.compile(r"([0-9]{10})-([0-9a-f]{12})", re.ASCII)
_ABOUT = re.compile(r"[A-Za-z0-9_.-]{0,80}", re.ASCII)
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Letter:
    id: str  # 12 hex digits
    kind: str
    title: str
    at: int  # epoch seconds
    read_at: int | None
    file: str

    @property
    def sk(self) -> str:
        return letter_key(self.at, self.id)

    @property
    def public_id(self) -> str:
        return f"{self.at:010d}-{self.id}"

    @property
    def read(self) -> bool:
        return self.read_at is not None

    @classmethod
    def of(cls, item: Item) -> Letter:
        read_at = item.get("read_at")
        return cls(str(item["id"]), str(item["kind"]), str(item["title"]), int(item["at"]),
                   int(read_at) if read_at is not None else None, str(item["file"]))


def letter_key(at: int, letter_id: str) -> str:
    """Newest last in sort-key order: a descending query lists the newest first."""
    return f"{PREFIX}{at:010d}#{letter_id}"


def key_of(public: str) -> str | None:
    """The sort key behind a URL id; None for anything that is not one."""
    match = _PUBLIC_ID.fullmatch(public or "")
    return letter_key(int(match.group(1)), match.group(2)) if match else None


def file_key(user_id: str, letter_id: str) -> str:
    return f"users/{user_id}/courriers/{letter_id}.pdf"


# --- reading ---------------------------------------------------------------------------------
def get_letter(services: Services, user_id: str, public: str) -> Letter | None:
    """The account's letter with that URL id; None for another account's or a made-up one."""
    sk = key_of(public)
    item = services.records.get(f"USER#{user_id}", sk) if sk else None
    return Letter.of(item) if item is not None else None


def letters_of(services: Services, user_id: str) -> list[Letter]:
    """Every letter of the account, newest first."""
    return [Letter.of(item) for item in services.records.query(f"USER#{user_id}", PREFIX, descending=True)]


def unread_count(services: Services, user_id: str) -> int:
    # A dossier gets a few letters a year: reading them all is a query of a few small items.
    return sum(1 for letter in letters_of(services, user_id) if not letter.read)


def mark_read(services: Services, user_id: str, letter: Letter) -> None:
    """Record the first opening; a later one changes nothing (the date told is the first)."""
    if letter.read:
        return
    item = services.records.get(f"USER#{user_id}", letter.sk)
    if item is not None and item.get("read_at") is None:
        services.records.put({**item, "read_at": int(time.time())})


# --- writing ---------------------------------------------------------------------------------
@lru_cache(maxsize=2)
def _environment(templates_dir: str) -> Environment:
    from espace.templating import environment

    return environment(templates_dir)


def render(services: Services, kind: str, context: dict[str, Any]) -> bytes:
    """The letter of ``kind`` as a tagged PDF/UA-1 file (its style is in the letters' base template:
    nothing more to ship with the function than the templates)."""
    from weasyprint import HTML

    templates = services.settings.templates_dir
    markup = _environment(templates).get_template(KINDS[kind]).render(**context)
    pdf = HTML(string=markup, base_url=templates).write_pdf(pdf_variant="pdf/ua-1")
    assert pdf is not None  # write_pdf without a target returns the bytes
    return pdf


def deliver_letter(services: Services, user_id: str, kind: str, title: str, html_context: dict[str, Any],
                   *, about: str = "") -> tuple[Letter, bool]:
    """Write the letter of ``kind`` about ``about`` (a request's reference…) into the candidate's
    « Mes courriers »; returns (the letter, True when this call made it). A second call for the
    same kind and ``about`` returns the first letter and makes nothing."""
    if kind not in KINDS or not _ABOUT.fullmatch(about):
        raise ValueError(f"unknown letter kind {kind!r} or bad key {about!r}")
    pk, marker = f"USER#{user_id}", f"{KEY_PREFIX}{kind}#{about}"
    if (existing := _existing(services, pk, marker)) is not None:
        return existing, False
    # The id (and so the file's key) follows from what the letter is about: two calls at once
    # write the same file, and a call that stopped between the file and the records leaves no
    # orphan — the retry writes that file again. Nothing is ever deleted here, so the functions
    # that write letters need no delete permission on the bucket.
    at, letter_id = int(time.time()), hashlib.sha256(f"{user_id}#{kind}#{about}".encode()).hexdigest()[:12]
    letter = Letter(letter_id, kind, title, at, None, file_key(user_id, letter_id))
    services.files.put(letter.file, render(services, kind, {**html_context, "title": title}), "application/pdf")
    try:
        services.records.transact([
            Put({"pk": pk, "sk": marker, "letter": letter.sk}, if_absent=True),
            Put({"pk": pk, "sk": letter.sk, "id": letter_id, "kind": kind, "title": title, "at": at,
                 "read_at": None, "file": letter.file, "about": about}),
            # Posted too unless the candidate chose e-mail: in the letter's transaction, so once.
            *post.letter_post(services.records, user_id, letter_id, title, at, letter.public_id),
        ])
    except ConditionFailedError:  # another call made it first (its file has this one's key)
        existing = _existing(services, pk, marker)
        if existing is None:
            raise
        return existing, False
    return letter, True


def _existing(services: Services, pk: str, marker: str) -> Letter | None:
    found = services.records.get(pk, marker)
    item = services.records.get(pk, found["letter"]) if found else None
    return Letter.of(item) if item is not None else None


# --- the confirmation of a registration --------------------------------------------------------
CONFIRMATION_TITLE = "Confirmation d'inscription"


def confirmation_context(services: Services, registration: Registration, dossier: Dossier) -> dict[str, Any]:
    """What the « Confirmation d'inscription » letter and its mail say."""
    agency = services.agencies.get(dossier.agency_id or registration.agency_id)
    start = dossier.periods[-1]["start"] if dossier.periods else dt.datetime.now(PARIS).date().isoformat()
    return {
        "name": registration.name, "email": registration.email, "identifier": dossier.identifier,
        "registered_on": french_date(dt.date.fromisoformat(start)),
        "written_on": french_date(dt.datetime.now(PARIS).date()),
        "again": registration.kind == "reinscription", "reference": registration.reference,
        "agency": agency, "agency_hours": agency.hours_lines() if agency else [],
    }


def confirm_registration(services: Services, registration: Registration, dossier: Dossier) -> Letter:
    """The letter « Confirmation d'inscription » in « Mes courriers » and its mail; once per request."""
    context = confirmation_context(services, registration, dossier)
    letter, made = deliver_letter(services, registration.user_id, CONFIRMATION, CONFIRMATION_TITLE, context,
                                  about=registration.reference)
    pk = f"USER#{registration.user_id}"
    item = services.records.get(pk, letter.sk) or {}
    # The letter's maker mails it; a later call only when that mail could not leave (a retry sends
    # it then). A call that finds the letter neither mailed nor failed is a concurrent one: the
    # maker is sending.
    if item.get("mailed_at") is not None or not (made or item.get("mail_failed")):
        return letter
    profile = services.records.get(pk, "PROFILE") or {}
    to = str(profile.get("email") or registration.email)
    link = f"{services.settings.site_url.rstrip('/')}/mon-dossier/courriers/{letter.public_id}"
    try:
        Mailbox(services.records, services.mailer).deliver(
            registration.user_id, confirmation_mail(to, context, link), "inscription")
    except StoreError:
        # The validation is done and the letter kept: the mail waits for the next call rather
        # than failing the counsellor's page (a 503 would say that nothing was recorded).
        logger.warning("the confirmation mail of %s could not leave", registration.reference, exc_info=True)
        services.records.put({**(services.records.get(pk, letter.sk) or item), "mail_failed": True})
        return letter
    services.records.put({**(services.records.get(pk, letter.sk) or item), "mailed_at": int(time.time()),
                          "mail_failed": False})
    return letter


def confirmation_mail(to: str, context: dict[str, Any], link: str) -> Message:
    agency = context["agency"]
    where = f"\n\nVotre agence : {agency.name}, {agency.full_address}." if agency else ""
    what = "réinscription" if context["again"] else "inscription"
    body = f"""
Bonjour {context["name"]},

Votre {what} comme demandeur d'emploi est validée depuis le {context["registered_on"]}.

Votre identifiant de demandeur d'emploi : {context["identifier"]}

Cet identifiant vous permet désormais de vous connecter à votre espace, comme votre adresse
e-mail. Votre mot de passe reste celui que vous avez choisi, tant que vous ne le changez pas.{where}

Votre courrier « Confirmation d'inscription » vous attend dans Mes courriers :
{link}
"""
    signature = "\n\n-- \nEspace candidat\nCe message a été envoyé automatiquement : merci de ne pas y répondre.\n"
    return Message(to=to, subject="Votre inscription est confirmée – Espace candidat",
                   text=body.strip() + signature)
