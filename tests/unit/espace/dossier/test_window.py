"""The actualisation window the dashboard tells (espace.dossier.window): from the 28th of a month
to the 15th of the next, for the month that ends."""

from __future__ import annotations

import datetime as dt

import pytest

from espace.dossier.window import window_for


@pytest.mark.parametrize(("day", "month", "opens", "closes", "is_open"), [
    ("2026-11-27", "2026-11", "2026-11-28", "2026-12-15", False),
    ("2026-11-28", "2026-11", "2026-11-28", "2026-12-15", True),
    ("2026-11-30", "2026-11", "2026-11-28", "2026-12-15", True),
    ("2026-12-01", "2026-11", "2026-11-28", "2026-12-15", True),
    ("2026-12-15", "2026-11", "2026-11-28", "2026-12-15", True),
    ("2026-12-16", "2026-12", "2026-12-28", "2027-01-15", False),
    ("2026-12-31", "2026-12", "2026-12-28", "2027-01-15", True),
    ("2027-01-10", "2026-12", "2026-12-28", "2027-01-15", True),
    ("2028-02-28", "2028-02", "2028-02-28", "2028-03-15", True),
    ("2026-02-16", "2026-02", "2026-02-28", "2026-03-15", False),
])
def test_the_window_of_a_day(day, month, opens, closes, is_open):
    window = window_for(dt.date.fromisoformat(day))
    assert (window.month, window.opens.isoformat(), window.closes.isoformat(), window.open) == (
        month, opens, closes, is_open)
