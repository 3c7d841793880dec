"""What each attestation says, read from the dossier's records (``DDE``, ``RIGHT``, ``PAYMENT#``,
``DECLARATION#``) on the day it is asked for. Money stays in integer cents until the template
writes it in euros.

The taxable amount (attestation fiscale) follows ``data/attestations/fiscal.json``: the gross
allowances paid during the year, less the deductible part of what was withheld — the CSG's
deductible points (3,8 of 6,2; all of a reduced 3,8 %) and the retraite complémentaire; the CRDS
and the CSG's other points stay taxable. A deduction is recognised by its label's first word
(« CSG », « CRDS », « Retraite complémentaire »); any other one is told but not deducted.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from espace.dossier.model import STATE_LABELS, Dossier
from espace.dossier.records import DECLARATION_PREFIX, PAYMENT_PREFIX, RIGHT_KEY, Declaration, Payment, Right
from espace.text import fold

if TYPE_CHECKING:
    from espace.bootstrap import Services

# The categories of job seekers (arrêté du 5 février 1992): A without work, B and C with reduced
# activity in the month, up to 78 hours or more.
CATEGORY_LIMIT_HOURS = 78
CATEGORIES = {
    "A": "Catégorie A : sans emploi, tenu de rechercher un emploi",
    "B": "Catégorie B : activité réduite de 78 heures ou moins dans le mois, tenu de rechercher un emploi",
    "C": "Catégorie C : activité réduite de plus de 78 heures dans le mois, tenu de rechercher un emploi",
}


@lru_cache(maxsize=2)
def fiscal_rule(data_dir: str) -> dict[str, Any]:
    return dict(json.loads((Path(data_dir) / "attestations" / "fiscal.json").read_text("utf-8"))["rule"])


def payments_of(services: Services, user_id: str) -> list[Payment]:
    """Every payment of the dossier, oldest month first (a few dozen at most: one a month)."""
    return [Payment.of(item) for item in services.records.query(f"USER#{user_id}", PAYMENT_PREFIX)]


def right_of(services: Services, user_id: str) -> Right | None:
    item = services.records.get(f"USER#{user_id}", RIGHT_KEY)
    return Right.of(item) if item else None


def category(services: Services, user_id: str) -> str:
    """From the latest declaration's hours (A before any)."""
    found = services.records.query(f"USER#{user_id}", DECLARATION_PREFIX, limit=1, descending=True)
    hours = Declaration.of(found[0]).hours if found else 0
    return "A" if hours == 0 else "B" if hours <= CATEGORY_LIMIT_HOURS else "C"


def _rate(text: str) -> int | None:
    """« 6,2 % » -> 620 (ten-thousandths); None when it is not a rate."""
    match = re.fullmatch(r"\s*(\d+)(?:[,.](\d{1,2}))?\s*%\s*", text or "")
    if not match:
        return None
    return int(match.group(1)) * 100 + int((match.group(2) or "0").ljust(2, "0"))


def _half_up(numerator: int, denominator: int) -> int:
    return (2 * numerator + denominator) // (2 * denominator)


def deductible(deduction: dict[str, Any], rule: dict[str, Any]) -> int:
    """The part of one withheld contribution that comes off the taxable amount, cents."""
    label, amount = fold(str(deduction.get("label") or "")).lower(), int(deduction.get("amount") or 0)
    if label.startswith("csg"):
        rate = _rate(str(deduction.get("rate") or ""))
        if not rate:
            return 0
        return amount if rate <= rule["csg_deductible_rate"] else _half_up(amount * rule["csg_deductible_rate"], rate)
    if label.startswith("crds"):
        return amount if rule["crds_deductible"] else 0
    if label.startswith("retraite"):
        return amount if rule["retraite_complementaire_deductible"] else 0
    return 0


@dataclass(frozen=True)
class Taxable:
    year: int
    payments: list[Payment]
    gross: int
    deductible: int

    @property
    def amount(self) -> int:
        return self.gross - self.deductible


def taxable(payments: list[Payment], year: int, rule: dict[str, Any]) -> Taxable:
    """The allowances are taxed the year they are paid: the payments whose transfer is in ``year``."""
    paid = [p for p in payments if p.paid_on[:4] == f"{year:04d}"]
    return Taxable(year, paid, sum(p.gross for p in paid),
                   sum(deductible(d, rule) for p in paid for d in p.deductions))


def continuous_periods(dossier: Dossier, today: dt.date) -> list[dict[str, Any]]:
    """The registration periods joined where one starts the day after (or the day) the previous ends:
    [{"start", "end" (None: still registered), "days"}], days counted to ``today`` for the open one."""
    joined: list[dict[str, Any]] = []
    for period in sorted(dossier.periods, key=lambda p: p["start"]):
        start = dt.date.fromisoformat(period["start"])
        end = dt.date.fromisoformat(period["end"]) if period.get("end") else None
        last = joined[-1] if joined else None
        if last is not None and last["end"] is not None and start <= last["end"] + dt.timedelta(days=1):
            last["end"] = None if end is None else max(end, last["end"])
            continue
        joined.append({"start": start, "end": end})
    for period in joined:
        period["days"] = ((period["end"] or today) - period["start"]).days + 1
    return joined


def days_by_year(payments: list[Payment]) -> list[tuple[int, int, int]]:
    """(year, days paid, gross cents) for each year with payments, by the month paid for."""
    years: dict[int, list[int]] = {}
    for payment in payments:
        totals = years.setdefault(int(payment.month[:4]), [0, 0])
        totals[0] += payment.days
        totals[1] += payment.gross
    return [(year, days, gross) for year, (days, gross) in sorted(years.items())]


def context(services: Services, dossier: Dossier, slug: str, today: dt.date, *,
            period: tuple[dt.date, dt.date] | None = None, year: int | None = None) -> dict[str, Any]:
    """What the attestation of ``slug`` says (its template's names)."""
    user_id = dossier.user_id
    payments = payments_of(services, user_id)
    said: dict[str, Any] = {"dossier": dossier, "state_label": STATE_LABELS[dossier.state]}
    if slug == "paiement" and period is not None:
        chosen = [p for p in payments if period[0].isoformat() <= p.paid_on <= period[1].isoformat()]
        said.update(period=period, payments=chosen, total_gross=sum(p.gross for p in chosen),
                    total_net=sum(p.net for p in chosen))
    elif slug == "periodes-indemnisees":
        said.update(right=right_of(services, user_id), payments=payments, total_days=sum(p.days for p in payments),
                    total_gross=sum(p.gross for p in payments), total_net=sum(p.net for p in payments))
    elif slug == "caisse-de-retraite":
        said.update(periods=continuous_periods(dossier, today), years=days_by_year(payments))
    elif slug == "fiscale" and year is not None:
        said.update(tax=taxable(payments, year, fiscal_rule(str(services.settings.data_dir))))
    elif slug == "avis-de-situation":
        code = category(services, user_id)
        said.update(right=right_of(services, user_id), category=CATEGORIES[code] if dossier.ended_on is None else "",
                    agency=services.agencies.get(dossier.agency_id),
                    start=dossier.periods[-1]["start"] if dossier.periods else None)
    elif slug == "loi-de-finances":
        said.update(periods=continuous_periods(dossier, today))
    return said
