"""« Postuler » and « Mes candidatures » in headless Chromium through the local gateway: every page
and state — the offer page's button, the steps with their errors, the check page, the sent
application, the list (en cours, archivées), the history with a shared reason, withdrawal and its
confirmation, the pages of offers that cannot be applied to, no CV yet, a mail that could not leave
— each through axe, the page checks and the 320 px reflow check, then the Nu checker."""

from __future__ import annotations

import subprocess

import pytest
from selenium.webdriver.common.by import By

from tests.browser.conftest import local_gateway, report
from tests.browser.test_axe_classeur import SavingVisitor
from tests.browser.test_axe_services import PASSWORD, axe_here  # noqa: F401  (a fixture)
from tests.site.test_vnu import VNU

pytestmark = pytest.mark.browser
MAIL_CONTACT = "embauche@fournil.example"


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var, sample_offers=5) as (url, offers):
        from espace.bootstrap import get_services
        from espace.offers.schema import validate_offer
        from tests.functional.offers.conftest import sample_offers

        services = get_services()
        # The first sample gets back a contact address (the samples' contacts were removed).
        mailed = validate_offer({**sample_offers()[0], "contact": {"nom": "Le fournil", "courriel": MAIL_CONTACT}},
                                services.rome, services.places)
        services.offers.upsert([mailed])
        yield url, var / "outbox", offers, mailed


def walk_steps(v, browser, apply_url: str, label: str, cv_id: str) -> None:
    v.open(apply_url, f"{label}: the task list, nothing started")
    v.open(f"{apply_url}/cv", f"{label}: step 1, the CV")
    browser.find_element(By.CSS_SELECTOR, f"input[name='cv'][value='{cv_id}']").click()
    v.submit({}, f"{label}: step 2, the strengths beside the offer's requirements")
    v.submit({"message": "Dix ans de fournil, pain au levain et viennoiserie."}, f"{label}: step 3, contact details")
    v.submit({"telephone": "06 12 34 56 78"}, f"{label}: the check page")


def test_every_state_of_applying_and_mes_candidatures(browser, axe_here, gateway, tmp_path):  # noqa: F811
    from espace.bootstrap import get_services
    from espace.candidatures.model import RECRUITER, REFUSED, REVIEWING
    from espace.candidatures.service import ApplicationDesk
    from espace.cv.service import CvBook, new_id
    from espace.recruteurs.model import FILLED, SUSPENDED
    from tests.functional.accounts.helpers import user_id_of
    from tests.functional.candidatures.site_offers import put_site_offer, set_state
    from tests.functional.cv.sample_cv import contact, full_cv

    base, outbox, offers, mailed = gateway
    services = get_services()
    browser.delete_all_cookies()
    v = SavingVisitor(browser, axe_here, base, outbox, folder=tmp_path)
    email = "postuler@example.fr"
    v.open("/compte/creation", "creation")
    v.submit({"identifiant": email, "mot_de_passe": PASSWORD, "confirmation": PASSWORD, "code_postal": "17000",
              "question": "1", "reponse": "Médor"}, "creation: check your mail")
    v.open(v.last_link(), "confirmation")
    v.submit({}, "confirmed: sign-in")
    v.submit({"identifiant": email, "mot_de_passe": PASSWORD}, "signed in: mon espace, no application yet")
    assert "Vous n'avez pas encore postulé" in browser.page_source
    v.open("/mon-espace/candidatures", "list: empty")
    v.open(f"/mon-espace/candidatures/postuler/{mailed.id}/cv", "step 1 without any CV: where to make one")
    assert "pas encore dans votre espace" in browser.page_source

    book = CvBook(services, user_id_of(email))
    cv_id = new_id()
    book.create(cv_id)
    book.save(full_cv(cv_id))
    book.save_contact(contact())
    recruiter_id = "r" * 32
    site_offer = put_site_offer(services, recruiter_id, sample=2)

    v.open(f"/offres/{site_offer.id}", "offer page of a site offer: « Postuler »")
    assert browser.find_elements(By.CSS_SELECTOR, f"a[href='/mon-espace/candidatures/postuler/{site_offer.id}']")
    v.open(f"/offres/{mailed.id}", "offer page of a mailed offer: « Postuler »")
    apply_url = f"/mon-espace/candidatures/postuler/{site_offer.id}"
    v.open(apply_url, "site offer: the task list")
    v.open(f"{apply_url}/cv", "step 1")
    v.submit({}, "step 1: no CV chosen, error")
    assert "Erreur" in browser.title
    browser.find_element(By.CSS_SELECTOR, f"input[name='cv'][value='{cv_id}']").click()
    v.submit({}, "step 2")
    v.submit({}, "step 2: empty, error")
    v.submit({"message": "x" * 4001}, "step 2: too long, error")
    v.submit({"message": "Dix ans de fournil, pain au levain et viennoiserie."}, "step 3, prefilled")
    v.submit({"telephone": "12"}, "step 3: invalid phone, error")
    v.submit({"telephone": "", "nom": ""}, "step 3: two errors")
    v.submit({"telephone": "06 12 34 56 78", "nom": "Dupré"}, "check page")
    v.open(apply_url, "the task list, every step done")
    v.open(f"{apply_url}/verification", "check page again")
    v.submit({}, "sent: the application's page with its notice")
    assert "Votre candidature est envoyée" in browser.page_source
    v.open(apply_url, "applying again: back on the application")

    second = put_site_offer(services, recruiter_id, sample=3)
    walk_steps(v, browser, f"/mon-espace/candidatures/postuler/{second.id}", "second site offer", cv_id)
    v.submit({}, "second application sent")
    desk = ApplicationDesk(services)
    application = desk.get(user_id_of(email), second.id)
    moved = desk.move(application, REVIEWING, RECRUITER, recruiter_id)
    desk.move(moved, REFUSED, RECRUITER, recruiter_id, reason="Le poste demande le permis C.", reason_shared=True)
    v.open(f"/mon-espace/candidatures/{second.id}", "refused, with its shared reason in the history")
    assert "permis C" in browser.page_source
    v.open(f"/mon-espace/candidatures/{second.id}/retrait", "a closed application cannot be withdrawn")

    walk_steps(v, browser, f"/mon-espace/candidatures/postuler/{mailed.id}", "mailed offer", cv_id)
    original = services.mailer.send

    def broken(message):
        raise OSError("the mail server is away")

    services.mailer.send = broken  # type: ignore[method-assign]
    try:
        v.submit({}, "the mail could not leave: nothing recorded, try again")
    finally:
        services.mailer.send = original  # type: ignore[method-assign]
    assert "n'a pas pu partir" in browser.page_source
    v.open(f"/mon-espace/candidatures/postuler/{mailed.id}/verification", "mailed offer: check page again")
    v.submit({}, "mailed application sent")
    v.open(f"/mon-espace/candidatures/{mailed.id}/retrait", "a mailed application is withdrawn by writing")

    v.open("/mon-espace/candidatures", "list: in progress and archived")
    v.open(f"/mon-espace/candidatures/{site_offer.id}/retrait", "withdrawal: confirmation")
    v.submit({}, "withdrawn: its notice and history", button="form[action$='/retrait'] button")
    assert "est retirée" in browser.page_source
    v.open("/mon-espace/candidatures", "list: the withdrawn one archived")
    v.open("/mon-espace", "dashboard: the applications panel")

    v.open("/mon-espace/candidatures/postuler/9999999", "unknown offer")
    v.open(f"/mon-espace/candidatures/postuler/{offers[1].id}", "offer with only an external link")
    filled = put_site_offer(services, recruiter_id, sample=4)
    set_state(services, filled, FILLED)
    v.open(f"/mon-espace/candidatures/postuler/{filled.id}", "filled offer")
    suspended = put_site_offer(services, recruiter_id, sample=1)
    set_state(services, suspended, SUSPENDED)
    v.open(f"/mon-espace/candidatures/postuler/{suspended.id}", "suspended offer")
    v.open("/mon-espace/candidatures/9999999", "unknown application")

    assert v.states >= 40
    assert v.failures == {}, report(v.failures)
    assert VNU.is_file(), "vnu.jar missing: run `make test`, which installs it with npm"
    result = subprocess.run(["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "text", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-8000:] + result.stdout[-2000:]
