"""A registration request (« demande d'inscription »), from its sending to its validation.

Records:

- ``USER#{uid}`` / ``DRAFT#inscription``: the five steps while they are being filled in (the
  kit's drafts, ``espace.web.steps``), with ``DRAFT-AGE#inscription#{day}`` / ``{uid}`` entries
  for the job that reminds and then deletes a draft untouched for 30 days.
- ``USER#{uid}`` / ``REGISTRATION#{n:03d}``: the n-th request sent (``Registration``): each step's
  values as typed (the step forms read them again, for the check page, the counsellor's view and
  the PDF), its state, its agency and appointment, and its validation.
- ``AGENCY#{agency_id}`` / ``REQUEST#{submitted_at:010d}#{uid}#{n:03d}``: the agency's copy of a
  request's state and name, for the counsellors' list (``AgencyRequest``), written in the same
  transaction as every change of the candidate's record.

A request is sent (SUBMITTED), gets an appointment (BOOKED), and is validated by a counsellor
during the interview (VALIDATED) — or at once, without an appointment, for a re-registration
less than six months after the end of the previous registration (``auto``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from espace.ports import Item

FLOW_NAME = "inscription"
SUBMITTED, BOOKED, VALIDATED = "envoyee", "rendez-vous", "validee"
STATE_LABELS = {SUBMITTED: "Envoyée, rendez-vous à choisir", BOOKED: "Rendez-vous pris",
                VALIDATED: "Validée"}
PENDING_STATES = frozenset({SUBMITTED, BOOKED})
FIRST, AGAIN = "inscription", "reinscription"  # kinds
KIND_LABELS = {FIRST: "Inscription", AGAIN: "Réinscription"}


@dataclass
class Registration:
    user_id: str
    number: int  # 1, 2…: the n-th request of this account
    kind: str  # FIRST | AGAIN
    state: str
    steps: dict[str, dict[str, list[str]]]  # step slug -> the values as typed (the draft's)
    submitted_at: int
    agency_id: str
    name: str  # « Prénom NOM », what the counsellor's lists show
    email: str
    appointment: dict[str, Any] | None = None  # {"start": epoch, "length": minutes, "agency_id": …}
    validated_at: int | None = None
    validated_by: str | None = None  # a counsellor's account id, or "automatique"
    identifier: str | None = None  # the definitive identifier given at validation
    corrected: list[dict[str, Any]] = field(default_factory=list)  # {"step", "by", "at"}: counsellors' changes
    version: int = 0  # each change claims the next one (RegistrationDesk.changes)

    @property
    def sk(self) -> str:
        return f"REGISTRATION#{self.number:03d}"

    @property
    def reference(self) -> str:
        """What URLs name a request by: « {uid}-{n} »."""
        return f"{self.user_id}-{self.number:03d}"

    @property
    def pending(self) -> bool:
        return self.state in PENDING_STATES

    def item(self) -> Item:
        return {"pk": f"USER#{self.user_id}", "sk": self.sk, "kind": "registration",
                **{k: v for k, v in asdict(self).items() if k != "user_id"}}

    def agency_item(self) -> Item:
        return {"pk": f"AGENCY#{self.agency_id}", "sk": agency_request_key(self), "user_id": self.user_id,
                "number": self.number, "kind": self.kind, "state": self.state, "name": self.name,
                "submitted_at": self.submitted_at,
                "appointment_start": (self.appointment or {}).get("start")}

    @classmethod
    def of(cls, item: Item) -> Registration:
        fields = {k: item[k] for k in cls.__dataclass_fields__ if k in item and k != "user_id"}
        return cls(user_id=str(item["pk"]).removeprefix("USER#"), **fields)


def agency_request_key(registration: Registration) -> str:
    return f"REQUEST#{registration.submitted_at:010d}#{registration.user_id}#{registration.number:03d}"


def parse_reference(reference: str) -> tuple[str, int] | None:
    """(user id, number) of a « {uid}-{n} » reference; None for anything else."""
    user_id, _, number = (reference or "").rpartition("-")
    if len(user_id) != 32 or not all(c in "0123456789abcdef" for c in user_id) or not number.isdigit():
        return None
    return user_id, int(number)
