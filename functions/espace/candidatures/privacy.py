"""What deleting an account does to applications kept outside that account's partition.

A candidate deletes their space (``forget_applications``): their pending applications are
withdrawn (the recruiter can no longer answer them), and each recruiter's copy is anonymised:
name, e-mail, phone, message and the CV are blanked, their account id leaves the copy and the
inbox's log lines, ``anonymised=True``. The recruiter keeps the fact that an application came, its
dates and states, until the retention job deletes it two years after its latest activity (its
retention entry is rewritten under the inbox key: ``ApplicationDesk._retention_item``). The CV
file sent goes with the candidate's ``users/{id}/`` files; the entries of the retention index that
name the candidate are removed.

A recruiter deletes their account (``forget_inbox``): pending applications to their offers are
closed (OFFER_CLOSED, the candidates told, as when an offer is withdrawn), and the candidates'
copies no longer name the recruiter's account. The inbox itself is in the recruiter's partition,
deleted with it.

Propositions (part E's records, read here by their documented keys): a deleted candidate's
proposition stays in the recruiter's « propositions envoyées », marked ``anonymised`` and re-keyed
``PROPOSAL-SENT#{offer}#anonyme-{proposal}`` (its key named the candidate), without the CV or any
contact detail; a deleted recruiter's propositions stay in the candidates' « Mes propositions »,
marked ``recruiter_gone``, without the recruiter's account id.

Both hooks are idempotent (a deletion that failed halfway runs them again), and run before the
partition goes (espace.web.lifecycle).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from espace.candidatures.model import CANDIDATE, OFFER_CLOSED, SYSTEM, WITHDRAWN, Application, CvUsed, can_move
from espace.candidatures.service import ApplicationDesk, retention_day
from espace.ports import Delete, Put
from espace.web.lifecycle import on_account_deleted

if TYPE_CHECKING:
    from espace.bootstrap import Services


def anonymised(application: Application, candidate_id: str) -> Application:
    """The recruiter's copy once its candidate is gone: what happened, not who."""
    return dataclasses.replace(
        application, candidate_id="", candidate_name="", candidate_email="", candidate_phone="", message="",
        cv=CvUsed(application.cv.kind, "", "", "", "", application.cv.content_type),
        history=[dataclasses.replace(t, actor_id="") if t.actor_id == candidate_id else t
                 for t in application.history],
        anonymised=True)


def retention_days(application: Application) -> set[str]:
    """Every day a retention entry was written for the application (submitted, then each move)."""
    return {retention_day(t.at) for t in application.history} | {retention_day(application.updated_at)}


@on_account_deleted
def forget_applications(services: Services, user_id: str) -> None:
    desk, records = ApplicationDesk(services), services.records
    for application in desk.of_candidate(user_id):
        if can_move(application.state, CANDIDATE, WITHDRAWN):
            application = desk.move(application, WITHDRAWN, CANDIDATE, user_id)
        for day in retention_days(application):
            records.delete(f"RETENTION#{day}", f"{user_id}#{application.offer_id}")
        if application.kind != "site" or not application.recruiter_id:
            continue
        inbox = desk.inbox_entry(application.recruiter_id, application.offer_id, application.id)
        if inbox is None:
            continue
        blank = anonymised(inbox, user_id)
        records.transact([Put(blank.to_item(*blank.inbox_key())), Put(desk._retention_item(blank))])
        pk = f"USER#{application.recruiter_id}"
        for line in records.query(pk, f"INBOX-LOG#{application.offer_id}#{application.id}#"):
            if line.get("actor_id") == user_id:
                records.put({**line, "actor_id": ""})
    _forget_received_propositions(services, user_id)


def _forget_received_propositions(services: Services, user_id: str) -> None:
    records = services.records
    for received in records.query(f"USER#{user_id}", "PROPOSAL#"):
        recruiter_id, offer_id = str(received.get("recruiter_id") or ""), str(received.get("offer_id") or "")
        if not recruiter_id:
            continue
        old_sk = f"PROPOSAL-SENT#{offer_id}#{user_id}"
        sent = records.get(f"USER#{recruiter_id}", old_sk)
        if sent is None:
            continue
        kept = {**sent, "sk": f"PROPOSAL-SENT#{offer_id}#anonyme-{sent.get('id', '')}", "candidate_id": "",
                "candidate_name": "", "candidate_email": "", "candidate_phone": "", "cv_id": "", "cv_title": "",
                "anonymised": True}
        records.transact([Put(kept), Delete(f"USER#{recruiter_id}", old_sk)])


@on_account_deleted
def forget_inbox(services: Services, user_id: str) -> None:
    desk, records = ApplicationDesk(services), services.records
    for item in records.query(f"USER#{user_id}", "INBOX#"):
        application = Application.from_item(item)
        if can_move(application.state, SYSTEM, OFFER_CLOSED):
            # The offers' own hook closes them as well: whichever runs first, the other finds
            # them closed (and must skip them: the desk refuses to move a closed application).
            application = desk.move(application, OFFER_CLOSED, SYSTEM)
        for day in retention_days(application):  # an anonymised copy's entries name the recruiter
            records.delete(f"RETENTION#{day}", f"INBOX#{user_id}#{application.offer_id}#{application.id}")
        candidate_copy = desk.get(application.candidate_id, application.offer_id) if application.candidate_id else None
        if candidate_copy is None or candidate_copy.recruiter_id != user_id:
            continue
        kept = dataclasses.replace(
            candidate_copy, recruiter_id="",
            history=[dataclasses.replace(t, actor_id="") if t.actor_id == user_id else t
                     for t in candidate_copy.history])
        records.put(kept.to_item(*kept.candidate_key()))
    for sent in records.query(f"USER#{user_id}", "PROPOSAL-SENT#"):
        key = (f"USER#{sent.get('candidate_id', '')}", f"PROPOSAL#{sent.get('id', '')}")
        received = records.get(*key) if sent.get("candidate_id") else None
        if received is not None and received.get("recruiter_id") == user_id:
            records.put({**received, "recruiter_id": "", "recruiter_gone": True})
