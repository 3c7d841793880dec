"""A month's payment (espace.dossier.payments): whole and partial months, sickness and retirement,
the cumul with two employers, the decrease crossing, a right exhausted mid-month, each deduction
with its exemption, the ARE-formation's days without CSG/CRDS and the share of a payment kept back
for an overpayment."""

from __future__ import annotations

import datetime as dt

from espace.allocation.figures import load
from espace.dossier.payments import daily_deductions, easter, load_rates, month_payment, next_working_day, recovery
from espace.dossier.records import CLOSED, EXHAUSTED, Declaration, Event, Right, Work
from espace.settings import PROJECT_ROOT

DATA = PROJECT_ROOT / "data" / "allocation"
FIGURES, RATES = load(DATA), load_rates(DATA)


def right(**changes) -> Right:
    values = dict(user_id="u", start="2026-09-08", sjr=6904, daily=4107, duration=548, degressive_daily=4107,
                  degressive_from=183)
    values.update(changes)
    return Right(**values)


def declaration(month: str = "2026-10", **changes) -> Declaration:
    return Declaration(user_id="u", month=month, still_looking=True, **changes)


def amounts(pay) -> dict[str, int]:
    return {d["key"]: d["amount"] for d in pay.deductions}


def test_the_figures_of_the_deductions_come_from_the_data_file():
    assert (RATES.retirement, RATES.csg, RATES.crds, RATES.base) == (300, 620, 50, 9825)
    assert (RATES.threshold, RATES.minimum, RATES.waiting_days, RATES.minimum_hours) == (6000, 3213, 7, 910)


def test_a_whole_month_is_paid_30_days_whatever_its_length():
    for month in ("2026-10", "2027-02"):  # 31 days, 28 days
        pay = month_payment(FIGURES, RATES, right(), declaration(month))
        assert (pay.days, pay.payable, pay.days_carried) == (30, 30, 0)
        assert pay.gross == 30 * 4107 and pay.groups == [(30, 4107)]
        assert pay.net == pay.gross - sum(amounts(pay).values())


def test_the_month_the_right_starts_counts_its_calendar_days_from_the_start():
    pay = month_payment(FIGURES, RATES, right(start="2026-10-13"), declaration())
    assert pay.first == dt.date(2026, 10, 13) and pay.days == 19 and pay.gross == 19 * 4107
    assert month_payment(FIGURES, RATES, right(start="2026-11-02"), declaration()) is None  # before the start


def test_sickness_days_are_not_paid_and_retirement_ends_the_right():
    sick = declaration(events=[Event("maladie", "2026-10-05", "2026-10-09"), Event("formation", "2026-10-12", None)])
    pay = month_payment(FIGURES, RATES, right(), sick)
    assert (pay.days_off, pay.days) == (5, 26)  # 31 calendar days − 5, training paid
    retired = month_payment(FIGURES, RATES, right(), declaration(events=[Event("retraite", "2026-10-21", None)]))
    assert retired.days == 20 and retired.closes == CLOSED and retired.last == dt.date(2026, 10, 20)


def test_pay_from_two_employers_is_summed_for_the_cumul_and_the_rest_carried():
    work = [Work("Boulangerie Martin", 40, 40_000), Work("Hôtel du Port", 35, 35_000)]
    pay = month_payment(FIGURES, RATES, right(), declaration(work=work))
    # 30 × 41,07 = 1 232,10 ; 70 % × 750 = 525 ; 707,10 ÷ 41,07 = 17,2 → 17 days, 13 carried
    assert pay.declared_pay == 75_000 and pay.cumul.deduction == 52_500
    assert (pay.days, pay.days_carried, pay.gross) == (17, 13, 17 * 4107)


def test_the_decrease_starts_on_its_day_within_the_month():
    pay = month_payment(FIGURES, RATES, right(daily=12000, degressive_daily=9257, sjr=20000, days_used=170),
                        declaration())
    # paid days 171…200: 171 to 182 at the full amount, 183 to 200 decreased
    assert pay.groups == [(12, 12000), (18, 9257)] and pay.gross == 12 * 12000 + 18 * 9257
    later = month_payment(FIGURES, RATES, right(daily=12000, degressive_daily=9257, sjr=20000, days_used=200),
                          declaration())
    assert later.groups == [(30, 9257)]


def test_a_right_exhausted_in_the_month_pays_its_days_left_and_closes():
    pay = month_payment(FIGURES, RATES, right(duration=182, days_used=170), declaration())
    assert pay.days == 12 and pay.closes == EXHAUSTED and pay.gross == 12 * 4107


def test_deductions_in_full_above_the_thresholds():
    each = daily_deductions(RATES, 6840, 12000)  # the Unédic example: SJR 120 €, ARE 68,40 €
    assert each.retirement == 360  # 3 % × 120
    # CSG and CRDS on 98,25 % of 64,80 € = 63,67 €: 3,95 € and 0,32 €
    assert (each.csg, each.crds) == (395, 32) and each.retirement_note == each.csg_note == ""


def test_csg_and_crds_are_exempt_below_the_daily_smic_and_cut_to_keep_the_net_above_it():
    low = daily_deductions(RATES, 4107, 6904)
    assert (low.csg, low.crds, low.csg_note) == (0, 0, "exonérées")
    near = daily_deductions(RATES, 6300, 8000)  # 63 − 2,40 = 60,60: only 0,60 € can be taken
    assert near.retirement == 240 and near.csg + near.crds == 60 and near.csg_note == "réduites"
    assert 6300 - near.total == 6000


def test_the_retraite_complementaire_keeps_the_allowance_at_the_minimum():
    at_floor = daily_deductions(RATES, 3213, 3000)
    assert (at_floor.retirement, at_floor.retirement_note) == (0, "exonérée")
    near = daily_deductions(RATES, 3250, 4000)  # 3 % × 40 = 1,20 €, but only 0,37 € above the minimum
    assert (near.retirement, near.retirement_note) == (37, "réduite")


def test_a_month_of_deductions_is_the_days_times_each_days():
    pay = month_payment(FIGURES, RATES, right(daily=6840, degressive_daily=6840, sjr=12000), declaration())
    assert amounts(pay) == {"retraite": 30 * 360, "csg": 30 * 395, "crds": 30 * 32}
    assert pay.net == 30 * (6840 - 360 - 395 - 32)


def test_the_transfer_waits_for_a_working_day():
    assert next_working_day(dt.date(2026, 12, 5)) == dt.date(2026, 12, 7)  # a Saturday
    assert next_working_day(dt.date(2026, 12, 1)) == dt.date(2026, 12, 1)
    assert next_working_day(dt.date(2027, 1, 1)) == dt.date(2027, 1, 4)  # New Year's Day, then a weekend
    assert easter(2026) == dt.date(2026, 4, 5) and easter(2027) == dt.date(2027, 3, 28)
    assert next_working_day(dt.date(2027, 3, 26)) == dt.date(2027, 3, 30)  # Good Friday to Easter Monday
    assert next_working_day(dt.date(2026, 12, 25)) == dt.date(2026, 12, 28)


def test_the_job_pays_the_previous_month_and_reads_only_real_months():
    import pytest

    from espace.dossier.payment_job import previous_month, valid_month

    assert previous_month(dt.date(2027, 1, 4)) == "2026-12" and previous_month(dt.date(2026, 3, 31)) == "2026-02"
    assert valid_month("2026-11") == "2026-11"
    for wrong in ("2026-13", "2026-1", "26-11", "2026/11", ""):
        with pytest.raises(ValueError):
            valid_month(wrong)


def test_training_days_are_paid_as_the_are_formation_without_csg_or_crds():
    """A right of 80,00 € a day on a SJR of 140,00 €: per day, retraite 3 % × 140 = 4,20 €; CSG
    6,2 % and CRDS 0,5 % of 98,25 % × (80 − 4,20) = 74,47 €: 4,62 € and 0,37 € — none on the
    days of training (the ARE-formation), the retraite complémentaire still taken."""
    high = right(sjr=14_000, daily=8_000, degressive_daily=8_000)
    each = daily_deductions(RATES, 8_000, 14_000)
    assert RATES.training_exempt and (each.retirement, each.csg, each.crds) == (420, 462, 37)
    whole = month_payment(FIGURES, RATES, high, declaration(events=[Event("formation", "2026-09-20", None)]))
    assert (whole.days, whole.training_days, whole.gross) == (30, 30, 240_000)
    assert amounts(whole) == {"retraite": 12_600, "csg": 0, "crds": 0} and whole.net == 227_400
    assert {d["note"] for d in whole.deductions if d["key"] != "retraite"} == {"formation"}
    # Training from the 1st to the 15th with 5 sick days inside: 26 days paid, 10 of them training.
    part = month_payment(FIGURES, RATES, high, declaration(events=[
        Event("formation", "2026-10-01", "2026-10-15"), Event("maladie", "2026-10-05", "2026-10-09")]))
    assert (part.days, part.training_days, part.gross) == (26, 10, 208_000)
    assert amounts(part) == {"retraite": 26 * 420, "csg": 16 * 462, "crds": 16 * 37}
    assert part.net == 208_000 - 10_920 - 7_392 - 592 == 189_096
    assert {d["note"] for d in part.deductions if d["key"] != "retraite"} == {"formation-partielle"}
    plain = month_payment(FIGURES, RATES, high, declaration())
    assert (plain.training_days, amounts(plain)["csg"]) == (0, 30 * 462)


def test_an_overpayment_is_kept_back_up_to_a_fifth_of_each_net_payment():
    assert RATES.recovery_share == 2000
    assert recovery(RATES, 212_430, 63_729) == 42_486  # 20 % of 2 124,30 €
    assert recovery(RATES, 212_430, 21_243) == 21_243  # the rest, less than the ceiling
    assert recovery(RATES, 212_430, 0) == 0 and recovery(RATES, 0, 5_000) == 0
