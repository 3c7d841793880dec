"""A hard limit on how many records of a kind an account holds: one slot record per place.

A record and its slot (``{slot_prefix}{n}`` in the same partition) are written in one
transaction, each only if absent: two requests can never take the same place, so the limit
holds even for forms sent at the same instant, and a deletion frees its place in the same
transaction as the record (no counter to drift). Used by the saved searches (20) and the CVs (5).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any

from espace.ports import ConditionFailedError, Item, Put, RecordStore


class Placed(Enum):
    PLACED = "placed"
    ALREADY = "already"  # the record was already there (the same form sent twice)
    FULL = "full"


def put_in_a_free_slot(records: RecordStore, item: Item, *, numbers: Sequence[int], slot_prefix: str,
                       slot_key: Callable[[int], str], slot_fields: dict[str, Any]) -> Placed:
    """Write ``item`` (with its ``slot`` number) and one free slot record holding ``slot_fields``."""
    pk = item["pk"]
    for _ in range(len(numbers) + 5):  # each failed attempt means another request took a place
        taken = {entry["sk"] for entry in records.query(pk, slot_prefix)}
        free = [n for n in numbers if slot_key(n) not in taken]
        if not free:
            return Placed.ALREADY if records.get(pk, item["sk"]) else Placed.FULL
        slot = secrets.choice(free)  # concurrent requests rarely pick the same one
        try:
            records.transact([Put({**item, "slot": slot}, if_absent=True),
                              Put({"pk": pk, "sk": slot_key(slot), **slot_fields}, if_absent=True)])
        except ConditionFailedError:
            if records.get(pk, item["sk"]):
                return Placed.ALREADY
            continue
        return Placed.PLACED
    return Placed.FULL
