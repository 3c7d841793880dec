"""The monthly actualisation window, as the tableau de bord tells it: from the 28th of a month to
the 15th of the next, for the month that ends (seed: « avoir accès au calendrier de l'actualisation
mensuelle »).

Kept on its own so that the actualisation's module (issue 13, helper A) replaces it: the
dashboard only calls ``window_for(day)``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

OPENS_ON, CLOSES_ON = 28, 15


@dataclass(frozen=True)
class Window:
    month: str  # "YYYY-MM": the month declared in this window
    opens: dt.date  # the 28th of that month
    closes: dt.date  # the 15th of the next month, the last day
    open: bool  # open on the day asked


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _window_of_month(first: dt.date, day: dt.date) -> Window:
    opens, closes = first.replace(day=OPENS_ON), _next_month(first).replace(day=CLOSES_ON)
    return Window(f"{first.year:04d}-{first.month:02d}", opens, closes, opens <= day <= closes)


def window_for(day: dt.date) -> Window:
    """The window open on ``day``, or else the next one to open."""
    this_month = day.replace(day=1)
    if day.day <= CLOSES_ON:  # still the window of the previous month
        return _window_of_month((this_month - dt.timedelta(days=1)).replace(day=1), day)
    return _window_of_month(this_month, day)
