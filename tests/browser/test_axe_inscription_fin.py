"""The end of the registration request in headless Chromium through the local gateway: étape 5
(empty, every error, a job naming several, filled), the check page, the refusal of a second
request, and every state of the request's page (nothing yet, draft, sent, booked, validated,
validated without an appointment, ended) with the dashboard's « Mon inscription » panel — each
through axe, the page checks and the 320 px reflow check, then the Nu checker."""

from __future__ import annotations

import datetime as dt
import subprocess
import time

import pytest
from selenium.webdriver.common.by import By

from espace import clock
from tests.browser.conftest import local_gateway, report
from tests.browser.test_axe_classeur import SavingVisitor
from tests.browser.test_axe_services import PASSWORD, axe_here  # noqa: F401  (a fixture)
from tests.site.test_vnu import VNU

pytestmark = pytest.mark.browser
BASE = "/mon-espace/inscription"
STEP = f"{BASE}/demande/projet"


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var) as (url, _offers):
        yield url, var / "outbox"


def create_account(v, email: str) -> None:
    v.open("/compte/creation", f"{email}: creation")
    v.submit({"identifiant": email, "mot_de_passe": PASSWORD, "confirmation": PASSWORD, "code_postal": "17000",
              "question": "1", "reponse": "Médor"}, f"{email}: check your mail")
    v.open(v.last_link(), f"{email}: confirmation")
    v.submit({}, f"{email}: confirmed, sign-in")
    v.submit({"identifiant": email, "mot_de_passe": PASSWORD}, f"{email}: signed in, mon espace")


def other_steps_saved(user_id: str) -> None:
    """Steps 1 to 4 saved as their pages save them (their own browser files walk them)."""
    from espace.bootstrap import get_services
    from espace.inscription.flow import FLOW, PROJECT
    from espace.web.steps import Drafts
    from tests.functional.inscription.samples import all_steps

    drafts = Drafts(get_services().records, FLOW, user_id)
    for slug, values in all_steps().items():
        if slug != PROJECT:
            drafts.save_step(slug, values, True)


def click(browser, selector: str) -> None:
    browser.find_element(By.CSS_SELECTOR, selector).click()


def fill_project(v, browser, label: str) -> None:
    v.open(STEP, f"{label}: step 5")
    v.submit({"metier": "Maçon / Maçonne", "code_rome": "", "distance": "30", "lieu_1": "17000"},
             f"{label}: step 5 half filled, errors", button="button[value=continuer]")
    click(browser, "input[name=contrats][value=CDI]")
    click(browser, "input[name=temps][value=plein]")
    click(browser, "input[name=qualification][value=ouvrier-qualifie]")
    v.submit({}, f"{label}: the check page", button="button[value=continuer]")


def test_every_state_of_step_5_sending_and_the_request_s_page(browser, axe_here, gateway, tmp_path):  # noqa: F811
    from espace.bootstrap import get_services
    from espace.dossier.opening import dossier_of, open_dossier
    from espace.inscription.model import BOOKED
    from espace.inscription.service import RegistrationDesk
    from espace.ports import Put
    from tests.functional.accounts.helpers import user_id_of

    base, outbox = gateway
    services = get_services()
    desk = RegistrationDesk(services.records)
    browser.delete_all_cookies()
    v = SavingVisitor(browser, axe_here, base, outbox, folder=tmp_path)
    email = "fin@example.fr"
    create_account(v, email)
    user_id = user_id_of(email)
    v.open(BASE, "request's page: nothing yet")
    v.open("/mon-espace", "dashboard: « Mon inscription », nothing yet")
    assert "Commencer ma demande d'inscription" in browser.page_source

    v.open(STEP, "step 5: empty")
    v.submit({}, "step 5: every error", button="button[value=continuer]")
    assert "Erreur" in browser.title
    v.submit({"metier": "vendeur", "distance": "abc", "lieu_1": "Saint-Denis"},
             "step 5: several jobs and places offered, a bad distance", button="button[value=continuer]")
    assert browser.find_elements(By.CSS_SELECTOR, "input[name=appellation]")
    click(browser, "input[name=temps][value=partiel]")
    v.submit({"heures": "40", "lieu_2": "Bretagne"}, "step 5: part time hours and a région refused",
             button="button[value=continuer]")
    v.open(BASE, "request's page: a draft")
    assert "sera supprimé le" in browser.page_source
    v.open("/mon-espace", "dashboard: a draft")

    other_steps_saved(user_id)
    v.open(STEP, "step 5 again, what was typed kept")
    for name, value in (("metier", "Maçon / Maçonne"), ("code_rome", ""), ("distance", "30"), ("lieu_1", "17000"),
                        ("lieu_2", ""), ("heures", "")):
        field = browser.find_element(By.NAME, name)
        field.clear()
        if value:
            field.send_keys(value)
    click(browser, "input[name=temps][value=plein]")
    click(browser, "input[name=contrats][value=CDI]")
    click(browser, "input[name=qualification][value=ouvrier-qualifie]")
    v.submit({}, "the check page", button="button[value=continuer]")
    assert "Vérifier ma demande d'inscription" in browser.title, browser.find_element(By.TAG_NAME, "main").text[:1500]
    assert "Maçon / Maçonne" in browser.page_source
    v.submit({}, "sent: on to the appointment")
    v.open(BASE, "request's page: sent, the appointment to choose")
    assert "Choisir mon rendez-vous" in browser.page_source
    v.open("/mon-espace", "dashboard: sent")

    other_steps_saved(user_id)
    fill_project(v, browser, "a second request")
    v.submit({}, "a second request refused: one pending")
    assert "Vous avez déjà une demande d'inscription en cours" in browser.page_source

    registration = desk.current(user_id)
    registration.state = BOOKED
    registration.appointment = {"start": int(time.time()) + 3 * 86400, "length": 45, "agency_id": "17"}
    desk.save(registration)
    v.open(BASE, "request's page: booked, the agency and its hours")
    assert "Horaires d'ouverture" in browser.page_source
    v.open("/mon-espace", "dashboard: booked")

    open_dossier(services.records, registration, by="conseiller-test")
    v.open(BASE, "request's page: validated, the identifier")
    v.open("/mon-espace", "dashboard: registered")
    v.open(f"{BASE}/demande/verification", "the draft's check page while registered")
    v.submit({}, "a request refused: already registered")
    assert "Vous êtes déjà inscrit" in browser.page_source

    dossier = dossier_of(services.records, user_id)
    dossier.periods[-1]["end"] = (clock.today() - dt.timedelta(days=30)).isoformat()
    services.records.transact([Put(dossier.item())])
    services.records.delete(f"USER#{user_id}", "DRAFT#inscription")
    v.open(BASE, "request's page: registration ended, re-register")
    v.open("/mon-espace", "dashboard: ended")
    other_steps_saved(user_id)
    fill_project(v, browser, "re-registration")
    v.submit({}, "re-registered at once, without an appointment")
    assert "validée sans rendez-vous" in browser.page_source

    assert v.states >= 30
    assert v.failures == {}, report(v.failures)
    assert VNU.is_file(), "vnu.jar missing: run `make test`, which installs it with npm"
    result = subprocess.run(["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "text", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-8000:] + result.stdout[-2000:]
