"""The dossier's monthly records, shared by the actualisation, the payments and the attestations.

Records, in the candidate's partition ``USER#{uid}`` (ISO dates in Europe/Paris, money in cents):

- ``DECLARATION#{YYYY-MM}``: the monthly declaration (``Declaration``) of that month, one per
  month — written only if absent, then replaced by each correction with ``version`` + 1 while
  the window is open;
- ``RIGHT``: the current ARE right (``Right``), computed from the registration's salary history
  by the allocation engine;
- ``PAYMENT#{YYYY-MM}``: what was paid for that month (``Payment``), written only if absent, so a
  rerun of the payment job pays nothing twice;
- ``REGULARISATION#{YYYY-MM}#{v:03d}``: the month computed again from declaration version ``v``
  after it was paid from an earlier one (``Regularisation``: a « rappel » or a « trop-perçu »),
  written only if absent, with the right's next version claim.

Index entries, for the jobs that span candidates (never a scan, DESIGN.md):

- ``DECLARED#{YYYY-MM}#{shard}`` / ``{uid}``: the month's declarations, written in the same
  transaction as the first version of each; the payment job reads the month's 16 shards;
- ``REGISTERED#{shard}`` / ``{uid}``: the dossiers whose registration is open, for the reminders
  and the missed-window job;
- ``REGULARISE#{shard}`` / ``{YYYY-MM}#{uid}#{v:03d}``: a correction (version ``v``) of a month's
  declaration, written with it; the payment job reads the 16 shards each run and deletes the
  entries it settled.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

from espace.ports import Item

SHARDS = 16
OPEN, REFUSED, EXHAUSTED, CLOSED = "ouvert", "rejete", "epuise", "clos"
RIGHT_STATES = {OPEN: "Droit ouvert", REFUSED: "Pas de droit ouvert", EXHAUSTED: "Droit épuisé",
                CLOSED: "Droit clos"}
DECLARATION_PREFIX, PAYMENT_PREFIX, RIGHT_KEY = "DECLARATION#", "PAYMENT#", "RIGHT"
REGULARISATION_PREFIX = "REGULARISATION#"
RAPPEL, TROP_PERCU = "rappel", "trop-percu"


def shard_of(user_id: str) -> int:
    """A stable shard for the index entries: the same candidate always lands in the same one."""
    return int(hashlib.sha256(user_id.encode()).hexdigest()[:8], 16) % SHARDS


def month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def declared_index(month: str, user_id: str) -> tuple[str, str]:
    return f"DECLARED#{month}#{shard_of(user_id):02d}", user_id


def registered_index(user_id: str) -> tuple[str, str]:
    return f"REGISTERED#{shard_of(user_id):02d}", user_id


def regularise_index(month: str, user_id: str, version: int) -> tuple[str, str]:
    return f"REGULARISE#{shard_of(user_id):02d}", f"{month}#{user_id}#{version:03d}"


# Events a declaration may report (seed: « formation, maladie, maternité, stage, retraite… »).
EVENT_LABELS = {
    "formation": "Formation", "maladie": "Arrêt maladie", "maternite": "Congé maternité ou paternité",
    "stage": "Stage", "retraite": "Retraite", "autre": "Autre événement",
}


@dataclass(frozen=True)
class Work:
    """Work for one employer during the month declared."""
    employer: str
    hours: int  # whole hours, as the declaration form takes them
    gross: int  # cents


@dataclass(frozen=True)
class Event:
    kind: str  # a key of EVENT_LABELS
    start: str  # ISO date
    end: str | None  # ISO date, None when still going on at the end of the month
    detail: str = ""


@dataclass
class Declaration:
    user_id: str
    month: str  # "YYYY-MM": the month declared (its window opens on the 28th)
    still_looking: bool
    work: list[Work] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    submitted_at: int = 0  # epoch seconds of the latest version
    first_submitted_at: int = 0
    version: int = 1  # 2, 3… after corrections

    @property
    def sk(self) -> str:
        return DECLARATION_PREFIX + self.month

    @property
    def gross(self) -> int:
        """The month's gross pay from every employer, cents."""
        return sum(job.gross for job in self.work)

    @property
    def hours(self) -> int:
        return sum(job.hours for job in self.work)

    def item(self) -> Item:
        values = asdict(self)
        del values["user_id"]
        return {"pk": f"USER#{self.user_id}", "sk": self.sk, "kind": "declaration", **values}

    @classmethod
    def of(cls, item: Item) -> Declaration:
        return cls(user_id=str(item["pk"]).removeprefix("USER#"), month=str(item["month"]),
                   still_looking=bool(item["still_looking"]),
                   work=[Work(str(w["employer"]), int(w["hours"]), int(w["gross"])) for w in item.get("work") or []],
                   events=[Event(str(e["kind"]), str(e["start"]), e.get("end"), str(e.get("detail") or ""))
                           for e in item.get("events") or []],
                   submitted_at=int(item.get("submitted_at") or 0),
                   first_submitted_at=int(item.get("first_submitted_at") or 0), version=int(item.get("version") or 1))


@dataclass
class Right:
    """An ARE right (« droit ») as the allocation engine computed it when the dossier opened."""
    user_id: str
    start: str  # ISO date: the first day that can be paid (after the waiting period)
    sjr: int  # daily reference salary, cents
    daily: int  # gross daily allowance, cents
    duration: int  # days of right
    degressive_daily: int  # from day ``degressive_from`` (== daily when not degressive)
    degressive_from: int
    days_used: int = 0  # days paid so far
    days_carried: int = 0  # days not paid because of declared pay (they push back the end)
    figures: str = ""  # the figures file it was computed with, e.g. "are-2026"
    computed_at: int = 0
    # Added by the payments: the right's state (RIGHT_STATES), why it was refused or
    # closed, the request it was computed for, what it was computed from (reference period…),
    # and the version each payment claims (RIGHT-VERSION#{n}, written only if absent).
    state: str = "ouvert"
    reason: str = ""
    registration: int = 0
    basis: dict[str, Any] = field(default_factory=dict)
    version: int = 0
    ended_on: str | None = None
    to_recover: int = 0  # cents of overpayment (« trop-perçu ») still to keep back from payments

    @property
    def days_left(self) -> int:
        return max(self.duration - self.days_used, 0)

    def item(self) -> Item:
        values = asdict(self)
        del values["user_id"]
        return {"pk": f"USER#{self.user_id}", "sk": RIGHT_KEY, "kind": "right", **values}

    @classmethod
    def of(cls, item: Item) -> Right:
        fields = {k: item[k] for k in cls.__dataclass_fields__ if k in item and k != "user_id"}
        return cls(user_id=str(item["pk"]).removeprefix("USER#"), **fields)


@dataclass
class Payment:
    """The allowance paid for one month (« paiement »)."""
    user_id: str
    month: str  # "YYYY-MM": the month paid
    days: int  # days paid
    daily: int  # gross daily allowance, cents
    gross: int  # cents
    deductions: list[dict[str, Any]]  # [{"label": "CSG", "rate": "6,2 %", "amount": cents}]
    net: int  # cents
    paid_on: str  # ISO date of the transfer
    declared_pay: int = 0  # the month's declared gross pay, cents (the cumul rule's input)
    days_carried: int = 0
    declaration_version: int = 1
    # Added by the payments: how it was computed (the days of the month that could be
    # paid, the days off for sickness, the days at each daily amount…), and when it was written.
    detail: dict[str, Any] = field(default_factory=dict)
    made_at: int = 0
    recovered: int = 0  # cents kept back for an earlier overpayment (« trop-perçu »)

    @property
    def transferred(self) -> int:
        """What the transfer carried: the net less what was kept back."""
        return self.net - self.recovered

    @property
    def sk(self) -> str:
        return PAYMENT_PREFIX + self.month

    def item(self) -> Item:
        values = asdict(self)
        del values["user_id"]
        return {"pk": f"USER#{self.user_id}", "sk": self.sk, "kind": "payment", **values}

    @classmethod
    def of(cls, item: Item) -> Payment:
        fields = {k: item[k] for k in cls.__dataclass_fields__ if k in item and k != "user_id"}
        return cls(user_id=str(item["pk"]).removeprefix("USER#"), **fields)


@dataclass
class Regularisation:
    """A paid month computed again from a later version of its declaration: the difference is paid
    (« rappel », ``net`` > 0) or recovered from the next payments (« trop-perçu », ``net`` < 0).
    The figures before and after are the month's as last settled and as now computed."""
    user_id: str
    month: str
    from_version: int
    to_version: int
    days_before: int
    days_after: int
    gross_before: int  # cents
    gross_after: int
    net_before: int
    net_after: int
    paid_on: str  # ISO date: the rappel's transfer, or the day the trop-perçu was noted
    made_at: int = 0
    detail: dict[str, Any] = field(default_factory=dict)  # the month as now computed (Payment.detail's shape)
    mail_failed: bool = False  # its mail could not leave: the next run sends it
    recovered: int = 0  # cents of a rappel that settled a trop-perçu still due (kept, not transferred)

    @property
    def kind(self) -> str:
        return RAPPEL if self.net > 0 else TROP_PERCU if self.net < 0 else ""

    @property
    def gross(self) -> int:
        return self.gross_after - self.gross_before

    @property
    def net(self) -> int:
        return self.net_after - self.net_before

    @property
    def transferred(self) -> int:
        """Cents of a rappel actually transferred: what is left once the debt it settled is kept."""
        return max(self.net, 0) - self.recovered

    @property
    def sk(self) -> str:
        return f"{REGULARISATION_PREFIX}{self.month}#{self.to_version:03d}"

    def item(self) -> Item:
        values = asdict(self)
        del values["user_id"]
        return {"pk": f"USER#{self.user_id}", "sk": self.sk, "kind": "regularisation", **values}

    @classmethod
    def of(cls, item: Item) -> Regularisation:
        fields = {k: item[k] for k in cls.__dataclass_fields__ if k in item and k != "user_id"}
        return cls(user_id=str(item["pk"]).removeprefix("USER#"), **fields)
