"""Every state of « Mes critères de recherche » and of the alert e-mails' links, in headless
Chromium through the local gateway, checked with axe-core and the page checks: the form (filled
from a results page, with errors, criteria that cannot be saved), the list in each alert state
(active, paused, expired), rename, delete confirmation, the panel, unsubscribe (page, done, an
invalid link) and « Prolonger »."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from tests.browser.conftest import local_gateway
from tests.browser.test_axe_services import PASSWORD, Visitor, axe_here  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser
EMAIL = "criteres-navigateur@example.fr"
CRITERIA = "mode=metier&codeROME=F1703&lieu=Charente-Maritime&typeContrat=CDI"


@pytest.fixture(scope="module")
def criteres_url(site, tmp_path_factory):
    """The local gateway: records, the sample offers' index and the alert matcher in a fresh folder."""
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var, sample_offers=1000) as (url, _):  # every sample offer
        yield url, var / "outbox"


def test_every_state_of_saved_searches_and_alert_links(browser, axe_here, criteres_url):  # noqa: F811
    from espace.alertes import links
    from espace.bootstrap import get_services
    from espace.web.signing import signing_key

    base, outbox = criteres_url
    browser.delete_all_cookies()
    v = Visitor(browser, axe_here, base, outbox)
    v.open("/compte/creation", "creation")
    v.submit({"identifiant": EMAIL, "mot_de_passe": PASSWORD, "confirmation": PASSWORD, "code_postal": "17000",
              "question": "1", "reponse": "Médor"}, "creation: check your mail")
    v.open(v.last_link(), "confirmation")
    v.submit({}, "confirmation done")

    v.open(f"/offres/recherche?{CRITERIA}", "results page with « Enregistrer les critères »")
    browser.find_element(By.LINK_TEXT, "Enregistrer les critères").click()
    v.check("sign-in before the form")
    v.submit({"identifiant": EMAIL, "mot_de_passe": PASSWORD}, "criteres: the form, filled from the results")
    assert "/mon-espace/criteres/ajout?" in browser.current_url
    v.submit({"nom": "", "adresse": "pas-une-adresse"}, "criteres: form errors")
    assert "Erreur" in browser.title
    v.submit({"nom": "Maçons en Charente-Maritime", "adresse": EMAIL}, "criteres: list, alert active")
    assert "active jusqu'au" in browser.page_source
    v.open("/mon-espace/criteres/ajout?mode=metier&codeROME=Z9999", "criteres: criteria that cannot be saved")
    v.open("/mon-espace", "dashboard with the panel")
    assert "depuis votre dernière consultation" in browser.page_source

    v.open("/mon-espace/criteres", "criteres: list")
    browser.find_element(By.PARTIAL_LINK_TEXT, "Modifier le nom").click()
    v.check("criteres: rename form")
    v.submit({"nom": ""}, "criteres: rename errors")
    v.submit({"nom": "Maçons 17"}, "criteres: renamed")
    v.submit({}, "criteres: list, alert paused", button="form[action$='/alerte'] button")
    assert "en pause" in browser.page_source

    services = get_services()
    records = services.records
    [profile] = [item for item in records.query(f"EMAIL#{EMAIL}", "ACCOUNT")]
    user_id = profile["user_id"]
    state = records.get(f"USER#{user_id}", "ALERTS")
    records.put({**state, "expires_on": "2021-03-01"})
    v.submit({}, "criteres: list, alert resumed but expired", button="form[action$='/alerte'] button")
    assert "expirée le 1er mars 2021" in browser.page_source
    v.submit({}, "criteres: prolonged", button="form[action$='/prolongation'] button")

    key = signing_key(records, services.settings.secret_key)
    [search] = records.query(f"USER#{user_id}", "SEARCH#")
    sid = search["sk"].removeprefix("SEARCH#")
    browser.delete_all_cookies()  # the links of the mails work without signing in
    v.open(links.unsubscribe_url(key, "", user_id, EMAIL, sid), "unsubscribe: what will stop")
    v.submit({}, "unsubscribe: done")
    assert "C'est fait" in browser.page_source
    v.open(links.unsubscribe_url(key, "", user_id, EMAIL), "unsubscribe: already stopped")
    v.open("/alertes/desabonnement?jeton=faux.jeton", "unsubscribe: invalid link")
    v.open(links.prolong_url(key, "", user_id), "prolong: done")
    v.open("/alertes/prolonger?jeton=faux", "prolong: invalid link")

    v.open("/connexion", "sign in again")
    v.submit({"identifiant": EMAIL, "mot_de_passe": PASSWORD}, "dashboard")
    v.open(f"/mon-espace/criteres/{sid}/suppression", "criteres: delete confirmation")
    v.submit({}, "criteres: deleted, empty list")
    assert "pas encore enregistré" in browser.page_source

    assert v.states >= 25
    assert v.failures == {}
