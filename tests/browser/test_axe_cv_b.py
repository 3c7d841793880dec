"""The CV's « Mise en page » and « Envoyer par courriel » pages in headless Chromium through the local
gateway: every state (errors and the daily limit included) through axe, the page checks, the 320 px
reflow check, and the Nu checker."""

from __future__ import annotations

import subprocess

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import local_gateway, report
from tests.browser.test_axe_classeur import SavingVisitor
from tests.browser.test_axe_services import PASSWORD, axe_here  # noqa: F401  (a fixture)
from tests.site.test_vnu import VNU

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var) as (url, _):
        yield url, var / "outbox"


def test_every_state_of_layout_and_sending(browser, axe_here, gateway, monkeypatch, tmp_path):  # noqa: F811
    from espace.bootstrap import get_services
    from espace.cv import mailing
    from espace.cv.model import Attachment, PersonalCv
    from espace.cv.service import CvBook, new_id
    from tests.functional.accounts.helpers import user_id_of
    from tests.functional.cv.sample_cv import contact, full_cv

    base, outbox = gateway
    browser.delete_all_cookies()
    v = SavingVisitor(browser, axe_here, base, outbox, folder=tmp_path)
    email = "cv-mise-en-page@example.fr"
    v.open("/compte/creation", "creation")
    v.submit({"identifiant": email, "mot_de_passe": PASSWORD, "confirmation": PASSWORD, "code_postal": "17000",
              "question": "1", "reponse": "Médor"}, "creation: check your mail")
    v.open(v.last_link(), "confirmation")
    v.submit({}, "confirmed: sign-in")
    v.submit({"identifiant": email, "mot_de_passe": PASSWORD}, "signed in")

    services = get_services()
    user_id = user_id_of(email)
    cvs = CvBook(services, user_id)
    cv_id = new_id()
    cvs.create(cv_id)
    cvs.save(full_cv(cv_id))
    cvs.save_contact(contact())

    url = f"/mon-espace/cv/{cv_id}/mise-en-page"
    v.open(url, "layout: classique, experience first, preview")
    browser.find_element(By.CSS_SELECTOR, "label[for='modele-2']").click()
    browser.find_element(By.CSS_SELECTOR, "label[for='ordre-2']").click()
    v.submit({}, "layout: preview of colonnes, training first", button="button[name=action]")
    assert "cv-doc--colonnes" in browser.page_source and "pas encore enregistré" in browser.page_source
    browser.execute_script("document.getElementById('modele-3').value = 'baroque';"
                           "document.getElementById('modele-3').checked = true;")
    v.submit({}, "layout: forged choice, error")
    assert "Choisissez un des trois modèles proposés" in browser.page_source
    browser.find_element(By.CSS_SELECTOR, "label[for='modele-3']").click()
    browser.find_element(By.CSS_SELECTOR, "main button[type=submit]:not([name])").click()
    WebDriverWait(browser, 20).until(lambda b: not b.current_url.endswith("/mise-en-page"))
    assert cvs.get(cv_id).layout.model == "sobre"
    v.open(url, "layout: sobre saved, preview")
    assert "cv-doc--sobre" in browser.page_source

    send = f"/mon-espace/cv/{cv_id}/envoi"
    v.open(send, "send: form")
    v.submit({"destinataire": "pas-une-adresse", "copies": "a@example.fr, b@", "objet": "", "lettre": "Bonjour"},
             "send: errors")
    assert "Erreur :" in browser.title
    v.submit({"destinataire": "recruteur@example.fr", "copies": "rh@example.fr", "objet": "Candidature 123ABCD",
              "coordonnees": ""}, "send: sent")
    assert "est envoyé à recruteur@example.fr" in browser.page_source
    monkeypatch.setattr(mailing, "PER_DAY", 1)
    v.open(send, "send: form again")
    v.submit({"destinataire": "autre@example.fr", "objet": "Candidature"}, "send: daily limit")
    assert "limite de 1 envois" in browser.page_source
    monkeypatch.undo()

    key = f"users/{user_id}/cv/personnel/original.pdf"
    services.files.put(key, b"%PDF-1.4 fichier", "application/pdf")
    services.records.put(PersonalCv("persobrowser", "Cuisinier", Attachment(key, "cv.pdf", "application/pdf", 16,
                                                                              1)).to_item(user_id))
    v.open("/mon-espace/cv-personnel/envoi", "send personal: form")
    v.submit({"destinataire": "chef@example.fr"}, "send personal: sent")
    assert "est envoyé à chef@example.fr" in browser.page_source

    assert v.states >= 14
    assert v.failures == {}, report(v.failures)
    assert VNU.is_file(), "vnu.jar missing: run `make test`, which installs it with npm"
    result = subprocess.run(["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "text", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-8000:] + result.stdout[-2000:]
