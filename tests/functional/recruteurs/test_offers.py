"""The offer index follows a site offer's state on both engines (SQLite FTS5, the real OpenSearch
node): the public search page and the France Travail-compatible API find a published offer and no
longer find a suspended or closed one. Closing ends the pending applications (each candidate
told); a deleted recruiter's offers leave the index and their applications are ended."""

from __future__ import annotations

import dataclasses

import pytest

from tests.functional.accounts.helpers import signed_in_client, user_id_of
from tests.functional.client import Client
from tests.functional.recruteurs.helpers import COMPANY, recruiter_client
from tests.functional.recruteurs.offer_helpers import action_csrf, publish

RH = "rh@boulangerie.example"
WORD = "Zanzibarien"  # in no sample offer: a keyword search finds only the recruiter's offer
API = "/partenaire/offresdemploi/v2/offres"


@pytest.fixture
def offers_client(hiring):
    from espace.handlers.offers import handler

    return Client(handler)


def found_by_search_page(offers_client, offer_id):
    page = offers_client.get(f"/offres/recherche?mode=simple&motsCles={WORD}")
    assert page.status == 200
    return bool(page.html.xpath(f'//table//a[@href="/offres/{offer_id}"]'))


def found_by_api(offers_client, offer_id):
    answer = offers_client.get(f"{API}/search?motsCles={WORD}")
    listed = answer.status in (200, 206) and offer_id in [o["id"] for o in answer.json()["resultats"]]
    single = offers_client.get(f"{API}/{offer_id}")
    assert (single.status == 200) == listed, (single.status, listed)
    return listed


def test_search_and_api_follow_the_offers_state(platform, hiring, offers_client):
    client = recruiter_client(platform, RH)
    offer_id = publish(client, description=f"Fournil {WORD} au centre-ville.", contrat="CDI", duree="")
    assert found_by_search_page(offers_client, offer_id) and found_by_api(offers_client, offer_id)
    raw = offers_client.get(f"{API}/{offer_id}").json()
    assert raw["entreprise"]["nom"] == COMPANY and raw["typeContrat"] == "CDI"
    assert raw["origineOffre"] == {"origine": "1", "urlOrigine": f"http://127.0.0.1:8000/offres/{offer_id}"}
    public = offers_client.get(f"/offres/{offer_id}")
    assert public.status == 200 and COMPANY in public.text()
    # The API's own filters read what the form said (contract, commune).
    assert offers_client.get(f"{API}/search?motsCles={WORD}&typeContrat=CDD").status == 204
    assert offers_client.get(f"{API}/search?motsCles={WORD}&commune=17300").status == 200

    csrf = action_csrf(client, offer_id)
    client.post(f"/recruteur/offres/{offer_id}/suspension", csrf=csrf)
    assert not found_by_search_page(offers_client, offer_id) and not found_by_api(offers_client, offer_id)
    assert offers_client.get(f"/offres/{offer_id}").status == 404

    client.post(f"/recruteur/offres/{offer_id}/remise-en-ligne", csrf=csrf)
    assert found_by_search_page(offers_client, offer_id) and found_by_api(offers_client, offer_id)

    client.post(f"/recruteur/offres/{offer_id}/modification",
                {**_form(), "intitule": f"Boulanger {WORD}", "contrat": "CDD", "duree": "3"}, csrf=csrf)
    raw = offers_client.get(f"{API}/{offer_id}").json()
    assert raw["intitule"] == f"Boulanger {WORD}" and raw["typeContratLibelle"].endswith("- 3 Mois")

    client.post(f"/recruteur/offres/{offer_id}/cloture", {"issue": "non-pourvue"}, csrf=csrf)
    assert not found_by_search_page(offers_client, offer_id) and not found_by_api(offers_client, offer_id)


def _form():
    from tests.functional.recruteurs.offer_helpers import FORM

    return FORM


def apply(hiring, candidate_email, offer_id):
    """A candidate's application to a site offer, straight through the desk (the applying pages
    are another part's): the same records and CV file as theirs."""
    from espace.candidatures.model import Application, CvUsed, new_id
    from espace.candidatures.service import ApplicationDesk, file_prefix
    from espace.recruteurs.model import owner_of

    signed_in_client(hiring.platform, candidate_email)
    candidate_id = user_id_of(candidate_email)
    owner = owner_of(hiring.services.records, offer_id)
    application_id = new_id()
    cv = CvUsed("personnel", "cv", "Mon CV", f"{file_prefix(candidate_id, application_id)}cv.pdf", "cv.pdf")
    application = Application(application_id, "site", offer_id, owner.title, owner.company, candidate_id, cv,
                              "Boulanger depuis dix ans.", "Camille Martin", candidate_email, "0601020304", "",
                              recruiter_id=owner.recruiter_id)
    _, stored = ApplicationDesk(hiring.services).submit(application, b"%PDF-1.7 test")
    return stored


@pytest.mark.parametrize("issue", ["pourvue", "non-pourvue"])
def test_closing_ends_pending_applications_and_tells_each_candidate(platform, hiring, issue):
    from espace.candidatures.model import ACCEPTED, OFFER_CLOSED, OFFER_FILLED, RECRUITER, REFUSED, SYSTEM
    from espace.candidatures.service import ApplicationDesk

    client = recruiter_client(platform, RH)
    offer_id = publish(client)
    desk = ApplicationDesk(hiring.services)
    pending = [apply(hiring, f"candidat{n}@example.org", offer_id) for n in range(3)]
    accepted = desk.move(apply(hiring, "retenu@example.org", offer_id), ACCEPTED, RECRUITER, user_id_of(RH))
    desk.move(pending[2], REFUSED, RECRUITER, user_id_of(RH))
    mails_before = len(platform.read_mails())

    page = client.get(f"/recruteur/offres/{offer_id}/cloture")
    assert "2 candidatures sont encore en attente de réponse" in page.text()
    assert client.post(f"/recruteur/offres/{offer_id}/cloture", {"issue": issue}).status == 303
    assert "2 candidats en attente de réponse ont été prévenus" in client.get(f"/recruteur/offres/{offer_id}").text()

    ended = OFFER_FILLED if issue == "pourvue" else OFFER_CLOSED
    for application in pending[:2]:
        mine = desk.get(application.candidate_id, offer_id)
        assert mine.state == ended and mine.history[-1].actor == SYSTEM
        assert desk.inbox_entry(user_id_of(RH), offer_id, application.id).state == ended
        mails = platform.mails_to(application.candidate_email)
        assert any("Offre pourvue" in subject or "Offre retirée" in subject for _, subject, _ in mails)
    assert desk.get(pending[2].candidate_id, offer_id).state == REFUSED  # closed ones stay as they were
    assert desk.get(accepted.candidate_id, offer_id).state == ACCEPTED
    assert len(platform.read_mails()) == mails_before + 2

    # Closing again (a second click) tells no one twice.
    client.post(f"/recruteur/offres/{offer_id}/cloture", {"issue": issue}, csrf=client.csrf_token(
        "/recruteur/offres/nouvelle"))
    assert len(platform.read_mails()) == mails_before + 2
    assert "3 candidatures" not in client.get("/recruteur/offres").text()
    assert "4 candidatures" in client.get("/recruteur/offres").text()


def test_a_move_that_loses_a_race_is_read_again(platform, hiring):
    """The candidate withdraws between the inbox's read and the system's move: the move finds its
    log line taken, reads the application again, and leaves the withdrawn one alone."""
    from espace.candidatures.model import OFFER_FILLED, WITHDRAWN
    from espace.candidatures.service import ApplicationDesk
    from espace.recruteurs import offers

    client = recruiter_client(platform, RH)
    offer_id = publish(client)
    application = apply(hiring, "camille@example.org", offer_id)
    desk = ApplicationDesk(hiring.services)
    stale = desk.inbox(user_id_of(RH), offer_id)
    desk.withdraw(application.candidate_id, offer_id)

    original = ApplicationDesk.inbox
    try:
        ApplicationDesk.inbox = lambda self, rid, oid: stale  # the read made before the withdrawal
        assert offers.end_applications(hiring.services, user_id_of(RH), offer_id, OFFER_FILLED) == 0
    finally:
        ApplicationDesk.inbox = original
    assert desk.get(application.candidate_id, offer_id).state == WITHDRAWN


def test_a_deleted_recruiters_offers_leave_the_index_and_their_applications_end(platform, hiring, offers_client):
    from espace.candidatures.model import OFFER_CLOSED
    from espace.candidatures.service import ApplicationDesk
    from espace.recruteurs.model import owner_of
    from espace.web.lifecycle import run_account_deleted

    client = recruiter_client(platform, RH)
    online = publish(client, description=f"Fournil {WORD}.")
    suspended = publish(client, description=f"Atelier {WORD}.")
    client.post(f"/recruteur/offres/{suspended}/suspension", csrf=action_csrf(client, suspended))
    application = apply(hiring, "camille@example.org", online)
    other = recruiter_client(platform, "rh@autre.example", company="Autre")
    kept = publish(other, description=f"Pétrin {WORD}.")

    rid = user_id_of(RH)
    run_account_deleted(hiring.services, rid)
    run_account_deleted(hiring.services, rid)  # a deletion run again does nothing twice
    assert hiring.offer(online) is None and hiring.offer(suspended) is None
    assert owner_of(hiring.services.records, online) is None and owner_of(hiring.services.records, suspended) is None
    assert not found_by_api(offers_client, online)
    assert ApplicationDesk(hiring.services).get(application.candidate_id, online).state == OFFER_CLOSED
    assert len(platform.mails_to("camille@example.org")) == 2  # the account's confirmation, then the news
    assert hiring.offer(kept) is not None and found_by_api(offers_client, kept)


def test_an_offer_stored_wrong_never_reaches_the_index(platform, hiring):
    """The service checks the JSON with the index's own validator before writing anything."""
    from espace.offers.schema import OfferError
    from espace.recruteurs.model import recruiter
    from espace.recruteurs.offers import OfferDesk

    recruiter_client(platform, RH)
    desk = OfferDesk(hiring.services, recruiter(hiring.services.records, user_id_of(RH)))
    client = recruiter_client(platform, "rh2@boulangerie.example")
    offer_id = publish(client)
    values = dict(hiring.services.records.get(f"USER#{user_id_of('rh2@boulangerie.example')}",
                                              f"OFFER#{offer_id}")["values"])
    with pytest.raises(OfferError):
        desk.publish(desk.draw_id(), {**values, "rome_code": "Z9999"})
    assert desk.all() == []


def test_an_edit_and_a_closing_decided_on_the_same_state_cannot_both_land(platform, hiring):
    from espace.recruteurs.model import FILLED, recruiter
    from espace.recruteurs.offers import OfferConflictError, OfferDesk

    client = recruiter_client(platform, RH)
    offer_id = publish(client)
    desk = OfferDesk(hiring.services, recruiter(hiring.services.records, user_id_of(RH)))
    stale = desk.get(offer_id)  # the edit's read, before the closing lands
    desk.close(desk.get(offer_id), filled=True)
    with pytest.raises(OfferConflictError):
        desk.edit(stale, {**stale.values, "intitule": "Rouverte"})
    with pytest.raises(OfferConflictError):
        desk.resume(dataclasses.replace(stale, state="suspendue"))
    assert desk.get(offer_id).state == FILLED and desk.get(offer_id).title != "Rouverte"
    assert hiring.offer(offer_id) is None


def test_an_edit_that_loses_a_race_keeps_what_was_typed(platform, hiring, monkeypatch):
    from espace.recruteurs.offers import OfferDesk
    from tests.functional.recruteurs.offer_helpers import FORM

    client = recruiter_client(platform, RH)
    offer_id = publish(client)
    url = f"/recruteur/offres/{offer_id}/modification"
    csrf = client.csrf_token(url)
    real_get = OfferDesk.get
    stale = real_get(_desk(hiring), offer_id)
    _desk(hiring).suspend(stale)  # another tab suspends it after this request has read it
    reads = []

    def get(self, wanted):
        reads.append(wanted)
        return stale if len(reads) == 1 else real_get(self, wanted)

    monkeypatch.setattr(OfferDesk, "get", get)
    page = client.post(url, {**FORM, "intitule": "Boulanger de jour"}, csrf=csrf)
    assert page.status == 409 and "L'offre a changé entre-temps" in page.text()
    assert page.html.xpath('//input[@name="intitule"]/@value') == ["Boulanger de jour"]
    monkeypatch.undo()
    assert _desk(hiring).get(offer_id).state == "suspendue" and _desk(hiring).get(offer_id).title == FORM["intitule"]
    saved = client.post(url, {**FORM, "intitule": "Boulanger de jour"}, csrf=csrf)  # sent again: it applies
    assert saved.status == 303 and _desk(hiring).get(offer_id).title == "Boulanger de jour"
    assert hiring.offer(offer_id) is None  # still suspended: out of the index


def _desk(hiring):
    from espace.recruteurs.model import recruiter
    from espace.recruteurs.offers import OfferDesk

    return OfferDesk(hiring.services, recruiter(hiring.services.records, user_id_of(RH)))
