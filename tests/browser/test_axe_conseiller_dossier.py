"""A counsellor reads a candidate's dossier, in headless Chromium through the local gateway: the
search (empty, a short name, a mistyped identifier, nobody found, found), the dossier's page and
its sections (with a regularisation and a trop-perçu to recover), the letter's form (empty, with
errors, sent), the agency's post (waiting, marked sent, another agency's empty list), another
agency's 404 — each state through axe, the page checks and the 320 px reflow check, then the Nu
checker on every state."""

from __future__ import annotations

import subprocess

import pytest
from selenium.webdriver.common.by import By

from tests.browser.conftest import local_gateway, report
from tests.browser.test_axe_classeur import SavingVisitor
from tests.browser.test_axe_inscription_fin import create_account
from tests.browser.test_axe_reunir import BUTTON, sign_in_as, with_dossier
from tests.browser.test_axe_services import PASSWORD, axe_here  # noqa: F401  (a fixture)
from tests.site.test_vnu import VNU

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var) as (url, _offers):
        yield url, var / "outbox"


def test_every_state_of_a_counsellor_reading_a_dossier(browser, axe_here, gateway, tmp_path):  # noqa: F811
    from espace.bootstrap import get_services
    from espace.conseillers.accounts import create_counsellor

    base, outbox = gateway
    browser.delete_all_cookies()
    v = SavingVisitor(browser, axe_here, base, outbox, folder=tmp_path)
    records = get_services().records
    create_counsellor(records, "conseil@dossier.example", PASSWORD, agency_id="17", name="Camille Martin")
    create_counsellor(records, "ailleurs@dossier.example", PASSWORD, agency_id="33", name="Alix Roy")
    create_account(v, "candidat@dossier.example")
    identifier = with_dossier("candidat@dossier.example")

    sign_in_as(v, browser, "conseil@dossier.example")
    v.open("/conseiller", "the space: the link to the dossiers")
    assert "/conseiller/candidats" in browser.page_source
    v.open("/conseiller/candidats", "search: empty")
    v.open("/conseiller/candidats?recherche=d", "search: too short")
    assert "Erreur" in browser.title
    typo = identifier[:7] + ("A" if identifier[7] != "A" else "B")
    v.open(f"/conseiller/candidats?recherche={typo}", "search: a mistyped identifier")
    v.open("/conseiller/candidats?recherche=Personne", "search: nobody")
    v.open("/conseiller/candidats?recherche=durand", "search: found by name")
    assert f"/conseiller/candidats/{identifier}" in browser.page_source
    v.open(f"/conseiller/candidats/{identifier}", "the dossier")
    assert "Périodes d'inscription" in browser.page_source and "Aucune déclaration mensuelle" in browser.page_source
    # The monthly follow-up: declarations and a missed month, the right and a payment.
    from espace.dossier.records import Declaration, Payment, Regularisation, Right, Work

    uid = records.get(f"IDENT#{identifier}", "ACCOUNT")["user_id"]
    records.put(Declaration(uid, "2026-10", True, [Work("Boulangerie Martin", 35, 45_010)], submitted_at=1_793_000_000)
                .item())
    records.put({"pk": f"USER#{uid}", "sk": "MISSED#2026-11", "month": "2026-11"})
    records.put(Right(uid, "2026-09-08", 5_000, 3_250, 548, 3_250, 183, days_used=53).item())
    records.put(Payment(uid, "2026-10", 31, 3_250, 100_750, [], 93_990, "2026-11-04").item())
    v.open(f"/conseiller/candidats/{identifier}", "the dossier with its declarations and payments")
    assert "Actualisations manquées" in browser.page_source
    # A month corrected after its payment: a trop-perçu, partly kept back, the rest still to recover.
    records.put(Right(uid, "2026-09-08", 5_000, 3_250, 548, 3_250, 183, days_used=83, to_recover=14_000).item())
    records.put(Payment(uid, "2026-11", 30, 3_250, 97_500, [], 90_000, "2026-12-01", recovered=6_000).item())
    records.put(Regularisation(uid, "2026-10", 1, 2, 31, 21, 100_750, 68_250, 93_990, 73_990, "2026-11-20").item())
    v.open(f"/conseiller/candidats/{identifier}", "the dossier with a regularisation and a trop-perçu to recover")
    assert "Trop-perçu restant à récupérer" in browser.page_source and "Régularisations" in browser.page_source
    v.open(f"/conseiller/candidats/{identifier}/courrier", "letter: empty form")
    v.submit({}, "letter: every error", button=BUTTON)
    assert "Erreur" in browser.title
    v.submit({"objet": "Objet " * 30, "texte": "Un texte."}, "letter: a subject too long", button=BUTTON)
    assert "Erreur" in browser.title
    browser.find_element(By.NAME, "objet").clear()
    v.submit({"objet": "Votre atelier CV", "texte": "Je vous propose un atelier.\n\nVenez avec votre CV."},
             "letter: sent, the dossier with the letter", button=BUTTON)
    assert "Votre atelier CV" in browser.page_source
    # The agency's post: the letter is to post (the candidate has not chosen e-mail), then sent.
    v.open("/conseiller/courriers-a-envoyer", "post: the waiting list")
    assert "Marquer comme envoyé" in browser.page_source and "Aucun courrier n'a encore été envoyé" in \
        browser.page_source
    v.submit({}, "post: marked sent, the sent part", button=".inline-form button[type=submit]")
    assert "est marqué envoyé aujourd'hui" in browser.page_source
    assert "Aucun courrier n'attend d'être envoyé par votre agence." in browser.page_source

    sign_in_as(v, browser, "ailleurs@dossier.example")
    v.open(f"/conseiller/candidats/{identifier}", "another agency: not found")
    assert "introuvable" in browser.title.lower()
    v.open("/conseiller/courriers-a-envoyer", "post: another agency's empty list")
    assert "Aucun courrier n'attend" in browser.page_source and "Votre atelier CV" not in browser.page_source

    assert v.states >= 19
    assert v.failures == {}, report(v.failures)
    assert VNU.is_file(), "vnu.jar missing: run `make test`, which installs it with npm"
    result = subprocess.run(["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "text", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-8000:] + result.stdout[-2000:]
