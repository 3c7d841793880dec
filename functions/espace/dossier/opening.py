"""Opening (or reopening) the dossier when a registration is validated.

``open_dossier`` is what a counsellor's validation and an automatic re-registration both call:
the dossier record, the identifier's sign-in record (a new identifier only for a first dossier:
a re-registration keeps its own) and the request marked validated, in one transaction. Called
twice for one request (a double click), the second call finds the request validated and
changes nothing. The « Confirmation d'inscription » letter and its mail follow (espace.dossier.letters).

The same transaction writes the index entry ``REGISTERED#{shard}`` / ``{uid}`` (espace.dossier.records):
the actualisation's job reads it to remind and to settle the missed windows; ending a registration
removes it.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from espace import clock
from espace.dossier import agency_index
from espace.dossier.model import REGISTERED, Dossier, new_identifier
from espace.dossier.records import registered_index
from espace.inscription.model import VALIDATED, Registration
from espace.inscription.service import RegistrationDesk
from espace.ports import ConditionFailedError, Delete, Put, RecordStore

AUTOMATIC = "automatique"  # validated_by of a re-registration processed without an interview


def dossier_of(records: RecordStore, user_id: str) -> Dossier | None:
    item = records.get(f"USER#{user_id}", "DDE")
    return Dossier.of(item) if item else None


def open_dossier(records: RecordStore, registration: Registration, *, by: str,
                 also: Sequence[Put | Delete] = ()) -> Dossier:
    """Validate ``registration`` (by a counsellor's account id, or ``AUTOMATIC``) and open the
    candidate's dossier; returns the dossier (the existing one when already validated).

    ``also``: the caller's writes (a counsellor's audit entry), in the transaction that validates,
    so they happen once with it; a failed condition among them counts as a concurrent validation."""
    desk = RegistrationDesk(records)
    for _ in range(5):  # each retry means an identifier was drawn twice, or a concurrent validation
        current = desk.get(registration.user_id, registration.number) or registration
        existing = dossier_of(records, registration.user_id)
        if current.state == VALIDATED and existing is not None:
            return existing
        today = clock.today().isoformat()
        if existing is None:
            dossier = Dossier(registration.user_id, new_identifier(), registration.agency_id,
                              [{"start": today, "end": None}], registration.number)
            identity: list[Put | Delete] = [Put({"pk": f"IDENT#{dossier.identifier}", "sk": "ACCOUNT",
                                                 "user_id": registration.user_id}, if_absent=True)]
        else:
            reopened = existing.periods if existing.state == REGISTERED else [
                *existing.periods, {"start": today, "end": None}]
            dossier = Dossier(registration.user_id, existing.identifier, registration.agency_id, reopened,
                              registration.number)
            identity = []
        # The agency's index of its dossiers (the counsellors' search), moved with a change of agency.
        identity.append(agency_index.entry(dossier.agency_id, dossier.identifier, dossier.user_id, registration.name))
        if existing is not None and existing.agency_id != dossier.agency_id:
            identity.append(agency_index.forget(existing.agency_id, existing.identifier))
        current.state, current.validated_at, current.validated_by = VALIDATED, int(time.time()), by
        current.identifier = dossier.identifier
        try:
            index_pk, index_sk = registered_index(registration.user_id)
            records.transact([*desk.changes(current), Put(dossier.item(), if_absent=existing is None), *identity,
                              Put({"pk": index_pk, "sk": index_sk, "user_id": registration.user_id}), *also])
        except ConditionFailedError:
            continue
        return dossier
    raise RuntimeError("could not open the dossier")
