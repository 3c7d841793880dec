"""A paid month whose declaration was corrected afterwards: computed again, the difference settled once.

The payment job pays a month from the 1st of the next one, while its declaration can still be
corrected until the 15th (the real service pays at once and regularises; paying only after the
window closes would delay every allowance by two weeks for the few corrections). Each correction
writes the index entry ``REGULARISE#{shard}`` / ``{month}#{uid}#{version}`` with it
(espace.dossier.actualisation.service); every run of the job (each morning from the 1st to the
16th) reads the 16 shards before paying and, for each entry of a month that is over:

- no payment yet: the month is paid as usual, from the latest version (``payment_job.pay``);
- paid (or last regularised) from version n and the declaration is now at version m > n: the month
  is computed again from version m, on the right as it was before that month, and the difference
  written as ``REGULARISATION#{month}#{m}`` — a « rappel » (more to pay, transferred with this
  run) or a « trop-perçu » (added to the right's ``to_recover``, kept back from the next payments,
  ``payments.recovery``); a rappel first settles, in full, a trop-perçu still due (its
  ``recovered``), only the rest is transferred. The right's days used and carried change by the difference. One
  transaction: the regularisation only if absent, the right, and the claim of its next version
  ``RIGHT-VERSION#{n}`` only if absent — a rerun or a concurrent run settles it once. The right is
  read before the payment and its regularisations, so a run that read them before another run
  settled the month fails on the claim and reads again.

The entry is deleted once settled (or found settled); an entry of a month not over yet waits.
The run that made a regularisation mails it through the candidate's mailbox, as a payment is
mailed; a mail that could not leave is marked ``mail_failed`` on the regularisation and its entry
kept, so the next run sends it.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from espace.allocation.figures import Figures
from espace.dossier.payments import Rates, month_bounds, month_payment
from espace.dossier.records import (
    DECLARATION_PREFIX,
    OPEN,
    PAYMENT_PREFIX,
    REGULARISATION_PREFIX,
    RIGHT_KEY,
    SHARDS,
    Declaration,
    Payment,
    Regularisation,
    Right,
)
from espace.ports import ConditionFailedError, Put, RecordStore, StoreError

if TYPE_CHECKING:
    from espace.bootstrap import Services
    from espace.dossier.payment_job import Report

PAGE = 500
ATTEMPTS = 5


def regularisations_of(records: RecordStore, user_id: str, month: str = "") -> list[Regularisation]:
    """The candidate's regularisations (of ``month`` when given), oldest first."""
    prefix = f"{REGULARISATION_PREFIX}{month}#" if month else REGULARISATION_PREFIX
    return [Regularisation.of(item) for item in records.query(f"USER#{user_id}", prefix)]


def settled_figures(payment: Payment, last: Regularisation | None) -> dict[str, Any]:
    """The month as last settled: the payment, or its latest regularisation."""
    if last is None:
        return {"version": payment.declaration_version, "days": payment.days, "carried": payment.days_carried,
                "gross": payment.gross, "net": payment.net, "detail": payment.detail}
    return {"version": last.to_version, "days": last.days_after, "carried": int(last.detail.get("carried") or 0),
            "gross": last.gross_after, "net": last.net_after, "detail": last.detail}


def recompute(figures: Figures, rates: Rates, right: Right, settled: dict[str, Any],
              declaration: Declaration) -> tuple[dict[str, Any], Right]:
    """(the month as computed from ``declaration``, the right after the difference): pure."""
    from espace.dossier.payment_job import detail_of

    days, carried = int(settled["days"]), int(settled["carried"])
    detail = settled["detail"] or {}
    others = right.days_used - days  # the days of every other month paid
    before = int(detail.get("days_before", others))  # the days used when the month was first paid
    closed_here = bool(detail.get("closes"))
    # The right as it was for that month: its decrease counted from ``before``, its days left
    # those the other months left, open again when this month was the one that closed it.
    base = replace(right, days_used=before, duration=right.duration - (others - before), state=OPEN,
                   ended_on=None if closed_here else right.ended_on)
    computed = month_payment(figures, rates, base, declaration) if declaration.still_looking else None
    after: dict[str, Any] = {"days": 0, "carried": 0, "gross": 0, "net": 0,
                             "detail": {"still_looking": declaration.still_looking, "days_before": before}}
    state, ended_on = (OPEN, None) if closed_here else (right.state, right.ended_on)
    if computed is not None:
        after = {"days": computed.days, "carried": computed.days_carried, "gross": computed.gross,
                 "net": computed.net, "detail": {**detail_of(base, declaration, computed), "days_before": before,
                                                 "carried": computed.days_carried,
                                                 "deductions": computed.deductions}}
        if computed.closes:
            state, ended_on = computed.closes, computed.last.isoformat()
    owed = max(int(settled["net"]) - int(after["net"]), 0)
    # A rappel first settles a trop-perçu still due (of another month, or of an earlier version of
    # this one): the debt is offset in full, only the rest is transferred.
    after["recovered"] = min(max(int(after["net"]) - int(settled["net"]), 0), right.to_recover)
    following = replace(right, days_used=others + int(after["days"]),
                        days_carried=right.days_carried - carried + int(after["carried"]), version=right.version + 1,
                        state=state, ended_on=ended_on, to_recover=right.to_recover + owed - after["recovered"])
    return after, following


def regularise(services: Services, figures: Figures, rates: Rates, user_id: str, month: str,
               paid_on: dt.date) -> str:
    """« paid » (no payment yet: paid now), « regularised », « settled » (nothing new) or « skipped »."""
    from espace.dossier.payment_job import pay

    records, pk = services.records, f"USER#{user_id}"
    for _ in range(ATTEMPTS):
        right_item = records.get(pk, RIGHT_KEY)  # first: its version guards what is read after it
        payment_item = records.get(pk, PAYMENT_PREFIX + month)
        if payment_item is None:
            outcome = pay(services, figures, rates, user_id, month, paid_on)
            return "paid" if outcome == "paid" else outcome
        found = records.get(pk, DECLARATION_PREFIX + month)
        if found is None or right_item is None:
            return "skipped"
        payment, declaration, right = Payment.of(payment_item), Declaration.of(found), Right.of(right_item)
        done = regularisations_of(records, user_id, month)
        settled = settled_figures(payment, done[-1] if done else None)
        if declaration.version <= int(settled["version"]):
            return "settled"
        after, following = recompute(figures, rates, right, settled, declaration)
        regularisation = Regularisation(
            user_id=user_id, month=month, from_version=int(settled["version"]), to_version=declaration.version,
            days_before=int(settled["days"]), days_after=int(after["days"]), gross_before=int(settled["gross"]),
            gross_after=int(after["gross"]), net_before=int(settled["net"]), net_after=int(after["net"]),
            paid_on=paid_on.isoformat(), made_at=int(time.time()), detail=after["detail"],
            recovered=int(after["recovered"]))
        try:
            records.transact([Put(regularisation.item(), if_absent=True), Put(following.item()),
                              Put({"pk": pk, "sk": f"RIGHT-VERSION#{following.version:06d}"}, if_absent=True)])
        except ConditionFailedError:
            continue  # another run settled it, or paid another month meanwhile: read again
        return "regularised"
    raise StoreError(f"the right of {user_id} kept changing")


def pending(records: RecordStore) -> Any:
    """The corrections' index entries (pk, sk), shard after shard, a page at a time."""
    for shard in range(SHARDS):
        after = None
        while True:
            page = records.query_page(f"REGULARISE#{shard:02d}", limit=PAGE, after=after)
            for item in page.items:
                yield str(item["pk"]), str(item["sk"])
            if page.next_key is None:
                break
            after = page.next_key


def settle_corrections(services: Services, figures: Figures, rates: Rates, today: dt.date, paid_on: dt.date,
                       report: Report) -> None:
    """Every correction of a month that is over, settled, counted in ``report``."""
    for pk, sk in list(pending(services.records)):
        month, _, rest = sk.partition("#")
        user_id = rest.rpartition("#")[0]
        if month_bounds(month)[1] >= today:
            continue  # the month is not over: it is paid (from its latest version) after its end
        try:
            outcome = regularise(services, figures, rates, user_id, month, paid_on)
        except StoreError as error:
            report.failures.append(f"{user_id} ({month}): {error}")
            continue
        report.regularised += outcome == "regularised"
        report.paid += outcome == "paid"  # a month first declared not looking, corrected since
        done = regularisations_of(services.records, user_id, month) if outcome in ("regularised", "settled") else []
        if done and (outcome == "regularised" or done[-1].mail_failed) and not _mail(services, done[-1]):
            continue  # kept: the next run sends the mail
        services.records.delete(pk, sk)


def _mail(services: Services, regularisation: Regularisation) -> bool:
    """Tell the candidate; False when the mail could not leave (then marked ``mail_failed``)."""
    from espace.dossier.payment_job import KIND, log
    from espace.messages.service import Mailbox
    from espace.ports import Message
    from espace.text import MONTHS, euros, french_date

    records, pk = services.records, f"USER#{regularisation.user_id}"
    to = str((records.get(pk, "PROFILE") or {}).get("email") or "")
    if not to or not regularisation.kind:
        return True
    year, number = regularisation.month.split("-")
    month = f"{MONTHS[int(number) - 1]} {year}"
    on = french_date(dt.date.fromisoformat(regularisation.paid_on))
    kept = "" if not regularisation.recovered else (
        f" {euros(regularisation.recovered)} en sont retenus pour le trop-perçu que vous deviez encore, "
        + (f"{euros(regularisation.transferred)} sont virés le {on}." if regularisation.transferred else
           "rien n'est viré."))
    what = ((f"vous avez droit à {euros(regularisation.net)} de plus." + kept if kept else
             f"vous avez droit à {euros(regularisation.net)} de plus : ce rappel est viré le {on}.")
            if regularisation.net > 0 else
            f"vous avez reçu {euros(-regularisation.net)} de trop. Ce trop-perçu sera retenu sur vos prochains "
            "paiements, 20 % au plus de chacun ; votre agence peut vous proposer un autre remboursement.")
    link = f"{services.settings.site_url.rstrip('/')}/mon-dossier/allocations/paiements/{regularisation.month}"
    body = (f"Bonjour,\n\nVotre déclaration de {month} a été corrigée après son paiement. Votre allocation du mois "
            f"a été calculée de nouveau : {what}\n\nLe détail est dans « Mes allocations » :\n{link}\n\n-- \n"
            "Espace candidat\nCe message a été envoyé automatiquement : merci de ne pas y répondre.\n")
    item = records.get(pk, regularisation.sk) or regularisation.item()
    try:
        Mailbox(records, services.mailer).deliver(
            regularisation.user_id, Message(to=to, subject=f"Régularisation de votre allocation de {month} – "
                                                           "Espace candidat", text=body), KIND)
    except StoreError:
        log.warning("the regularisation mail of %s for %s could not leave", regularisation.user_id,
                    regularisation.month, exc_info=True)
        records.put({**item, "mail_failed": True})
        return False
    records.put({**item, "mailed_at": int(time.time()), "mail_failed": False})
    return True
