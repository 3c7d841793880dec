"""Recording the monthly declaration: once per month, corrected while its window is open.

Records, in the candidate's partition ``USER#{uid}`` (the shapes of ``espace.dossier.records``):

- ``DECLARATION#{YYYY-MM}``: the month's declaration, latest version;
- ``DECLARATION-VERSION#{YYYY-MM}#{v:03d}``: each version as sent, with the key of the form that
  sent it (``cle``, drawn when the page was shown), written only if absent.

The first version writes the declaration only if absent, its version 1 and the index entry
``DECLARED#{month}#{shard}`` in one transaction: of two requests for the same month (a double
click, a retried request, two tabs), one records and the other finds the declaration — and its
receipt. A correction replaces the declaration with version n + 1 in a transaction whose
condition is that version n + 1 is absent: two corrections both read from version n cannot both
win; the loser carrying the winner's key was the same request sent twice (its answer is the
winner's receipt), any other is told the declaration changed meanwhile. The correction writes the
index entry ``REGULARISE#{shard}`` in the same transaction: the payment job settles a month
already paid from an earlier version (espace.dossier.regularisation).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from espace.dossier.records import DECLARATION_PREFIX, Declaration, declared_index, regularise_index
from espace.ports import ConditionFailedError, Put, RecordStore

VERSION_PREFIX = "DECLARATION-VERSION#"


class CorrectionConflictError(Exception):
    """The declaration was corrected by another request since the form was shown."""

    def __init__(self, current: Declaration):
        super().__init__(current.month)
        self.current = current


@dataclass(frozen=True)
class Recorded:
    declaration: Declaration
    made: bool  # False: this request found what an earlier one recorded


def version_key(month: str, version: int) -> str:
    return f"{VERSION_PREFIX}{month}#{version:03d}"


def get(records: RecordStore, user_id: str, month: str) -> Declaration | None:
    item = records.get(f"USER#{user_id}", DECLARATION_PREFIX + month)
    return Declaration.of(item) if item else None


def get_version(records: RecordStore, user_id: str, month: str, version: int) -> Declaration | None:
    item = records.get(f"USER#{user_id}", version_key(month, version))
    return Declaration.of({**item, "pk": f"USER#{user_id}"}) if item else None


def declarations_of(records: RecordStore, user_id: str) -> list[Declaration]:
    """Every month declared, newest first."""
    # "DECLARATION-VERSION#…" does not start with "DECLARATION#": the versions are not listed.
    return [Declaration.of(item) for item in records.query(f"USER#{user_id}", DECLARATION_PREFIX, descending=True)]


def _version_put(declaration: Declaration, key: str) -> Put:
    item = declaration.item()
    return Put({**item, "sk": version_key(declaration.month, declaration.version), "kind": "declaration-version",
                "key": key}, if_absent=True)


def declare(records: RecordStore, declaration: Declaration, key: str) -> Recorded:
    """The month's first declaration; the existing one when the month is already declared."""
    now = int(time.time())
    declaration.version, declaration.submitted_at, declaration.first_submitted_at = 1, now, now
    index_pk, index_sk = declared_index(declaration.month, declaration.user_id)
    try:
        records.transact([Put(declaration.item(), if_absent=True), _version_put(declaration, key),
                          Put({"pk": index_pk, "sk": index_sk, "user_id": declaration.user_id,
                               "month": declaration.month, "declared_at": now})])
    except ConditionFailedError:
        existing = get(records, declaration.user_id, declaration.month)
        if existing is None:
            raise
        return Recorded(existing, False)
    return Recorded(declaration, True)


def correct(records: RecordStore, declaration: Declaration, read_version: int, key: str) -> Recorded:
    """Version ``read_version`` + 1 of the month's declaration; raises CorrectionConflictError when
    another request corrected it since ``read_version`` was read."""
    current = get(records, declaration.user_id, declaration.month)
    if current is None:
        raise LookupError(declaration.month)
    if current.version != read_version:  # corrected since: this very request, or another one
        if (same := key_used(records, declaration.user_id, declaration.month, key)) is not None:
            return Recorded(same, False)
        raise CorrectionConflictError(current)
    now = int(time.time())
    declaration.version, declaration.submitted_at = read_version + 1, now
    declaration.first_submitted_at = current.first_submitted_at
    try:
        index_pk, index_sk = regularise_index(declaration.month, declaration.user_id, declaration.version)
        records.transact([Put(declaration.item()), _version_put(declaration, key),
                          Put({"pk": index_pk, "sk": index_sk, "user_id": declaration.user_id,
                               "month": declaration.month, "version": declaration.version})])
    except ConditionFailedError:
        winner = records.get(f"USER#{declaration.user_id}", version_key(declaration.month, read_version + 1))
        if winner is not None and winner.get("key") == key:
            return Recorded(get(records, declaration.user_id, declaration.month) or current, False)
        latest = get(records, declaration.user_id, declaration.month)
        raise CorrectionConflictError(latest or current) from None
    return Recorded(declaration, True)


def key_used(records: RecordStore, user_id: str, month: str, key: str) -> Declaration | None:
    """The version this form's key recorded, if any (a request sent again after its answer was lost)."""
    for item in records.query(f"USER#{user_id}", f"{VERSION_PREFIX}{month}#"):
        if item.get("key") == key:
            return Declaration.of({**item, "pk": f"USER#{user_id}"})
    return None
