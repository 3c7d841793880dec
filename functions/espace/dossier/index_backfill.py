"""The agency index's backfill (``python -m espace.dossier agency-index``): the entries
``AGENCY#{aid}`` / ``DOSSIER#{identifier}`` (espace.dossier.agency_index) of the dossiers opened
before the index landed, which the counsellors' search would otherwise never find.

Every dossier was opened by validating a registration, and every registration left its copy
``AGENCY#{aid}`` / ``REQUEST#…`` {user_id, state} in the agency that received it: the job reads,
agency by agency (the agencies' data file), those copies page by page — its own keys, never a scan
(DESIGN.md) — and for each candidate with a validated request, reads the dossier and writes its
entry under the agency that follows it **now** (a dossier that moved since is indexed where it is),
only if absent: an entry written meanwhile by a validation or a move is kept as it is, and a rerun
writes nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from espace.dossier import agency_index
from espace.dossier.access import dossier_of
from espace.inscription.model import VALIDATED
from espace.inscription.service import RegistrationDesk
from espace.ports import ConditionFailedError, Put, StoreError

if TYPE_CHECKING:
    from espace.bootstrap import Services

PAGE = 200  # request copies read per query


@dataclass
class Backfill:
    candidates: int = 0  # distinct candidates with a validated request
    written: int = 0
    present: int = 0
    without_dossier: int = 0  # a validated request whose dossier is gone (an account being deleted)
    failures: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [f"candidats lus / candidates read: {self.candidates}",
                f"entrées écrites / entries written: {self.written}",
                f"déjà présentes / already present: {self.present}",
                f"sans dossier / without a dossier: {self.without_dossier}"]


def backfill(services: Services) -> Backfill:
    records, desk = services.records, RegistrationDesk(services.records)
    report, seen = Backfill(), set[str]()
    for agency in services.agencies.all():
        after: str | None = None
        while True:
            page = records.query_page(f"AGENCY#{agency.id}", "REQUEST#", limit=PAGE, after=after)
            for copy in page.items:
                user_id = str(copy.get("user_id") or "")
                if copy.get("state") != VALIDATED or not user_id or user_id in seen:
                    continue
                seen.add(user_id)
                report.candidates += 1
                try:
                    _index(services, desk, user_id, report)
                except StoreError as error:  # one candidate's failure does not stop the others
                    report.failures.append(f"{user_id}: {error}")
            if page.next_key is None:
                break
            after = page.next_key
    return report


def _index(services: Services, desk: RegistrationDesk, user_id: str, report: Backfill) -> None:
    dossier = dossier_of(services.records, user_id)
    if dossier is None:
        report.without_dossier += 1
        return
    if agency_index.get(services.records, dossier.agency_id, dossier.identifier) is not None:
        report.present += 1
        return
    registration = desk.get(user_id, dossier.registration) if dossier.registration else None
    registration = registration or desk.current(user_id)
    profile = services.records.get(f"USER#{user_id}", "PROFILE") or {}
    name = (registration.name if registration else "") or str(profile.get("email") or "")
    entry = agency_index.entry(dossier.agency_id, dossier.identifier, user_id, name)
    try:
        services.records.transact([Put(entry.item, if_absent=True)])
        report.written += 1
    except ConditionFailedError:  # written meanwhile by a validation or a move: theirs is current
        report.present += 1
