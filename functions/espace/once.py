"""Doing a thing once per key across reruns: the jobs' claim (alerts, reminders, newsletters).

    if claim(records, {"pk": pk, "sk": f"DIGEST#{day}#{email}", ...}):
        send(...)
        records.put({..., "status": "sent"})

A claim is a record written with ``status: "pending"`` only if absent, before the thing is done.
A rerun finds it: "sent" means done (skip it); "pending" means an earlier run stopped before
marking it done, so this run does it. What remains: a run that dies between doing the thing and
marking it "sent" (a few milliseconds) does it again on the rerun, and two runs at the very same
instant could both take up a pending record; both are stated where jobs are scheduled.
"""

from __future__ import annotations

from espace.ports import ConditionFailedError, Item, RecordStore

PENDING, SENT = "pending", "sent"


def claim(records: RecordStore, item: Item) -> bool:
    """True when this run must do the thing of ``item`` (its pk/sk), False when it was done."""
    try:
        records.put({**item, "status": PENDING}, if_absent=True)
        return True
    except ConditionFailedError:
        existing = records.get(item["pk"], item["sk"])
        return existing is None or existing.get("status") != SENT
