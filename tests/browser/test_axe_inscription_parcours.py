"""Étapes 3 and 4 of the registration request in headless Chromium through the local gateway:
each step empty, with one and with three groups, with errors, a group removed, then done — each
state through axe, the page checks and the 320 px reflow check, then the Nu checker. Also what a
keyboard user meets: Enter in a field saves and continues (never « Supprimer »), and « Ajouter »
leads to the new group."""

from __future__ import annotations

import subprocess

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.browser.conftest import local_gateway, report
from tests.browser.test_axe_classeur import SavingVisitor
from tests.browser.test_axe_services import PASSWORD, axe_here  # noqa: F401  (a fixture)
from tests.site.test_vnu import VNU

pytestmark = pytest.mark.browser
STEPS = "/mon-espace/inscription/demande"
CONTINUE = "button[type=submit][value='continuer']"


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var) as (url, _offers):
        yield url, var / "outbox"


def fill(browser, values: dict[str, str]) -> None:
    """Text inputs and selects by name; radios and checkboxes by « name=value »."""
    for name, value in values.items():
        if "=" in name:
            browser.find_element(By.CSS_SELECTOR, f"input[name='{name.split('=')[0]}'][value='{value}']").click()
            continue
        element = browser.find_element(By.NAME, name)
        if element.tag_name == "select":
            element.find_element(By.CSS_SELECTOR, f'option[value="{value}"]').click()
        else:
            element.clear()
            element.send_keys(value)


def press(v, value: str, state: str) -> None:
    v.submit({}, state, button=f"button[value='{value}']")


def groups(browser) -> list[str]:
    return [h.text for h in browser.find_elements(By.CSS_SELECTOR, ".group__entry h3")]


def job(n: int, employer: str, start: tuple[str, str, str], end: tuple[str, str, str]) -> dict[str, str]:
    return {f"emplois-{n}-employeur": employer, f"emplois-{n}-poste": "Vendeuse", f"emplois-{n}-contrat": "CDD",
            f"emplois-{n}-debut-jour": start[0], f"emplois-{n}-debut-mois": start[1],
            f"emplois-{n}-debut-annee": start[2], f"emplois-{n}-fin-jour": end[0], f"emplois-{n}-fin-mois": end[1],
            f"emplois-{n}-fin-annee": end[2], f"emplois-{n}-motif_fin": "fin-cdd", f"emplois-{n}-salaire": "9 800,50",
            f"emplois-{n}-heures": "700"}


def test_steps_3_and_4_in_every_state(browser, axe_here, gateway, tmp_path):  # noqa: F811
    base, outbox = gateway
    browser.delete_all_cookies()
    v = SavingVisitor(browser, axe_here, base, outbox, folder=tmp_path)
    email = "parcours-inscription@example.fr"
    v.open("/compte/creation", "creation")
    v.submit({"identifiant": email, "mot_de_passe": PASSWORD, "confirmation": PASSWORD, "code_postal": "17000",
              "question": "1", "reponse": "Médor"}, "creation: check your mail")
    v.open(v.last_link(), "confirmation")
    v.submit({}, "confirmed: sign-in")
    v.submit({"identifiant": email, "mot_de_passe": PASSWORD}, "signed in")

    # Étape 3.
    v.open(f"{STEPS}/experiences", "step 3: empty")
    assert groups(browser) == [] and "Aucune période d'emploi déclarée." in browser.page_source
    v.submit({}, "step 3: nothing declared, error", button=CONTINUE)
    assert "Erreur" in browser.title and "Déclarez au moins une période" in browser.page_source
    press(v, "ajouter:emplois", "step 3: one period of work, empty")
    assert browser.current_url.endswith("#emplois-0") and groups(browser) == ["Période d'emploi 1"]
    # The new group is the address's target and has the focus: Tab goes on to its first field.
    target = browser.execute_script("return document.querySelector(':target') && document.querySelector(':target').id")
    assert target == "emplois-0" and browser.execute_script("return document.activeElement.id") == "emplois-0"
    # Enter in a field saves and continues: the step comes back with its errors, the group still there.
    fill(browser, {"emplois-0-employeur": "Boulangerie Martin", "emplois-0-salaire": "beaucoup",
                   "emplois-0-debut-jour": "31", "emplois-0-debut-mois": "2", "emplois-0-debut-annee": "2025"})
    browser.find_element(By.NAME, "emplois-0-employeur").send_keys(Keys.ENTER)
    v.check("step 3: Enter in a field, errors in the period")
    assert groups(browser) == ["Période d'emploi 1"] and "Erreur" in browser.title
    assert "date réelle" in browser.page_source and "Le montant doit être un nombre" in browser.page_source
    assert browser.find_element(By.NAME, "emplois-0-employeur").get_attribute("value") == "Boulangerie Martin"
    fill(browser, job(0, "Boulangerie Martin", ("1", "3", "2024"), ("31", "8", "2025")))
    press(v, "ajouter:emplois", "step 3: two periods of work")
    fill(browser, job(1, "Primeur", ("1", "6", "2023"), ("31", "12", "2023")))
    press(v, "ajouter:sans_emploi", "step 3: three groups, the last without work")
    assert groups(browser) == ["Période d'emploi 1", "Période d'emploi 2", "Période sans emploi 1"]
    fill(browser, {"sans_emploi-0-motif": "chomage", "sans_emploi-0-debut-jour": "1",
                   "sans_emploi-0-debut-mois": "8", "sans_emploi-0-debut-annee": "2025"})
    v.submit({}, "step 3: a period without work overlapping a job, error", button=CONTINUE)
    assert "chevauche la période d'emploi 1" in browser.page_source
    press(v, "supprimer:emplois:1", "step 3: a period removed, its notice")
    assert groups(browser) == ["Période d'emploi 1", "Période sans emploi 1"]
    assert "La période d'emploi 2 est retirée de la liste." in browser.page_source
    fill(browser, {"sans_emploi-0-debut-mois": "9"})
    v.submit({}, "step 4: empty", button=CONTINUE)
    assert browser.current_url.endswith(f"{STEPS}/formation")

    # Étape 4.
    assert groups(browser) == []
    v.submit({}, "step 4: no level, error", button=CONTINUE)
    fill(browser, {"niveau": "3"})
    press(v, "ajouter:formations", "step 4: one training, empty")
    assert groups(browser) == ["Formation 1"]
    fill(browser, {"formations-0-intitule": "CAP Boulanger", "formations-0-statut=obtenu": "obtenu",
                   "formations-0-annee": "2015"})
    press(v, "ajouter:langues", "step 4: a training and a language")
    fill(browser, {"langues-0-langue": "fr", "langues-0-niveau=natif": "natif"})
    press(v, "ajouter:langues", "step 4: two languages")
    fill(browser, {"langues-1-langue": "en", "langues-1-niveau=B1": "B1"})
    press(v, "ajouter:langues", "step 4: three languages")
    assert groups(browser) == ["Formation 1", "Langue 1", "Langue 2", "Langue 3"]
    fill(browser, {"langues-2-langue": "en", "langues-2-niveau=A2": "A2"})
    v.submit({}, "step 4: errors (no diploma title, a language twice)", button=CONTINUE)
    assert "Saisissez l'intitulé de votre diplôme le plus élevé" in browser.page_source
    assert "Vous avez déjà indiqué « Anglais » plus haut" in browser.page_source
    press(v, "supprimer:langues:2", "step 4: the language twice removed")
    fill(browser, {"diplome": "CAP Boulanger"})
    browser.find_element(By.CSS_SELECTOR, "input[name='permis'][value='B']").click()
    v.submit({}, "step 5, after step 4 done", button=CONTINUE)
    assert browser.current_url.endswith(f"{STEPS}/projet")
    v.open(f"{STEPS}/formation", "step 4: done, shown again")
    assert groups(browser) == ["Formation 1", "Langue 1", "Langue 2"]
    v.open(STEPS, "the task list: steps 3 and 4 done")

    assert v.states >= 20
    assert v.failures == {}, report(v.failures)
    assert VNU.is_file(), "vnu.jar missing: run `make test`, which installs it with npm"
    result = subprocess.run(["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "text", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-8000:] + result.stdout[-2000:]


def test_adding_and_removing_a_period_in_a_text_browser(gateway, tmp_path):
    """lynx (no JavaScript, no CSS) sends the step's form with « Ajouter » then « Supprimer »: it
    follows the redirect to the group and reads the step again, the value typed kept."""
    from tests.browser.lynx import Lynx, create_codes, sign_in

    base, outbox = gateway
    email = "lynx-inscription@example.fr"
    lynx = Lynx(base, tmp_path / "cookies")
    create_codes(lynx, outbox, email)
    sign_in(lynx, email)

    action, fields = lynx.form(f"{STEPS}/experiences", "/experiences")
    assert "Aucune période d'emploi déclarée" in lynx.text(f"{STEPS}/experiences")
    page = lynx.text(action, {**fields, "action": "ajouter:emplois"})
    assert "Période d'emploi 1" in page and "Employeur" in page
    action, fields = lynx.form(f"{STEPS}/experiences", "/experiences")
    assert "emplois-0-employeur" in fields and fields["emplois-0"] == "1"
    page = lynx.text(action, {**fields, "emplois-0-employeur": "Boulangerie Martin", "action": "ajouter:sans_emploi"})
    assert "Période d'emploi 1" in page and "Période sans emploi 1" in page
    action, fields = lynx.form(f"{STEPS}/experiences", "/experiences")
    assert fields["emplois-0-employeur"] == "Boulangerie Martin"
    page = lynx.text(action, {**fields, "action": "supprimer:sans_emploi:0"})
    assert "La période sans emploi 1 est retirée de la liste." in page and "Période sans emploi 1" not in page
