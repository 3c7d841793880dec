"""Publishing offers in headless Chromium through the local gateway: every state of the list, the
publishing form (empty, every kind of error, the métier and commune choices), the offer page
(online, suspended, with applications, closed), editing and its errors, closing and its error, the
pages of a closed offer and an unknown one, each through axe, the page checks and the 320 px reflow
check (``axe_check``), then the Nu checker on every state."""

from __future__ import annotations

import subprocess

import pytest
from selenium.webdriver.common.by import By

from tests.browser.conftest import local_gateway, report
from tests.browser.test_axe_classeur import SavingVisitor
from tests.browser.test_axe_services import PASSWORD, axe_here  # noqa: F401  (a fixture)
from tests.site.test_vnu import VNU

pytestmark = pytest.mark.browser
EMAIL = "rh@boulangerie-offres.example"


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var, sample_offers=5) as (url, _offers):
        yield url, var / "outbox"


def choose(browser, name: str, value: str) -> None:
    browser.find_element(By.CSS_SELECTOR, f'main input[name="{name}"][value="{value}"]').click()


def fill_offer(v, **changes: str) -> None:
    """Type the text fields and click the radios of a complete offer (``changes`` override)."""
    texts = {"intitule": "Boulanger ou boulangère", "metier": "", "code_rome": "D1102", "lieu": "17000",
             "duree": "6", "heures": "24,5", "salaire_min": "1900", "salaire_max": "2100", "experience_annees": "2",
             "description": "Fabrication du pain et des viennoiseries.", "competences": "Pétrir la pâte"}
    radios = {"contrat": "CDD", "temps": "partiel", "experience": "E"}
    for name, value in {**texts, **changes}.items():
        if name in radios or name not in texts:
            continue
        element = v.browser.find_element(By.CSS_SELECTOR, f'main [name="{name}"]')  # not <meta name="description">
        element.clear()
        element.send_keys(value)
    for name, value in radios.items():
        choose(v.browser, name, changes.get(name, value))


def test_every_state_of_publishing_offers(browser, axe_here, gateway, tmp_path, monkeypatch):  # noqa: F811
    from espace.bootstrap import get_services
    from espace.candidatures.model import Application, CvUsed, new_id
    from espace.candidatures.service import ApplicationDesk, file_prefix
    from espace.recruteurs.model import recruiter
    from espace.recruteurs.offers import OfferDesk
    from tests.functional.accounts.helpers import user_id_of

    base, outbox = gateway
    browser.delete_all_cookies()
    v = SavingVisitor(browser, axe_here, base, outbox, folder=tmp_path)
    v.open("/compte/creation", "creation")
    v.submit({"identifiant": EMAIL, "mot_de_passe": PASSWORD, "confirmation": PASSWORD, "code_postal": "17000",
              "question": "1", "reponse": "Médor"}, "creation: check your mail")
    v.open(v.last_link(), "confirmation")
    v.submit({}, "confirmed: sign-in")
    # The recruiter's role, company and SIRET (the recruiters' sign-up is another part's).
    records = get_services().records
    profile = records.get(f"USER#{user_id_of(EMAIL)}", "PROFILE")
    records.put({**profile, "role": "recruteur", "company": "Boulangerie Martin", "siret": "73282932000074"})
    v.submit({"identifiant": EMAIL, "mot_de_passe": PASSWORD}, "signed in")

    v.open("/recruteur/offres", "list: no offer yet")
    v.open("/recruteur/offres/nouvelle", "publishing form: empty")
    v.submit({}, "publishing form: every required field missing", button="form[action='/recruteur/offres/nouvelle'] "
                                                                          "button")
    assert "Erreur" in browser.title
    fill_offer(v, metier="boulanger", code_rome="", lieu="Saint-Denis", duree="six", salaire_min="19",
               experience_annees="")
    v.submit({}, "publishing form: métier and commune to choose, numbers wrong",
             button="form[action='/recruteur/offres/nouvelle'] button")
    assert browser.find_elements(By.CSS_SELECTOR, 'input[name="lieu_code"]')
    if browser.find_elements(By.CSS_SELECTOR, 'input[name="appellation"]'):
        browser.find_element(By.CSS_SELECTOR, 'input[name="appellation"]').click()
    choose(browser, "lieu_code", "commune:93066")
    fill_offer(v, metier="boulanger", code_rome="", lieu="Saint-Denis")
    choose(browser, "lieu_code", "commune:93066")
    v.submit({}, "offer page: published, with its notice", button="form[action='/recruteur/offres/nouvelle'] button")
    assert "est en ligne sous le numéro" in browser.page_source
    offer_url = browser.current_url.removeprefix(base)
    offer_id = offer_url.rsplit("/", 1)[1]
    v.open("/recruteur/offres", "list: one offer online")

    edit = f"form[action='{offer_url}/modification'] button"
    v.open(f"{offer_url}/modification", "edit form: the stored values")
    v.submit({"heures": ""}, "edit form: part time without hours", button=edit)
    assert "Erreur" in browser.title
    v.submit({"heures": "30", "intitule": "Boulanger de nuit"}, "offer page: edited, with its notice", button=edit)
    assert "Vos modifications sont enregistrées" in browser.page_source

    # Another tab suspends the offer while this edit is on its way (its read comes first).
    v.open(f"{offer_url}/modification", "edit form, before the race")
    offers = OfferDesk(get_services(), recruiter(get_services().records, user_id_of(EMAIL)))
    stale, real_get = offers.get(offer_id), OfferDesk.get
    offers.suspend(stale)
    reads: list[str] = []
    monkeypatch.setattr(OfferDesk, "get", lambda self, wanted: stale if not reads.append(wanted) and len(reads) == 1
                        else real_get(self, wanted))
    v.submit({"intitule": "Boulanger du matin"}, "edit form: changed meanwhile, values kept (409)", button=edit)
    assert "changé entre-temps" in browser.page_source
    monkeypatch.undo()
    v.submit({}, "offer page: edited while suspended", button=edit)
    v.submit({}, "offer page: online again after the race",
             button=f"form[action='{offer_url}/remise-en-ligne'] button")

    v.submit({}, "offer page: suspended, with its notice", button=f"form[action='{offer_url}/suspension'] button")
    assert "L'offre est suspendue" in browser.page_source
    v.submit({}, "offer page: online again", button=f"form[action='{offer_url}/remise-en-ligne'] button")

    # Two candidates applied (the applying pages are another part's: straight through the desk).
    desk = ApplicationDesk(get_services())
    for n in range(2):
        candidate_id = f"candidat{n}"
        application_id = new_id()
        desk.submit(Application(application_id, "site", offer_id, "Boulanger de nuit", "Boulangerie Martin",
                                candidate_id, CvUsed("personnel", "cv", "Mon CV",
                                                     f"{file_prefix(candidate_id, application_id)}cv.pdf", "cv.pdf"),
                                "Dix ans de fournil.", f"Candidat {n}", f"c{n}@example.org", "0601020304", "",
                                recruiter_id=user_id_of(EMAIL)), b"%PDF-1.7")
    v.open(offer_url, "offer page: two new applications")
    v.open("/recruteur/offres", "list: an offer with two new applications")

    close = f"form[action='{offer_url}/cloture'] button"
    v.open(f"{offer_url}/cloture", "closing: the pending applications told")
    v.submit({}, "closing: no answer chosen", button=close)
    assert "Erreur" in browser.title
    choose(browser, "issue", "pourvue")
    v.submit({}, "offer page: closed as filled, candidates told", button=close)
    assert "clôturée (pourvue)" in browser.page_source
    v.open(f"{offer_url}/modification", "a closed offer cannot be edited (409)")
    v.open(f"{offer_url}/cloture", "a closed offer: nothing to close")
    v.open("/recruteur/offres/999ZZZZ", "unknown offer: 404")

    assert v.states >= 20
    assert v.failures == {}, report(v.failures)
    assert VNU.is_file(), "vnu.jar missing: run `make test`, which installs it with npm"
    result = subprocess.run(["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "text", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-8000:] + result.stdout[-2000:]
