"""What each attestation says, read from the dossier's records (``DDE``, ``RIGHT``, ``PAYMENT#``,
``DECLARATION#``) on the day it is asked for. Money stays in integer cents until the template
writes it in euros.

The taxable amount (attestation fiscale) follows ``data/attestations/fiscal.json``: the gross
allowances paid during the year, less the deductible part of what was withheld — the CSG's
deductible points (3,8 of 6,2; all of a reduced 3,8 %) and the retraite complémentaire; the CRDS
and the CSG's other points stay taxable. A deduction is recognised by its label's first word
(« CSG », « CRDS », « Retraite complémentaire »); any other one is told but not deducted.

A month corrected after it was paid (espace.dossier.regularisation) is told with the figures
finally due for it (``corrected``: its latest regularisation's days, gross, deductions and net)
by the attestations of payments, of the periods indemnified and for the caisse de retraite. The
fiscal one counts what was paid in the year: the payments and the rappels transferred in it (a
rappel for December paid in January is January's year), less the trop-perçu repaid in it (kept
back from a payment or settled by a rappel), as the data file says.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from espace.dossier.model import STATE_LABELS, Dossier
from espace.dossier.records import (
    DECLARATION_PREFIX,
    PAYMENT_PREFIX,
    RAPPEL,
    RIGHT_KEY,
    Declaration,
    Payment,
    Regularisation,
    Right,
)
from espace.dossier.regularisation import regularisations_of
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


def corrected(payments: list[Payment], regularisations: list[Regularisation]) -> list[Payment]:
    """Each month as finally due: its payment, with its latest regularisation's figures when it was
    corrected after it was paid (the transfer's date stays the payment's)."""
    last = {r.month: r for r in sorted(regularisations, key=lambda r: (r.month, r.to_version))}
    result = []
    for payment in payments:
        found = last.get(payment.month)
        if found is None:
            result.append(payment)
            continue
        groups = found.detail.get("groups") or []
        result.append(replace(payment, days=found.days_after, gross=found.gross_after, net=found.net_after,
                              deductions=list(found.detail.get("deductions") or []),
                              daily=int(groups[0][1]) if groups else payment.daily,
                              declared_pay=sum(int(job["gross"]) for job in found.detail.get("employers") or []),
                              days_carried=int(found.detail.get("carried") or 0),
                              declaration_version=found.to_version))
    return result


def right_of(services: Services, user_id: str) -> Right | None:
    item = services.records.get(f"USER#{user_id}", RIGHT_KEY)
    return Right.of(item) if item else None


def category(services: Services, user_id: str) -> str:
    """From the latest declaration's hours (A before any)."""
    found = services.records.query(f"USER#{user_id}", DECLARATION_PREFIX, limit=1, descending=True)
    hours = Declaration.of(found[0]).hours if found else 0
    return "A" if hours == 0 else "B" if hours <= CATEGORY_LIMIT_HOURS else "C"


def _rate(text: str) -> int | None:
    """« 6,2 % » or the payments' « 6,2 % de 98,25 % de l'allocation » -> 620 (ten-thousandths): the
    leading rate; None when the text does not start with one."""
    match = re.match(r"\s*(\d+)(?:[,.](\d{1,2}))?\s*%", text or "")
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
    rappels: list[Regularisation] = field(default_factory=list)
    repaid: int = 0  # cents of trop-perçu repaid in the year: kept back from payments, settled by rappels

    @property
    def amount(self) -> int:
        return self.gross - self.deductible - self.repaid


def _by_key(deductions: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {str(d.get("key") or d.get("label")): d for d in deductions}


def added_deductible(before: list[dict[str, Any]], after: list[dict[str, Any]], rule: dict[str, Any]) -> int:
    """The deductible part of what a correction added to a month's deductions (after less before)."""
    was, now = _by_key(before), _by_key(after)
    return sum(deductible(now.get(k, {}), rule) - deductible(was.get(k, {}), rule) for k in set(was) | set(now))


def taxable(payments: list[Payment], year: int, rule: dict[str, Any],
            regularisations: Sequence[Regularisation] = ()) -> Taxable:
    """The allowances are taxed the year they are paid: the payments whose transfer is in ``year``
    and the rappels transferred in it (their gross and added deductions), less the trop-perçu repaid
    in it. A trop-perçu only noted in the year, not repaid yet, changes nothing: it was received."""
    within = f"{year:04d}"
    paid = [p for p in payments if p.paid_on[:4] == within]
    # Each month's deductions as last settled, walked in order: a rappel adds its own to them.
    deductions = {p.month: p.deductions for p in payments}
    rappels, gross, deducted = [], sum(p.gross for p in paid), sum(deductible(d, rule) for p in paid
                                                                   for d in p.deductions)
    for r in sorted(regularisations, key=lambda r: (r.month, r.to_version)):
        now = list(r.detail.get("deductions") or [])
        if r.kind == RAPPEL and r.paid_on[:4] == within:
            rappels.append(r)
            gross += r.gross
            deducted += added_deductible(deductions.get(r.month, []), now, rule)
        deductions[r.month] = now
    repaid = sum(p.recovered for p in paid) + sum(r.recovered for r in rappels)
    return Taxable(year, paid, gross, deducted, rappels, repaid)


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
    paid = payments_of(services, user_id)
    regularisations = regularisations_of(services.records, user_id) if paid else []
    payments = corrected(paid, regularisations)
    # The month's latest regularisation that changed its amount, for the note of the month's line.
    said: dict[str, Any] = {"regularised": {r.month: r for r in regularisations if r.kind}}
    said.update(dossier=dossier, state_label=STATE_LABELS[dossier.state])
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
        said.update(tax=taxable(paid, year, fiscal_rule(str(services.settings.data_dir)), regularisations))
    elif slug == "avis-de-situation":
        code = category(services, user_id)
        said.update(right=right_of(services, user_id), category=CATEGORIES[code] if dossier.ended_on is None else "",
                    agency=services.agencies.get(dossier.agency_id),
                    start=dossier.periods[-1]["start"] if dossier.periods else None)
    elif slug == "loi-de-finances":
        said.update(periods=continuous_periods(dossier, today))
    return said
