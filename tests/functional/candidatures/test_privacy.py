"""Deleting an account and the applications outside its partition, on both profiles.

A candidate deletes their space through « Supprimer mon espace »: the recruiter's copy stays,
anonymised (no name, e-mail, phone, message, CV, nor the account's id anywhere); a pending one is
withdrawn first. A recruiter's account deleted: pending applications are closed, the candidates'
copies stay and no longer name the recruiter."""

from __future__ import annotations

import json

from espace.candidatures.model import REVIEWING, Application, CvUsed, new_id
from tests.functional.accounts.helpers import PASSWORD, signed_in_client, user_id_of
from tests.functional.recruteurs.helpers import recruiter_client

CANDIDATE = "candidate-privacy@example.org"
RECRUITER = "rh-privacy@boulangerie.example"


def _services():
    from espace.bootstrap import get_services

    return get_services()


def apply(candidate_id: str, recruiter_id: str, offer_id: str) -> Application:
    from espace.candidatures.service import ApplicationDesk, file_prefix

    app_id = new_id()
    application = Application(
        id=app_id, kind="site", offer_id=offer_id, offer_title="Boulanger", company="Boulangerie Martin",
        candidate_id=candidate_id,
        cv=CvUsed("complet", "cv-lea", "CV de Léa", f"{file_prefix(candidate_id, app_id)}cv.pdf", "cv.pdf"),
        message="Je fais du pain depuis dix ans.", candidate_name="Léa Martin", candidate_email=CANDIDATE,
        candidate_phone="0612345678", state="", recruiter_id=recruiter_id)
    _, stored = ApplicationDesk(_services()).submit(application, b"%PDF-1.7 cv")
    return stored


def test_a_deleted_candidate_is_anonymised_in_the_recruiters_inbox(platform):
    from espace.candidatures.service import ApplicationDesk

    recruiter_client(platform, RECRUITER)
    candidate = signed_in_client(platform, CANDIDATE)
    candidate_id, recruiter_id = user_id_of(CANDIDATE), user_id_of(RECRUITER)
    pending = apply(candidate_id, recruiter_id, "100AAAA")
    answered = apply(candidate_id, recruiter_id, "100BBBB")
    desk = ApplicationDesk(_services())
    desk.move(answered, REVIEWING, "recruteur", recruiter_id)
    answered = desk.move(desk.get(candidate_id, "100BBBB"), "refusee", "recruteur", recruiter_id,
                         reason="Poste pourvu en interne", reason_shared=True)

    done = candidate.post("/mon-espace/suppression", {"mot_de_passe": PASSWORD, "confirmer": "oui"})
    assert done.status == 200, done.text()[:300]

    first = desk.inbox_entry(recruiter_id, "100AAAA", pending.id)
    second = desk.inbox_entry(recruiter_id, "100BBBB", answered.id)
    assert first is not None and second is not None
    assert first.state == "retiree" and second.state == "refusee"  # the pending one was withdrawn
    for kept in (first, second):
        assert kept.anonymised
        assert (kept.candidate_id, kept.candidate_name, kept.candidate_email, kept.candidate_phone,
                kept.message, kept.cv.file_key, kept.cv.title) == ("", "", "", "", "", "", "")
    assert second.refusal is not None and second.refusal.reason == "Poste pourvu en interne"  # the recruiter's own
    assert _services().files.list(f"users/{candidate_id}/") == []
    # Nothing in the whole store names the candidate's account or their details any more.
    dump = platform.dump_records()
    for needle in (candidate_id, "Léa Martin", "0612345678", "dix ans"):
        assert [record for record in dump if needle in record] == [], needle
    named = [r for r in dump if CANDIDATE in r]
    assert all("THROTTLE#" in (r if isinstance(r, str) else json.dumps(r)) or "LOCK#" in r for r in named), named


def test_a_deleted_recruiters_applications_are_closed_and_unlinked(platform):
    from espace.accounts.service import AccountService
    from espace.candidatures.service import ApplicationDesk
    from espace.web.lifecycle import run_account_deleted
    from espace.web.sessions import SessionManager

    recruiter_client(platform, RECRUITER)
    signed_in_client(platform, CANDIDATE)
    candidate_id, recruiter_id = user_id_of(CANDIDATE), user_id_of(RECRUITER)
    pending = apply(candidate_id, recruiter_id, "100CCCC")
    mails_before = len(platform.mails_to(CANDIDATE))

    # What /recruteur/suppression does (part A's route): sessions ended, the hooks, then the partition.
    services = _services()
    SessionManager(services.records, services.settings).end_all(recruiter_id)
    run_account_deleted(services, recruiter_id)
    accounts = AccountService(services.records, services.files, services.mailer, services.settings.site_url)
    accounts.delete_account(recruiter_id)

    kept = ApplicationDesk(services).get(candidate_id, "100CCCC")
    assert kept is not None and kept.id == pending.id
    assert kept.state == "offre-retiree" and kept.recruiter_id == ""
    assert len(platform.mails_to(CANDIDATE)) == mails_before + 1  # told, as when an offer is withdrawn
    assert [record for record in platform.dump_records() if recruiter_id in record] == []
    run_account_deleted(services, recruiter_id)  # idempotent: a deletion run again changes nothing


def _proposition(records, recruiter_id: str, candidate_id: str, proposal_id: str, offer_id: str) -> None:
    """A proposition as part E records it (recruteurs/proposals.py): the recruiter's sent copy, keyed
    by offer and candidate, and the candidate's received copy."""
    common = {"kind_of_record": "proposition", "id": proposal_id, "recruiter_id": recruiter_id,
              "company": "Boulangerie Martin", "offer_id": offer_id, "offer_title": "Boulanger",
              "candidate_id": candidate_id, "cv_id": "cv-lea", "cv_title": "CV de Léa", "cv_mode": "complet",
              "message": "Notre fournil vous attend.", "state": "acceptee", "created_at": 1, "answered_at": 2}
    records.put({"pk": f"USER#{recruiter_id}", "sk": f"PROPOSAL-SENT#{offer_id}#{candidate_id}", **common,
                 "candidate_name": "Léa Martin", "candidate_email": CANDIDATE, "candidate_phone": "0612345678"})
    records.put({"pk": f"USER#{candidate_id}", "sk": f"PROPOSAL#{proposal_id}", **common})


def test_propositions_outlive_either_account_without_naming_it(platform):
    from espace.candidatures.privacy import forget_applications, forget_inbox

    records = _services().records
    _proposition(records, "rh-1", "cand-1", "P" * 16, "100DDDD")
    _proposition(records, "rh-2", "cand-2", "Q" * 16, "100EEEE")

    forget_applications(_services(), "cand-1")  # the candidate leaves
    assert records.get("USER#rh-1", "PROPOSAL-SENT#100DDDD#cand-1") is None
    [kept] = records.query("USER#rh-1", "PROPOSAL-SENT#")
    assert kept["sk"] == f"PROPOSAL-SENT#100DDDD#anonyme-{'P' * 16}" and kept["anonymised"] is True
    assert (kept["candidate_id"], kept["candidate_name"], kept["candidate_email"], kept["candidate_phone"],
            kept["cv_id"]) == ("", "", "", "", "")
    assert kept["message"] == "Notre fournil vous attend."  # the recruiter's own words stay theirs

    forget_inbox(_services(), "rh-2")  # the recruiter leaves
    received = records.get("USER#cand-2", f"PROPOSAL#{'Q' * 16}")
    assert received["recruiter_id"] == "" and received["recruiter_gone"] is True
    assert received["company"] == "Boulangerie Martin"  # what the candidate was told stays
