"""Deleting a candidate's account: the actualisation's entries outside the partition that name it —
``REGISTERED#{shard}`` / ``{uid}``, ``DECLARED#{month}#{shard}`` / ``{uid}`` for each month declared,
and the agency's ``AGENCY#{aid}`` / ``MISSED#{month}#{uid}`` for each month missed. The declarations,
their versions, the missed months' records and the draft go with the partition. Idempotent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from espace.dossier.actualisation.common import MISSED_PREFIX
from espace.dossier.actualisation.service import declarations_of
from espace.dossier.records import declared_index, registered_index
from espace.web.lifecycle import on_account_deleted

if TYPE_CHECKING:
    from espace.bootstrap import Services


def agency_missed_key(month: str, user_id: str) -> str:
    return f"{MISSED_PREFIX}{month}#{user_id}"


@on_account_deleted
def forget_actualisation_entries(services: Services, user_id: str) -> None:
    records = services.records
    records.delete(*registered_index(user_id))
    for declaration in declarations_of(records, user_id):
        records.delete(*declared_index(declaration.month, user_id))
    for missed in records.query(f"USER#{user_id}", MISSED_PREFIX):
        if missed.get("agency_id"):
            records.delete(f"AGENCY#{missed['agency_id']}", agency_missed_key(str(missed["month"]), user_id))
