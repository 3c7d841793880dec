"""The express mode's personal CV and a CV's attached file in headless Chromium through the local
gateway: every state (errors included: a missing title, a hostile file) through axe, the page
checks and the 320 px reflow check, and every state's HTML through the Nu checker. The files are
chosen as a person does, in the file input."""

from __future__ import annotations

import subprocess

import pytest
from selenium.webdriver.common.by import By

from tests import cv_files
from tests.browser.conftest import local_gateway, report
from tests.browser.test_axe_classeur import SavingVisitor
from tests.browser.test_axe_services import PASSWORD, axe_here  # noqa: F401  (a fixture)
from tests.site.test_vnu import VNU

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var, sample_offers=1) as (url, _offers):
        yield url, var / "outbox"


def choose_file(browser, path):
    browser.find_element(By.NAME, "fichier").send_keys(str(path))


def test_every_state_of_the_express_cv_and_the_attached_file(browser, axe_here, gateway, tmp_path):  # noqa: F811
    from espace.bootstrap import get_services
    from espace.cv import bank_consent
    from espace.cv.service import CvBook, new_id
    from espace.dossier import consent
    from tests.functional.accounts.helpers import user_id_of

    base, outbox = gateway
    pages = tmp_path / "pages"
    pages.mkdir()
    files = tmp_path / "files"
    files.mkdir()
    good, hostile, exe = files / "mon-cv.pdf", files / "script.pdf", files / "cv.docx"
    good.write_bytes(cv_files.good())
    hostile.write_bytes(cv_files.pdf_with_javascript())
    exe.write_bytes(cv_files.windows_executable())
    docx = files / "cv joint.docx"
    docx.write_bytes(cv_files.good("johnny_coder_resume.docx"))

    browser.delete_all_cookies()
    v = SavingVisitor(browser, axe_here, base, outbox, folder=pages)
    email = "express@example.fr"
    v.open("/compte/creation", "creation")
    v.submit({"identifiant": email, "mot_de_passe": PASSWORD, "confirmation": PASSWORD, "code_postal": "17000",
              "question": "1", "reponse": "Médor"}, "creation: check your mail")
    v.open(v.last_link(), "confirmation")
    v.submit({}, "confirmed: sign-in")

    v.open("/mon-espace/cv-personnel", "sign-in first")
    v.submit({"identifiant": email, "mot_de_passe": PASSWORD}, "express page, no CV yet")
    assert browser.current_url.endswith("/mon-espace/cv-personnel")
    v.submit({}, "nothing typed: two errors")
    assert "Saisissez le titre de votre CV" in browser.page_source, browser.find_element(By.TAG_NAME, "main").text
    assert "Choisissez le fichier de votre CV" in browser.page_source
    choose_file(browser, hostile)
    v.submit({"titre": "Aide-soignante"}, "a PDF with JavaScript: refused")
    assert "contient du JavaScript" in browser.page_source
    assert browser.find_element(By.NAME, "titre").get_attribute("value") == "Aide-soignante"  # kept
    choose_file(browser, good)
    v.submit({}, "deposited and published")
    assert "est enregistré et publié dans la banque de CV" in browser.page_source
    v.submit({}, "suspended", button="form[action='/mon-espace/cv-personnel/suspension'] button")
    assert "est suspendu" in browser.page_source
    v.submit({}, "back online", button="form[action='/mon-espace/cv-personnel/remise-en-ligne'] button")
    # « Partager mon CV avec les employeurs » withdrawn (espace.cv.bank_consent): out of the bank, told.
    uid = user_id_of(email)
    assert consent.change(get_services().records, uid, bank_consent.TOPIC, False, 1)  # given at the deposit
    bank_consent.withdraw(get_services(), uid)
    v.open("/mon-espace/cv-personnel", "consent withdrawn: the notice, not published")
    assert "Vous avez retiré le" in browser.page_source
    v.open("/mon-espace/cv-personnel/suppression", "deletion: confirmation")
    v.submit({}, "deleted: the page to deposit again")
    assert "est supprimé" in browser.page_source

    cv_id = new_id()
    CvBook(get_services(), user_id_of(email)).create(cv_id)
    v.open(f"/mon-espace/cv/{cv_id}/cv-joint", "attached file: none yet")
    assert browser.title.startswith("Étape 2 sur 4 : Mon CV joint")
    choose_file(browser, exe)
    v.submit({}, "a renamed program: refused")
    assert "programme Windows" in browser.page_source
    choose_file(browser, docx)
    v.submit({}, "attached")
    assert "est joint à votre CV" in browser.page_source
    v.submit({}, "removed", button=f"form[action='/mon-espace/cv/{cv_id}/cv-joint/suppression'] button")
    assert "n'est plus joint" in browser.page_source
    v.open(f"/mon-espace/cv/{new_id()}/cv-joint", "another CV: not found")

    assert v.states >= 18
    assert v.failures == {}, report(v.failures)
    assert VNU.is_file(), "vnu.jar missing: run `make test`, which installs it with npm"
    result = subprocess.run(["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "text", str(pages)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-8000:] + result.stdout[-2000:]
