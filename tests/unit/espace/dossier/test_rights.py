"""The right from a salary history (espace.dossier.rights.assess): the reference period, the
affiliation, the refusals and the start after the waiting period."""

from __future__ import annotations

import datetime as dt

from espace.allocation.figures import load
from espace.dossier.payments import load_rates
from espace.dossier.rights import Job, age_on, assess, history_of
from espace.settings import PROJECT_ROOT

DATA = PROJECT_ROOT / "data" / "allocation"
FIGURES, RATES = load(DATA), load_rates(DATA)
BIRTH = dt.date(1990, 4, 14)


def job(start: str, end: str | None, gross: int, hours: int = 100_000, reason: str = "fin-cdd") -> Job:
    return Job("Employeur", dt.date.fromisoformat(start), dt.date.fromisoformat(end) if end else None, gross, hours,
               reason)


def test_two_years_of_work_give_the_engines_right_from_the_registration_plus_seven_days():
    found = assess(FIGURES, RATES, [job("2024-09-01", "2026-08-31", 5_040_000)], BIRTH, dt.date(2026, 9, 10))
    assert found.reason == "" and found.allocation is not None
    assert found.basis["days"] == 730 and found.allocation.sjr == 6904  # 50 400 € over 730 days
    assert found.allocation.daily == 4107 and found.allocation.duration == 548
    assert found.start == dt.date(2026, 9, 17)


def test_the_start_is_counted_from_the_contracts_end_when_registered_before_it_ended():
    found = assess(FIGURES, RATES, [job("2024-09-01", "2026-08-31", 5_040_000)], BIRTH, dt.date(2026, 8, 31))
    assert found.start == dt.date(2026, 9, 8)


def test_without_the_waiting_period_already_applied_the_start_is_the_registration():
    found = assess(FIGURES, RATES, [job("2024-09-01", "2026-08-31", 5_040_000)], BIRTH, dt.date(2026, 9, 10),
                   waiting_days=0)
    assert found.start == dt.date(2026, 9, 10) and found.basis["waiting_days"] == 0


def test_a_contract_partly_in_the_reference_period_counts_its_share():
    found = assess(FIGURES, RATES, [job("2023-09-01", "2026-08-31", 10_960_000, 500_000)], BIRTH,
                   dt.date(2026, 9, 10))
    # 1 096 days, 730 in the 24 months (1 095 in 36 months from 55, below): 730/1096 of the pay and hours
    assert found.basis["reference_start"] == "2024-09-01" and found.basis["days"] == 730
    assert found.basis["total"] == 10_960_000 * 730 // 1096 and found.basis["hours"] == 500_000 * 730 // 1096


def test_from_55_the_reference_period_is_36_months():
    found = assess(FIGURES, RATES, [job("2023-09-01", "2026-08-31", 10_960_000)], dt.date(1970, 1, 1),
                   dt.date(2026, 9, 10))
    assert found.basis["reference_months"] == 36 and found.basis["days"] == 1095 and found.basis["age"] == 56


def test_too_few_days_worked_is_a_refusal_with_the_count():
    found = assess(FIGURES, RATES, [job("2026-06-01", "2026-08-31", 600_000, 45_000)], BIRTH, dt.date(2026, 9, 10))
    assert found.allocation is None and found.start is None
    assert "vous avez travaillé 66 jours (450 heures)" in found.reason and "au moins 130" in found.reason


def test_910_hours_are_enough_without_130_days():
    found = assess(FIGURES, RATES, [job("2026-04-01", "2026-08-31", 1_500_000, 95_000)], BIRTH,
                   dt.date(2026, 9, 10))
    assert found.basis["worked_days"] < 130 and found.allocation is not None


def test_a_resignation_or_no_ended_contract_opens_no_right():
    resigned = assess(FIGURES, RATES, [job("2024-09-01", "2026-08-31", 5_040_000, reason="demission")], BIRTH,
                      dt.date(2026, 9, 10))
    assert resigned.allocation is None and "démission" in resigned.reason
    going_on = assess(FIGURES, RATES, [job("2024-09-01", None, 5_040_000)], BIRTH, dt.date(2026, 9, 10))
    assert going_on.allocation is None and "aucun contrat de travail terminé" in going_on.reason


def test_the_history_is_read_from_the_steps_as_typed():
    from tests.functional.inscription.samples import all_steps

    jobs, birth = history_of(all_steps())
    assert birth == BIRTH and len(jobs) == 1
    assert (jobs[0].start, jobs[0].end, jobs[0].gross, jobs[0].hours) == (
        dt.date(2024, 3, 1), dt.date(2025, 8, 31), 3_125_040, 273_000)
    assert age_on(BIRTH, dt.date(2026, 4, 13)) == 35 and age_on(BIRTH, dt.date(2026, 4, 14)) == 36


def test_a_refused_or_exhausted_right_has_no_end_in_the_agenda():
    from espace.dossier.dates import rights_end
    from espace.dossier.records import EXHAUSTED, REFUSED, Right

    opened = Right(user_id="u", start="2026-09-17", sjr=6904, daily=4107, duration=548, degressive_daily=4107,
                   degressive_from=183, days_carried=3)
    assert rights_end(opened) == dt.date(2026, 9, 17) + dt.timedelta(days=550)
    refused = Right(user_id="u", start="", sjr=0, daily=0, duration=0, degressive_daily=0, degressive_from=0,
                    state=REFUSED, reason="Pas assez de jours")
    assert rights_end(refused) is None
    assert rights_end(Right(**{**opened.__dict__, "state": EXHAUSTED})) is None
