"""Propositions in headless Chromium through the local gateway, both sides: the recruiter's form
(errors, no offer online, every offer already proposed, the daily limit), the sent list, and the
candidate's « Mes propositions » (empty, waiting, the answer page and its errors, accepted,
declined, an offer no longer online), the dashboard panel — every state through axe, the page
checks, the 320 px reflow check and the Nu checker."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from tests.browser.conftest import local_gateway, report
from tests.browser.test_axe_classeur import SavingVisitor
from tests.browser.test_axe_cvtheque import check_vnu, make_recruiter, sign_in, sign_up
from tests.browser.test_axe_services import axe_here  # noqa: F401  (a fixture)

pytestmark = pytest.mark.browser
MESSAGE = "Bonjour, votre expérience du coffrage nous intéresse pour un chantier à La Rochelle."


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var) as (url, _offers):
        yield url, var / "outbox"


def test_every_state_of_propositions(browser, axe_here, gateway, monkeypatch, tmp_path):  # noqa: F811  (fixture)
    from espace.bootstrap import get_services
    from espace.recruteurs import proposals
    from tests.functional.recruteurs.proposal_helpers import published_cv, set_offer_state, site_offer

    base, outbox = gateway
    v = SavingVisitor(browser, axe_here, base, outbox, folder=tmp_path)
    services = get_services()
    candidate = sign_up(v, "macon@example.fr")
    published_cv(services, candidate, "cv-macon-00001")
    sign_in(v, "macon@example.fr", "/mon-espace/propositions")
    assert "Aucune proposition en attente" in browser.page_source

    recruiter_id = sign_up(v, "rh@entreprise.fr")
    make_recruiter(recruiter_id)
    sign_in(v, "rh@entreprise.fr", "/recruteur/propositions")
    assert "aucune proposition" in browser.page_source
    v.open("/recruteur/cvtheque/cv-macon-00001/proposition", "form: no offer online")
    first = site_offer(services, recruiter_id, "Maçon coffreur H/F")
    second = site_offer(services, recruiter_id, "Chef d'équipe maçonnerie")
    third = site_offer(services, recruiter_id, "Coffreur bancheur")
    v.open("/recruteur/cvtheque/cv-macon-00001/proposition", "form: three offers")
    v.submit({}, "form: every error")
    assert browser.title.startswith("Erreur")
    for offer, state in ((first, "first proposition sent"), (second, "second proposition sent")):
        v.open("/recruteur/cvtheque/cv-macon-00001/proposition", f"form before the {state}")
        browser.find_element(By.CSS_SELECTOR, f"input[name=offre][value='{offer.id}']").click()
        v.submit({"message": MESSAGE}, state)
    assert "est envoyée au candidat" in browser.page_source
    monkeypatch.setattr(proposals, "MAX_PER_DAY", 2)
    v.open("/recruteur/cvtheque/cv-macon-00001/proposition", "form: one offer left")
    browser.find_element(By.CSS_SELECTOR, f"input[name=offre][value='{third.id}']").click()
    v.submit({"message": MESSAGE}, "the daily limit: 409")
    assert "le maximum par jour" in browser.page_source
    monkeypatch.undo()
    v.open("/recruteur/cvtheque/cv-macon-00001/proposition", "form: last offer")
    browser.find_element(By.CSS_SELECTOR, f"input[name=offre][value='{third.id}']").click()
    v.submit({"message": MESSAGE}, "third proposition sent")
    v.open("/recruteur/cvtheque/cv-macon-00001/proposition", "every offer already proposed")
    assert "déjà été proposées" in browser.page_source

    sign_in(v, "macon@example.fr", "/mon-espace/propositions")
    assert browser.page_source.count("/mon-espace/propositions/") >= 3
    received = {p.offer_id: p.id for p in proposals.ProposalDesk(services).received(candidate)}
    v.open("/mon-espace", "dashboard with the propositions panel")
    assert "3 propositions en attente" in browser.page_source
    v.open(f"/mon-espace/propositions/{received[first.id]}", "a proposition waiting")
    browser.find_element(By.PARTIAL_LINK_TEXT, "Accepter").click()
    v.check("answer page: accepting chosen")
    v.submit({"telephone": "12"}, "answer page: wrong phone")
    assert browser.title.startswith("Erreur")
    v.submit({"telephone": "06 12 34 56 78", "prenom": "Jeanne", "nom": "Dupontel"}, "accepted")
    assert "votre candidature est envoyée" in browser.page_source
    v.open(f"/mon-espace/propositions/{received[second.id]}/reponse", "answer page: nothing chosen")
    v.submit({}, "answer page: no choice")
    browser.find_element(By.CSS_SELECTOR, "input[name=choix][value=refuser]").click()
    v.submit({}, "declined")
    set_offer_state(services, third, "pourvue")
    v.open(f"/mon-espace/propositions/{received[third.id]}", "a proposition whose offer is filled")
    v.open(f"/mon-espace/propositions/{received[third.id]}/reponse?choix=accepter", "answer page: offer filled")
    v.submit({"telephone": "06 12 34 56 78", "prenom": "Jeanne", "nom": "Dupontel"}, "accepting a filled offer")
    v.open("/mon-espace/propositions", "list: waiting and answered")
    v.open("/mon-espace/propositions/AAAAAAAAAAAAAAAA", "unknown proposition: 404")

    sign_in(v, "rh@entreprise.fr", "/recruteur/propositions")
    assert "Dupontel" in browser.page_source and "Refusée" in browser.page_source

    assert v.states >= 35
    assert v.failures == {}, report(v.failures)
    check_vnu(tmp_path)
