"""The classeur d'offres in headless Chromium through the local gateway: every state through axe,
the page checks and the 320 px reflow check (in ``axe_check``)."""

from __future__ import annotations

import subprocess

import pytest
from selenium.webdriver.common.by import By

from tests.browser.conftest import local_gateway, report
from tests.browser.test_axe_services import PASSWORD, Visitor, axe_here  # noqa: F401  (a fixture)
from tests.site.test_vnu import VNU

pytestmark = pytest.mark.browser
ADD = "main form[action='/mon-espace/classeur/ajout'] button"


class SavingVisitor(Visitor):
    """Keeps each state's HTML too, for the Nu checker."""

    def __init__(self, *args, folder):
        super().__init__(*args)
        self.folder = folder

    def check(self, state: str):
        html = "<!DOCTYPE html>\n" + self.browser.page_source  # the DOM, as served: its doctype
        (self.folder / f"state{self.states:02d}.html").write_text(html, encoding="utf-8")
        super().check(state)


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    """Both functions behind the local gateway, on fresh stores and an index of a few offers."""
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var, sample_offers=5) as (url, offers):
        yield url, var / "outbox", offers


def test_every_state_of_the_classeur(browser, axe_here, gateway, monkeypatch, tmp_path):  # noqa: F811  (fixture)
    from espace.bootstrap import get_services
    from espace.classeur import service

    base, outbox, offers = gateway
    browser.delete_all_cookies()
    v = SavingVisitor(browser, axe_here, base, outbox, folder=tmp_path)
    email = "classeur@example.fr"
    v.open("/compte/creation", "creation")
    v.submit({"identifiant": email, "mot_de_passe": PASSWORD, "confirmation": PASSWORD, "code_postal": "17000",
              "question": "1", "reponse": "Médor"}, "creation: check your mail")
    v.open(v.last_link(), "confirmation")
    v.submit({}, "confirmed: sign-in")

    word = offers[0].title.split()[0]
    v.open(f"/offres/recherche?motsCles={word}", "results page with a button per row")
    assert browser.find_elements(By.CSS_SELECTOR, "table.results form button")
    v.open(f"/offres/{offers[0].id}", "offer page, signed out")
    v.submit({}, "sign-in page telling why", button=ADD.removeprefix("main "))
    assert "Connectez-vous pour ajouter cette offre" in browser.page_source
    v.submit({"identifiant": email, "mot_de_passe": PASSWORD}, "back on the offer page: added notice")
    assert browser.current_url.endswith(f"/offres/{offers[0].id}")
    assert "est ajoutée à votre classeur" in browser.page_source

    v.open(f"/offres/{offers[1].id}", "offer page, signed in")
    v.submit({}, "second offer added", button=ADD.removeprefix("main "))
    v.open("/mon-espace/classeur", "classeur with entries")
    assert len(browser.find_elements(By.CSS_SELECTOR, "form[action='/mon-espace/classeur/retrait']")) == 2

    monkeypatch.setattr(service, "MAX_OFFERS", 2)
    v.open(f"/offres/{offers[2].id}", "offer page, classeur full")
    v.submit({}, "limit error", button=ADD.removeprefix("main "))
    assert "le maximum" in browser.page_source
    monkeypatch.undo()

    get_services().offers.delete([offers[1].id])
    v.open("/mon-espace/classeur", "removal notice")
    assert "a été pourvue ou retirée" in browser.page_source
    v.submit({}, "removed: classeur empty with its notice", button="form[action='/mon-espace/classeur/retrait'] button")
    assert "Votre classeur est vide" in browser.page_source
    v.open("/mon-espace", "dashboard with the classeur panel")

    assert v.states >= 14
    assert v.failures == {}, report(v.failures)
    assert VNU.is_file(), "vnu.jar missing: run `make test`, which installs it with npm"
    result = subprocess.run(["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "text", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-8000:] + result.stdout[-2000:]
