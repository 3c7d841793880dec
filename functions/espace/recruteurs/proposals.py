"""Propositions: a recruiter proposes one of their online offers to the candidate of a published CV.

Records:

- ``USER#{recruiter}`` / ``PROPOSAL-SENT#{offer_id}#{candidate}``: the recruiter's copy, written
  only if absent: one proposition per offer and candidate, whatever the number of clicks, tabs
  or CVs of that candidate. Once accepted it holds the candidate's contact details (their
  « Mes coordonnées » and account e-mail at that moment): only then does the recruiter see them.
- ``USER#{candidate}`` / ``PROPOSAL#{proposal_id}``: the candidate's copy (« Mes propositions »),
  written in the same transaction.
- ``USER#{candidate}`` / ``PROPOSAL-ANSWER#{proposal_id}``: the answer's guard, written only if
  absent in the same transaction as both copies' new state: a proposition is answered once,
  even by two tabs answering at the same instant (one accepts, the other is told it was done).
- ``USER#{recruiter}`` / ``PROPOSAL-DAY#{yyyy-mm-dd}``: the day's count of propositions sent
  (``MAX_PER_DAY``), taken by an atomic increment before writing and given back when nothing
  was written; expires after a few days.

Accepting creates the application in the recruiter's inbox for that offer
(``ApplicationDesk.submit``, kind "site"), with the proposed CV frozen as a PDF (with the
candidate's contact details: the candidate chose to answer) or the personal CV's own file.
"""

from __future__ import annotations

import dataclasses
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any

from espace.candidatures.model import Application, CvUsed
from espace.candidatures.model import new_id as new_application_id
from espace.candidatures.service import ApplicationDesk, file_prefix
from espace.cv.model import Contact
from espace.cv.service import CvBook
from espace.messages.service import Mailbox
from espace.ports import ConditionFailedError, Delete, Item, Message, Put
from espace.recruteurs.model import ONLINE, SiteOffer, owner_of, recruiter

if TYPE_CHECKING:
    from espace.bootstrap import Services

MAX_PER_DAY = 20
MAX_MESSAGE = 2000
PROPOSAL_ID_LENGTH = 16
DAY_TTL = 3 * 24 * 3600

PENDING, ACCEPTED, DECLINED = "en-attente", "acceptee", "refusee"
LABELS = {PENDING: "En attente de réponse", ACCEPTED: "Acceptée", DECLINED: "Refusée"}
SIGNATURE = "\n\n-- \nEspace candidat\nCe message a été envoyé automatiquement : merci de ne pas y répondre.\n"


def new_id() -> str:
    return secrets.token_urlsafe(12)  # 16 URL-safe characters


def valid_id(value: str) -> bool:
    return len(value) == PROPOSAL_ID_LENGTH and all(c.isalnum() or c in "-_" for c in value)


def day_of(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d")


@dataclass
class Proposal:
    id: str
    recruiter_id: str
    company: str
    offer_id: str
    offer_title: str
    candidate_id: str
    cv_id: str
    cv_title: str
    cv_mode: str  # "complet" | "express"
    message: str
    state: str = PENDING
    created_at: int = 0
    answered_at: int = 0
    # Filled when accepted, in the recruiter's copy only: the contact details the answer reveals.
    candidate_name: str = ""
    candidate_email: str = ""
    candidate_phone: str = ""
    application_id: str = ""

    @property
    def label(self) -> str:
        return LABELS.get(self.state, self.state)

    @property
    def pending(self) -> bool:
        return self.state == PENDING

    def sent_key(self) -> tuple[str, str]:
        return f"USER#{self.recruiter_id}", f"PROPOSAL-SENT#{self.offer_id}#{self.candidate_id}"

    def received_key(self) -> tuple[str, str]:
        return f"USER#{self.candidate_id}", f"PROPOSAL#{self.id}"

    def to_item(self, pk: str, sk: str) -> Item:
        return {"pk": pk, "sk": sk, "kind_of_record": "proposition", **dataclasses.asdict(self)}

    def for_candidate(self) -> Proposal:
        """The candidate's copy: their own contact details are not repeated there."""
        return dataclasses.replace(self, candidate_name="", candidate_email="", candidate_phone="")

    @classmethod
    def from_item(cls, item: Item) -> Proposal:
        names = {f.name for f in dataclasses.fields(cls)}
        data: dict[str, Any] = {k: v for k, v in item.items() if k in names}
        for name in ("created_at", "answered_at"):
            data[name] = int(data.get(name) or 0)
        return cls(**data)


class Sent(Enum):
    CREATED = "created"
    ALREADY = "already"  # this very form was sent before (double click, retry): nothing done again
    TAKEN = "taken"  # another proposition of this offer to this candidate exists
    LIMIT = "limit"  # MAX_PER_DAY reached today
    OFFER_CLOSED = "offer-closed"  # not one of the recruiter's online offers


class Answered(Enum):
    DONE = "done"
    ALREADY = "already"  # answered before (another tab, a retry)
    OFFER_CLOSED = "offer-closed"  # accepting an offer no longer online
    CV_GONE = "cv-gone"  # the proposed CV was deleted meanwhile


class ProposalDesk:
    def __init__(self, services: Services, now: float | None = None):
        self.services, self.records = services, services.records
        self._now = now

    @property
    def now(self) -> int:
        return int(time.time() if self._now is None else self._now)

    # --- reading ----------------------------------------------------------------------------
    def online_offers(self, recruiter_id: str) -> list[SiteOffer]:
        offers = [SiteOffer.from_item(i) for i in self.records.query(f"USER#{recruiter_id}", "OFFER#")]
        return sorted((o for o in offers if o.state == ONLINE), key=lambda o: (-o.created_at, o.id))

    def sent(self, recruiter_id: str) -> list[Proposal]:
        items = self.records.query(f"USER#{recruiter_id}", "PROPOSAL-SENT#")
        return sorted((Proposal.from_item(i) for i in items), key=lambda p: (p.created_at, p.id), reverse=True)

    def sent_to(self, recruiter_id: str, candidate_id: str) -> set[str]:
        """The offers already proposed to that candidate."""
        return {p.offer_id for p in self.sent(recruiter_id) if p.candidate_id == candidate_id}

    def received(self, candidate_id: str) -> list[Proposal]:
        items = self.records.query(f"USER#{candidate_id}", "PROPOSAL#")
        return sorted((Proposal.from_item(i) for i in items), key=lambda p: (p.created_at, p.id), reverse=True)

    def get(self, candidate_id: str, proposal_id: str) -> Proposal | None:
        if not valid_id(proposal_id):
            return None
        item = self.records.get(f"USER#{candidate_id}", f"PROPOSAL#{proposal_id}")
        return Proposal.from_item(item) if item else None

    def sent_today(self, recruiter_id: str) -> int:
        item = self.records.get(f"USER#{recruiter_id}", f"PROPOSAL-DAY#{day_of(self.now)}")
        return int(item.get("count", 0)) if item else 0

    # --- proposing --------------------------------------------------------------------------
    def propose(self, proposal: Proposal) -> tuple[Sent, Proposal]:
        """Record ``proposal`` (its id drawn when the form was shown) and tell the candidate."""
        owner = owner_of(self.records, proposal.offer_id)
        if owner is None or owner.recruiter_id != proposal.recruiter_id or not owner.open:
            return Sent.OFFER_CLOSED, proposal
        existing = self.records.get(*proposal.sent_key())
        if existing is not None:
            stored = Proposal.from_item(existing)
            return (Sent.ALREADY if stored.id == proposal.id else Sent.TAKEN), stored
        pk, day = f"USER#{proposal.recruiter_id}", f"PROPOSAL-DAY#{day_of(self.now)}"
        # The day's place is taken first, by one atomic increment: concurrent sends each get
        # their own number, and only the first MAX_PER_DAY are under the limit.
        if self.records.increment(pk, day, "count", expires_at=self.now + DAY_TTL) > MAX_PER_DAY:
            self.records.increment(pk, day, "count", -1)
            return Sent.LIMIT, proposal
        proposal = dataclasses.replace(proposal, state=PENDING, created_at=self.now, answered_at=0)
        try:
            self.records.transact([Put(proposal.to_item(*proposal.sent_key()), if_absent=True),
                                   Put(proposal.for_candidate().to_item(*proposal.received_key()), if_absent=True)])
        except ConditionFailedError:
            self.records.increment(pk, day, "count", -1)  # nothing was sent: the place is given back
            stored_item = self.records.get(*proposal.sent_key())
            if stored_item is None:
                raise
            stored = Proposal.from_item(stored_item)
            return (Sent.ALREADY if stored.id == proposal.id else Sent.TAKEN), stored
        self._tell_candidate(proposal)
        return Sent.CREATED, proposal

    # --- answering --------------------------------------------------------------------------
    def decline(self, proposal: Proposal) -> Answered:
        return self._answer(proposal, DECLINED, Contact())

    def accept(self, proposal: Proposal) -> Answered:
        """Accept: the application enters the recruiter's inbox with the proposed CV, and the
        recruiter's copy gets the candidate's contact details."""
        owner = owner_of(self.records, proposal.offer_id)
        if owner is None or not owner.open:
            return Answered.OFFER_CLOSED
        book = CvBook(self.services, proposal.candidate_id)
        application_id = new_application_id()
        frozen = self._freeze_cv(book, proposal, application_id)
        if frozen is None:
            return Answered.CV_GONE
        profile = self.records.get(f"USER#{proposal.candidate_id}", "PROFILE") or {}
        contact = book.contact()
        email = contact.email or str(profile.get("email", ""))
        answered = self._answer(proposal, ACCEPTED, dataclasses.replace(contact, email=email))
        if answered is not Answered.DONE:
            return answered
        cv_used, data = frozen
        application = Application(
            id=application_id, kind="site", offer_id=proposal.offer_id,
            offer_title=proposal.offer_title, company=proposal.company, candidate_id=proposal.candidate_id,
            cv=cv_used, message=f"Candidature à la suite de la proposition du recruteur :\n\n{proposal.message}",
            candidate_name=contact.name, candidate_email=email, candidate_phone=contact.phone, state="",
            recruiter_id=proposal.recruiter_id)
        _submitted, stored = ApplicationDesk(self.services, self._now).submit(application, data)
        pk, sk = proposal.sent_key()
        item = self.records.get(pk, sk)
        if item is not None:
            self.records.put({**item, "application_id": stored.id})
        return Answered.DONE

    def _freeze_cv(self, book: CvBook, proposal: Proposal, application_id: str) -> tuple[CvUsed, bytes] | None:
        from espace.cv import pdf

        prefix = file_prefix(proposal.candidate_id, application_id)
        if proposal.cv_mode == "express":
            personal = book.personal()
            if personal is None or personal.id != proposal.cv_id:
                return None
            data = self.services.files.get(personal.attachment.key).data
            return CvUsed("personnel", personal.id, personal.title, prefix + personal.attachment.filename,
                          personal.attachment.filename, personal.attachment.content_type), data
        cv = book.get(proposal.cv_id)
        if cv is None:
            return None
        filename = pdf.pdf_filename(cv)
        data = pdf.render(cv, book.contact(), settings=self.services.settings)
        return CvUsed("complet", cv.id, cv.display_title, prefix + filename, filename), data

    def _answer(self, proposal: Proposal, state: str, contact: Contact) -> Answered:
        pk, sk = proposal.sent_key()
        sent_item = self.records.get(pk, sk)
        if sent_item is None:  # the recruiter's account is gone: the candidate's copy still answers
            sent_item = proposal.to_item(pk, sk)
        answered = dataclasses.replace(Proposal.from_item(sent_item), state=state, answered_at=self.now)
        if state == ACCEPTED:
            answered = dataclasses.replace(answered, candidate_name=contact.name, candidate_email=contact.email,
                                           candidate_phone=contact.phone)
        operations: list[Put | Delete] = [
            Put({"pk": f"USER#{proposal.candidate_id}", "sk": f"PROPOSAL-ANSWER#{proposal.id}", "state": state,
                 "at": self.now}, if_absent=True),
            Put(answered.for_candidate().to_item(*proposal.received_key()))]
        if self.records.get(pk, sk) is not None:
            operations.append(Put(answered.to_item(pk, sk)))
        try:
            self.records.transact(operations)
        except ConditionFailedError:
            return Answered.ALREADY
        self._tell_recruiter(answered)
        return Answered.DONE

    # --- mails ------------------------------------------------------------------------------
    def _tell_candidate(self, proposal: Proposal) -> None:
        profile = self.records.get(f"USER#{proposal.candidate_id}", "PROFILE")
        if profile is None:
            return
        site = self.services.settings.site_url.rstrip("/")
        body = f"""Bonjour,

Un recruteur, {proposal.company or "une entreprise"}, a trouvé votre CV « {proposal.cv_title} » dans la
banque de CV et vous propose son offre « {proposal.offer_title} ».

Son message :
{proposal.message}

Il ne connaît pas vos coordonnées : il ne les verra que si vous acceptez sa proposition, et votre
candidature lui sera alors envoyée avec ce CV.

Pour lire la proposition et y répondre : {site}/mon-espace/propositions/{proposal.id}
"""
        message = Message(to=str(profile["email"]), subject=f"Une proposition d'emploi : {proposal.offer_title} – "
                                                             "Espace candidat", text=body.strip() + SIGNATURE)
        Mailbox(self.records, self.services.mailer).deliver(proposal.candidate_id, message, "proposition")

    def _tell_recruiter(self, proposal: Proposal) -> None:
        who = recruiter(self.records, proposal.recruiter_id)
        if who is None:
            return
        site = self.services.settings.site_url.rstrip("/")
        if proposal.state == ACCEPTED:
            news = ("Le candidat a accepté votre proposition : sa candidature est dans la liste des candidatures "
                    f"de l'offre, et ses coordonnées sont dans vos propositions envoyées.\n\n"
                    f"Candidatures de l'offre : {site}/recruteur/offres/{proposal.offer_id}/candidatures")
        else:
            news = "Le candidat a décliné votre proposition."
        body = f"""Bonjour,

Votre proposition de l'offre « {proposal.offer_title} » au candidat du CV « {proposal.cv_title} »
a reçu une réponse : {proposal.label.lower()}.

{news}

Vos propositions envoyées : {site}/recruteur/propositions
"""
        message = Message(to=who.email, subject=f"Proposition {proposal.label.lower()} : {proposal.offer_title} – "
                                                "Espace candidat", text=body.strip() + SIGNATURE)
        Mailbox(self.records, self.services.mailer).deliver(proposal.recruiter_id, message, "proposition")
