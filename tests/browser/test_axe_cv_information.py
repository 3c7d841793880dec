"""Étape 1 « Les informations de mon CV » in headless Chromium through the local gateway: every
state of every rubric — empty, each kind of error, a typing kept from an earlier visit, saved —,
the lists of experiences and trainings (add, reorder, change, remove, the limit), languages,
licences, skills and contact details, through axe, the page checks, the 320 px reflow check
(``axe_check``) and the Nu Html Checker."""

from __future__ import annotations

import subprocess

import pytest
from selenium.webdriver.common.by import By

from tests.browser.conftest import local_gateway, report
from tests.browser.test_axe_classeur import SavingVisitor
from tests.browser.test_axe_services import PASSWORD, axe_here  # noqa: F401  (a fixture)
from tests.site.test_vnu import VNU

pytestmark = pytest.mark.browser
EMAIL = "cv-informations@example.fr"
JOB = {"poste": "Maçon", "employeur": "Bâtiments Durand", "lieu": "La Rochelle", "debut-mois": "3",
       "debut-annee": "2019", "fin-mois": "6", "fin-annee": "2021", "description": "Murs en parpaing, enduits."}


class InformationVisitor(SavingVisitor):
    """Fills the fields of the page's main part only: « description » is also a meta's name."""

    def submit(self, values: dict[str, str], state: str, button: str = "button[type=submit]"):
        for name, value in values.items():
            element = self.browser.find_element(By.CSS_SELECTOR, f'main [name="{name}"]')
            if element.tag_name == "select":
                element.find_element(By.CSS_SELECTOR, f'option[value="{value}"]').click()
            else:
                element.clear()
                element.send_keys(value)
        self.send(button, state)


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var) as (url, _):
        yield url, var / "outbox"


def test_every_state_of_the_cv_information(browser, axe_here, gateway, tmp_path):  # noqa: F811  (fixture)
    from espace.bootstrap import get_services
    from espace.cv.model import MAX_EXPERIENCES, Experience
    from espace.cv.service import CvBook, new_id

    base, outbox = gateway
    browser.delete_all_cookies()
    v = InformationVisitor(browser, axe_here, base, outbox, folder=tmp_path)
    v.open("/compte/creation", "creation")
    v.submit({"identifiant": EMAIL, "mot_de_passe": PASSWORD, "confirmation": PASSWORD, "code_postal": "17000",
              "question": "1", "reponse": "Médor"}, "creation: check your mail")
    v.open(v.last_link(), "confirmation")
    v.submit({}, "confirmed: sign-in")
    v.submit({"identifiant": EMAIL, "mot_de_passe": PASSWORD}, "dashboard")
    [account] = get_services().records.query(f"EMAIL#{EMAIL}", "ACCOUNT")
    book = CvBook(get_services(), account["user_id"])
    cv_id = new_id()
    book.create(cv_id)
    info = f"/mon-espace/cv/{cv_id}/informations"

    def click(selector: str, state: str) -> None:
        browser.find_element(By.CSS_SELECTOR, selector).click()
        v.check(state)

    v.open(info, "overview: every rubric empty")
    assert browser.title.startswith("Étape 2 sur 4 : Les informations de mon CV")

    # Titre: an error, the typing kept for another visit, abandoned, saved.
    v.open(f"{info}/titre", "titre: empty")
    v.submit({"titre": ""}, "titre: error")
    assert "Erreur" in browser.title
    v.open(f"{info}/titre", "titre: the typing kept from an earlier visit, with its error")
    assert "Votre dernière saisie n'a pas été enregistrée" in browser.page_source
    v.open(info, "overview: a rubric with unsaved typing")
    v.open(f"{info}/titre", "titre: kept again")
    click("main form button[value='abandonner']", "titre: typing abandoned")
    v.submit({"titre": "Cheffe d'équipe maçonnerie"}, "overview: title saved")

    v.open(f"{info}/accroche", "accroche: empty")
    v.submit({"accroche": "a" * 1001}, "accroche: too long")
    v.submit({"accroche": "Maçonne depuis 8 ans, je cherche un poste de cheffe d'équipe."}, "overview: pitch saved")

    # Experiences: the empty list, every kind of error, two added, reordered, changed, removed.
    v.open(f"{info}/experiences", "experiences: none yet")
    v.open(f"{info}/experiences/ajout", "experience: empty form")
    v.submit({}, "experience: required fields")
    v.submit({**JOB, "debut-mois": "13", "fin-annee": "20"}, "experience: month and year errors")
    v.submit({**JOB, "fin-mois": "1", "fin-annee": "2019"}, "experience: end before start")
    v.submit({**JOB, "debut-annee": "2999"}, "experience: start in the future")
    v.open(f"{info}/experiences", "experiences: an addition not saved, told")
    v.open(f"{info}/experiences/ajout", "experience: the typing kept, with its error")
    v.submit(JOB, "experiences: one added")
    v.open(f"{info}/experiences/ajout", "experience: second form")
    v.submit({**JOB, "poste": "Apprentie", "debut-mois": "9", "debut-annee": "2016", "fin-mois": "8",
              "fin-annee": "2018", "description": ""}, "experiences: two, with move buttons")
    click("main form[action$='/deplacement'] button", "experiences: the first moved down")
    browser.find_element(By.PARTIAL_LINK_TEXT, "Modifier").click()
    v.check("experience: edit form")
    v.submit({"fin-mois": "2", "fin-annee": "2016"}, "experience: edit error")
    v.submit({"fin-mois": "12", "fin-annee": "2018"}, "experiences: changed")
    browser.find_elements(By.PARTIAL_LINK_TEXT, "Supprimer")[1].click()
    v.check("experience: removal confirmation")
    v.submit({}, "experiences: one removed")

    cv = book.get(cv_id)
    kept = cv.experiences[0]
    cv.experiences = [kept] + [Experience(id=f"exp{n:05d}", job=f"Poste {n}", employer="Durand", start="2010-01",
                                          end="2010-12") for n in range(MAX_EXPERIENCES - 1)]
    book.save(cv)
    v.open(f"{info}/experiences", "experiences: the maximum reached")
    v.open(f"{info}/experiences/ajout", "experience: cannot add, the maximum")
    v.open(f"{info}/experiences/inconnue", "experience: not found")
    cv = book.get(cv_id)
    cv.experiences = [kept]
    book.save(cv)

    # Trainings.
    v.open(f"{info}/formations/ajout", "formation: empty form")
    v.submit({}, "formation: required fields")
    browser.find_element(By.ID, "statut-1").click()
    v.submit({"intitule": "CAP Maçon", "annee": "2999", "niveau": "3"}, "formation: obtained in the future")
    v.submit({"annee": "2012", "etablissement": "Lycée Rompsay"}, "formations: one added")

    # Languages, licences, skills, contact details.
    v.open(f"{info}/langues", "langues: none yet")
    v.submit({}, "langues: errors", button="form[action$='/langues'] button")
    browser.find_element(By.ID, "niveau-4").click()
    v.submit({"langue": "en"}, "langues: one added", button="form[action$='/langues'] button")
    v.submit({}, "langues: removed", button="form[action$='/suppression'] button")
    v.open(f"{info}/permis", "permis: none")
    browser.find_element(By.ID, "permis-6").click()
    v.submit({}, "overview: licence saved")
    v.open(f"{info}/competences", "competences: empty")
    v.submit({"competences": "x" * 2001}, "competences: too long")
    v.submit({"competences": "CACES R482\nSauveteur secouriste du travail"}, "overview: skills saved")
    v.open(f"{info}/coordonnees", "coordonnees: the account's address filled in")
    v.submit({"courriel": "lea@", "telephone": "06 12 34", "code_postal": "1700"}, "coordonnees: errors")
    v.submit({"prenom": "Léa", "nom": "Martin", "courriel": EMAIL, "telephone": "+33612345678",
              "code_postal": "17000", "ville": "La Rochelle"}, "overview: every rubric filled")
    assert "+33 6 12 34 56 78" in browser.page_source

    assert v.states >= 45
    assert v.failures == {}, report(v.failures)
    assert VNU.is_file(), "vnu.jar missing: run `make test`, which installs it with npm"
    result = subprocess.run(["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "text", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-8000:] + result.stdout[-2000:]
