"""The rules' clock is French time, and moving it moves ``today`` too."""

import datetime as dt

from espace import clock
from espace.text import PARIS


def test_today_is_the_date_in_paris(monkeypatch):
    # 23:30 UTC on 31 December is already 1 January in Paris.
    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC).astimezone(PARIS))
    assert clock.today() == dt.date(2027, 1, 1)


def test_now_is_aware_and_in_paris():
    assert clock.now().tzinfo is PARIS
