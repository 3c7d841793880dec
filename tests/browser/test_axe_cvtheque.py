"""The recruiters' CV bank search and a CV's page in headless Chromium through the local gateway:
every state (errors, choices to make, no result, pages, each kind of CV, a CV out of the bank)
through axe, the page checks, the 320 px reflow check and the Nu checker."""

from __future__ import annotations

import subprocess

import pytest

from tests.browser.conftest import local_gateway, report
from tests.browser.test_axe_classeur import SavingVisitor
from tests.browser.test_axe_services import PASSWORD, axe_here  # noqa: F401  (a fixture)
from tests.site.test_vnu import VNU

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var) as (url, _offers):
        yield url, var / "outbox"


def sign_up(v, email: str) -> str:
    """An account made through the pages (each one checked); returns its user id."""
    from tests.functional.accounts.helpers import user_id_of

    v.browser.delete_all_cookies()
    v.open("/compte/creation", f"creation ({email})")
    v.submit({"identifiant": email, "mot_de_passe": PASSWORD, "confirmation": PASSWORD, "code_postal": "17000",
              "question": "1", "reponse": "Médor"}, f"creation: check your mail ({email})")
    v.open(v.last_link(), f"confirmation ({email})")
    v.submit({}, f"confirmed: sign-in ({email})")
    return user_id_of(email)


def make_recruiter(user_id: str) -> None:
    from espace.bootstrap import get_services

    records = get_services().records
    profile = records.get(f"USER#{user_id}", "PROFILE")
    records.put({**profile, "role": "recruteur", "company": "Boulangerie Martin", "siret": "73282932000074"})


def sign_in(v, email: str, retour: str) -> None:
    v.browser.delete_all_cookies()
    v.open(f"/connexion?retour={retour}", f"sign-in ({email})")
    v.submit({"identifiant": email, "mot_de_passe": PASSWORD}, f"signed in, back on {retour}")


def check_vnu(folder) -> None:
    assert VNU.is_file(), "vnu.jar missing: run `make test`, which installs it with npm"
    result = subprocess.run(["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "text", str(folder)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-8000:] + result.stdout[-2000:]


def test_every_state_of_the_cv_bank_search(browser, axe_here, gateway, tmp_path):  # noqa: F811  (fixture)
    from espace.bootstrap import get_services
    from espace.cv.index import CvDocument
    from espace.cv.model import Attachment, PersonalCv
    from espace.cv.service import CvBook
    from tests.functional.recruteurs.proposal_helpers import published_cv

    base, outbox = gateway
    v = SavingVisitor(browser, axe_here, base, outbox, folder=tmp_path)
    services = get_services()
    candidate = sign_up(v, "macon@example.fr")
    published_cv(services, candidate, "cv-macon-00001")
    sharing = sign_up(v, "partage@example.fr")
    published_cv(services, sharing, "cv-partage-001", share_details=True)
    express = sign_up(v, "express@example.fr")
    key = f"users/{express}/cv/personnel/cv.txt"
    services.files.put(key, b"CV", "text/plain")
    services.files.put(key + ".texte", "Aide-soignante en EHPAD\nNuits et week-ends, tél. 06 11 22 33 44".encode(),
                       "text/plain")
    attachment = Attachment(key=key, filename="cv.txt", content_type="text/plain", size=2, uploaded_at=5,
                            text_key=key + ".texte")
    CvBook(services, express).save_personal(PersonalCv(id="perso-000000001", title="Aide-soignante",
                                                       attachment=attachment))
    for n in range(23):
        services.cv_index.put(CvDocument(cv_id=f"cv-page-{n:05d}", user_id=f"u{n}", mode="complet",
                                         title=f"Soudeur {n}", rome_code="H2913", contracts=("CDD",),
                                         updated_at=1_700_000_000 + n))

    make_recruiter(sign_up(v, "rh@entreprise.fr"))
    sign_in(v, "rh@entreprise.fr", "/recruteur/cvtheque")
    assert "Rechercher des CV" in browser.title
    v.submit({"code_rome": "F1703", "lieu": "17000"}, "results: one CV, around a commune")
    assert "cv-macon-00001" in browser.page_source and "06 12 34 56 78" not in browser.page_source
    v.open("/recruteur/cvtheque?recherche=1&code_rome=Z9999&distance=7&contrats=XXX&experience=3",
           "search: every error")
    assert browser.title.startswith("Erreur")
    v.open("/recruteur/cvtheque?recherche=1&metier=agent", "search: métiers to choose from")
    v.open("/recruteur/cvtheque?recherche=1&lieu=La+Rochelle", "search: places to choose from")
    v.open("/recruteur/cvtheque?recherche=1&lieu=Xqzwvville", "search: unknown place")
    v.open("/recruteur/cvtheque?recherche=1&mots_cles=boulanger", "search: no result")
    v.open("/recruteur/cvtheque?recherche=1&code_rome=H2913", "results: page 1 of 2")
    v.open("/recruteur/cvtheque?recherche=1&code_rome=H2913&page=2", "results: page 2 of 2")
    v.open("/recruteur/cvtheque?recherche=1&mots_cles=ehpad", "results: an express CV")
    v.open("/recruteur/cvtheque/cv-macon-00001", "a CV without contact details")
    assert "06 12 34 56 78" not in browser.page_source and "macon@example.fr" not in browser.page_source
    v.open("/recruteur/cvtheque/cv-partage-001", "a CV with contact details (consent)")
    assert "partage@example.fr" in browser.page_source
    v.open("/recruteur/cvtheque/perso-000000001", "an express CV: its text")
    assert "EHPAD" in browser.page_source and "06 11 22 33 44" not in browser.page_source
    book = CvBook(services, candidate)
    book.suspend(book.get("cv-macon-00001"))
    v.open("/recruteur/cvtheque/cv-macon-00001", "a CV out of the bank: 404")
    assert "CV introuvable" in browser.title

    assert v.states >= 25
    assert v.failures == {}, report(v.failures)
    check_vnu(tmp_path)
