"""A dossier's appointments, as « Mon agenda » shows, cancels and moves them.

The candidate's copies ``USER#{uid}`` / ``APPOINTMENT#{local}#{agency_id}`` are read through
``agences.agenda.appointments_of``; cancelling is ``AgencyAgenda.cancel`` (the slot opened again
in the same transaction, so the counsellors' agenda shows it free), moving is
``AgencyAgenda.book`` of the new slot with the old appointment's deletion and its slot's reopening
in the **same transaction**: the move happens whole or not at all, and of two candidates racing
for the new slot one wins, the other keeps their appointment and is offered other slots.

An appointment of a registration still waiting for its interview (purpose « inscription », the
request ``BOOKED``) carries the request along, as ``inscription.booking`` does: moved, the
request's appointment follows; cancelled, the request goes back to « rendez-vous à choisir ».

Both are refused from 24 hours before the start (``dates.can_change``): the agency prepares the
interview.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from espace import clock
from espace.agences.agenda import AgencyAgenda, Slot, SlotTaken, appointments_of, local_key
from espace.dossier.dates import CHANGE_NOTICE, can_change
from espace.inscription.booking import booking_key
from espace.inscription.model import BOOKED, SUBMITTED, Registration, parse_reference
from espace.inscription.service import RegistrationDesk
from espace.ports import Delete, Put, RecordStore
from espace.text import PARIS

OFFERED = 3
PURPOSES = {"inscription": "Rendez-vous d'inscription"}
DEFAULT_PURPOSE = "Rendez-vous avec votre conseiller"
_PUBLIC = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2})([0-9]{2})-([A-Za-z0-9]{1,10})", re.ASCII)

__all__ = ["Appointment", "SlotTaken", "cancel", "find", "move", "of_user", "offered"]


class TooLate(Exception):
    """Less than 24 hours before the start: nothing may change online any more."""


@dataclass(frozen=True)
class Appointment:
    user_id: str
    agency_id: str
    start: int  # epoch seconds
    length: int  # minutes
    purpose: str
    reference: str

    @property
    def public_id(self) -> str:
        return f"{local_key(self.start).replace(':', '')}-{self.agency_id}"

    @property
    def begins(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.start, PARIS)

    @property
    def ends(self) -> dt.datetime:
        return self.begins + dt.timedelta(minutes=self.length)

    @property
    def title(self) -> str:
        return PURPOSES.get(self.purpose, DEFAULT_PURPOSE)

    def label(self) -> str:
        return Slot(self.agency_id, self.start, self.length).label()

    def changeable(self, now: dt.datetime | None = None) -> bool:
        return can_change(self.begins, clock.now() if now is None else now)

    def past(self, now: dt.datetime | None = None) -> bool:
        return self.ends <= (clock.now() if now is None else now)

    @classmethod
    def of(cls, user_id: str, item: dict) -> Appointment:
        return cls(user_id, str(item["agency_id"]), int(item["start"]), int(item["length"]),
                   str(item.get("purpose") or ""), str(item.get("reference") or ""))


def of_user(records: RecordStore, user_id: str) -> list[Appointment]:
    """The candidate's appointments, in time order."""
    return [Appointment.of(user_id, item) for item in appointments_of(records, user_id)]


def find(records: RecordStore, user_id: str, public_id: str) -> Appointment | None:
    """The account's appointment named in a URL; None for another account's or a made-up one."""
    match = _PUBLIC.fullmatch(public_id or "")
    if match is None:
        return None
    key = f"APPOINTMENT#{match.group(1)}:{match.group(2)}#{match.group(3)}"
    item = records.get(f"USER#{user_id}", key)
    return Appointment.of(user_id, item) if item is not None else None


def offered(records: RecordStore, appointment: Appointment, exclude: tuple[int, ...] = ()) -> list[Slot]:
    """Three free slots of the same agency, from 24 hours on, the appointment's own left out."""
    after = int(clock.now().timestamp() + CHANGE_NOTICE.total_seconds())
    return AgencyAgenda(records, appointment.agency_id).free(after=after, limit=OFFERED,
                                                              exclude=(appointment.start, *exclude))


def _waiting_request(records: RecordStore, appointment: Appointment) -> Registration | None:
    """The registration request waiting for this very appointment, if it is one."""
    parsed = parse_reference(appointment.reference) if appointment.purpose == "inscription" else None
    registration = RegistrationDesk(records).get(*parsed) if parsed else None
    if (registration is None or registration.user_id != appointment.user_id or registration.state != BOOKED
            or int((registration.appointment or {}).get("start", -1)) != appointment.start):
        return None
    return registration


def cancel(records: RecordStore, appointment: Appointment) -> bool:
    """Cancel the appointment, its slot free again; ``TooLate`` within 24 hours of it; False when
    it was already gone (another tab)."""
    if not appointment.changeable():
        raise TooLate()
    also: list[Put | Delete] = []
    registration = _waiting_request(records, appointment)
    if registration is not None:
        also = [*RegistrationDesk(records).changes(dataclasses.replace(registration, state=SUBMITTED,
                                                                         appointment=None)),
                Delete(f"USER#{registration.user_id}", booking_key(registration))]
    return AgencyAgenda(records, appointment.agency_id).cancel(appointment.start, appointment.user_id, also=also)


def move(records: RecordStore, appointment: Appointment, start: int) -> Appointment:
    """Move the appointment to the free slot at ``start`` of the same agency, in one transaction;
    ``TooLate`` within 24 hours of the appointment, ``SlotTaken`` when the new slot went to
    someone else (or is too soon, or was never open): the appointment is then unchanged."""
    now = clock.now()
    if not appointment.changeable(now):
        raise TooLate()
    if start <= now.timestamp() + CHANGE_NOTICE.total_seconds() or start == appointment.start:
        raise SlotTaken()
    agenda = AgencyAgenda(records, appointment.agency_id)
    old_key, pk = local_key(appointment.start), f"AGENCY#{appointment.agency_id}"
    booked = records.get(pk, f"APPT#{old_key}") or {}
    if booked.get("user_id") != appointment.user_id:
        raise SlotTaken()
    also: list[Put | Delete] = [
        Delete(pk, f"APPT#{old_key}", if_present=True),
        Delete(f"USER#{appointment.user_id}", f"APPOINTMENT#{old_key}#{appointment.agency_id}", if_present=True),
        Put({"pk": pk, "sk": f"FREE#{old_key}", "start": appointment.start, "length": appointment.length,
             "opened_by": "deplacement", "expires_at": appointment.start})]
    free = agenda.get(start)
    registration = _waiting_request(records, appointment)
    if registration is not None and free is not None:
        moment = int(now.timestamp())
        moved = dataclasses.replace(registration, appointment={
            "start": start, "length": free.length, "agency_id": appointment.agency_id, "booked_at": moment})
        also += [*RegistrationDesk(records).changes(moved),
                 Put({"pk": f"USER#{registration.user_id}", "sk": booking_key(registration), "start": start,
                      "agency_id": appointment.agency_id, "booked_at": moment})]
    slot = agenda.book(start, appointment.user_id, purpose=appointment.purpose, reference=appointment.reference,
                       name=str(booked.get("name") or ""), also=also)
    return dataclasses.replace(appointment, start=slot.start, length=slot.length)
