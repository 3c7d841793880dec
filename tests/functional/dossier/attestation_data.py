"""A dossier with a right and payments, written as the allocation and payment areas write them
(espace.dossier.records), for the attestations' and the dashboard's tests."""

from __future__ import annotations

from espace.bootstrap import get_services
from espace.dossier.records import Payment, Right

# The CSG at 6,2 % and the CRDS at 0,5 % on 98,25 % of the gross, the retraite complémentaire at
# 3 % of the SJR (Unédic's table): 30 days at 45,00 € with a SJR of 70,00 €.
DEDUCTIONS = [{"label": "Retraite complémentaire", "rate": "3 %", "amount": 6300},
              {"label": "CSG", "rate": "6,2 %", "amount": 8224},
              {"label": "CRDS", "rate": "0,5 %", "amount": 663}]


def payment(user_id: str, month: str, paid_on: str, *, days: int = 30, daily: int = 4500,
            deductions: list | None = None) -> Payment:
    withheld = deductions if deductions is not None else DEDUCTIONS
    gross = days * daily
    return Payment(user_id, month, days, daily, gross, withheld, gross - sum(d["amount"] for d in withheld),
                   paid_on)


def with_payments(user_id: str, *payments: Payment) -> None:
    records = get_services().records
    records.put(Right(user_id, "2025-11-08", 7000, 4500, 730, 4500, 183, days_used=sum(p.days for p in payments),
                      figures="are-2026").item())
    for item in payments:
        records.put(item.item())
