"""Étape « Ma cible professionnelle » and « Mise en ligne » in headless Chromium through the local
gateway: every state, errors included, through axe, the page checks, the 320 px reflow check (in
``axe_check``) and the Nu checker."""

from __future__ import annotations

import subprocess

import pytest
from selenium.webdriver.common.by import By

from tests.browser.conftest import local_gateway, report
from tests.browser.test_axe_classeur import SavingVisitor
from tests.browser.test_axe_services import PASSWORD, axe_here  # noqa: F401  (a fixture)
from tests.site.test_vnu import VNU

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var, sample_offers=5) as (url, offers):
        yield url, var / "outbox", offers


def _new_cv(email: str) -> str:
    from espace.bootstrap import get_services
    from espace.cv.service import CvBook, new_id

    user_id = get_services().records.get(f"EMAIL#{email}", "ACCOUNT")["user_id"]
    cv_id = new_id()
    CvBook(get_services(), user_id).create(cv_id)
    return cv_id


def _pick(browser, name: str, index: int = 0):
    browser.find_elements(By.CSS_SELECTOR, f'main input[name="{name}"]')[index].click()


def test_every_state_of_the_target_and_the_publication(browser, axe_here, gateway, tmp_path):  # noqa: F811
    base, outbox, offers = gateway
    browser.delete_all_cookies()
    v = SavingVisitor(browser, axe_here, base, outbox, folder=tmp_path)
    email = "cible-navigateur@example.fr"
    v.open("/compte/creation", "creation")
    v.submit({"identifiant": email, "mot_de_passe": PASSWORD, "confirmation": PASSWORD, "code_postal": "56100",
              "question": "1", "reponse": "Médor"}, "creation: check your mail")
    v.open(v.last_link(), "confirmation")
    v.submit({}, "confirmed: sign-in")
    v.submit({"identifiant": email, "mot_de_passe": PASSWORD}, "signed in")
    cv = _new_cv(email)
    here = f"/mon-espace/cv/{cv}"

    v.open(f"{here}/cible", "target overview, empty")
    v.open(f"{here}/mise-en-ligne", "publication: target not complete")
    assert "complétez d'abord votre cible professionnelle" in browser.page_source
    v.open(f"{here}/cible/specificites", "skills before a job")
    v.open(f"{here}/cible/metier", "job form")
    v.submit({}, "job: nothing typed")
    v.submit({"metier": "vendeur"}, "job: several match, radios")
    assert len(browser.find_elements(By.CSS_SELECTOR, 'input[name="appellation"]')) == 50
    v.open(f"{here}/cible/metier", "job: the draft kept after leaving")
    v.submit({"metier": "", "code_rome": "Z12"}, "job: a malformed ROME code")
    v.submit({"metier": "zzqxw", "code_rome": ""}, "job: nothing matches")
    v.submit({"metier": "", "code_rome": "H2913"}, "skills of the fiche, with the notice")
    assert browser.find_elements(By.CSS_SELECTOR, 'input[type="checkbox"]')
    _pick(browser, "savoir_faire", 0)
    _pick(browser, "savoir_faire", 2)
    v.submit({}, "overview with the job and two skills")

    v.open(f"{here}/cible/lieux", "places, none yet")
    v.submit({"lieu": ""}, "places: nothing typed")
    v.submit({"lieu": "La Rochelle"}, "places: two La Rochelle")
    v.submit({"lieu": "Bordeau"}, "places: close names suggested")
    v.submit({"lieu": "Xyzzyvillez"}, "places: unknown")
    v.submit({"lieu": "Lorient"}, "places: one added")
    v.submit({"lieu": "Morbihan"}, "places: two, the second added",
             button='form:not(.inline-form) button[type="submit"]')
    v.submit({}, "places: one removed", button=".inline-form button")

    v.open(f"{here}/cible/contrats", "contracts form")
    v.submit({}, "contracts: nothing ticked")
    _pick(browser, "contrats", 2)  # Intérim
    _pick(browser, "durees", 0)  # temps plein
    v.submit({}, "overview: target complete")
    assert "Votre cible professionnelle est complète." in browser.page_source

    second = _new_cv(email)
    v.open(f"/mon-espace/cv/{second}/cible/metier", "second CV: job form")
    v.submit({"code_rome": "H2913"}, "second CV: ROME code already taken")
    assert "vise déjà ce métier" in browser.page_source

    v.open(f"{here}/mise-en-ligne", "publication: consents")
    v.submit({}, "publication: no answer")
    _pick(browser, "publier", 0)
    _pick(browser, "coordonnees", 1)
    v.submit({}, "low gauge: complete or ignore")
    assert "Compléter votre CV" in browser.page_source
    v.submit({}, "confirmation with the offers matching the CV")
    assert f"/offres/{offers[1].id}" in browser.page_source
    v.open(f"{here}/mise-en-ligne", "publication: the online CV's consents")
    _pick(browser, "publier", 1)
    v.submit({}, "consent withdrawn")
    assert "n'est plus dans la banque de CV" in browser.page_source
    v.open(f"{here}/confirmation", "confirmation of a CV out of the bank")

    assert v.states >= 30
    assert v.failures == {}, report(v.failures)
    assert VNU.is_file(), "vnu.jar missing: run `make test`, which installs it with npm"
    result = subprocess.run(["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "text", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-8000:] + result.stdout[-2000:]
