"""The calendar rules of « Mon agenda »: the actualisation windows to come, the end of rights and
the 24-hour limit to cancel or move an appointment. Pure functions of the day they are given.

The window rule (28th of the month → 15th of the next) is kept here in one small function while
the official calendar module of the actualisation is built; the agenda reads only ``windows``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from espace.dossier.records import Right, month_key
from espace.text import MONTHS

OPENS_ON, CLOSES_ON = 28, 15  # the actualisation of month M: from M's 28th to the 15th of M + 1
CHANGE_NOTICE = dt.timedelta(hours=24)  # an appointment is cancelled or moved up to 24 hours before


@dataclass(frozen=True)
class Window:
    month: str  # "YYYY-MM": the month declared
    opens: dt.date
    closes: dt.date

    def is_open(self, today: dt.date) -> bool:
        return self.opens <= today <= self.closes

    @property
    def month_label(self) -> str:
        """« décembre 2026 »."""
        year, month = self.month.split("-")
        return f"{MONTHS[int(month) - 1]} {year}"


def window_of(year: int, month: int) -> Window:
    following = dt.date(year + month // 12, month % 12 + 1, CLOSES_ON)
    return Window(f"{year:04d}-{month:02d}", dt.date(year, month, OPENS_ON), following)


def windows(today: dt.date, count: int = 3) -> list[Window]:
    """The ``count`` windows that have not closed yet on ``today``, soonest first (the open one
    first when there is one)."""
    year, month = (today.year, today.month - 1) if today.day <= CLOSES_ON else (today.year, today.month)
    if month == 0:
        year, month = year - 1, 12
    found: list[Window] = []
    while len(found) < count:
        found.append(window_of(year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def rights_end(right: Right) -> dt.date:
    """The last day of the right: its start plus its days, pushed back by the days carried over
    (days not paid because of declared pay are paid later)."""
    return dt.date.fromisoformat(right.start) + dt.timedelta(days=right.duration + right.days_carried - 1)


def can_change(start: dt.datetime, now: dt.datetime) -> bool:
    """Whether an appointment starting at ``start`` may still be cancelled or moved at ``now``:
    until 24 hours before it starts, that very second included. Real hours: computed in UTC, as
    Python subtracts wall-clock time between datetimes of one zone (a night of 25 hours)."""
    return now.astimezone(dt.UTC) <= start.astimezone(dt.UTC) - CHANGE_NOTICE


__all__ = ["CHANGE_NOTICE", "Window", "can_change", "month_key", "rights_end", "window_of", "windows"]
