"""The ARE engine: pure arithmetic on integer cents, no I/O (the dossier uses it too).

Rounding, stated once: the SJR is rounded to the cent (half up) before anything is computed from
it, and each percentage of an amount (``share``) is rounded to the cent, half up — as the public
worked examples do (SJR 69,04 €, then 40,4 % × 69,04 € = 27,89 €). The duration is rounded up
to a whole day (730 × 0,75 = 547,5 → 548). In a month of work, the days paid are the month's
remaining allocation divided by the daily allocation, rounded down; what is paid is those days
at the daily amount, and the other days are carried over to the end of the rights.
"""

from __future__ import annotations

from dataclasses import dataclass

from espace.allocation.figures import Figures

WHOLE = 10_000  # rates are in ten-thousandths


def share(cents: int, rate: int) -> int:
    """``rate`` ten-thousandths of ``cents``, rounded to the cent, half up (amounts are >= 0)."""
    return (cents * rate * 2 + WHOLE) // (2 * WHOLE)


def daily_reference_salary(total_cents: int, days: int) -> int:
    """The SJR: the reference period's gross salaries ÷ its days, rounded to the cent, half up."""
    if days <= 0 or total_cents < 0:
        raise ValueError("a reference period has days and salaries are not negative")
    return (total_cents * 2 + days) // (2 * days)


def by_age(table: tuple[tuple[int, int], ...], age: int) -> int:
    """The value of the last row whose starting age is at most ``age``."""
    found = table[0][1]
    for start, value in table:
        if age >= start:
            found = value
    return found


def reference_days(figures: Figures, age: int) -> int:
    """The longest reference period, in days: 24 months = 730 days, 36 months = 1095."""
    return by_age(figures.reference_months, age) * 365 // 12


@dataclass(frozen=True)
class Allocation:
    """An estimate of the allocation and each intermediate figure, for the explanation."""

    total: int  # gross salaries of the reference period, cents
    days: int  # days of the reference period
    age: int
    sjr: int
    formula_a: int
    formula_b: int
    cap: int  # 75 % of the SJR
    rule: str  # what set the daily amount: "a", "b", "minimum" or "plafond"
    daily: int
    monthly: int
    duration_exact: tuple[int, int]  # days × coefficient, as (whole days, ten-thousandths)
    duration_computed: int  # rounded up, before the floor and the age cap
    max_duration: int
    duration: int
    degressive: bool
    degressive_daily: int  # the daily amount from degressive_from (== daily when not degressive)
    degressive_from: int  # the first paid day at the lower amount
    degressive_monthly: int


def allocation(figures: Figures, total_cents: int, days: int, age: int) -> Allocation:
    """The daily allocation, its monthly amount, the duration of the rights and the decrease."""
    sjr = daily_reference_salary(total_cents, days)
    formula_a = share(sjr, figures.rate_a) + figures.fixed_part
    formula_b = share(sjr, figures.rate_b)
    cap = share(sjr, figures.cap_rate)
    best, rule = (formula_a, "a") if formula_a >= formula_b else (formula_b, "b")
    if best < figures.minimum:
        best, rule = figures.minimum, "minimum"
    if best > cap:
        best, rule = cap, "plafond"
    product = days * figures.duration_rate
    computed = -(-product // WHOLE)
    max_duration = by_age(figures.max_durations, age)
    duration = min(max(computed, figures.minimum_duration), max_duration)
    degressive = (age < figures.degressive_exempt_age and best > figures.degressive_threshold
                  and duration >= figures.degressive_first_day)
    lower = max(share(best, figures.degressive_rate), figures.degressive_threshold) if degressive else best
    return Allocation(total=total_cents, days=days, age=age, sjr=sjr, formula_a=formula_a, formula_b=formula_b,
                      cap=cap, rule=rule, daily=best, monthly=best * figures.days_per_month,
                      duration_exact=divmod(product, WHOLE), duration_computed=computed,
                      max_duration=max_duration, duration=duration, degressive=degressive,
                      degressive_daily=lower, degressive_from=figures.degressive_first_day,
                      degressive_monthly=lower * figures.days_per_month)


@dataclass(frozen=True)
class Cumul:
    """A month with gross pay: what is left of the allocation, the days paid and carried over."""

    pay: int  # the month's gross pay, cents
    monthly: int  # the month's allocation without work
    deduction: int  # 70 % of the pay
    remaining: int  # monthly − deduction, not below 0
    ceiling: int  # the former monthly reference pay: SJR × 30
    capped: bool  # pay + remaining went over the ceiling and remaining was cut
    allowed: int  # remaining after the ceiling
    days_paid: int
    paid: int  # days_paid × daily
    days_carried: int  # days of the month not paid, which push back the end of the rights
    daily: int

    @property
    def total(self) -> int:
        return self.pay + self.paid


def cumul(figures: Figures, daily: int, sjr: int, pay_cents: int, days: int | None = None) -> Cumul:
    """The month's allocation for a gross pay of ``pay_cents``, at the daily amount ``daily``;
    ``days``: the month's days that could be paid when fewer than a whole month's (a right that
    starts or ends in the month), its allocation and ceiling counted on them."""
    if daily <= 0 or pay_cents < 0:
        raise ValueError("a daily allocation is positive and pay is not negative")
    month = figures.days_per_month if days is None else max(min(days, figures.days_per_month), 0)
    monthly = daily * month
    deduction = share(pay_cents, figures.cumul_rate)
    remaining = max(monthly - deduction, 0)
    ceiling = sjr * month
    allowed = remaining
    if pay_cents + remaining > ceiling:
        allowed = max(ceiling - pay_cents, 0)
    days_paid = min(allowed // daily, month)
    return Cumul(pay=pay_cents, monthly=monthly, deduction=deduction, remaining=remaining, ceiling=ceiling,
                 capped=allowed < remaining, allowed=allowed, days_paid=days_paid, paid=days_paid * daily,
                 days_carried=month - days_paid, daily=daily)
