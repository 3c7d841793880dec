"""« Mes propositions » (/mon-espace/propositions), on both profiles and engines: read, accept or
decline once; accepting puts the application in the recruiter's inbox with the CV frozen as a
PDF and reveals the contact details; nobody else can see or answer it."""

from __future__ import annotations

import pytest

from tests.functional.accounts.helpers import signed_in_client
from tests.functional.recruteurs.helpers import recruiter_client
from tests.functional.recruteurs.proposal_helpers import (
    CONTACT_NAME,
    candidate_with_cv,
    recruiter,
    set_offer_state,
    site_offer,
)

MESSAGE = "Bonjour, votre expérience du coffrage nous intéresse."


@pytest.fixture
def stage(platform, hiring):
    from espace.recruteurs.proposals import Proposal, ProposalDesk, new_id

    services = hiring.services
    candidate, candidate_id, cv = candidate_with_cv(platform, services, "macon@example.org", "cv-macon-00001")
    rclient, recruiter_id = recruiter(platform, "rh@entreprise.example")
    offer = site_offer(services, recruiter_id, "Maçon coffreur H/F")
    _sent, proposal = ProposalDesk(services).propose(Proposal(
        id=new_id(), recruiter_id=recruiter_id, company="Boulangerie Martin", offer_id=offer.id,
        offer_title=offer.title, candidate_id=candidate_id, cv_id=cv.id, cv_title=cv.display_title, cv_mode="complet",
        message=MESSAGE))
    return candidate, candidate_id, rclient, recruiter_id, offer, proposal, services, platform


def test_the_list_the_detail_and_the_panel(stage):
    candidate, _cid, _rc, _rid, offer, proposal, _services, _platform = stage
    listing = candidate.get("/mon-espace/propositions")
    assert listing.status == 200 and offer.title in listing.text() and "Boulangerie Martin" in listing.text()
    assert listing.html.xpath(f'//a[@href="/mon-espace/propositions/{proposal.id}"]')
    detail = candidate.get(f"/mon-espace/propositions/{proposal.id}")
    assert detail.status == 200 and MESSAGE in detail.text() and "En attente" in detail.text()
    assert detail.html.xpath(f'//a[@href="/mon-espace/propositions/{proposal.id}/reponse?choix=accepter"]')
    dashboard = candidate.get("/mon-espace")
    assert "1 proposition en attente de votre réponse" in dashboard.text()


def test_accepting_sends_the_application_and_reveals_the_contact(stage):
    from espace.candidatures.service import ApplicationDesk

    candidate, candidate_id, rclient, recruiter_id, offer, proposal, services, platform = stage
    url = f"/mon-espace/propositions/{proposal.id}/reponse"
    confirm = candidate.get(url + "?choix=accepter")
    assert confirm.status == 200
    token = confirm.html.xpath('//input[@name="csrf"]/@value')[0]
    assert confirm.html.xpath('//input[@name="choix"][@value="accepter"]/@checked')
    assert confirm.html.xpath('//input[@name="telephone"]/@value') == ["06 98 76 54 32"]
    done = candidate.post(url, {"choix": "accepter", "prenom": CONTACT_NAME[0], "nom": CONTACT_NAME[1],
                                "telephone": "0612345678"}, csrf=token)
    assert done.status == 303 and done.location == f"/mon-espace/propositions/{proposal.id}"
    inbox = ApplicationDesk(services).inbox(recruiter_id, offer.id)
    assert len(inbox) == 1
    application = inbox[0]
    assert application.candidate_id == candidate_id and application.state == "nouvelle"
    assert application.candidate_phone == "06 12 34 56 78" and application.candidate_email == "macon@example.org"
    assert MESSAGE in application.message and application.cv.kind == "complet"
    frozen = services.files.get(application.cv.file_key)
    assert frozen.data.startswith(b"%PDF") and frozen.content_type == "application/pdf"
    assert ApplicationDesk(services).get(candidate_id, offer.id) is not None  # « Mes candidatures »

    listing = rclient.get("/recruteur/propositions")
    text = listing.text()
    assert "Acceptée" in text and "macon@example.org" in text and "06 12 34 56 78" in text and CONTACT_NAME[1] in text
    assert [m for m in platform.mails_to("rh@entreprise.example") if "acceptée" in m[1]]

    # Once: answering again changes nothing, declining after accepting is refused.
    again = candidate.post(url, {"choix": "refuser"}, csrf=token)
    assert again.status == 303
    assert "Acceptée" in candidate.get(f"/mon-espace/propositions/{proposal.id}").text()
    assert len(ApplicationDesk(services).inbox(recruiter_id, offer.id)) == 1


def test_declining_tells_the_recruiter_without_the_contact(stage):
    from espace.candidatures.service import ApplicationDesk

    candidate, _cid, rclient, recruiter_id, offer, proposal, services, platform = stage
    url = f"/mon-espace/propositions/{proposal.id}/reponse"
    token = candidate.csrf_token(url)
    assert candidate.post(url, {"choix": "refuser"}, csrf=token).status == 303
    text = rclient.get("/recruteur/propositions").text()
    assert "Refusée" in text and "macon@example.org" not in text and CONTACT_NAME[1] not in text
    assert ApplicationDesk(services).inbox(recruiter_id, offer.id) == []
    assert [m for m in platform.mails_to("rh@entreprise.example") if "refusée" in m[1]]
    assert candidate.post(url, {"choix": "accepter", "prenom": "A", "nom": "B",
                                "telephone": "0612345678"}, csrf=token).status == 303
    assert ApplicationDesk(services).inbox(recruiter_id, offer.id) == []


@pytest.mark.parametrize(("data", "field", "message"), [
    ({}, "choix", "Choisissez votre réponse"),
    ({"choix": "peut-etre"}, "choix", "Choisissez votre réponse"),
    ({"choix": "accepter", "prenom": "", "nom": "Dupontel", "telephone": "0612345678"}, "prenom", "prénom"),
    ({"choix": "accepter", "prenom": "Jeanne", "nom": "Dupontel", "telephone": ""}, "telephone", "téléphone"),
    ({"choix": "accepter", "prenom": "Jeanne", "nom": "Dupontel", "telephone": "12"}, "telephone", "valide"),
])
def test_a_wrong_answer_is_a_400_keeping_what_was_typed(stage, data, field, message):
    from espace.recruteurs.proposals import ProposalDesk

    candidate, candidate_id, _rc, _rid, _offer, proposal, services, _platform = stage
    page = candidate.post(f"/mon-espace/propositions/{proposal.id}/reponse", data)
    assert page.status == 400
    error = page.field_error(field) or page.field_error(f"{field}-1")
    assert error and message in error, page.error_summary()
    if data.get("nom"):
        assert page.html.xpath('//input[@name="nom"]/@value') == [data["nom"]]
    assert ProposalDesk(services).get(candidate_id, proposal.id).state == "en-attente"


def test_an_offer_no_longer_online_cannot_be_accepted_but_can_be_declined(stage):
    candidate, _cid, _rc, _rid, offer, proposal, services, _platform = stage
    set_offer_state(services, offer, "pourvue")
    assert "n'est plus en ligne" in candidate.get(f"/mon-espace/propositions/{proposal.id}").text()
    url = f"/mon-espace/propositions/{proposal.id}/reponse"
    page = candidate.post(url, {"choix": "accepter", "prenom": "Jeanne", "nom": "Dupontel",
                                "telephone": "0612345678"})
    assert page.status == 400 and "n'est plus en ligne" in page.field_error("choix")
    assert candidate.post(url, {"choix": "refuser"}).status == 303


def test_another_candidate_or_a_recruiter_cannot_see_or_answer_it(stage):
    from espace.recruteurs.proposals import ProposalDesk

    _candidate, candidate_id, _rc, _rid, _offer, proposal, services, platform = stage
    other = signed_in_client(platform, "autre@example.org")
    for path in (f"/mon-espace/propositions/{proposal.id}", f"/mon-espace/propositions/{proposal.id}/reponse"):
        assert other.get(path).status == 404
    token = other.csrf_token("/mon-espace/mot-de-passe")
    assert other.post(f"/mon-espace/propositions/{proposal.id}/reponse", {"choix": "refuser"},
                      csrf=token).status == 404
    assert proposal.id not in other.get("/mon-espace/propositions").text()
    assert other.get("/mon-espace/propositions/AAAAAAAAAAAAAAAA").status == 404
    # A recruiter (even the one who proposed it) is not in the candidates' space at all.
    rclient = recruiter_client(platform, "rh.curieux@entreprise.example")
    accounts_view = platform.client().__class__(platform.handler, cookies=rclient.cookies)
    assert accounts_view.get(f"/mon-espace/propositions/{proposal.id}").status == 403
    assert ProposalDesk(services).get(candidate_id, proposal.id).state == "en-attente"
