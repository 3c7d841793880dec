"""« Signaler un changement de situation » in headless Chromium through the local gateway: without
a dossier, the list empty, each kind's form empty, with every error and filled, the address with a
commune of another postal code, the bank details refused, the absence beyond 35 days warned then
confirmed, the list with its changes and receipts; then the counsellors' list and a change's page; a move to
another agency's territory, its confirmation and the new agency's list —
each through axe, the page checks and the 320 px reflow check, then the Nu checker."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.browser.conftest import local_gateway, report
from tests.browser.test_axe_agenda import vnu
from tests.browser.test_axe_classeur import SavingVisitor
from tests.browser.test_axe_courriers import validate_registration
from tests.browser.test_axe_inscription_fin import create_account
from tests.browser.test_axe_reunir import sign_in_as
from tests.browser.test_axe_services import PASSWORD, axe_here  # noqa: F401  (a fixture)

pytestmark = pytest.mark.browser
BASE = "/mon-dossier/changement-de-situation"


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var) as (url, _offers):
        yield url, var / "outbox"


def day(name: str, value: dt.date) -> dict[str, str]:
    return {f"{name}-jour": str(value.day), f"{name}-mois": str(value.month), f"{name}-annee": str(value.year)}


def test_every_state_of_the_changes_of_situation(browser, axe_here, gateway, tmp_path, monkeypatch):  # noqa: F811
    from espace import clock
    from espace.bootstrap import get_services
    from espace.conseillers.accounts import create_counsellor
    from espace.text import PARIS

    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2026, 12, 7, 10, 0, tzinfo=PARIS))
    today = dt.date(2026, 12, 7)
    base, outbox = gateway
    browser.delete_all_cookies()
    v = SavingVisitor(browser, axe_here, base, outbox, folder=tmp_path)
    email = "situation-axe@example.fr"
    create_account(v, email)
    v.open(BASE, "list: no dossier yet")
    v.open(f"{BASE}/adresse", "address form: no dossier yet")
    validate_registration(email)
    v.open(BASE, "list: nothing signalled")

    filled = {
        "adresse": {"adresse": "3 quai Duperré", "code_postal": "17000", **day("date", today)},
        "coordonnees-bancaires": {"titulaire": "Camille Durand", "iban": "FR76 3000 6000 0112 3456 7890 189",
                                  "bic": "AGRIFRPP", **day("date", today)},
        "reprise": {**day("date", dt.date(2026, 12, 14)), "employeur": "Boulangerie Martin"},
        "maladie": {**day("debut", dt.date(2026, 12, 1))},
        "formation": {**day("debut", dt.date(2027, 1, 4)), **day("fin", dt.date(2027, 3, 26)),
                      "intitule": "Titre professionnel de cariste", "organisme": "AFPA La Rochelle"},
    }
    for kind, values in filled.items():
        v.open(f"{BASE}/{kind}", f"{kind}: empty form")
        v.submit({}, f"{kind}: every error")
        assert "Erreur" in browser.title
        if kind == "adresse":
            v.submit({"adresse": "3 quai Duperré", "code_postal": "75001"}, "address: another postal code's list")
            v.submit({"code_postal": "17000", **day("date", today)}, "address: the commune chosen alone, saved")
            continue
        if kind == "coordonnees-bancaires":
            v.submit({"titulaire": "Camille Durand", "iban": "FR76 3000 6000 0112 3456 7890 188", "bic": "12",
                      **day("date", today)}, "bank: IBAN and BIC refused")
        if kind == "reprise":
            browser.find_element("css selector", 'input[name="contrat"][value="cdd"]').click()
        v.submit(values, f"{kind}: saved, the list with its notice")
        assert "est enregistré" in browser.page_source, kind

    v.open(f"{BASE}/absence", "absence: empty form")
    v.submit({}, "absence: every error")
    v.submit({**day("debut", dt.date(2026, 12, 20)), **day("fin", dt.date(2026, 12, 10))}, "absence: end before start")
    browser.find_element("css selector", 'input[name="lieu"][value="etranger"]').click()
    v.submit({**day("debut", dt.date(2026, 10, 1)), **day("fin", dt.date(2026, 11, 20))},
             "absence: beyond 35 days, the warning")
    assert "jours d'absence" in browser.page_source
    v.submit({}, "absence: confirmed anyway, the list")
    assert "est enregistré" in browser.page_source

    create_counsellor(get_services().records, "conseil-situation-axe@example.fr", PASSWORD, agency_id="17",
                      name="Camille Martin")
    sign_in_as(v, browser, "conseil-situation-axe@example.fr")
    v.open("/conseiller/changements-de-situation", "counsellor: the agency's changes")
    link = browser.find_element("css selector", 'main table a').get_attribute("href")
    v.open(link.replace(base, ""), "counsellor: one change")
    v.open("/conseiller/changements-de-situation/x-y", "counsellor: an unknown change")

    # A move to Nantes: the dossier goes to the agency there, the confirmation says so.
    sign_in_as(v, browser, email)
    v.open(f"{BASE}/adresse", "address: empty form, before the move")
    v.submit({"adresse": "2 rue de Strasbourg", "code_postal": "44000", **day("date", today)},
             "address: Nantes chosen alone, moved to another agency, the confirmation")
    assert "suivi par l'agence de Nantes" in browser.page_source and "sont maintenus" in browser.page_source
    create_counsellor(get_services().records, "conseil-nantes-axe@example.fr", PASSWORD, agency_id="44",
                      name="Dominique Morel")
    sign_in_as(v, browser, "conseil-nantes-axe@example.fr")
    v.open("/conseiller/changements-de-situation", "Nantes counsellor: the moved candidate's change")
    assert "Changement d'adresse" in browser.page_source

    assert v.states >= 30
    assert v.failures == {}, report(v.failures)
    vnu(tmp_path)
