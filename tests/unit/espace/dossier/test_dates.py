"""The agenda's calendar rules: the end of rights and the
24-hour limit to cancel or move an appointment, at its edges."""

from __future__ import annotations

import datetime as dt

from espace.dossier.dates import can_change, rights_end
from espace.dossier.records import Right
from espace.text import PARIS


def test_the_end_of_rights_counts_the_days_carried_over():
    right = Right("u", "2026-01-10", sjr=5000, daily=3000, duration=182, degressive_daily=3000, degressive_from=0)
    assert rights_end(right) == dt.date(2026, 7, 10)  # day 1 is the 10th of January, day 182 the 10th of July
    right.days_carried = 5
    assert rights_end(right) == dt.date(2026, 7, 15)


def test_the_24_hour_limit_at_its_edge():
    start = dt.datetime(2026, 12, 10, 9, 0, tzinfo=PARIS)
    assert can_change(start, dt.datetime(2026, 12, 9, 8, 59, 59, tzinfo=PARIS))
    assert can_change(start, dt.datetime(2026, 12, 9, 9, 0, 0, tzinfo=PARIS))
    assert not can_change(start, dt.datetime(2026, 12, 9, 9, 0, 1, tzinfo=PARIS))
    assert not can_change(start, start)


def test_the_limit_is_24_real_hours_across_a_change_of_time():
    """The night the clocks go back has 25 hours: the limit is the same instant minus 24 hours."""
    start = dt.datetime(2026, 10, 25, 12, 0, tzinfo=PARIS)  # winter time since 3 a.m. that day
    edge = (start.astimezone(dt.UTC) - dt.timedelta(hours=24)).astimezone(PARIS)
    assert can_change(start, edge) and not can_change(start, edge + dt.timedelta(seconds=1))
