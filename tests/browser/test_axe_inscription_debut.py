"""Before starting and étapes 1 and 2 of the registration in headless Chromium through the local
gateway: « M'inscrire ou me réinscrire » for a visitor, the access codes carrying the way back, the
page for a signed-in candidate, then each step empty, with every required answer missing, with
hostile values, and filled (step 2 with its situation summary), each state through axe, the page
checks and the 320 px reflow check, then the Nu checker on every state."""

from __future__ import annotations

import subprocess

import pytest
from selenium.webdriver.common.by import By

from tests.browser.conftest import local_gateway, report
from tests.browser.test_axe_classeur import SavingVisitor
from tests.browser.test_axe_services import PASSWORD, axe_here  # noqa: F401  (a fixture)
from tests.functional.inscription.samples import administrative, situation
from tests.site.test_vnu import VNU

pytestmark = pytest.mark.browser
EMAIL = "inscription-debut@example.fr"
STEPS = "/mon-espace/inscription/demande"
CONTINUE = "button[name='action'][value='continuer']"
LATER = "button[name='action'][value='plus-tard']"


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var) as (url, _):
        yield url, var / "outbox"


def fill(v, values: dict[str, list[str]], state: str, button: str = CONTINUE) -> None:
    """Type, choose and click as a person would: radios by their value, selects by their option."""
    browser = v.browser
    for name, (value, *_) in values.items():
        elements = browser.find_elements(By.CSS_SELECTOR, f'main [name="{name}"]')
        if not elements:
            continue
        first = elements[0]
        if first.get_attribute("type") == "radio":
            if value:
                browser.find_element(By.CSS_SELECTOR, f'main input[name="{name}"][value="{value}"]').click()
        elif first.tag_name == "select":
            if value and first.find_elements(By.CSS_SELECTOR, f'option[value="{value}"]'):
                first.find_element(By.CSS_SELECTOR, f'option[value="{value}"]').click()
        else:
            first.clear()
            first.send_keys(value)
    browser.find_element(By.CSS_SELECTOR, f"main {button}").click()
    v.check(state)


def test_every_state_before_starting_and_of_steps_1_and_2(browser, axe_here, gateway, tmp_path):  # noqa: F811
    base, outbox = gateway
    browser.delete_all_cookies()
    v = SavingVisitor(browser, axe_here, base, outbox, folder=tmp_path)

    v.open("/inscription", "start: a visitor")
    browser.find_element(By.LINK_TEXT, "Créer mes codes d'accès").click()
    v.check("creation, on the way back to the request")
    v.submit({"identifiant": EMAIL, "mot_de_passe": PASSWORD, "confirmation": PASSWORD, "code_postal": "17000",
              "question": "1", "reponse": "Médor"}, "creation: check your mail")
    v.open(v.last_link(), "confirmation, on the way back")
    v.submit({}, "confirmed: sign-in, on the way back")
    v.submit({"identifiant": EMAIL, "mot_de_passe": PASSWORD}, "signed in: back to the request")
    assert browser.current_url == f"{base}/mon-espace/inscription"

    v.open("/inscription", "start: a signed-in candidate")
    browser.find_element(By.LINK_TEXT, "Commencer ma demande").click()
    v.check("step 1: empty, prefilled from the account")
    assert "Étape 1 sur 5" in browser.title
    assert browser.find_element(By.NAME, "email").get_attribute("value") == EMAIL

    fill(v, {"email": [""], "code_postal": [""]}, "step 1: every required answer missing")
    assert browser.title.startswith("Erreur")
    hostile = {**administrative.VALUES, "nir": ["2 90 04 17 300 123 38"], "iban": ["FR76 3000 6000 0112 3456 7890 188"],
               "date_naissance-annee": ["2099"], "code_postal": ["17100"], "bic": ["AGRI"]}
    fill(v, hostile, "step 1: bad NIR, IBAN and BIC, future birth date, commune of another postal code")
    assert "La clé de l'IBAN" in browser.page_source and "ne peut pas être dans le futur" in browser.page_source
    fill(v, {**administrative.VALUES, "nationalite": ["autre"], "titre_numero": ["12"]},
         "step 1: a work permit missing its end and a bad number")
    fill(v, administrative.VALUES, "step 2: empty")
    assert "Étape 2 sur 5" in browser.title

    fill(v, {}, "step 2: every required answer missing")
    assert browser.title.startswith("Erreur")
    fill(v, {**situation.VALUES, "fin_contrat-annee": ["2099"], "motif_fin": [""]},
         "step 2: a future end of contract, no reason")
    fill(v, situation.VALUES, "steps: step 2 saved for later", button=LATER)
    assert browser.current_url == f"{base}{STEPS}"
    v.open(f"{STEPS}/situation", "step 2: filled, with its situation summary")
    assert "Vous êtes immédiatement disponible" in browser.page_source
    v.open(f"{STEPS}/situation-administrative", "step 1: filled")
    v.open("/inscription", "start: a candidate with a draft")
    assert "Reprendre ma demande" in browser.page_source

    assert v.states >= 17
    assert v.failures == {}, report(v.failures)
    assert VNU.is_file(), "vnu.jar missing: run `make test`, which installs it with npm"
    result = subprocess.run(["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "text", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-8000:] + result.stdout[-2000:]
