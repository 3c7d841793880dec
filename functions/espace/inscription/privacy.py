"""Deleting a candidate's account: what registration keeps outside the candidate's partition.

- the agencies' copies of the requests, ``AGENCY#{aid}/REQUEST#…#{uid}#{n}`` (the counsellors'
  lists would otherwise name a person who left);
- the booked slots, ``AGENCY#{aid}/APPT#{local}`` ({user_id, name}): cancelled, and a slot still
  to come opened again for another candidate (``AgencyAgenda.cancel``), one of the past simply
  forgotten.

The drafts' age entries (``DRAFT-AGE#inscription#{day}``) are the drafts' job's own
(espace.inscription.jobs), the identifier's sign-in record the dossier's (espace.dossier.privacy).
Idempotent, as every hook must be: a second run finds nothing left to delete.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from espace.agences.agenda import AgencyAgenda, appointments_of
from espace.inscription.model import agency_request_key
from espace.inscription.service import RegistrationDesk
from espace.ports import Delete
from espace.web.lifecycle import on_account_deleted

if TYPE_CHECKING:
    from espace.bootstrap import Services


@on_account_deleted
def forget_registrations(services: Services, user_id: str) -> None:
    records = services.records
    desk = RegistrationDesk(records)
    booked: set[tuple[str, int]] = set()
    for copy in appointments_of(records, user_id):
        booked.add((str(copy["agency_id"]), int(copy["start"])))
    for registration in desk.history(user_id):
        if registration.appointment:
            appointment = registration.appointment
            booked.add((str(appointment.get("agency_id") or registration.agency_id), int(appointment["start"])))
        # The agency's copy; the candidate's record goes with the partition.
        records.delete(f"AGENCY#{registration.agency_id}", agency_request_key(registration))
    for agency_id, start in sorted(booked):
        agenda = AgencyAgenda(records, agency_id)
        if not agenda.cancel(start, user_id, reopen=True):
            # No copy of the candidate's left (a deletion that failed halfway): the agency's record
            # alone, if it still names this candidate.
            slot = agenda.get(start)
            if slot is not None and slot.user_id == user_id:
                records.transact([Delete(agenda.pk, f"APPT#{slot.key}", if_present=True)])
