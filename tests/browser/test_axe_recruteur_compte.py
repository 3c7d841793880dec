"""Recruiter accounts in headless Chromium through the local gateway: sign-up (every error), the
mailed link, sign-in landing on the recruiter's space (empty, then with offers and applications),
the account page, the deletion form (every error) and its end, and a candidate's 403 — each state
through axe, the page checks, the 320 px reflow check and the Nu checker."""

from __future__ import annotations

import subprocess

import pytest

from tests.browser.conftest import local_gateway, report
from tests.browser.test_axe_classeur import SavingVisitor
from tests.browser.test_axe_services import PASSWORD, axe_here  # noqa: F401  (a fixture)
from tests.site.test_vnu import VNU

pytestmark = pytest.mark.browser
NEW_PASSWORD = "un tout autre mot de passe"
SIGN_UP = {"entreprise": "Boulangerie Martin", "siret": "732 829 320 00074", "code_postal": "17000",
           "identifiant": "rh@boulangerie.example", "mot_de_passe": PASSWORD, "confirmation": PASSWORD,
           "question": "1", "reponse": "Médor"}


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var) as (url, _offers):
        yield url, var / "outbox"


def seed_offers_and_applications(recruiter_id: str) -> None:
    """What the publishing part and candidates' applications put in the recruiter's partition."""
    from espace.bootstrap import get_services
    from espace.candidatures.model import NEW, Application, CvUsed, new_id
    from espace.candidatures.service import ApplicationDesk
    from espace.recruteurs.model import ONLINE, SUSPENDED, SiteOffer

    services = get_services()
    offers = [SiteOffer("444AAAA", recruiter_id, ONLINE, {}, {"intitule": "Boulanger ou boulangère"}, 2, 2),
              SiteOffer("444AAAB", recruiter_id, SUSPENDED, {}, {"intitule": "Vendeur en boulangerie"}, 1, 1)]
    for offer in offers:
        services.records.put(offer.to_item())
    for candidate in ("c1", "c2"):
        application_id = new_id()
        ApplicationDesk(services).submit(Application(
            application_id, "site", offers[0].id, offers[0].title, "Boulangerie Martin", candidate,
            CvUsed("complet", "cv1", "Mon CV", f"users/{candidate}/candidatures/{application_id}/cv.pdf", "cv.pdf"),
            "Mes atouts", "Camille Martin", f"{candidate}@example.org", "0601020304", NEW,
            recruiter_id=recruiter_id), b"%PDF-1.7 test")


def test_every_state_of_the_recruiter_account(browser, axe_here, gateway, tmp_path):  # noqa: F811  (fixture)
    from espace.bootstrap import get_services

    base, outbox = gateway
    browser.delete_all_cookies()
    v = SavingVisitor(browser, axe_here, base, outbox, folder=tmp_path)
    v.open("/recruteur/creation", "sign-up: empty")
    v.submit({}, "sign-up: every error")
    assert "Saisissez le nom de votre entreprise" in browser.page_source
    v.submit({**SIGN_UP, "siret": "732 829 320 00075", "mot_de_passe": "court", "confirmation": "autre"},
             "sign-up: wrong SIRET key and password")
    assert "existe pas" in browser.page_source
    v.submit({**SIGN_UP, "siret": "7328293200007"}, "sign-up: SIRET too short")
    v.submit(SIGN_UP, "sign-up: check your mail")
    assert "Vérifiez votre messagerie" in browser.page_source
    v.open(v.last_link(), "confirmation: the page with its button")
    v.submit({}, "confirmation: sign-in with notice")
    v.submit({"identifiant": SIGN_UP["identifiant"], "mot_de_passe": PASSWORD}, "space: empty")
    assert browser.current_url == base + "/recruteur"

    records = get_services().records
    recruiter_id = records.get("EMAIL#rh@boulangerie.example", "ACCOUNT")["user_id"]
    seed_offers_and_applications(recruiter_id)
    v.open("/recruteur", "space: offers and new applications")
    assert "2 nouvelles candidatures" in browser.page_source
    v.open("/recruteur/compte", "account page")
    v.open("/recruteur/mot-de-passe", "password: form")
    v.submit({}, "password: every error")
    v.submit({"actuel": "pas le bon mot de passe", "mot_de_passe": NEW_PASSWORD, "confirmation": NEW_PASSWORD},
             "password: wrong current password")
    v.submit({"actuel": PASSWORD, "mot_de_passe": NEW_PASSWORD, "confirmation": NEW_PASSWORD},
             "password: changed, back on the account page")
    assert "Votre mot de passe est modifié" in browser.page_source
    v.open("/recruteur/suppression", "deletion: form")
    v.submit({}, "deletion: every error")
    v.submit({"confirmer": "oui", "mot_de_passe": "pas le bon mot de passe"}, "deletion: wrong password")
    assert "Le mot de passe est incorrect" in browser.page_source
    v.submit({"confirmer": "oui", "mot_de_passe": NEW_PASSWORD}, "deletion: done")
    assert "Votre espace recruteur est supprimé" in browser.page_source
    assert records.get("EMAIL#rh@boulangerie.example", "ACCOUNT") is None

    # A candidate at the recruiters' door: the guard's 403 page.
    email = "candidate@example.fr"
    v.open("/compte/creation", "candidate sign-up")
    v.submit({"identifiant": email, "mot_de_passe": PASSWORD, "confirmation": PASSWORD, "code_postal": "17000",
              "question": "1", "reponse": "Médor"}, "candidate: check your mail")
    v.open(v.last_link(), "candidate confirmation")
    v.submit({}, "candidate: sign-in")
    v.submit({"identifiant": email, "mot_de_passe": PASSWORD}, "candidate: their space")
    v.open("/recruteur", "a candidate on /recruteur: 403")
    assert "réservée aux recruteurs" in browser.page_source

    assert v.states >= 24
    assert v.failures == {}, report(v.failures)
    assert VNU.is_file(), "vnu.jar missing: run `make test`, which installs it with npm"
    result = subprocess.run(["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "text", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-8000:] + result.stdout[-2000:]
