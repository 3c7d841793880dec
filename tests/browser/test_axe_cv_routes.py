"""« Mes CV » in headless Chromium through the local gateway: every state of the list, a CV's page
(draft, online, suspended, complete), the actions (create, suspend, resume, copy, delete with its
confirmation, the full page, the offer search) and the panel, each through axe, the page checks and
the 320 px reflow check (``axe_check``), then the Nu checker on every state."""

from __future__ import annotations

import subprocess

import pytest
from selenium.webdriver.common.by import By

from tests.browser.conftest import local_gateway, report
from tests.browser.test_axe_classeur import SavingVisitor
from tests.browser.test_axe_services import PASSWORD, axe_here  # noqa: F401  (a fixture)
from tests.site.test_vnu import VNU

pytestmark = pytest.mark.browser
CREATE = "form[action='/mon-espace/cv'] button"


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var, sample_offers=5) as (url, _offers):
        yield url, var / "outbox"


def test_every_state_of_mes_cv(browser, axe_here, gateway, tmp_path):  # noqa: F811  (fixture)
    from espace.bootstrap import get_services
    from espace.cv.model import Consent, Experience, Target, Training, WantedPlace
    from espace.cv.service import CvBook, new_id
    from tests.functional.accounts.helpers import user_id_of

    base, outbox = gateway
    browser.delete_all_cookies()
    v = SavingVisitor(browser, axe_here, base, outbox, folder=tmp_path)
    email = "mes-cv@example.fr"
    v.open("/compte/creation", "creation")
    v.submit({"identifiant": email, "mot_de_passe": PASSWORD, "confirmation": PASSWORD, "code_postal": "17000",
              "question": "1", "reponse": "Médor"}, "creation: check your mail")
    v.open(v.last_link(), "confirmation")
    v.submit({}, "confirmed: sign-in")
    v.submit({"identifiant": email, "mot_de_passe": PASSWORD}, "signed in: mon espace")
    v.open("/mon-espace", "dashboard: the CV panel, no CV yet")

    v.open("/mon-espace/cv", "list: empty, both modes")
    v.submit({}, "a new CV's page: draft, gauge at 0 %, created notice", button=CREATE)
    cv_url = browser.current_url.removeprefix(base)
    assert "Votre CV est créé" in browser.page_source
    v.open("/mon-espace/cv", "list: one draft")

    cvs = CvBook(get_services(), user_id_of(email))
    cv = cvs.get(cv_url.rsplit("/", 1)[1])
    place = WantedPlace("commune", "17300", "La Rochelle (17)")
    cvs.set_target(cv, Target(appellation_code="16250", appellation_label="Maçon / Maçonne", rome_code="F1703",
                              rome_label="Maçon / Maçonne", places=[place], contracts=["CDI"], working_times=["plein"]))
    cv.experiences = [Experience(id="e1", job="Maçon", employer="Bâti 17", start="2019-03", description="Murs.")]
    cvs.save(cv)
    cvs.publish(cv, Consent(publish=True))
    v.open(cv_url, "online CV: gauge with what is missing, steps done")
    assert "Votre CV est complété à" in browser.page_source
    v.submit({}, "suspended, with its notice", button=f"form[action='{cv_url}/suspension'] button")
    assert "est suspendu" in browser.page_source
    v.submit({}, "online again, with its notice", button=f"form[action='{cv_url}/remise-en-ligne'] button")
    assert "est remis en ligne" in browser.page_source

    cv = cvs.get(cv.id)
    cv.pitch, cv.other_skills = "Maçon soigneux, dix ans de chantiers.", "Lecture de plans"
    cv.trainings = [Training(id="t1", title="CAP maçon", year="2009", level="3")]
    cvs.save(cv)
    v.open(cv_url, "complete CV: gauge at 100 %")
    assert "Votre CV est complété à 100 %" in browser.page_source

    v.submit({}, "copy: the new CV's page with its notice", button=f"form[action='{cv_url}/copie'] button")
    assert "Un nouveau CV est créé" in browser.page_source
    copy_url = browser.current_url.removeprefix(base)
    v.open(f"{copy_url}/suppression", "deletion: confirmation page")
    v.submit({}, "deleted: list with its notice", button=f"form[action='{copy_url}/suppression'] button")
    assert "est supprimé" in browser.page_source

    for _ in range(3):
        assert cvs.create(new_id()).value == "created"
    v.open("/mon-espace/cv", "list: four CVs, the button still there")
    assert cvs.create(new_id()).value == "created"  # another tab takes the fifth place meanwhile
    v.submit({}, "the full page (409)", button=CREATE)
    assert "c'est le maximum" in browser.page_source
    v.open("/mon-espace/cv", "list: five CVs, no create button")
    assert not browser.find_elements(By.CSS_SELECTOR, f"main {CREATE}")
    v.open(cv_url, "a CV's page when five: no copy button")

    v.open(f"{cv_url}/offres", "offer search from the CV's target")
    assert "/offres/recherche?" in browser.current_url and "appellation=16250" in browser.current_url
    v.open("/mon-espace/cv/inconnu-123456", "unknown CV: 404")
    v.open("/mon-espace", "dashboard: the CV panel with five CVs")

    assert v.states >= 20
    assert v.failures == {}, report(v.failures)
    assert VNU.is_file(), "vnu.jar missing: run `make test`, which installs it with npm"
    result = subprocess.run(["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "text", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-8000:] + result.stdout[-2000:]
