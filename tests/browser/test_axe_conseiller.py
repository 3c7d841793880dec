"""The counsellors' side in headless Chromium through the local gateway: the space, the week's
agenda, opening slots (empty, with errors, done), a booked slot that cannot be closed, the day's
appointments, the requests, a request, a correction (with errors), the validation, the end of the
registration (with errors), the password form (with errors) — each state through axe, the page
checks and the 320 px reflow check, then the Nu checker on every state."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from selenium.webdriver.common.by import By

from espace import clock
from tests.browser.conftest import local_gateway, report
from tests.browser.test_axe_classeur import SavingVisitor
from tests.browser.test_axe_services import PASSWORD, axe_here  # noqa: F401  (a fixture)
from tests.functional.conseillers.helpers import at, book, date_fields, next_monday
from tests.functional.conseillers.test_requests import _Identity
from tests.site.test_vnu import VNU

pytestmark = pytest.mark.browser
EMAIL = "conseil@agence-la-rochelle.example"


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var) as (url, _offers):
        yield url, var / "outbox"


def _request():
    """A request sent to the La Rochelle agency (the candidate's pages are other parts')."""
    import uuid

    from espace.bootstrap import get_services
    from espace.inscription.model import FIRST
    from espace.inscription.service import RegistrationDesk
    from espace.ports import Delete
    from tests.functional.inscription.samples import all_steps

    user_id = uuid.uuid4().hex
    return RegistrationDesk(get_services().records).submit(
        user_id, all_steps(), kind=FIRST, agency_id="17", name="Camille DURAND", email="candidat@example.org",
        discard_draft=Delete(f"USER#{user_id}", "DRAFT#inscription"))


def test_every_state_of_the_counsellors_side(browser, axe_here, gateway, tmp_path, monkeypatch):  # noqa: F811
    from espace.bootstrap import get_services
    from espace.conseillers import requests
    from espace.conseillers.accounts import create_counsellor
    from espace.inscription.flow import ADMINISTRATIVE, FLOW
    from espace.web.steps import Flow, Step

    base, outbox = gateway
    browser.delete_all_cookies()
    v = SavingVisitor(browser, axe_here, base, outbox, folder=tmp_path)
    create_counsellor(get_services().records, EMAIL, PASSWORD, agency_id="17", name="Camille Martin")
    registration = _request()
    v.open("/connexion", "sign-in")
    v.submit({"identifiant": EMAIL, "mot_de_passe": PASSWORD}, "space: no appointment today")
    assert browser.current_url.endswith("/conseiller")

    monday = next_monday()
    v.open(f"/conseiller/agenda?semaine={monday.isoformat()}", "agenda: an empty week")
    v.open("/conseiller/agenda/ouverture", "opening: empty form")
    opening = "form[action='/conseiller/agenda/ouverture'] button"
    for name, value in {**date_fields("premier_jour", monday),
                        **date_fields("dernier_jour", monday + dt.timedelta(days=4))}.items():
        element = browser.find_element(By.NAME, name)
        element.clear()
        element.send_keys(value)
    for day in ("1", "6"):
        browser.find_element(By.CSS_SELECTOR, f"main input[name='jours'][value='{day}']").click()
    v.submit({"debut": "07:30", "fin": "10:00", "duree": "30"}, "opening: closed day, before opening time",
             button=opening)
    assert "Erreur" in browser.title
    browser.find_element(By.CSS_SELECTOR, "main input[name='jours'][value='6']").click()
    v.submit({"debut": "09:00"}, "agenda: slots opened, told", button=opening)
    assert "créneaux ouverts" in browser.page_source

    book(registration, at(monday, 9, 30))
    v.open(f"/conseiller/agenda?semaine={monday.isoformat()}", "agenda: free and booked slots")
    v.submit({}, "agenda: a slot closed", button=f"form[action='/conseiller/agenda/{monday.isoformat()}T09:00/"
                                                 "fermeture'] button")
    assert "est fermé" in browser.page_source
    v.open(f"/conseiller/rendez-vous?jour={monday.isoformat()}", "day: one appointment")
    v.open(f"/conseiller/rendez-vous?jour={(monday + dt.timedelta(days=2)).isoformat()}", "day: no appointment")
    v.open("/conseiller/demandes", "requests: one with an appointment")
    url = f"/conseiller/demandes/{registration.reference}"
    v.open(url, "request: booked, correctable")

    first = Step(ADMINISTRATIVE, FLOW.steps[0].title, _Identity.form(), "components/examples/step_fields.html")
    monkeypatch.setattr(requests, "FLOW", Flow(FLOW.name, FLOW.title, FLOW.base, (first, *FLOW.steps[1:])))
    correct = f"form[action='{url}/{ADMINISTRATIVE}'] button"
    v.open(f"{url}/{ADMINISTRATIVE}", "correction: the step's form")
    v.submit({"nom": ""}, "correction: errors", button=correct)
    assert "Erreur" in browser.title
    v.submit({"nom": "DUPONT", "naissance-jour": "3", "naissance-mois": "4", "naissance-annee": "1990"},
             "request: corrected, the correction listed", button=correct)
    monkeypatch.undo()
    for step in FLOW.steps[1:]:
        v.open(f"{url}/{step.slug}", f"correction: step {step.slug}")

    v.open(f"{url}/validation", "validation: confirmation page")
    v.submit({}, "request: validated, identifier told", button=f"form[action='{url}/validation'] button")
    assert "est validée" in browser.page_source
    v.open(f"{url}/{FLOW.steps[1].slug}", "correction of a validated request: 409")
    end = f"form[action='{url}/cessation'] button"
    v.open(f"{url}/cessation", "cessation: empty form")
    v.submit({}, "cessation: errors", button=end)
    assert "Erreur" in browser.title
    browser.find_element(By.CSS_SELECTOR, "main input[name='motif'][value='formation']").click()
    v.submit(date_fields("date_fin", clock.today()), "request: registration ended", button=end)
    assert "prend fin le" in browser.page_source
    v.open(f"{url}/cessation", "cessation: nothing to end (409)")
    v.open("/conseiller/demandes", "requests: one validated")
    v.open("/conseiller/demandes/inconnue", "unknown request: 404")

    password = "form[action='/conseiller/mot-de-passe'] button"
    v.open("/conseiller/mot-de-passe", "password: empty form")
    v.submit({"actuel": "pas le bon", "mot_de_passe": "court", "confirmation": "autre"}, "password: errors",
             button=password)
    assert "Erreur" in browser.title
    v.open("/conseiller", "space: the requests counted")

    assert v.states >= 30
    assert v.failures == {}, report(v.failures)
    assert VNU.is_file(), "vnu.jar missing: run `make test`, which installs it with npm"
    result = subprocess.run(["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "text", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-8000:] + result.stdout[-2000:]
