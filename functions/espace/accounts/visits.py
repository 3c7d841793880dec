"""The candidate's visits to « Mon espace », for « Depuis votre dernière visite le … ».

``USER#{uid}`` / ``VISIT`` {previous, current}: a dashboard view more than VISIT_GAP after
``current`` starts a new visit (``current`` becomes ``previous``); views closer together are
the same visit, so reloading the page does not wipe out what changed since the last one.
"""

from __future__ import annotations

from espace.ports import RecordStore

VISIT_GAP = 30 * 60
SK = "VISIT"


def record_visit(records: RecordStore, user_id: str, now: int) -> int | None:
    """Count this dashboard view and return the previous visit's time (None: first visit)."""
    pk = f"USER#{user_id}"
    item = records.get(pk, SK)
    if item is None:
        records.put({"pk": pk, "sk": SK, "previous": None, "current": now})
        return None
    if now - int(item["current"]) > VISIT_GAP:
        records.put({"pk": pk, "sk": SK, "previous": int(item["current"]), "current": now})
        return int(item["current"])
    previous = item.get("previous")
    return int(previous) if previous is not None else None
