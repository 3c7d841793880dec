"""« Le consentement » and « Mon itinéraire professionnel » in headless Chromium through the local
gateway: both without a dossier, the consents with no choice, an accord given, then withdrawn (the
history), the itinerary with a registration, a training and declared work — each through axe, the
page checks and the 320 px reflow check, then the Nu checker."""

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

    uid, records = user_id_of(email), get_services().records
    records.put(Declaration(uid, "2025-06", True, work=[Work("Intérim Atlantique", 70, 90000),
                                                        Work("Café du Port", 10, 12000)]).item())
    v.open("/mon-dossier/itineraire", "itinerary: registration, training, declared work")
    assert "CAP Boulanger" in browser.page_source and "Café du Port" in browser.page_source

    assert v.states >= 9
    assert v.failures == {}, report(v.failures)
    vnu(tmp_path)
