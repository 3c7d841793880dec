"""« Mes allocations » (GET /mon-dossier/allocations): the ARE right (start, daily amount, days
left, estimated end, how it was computed) and the payment history, paged, newest first; each
payment's page (GET /mon-dossier/allocations/paiements/<YYYY-MM>) with its detail. A candidate
without a dossier, or whose right is not computed or refused, gets a page that says so. The panel
of « Mon espace » shows the right and the last payment."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from aws_lambda_powertools.event_handler import Response

from espace.dossier import right_letters
from espace.dossier.letters import KEY_PREFIX, letters_of
from espace.dossier.opening import dossier_of
from espace.dossier.records import (
    DECLARATION_PREFIX,
    EVENT_LABELS,
    OPEN,
    PAYMENT_PREFIX,
    RIGHT_STATES,
    Declaration,
    Payment,
    Right,
    declared_index,
)
from espace.dossier.rights import figures_in, right_of
from espace.text import MONTHS, euros, french_date
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.errors import NotFoundError
from espace.web.lifecycle import on_account_deleted
from espace.web.paging import cursor_page, linker
from espace.web.panels import PanelView, panel

router = AreaRouter(roles={"candidat"})
BASE = "/mon-dossier/allocations"
TRAIL = (("Mon espace", "/mon-espace"), ("Mes allocations", BASE))
PER_PAGE = 12
MISSING = "Ce paiement n'existe pas dans votre dossier."
# Why a deduction was not taken in full: (is it the retraite complémentaire, its note).
NOTES = {
    (True, "exonérée"): " (non prélevée : votre allocation est au niveau de l'allocation minimale)",
    (True, "réduite"): " (réduite : votre allocation ne descend pas sous l'allocation minimale)",
    (False, "exonérées"): " (non prélevée : votre allocation nette ne descend pas sous le Smic journalier)",
    (False, "réduites"): " (réduite : votre allocation nette ne descend pas sous le Smic journalier)",
}
_MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])", re.ASCII)


def month_label(month: str) -> str:
    """« 2026-11 » -> « novembre 2026 »."""
    year, number = month.split("-")
    return f"{MONTHS[int(number) - 1]} {year}"


def _letter_url(ctx: Context, right: Right) -> str | None:
    """The right's letter in « Mes courriers », when it was made."""
    user_id = ctx.user_id or ""
    kind = right_letters.NOTIFICATION if right.state == OPEN else right_letters.REJECTION
    marker = ctx.services.records.get(f"USER#{user_id}", f"{KEY_PREFIX}{kind}#{user_id}-{right.registration:03d}")
    if marker is None:
        return None
    for letter in letters_of(ctx.services, user_id):
        if letter.sk == marker["letter"]:
            return f"/mon-dossier/courriers/{letter.public_id}"
    return None


@router.get("/allocations")
def overview(ctx: Context) -> Response:
    user_id = ctx.user_id or ""
    records = ctx.services.records
    dossier = dossier_of(records, user_id)
    right = right_of(records, user_id) if dossier is not None else None
    figures, _rates = figures_in(str(ctx.services.settings.data_dir))
    payments: list[Payment] = []
    pagination = None
    if right is not None:
        items, pagination = cursor_page(records, f"USER#{user_id}", PAYMENT_PREFIX, limit=PER_PAGE,
                                        raw_trail=ctx.request.query("suite"), raw_page=ctx.request.query("page"),
                                        link=linker(BASE, {}), descending=True)
        payments = [Payment.of(item) for item in items]
    title = "Mes allocations" + (f" ({pagination.title_detail})" if pagination and pagination.title_detail else "")
    end = right_letters.end_estimate(right) if right is not None else None
    return ctx.render("services/dossier/allocations/overview.html", ctx.page(BASE, title, TRAIL[:1]),
                      dossier=dossier, right=right, payments=payments, pagination=pagination, euros=euros,
                      states=RIGHT_STATES, start=right_letters.day(right.start) if right else "",
                      end=french_date(end) if end else "", month_label=month_label,
                      steps=right_letters.basis_steps(figures, right) if right else [],
                      start_step=right_letters.start_step(right) if right and right.state == OPEN else "",
                      not_computed=right_letters.NOT_COMPUTED, letter_url=_letter_url(ctx, right) if right else None,
                      ended=right_letters.day(right.ended_on or "") if right else "")


@router.get("/allocations/paiements/<mois>")
def payment_page(ctx: Context, mois: str) -> Response:
    user_id = ctx.user_id or ""
    records = ctx.services.records
    item = records.get(f"USER#{user_id}", PAYMENT_PREFIX + mois) if _MONTH.fullmatch(mois or "") else None
    if item is None:
        raise NotFoundError(MISSING, title="Paiement introuvable")
    payment = Payment.of(item)
    found = records.get(f"USER#{user_id}", f"DECLARATION#{payment.month}")
    declaration = Declaration.of(found) if found else None
    label = month_label(payment.month)
    url = f"{BASE}/paiements/{payment.month}"
    return ctx.render("services/dossier/allocations/payment.html",
                      ctx.page(url, f"Paiement de {label}", TRAIL), payment=payment, label=label, euros=euros,
                      lines=detail_lines(payment), rows=payment_rows(payment, label), declaration=declaration,
                      events=EVENT_LABELS,
                      paid_on=french_date(dt.date.fromisoformat(payment.paid_on)), day=right_letters.day)


def payment_rows(payment: Payment, label: str) -> list[dict[str, str]]:
    """The payment's figures, one row each: days, gross, each deduction, net, date."""
    rows = [{"key": "Mois payé", "value": label}, {"key": "Jours payés", "value": str(payment.days)},
            {"key": "Montant brut", "value": euros(payment.gross)}]
    for deduction in payment.deductions:
        note = NOTES.get((deduction.get("key") == "retraite", str(deduction.get("note") or "")), "")
        rows.append({"key": f"{deduction['label']} ({deduction['rate']})",
                     "value": f"− {euros(int(deduction['amount']))}{note}"})
    rows += [{"key": "Montant net", "value": euros(payment.net)},
             {"key": "Date du virement", "value": french_date(dt.date.fromisoformat(payment.paid_on))}]
    return rows


def detail_lines(payment: Payment) -> list[str]:
    """How the month's payment was computed, in sentences."""
    detail: dict[str, Any] = payment.detail or {}
    lines = []
    if detail.get("first"):
        lines.append(f"Période indemnisable du mois : du {right_letters.day(detail['first'])} au "
                     f"{right_letters.day(detail['last'])}, soit {detail['payable']} jours à payer "
                     "(30 pour un mois entier, les jours du calendrier sinon).")
    if detail.get("days_off"):
        lines.append(f"{detail['days_off']} jours d'arrêt maladie ou de congé maternité ne sont pas payés : "
                     "l'Assurance maladie les indemnise.")
    cumul = detail.get("cumul")
    if cumul:
        lines.append(f"Salaires bruts déclarés : {euros(payment.declared_pay)}. 70 % de ce montant, "
                     f"{euros(int(cumul['deduction']))}, est retiré de l'allocation du mois "
                     f"({euros(int(cumul['monthly']))}) : il reste {euros(int(cumul['allowed']))}"
                     + (", plafonné pour que salaire et allocation ne dépassent pas votre ancien salaire"
                        if cumul.get("capped") else "") + ".")
    if payment.days_carried:
        lines.append(f"{payment.days_carried} jours non payés ce mois-ci sont reportés : ils repoussent la fin de "
                     "vos droits.")
    for days, daily in detail.get("groups") or []:
        lines.append(f"{days} jours × {euros(int(daily))} = {euros(int(days) * int(daily))} bruts.")
    if detail.get("reason"):
        lines.append(str(detail["reason"]))
    return lines


@panel("allocations", "Mes allocations", order=7)
def allocations_panel(ctx: Context) -> PanelView | None:
    user_id = ctx.user_id or ""
    right = right_of(ctx.services.records, user_id)
    if right is None:
        return None  # no dossier, or a dossier opened before rights were computed: nothing to show
    if right.state != OPEN:
        lines = [f"{RIGHT_STATES.get(right.state, right.state)}."]
    else:
        lines = [f"Allocation journalière : {euros(right.daily)} brut, {right.days_left} jours restants."]
    last = ctx.services.records.query(f"USER#{user_id}", PAYMENT_PREFIX, limit=1, descending=True)
    changes = []
    if last:
        payment = Payment.of(last[0])
        lines.append(f"Dernier paiement : {euros(payment.net)} net pour {month_label(payment.month)}, le "
                     f"{french_date(dt.date.fromisoformat(payment.paid_on))}.")
        since = ctx.previous_visit
        if since is not None and payment.made_at > since:
            changes.append(f"Un nouveau paiement : {euros(payment.net)} pour {month_label(payment.month)}.")
    return PanelView(lines=lines, links=[("Voir mes allocations", BASE)], changes=changes)


@on_account_deleted
def forget_declared_index(services: Any, user_id: str) -> None:
    """The payment job's index entries ``DECLARED#{month}#{shard}`` name the account outside its
    partition: they go with it (the rights, payments and declarations go with the partition)."""
    for item in services.records.query(f"USER#{user_id}", DECLARATION_PREFIX):
        services.records.delete(*declared_index(str(item["month"]), user_id))
