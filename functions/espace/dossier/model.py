"""The dossier de demandeur d'emploi and its definitive identifier.

Records:

- ``USER#{uid}`` / ``DDE``: the dossier (``Dossier``): identifier, agency, the registration
  periods (``periods``: [{"start", "end"}], ISO dates in Europe/Paris, the open one last with
  ``end`` None), the number of the request that opened the current period.
- ``IDENT#{identifier}`` / ``ACCOUNT``: {user_id}: signing in with the identifier, as with the
  e-mail address's ``EMAIL#`` record; written only if absent, so an identifier is never given twice.

The identifier is seven digits and a check letter (``identifier_is_valid``): a mistyped digit
changes the letter, so a typo is caught before any account is looked up.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import asdict, dataclass, field
from typing import Any

from espace.ports import Item

REGISTERED, ENDED = "inscrit", "cesse"
STATE_LABELS = {REGISTERED: "Inscrit", ENDED: "Inscription terminée"}
# 20 letters: none that reads as a digit (I, O, Q) or as another letter (U, V, W).
CHECK_LETTERS = "ABCDEFGHJKLMNPRSTXYZ"
REREGISTRATION_MONTHS = 6  # seed: « moins de 6 mois après la fin d'une précédente inscription »


def check_letter(digits: str) -> str:
    return CHECK_LETTERS[int(digits) % len(CHECK_LETTERS)]


def new_identifier() -> str:
    digits = f"{secrets.randbelow(10_000_000):07d}"
    return digits + check_letter(digits)


def normalize_identifier(text: str) -> str:
    return "".join(text.split()).upper() if isinstance(text, str) else ""


def identifier_is_valid(text: str) -> bool:
    value = normalize_identifier(text)
    return len(value) == 8 and value[:7].isdigit() and value[7] == check_letter(value[:7])


@dataclass
class Dossier:
    user_id: str
    identifier: str
    agency_id: str
    periods: list[dict[str, Any]] = field(default_factory=list)  # {"start": "YYYY-MM-DD", "end": … | None}
    registration: int = 0  # the request that opened the current period
    end_reason: str = ""

    @property
    def state(self) -> str:
        return REGISTERED if self.periods and self.periods[-1].get("end") is None else ENDED

    @property
    def ended_on(self) -> dt.date | None:
        if not self.periods or self.periods[-1].get("end") is None:
            return None
        return dt.date.fromisoformat(self.periods[-1]["end"])

    def item(self) -> Item:
        return {"pk": f"USER#{self.user_id}", "sk": "DDE", "kind": "dossier",
                **{k: v for k, v in asdict(self).items() if k != "user_id"}}

    @classmethod
    def of(cls, item: Item) -> Dossier:
        fields = {k: item[k] for k in cls.__dataclass_fields__ if k in item and k != "user_id"}
        return cls(user_id=str(item["pk"]).removeprefix("USER#"), **fields)


def months_later(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, the month's last day when it has no such day (31 → 30)."""
    import calendar

    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def reregisters_without_interview(dossier: Dossier | None, today: dt.date) -> bool:
    """Seed: a re-registration less than six months after the end of the previous registration
    needs no interview and is processed at once."""
    if dossier is None or dossier.ended_on is None:
        return False
    return today < months_later(dossier.ended_on, REREGISTRATION_MONTHS)
