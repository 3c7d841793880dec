"""An agency's agenda: appointment slots that counsellors open and candidates book, each once.

Records, in the agency's partition ``AGENCY#{agency_id}``:

- ``FREE#{local}``: an open slot nobody has booked ({start, length, opened_by}); its TTL is its
  start, so a slot of the past drops out by itself.
- ``APPT#{local}``: the booked slot ({start, length, user_id, purpose, reference, name}).

and in the candidate's partition ``USER#{uid}`` / ``APPOINTMENT#{local}#{agency_id}``, their copy.

``{local}`` is the slot's start in the agency's time (Europe/Paris), ``2026-12-07T08:30``: an
agency's day is a local day, so the keys of one day share a prefix (``FREE#2026-12-07``);
``start`` (epoch seconds, UTC) is what the code computes with.

Booking deletes the ``FREE#`` record *only if present*, in one transaction with the two
appointment records: of two candidates racing for one slot exactly one transaction succeeds, the
other gets ``SlotTaken`` and is offered other slots. Closing a slot deletes its ``FREE#`` record
the same way, so a slot cannot be closed and booked at once.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from espace.ports import ConditionFailedError, Delete, Put, RecordStore
from espace.text import PARIS

DAYS_AHEAD = 62  # how far ``free`` looks for open slots
MAX_OPEN = 400  # slots one bulk opening may create (a few weeks of a busy agency)


class SlotTaken(Exception):
    """The slot was booked or closed meanwhile (or never opened)."""


@dataclass(frozen=True)
class Slot:
    agency_id: str
    start: int  # epoch seconds
    length: int  # minutes
    user_id: str | None = None  # booked by
    purpose: str = ""  # "inscription"
    reference: str = ""  # what the appointment is for, in the purpose's terms (a registration's number)
    name: str = ""  # the candidate's name, for the agency's day list

    @property
    def key(self) -> str:
        return local_key(self.start)

    @property
    def booked(self) -> bool:
        return self.user_id is not None

    @property
    def end(self) -> int:
        return self.start + self.length * 60

    def label(self) -> str:
        """« lundi 7 décembre 2026 à 8 h 30 (30 minutes) »."""
        from espace.text import french_date

        moment = dt.datetime.fromtimestamp(self.start, PARIS)
        return (f"{french_date(moment.date(), weekday=True)} à {moment.hour} h {moment.minute:02d} "
                f"({self.length} minutes)")


def local_key(start: int) -> str:
    return dt.datetime.fromtimestamp(start, PARIS).strftime("%Y-%m-%dT%H:%M")


def parse_key(key: str) -> int | None:
    """The epoch of a ``local_key`` as found in a URL; None for anything else."""
    try:
        moment = dt.datetime.strptime(key, "%Y-%m-%dT%H:%M")
    except (TypeError, ValueError):
        return None
    return int(moment.replace(tzinfo=PARIS).timestamp())


def _slot(agency_id: str, item: dict) -> Slot:
    return Slot(agency_id, int(item["start"]), int(item["length"]), item.get("user_id"), item.get("purpose", ""),
                item.get("reference", ""), item.get("name", ""))


class AgencyAgenda:
    def __init__(self, records: RecordStore, agency_id: str):
        self.records, self.agency_id = records, agency_id
        self.pk = f"AGENCY#{agency_id}"

    # --- the counsellors' side -----------------------------------------------------------------
    def open(self, starts: Iterable[int], length: int, opened_by: str) -> int:
        """Open a slot at each start (epoch seconds) not already open or booked; how many opened."""
        opened = 0
        for start in list(starts)[:MAX_OPEN]:
            key = local_key(start)
            if self.records.get(self.pk, f"APPT#{key}") is not None:
                continue
            try:
                self.records.put({"pk": self.pk, "sk": f"FREE#{key}", "start": start, "length": length,
                                  "opened_by": opened_by, "expires_at": start}, if_absent=True)
                opened += 1
            except ConditionFailedError:
                continue
        return opened

    def close(self, start: int) -> bool:
        """Close an open slot; False when it is booked (or was not open)."""
        try:
            self.records.delete(self.pk, f"FREE#{local_key(start)}", if_present=True)
            return True
        except ConditionFailedError:
            return False

    def day(self, date: dt.date) -> list[Slot]:
        """Every slot of a local day, free and booked, in time order."""
        prefix = date.isoformat()
        items = [*self.records.query(self.pk, f"FREE#{prefix}"), *self.records.query(self.pk, f"APPT#{prefix}")]
        return sorted((_slot(self.agency_id, item) for item in items), key=lambda slot: slot.start)

    def get(self, start: int) -> Slot | None:
        key = local_key(start)
        item = self.records.get(self.pk, f"APPT#{key}") or self.records.get(self.pk, f"FREE#{key}")
        return None if item is None else _slot(self.agency_id, item)

    # --- the candidates' side ------------------------------------------------------------------
    def free(self, after: int, limit: int = 3, exclude: Sequence[int] = ()) -> list[Slot]:
        """The first ``limit`` open slots starting after ``after`` (epoch), ``exclude`` left out."""
        found: list[Slot] = []
        first = dt.datetime.fromtimestamp(after, PARIS).date()
        for offset in range(DAYS_AHEAD):
            day = (first + dt.timedelta(days=offset)).isoformat()
            for item in self.records.query(self.pk, f"FREE#{day}"):
                if int(item["start"]) > after and int(item["start"]) not in exclude:
                    found.append(_slot(self.agency_id, item))
                    if len(found) == limit:
                        return found
        return found

    def book(self, start: int, user_id: str, *, purpose: str, reference: str, name: str,
             also: Sequence[Put | Delete] = ()) -> Slot:
        """Book the open slot at ``start`` for ``user_id``, with the operations ``also`` (the
        area's own records) in the same transaction; ``SlotTaken`` when someone was faster."""
        key = local_key(start)
        free = self.records.get(self.pk, f"FREE#{key}")
        if free is None or int(free["start"]) <= time.time():
            raise SlotTaken()
        slot = Slot(self.agency_id, start, int(free["length"]), user_id, purpose, reference, name)
        fields = {"start": start, "length": slot.length, "user_id": user_id, "purpose": purpose,
                  "reference": reference, "booked_at": int(time.time())}
        try:
            self.records.transact([
                Delete(self.pk, f"FREE#{key}", if_present=True),
                Put({"pk": self.pk, "sk": f"APPT#{key}", **fields, "name": name}, if_absent=True),
                Put({"pk": f"USER#{user_id}", "sk": f"APPOINTMENT#{key}#{self.agency_id}", **fields,
                     "agency_id": self.agency_id}),
                *also])
        except ConditionFailedError as error:
            raise SlotTaken() from error
        return slot

    def cancel(self, start: int, user_id: str, *, reopen: bool = True, also: Sequence[Put | Delete] = ()) -> bool:
        """Cancel ``user_id``'s appointment at ``start`` (False when there is none), the slot
        opened again unless it has begun or ``reopen`` is False."""
        key = local_key(start)
        booked = self.records.get(self.pk, f"APPT#{key}")
        if booked is None or booked.get("user_id") != user_id:
            return False
        operations: list[Put | Delete] = [Delete(self.pk, f"APPT#{key}", if_present=True),
                                          Delete(f"USER#{user_id}", f"APPOINTMENT#{key}#{self.agency_id}"), *also]
        if reopen and int(booked["start"]) > time.time():
            operations.append(Put({"pk": self.pk, "sk": f"FREE#{key}", "start": booked["start"],
                                   "length": booked["length"], "opened_by": "annulation",
                                   "expires_at": booked["start"]}))
        try:
            self.records.transact(operations)
        except ConditionFailedError:
            return False
        return True


def appointments_of(records: RecordStore, user_id: str) -> list[dict]:
    """A candidate's appointments (their copies), in time order."""
    return records.query(f"USER#{user_id}", "APPOINTMENT#")
