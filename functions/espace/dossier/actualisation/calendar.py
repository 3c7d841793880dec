"""The actualisation windows (« calendrier de l'actualisation »), from data/actualisation/calendrier.json.

The declaration of a month opens on the 28th of that month (the 26th in February) and closes on
the 15th of the next month at midnight (arrêté du 22 décembre 2015, article 1er). The file lists
the windows of the years published, each year with its source; a year it does not list follows
the file's rule (``window``), so the site never stops at the end of the last year listed.

``open_window(day)`` is the window a candidate can declare in on ``day`` (None from the 16th to
the 27th); ``last_closed(day)`` the latest window closed before ``day``, which the missed-window
job settles.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from espace.text import MONTHS, french_date

FILE = Path("actualisation") / "calendrier.json"


@dataclass(frozen=True)
class Window:
    month: str  # "YYYY-MM": the month declared
    opens: dt.date  # first day of the window
    closes: dt.date  # last day of the window (until midnight, Paris)

    @property
    def month_label(self) -> str:
        """« novembre 2026 »."""
        return f"{MONTHS[int(self.month[5:]) - 1]} {self.month[:4]}"

    @property
    def opens_label(self) -> str:
        return french_date(self.opens)

    @property
    def closes_label(self) -> str:
        return french_date(self.closes)

    def contains(self, day: dt.date) -> bool:
        return self.opens <= day <= self.closes

    def days_left(self, day: dt.date) -> int:
        """Days the window stays open counting ``day`` (1 on its last day)."""
        return (self.closes - day).days + 1


@dataclass(frozen=True)
class Rule:
    opens_day: int
    february_opens_day: int
    closes_day: int
    text: str
    source: str


@dataclass(frozen=True)
class Calendar:
    rule: Rule
    listed: dict[str, Window]  # by month
    sources: dict[int, str]  # the listed years' sources

    def window(self, year: int, month: int) -> Window:
        """The window of the month ``year-month``: the file's, or the rule's for a year not listed."""
        key = f"{year:04d}-{month:02d}"
        if key in self.listed:
            return self.listed[key]
        opens = dt.date(year, month, self.rule.february_opens_day if month == 2 else self.rule.opens_day)
        next_year, next_month = (year + 1, 1) if month == 12 else (year, month + 1)
        return Window(key, opens, dt.date(next_year, next_month, self.rule.closes_day))

    def year(self, year: int) -> list[Window]:
        """The twelve windows of the months of ``year``."""
        return [self.window(year, month) for month in range(1, 13)]

    def source_of(self, year: int) -> str:
        return self.sources.get(year, f"Règle générale : {self.rule.text}")

    def open_window(self, day: dt.date) -> Window | None:
        """The window open on ``day``: this month's from its opening, else the previous month's
        until it closes; None between two windows."""
        current = self.window(day.year, day.month)
        if current.contains(day):
            return current
        previous = self.window(*_previous(day.year, day.month))
        return previous if previous.contains(day) else None

    def next_window(self, day: dt.date) -> Window:
        """The window open on ``day``, or the next one to open."""
        found = self.open_window(day)
        if found is not None:
            return found
        current = self.window(day.year, day.month)
        return current if current.opens > day else self.window(*_following(day.year, day.month))

    def last_closed(self, day: dt.date) -> Window:
        """The latest window whose last day is before ``day``."""
        year, month = _previous(day.year, day.month)
        candidate = self.window(year, month)
        while candidate.closes >= day:
            year, month = _previous(year, month)
            candidate = self.window(year, month)
        return candidate

    def upcoming(self, day: dt.date, count: int = 3) -> list[Window]:
        """The ``count`` windows not closed yet on ``day``, soonest first (the open one first)."""
        found = [self.next_window(day)]
        while len(found) < count:
            found.append(self.window(*_following(*(int(part) for part in found[-1].month.split("-")))))
        return found

    def of_month(self, month: str) -> Window:
        return self.window(int(month[:4]), int(month[5:7]))


def _previous(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def _following(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def parse(data: dict) -> Calendar:
    raw = data["rule"]
    rule = Rule(int(raw["opens_day"]), int(raw["february_opens_day"]), int(raw["closes_day"]), str(raw["text"]),
                str(raw["source"]))
    listed: dict[str, Window] = {}
    sources: dict[int, str] = {}
    for year, entry in data.get("years", {}).items():
        sources[int(year)] = str(entry["source"])
        for item in entry["windows"]:
            window = Window(str(item["month"]), dt.date.fromisoformat(item["opens"]),
                            dt.date.fromisoformat(item["closes"]))
            if not window.month.startswith(f"{year}-") or not window.opens < window.closes:
                raise ValueError(f"bad window in {FILE}: {item}")
            listed[window.month] = window
    return Calendar(rule, listed, sources)


@lru_cache(maxsize=4)
def load(data_dir: str) -> Calendar:
    return parse(json.loads((Path(data_dir) / FILE).read_text(encoding="utf-8")))


def calendar_of(services) -> Calendar:
    return load(str(services.settings.data_dir))
