"""« Je trouve mon agence » and the registration appointment in headless Chromium through the local
gateway: the finder (every agency, found, several communes, close names, unknown, empty), an
agency's page and an unknown one; the appointment (nothing to book, no slot, three slots, no
choice, a slot taken meanwhile, the confirmation) — each through axe, the page checks and the
320 px reflow check, then the Nu checker."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from selenium.webdriver.common.by import By

from tests.browser.conftest import local_gateway, report
from tests.browser.test_axe_classeur import SavingVisitor
from tests.browser.test_axe_services import PASSWORD, axe_here  # noqa: F401  (a fixture)
from tests.site.test_vnu import VNU

pytestmark = pytest.mark.browser
PATH = "/mon-espace/inscription/rendez-vous"


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var) as (url, _):
        yield url, var / "outbox"


def at(days: int, hour: int) -> int:
    from espace.text import PARIS

    day = dt.datetime.now(PARIS).date() + dt.timedelta(days=days)
    return int(dt.datetime(day.year, day.month, day.day, hour, tzinfo=PARIS).timestamp())


def test_every_state_of_the_finder_and_the_appointment(browser, axe_here, gateway, tmp_path):  # noqa: F811
    from espace.agences.agenda import AgencyAgenda, local_key
    from espace.bootstrap import get_services
    from espace.inscription.model import FIRST
    from espace.inscription.service import RegistrationDesk
    from espace.ports import Delete
    from tests.functional.accounts.helpers import user_id_of
    from tests.functional.inscription.samples import all_steps

    base, outbox = gateway
    services = get_services()
    browser.delete_all_cookies()
    v = SavingVisitor(browser, axe_here, base, outbox, folder=tmp_path)

    v.open("/", "home page: the link to the finder")
    assert browser.find_elements(By.CSS_SELECTOR, "main a[href='/agences']")
    v.open("/agences", "finder: empty, every agency listed")
    v.submit({"lieu": "17000"}, "finder: found by a postal code")
    assert "Agence de La Rochelle" in browser.page_source
    v.open("/agences", "finder again")
    v.submit({"lieu": "17220"}, "finder: several communes for a postal code")
    choice = browser.find_element(By.CSS_SELECTOR, "main a[href^='/agences?commune=']").get_attribute("href")
    v.open(choice.removeprefix(base), "finder: the chosen commune's agency")
    v.open("/agences", "finder again")
    v.submit({"lieu": "La Rochele"}, "finder: close names, error")
    assert "Erreur" in browser.title
    v.open("/agences", "finder again")
    v.submit({"lieu": "Zzyzxville"}, "finder: unknown, error")
    v.open("/agences?lieu=", "finder: empty search, error")
    v.open("/agences?lieu=Bretagne", "finder: a région, error")
    v.open("/agences/2b", "an agency's page")
    v.open("/agences/99", "an unknown agency")

    email = "rendez-vous@example.fr"
    v.open("/compte/creation", "creation")
    v.submit({"identifiant": email, "mot_de_passe": PASSWORD, "confirmation": PASSWORD, "code_postal": "17000",
              "question": "1", "reponse": "Médor"}, "creation: check your mail")
    v.open(v.last_link(), "confirmation")
    v.submit({}, "confirmed: sign-in")
    v.submit({"identifiant": email, "mot_de_passe": PASSWORD}, "signed in")
    v.open(PATH, "appointment: no request sent yet")
    user_id = user_id_of(email)
    RegistrationDesk(services.records).submit(
        user_id, all_steps(), kind=FIRST, agency_id="17", name="Camille DURAND", email=email,
        discard_draft=Delete(f"USER#{user_id}", "DRAFT#inscription"))
    v.open(PATH, "appointment: no free slot, the agency will call")
    agenda = AgencyAgenda(services.records, "17")
    starts = [at(day, 10) for day in range(2, 8)]
    agenda.open(starts, 45, "ouverture-test")
    v.open(PATH, "appointment: three slots")
    v.submit({}, "appointment: no slot chosen, error")
    assert "Erreur" in browser.title
    browser.find_element(By.CSS_SELECTOR, f"input[name='creneau'][value='{local_key(starts[0])}']").click()
    agenda.book(starts[0], "f" * 32, purpose="inscription", reference="autre", name="Quelqu'un")
    v.submit({}, "appointment: the slot was taken meanwhile, three others")
    assert "une autre personne" in browser.page_source
    browser.find_element(By.CSS_SELECTOR, f"input[name='creneau'][value='{local_key(starts[2])}']").click()
    v.submit({}, "appointment: booked, the confirmation")
    assert "Votre rendez-vous est pris" in browser.page_source
    v.open(PATH, "appointment: the confirmation again")
    v.open("/mon-espace/messages", "the confirmation mail in « Mes messages »")

    assert v.states >= 25
    assert v.failures == {}, report(v.failures)
    assert VNU.is_file(), "vnu.jar missing: run `make test`, which installs it with npm"
    result = subprocess.run(["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "text", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-8000:] + result.stdout[-2000:]
