"""The actualisation windows: the file's, and the rule's for a year it does not list."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from espace.dossier.actualisation.calendar import FILE, load, parse
from espace.settings import PROJECT_ROOT

D = dt.date


@pytest.fixture(scope="module")
def cal():
    return load(str(PROJECT_ROOT / "data"))


def test_the_listed_years_follow_the_arrete(cal):
    for year in (2026, 2027):
        for window in cal.year(year):
            month = int(window.month[5:])
            assert window.opens == D(year, month, 26 if month == 2 else 28)
            assert window.closes.day == 15 and window.closes > window.opens
        assert "arrêté" in cal.source_of(year).lower() or "Calendrier 2026" in cal.source_of(year)


def test_a_year_not_listed_follows_the_rule(cal):
    assert "2031-06" not in cal.listed
    window = cal.window(2031, 6)
    assert (window.opens, window.closes) == (D(2031, 6, 28), D(2031, 7, 15))
    assert cal.source_of(2031).startswith("Règle générale")


@pytest.mark.parametrize(("day", "month"), [
    (D(2026, 11, 27), None), (D(2026, 11, 28), "2026-11"), (D(2026, 11, 30), "2026-11"),
    (D(2026, 12, 1), "2026-11"), (D(2026, 12, 15), "2026-11"), (D(2026, 12, 16), None),
    (D(2026, 12, 28), "2026-12"), (D(2026, 12, 31), "2026-12"), (D(2027, 1, 1), "2026-12"),
    (D(2027, 1, 15), "2026-12"), (D(2027, 1, 16), None),
    (D(2028, 2, 25), None), (D(2028, 2, 26), "2028-02"), (D(2028, 2, 29), "2028-02"), (D(2028, 3, 15), "2028-02"),
    (D(2027, 2, 26), "2027-02"), (D(2027, 2, 28), "2027-02"),
])
def test_the_window_open_on_a_day(cal, day, month):
    window = cal.open_window(day)
    assert (window.month if window else None) == month


def test_the_next_and_the_last_closed(cal):
    assert cal.next_window(D(2026, 12, 20)).month == "2026-12"
    assert cal.next_window(D(2026, 12, 29)).month == "2026-12"
    assert cal.next_window(D(2027, 1, 16)).month == "2027-01"
    assert cal.last_closed(D(2027, 1, 16)).month == "2026-12"
    assert cal.last_closed(D(2027, 1, 15)).month == "2026-11"
    assert cal.last_closed(D(2026, 12, 16)).month == "2026-11"


def test_days_left_counts_the_last_day(cal):
    window = cal.window(2026, 12)
    assert window.days_left(D(2027, 1, 15)) == 1 and window.days_left(D(2027, 1, 13)) == 3
    assert window.month_label == "décembre 2026" and window.closes_label == "15 janvier 2027"


def test_a_listed_window_overrides_the_rule():
    data = json.loads((PROJECT_ROOT / "data" / FILE).read_text(encoding="utf-8"))
    data["years"]["2026"]["windows"][4] = {"month": "2026-05", "opens": "2026-05-27", "closes": "2026-06-16"}
    cal = parse(data)
    assert cal.open_window(D(2026, 5, 27)).month == "2026-05" and cal.open_window(D(2026, 6, 16)).month == "2026-05"
    data["years"]["2026"]["windows"][4] = {"month": "2027-05", "opens": "2026-05-27", "closes": "2026-06-16"}
    with pytest.raises(ValueError):
        parse(data)


@pytest.mark.parametrize(("today", "first"), [
    (D(2026, 12, 6), ("2026-11", D(2026, 11, 28), D(2026, 12, 15))),
    (D(2026, 12, 15), ("2026-11", D(2026, 11, 28), D(2026, 12, 15))),
    (D(2026, 12, 16), ("2026-12", D(2026, 12, 28), D(2027, 1, 15))),
    (D(2027, 1, 10), ("2026-12", D(2026, 12, 28), D(2027, 1, 15))),
])
def test_upcoming_starts_with_the_window_not_closed_yet(cal, today, first):
    found = cal.upcoming(today)
    assert (found[0].month, found[0].opens, found[0].closes) == first
    assert found[0].contains(today) == (first[1] <= today)


def test_upcoming_windows_follow_each_other_across_the_year(cal):
    found = cal.upcoming(D(2026, 11, 20), count=4)
    assert [w.month for w in found] == ["2026-11", "2026-12", "2027-01", "2027-02"]
    assert found[1].closes == D(2027, 1, 15) and found[3].closes == D(2027, 3, 15)
    assert found[1].month_label == "décembre 2026"
