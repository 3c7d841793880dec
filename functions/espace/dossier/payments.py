"""One month's allowance from a right and the month's declaration: pure arithmetic on integer
cents, no I/O (the payment job, espace.dossier.payment_job, writes what it returns).

The month's days (figures: « jours_par_mois », the monthly payment on 30 days since April 2025):

- a whole month of right, without a day off, is paid 30 days, whatever its calendar length;
- a month the right starts in, ends in (retirement, the right's last day), or with days off is
  paid its calendar days that can be paid, 30 at most;
- days of sickness or maternity declared (« maladie », « maternite ») are not paid: the health
  insurance pays them. Retirement ends the right the day before it starts. Training keeps it
  (paid as the ARE-formation, at the same amount), as do the other events.

Declared pay (the sum of every employer's): the engine's cumul rule (``engine.cumul``) gives the
days paid; the days not paid are carried to the end of the right. The decrease (« dégressivité »)
applies from the right's ``degressive_from``-th paid day: a month that crosses it pays its days
at both amounts (the cumul's days are counted at the amount of the month's first paid day). The
days paid never exceed the right's days left.

Deductions, per paid day then times the days (figures and sources in data/allocation/):

- retraite complémentaire: 3 % of the SJR, reduced so that the daily allowance stays at least the
  minimum allowance (« allocation minimale »), none when it is already at or below it;
- CSG 6,2 % and CRDS 0,5 % of 98,25 % of the allowance after the retraite complémentaire; none
  when the gross daily allowance is below the exemption threshold (the daily SMIC), and reduced
  (the CSG first) so that the net daily allowance does not fall below it.
- the days of training (« formation » declared with its dates) are paid as the ARE-formation
  (AREF), exempt of CSG and CRDS (figures: « are_formation_exoneration_csg_crds »); the
  retraite complémentaire is taken as on the ARE. A month's paid days are counted as training
  days up to the training's days in the month's right (less the days off), taken from the
  month's first daily amount first when the decrease starts in that month.
Not applied: the reduced CSG rate (3,8 %) or the exemption by the taxable income, which the
dossier does not know; the Alsace-Moselle contribution; the ARE-formation's minimum net daily
amount (its current figure is not verified).

An overpayment (« trop-perçu », espace.dossier.regularisation) is recovered from the following
payments, ``recovery`` of each at most (figures: « trop_percu_retenue_max_dix_milliemes »).
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from espace.allocation import engine
from espace.allocation.figures import FILE, Figures
from espace.dossier.records import Declaration, Right

UNPAID_EVENTS = frozenset({"maladie", "maternite"})
ENDING_EVENTS = frozenset({"retraite"})
TRAINING_EVENTS = frozenset({"formation"})


@dataclass(frozen=True)
class Rates:
    """The deductions' figures, from the same file as the engine's."""
    retirement: int  # ten-thousandths of the SJR
    csg: int
    crds: int
    base: int  # the share of the allowance the CSG and CRDS are computed on
    threshold: int  # cents a day: the CSG/CRDS exemption threshold (daily SMIC)
    minimum: int  # cents a day: the minimum allowance (the retraite complémentaire's floor)
    waiting_days: int
    minimum_hours: int  # affiliation in hours, when the days are not enough
    training_exempt: bool = True  # the ARE-formation's days are exempt of CSG and CRDS
    recovery_share: int = 0  # ten-thousandths of a payment's net kept back for an overpayment


def load_rates(folder: str | Path) -> Rates:
    figures = json.loads((Path(folder) / FILE).read_text(encoding="utf-8"))["figures"]

    def value(name: str) -> int:
        return int(figures[name]["value"])

    return Rates(retirement=value("retraite_complementaire_dix_milliemes"), csg=value("csg_dix_milliemes"),
                 crds=value("crds_dix_milliemes"), base=value("assiette_csg_crds_dix_milliemes"),
                 threshold=value("seuil_exoneration_csg_crds_cents"), minimum=value("allocation_minimale_cents"),
                 waiting_days=value("delai_attente_jours"), minimum_hours=value("affiliation_minimale_heures"),
                 training_exempt=bool(value("are_formation_exoneration_csg_crds")),
                 recovery_share=value("trop_percu_retenue_max_dix_milliemes"))


def recovery(rates: Rates, net: int, owed: int) -> int:
    """What a payment of ``net`` cents keeps back for an overpayment of ``owed`` cents still due."""
    return max(min(owed, net * rates.recovery_share // 10_000), 0)


@dataclass(frozen=True)
class DailyDeductions:
    retirement: int
    csg: int
    crds: int
    retirement_note: str  # "" when taken in full, else why not
    csg_note: str

    @property
    def total(self) -> int:
        return self.retirement + self.csg + self.crds


def daily_deductions(rates: Rates, daily: int, sjr: int) -> DailyDeductions:
    """What is taken off one day's allowance of ``daily`` cents, with the exemption rules."""
    retirement = engine.share(sjr, rates.retirement)
    room = max(daily - rates.minimum, 0)
    retirement_note = ""
    if retirement > room:
        retirement_note = "réduite" if room else "exonérée"
        retirement = room
    after = daily - retirement
    if daily < rates.threshold:
        return DailyDeductions(retirement, 0, 0, retirement_note, "exonérées")
    base = engine.share(after, rates.base)
    csg, crds = engine.share(base, rates.csg), engine.share(base, rates.crds)
    room = max(after - rates.threshold, 0)
    note = ""
    if csg + crds > room:
        note = "réduites" if room else "exonérées"
        crds = min(crds, room)
        csg = room - crds
    return DailyDeductions(retirement, csg, crds, retirement_note, note)


@dataclass(frozen=True)
class MonthPay:
    """A month's payment as computed; ``days`` may be 0 (a month all in sickness, or a pay that
    leaves nothing to pay), and ``closes`` tells the right ends with it (retirement, exhausted)."""
    month: str
    first: dt.date
    last: dt.date
    payable: int  # days that could be paid, before the cumul and the days left
    days_off: int  # days of sickness or maternity in the month's right
    days: int
    days_carried: int
    groups: list[tuple[int, int]]  # (days, daily amount): two when the decrease starts in the month
    gross: int
    deductions: list[dict[str, Any]]
    net: int
    declared_pay: int
    cumul: engine.Cumul | None
    closes: str = ""  # a Right state (EXHAUSTED, CLOSED) or ""
    reason: str = ""
    notes: list[str] = field(default_factory=list)
    training_days: int = 0  # of ``days``, paid as the ARE-formation


def month_bounds(month: str) -> tuple[dt.date, dt.date]:
    year, number = (int(part) for part in month.split("-"))
    return dt.date(year, number, 1), dt.date(year, number, calendar.monthrange(year, number)[1])


def _days_in(spans: list[tuple[dt.date, dt.date]], first: dt.date, last: dt.date) -> int:
    """Days of ``[first, last]`` covered by any of ``spans`` (overlaps counted once)."""
    covered: set[int] = set()
    for start, end in spans:
        lo, hi = max(start, first), min(end, last)
        covered.update(range(lo.toordinal(), hi.toordinal() + 1))
    return len(covered)


def _date(text: str | None, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(text) if text else default
    except ValueError:
        return default


def month_payment(figures: Figures, rates: Rates, right: Right, declaration: Declaration) -> MonthPay | None:
    """The payment of ``declaration.month``, or None when the right does not cover any of it
    (a month before its start, after its end)."""
    from espace.dossier.records import CLOSED, EXHAUSTED

    month_first, month_last = month_bounds(declaration.month)
    first = max(month_first, dt.date.fromisoformat(right.start))
    last = month_last
    if right.ended_on:
        last = min(last, dt.date.fromisoformat(right.ended_on))
    closes, reason = "", ""
    for event in declaration.events:
        if event.kind in ENDING_EVENTS:
            retired = _date(event.start, month_first)
            if retired <= month_last:
                last, closes = min(last, retired - dt.timedelta(days=1)), CLOSED
                reason = f"Départ à la retraite le {retired.isoformat()} : le droit prend fin la veille."
    if first > last and not closes:
        return None
    calendar_days = max((last - first).days + 1, 0)
    off_spans = [(_date(e.start, month_first), _date(e.end, month_last)) for e in declaration.events
                 if e.kind in UNPAID_EVENTS]
    off = _days_in(off_spans, first, last) if calendar_days else 0
    training_spans = [(_date(e.start, month_first), _date(e.end, month_last)) for e in declaration.events
                      if e.kind in TRAINING_EVENTS]
    # Training days that are not days off (a sick day in training is the health insurance's).
    training = (_days_in(training_spans + off_spans, first, last) - off) if calendar_days and training_spans else 0
    whole = first == month_first and last == month_last and off == 0
    payable = figures.days_per_month if whole else min(calendar_days - off, figures.days_per_month)
    index = right.days_used + 1
    daily_first = right.daily if index < right.degressive_from else right.degressive_daily
    pay = declaration.gross
    result = None
    days = payable
    if pay > 0 and payable > 0:
        result = engine.cumul(figures, daily_first, right.sjr, pay, days=payable)
        days = result.days_paid
    carried = payable - days
    days = min(days, right.days_left)
    if right.days_left <= days and not closes:
        closes, reason = EXHAUSTED, "Le droit est épuisé : tous ses jours sont payés."
    before = max(0, min(days, right.degressive_from - index))
    groups = [(n, amount) for n, amount in ((before, right.daily), (days - before, right.degressive_daily)) if n]
    if len(groups) == 2 and groups[0][1] == groups[1][1]:
        groups = [(days, right.daily)]
    gross = sum(n * amount for n, amount in groups)
    training_days = min(training, days) if rates.training_exempt else 0
    deductions = _deductions(rates, right.sjr, groups, training_days)
    net = gross - sum(int(d["amount"]) for d in deductions)
    return MonthPay(month=declaration.month, first=first, last=max(last, first), payable=payable, days_off=off,
                    days=days, days_carried=carried, groups=groups, gross=gross, deductions=deductions, net=net,
                    declared_pay=pay, cumul=result, closes=closes, reason=reason, training_days=training_days)


def _deductions(rates: Rates, sjr: int, groups: list[tuple[int, int]], training_days: int = 0) -> list[dict[str, Any]]:
    """The month's deductions; ``training_days`` of the groups' days (the first group's first)
    are the ARE-formation's, without CSG or CRDS."""
    amounts = {"retraite": 0, "csg": 0, "crds": 0}
    notes = {"retraite": "", "csg": ""}
    left = training_days
    for days, daily in groups:
        each = daily_deductions(rates, daily, sjr)
        exempt = min(left, days)
        left -= exempt
        amounts["retraite"] += each.retirement * days
        amounts["csg"] += each.csg * (days - exempt)
        amounts["crds"] += each.crds * (days - exempt)
        notes["retraite"] = notes["retraite"] or each.retirement_note
        if days > exempt:
            notes["csg"] = notes["csg"] or each.csg_note
    if training_days:
        total = sum(days for days, _daily in groups)
        notes["csg"] = "formation" if training_days >= total else "formation-partielle"
    return [
        {"key": "retraite", "label": "Retraite complémentaire", "rate": f"{_percent(rates.retirement)} du SJR",
         "amount": amounts["retraite"], "note": notes["retraite"]},
        {"key": "csg", "label": "CSG", "rate": f"{_percent(rates.csg)} de {_percent(rates.base)} de l'allocation",
         "amount": amounts["csg"], "note": notes["csg"]},
        {"key": "crds", "label": "CRDS", "rate": f"{_percent(rates.crds)} de {_percent(rates.base)} de l'allocation",
         "amount": amounts["crds"], "note": notes["csg"]},
    ]


def _percent(rate: int) -> str:
    whole, rest = divmod(rate, 100)
    return f"{whole},{rest:02d}".rstrip("0").rstrip(",") + "\u00a0%"


def easter(year: int) -> dt.date:
    """Easter Sunday of ``year`` (the Gregorian computus, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def bank_holidays(year: int) -> set[dt.date]:
    """The days the euro area's transfer system (TARGET) is closed besides weekends: 1 January,
    Good Friday, Easter Monday, 1 May, 25 and 26 December — no transfer is settled on them."""
    sunday = easter(year)
    return {dt.date(year, 1, 1), sunday - dt.timedelta(days=2), sunday + dt.timedelta(days=1), dt.date(year, 5, 1),
            dt.date(year, 12, 25), dt.date(year, 12, 26)}


def next_working_day(day: dt.date) -> dt.date:
    """The transfer's date: ``day``, or the next day that is neither a weekend nor a TARGET holiday."""
    while day.weekday() >= 5 or day in bank_holidays(day.year):
        day += dt.timedelta(days=1)
    return day
