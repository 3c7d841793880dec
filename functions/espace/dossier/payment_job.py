"""The monthly payment job: each declaration of month M becomes a payment, exactly once.

Run for a month M that is over (``make payments``, the PaymentsFunction's schedule): it reads the
month's index ``DECLARED#{M}#{shard}`` (16 shards, a page at a time — never a scan) and, for each
candidate whose declaration says « still looking » and whose right is open, computes the month
(espace.dossier.payments) and writes in one transaction:

- ``PAYMENT#{M}``, only if absent: a rerun, or a second run at the same time, pays nothing twice;
- the right with its ``days_used`` / ``days_carried`` and next ``version``, and the claim of that
  version ``RIGHT-VERSION#{n}`` (only if absent): of two runs that read the same right (months M
  and M+1 replayed together), one commits and the other reads again, so no day is counted twice.

The writer of a payment then mails it through the candidate's mailbox (« Mes messages » keeps
it); a mail that could not leave is marked ``mail_failed`` and sent by the next run.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from espace import clock
from espace.allocation.figures import Figures
from espace.dossier.payments import MonthPay, Rates, month_bounds, month_payment, next_working_day
from espace.dossier.records import (
    DECLARATION_PREFIX,
    OPEN,
    PAYMENT_PREFIX,
    RIGHT_KEY,
    SHARDS,
    Declaration,
    Payment,
    Right,
)
from espace.messages.service import Mailbox
from espace.ports import ConditionFailedError, Message, Put, StoreError
from espace.text import french_date

if TYPE_CHECKING:
    from espace.bootstrap import Services

PAGE = 500
ATTEMPTS = 5
KIND = "allocations"  # the mailbox's kind of message
log = logging.getLogger(__name__)


def previous_month(today: dt.date) -> str:
    last = today.replace(day=1) - dt.timedelta(days=1)
    return f"{last.year:04d}-{last.month:02d}"


def valid_month(text: str) -> str:
    """« 2026-11 », or ValueError."""
    year, _, number = (text or "").partition("-")
    if len(year) != 4 or len(number) != 2 or not (year + number).isdigit() or not 1 <= int(number) <= 12:
        raise ValueError(f"not a month YYYY-MM: {text!r}")
    return text


@dataclass
class Report:
    month: str
    paid: int = 0
    already: int = 0
    skipped: int = 0  # no open right, not looking any more, a month the right does not cover
    failures: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [f"Paiements du mois {self.month} / payments of {self.month}: {self.paid} payés / paid, "
                f"{self.already} déjà faits / already done, {self.skipped} sans paiement / nothing to pay, "
                f"{len(self.failures)} échecs / failures"]


def declared(services: Services, month: str) -> Any:
    """The user ids of the month's declarations, shard after shard, a page at a time."""
    for shard in range(SHARDS):
        after = None
        while True:
            page = services.records.query_page(f"DECLARED#{month}#{shard:02d}", limit=PAGE, after=after)
            for item in page.items:
                yield str(item["sk"])
            if page.next_key is None:
                break
            after = page.next_key


def run_payments(services: Services, month: str, today: dt.date | None = None) -> Report:
    from espace.dossier.rights import figures_in

    valid_month(month)
    today = today or clock.today()
    if month_bounds(month)[1] >= today:
        raise ValueError(f"the month {month} is not over on {today.isoformat()}")
    figures, rates = figures_in(str(services.settings.data_dir))
    report = Report(month)
    paid_on = next_working_day(today)
    for user_id in declared(services, month):
        try:
            outcome = pay(services, figures, rates, user_id, month, paid_on)
        except StoreError as error:
            report.failures.append(f"{user_id}: {error}")
            continue
        if outcome == "paid":
            report.paid += 1
        elif outcome == "already":
            report.already += 1
        else:
            report.skipped += 1
    return report


def pay(services: Services, figures: Figures, rates: Rates, user_id: str, month: str, paid_on: dt.date) -> str:
    """« paid », « already » or « skipped » for one candidate's month."""
    records, pk = services.records, f"USER#{user_id}"
    for _ in range(ATTEMPTS):
        existing = records.get(pk, PAYMENT_PREFIX + month)
        if existing is not None:
            if existing.get("mail_failed"):
                _mail(services, Payment.of(existing))
            return "already"
        found, right_item = records.get(pk, DECLARATION_PREFIX + month), records.get(pk, RIGHT_KEY)
        if found is None or right_item is None:
            return "skipped"
        declaration, right = Declaration.of(found), Right.of(right_item)
        if not declaration.still_looking or right.state != OPEN:
            return "skipped"
        computed = month_payment(figures, rates, right, declaration)
        if computed is None:
            return "skipped"
        payment = payment_of(user_id, right, declaration, computed, paid_on)
        following = replace(right, days_used=right.days_used + computed.days,
                            days_carried=right.days_carried + computed.days_carried, version=right.version + 1,
                            state=computed.closes or OPEN,
                            ended_on=computed.last.isoformat() if computed.closes else right.ended_on)
        try:
            records.transact([Put(payment.item(), if_absent=True), Put(following.item()),
                              Put({"pk": pk, "sk": f"RIGHT-VERSION#{following.version:06d}"}, if_absent=True)])
        except ConditionFailedError:
            continue  # another run paid this month, or changed the right: read again
        _mail(services, payment)
        return "paid"
    raise StoreError(f"the right of {user_id} kept changing")


def payment_of(user_id: str, right: Right, declaration: Declaration, computed: MonthPay, paid_on: dt.date) -> Payment:
    detail = {"first": computed.first.isoformat(), "last": computed.last.isoformat(), "payable": computed.payable,
              "days_off": computed.days_off, "groups": [list(group) for group in computed.groups],
              "closes": computed.closes, "reason": computed.reason, "sjr": right.sjr,
              "employers": [{"employer": job.employer, "gross": job.gross, "hours": job.hours}
                            for job in declaration.work],
              "cumul": ({"deduction": computed.cumul.deduction, "monthly": computed.cumul.monthly,
                         "ceiling": computed.cumul.ceiling, "allowed": computed.cumul.allowed,
                         "capped": computed.cumul.capped} if computed.cumul else None)}
    return Payment(user_id=user_id, month=declaration.month, days=computed.days,
                   daily=computed.groups[0][1] if computed.groups else right.daily, gross=computed.gross,
                   deductions=computed.deductions, net=computed.net, paid_on=paid_on.isoformat(),
                   declared_pay=computed.declared_pay, days_carried=computed.days_carried,
                   declaration_version=declaration.version, detail=detail, made_at=int(time.time()))


def _mail(services: Services, payment: Payment) -> None:
    from espace.text import euros

    pk = f"USER#{payment.user_id}"
    profile = services.records.get(pk, "PROFILE") or {}
    to = str(profile.get("email") or "")
    item = services.records.get(pk, payment.sk) or payment.item()
    if not to:
        return
    year, number = payment.month.split("-")
    month = french_date(dt.date(int(year), int(number), 1)).removeprefix("1er ")
    link = f"{services.settings.site_url.rstrip('/')}/mon-dossier/allocations/paiements/{payment.month}"
    what = (f"Votre allocation de {month} : {payment.days} jours, {euros(payment.gross)} bruts, "
            f"{euros(payment.net)} nets, virés le {french_date(dt.date.fromisoformat(payment.paid_on))}."
            if payment.days else f"Aucune allocation n'est versée pour {month} : le détail dit pourquoi.")
    body = (f"Bonjour,\n\n{what}\n\nLe détail du calcul (jours, retenues sociales, déclaration) est dans « Mes "
            f"allocations » :\n{link}\n\n-- \nEspace candidat\nCe message a été envoyé automatiquement : merci de "
            "ne pas y répondre.\n")
    try:
        Mailbox(services.records, services.mailer).deliver(
            payment.user_id, Message(to=to, subject=f"Votre paiement de {month} – Espace candidat", text=body), KIND)
    except StoreError:
        log.warning("the payment mail of %s for %s could not leave", payment.user_id, payment.month, exc_info=True)
        services.records.put({**item, "mail_failed": True})
        return
    services.records.put({**(services.records.get(pk, payment.sk) or item), "mailed_at": int(time.time()),
                          "mail_failed": False})
