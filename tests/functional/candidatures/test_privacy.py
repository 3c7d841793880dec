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
