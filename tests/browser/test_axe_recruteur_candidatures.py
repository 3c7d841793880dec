"""The applications inbox in headless Chromium through the local gateway: an offer's list (empty,
with applications, filtered, an unknown filter), an application's page (first opening, the move
form's errors, a move done, a closed one, an anonymised one), the « déjà modifiée » page, and a
404; each state through axe, the page checks and the 320 px reflow check (``axe_check``), then the
Nu checker on every state."""

from __future__ import annotations

import subprocess

import pytest
from selenium.webdriver.common.by import By

from tests.browser.conftest import local_gateway, report
from tests.browser.test_axe_classeur import SavingVisitor
from tests.browser.test_axe_services import PASSWORD, axe_here  # noqa: F401  (a fixture)
from tests.site.test_vnu import VNU

pytestmark = pytest.mark.browser
MOVE = "form[action$='/etat'] button"


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var) as (url, _offers):
        yield url, var / "outbox"


def test_every_state_of_the_inbox(browser, axe_here, gateway, tmp_path, monkeypatch):  # noqa: F811  (fixture)
    from espace.bootstrap import get_services
    from espace.candidatures.model import INTERVIEW
    from espace.candidatures.service import ApplicationDesk
    from espace.recruteurs import inbox as inbox_module
    from tests.functional.accounts.helpers import user_id_of
    from tests.functional.recruteurs.inbox_helpers import anonymise, apply, publish

    base, outbox = gateway
    browser.delete_all_cookies()
    v = SavingVisitor(browser, axe_here, base, outbox, folder=tmp_path)
    email, candidate_email = "rh.inbox@boulangerie.example", "candidat.inbox@example.fr"
    for address in (candidate_email, email):  # the candidate's account first: the recruiter stays signed in
        browser.delete_all_cookies()
        v.open("/compte/creation", "creation")
        v.submit({"identifiant": address, "mot_de_passe": PASSWORD, "confirmation": PASSWORD, "code_postal": "17000",
                  "question": "1", "reponse": "Médor"}, "creation: check your mail")
        v.open(v.last_link(), "confirmation")
        v.submit({}, "confirmed: sign-in")
        v.submit({"identifiant": address, "mot_de_passe": PASSWORD}, "signed in")
    services = get_services()
    rid = user_id_of(email)
    profile = services.records.get(f"USER#{rid}", "PROFILE")
    services.records.put({**profile, "role": "recruteur", "company": "Boulangerie Martin", "siret": "73282932000074"})

    offer = publish(services, rid)
    inbox = f"/recruteur/offres/{offer.id}/candidatures"
    v.open(inbox, "list: no application yet")
    assert "pas encore reçu de candidature" in browser.page_source

    first = apply(services, user_id_of(candidate_email), offer, email=candidate_email)
    second = apply(services, "candidat-sans-compte", offer, name="Dominique Petit", email="dominique@example.fr",
                   cv_title="Boulanger confirmé")
    third = apply(services, "candidat-parti", offer, name="Alex Martin", email="alex@example.fr")
    ApplicationDesk(services).move(second, INTERVIEW, "recruteur", rid)
    anonymise(services, third)
    v.open(inbox, "list: three applications, one anonymised")
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.results tbody tr")) == 3
    v.submit({"etat": INTERVIEW}, "list: filtered on one state")
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.results tbody tr")) == 1
    monkeypatch.setattr(inbox_module, "PER_PAGE", 2)
    v.open(f"{inbox}?page=2", "list: its second page")
    assert "page 2 sur 2" in browser.title
    monkeypatch.undo()
    v.open(f"{inbox}?etat=refusee", "list: a filter that keeps none")
    v.open(f"{inbox}?etat=inconnu", "list: an unknown filter")
    assert "Choisissez un état dans la liste" in browser.page_source

    page = f"{inbox}/{first.id}"
    v.open(page, "application: first opening, its notice")
    assert "pour la première fois" in browser.page_source
    v.submit({}, "move: no state chosen", button=MOVE)
    assert "Choisissez le nouvel état" in browser.page_source
    browser.find_element(By.CSS_SELECTOR, "input[name='etat'][value='refusee']").click()
    v.submit({"motif": ""}, "move: a refusal without its reason", button=MOVE)
    assert "Indiquez le motif du refus" in browser.page_source
    v.submit({"motif": "Le poste demande le permis C."}, "move: the reason, not said whether shared", button=MOVE)
    assert "Dites si le motif" in browser.page_source

    v.open(page, "application: the form again")
    ApplicationDesk(services).move(ApplicationDesk(services).inbox_entry(rid, offer.id, first.id), INTERVIEW,
                                   "recruteur", rid)
    browser.find_element(By.CSS_SELECTOR, "input[name='etat'][value='acceptee']").click()
    v.submit({}, "move: too late, the « déjà modifiée » page", button=MOVE)
    assert "a été modifiée depuis" in browser.page_source

    v.open(page, "application: in interview")
    browser.find_element(By.CSS_SELECTOR, "input[name='etat'][value='refusee']").click()
    browser.find_element(By.CSS_SELECTOR, "input[name='partage'][value='oui']").click()
    v.submit({"motif": "Le poste demande le permis C."}, "move: refused, its notice; closed", button=MOVE)
    assert "est passée à l'état « Refusée »" in browser.page_source
    assert not browser.find_elements(By.CSS_SELECTOR, "input[name='etat']")

    v.open(f"{inbox}/{third.id}", "application: anonymised")
    assert "ont été effacés" in browser.page_source
    v.open(f"{inbox}/AAAAAAAAAAAAAAAA", "application: unknown, 404")

    assert v.states >= 22
    assert v.failures == {}, report(v.failures)
    assert VNU.is_file(), "vnu.jar missing: run `make test`, which installs it with npm"
    result = subprocess.run(["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "text", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-8000:] + result.stdout[-2000:]
