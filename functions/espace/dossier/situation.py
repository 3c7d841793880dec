"""Changes of situation: each recorded once, confirmed by a receipt letter, seen by the agency.

Records:

- ``USER#{uid}`` / ``SITUATION#{key}``: the change {kind, at, effective, ends, summary: [[label,
  value]], values: the form's answers, agency_id, letter}; ``key`` is the one the form drew when
  shown, and the record is written **only if absent**: a double click or a retried request records
  one change, and both answers lead to it.
- ``AGENCY#{aid}`` / ``SITUATION#{at:010d}#{uid}#{key}``: the agency's copy {user_id, key, kind,
  at, name, summary} for the counsellors' list, in the same transaction.

The receipt (``letters.deliver_letter``, kind ``changement-situation`` about the key) follows the
record: made once per change, whatever the retries.

An address in another agency's territory moves the dossier there in the same transaction
(espace.dossier.moving): the change and its copy then belong to the new agency, and the agency
left drops its copies of the candidate's earlier changes.

Absences count per calendar year: beyond ``ABSENCE_DAYS`` days the candidate is warned before
recording (the content page « Signaler une absence ou des congés » says why).
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from espace.dossier import letters, moving
from espace.dossier.model import Dossier
from espace.ports import ConditionFailedError, Delete, Put, RecordStore
from espace.text import PARIS, french_date
from espace.web.lifecycle import on_account_deleted

if TYPE_CHECKING:
    from espace.bootstrap import Services

PREFIX = "SITUATION#"
LETTER_KIND = letters.SITUATION
ABSENCE_DAYS = 35  # per calendar year (content: « jusqu'à 35 jours par année civile »)
ABSENCE_WARNING = ("Au-delà de 35 jours d'absence cumulés dans l'année civile, vous n'êtes plus considéré comme "
                   "disponible pour occuper un emploi : votre inscription change de catégorie et votre "
                   "allocation peut être interrompue. Parlez-en à votre conseiller avant de partir.")


@dataclass(frozen=True)
class Change:
    user_id: str
    key: str
    kind: str
    title: str
    at: int
    effective: str  # ISO date
    ends: str | None
    summary: list[list[str]]
    agency_id: str
    letter: str = ""  # the receipt's public id
    moved_from: str = ""  # an address change that moved the dossier: the agency it left (espace.dossier.moving)

    @classmethod
    def of(cls, user_id: str, item: dict[str, Any]) -> Change:
        return cls(user_id, str(item["key"]), str(item["kind"]), str(item["title"]), int(item["at"]),
                   str(item["effective"]), item.get("ends"), [list(pair) for pair in item.get("summary") or []],
                   str(item.get("agency_id") or ""), str(item.get("letter") or ""), str(item.get("moved_from") or ""))


def changes_of(records: RecordStore, user_id: str) -> list[Change]:
    """The candidate's changes, newest first."""
    found = [Change.of(user_id, item) for item in records.query(f"USER#{user_id}", PREFIX)]
    return sorted(found, key=lambda change: (change.at, change.key), reverse=True)


def get(records: RecordStore, user_id: str, key: str) -> Change | None:
    item = records.get(f"USER#{user_id}", PREFIX + key) if key else None
    return Change.of(user_id, item) if item is not None else None


def absence_days(records: RecordStore, user_id: str, year: int, more: tuple[dt.date, dt.date] | None = None) -> int:
    """Days of absence declared within ``year``, with ``more`` (first, last day) added."""
    spans = [(dt.date.fromisoformat(c.effective), dt.date.fromisoformat(c.ends))
             for c in changes_of(records, user_id) if c.kind == "absence" and c.ends]
    if more is not None:
        spans.append(more)
    return days_in_year(spans, year)


def days_in_year(spans: list[tuple[dt.date, dt.date]], year: int) -> int:
    """Days of the spans (first and last day included) that fall within ``year``; a span across
    the new year counts in each year for its own days."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return sum(max((min(end, last) - max(start, first)).days + 1, 0) for start, end in spans)


def record(services: Services, dossier: Dossier, key: str, kind: str, title: str, effective: dt.date,
           ends: dt.date | None, summary: list[tuple[str, str]], values: dict[str, list[str]],
           name: str, *, moves_to: str = "") -> tuple[Change, bool]:
    """Record the change under ``key`` (once) and deliver its receipt; (the change, True when this
    call recorded it). ``moves_to``: an address change's agency, the dossier moves there with the
    change when it is another (espace.dossier.moving); the change then belongs to the new agency."""
    records, user_id = services.records, dossier.user_id
    made = False
    for _ in range(5):  # each retry means a concurrent address change moved the dossier first
        at = int(time.time())
        count = 0
        if moves_to:
            count, fresh = moving.current(records, user_id)
            dossier = fresh or dossier
        to = moves_to if moves_to and moves_to != dossier.agency_id else ""
        agency_id = to or dossier.agency_id
        item = {"pk": f"USER#{user_id}", "sk": PREFIX + key, "kind": kind, "key": key, "title": title, "at": at,
                "effective": effective.isoformat(), "ends": ends.isoformat() if ends else None,
                "summary": [list(pair) for pair in summary], "values": values, "agency_id": agency_id,
                **({"moved_from": dossier.agency_id} if to else {})}
        copy = {"pk": f"AGENCY#{agency_id}", "sk": f"{PREFIX}{at:010d}#{user_id}#{key}", "user_id": user_id,
                "key": key, "kind": kind, "title": title, "at": at, "name": name, "effective": item["effective"],
                "summary": item["summary"]}
        move = moving.writes(records, dossier, count, to, key=key, at=at, name=name) if to else []
        try:
            records.transact([Put(item, if_absent=True), Put(copy), *move])
            made = True
            break
        except ConditionFailedError:
            if get(records, user_id, key) is not None:  # a retried request: recorded (and moved) once
                break
    change = get(records, user_id, key)
    if change is None:
        raise RuntimeError("could not record the change")
    if change.moved_from:
        # The agency left no longer follows the candidate: its list drops their earlier changes (a
        # retried request finishes this if the first one stopped before).
        drop_agency_copies(records, user_id, change.moved_from)
    if not change.letter:
        change = _receipt(services, dossier, change, name)
    return change, made


def _receipt(services: Services, dossier: Dossier, change: Change, name: str) -> Change:
    # The change's agency: the new one when the change moved the dossier, with its address.
    agency = services.agencies.get(change.agency_id or dossier.agency_id)
    context = {"name": name, "identifier": dossier.identifier, "agency": agency, "change": change,
               "moved_from": services.agencies.get(change.moved_from) if change.moved_from else None,
               "written_on": french_date(dt.datetime.now(PARIS).date()),
               "told_on": french_date(change.at), "absence_warning": ABSENCE_WARNING}
    letter, _made = letters.deliver_letter(services, dossier.user_id, LETTER_KIND,
                                           f"Accusé de réception : {change.title.lower()}", context, about=change.key)
    item = services.records.get(f"USER#{dossier.user_id}", PREFIX + change.key) or {}
    services.records.put({**item, "letter": letter.public_id})
    return Change.of(dossier.user_id, {**item, "letter": letter.public_id})


def agency_changes(records: RecordStore, agency_id: str, limit: int = 200) -> list[dict[str, Any]]:
    """The agency's copies, newest first."""
    return records.query(f"AGENCY#{agency_id}", PREFIX, descending=True, limit=limit)


def drop_agency_copies(records: RecordStore, user_id: str, agency_id: str | None = None) -> None:
    """The agencies' copies of the candidate's changes (only ``agency_id``'s when given); idempotent."""
    for change in changes_of(records, user_id):
        if agency_id is not None and change.agency_id != agency_id:
            continue
        for item in records.query(f"AGENCY#{change.agency_id}", f"{PREFIX}{change.at:010d}#{user_id}#"):
            records.transact([Delete(item["pk"], item["sk"])])


@on_account_deleted
def forget_agency_copies(services: Services, user_id: str) -> None:
    """The agencies' copies name the account: they go with it."""
    drop_agency_copies(services.records, user_id)
