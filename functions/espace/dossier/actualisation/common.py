"""What the actualisation's pages and job share: the candidate's standing for the actualisation
(open dossier or not, the window, the month's declaration, the missed months)."""

from __future__ import annotations

import calendar as months
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from espace import clock
from espace.dossier.actualisation import service
from espace.dossier.actualisation.calendar import Window, calendar_of
from espace.dossier.model import REGISTERED, Dossier
from espace.dossier.opening import dossier_of
from espace.dossier.records import Declaration

if TYPE_CHECKING:
    from espace.bootstrap import Services

BASE = "/mon-dossier/actualisation"
CALENDAR_URL = "/calendrier-actualisation"
MISSED_PREFIX = "MISSED#"
MISSED_REASON = "defaut-actualisation"
MISSED_LABEL = "Cessation d'inscription pour défaut d'actualisation"


def month_end(month: str) -> dt.date:
    year, number = int(month[:4]), int(month[5:7])
    return dt.date(year, number, months.monthrange(year, number)[1])


def must_declare(dossier: Dossier, month: str) -> bool:
    """A registered dossier whose current registration began by the end of ``month`` declares it."""
    if dossier.state != REGISTERED or not dossier.periods:
        return False
    return dt.date.fromisoformat(str(dossier.periods[-1]["start"])) <= month_end(month)


@dataclass
class Standing:
    dossier: Dossier | None
    today: dt.date
    window: Window | None  # the window open today, if the candidate has a month to declare in it
    upcoming: Window  # the window open today or the next one
    declaration: Declaration | None  # the open window's month's, if declared
    missed: list[dict]  # the missed months' records, newest first

    @property
    def registered(self) -> bool:
        return self.dossier is not None and self.dossier.state == REGISTERED


def standing(services: Services, user_id: str) -> Standing:
    today = clock.today()
    cal = calendar_of(services)
    dossier = dossier_of(services.records, user_id)
    window = cal.open_window(today)
    if window is not None and (dossier is None or not must_declare(dossier, window.month)):
        window = None
    declaration = service.get(services.records, user_id, window.month) if window else None
    missed = services.records.query(f"USER#{user_id}", MISSED_PREFIX, descending=True)
    return Standing(dossier, today, window, cal.next_window(today), declaration, missed)
