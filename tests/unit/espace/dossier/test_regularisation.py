"""A paid month computed again from a corrected declaration (espace.dossier.regularisation.recompute):
worked examples in cents on a right of 80,00 € a day (SJR 140,00 €: 9,19 € of deductions a day)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from espace.allocation.figures import load
from espace.dossier.payment_job import payment_of
from espace.dossier.payments import load_rates, month_payment
from espace.dossier.records import CLOSED, OPEN, Declaration, Event, Right, Work
from espace.dossier.regularisation import recompute, settled_figures
from espace.settings import PROJECT_ROOT

DATA = PROJECT_ROOT / "data" / "allocation"
FIGURES, RATES = load(DATA), load_rates(DATA)
PAID_ON = dt.date(2026, 11, 2)


def right(**changes) -> Right:
    values = dict(user_id="u", start="2026-09-08", sjr=14_000, daily=8_000, duration=548, degressive_daily=8_000,
                  degressive_from=183)
    values.update(changes)
    return Right(**values)


def paid(before: Right, declaration: Declaration) -> tuple[dict, Right]:
    """The month as the job paid it, and the right after it."""
    computed = month_payment(FIGURES, RATES, before, declaration)
    payment = payment_of("u", before, declaration, computed, PAID_ON)
    after = replace(before, days_used=before.days_used + computed.days,
                    days_carried=before.days_carried + computed.days_carried, version=before.version + 1,
                    state=computed.closes or OPEN, ended_on=computed.last.isoformat() if computed.closes else None)
    return settled_figures(payment, None), after


def version(n: int, **changes) -> Declaration:
    return Declaration(user_id="u", month="2026-10", still_looking=True, version=n, **changes)


def test_pay_declared_after_payment_gives_a_trop_percu_and_carries_the_days():
    """Paid 30 days (2 400 € gross, 2 124,30 € net) from version 1; version 2 declares 1 000 € of
    pay: 70 % (700 €) off the month's 2 400 € leaves 1 700 €, 21 days (21,25 rounded down), 9
    carried; 1 680 € gross, 21 × 9,19 € = 192,99 € deducted, 1 487,01 € net: 637,29 € to recover."""
    settled, current = paid(right(), version(1))
    assert (settled["days"], settled["gross"], settled["net"]) == (30, 240_000, 212_430)
    after, following = recompute(FIGURES, RATES, current, settled, version(2, work=[Work("Atelier", 35, 100_000)]))
    assert (after["days"], after["carried"], after["gross"], after["net"]) == (21, 9, 168_000, 148_701)
    assert (following.days_used, following.days_carried, following.version) == (21, 9, current.version + 1)
    assert following.to_recover == 212_430 - 148_701 == 63_729
    assert following.days_left == 548 - 21


def test_pay_removed_by_a_correction_gives_a_rappel():
    settled, current = paid(right(), version(1, work=[Work("Atelier", 35, 100_000)]))
    assert (settled["days"], settled["carried"], settled["net"]) == (21, 9, 148_701)
    after, following = recompute(FIGURES, RATES, current, settled, version(2))
    assert (after["days"], after["carried"], after["net"]) == (30, 0, 212_430)
    assert (following.days_used, following.days_carried, following.to_recover) == (30, 0, 0)  # rappel: 637,29 €


def test_no_longer_looking_makes_the_whole_month_a_trop_percu():
    settled, current = paid(right(to_recover=1_000), version(1))
    not_looking = Declaration(user_id="u", month="2026-10", still_looking=False, version=2)
    after, following = recompute(FIGURES, RATES, current, settled, not_looking)
    assert (after["days"], after["net"]) == (0, 0)
    assert (following.days_used, following.to_recover) == (0, 1_000 + 212_430)


def test_the_decrease_is_counted_from_the_days_used_when_the_month_was_first_paid():
    """182 days used before October: the decrease (70 %: 56,00 €) starts on its 1st paid day. A later
    month paid since (30 more days used) does not move it."""
    before = right(degressive_daily=5_600, days_used=182)
    settled, current = paid(before, version(1, events=[Event("maladie", "2026-10-01", "2026-10-10")]))
    assert settled["days"] == 21 and settled["detail"]["groups"] == [[21, 5_600]]
    later = replace(current, days_used=current.days_used + 30)
    after, following = recompute(FIGURES, RATES, later, settled, version(2))
    assert after["days"] == 30 and after["detail"]["groups"] == [[30, 5_600]] and after["gross"] == 168_000
    assert following.days_used == 182 + 30 + 30


def test_a_retirement_removed_by_a_correction_opens_the_right_again():
    settled, current = paid(right(), version(1, events=[Event("retraite", "2026-10-21", None)]))
    assert current.state == CLOSED and settled["days"] == 20
    after, following = recompute(FIGURES, RATES, current, settled, version(2))
    assert after["days"] == 30 and following.state == OPEN and following.ended_on is None
    again, closed = recompute(FIGURES, RATES, following, {**after, "version": 2},
                              version(3, events=[Event("retraite", "2026-10-11", None)]))
    assert again["days"] == 10 and closed.state == CLOSED and closed.ended_on == "2026-10-10"


def test_a_rappel_first_settles_the_trop_percu_still_due_and_only_the_rest_is_transferred():
    """The rappel of 637,29 € above, while 200,00 € of another month's trop-perçu is still due:
    200,00 € settle the debt, 437,29 € are transferred, nothing is left to recover."""
    settled, current = paid(right(), version(1, work=[Work("Atelier", 35, 100_000)]))
    after, following = recompute(FIGURES, RATES, replace(current, to_recover=20_000), settled, version(2))
    assert after["net"] - settled["net"] == 63_729 and after["recovered"] == 20_000
    assert following.to_recover == 0


def test_a_rappel_smaller_than_the_debt_is_kept_in_full_and_the_rest_stays_due():
    settled, current = paid(right(), version(1, work=[Work("Atelier", 35, 100_000)]))
    after, following = recompute(FIGURES, RATES, replace(current, to_recover=100_000), settled, version(2))
    assert after["recovered"] == 63_729 and following.to_recover == 100_000 - 63_729 == 36_271


def test_a_trop_percu_settles_nothing_and_adds_to_the_debt():
    settled, current = paid(right(), version(1))
    after, following = recompute(FIGURES, RATES, replace(current, to_recover=5_000), settled,
                                 version(2, work=[Work("Atelier", 35, 100_000)]))
    assert after["recovered"] == 0 and following.to_recover == 5_000 + 63_729
