"""The figures of the attestations (espace.dossier.attestation_content): the taxable amount from the
deductions withheld, the continuous registration periods, the category from the hours declared."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from espace.dossier.attestation_content import continuous_periods, days_by_year, deductible, taxable
from espace.dossier.model import Dossier
from espace.dossier.records import Payment

RULE = json.loads((Path(__file__).resolve().parents[4] / "data" / "attestations" / "fiscal.json").read_text())["rule"]


def test_the_deductible_part_of_each_contribution():
    # Unédic's worked example: CSG 3,95 € at 6,2 %: 3,8 points deductible -> 2,42 € (3,95 × 38 / 62 = 2,421).
    assert deductible({"label": "CSG", "rate": "6,2 %", "amount": 395}, RULE) == 242
    assert deductible({"label": "CSG", "rate": "3,8 %", "amount": 240}, RULE) == 240  # reduced rate: all of it
    assert deductible({"label": "CRDS", "rate": "0,5 %", "amount": 32}, RULE) == 0
    assert deductible({"label": "Retraite complémentaire", "rate": "3 %", "amount": 360}, RULE) == 360
    assert deductible({"label": "Autre retenue", "amount": 500}, RULE) == 0
    assert deductible({"label": "CSG", "rate": "n'importe quoi", "amount": 500}, RULE) == 0


def test_the_taxable_amount_counts_the_payments_made_in_the_year():
    withheld = [{"label": "CSG", "rate": "6,2 %", "amount": 395}, {"label": "Retraite complémentaire",
                                                                      "rate": "3 %", "amount": 360}]
    payments = [Payment("u", "2025-12", 30, 6840, 205200, withheld, 204445, "2026-01-05"),
                Payment("u", "2026-11", 30, 6840, 205200, withheld, 204445, "2026-12-05"),
                Payment("u", "2026-12", 31, 6840, 212040, withheld, 211285, "2027-01-05")]
    tax = taxable(payments, 2026, RULE)
    assert [p.month for p in tax.payments] == ["2025-12", "2026-11"]
    assert (tax.gross, tax.deductible, tax.amount) == (410400, 2 * 602, 410400 - 1204)


def test_continuous_periods_join_what_follows_without_a_gap():
    dossier = Dossier("u", "1234567A", "17", periods=[
        {"start": "2024-09-01", "end": None}, {"start": "2023-01-02", "end": "2023-06-30"},
        {"start": "2023-07-01", "end": "2023-12-31"}, {"start": "2024-01-02", "end": "2024-03-31"}])
    periods = continuous_periods(dossier, dt.date(2024, 9, 30))
    assert [(p["start"].isoformat(), p["end"] and p["end"].isoformat(), p["days"]) for p in periods] == [
        ("2023-01-02", "2023-12-31", 364), ("2024-01-02", "2024-03-31", 90), ("2024-09-01", None, 30)]


def test_days_by_year_follow_the_month_paid_for():
    payments = [Payment("u", "2025-12", 24, 4500, 108000, [], 100000, "2026-01-06"),
                Payment("u", "2026-01", 31, 4500, 139500, [], 130000, "2026-02-05")]
    assert days_by_year(payments) == [(2025, 24, 108000), (2026, 31, 139500)]
