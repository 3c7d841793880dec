"""« Le consentement » and « Mon itinéraire professionnel » in headless Chromium through the local
gateway: both without a dossier, the consents with no choice, an accord given, then withdrawn (the
history); « Partager mon CV » given back, with a CV in the bank, withdrawn, and the CV's publication
page telling it then publishing again; the itinerary with a registration, a training and declared
work — each through axe, the page checks and the 320 px reflow check, then the Nu checker."""

from __future__ import annotations

import pytest

from tests.browser.conftest import local_gateway, report
from tests.browser.test_axe_agenda import vnu
from tests.browser.test_axe_classeur import SavingVisitor
from tests.browser.test_axe_courriers import validate_registration
from tests.browser.test_axe_inscription_fin import create_account
from tests.browser.test_axe_services import axe_here  # noqa: F401  (a fixture)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var) as (url, _offers):
        yield url, var / "outbox"


def test_every_state_of_consents_and_itinerary(browser, axe_here, gateway, tmp_path):  # noqa: F811
    from espace.bootstrap import get_services
    from espace.dossier.records import Declaration, Work
    from tests.functional.accounts.helpers import user_id_of

    base, outbox = gateway
    browser.delete_all_cookies()
    v = SavingVisitor(browser, axe_here, base, outbox, folder=tmp_path)
    email = "consentement-axe@example.fr"
    create_account(v, email)
    v.open("/mon-dossier/consentements", "consents: no dossier yet")
    v.open("/mon-dossier/itineraire", "itinerary: no dossier yet")
    validate_registration(email)
    v.open("/mon-dossier/consentements", "consents: no choice yet")
    v.submit({}, "consents: an accord given", button="form[action$='/cv-employeurs'] button")
    assert "votre accord est donné" in browser.page_source
    v.submit({}, "consents: the accord withdrawn, the history", button="form[action$='/cv-employeurs'] button")
    assert "Accord retiré" in browser.page_source

    # « Partager mon CV avec les employeurs » and the CV bank (espace.cv.bank_consent), both pages.
    v.submit({}, "consents: given back, no CV republished", button="form[action$='/cv-employeurs'] button")
    assert "ne sont pas remis en ligne" in browser.page_source
    cv_id = _cv_in_the_bank(user_id_of(email))
    v.open("/mon-dossier/consentements", "consents: one CV in the bank")
    assert "1 de vos CV est dans la banque de CV" in browser.page_source
    v.submit({}, "consents: withdrawn, the CV out of the bank", button="form[action$='/cv-employeurs'] button")
    assert "Aucun de vos CV" in browser.page_source
    v.open(f"/mon-espace/cv/{cv_id}/mise-en-ligne", "CV publication: the consent withdrawn, told")
    assert "Vous avez retiré le" in browser.page_source
    browser.find_element("css selector", 'input[name="publier"][value="oui"]').click()
    browser.find_element("css selector", 'input[name="coordonnees"][value="non"]').click()
    v.submit({}, "CV publication: back in the bank, the consent given again")
    assert "est donné à la date d'aujourd'hui" in browser.page_source

    uid, records = user_id_of(email), get_services().records
    records.put(Declaration(uid, "2025-06", True, work=[Work("Intérim Atlantique", 70, 90000),
                                                        Work("Café du Port", 10, 12000)]).item())
    v.open("/mon-dossier/itineraire", "itinerary: registration, training, declared work")
    assert "CAP Boulanger" in browser.page_source and "Café du Port" in browser.page_source

    assert v.states >= 14
    assert v.failures == {}, report(v.failures)
    vnu(tmp_path)


def _cv_in_the_bank(user_id: str) -> str:
    """A complete CV put online before the consent's last change (as the CV area does)."""
    from espace.bootstrap import get_services
    from espace.cv.model import Consent
    from espace.cv.service import CvBook, new_id
    from tests.functional.cv.sample_cv import full_cv

    book, cv_id = CvBook(get_services(), user_id), new_id()
    book.create(cv_id)
    book.save(full_cv(cv_id))
    book.publish(book.get(cv_id), Consent(publish=True))  # type: ignore[arg-type]
    return cv_id
