"""The ARE engine on the public worked examples (estimer-mon-allocation.md,
cumuler-allocation-et-salaire.md), the floor, the cap, the age caps, the decrease and the cumul,
then properties over any input."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from espace.allocation.engine import allocation, by_age, cumul, daily_reference_salary, reference_days, share
from espace.allocation.figures import FILE, load
from espace.settings import PROJECT_ROOT

DATA = PROJECT_ROOT / "data" / "allocation"
FIGURES = load(DATA)


def test_every_figure_has_a_source_and_an_effective_date():
    raw = json.loads((DATA / FILE).read_text(encoding="utf-8"))
    assert raw["figures"]
    for name, figure in raw["figures"].items():
        assert figure["source"].startswith("https://"), name
        assert len(figure["effective"]) == 10 and figure["effective"] <= figure["checked"], name
        assert isinstance(figure["value"], int | list | str), name
    assert (FIGURES.fixed_part, FIGURES.minimum, FIGURES.degressive_threshold) == (1318, 3213, 9257)
    assert (FIGURES.rate_a, FIGURES.rate_b, FIGURES.cap_rate) == (4040, 5700, 7500)


def test_rounding_is_to_the_cent_half_up():
    assert share(6904, 4040) == 2789  # 27,8921
    assert share(3945, 5700) == 2249  # 22,4865
    assert share(3945, 7500) == 2959  # 29,5875
    assert share(2, 2500) == 1  # 0,5 cent, half up
    assert share(1, 4000) == 0
    assert daily_reference_salary(5_040_000, 730) == 6904  # 69,0411
    assert daily_reference_salary(1_440_000, 365) == 3945  # 39,4520
    assert daily_reference_salary(1, 2) == 1  # half a cent, up
    with pytest.raises(ValueError):
        daily_reference_salary(100, 0)


def test_claire_the_page_s_first_example():
    """24 months at 2 100 € gross: SJR 69,04 €, A = 41,07 € kept, 1 232,10 € a month, 548 days."""
    claire = allocation(FIGURES, 2_100_00 * 24, 730, 40)
    assert (claire.sjr, claire.formula_a, claire.formula_b, claire.cap) == (6904, 4107, 3935, 5178)
    assert (claire.rule, claire.daily, claire.monthly) == ("a", 4107, 123210)
    assert claire.duration_exact == (547, 5000) and claire.duration_computed == 548
    assert (claire.max_duration, claire.duration) == (548, 548)
    assert not claire.degressive and claire.degressive_daily == 4107


def test_karim_short_contracts_the_cap_wins_over_the_minimum():
    """8 months at 1 800 € over 365 days: SJR 39,45 €, A = 29,12 €, the minimum 32,13 € is over
    the cap 29,59 €, which applies; 274 days."""
    karim = allocation(FIGURES, 1_800_00 * 8, 365, 30)
    assert (karim.sjr, karim.formula_a, karim.formula_b, karim.cap) == (3945, 2912, 2249, 2959)
    assert (karim.rule, karim.daily) == ("plafond", 2959)
    assert karim.duration_computed == 274 and karim.duration == 274


def test_the_floor_applies_when_under_the_cap():
    """SJR 42,00 €: A = 16,97 + 13,18 = 30,15 €, B = 23,94 €, cap 31,50 €: the minimum would be
    32,13 €, over the cap: 31,50 €. SJR 45,00 €: A = 31,36 € < minimum 32,13 € < cap 33,75 €."""
    low = allocation(FIGURES, 4200 * 300, 300, 30)
    assert (low.formula_a, low.cap, low.rule, low.daily) == (3015, 3150, "plafond", 3150)
    floor = allocation(FIGURES, 4500 * 300, 300, 30)
    assert (floor.formula_a, floor.cap, floor.rule, floor.daily) == (3136, 3375, "minimum", 3213)


def test_formula_b_wins_for_higher_salaries():
    high = allocation(FIGURES, 4_000_00 * 24, 730, 45)  # SJR 131,51 €
    assert high.sjr == 13151 and high.formula_a == share(13151, 4040) + 1318 == 6631
    assert (high.formula_b, high.rule, high.daily) == (7496, "b", 7496)


def test_durations_by_age_and_the_minimum_duration():
    assert by_age(FIGURES.max_durations, 54) == 548
    assert by_age(FIGURES.max_durations, 55) == by_age(FIGURES.max_durations, 56) == 685
    assert by_age(FIGURES.max_durations, 57) == by_age(FIGURES.max_durations, 64) == 822
    assert reference_days(FIGURES, 54) == 730 and reference_days(FIGURES, 55) == 1095
    assert allocation(FIGURES, 5_000_000, 1095, 56).duration == 685  # 821,25 → 822, capped at 685
    assert allocation(FIGURES, 5_000_000, 1095, 57).duration == 822
    assert allocation(FIGURES, 5_000_000, 1095, 54).duration == 548
    short = allocation(FIGURES, 1_300_000, 130, 30)  # 97,5 → 98 days, raised to 182
    assert short.duration_computed == 98 and short.duration == 182


def test_the_decrease_after_six_months_under_55_only():
    """SJR 200 €: B = 114,00 € > 92,57 €: 79,80 € from day 183 would be under the threshold, so
    92,57 €. SJR 300 €: 171,00 € → 119,70 €. At 55, no decrease."""
    mid = allocation(FIGURES, 20000 * 730, 730, 40)
    assert (mid.daily, mid.degressive, mid.degressive_daily, mid.degressive_from) == (11400, True, 9257, 183)
    assert mid.degressive_monthly == 9257 * 30
    high = allocation(FIGURES, 30000 * 730, 730, 54)
    assert (high.daily, high.degressive_daily) == (17100, 11970)
    assert not allocation(FIGURES, 30000 * 730, 730, 55).degressive
    under = allocation(FIGURES, 16000 * 730, 730, 30)  # 91,20 €: under the threshold
    assert under.daily == 9120 and not under.degressive
    brief = allocation(FIGURES, 30000 * 240, 240, 30)  # 182 days of rights: never a 183rd day
    assert brief.duration == 182 and not brief.degressive


def test_cumul_claire_s_month_of_750_euros():
    """1 232,10 € − 70 % × 750 € = 707,10 €, under the ceiling 2 071,20 €: 17 days paid (707,10 ÷
    41,07 = 17,2, rounded down), that is 698,19 €; 13 days carried over."""
    month = cumul(FIGURES, 4107, 6904, 750_00)
    assert (month.monthly, month.deduction, month.remaining, month.ceiling) == (123210, 52500, 70710, 207120)
    assert not month.capped and month.allowed == 70710
    assert (month.days_paid, month.paid, month.days_carried) == (17, 69819, 13)
    assert month.total == 75000 + 69819


def test_cumul_ceiling_and_nothing_left():
    """Allocation 30 €, SJR 40 € (ceiling 1 200 €): pay 500 € leaves 900 − 350 = 550 €, 18 days;
    pay 1 000 € leaves 200 €, 1 200 € in all, at the ceiling, kept; pay 1 100 € leaves 130 €,
    1 230 € over the ceiling: cut to 100 €, 3 days; pay 2 000 €: nothing."""
    assert cumul(FIGURES, 3000, 4000, 500_00).days_paid == 18
    kept = cumul(FIGURES, 3000, 4000, 1000_00)
    assert not kept.capped and kept.days_paid == 6
    cut = cumul(FIGURES, 3000, 4000, 1100_00)
    assert cut.capped and cut.remaining == 13000 and cut.allowed == 10000 and cut.days_paid == 3
    assert cut.paid == 9000 and cut.days_carried == 27
    none = cumul(FIGURES, 3000, 4000, 2000_00)
    assert none.remaining == 0 and none.days_paid == 0 and none.paid == 0 and none.days_carried == 30
    zero = cumul(FIGURES, 3000, 4000, 0)
    assert zero.days_paid == 30 and zero.paid == 90000
    with pytest.raises(ValueError):
        cumul(FIGURES, 0, 4000, 100)


salaries = st.integers(min_value=0, max_value=200_000_000)
days = st.integers(min_value=1, max_value=1095)
ages = st.integers(min_value=16, max_value=70)


@given(salaries, days, ages)
def test_the_daily_amount_stays_between_its_bounds(total, period, age):
    found = allocation(FIGURES, total, period, age)
    assert found.daily <= found.cap
    assert found.daily >= min(FIGURES.minimum, found.cap)
    assert found.daily >= min(max(found.formula_a, found.formula_b), found.cap)
    assert found.monthly == found.daily * 30
    assert found.duration == min(max(found.duration_computed, FIGURES.minimum_duration), found.max_duration)
    assert found.duration_computed * 10_000 >= period * 7500 > (found.duration_computed - 1) * 10_000
    assert found.degressive_daily <= found.daily
    if found.degressive:
        assert found.degressive_daily >= FIGURES.degressive_threshold and age < 55


@given(salaries, days, ages)
def test_more_pay_never_lowers_the_allocation(total, period, age):
    assert allocation(FIGURES, total + 100_00 * period, period, age).daily >= allocation(FIGURES, total, period,
                                                                                        age).daily


@given(st.integers(min_value=1, max_value=100_000), st.integers(min_value=1, max_value=200_000),
       st.integers(min_value=0, max_value=2_000_000))
def test_a_month_of_work_never_pays_more_than_the_rules_allow(daily, sjr, pay):
    month = cumul(FIGURES, daily, sjr, pay)
    assert 0 <= month.paid <= month.allowed <= month.remaining <= month.monthly
    assert month.days_paid + month.days_carried == 30
    assert month.paid + daily > month.allowed or month.days_paid == 30
    assert month.pay + month.paid <= max(month.ceiling, month.pay)
