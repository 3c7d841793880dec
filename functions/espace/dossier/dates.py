"""The calendar rules of « Mon agenda »: the end of rights and the 24-hour limit to cancel or move
an appointment. Pure functions of the day they are given. The actualisation windows are the
actualisation's calendar (``espace.dossier.actualisation.calendar``)."""

from __future__ import annotations

import datetime as dt

from espace.dossier.records import Right

CHANGE_NOTICE = dt.timedelta(hours=24)  # an appointment is cancelled or moved up to 24 hours before


def rights_end(right: Right) -> dt.date | None:
    """The last day of the right: its start plus its days, pushed back by the days carried over
    (days not paid because of declared pay are paid later); None for a refused right (no start)
    or one already ended (exhausted, closed by retirement)."""
    if not right.start or right.state != "ouvert":
        return None
    return dt.date.fromisoformat(right.start) + dt.timedelta(days=right.duration + right.days_carried - 1)


def can_change(start: dt.datetime, now: dt.datetime) -> bool:
    """Whether an appointment starting at ``start`` may still be cancelled or moved at ``now``:
    until 24 hours before it starts, that very second included. Real hours: computed in UTC, as
    Python subtracts wall-clock time between datetimes of one zone (a night of 25 hours)."""
    return now.astimezone(dt.UTC) <= start.astimezone(dt.UTC) - CHANGE_NOTICE
