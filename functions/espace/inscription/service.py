"""The registration desk: the requests of an account, and what changes them.

Every change of a request rewrites the candidate's record and the agency's copy in one
transaction (``changes``), so the counsellors' list never disagrees with the candidate's page.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence

from espace.inscription.model import SUBMITTED, Registration, agency_request_key
from espace.ports import ConditionFailedError, Delete, Put, RecordStore


class RegistrationDesk:
    def __init__(self, records: RecordStore):
        self.records = records

    def history(self, user_id: str) -> list[Registration]:
        """Every request the account sent, oldest first."""
        return [Registration.of(item) for item in self.records.query(f"USER#{user_id}", "REGISTRATION#")]

    def current(self, user_id: str) -> Registration | None:
        """The last request sent, whatever its state."""
        found = self.records.query(f"USER#{user_id}", "REGISTRATION#", limit=1, descending=True)
        return Registration.of(found[0]) if found else None

    def get(self, user_id: str, number: int) -> Registration | None:
        item = self.records.get(f"USER#{user_id}", f"REGISTRATION#{number:03d}")
        return Registration.of(item) if item else None

    def submit(self, user_id: str, steps: dict[str, dict[str, list[str]]], *, kind: str, agency_id: str,
               name: str, email: str, discard_draft: Delete, also: Sequence[Put | Delete] = ()) -> Registration:
        """Send a request: written as the next number only if absent, in one transaction with the
        draft's deletion, so a second click (the draft is gone) sends nothing more and gets the
        request the first one sent."""
        previous = self.current(user_id)
        registration = Registration(user_id=user_id, number=(previous.number if previous else 0) + 1, kind=kind,
                                    state=SUBMITTED, steps=steps, submitted_at=int(time.time()),
                                    agency_id=agency_id, name=name, email=email)
        try:
            self.records.transact([Put(registration.item(), if_absent=True), Put(registration.agency_item()),
                                   discard_draft, *also])
        except ConditionFailedError:
            sent = self.current(user_id)
            if sent is None:
                raise
            return sent
        return registration

    def changes(self, registration: Registration) -> list[Put | Delete]:
        """The writes that record ``registration`` as it now is (both copies), to put in the
        caller's transaction (a booking, a validation, a correction).

        Each change claims the request's next version, a record written only if absent: of two
        writers that read the same version (a correction sent while the request is validated),
        one commits and the other's transaction fails its condition (``ConditionFailedError``)
        instead of writing back a stale copy."""
        following = dataclasses.replace(registration, version=registration.version + 1)
        claim = {"pk": f"USER#{registration.user_id}",
                 "sk": f"REGISTRATION-VERSION#{registration.number:03d}#{following.version:05d}"}
        return [Put(following.item()), Put(following.agency_item()), Put(claim, if_absent=True)]

    def save(self, registration: Registration, also: Sequence[Put | Delete] = ()) -> None:
        self.records.transact([*self.changes(registration), *also])

    def forget(self, registration: Registration) -> list[Delete]:
        """Both copies' deletion (account deletion)."""
        return [Delete(f"USER#{registration.user_id}", registration.sk),
                Delete(f"AGENCY#{registration.agency_id}", agency_request_key(registration))]

    def of_agency(self, agency_id: str) -> list[Registration]:
        """The agency's requests, newest first (the candidates' records, read through the copies)."""
        found = []
        for entry in self.records.query(f"AGENCY#{agency_id}", "REQUEST#", descending=True):
            registration = self.get(entry["user_id"], int(entry["number"]))
            if registration is not None:
                found.append(registration)
        return found
