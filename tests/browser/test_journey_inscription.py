"""The registration as the people who live it, with JavaScript off, in headless Chromium through the
local gateway: the agency's counsellor opens slots; a candidate creates the access codes from
« M'inscrire », fills steps 1 and 2, begins step 3 and closes the browser; signs in again days
later, finds the draft, finishes the five steps, checks the answers, sends the request and picks
one of the three slots; the counsellor validates the request at the interview; the candidate
signs in with the new identifier and reads the « Confirmation d'inscription » letter.

Every page on the way goes through axe, the page checks and the 320 px reflow check, then the Nu
checker; the other browser files of the area cover each step's error states one by one."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest
from selenium.webdriver.common.by import By

from tests.browser.conftest import local_gateway, report
from tests.browser.test_axe_classeur import SavingVisitor
from tests.browser.test_axe_services import PASSWORD, axe_here, click_to_next_page  # noqa: F401  (a fixture)
from tests.functional.conseillers.helpers import date_fields, next_monday
from tests.functional.inscription.samples import administrative, experiences, knowledge, project, situation
from tests.site.test_vnu import VNU

pytestmark = pytest.mark.browser
CANDIDATE = "parcours-complet@example.fr"
COUNSELLOR = "conseil-parcours@agence-la-rochelle.example"
STEPS = "/mon-espace/inscription/demande"
CONTINUE = "button[name='action'][value='continuer']:not([hidden])"


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var) as (url, _):
        yield url, var / "outbox"


def scripts(browser, enabled: bool) -> None:
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": not enabled})


@pytest.fixture
def javascript_off(browser):
    """Script execution off in the tab, as a browser with JavaScript disabled loads every page."""
    scripts(browser, False)
    yield
    scripts(browser, True)


class WithoutJavaScript(SavingVisitor):
    def click(self, element, state: str) -> None:
        click_to_next_page(self.browser, element)
        self.check(state)

    def submit(self, values: dict[str, str], state: str, button: str = "button[type=submit]"):
        self.press(f"main {button}", state, {name: [value] for name, value in values.items()})

    def press(self, selector: str, state: str, values: dict[str, list[str]] | None = None) -> None:
        fill(self.browser, values or {})
        self.click(self.browser.find_element(By.CSS_SELECTOR, selector), state)

    def follow(self, link_text: str, state: str) -> None:
        self.click(self.browser.find_element(By.PARTIAL_LINK_TEXT, link_text), state)

    def check(self, state: str):
        # enhance.js adds « Imprimer cette page » to every page: its absence shows no script ran.
        assert "Imprimer cette page" not in self.browser.page_source, f"{state}: JavaScript ran"
        # axe answers through a promise, which needs scripts: on for the check of the page as it
        # was loaded (its own scripts were skipped then and do not run now), off again after.
        scripts(self.browser, True)
        try:
            super().check(state)
        finally:
            scripts(self.browser, False)


def fill(browser, values: dict[str, list[str]]) -> None:
    """Type, choose, tick and untick as a person would; hidden inputs are the form's own."""
    for name, chosen in values.items():
        elements = [e for e in browser.find_elements(By.CSS_SELECTOR, f'main [name="{name}"]')
                    if e.get_attribute("type") != "hidden"]
        if not elements:
            continue
        first = elements[0]
        if first.get_attribute("type") in ("radio", "checkbox"):
            for element in elements:
                if (element.get_attribute("value") in chosen) != element.is_selected():
                    element.click()
        elif first.tag_name == "select":
            first.find_element(By.CSS_SELECTOR, f'option[value="{chosen[0]}"]').click()
        else:
            first.clear()
            if chosen[0]:
                first.send_keys(chosen[0])


def press(v, selector: str, state: str, values: dict[str, list[str]] | None = None) -> None:
    v.press(f"main {selector}", state, values)


def title(browser) -> str:
    return browser.find_element(By.TAG_NAME, "h1").text


def test_a_registration_from_the_first_page_to_the_counsellor_s_validation(
        browser, axe_here, gateway, javascript_off, tmp_path):  # noqa: F811  (a fixture)
    from espace.bootstrap import get_services
    from espace.conseillers.accounts import create_counsellor

    base, outbox = gateway
    browser.delete_all_cookies()
    v = WithoutJavaScript(browser, axe_here, base, outbox, folder=tmp_path)

    # The counsellor of La Rochelle opens the agenda of the week after next.
    create_counsellor(get_services().records, COUNSELLOR, PASSWORD, agency_id="17", name="Camille Martin")
    v.open("/connexion", "counsellor: sign-in")
    v.submit({"identifiant": COUNSELLOR, "mot_de_passe": PASSWORD}, "counsellor: the space")
    monday = next_monday() + dt.timedelta(days=7)
    v.open("/conseiller/agenda/ouverture", "counsellor: opening slots")
    friday = monday + dt.timedelta(days=4)
    opening = {**{k: [x] for k, x in date_fields("premier_jour", monday).items()},
               **{k: [x] for k, x in date_fields("dernier_jour", friday).items()},
               "jours": ["1", "2", "3", "4", "5"], "debut": ["09:00"], "fin": ["11:00"], "duree": ["30"]}
    press(v, "form[action='/conseiller/agenda/ouverture'] button", "counsellor: slots opened", opening)
    assert "Erreur" not in browser.title, browser.find_element(By.TAG_NAME, "main").text[:800]

    # The candidate, from « M'inscrire » to the access codes and back.
    browser.delete_all_cookies()
    v.open("/inscription", "start: a visitor")
    v.follow("Créer mes codes d'accès", "creation, on the way back to the request")
    v.submit({"identifiant": CANDIDATE, "mot_de_passe": PASSWORD, "confirmation": PASSWORD,
              "code_postal": "17000", "question": "1", "reponse": "Médor"}, "creation: check your mail")
    v.open(v.last_link(), "confirmation, on the way back")
    v.submit({}, "confirmed: sign-in, on the way back")
    v.submit({"identifiant": CANDIDATE, "mot_de_passe": PASSWORD}, "signed in: the request's page")
    v.open("/inscription", "start: signed in")
    v.follow("Commencer ma demande", "step 1: empty")
    press(v, CONTINUE, "step 2: empty", administrative.VALUES)
    assert "Étape 2 sur 5" in browser.title, browser.find_element(By.TAG_NAME, "main").text[:800]
    press(v, CONTINUE, "step 3: empty", situation.VALUES)
    assert "Étape 3 sur 5" in browser.title
    press(v, "button[value='ajouter:emplois']", "step 3: a period of work added")
    fill(browser, {"emplois-0-employeur": ["Boulangerie Martin"]})

    # The browser is closed before the step is saved; the candidate comes back another day.
    browser.delete_all_cookies()
    v.open("/mon-espace/inscription", "closed browser: sign-in asked")
    v.submit({"identifiant": CANDIDATE, "mot_de_passe": PASSWORD}, "signed in again: the request's page")
    assert browser.current_url == f"{base}/mon-espace/inscription"
    v.follow("Reprendre", "the five steps: two done")
    statuses = browser.find_element(By.TAG_NAME, "main").text
    assert statuses.count("Terminé") == 2, statuses
    v.open(f"{STEPS}/experiences", "step 3: the period added before closing is kept")
    assert len(browser.find_elements(By.CSS_SELECTOR, "main [name='emplois-0-employeur']")) == 1
    press(v, "button[value='ajouter:sans_emploi']", "step 3: a period without work added")
    press(v, CONTINUE, "step 4: empty", experiences.VALUES)
    assert "Étape 4 sur 5" in browser.title, browser.find_element(By.TAG_NAME, "main").text[:800]
    press(v, "button[value='ajouter:formations']", "step 4: a training added")
    press(v, "button[value='ajouter:langues']", "step 4: a language added")
    press(v, "button[value='ajouter:langues']", "step 4: a second language added")
    press(v, CONTINUE, "step 5: empty", knowledge.VALUES)
    assert "Étape 5 sur 5" in browser.title, browser.find_element(By.TAG_NAME, "main").text[:800]
    press(v, CONTINUE, "the check page", {**project.VALUES, "lieu_1": ["17000"]})
    assert "Vérifier" in browser.title, browser.find_element(By.TAG_NAME, "main").text[:800]
    for answer in ("Camille Anne", "Boulangerie Martin", "CAP Boulanger", "Maçon / Maçonne"):
        assert answer in browser.page_source, answer

    press(v, "form button[type=submit]", "sent: the three slots")
    assert len(browser.find_elements(By.CSS_SELECTOR, "main input[name='creneau']")) == 3
    press(v, "button[type=submit]", "the slot chosen: confirmation", {"creneau": [
        browser.find_element(By.CSS_SELECTOR, "main input[name='creneau']").get_attribute("value")]})
    assert "Votre rendez-vous est pris" in browser.page_source
    v.open("/mon-espace/inscription", "the request's page: booked")

    # At the interview, the counsellor validates the request.
    browser.delete_all_cookies()
    v.open("/connexion", "counsellor: sign-in again")
    v.submit({"identifiant": COUNSELLOR, "mot_de_passe": PASSWORD}, "counsellor: the space again")
    v.open("/conseiller/demandes", "counsellor: the requests")
    v.follow("Camille DURAND", "counsellor: the request")
    request_url = browser.current_url.removeprefix(base)
    v.open(f"{request_url}/validation", "counsellor: validation")
    press(v, f"form[action='{request_url}/validation'] button", "counsellor: validated, identifier told")
    identifier = re.search(r"\b\d{7}[A-Z]\b", browser.find_element(By.TAG_NAME, "main").text).group(0)

    # The candidate signs in with the identifier and reads the letter.
    browser.delete_all_cookies()
    v.open("/connexion", "candidate: sign-in with the identifier")
    v.submit({"identifiant": identifier, "mot_de_passe": PASSWORD}, "candidate: mon espace, registered")
    v.open("/mon-dossier/courriers", "candidate: « Mes courriers »")
    assert "Confirmation d'inscription" in browser.page_source

    assert v.states >= 35
    assert v.failures == {}, report(v.failures)
    assert VNU.is_file(), "vnu.jar missing: run `make test`, which installs it with npm"
    result = subprocess.run(["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "text", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-8000:] + result.stdout[-2000:]
