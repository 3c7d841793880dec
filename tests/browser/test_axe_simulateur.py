"""« Mon outil de simulation » in headless Chromium through the local gateway, signed out then
signed in: the empty form, every error state (empty, text and negative values, absurd values,
10 KB fields), the estimate (with the floor and cap, with the decrease), the estimate with a
month of work — each through axe, the page checks and the 320 px reflow check, then the Nu
checker."""

from __future__ import annotations

import subprocess

import pytest
from selenium.webdriver.common.by import By

from tests.browser.conftest import local_gateway, report
from tests.browser.test_axe_classeur import SavingVisitor
from tests.browser.test_axe_services import PASSWORD, axe_here  # noqa: F401  (a fixture)
from tests.site.test_vnu import VNU

pytestmark = pytest.mark.browser
PATH = "/simulateur-allocation"


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var) as (url, _):
        yield url, var / "outbox"


def result(browser, list_id: str) -> dict[str, str]:
    return {row.find_element(By.TAG_NAME, "dt").text: row.find_element(By.TAG_NAME, "dd").text
            for row in browser.find_elements(By.CSS_SELECTOR, f"dl#{list_id} > div")}


def test_every_state_of_the_simulator(browser, axe_here, gateway, tmp_path):  # noqa: F811
    base, outbox = gateway
    browser.delete_all_cookies()
    v = SavingVisitor(browser, axe_here, base, outbox, folder=tmp_path)

    v.open("/", "home page: the link to the simulator")
    assert browser.find_elements(By.CSS_SELECTOR, f"main a[href='{PATH}']")
    v.open("/candidat/mes-droits-et-demarches/mes-allocations/estimer-mon-allocation.html",
           "estimer mon allocation: the link to the simulator")
    assert browser.find_elements(By.CSS_SELECTOR, f"main a[href='{PATH}']")
    v.open(PATH, "simulator: empty form")
    v.submit({}, "simulator: nothing typed, three errors")
    assert browser.title.startswith("Erreur")
    assert len(browser.find_elements(By.CSS_SELECTOR, "[data-error-summary] li")) == 3
    v.submit({"salaires": "beaucoup", "jours": "-3", "age": "quarante", "salaire_mois": "-750"},
             "simulator: text and negative values, four errors")
    assert len(browser.find_elements(By.CSS_SELECTOR, "[data-error-summary] li")) == 4
    assert browser.find_element(By.NAME, "salaires").get_attribute("value") == "beaucoup"
    v.submit({"salaires": "90000000", "jours": "1200", "age": "140", "salaire_mois": "750"},
             "simulator: absurd values")
    huge = "9" * 10_240
    v.open(f"{PATH}?salaires={huge}&jours={huge}&age={huge}&salaire_mois={huge}", "simulator: 10 KB fields")
    assert "au plus 20 caractères" in browser.page_source
    v.open(PATH, "simulator again")
    v.submit({"salaires": "14 400", "jours": "365", "age": "30"}, "simulator: Karim's estimate, the cap")
    assert result(browser, "estimation")["Allocation journalière brute"] == "29,59 €"
    v.submit({"salaires": "50 400", "jours": "730", "age": "40", "salaire_mois": "750"},
             "simulator: Claire's estimate and a month of work")
    assert result(browser, "mois")["Jours indemnisés"] == "17"
    v.submit({"salaires": "219000", "jours": "730", "age": "45", "salaire_mois": ""},
             "simulator: an estimate that decreases after six months")
    assert "À partir du 183e jour indemnisé" in result(browser, "estimation")
    v.submit({"salaires": "29200", "jours": "730", "age": "30", "salaire_mois": "1100"},
             "simulator: a month over the ceiling")

    email = "simulateur@example.fr"
    v.open("/compte/creation", "creation")
    v.submit({"identifiant": email, "mot_de_passe": PASSWORD, "confirmation": PASSWORD, "code_postal": "17000",
              "question": "1", "reponse": "Médor"}, "creation: check your mail")
    v.open(v.last_link(), "confirmation")
    v.submit({}, "confirmed: sign-in")
    v.submit({"identifiant": email, "mot_de_passe": PASSWORD}, "signed in")
    v.open(f"{PATH}?salaires=50400&jours=730&age=40&salaire_mois=2000", "signed in: a month with no allocation")
    assert result(browser, "mois")["Allocation versée"] == "0,00 €"

    assert v.states >= 18
    assert v.failures == {}, report(v.failures)
    assert VNU.is_file(), "vnu.jar missing: run `make test`, which installs it with npm"
    run = subprocess.run(["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "text", str(tmp_path)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-8000:] + run.stdout[-2000:]
