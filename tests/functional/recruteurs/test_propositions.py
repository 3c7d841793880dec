"""Propositions from the recruiter's side (/recruteur/cvtheque/<cv>/proposition,
/recruteur/propositions), on both profiles and engines: one per offer and candidate, created once
whatever the clicks, only the recruiter's online offers, the candidate told."""

from __future__ import annotations

import pytest

from tests.functional.recruteurs.proposal_helpers import candidate_with_cv, recruiter, set_offer_state, site_offer

CV = "cv-macon-00001"
FORM = f"/recruteur/cvtheque/{CV}/proposition"
MESSAGE = "Bonjour, votre expérience du coffrage nous intéresse pour un chantier à La Rochelle."


@pytest.fixture
def stage(platform, hiring):
    services = hiring.services
    _candidate, candidate_id, _cv = candidate_with_cv(platform, services, "macon@example.org", CV)
    client, recruiter_id = recruiter(platform, "rh@entreprise.example")
    offer = site_offer(services, recruiter_id, "Maçon coffreur H/F")
    return client, recruiter_id, candidate_id, offer, services, platform


def form_key(client) -> str:
    return client.get(FORM).html.xpath('//input[@name="cle"]/@value')[0]


def test_a_proposition_reaches_the_candidate_once(stage):
    from espace.recruteurs.proposals import ProposalDesk, new_id

    client, recruiter_id, candidate_id, offer, services, platform = stage
    page = client.get(FORM)
    assert page.status == 200
    assert page.html.xpath('//input[@name="offre"]/@value') == [offer.id]
    token = page.html.xpath('//input[@name="csrf"]/@value')[0]
    key = form_key(client)
    data = {"offre": offer.id, "message": MESSAGE, "cle": key}
    first = client.post(FORM, data, csrf=token)
    assert first.status == 303 and first.location == "/recruteur/propositions"
    again = client.post(FORM, data, csrf=token)  # a double click: the same form's key
    assert again.status == 303
    sent = ProposalDesk(services).sent(recruiter_id)
    assert len(sent) == 1 and sent[0].id == key and sent[0].candidate_id == candidate_id
    assert [p.id for p in ProposalDesk(services).received(candidate_id)] == [key]
    mails = platform.mails_to("macon@example.org")
    proposal_mails = [m for m in mails if "proposition" in m[1].lower()]
    assert len(proposal_mails) == 1 and MESSAGE in proposal_mails[0][2]
    assert f"/mon-espace/propositions/{key}" in proposal_mails[0][2]
    messages = services.records.query(f"USER#{candidate_id}", "MSG#")
    assert [m["kind"] for m in messages].count("proposition") == 1

    listing = client.get("/recruteur/propositions")
    assert listing.status == 200 and "Maçon coffreur H/F" in listing.text() and "En attente" in listing.text()
    assert "macon@example.org" not in listing.text()

    # The offer is proposed: the form offers it no more, and another form's key cannot send it again.
    page = client.get(FORM)
    assert page.html.xpath('//input[@name="offre"]') == [] and "déjà été proposées" in page.text()
    other = client.post(FORM, {"offre": offer.id, "message": MESSAGE, "cle": new_id()}, csrf=token)
    assert other.status == 400 and "déjà été proposée" in other.field_error("offre")
    assert len(ProposalDesk(services).sent(recruiter_id)) == 1


def test_an_invalid_proposition_is_a_400_keeping_what_was_typed(stage):
    from espace.recruteurs.proposals import ProposalDesk

    client, recruiter_id, _cid, offer, services, _platform = stage
    key = form_key(client)
    page = client.post(FORM, {"message": "", "cle": key})
    assert page.status == 400
    assert "Choisissez l'offre" in page.field_error("offre") and "Écrivez un message" in page.field_error("message")
    page = client.post(FORM, {"offre": offer.id, "message": "x" * 2001, "cle": key})
    assert page.status == 400 and "2000" in page.field_error("message")
    assert page.html.xpath('//textarea[@name="message"]')[0].text == "x" * 2001
    assert page.html.xpath('//input[@name="cle"]/@value') == [key]
    assert page.html.xpath(f'//input[@name="offre"][@value="{offer.id}"]/@checked')
    page = client.post(FORM, {"offre": "999ZZZZ", "message": MESSAGE, "cle": key})  # not one of theirs
    assert page.status == 400 and page.field_error("offre")
    assert ProposalDesk(services).sent(recruiter_id) == []
    # An edited key is replaced by a fresh one: the proposition is sent under it.
    page = client.post(FORM, {"offre": offer.id, "message": MESSAGE, "cle": "../../x"})
    assert page.status == 303
    assert [len(p.id) for p in ProposalDesk(services).sent(recruiter_id)] == [16]


def test_only_the_recruiters_online_offers_can_be_proposed(stage):
    client, recruiter_id, _cid, offer, services, platform = stage
    suspended = site_offer(services, recruiter_id, "Coffreur (suspendue)", state="suspendue")
    _other_client, other_id = recruiter(platform, "rh.autre@entreprise.example")
    theirs = site_offer(services, other_id, "Offre d'un autre recruteur")
    values = client.get(FORM).html.xpath('//input[@name="offre"]/@value')
    assert values == [offer.id]
    for offer_id in (suspended.id, theirs.id, "not-an-offer"):
        page = client.post(FORM, {"offre": offer_id, "message": MESSAGE, "cle": form_key(client)})
        assert page.status == 400
    set_offer_state(services, offer, "suspendue")
    page = client.get(FORM)
    assert page.status == 200 and "aucune offre en ligne" in page.text()


def test_a_cv_out_of_the_bank_cannot_be_proposed_to(stage):
    from espace.cv.service import CvBook

    client, _rid, candidate_id, offer, services, _platform = stage
    page = client.get(FORM)
    key, token = (page.html.xpath(f'//input[@name="{name}"]/@value')[0] for name in ("cle", "csrf"))
    book = CvBook(services, candidate_id)
    book.suspend(book.get(CV))
    assert client.get(FORM).status == 404
    assert client.post(FORM, {"offre": offer.id, "message": MESSAGE, "cle": key}, csrf=token).status == 404
    assert services.records.query(f"USER#{candidate_id}", "PROPOSAL#") == []


def test_the_sent_list_is_each_recruiters_own(stage):
    client, _rid, _cid, offer, _services, platform = stage
    client.post(FORM, {"offre": offer.id, "message": MESSAGE, "cle": form_key(client)})
    other, _other_id = recruiter(platform, "rh.autre@entreprise.example")
    listing = other.get("/recruteur/propositions")
    assert listing.status == 200 and "Maçon coffreur H/F" not in listing.text()
    assert "aucune proposition" in listing.text()
