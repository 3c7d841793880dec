"""The figures of the attestations (espace.dossier.attestation_content): the taxable amount from the
deductions withheld, the continuous registration periods, the category from the hours declared."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from espace.dossier.attestation_content import continuous_periods, corrected, days_by_year, deductible, taxable
from espace.dossier.model import Dossier
from espace.dossier.records import Payment, Regularisation

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


def _withheld(retraite: int, csg: int, crds: int) -> list[dict]:
    """Deductions as the payments write them (the CSG's rate followed by its base)."""
    return [{"key": "retraite", "label": "Retraite complémentaire", "rate": "3 % du SJR", "amount": retraite},
            {"key": "csg", "label": "CSG", "rate": "6,2\u00a0% de 98,25\u00a0% de l'allocation", "amount": csg},
            {"key": "crds", "label": "CRDS", "rate": "0,5\u00a0% de 98,25\u00a0% de l'allocation", "amount": crds}]


# November 2026 paid on 2 December from a declaration with 1 000 € of pay: 21 days, 1 680 € gross;
# corrected (no pay): 30 days, 2 400 € gross.
PARTIAL = Payment("u", "2026-11", 21, 8000, 168_000, _withheld(8_820, 9_695, 782), 148_703, "2026-12-02")
WHOLE = _withheld(12_600, 13_850, 1_117)


def _regularised(paid_on: str, recovered: int = 0, **figures) -> Regularisation:
    values = dict(days_before=21, days_after=30, gross_before=168_000, gross_after=240_000, net_before=148_703,
                  net_after=212_433)
    values.update(figures)
    return Regularisation("u", "2026-11", 1, 2, paid_on=paid_on, recovered=recovered,
                          detail={"deductions": WHOLE, "groups": [[30, 8000]], "carried": 0, "employers": []},
                          **values)


def test_the_payments_deductions_are_read_from_their_rate_followed_by_its_base():
    # 9 695 × 380 / 620 = 5 942,10 -> 59,42 € of the CSG deductible.
    assert deductible(PARTIAL.deductions[1], RULE) == 5_942


def test_a_corrected_month_is_told_with_the_figures_finally_due():
    [month] = corrected([PARTIAL], [_regularised("2027-01-04")])
    assert (month.days, month.daily, month.gross, month.net, month.paid_on) == (30, 8000, 240_000, 212_433,
                                                                               "2026-12-02")
    assert month.deductions == WHOLE and month.declaration_version == 2
    assert days_by_year([month]) == [(2026, 30, 240_000)]
    assert corrected([PARTIAL], []) == [PARTIAL]


def test_a_rappel_for_november_paid_in_january_is_taxable_in_january_s_year():
    """2026: 1 680 € gross less 88,20 € + 59,42 € deductible = 1 532,38 €. 2027: the rappel's 720 €
    gross less what it added to the deductible part: (126 − 88,20) + (84,89 − 59,42) = 63,27 €."""
    regularisations = [_regularised("2027-01-04")]
    in_2026 = taxable([PARTIAL], 2026, RULE, regularisations)
    assert (in_2026.gross, in_2026.deductible, in_2026.repaid, in_2026.amount) == (168_000, 14_762, 0, 153_238)
    in_2027 = taxable([PARTIAL], 2027, RULE, regularisations)
    assert in_2027.payments == [] and in_2027.rappels == regularisations
    assert (in_2027.gross, in_2027.deductible, in_2027.amount) == (72_000, 3_780 + 2_547, 65_673)


def test_a_trop_percu_is_taxed_when_received_and_comes_off_the_year_it_is_repaid():
    """November paid in full (2 400 € gross), found too much on 5 December: 2026 keeps its 2 400 €;
    439,03 € kept back from December's payment on 4 January come off 2027's amount."""
    whole = Payment("u", "2026-11", 30, 8000, 240_000, WHOLE, 212_433, "2026-12-02")
    overpaid = _regularised("2026-12-05", days_before=30, days_after=21, gross_before=240_000, gross_after=168_000,
                            net_before=212_433, net_after=148_703)
    december = Payment("u", "2026-12", 31, 8000, 248_000, _withheld(13_020, 14_311, 1_154), 219_515, "2027-01-04",
                       recovered=43_903)
    payments, regularisations = [whole, december], [overpaid]
    in_2026 = taxable(payments, 2026, RULE, regularisations)
    assert (in_2026.gross, in_2026.deductible, in_2026.repaid, in_2026.amount) == (240_000, 21_089, 0, 218_911)
    in_2027 = taxable(payments, 2027, RULE, regularisations)
    # 14 311 × 380 / 620 = 8 771,26: 130,20 € + 87,71 € deductible.
    assert (in_2027.gross, in_2027.deductible, in_2027.repaid) == (248_000, 21_791, 43_903)
    assert in_2027.amount == 248_000 - 21_791 - 43_903 == 182_306


def test_a_rappel_that_settled_a_debt_counts_in_full_and_what_it_settled_comes_off():
    regularisations = [_regularised("2027-02-02", recovered=20_000)]
    tax = taxable([PARTIAL], 2027, RULE, regularisations)
    assert (tax.gross, tax.repaid, tax.amount) == (72_000, 20_000, 72_000 - 6_327 - 20_000)
