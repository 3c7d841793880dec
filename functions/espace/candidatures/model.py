"""An application (« candidature ») to an offer, its states and the transitions between them.

Two kinds, after the seed (« postuler sur les offres comportant une adresse courriel de contact
ou ouvertes à la télécandidature »):

- ``site``: an offer a recruiter published on the site (télécandidature). The application goes
  into that recruiter's inbox and moves through the states below, each move logged.
- ``courriel``: an imported offer with a contact e-mail. The application is mailed to the
  contact with the CV attached; the recruiter is outside the site, so it stays « envoyée ».

States and transitions are explicit (after les-emplois): ``TRANSITIONS[state]`` lists where a
state may go, and who may take it there. Archiving is apart from state: a closed application
(``FINAL``) is shown in the archive, and so is one the retention job archived after six months
without activity.
"""

from __future__ import annotations

import dataclasses
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

# --- states -----------------------------------------------------------------------------------
SENT = "envoyee"  # courriel: mailed to the offer's contact
NEW = "nouvelle"  # site: in the recruiter's inbox, not looked at yet
REVIEWING = "en-cours"
INTERVIEW = "entretien"  # « retenue pour entretien »
ACCEPTED = "acceptee"
REFUSED = "refusee"
WITHDRAWN = "retiree"  # by the candidate
OFFER_FILLED = "offre-pourvue"  # the recruiter closed the offer as filled
OFFER_CLOSED = "offre-retiree"  # the offer was withdrawn without being filled (or its recruiter left)

LABELS = {
    SENT: "Envoyée par e-mail",
    NEW: "Reçue, pas encore consultée",
    REVIEWING: "En cours d'examen",
    INTERVIEW: "Retenue pour un entretien",
    ACCEPTED: "Acceptée",
    REFUSED: "Refusée",
    WITHDRAWN: "Retirée par le candidat",
    OFFER_FILLED: "Offre pourvue",
    OFFER_CLOSED: "Offre retirée",
}
# What the recruiter's inbox calls a state (the recruiter's point of view).
RECRUITER_LABELS = {**LABELS, NEW: "Nouvelle", WITHDRAWN: "Retirée par le candidat"}

PENDING = frozenset({NEW, REVIEWING, INTERVIEW})  # the candidate may withdraw; the offer's closing ends them
FINAL = frozenset({ACCEPTED, REFUSED, WITHDRAWN, OFFER_FILLED, OFFER_CLOSED})

# Who may move an application, and where to.
CANDIDATE, RECRUITER, SYSTEM = "candidat", "recruteur", "systeme"
TRANSITIONS: dict[str, dict[str, frozenset[str]]] = {
    NEW: {RECRUITER: frozenset({REVIEWING, INTERVIEW, ACCEPTED, REFUSED}), CANDIDATE: frozenset({WITHDRAWN}),
          SYSTEM: frozenset({OFFER_FILLED, OFFER_CLOSED})},
    REVIEWING: {RECRUITER: frozenset({INTERVIEW, ACCEPTED, REFUSED}), CANDIDATE: frozenset({WITHDRAWN}),
                SYSTEM: frozenset({OFFER_FILLED, OFFER_CLOSED})},
    INTERVIEW: {RECRUITER: frozenset({ACCEPTED, REFUSED}), CANDIDATE: frozenset({WITHDRAWN}),
                SYSTEM: frozenset({OFFER_FILLED, OFFER_CLOSED})},
}

MAX_MESSAGE = 4000  # « valoriser ses atouts »: about a page
MAX_REASON = 1000
APPLICATION_ID = re.compile(r"[A-Za-z0-9_-]{16}")


def new_id() -> str:
    return secrets.token_urlsafe(12)  # 16 URL-safe characters


def can_move(state: str, actor: str, to: str) -> bool:
    return to in TRANSITIONS.get(state, {}).get(actor, frozenset())


@dataclass(frozen=True)
class Transition:
    """One line of the log: who moved the application where, and when."""

    state: str
    at: int  # epoch seconds
    actor: str  # CANDIDATE | RECRUITER | SYSTEM
    actor_id: str = ""  # the account that acted (empty for the system)
    reason: str = ""  # a refusal's reason
    reason_shared: bool = False  # the candidate sees the reason only when the recruiter said so

    def for_candidate(self) -> Transition:
        """The line as the candidate sees it: an unshared reason is not there at all."""
        return self if self.reason_shared else dataclasses.replace(self, reason="")


@dataclass(frozen=True)
class CvUsed:
    """The CV sent with the application, frozen as it was sent (a PDF or the personal CV's file)."""

    kind: str  # "complet" | "personnel"
    cv_id: str
    title: str
    file_key: str  # users/{candidate}/candidatures/{application}/{filename}
    filename: str
    content_type: str = "application/pdf"


@dataclass
class Application:
    id: str
    kind: str  # "site" | "courriel"
    offer_id: str
    offer_title: str
    company: str
    candidate_id: str
    cv: CvUsed
    message: str  # « mes atouts pour ce poste »
    candidate_name: str  # from « Mes coordonnées », as sent
    candidate_email: str
    candidate_phone: str
    state: str
    history: list[Transition] = field(default_factory=list)
    recruiter_id: str = ""  # site: whose inbox
    contact_email: str = ""  # courriel: where it was mailed
    created_at: int = 0
    updated_at: int = 0  # the last activity: the retention job counts from it
    archived: bool = False
    anonymised: bool = False  # recruiter's copy of an application whose candidate deleted their space

    @property
    def closed(self) -> bool:
        return self.state in FINAL

    @property
    def in_archive(self) -> bool:
        return self.archived or self.closed

    @property
    def pending(self) -> bool:
        return self.state in PENDING

    @property
    def label(self) -> str:
        return LABELS.get(self.state, self.state)

    @property
    def refusal(self) -> Transition | None:
        return next((t for t in reversed(self.history) if t.state == REFUSED), None)

    # --- records ----------------------------------------------------------------------------
    def candidate_key(self) -> tuple[str, str]:
        """The candidate's copy: one per candidate and offer, so applying twice is impossible."""
        return f"USER#{self.candidate_id}", f"APPLICATION#{self.offer_id}"

    def inbox_key(self) -> tuple[str, str]:
        """The recruiter's copy, in their inbox for that offer."""
        return f"USER#{self.recruiter_id}", f"INBOX#{self.offer_id}#{self.id}"

    def to_item(self, pk: str, sk: str) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        return {"pk": pk, "sk": sk, "kind_of_record": "candidature", **data}

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> Application:
        names = {f.name for f in dataclasses.fields(cls)}
        data = {k: v for k, v in item.items() if k in names}
        data["cv"] = CvUsed(**item["cv"])
        data["history"] = [Transition(**{**t, "at": int(t["at"])}) for t in item.get("history") or ()]
        for name in ("created_at", "updated_at"):
            data[name] = int(data.get(name) or 0)
        return cls(**data)
