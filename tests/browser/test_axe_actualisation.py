"""The monthly actualisation in headless Chromium through the local gateway, the site moved from day
to day (``espace.clock``): the public calendar, « M'actualiser » without a dossier, between two
windows, in a window; the declaration's form empty, with every error, with two employers and an
event added without JavaScript; the check page, the receipt, a second declaration refused, the
correction, a correction overtaken by another, a correction after the close; the quick path; the
changes of situation reported during the month (listed, prefilled, left out on the check page); a
missed month and the way back; the counsellor's list — each through axe, the page checks and the
320 px reflow check, then the Nu checker over the saved states."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from selenium.webdriver.common.by import By

from espace import clock
from espace.text import PARIS
from tests.browser.conftest import local_gateway, report
from tests.browser.test_axe_classeur import SavingVisitor
from tests.browser.test_axe_courriers import validate_registration
from tests.browser.test_axe_inscription_fin import create_account
from tests.browser.test_axe_services import PASSWORD, axe_here  # noqa: F401  (a fixture)
from tests.site.test_vnu import VNU

pytestmark = pytest.mark.browser
BASE = "/mon-dossier/actualisation"
CONTINUE = "button[value=continuer]:not([hidden])"


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var) as (url, _offers):
        yield url, var / "outbox"


def move_to(monkeypatch, day: dt.date) -> None:
    monkeypatch.setattr(clock, "now", lambda: dt.datetime(day.year, day.month, day.day, 10, 0, tzinfo=PARIS))


def tick(browser, selector: str) -> None:
    browser.find_element(By.CSS_SELECTOR, selector).click()


def test_every_state_of_the_actualisation(browser, axe_here, gateway, tmp_path, monkeypatch):  # noqa: F811
    from espace.bootstrap import get_services
    from espace.conseillers.accounts import create_counsellor
    from espace.dossier import situation
    from espace.dossier.actualisation import service
    from espace.dossier.actualisation.forms import values_of
    from espace.dossier.actualisation.jobs import run_actualisation
    from espace.dossier.actualisation.routes import DRAFT
    from espace.dossier.opening import dossier_of
    from tests.functional.accounts.helpers import user_id_of

    base, outbox = gateway
    services = get_services()
    browser.delete_all_cookies()
    v = SavingVisitor(browser, axe_here, base, outbox, folder=tmp_path)
    move_to(monkeypatch, dt.date(2026, 11, 10))
    v.open("/calendrier-actualisation", "calendar: public, between two windows")
    assert "Calendrier de l'actualisation 2026" in browser.page_source

    email = "actu-axe@example.fr"
    create_account(v, email)
    user_id = user_id_of(email)
    v.open(BASE, "no dossier: why, and the registration")
    v.open(f"{BASE}/declaration", "no dossier: the form refused")
    validate_registration(email)
    move_to(monkeypatch, dt.date(2026, 11, 20))
    v.open(BASE, "registered, between two windows")
    move_to(monkeypatch, dt.date(2026, 12, 1))
    v.open("/calendrier-actualisation", "calendar: signed in, a window open")
    v.open(BASE, "a window open: the quick path and the form's link")
    v.open("/mon-espace", "mon espace: the actualisation to do")

    v.open(f"{BASE}/declaration", "form: empty")
    v.submit({}, "form: every error", button=CONTINUE)
    assert "Erreur" in browser.title
    tick(browser, "input[name=recherche][value=oui]")
    tick(browser, "input[name=travail][value=oui]")
    v.submit({}, "form: an employer added", button="button[value='ajouter:emplois']")
    v.submit({"emplois-0-employeur": "Boulangerie Martin", "emplois-0-heures": "trente", "emplois-0-brut": "412,30"},
             "form: a second employer added", button="button[value='ajouter:emplois']")
    v.submit({"emplois-1-employeur": "Mairie de Lyon", "emplois-1-heures": "20", "emplois-1-brut": "1 250"},
             "form: an event added", button="button[value='ajouter:evenements']")
    tick(browser, "input[name=evenements-0-nature][value=formation]")
    v.submit({"evenements-0-debut-jour": "16", "evenements-0-debut-mois": "12", "evenements-0-debut-annee": "2026"},
             "form: a bad number of hours, an event after the month", button=CONTINUE)
    assert "nombre entier d'heures" in browser.page_source and "dernier jour du mois" in browser.page_source
    v.submit({"emplois-0-heures": "35", "evenements-0-debut-jour": "3", "evenements-0-debut-mois": "11",
              "evenements-0-fin-jour": "6", "evenements-0-fin-mois": "11", "evenements-0-fin-annee": "2026"},
             "check page", button=CONTINUE)
    assert "Boulangerie Martin : 35 heures" in browser.page_source, browser.find_element(By.TAG_NAME, "main").text
    v.submit({}, "receipt: version 1")
    assert "/accuse/2026-11-v1" in browser.current_url
    v.open(BASE, "declared: the receipt and the correction")
    v.open("/mon-espace", "mon espace: the actualisation done")
    v.open(f"{BASE}/declaration", "a second declaration refused, its receipt shown")
    v.open("/mon-dossier/courriers", "courriers: the receipt")

    v.open(f"{BASE}/correction", "correction: the form as declared")
    v.submit({}, "correction: employer removed", button="button[value='supprimer:emplois:1']")
    v.submit({}, "correction: check page", button=CONTINUE)
    v.submit({}, "receipt: version 2")
    v.open(f"{BASE}/accuse/2026-11-v1", "receipt: version 1, superseded")

    current = service.get(services.records, user_id, "2026-11")
    services.records.put({"pk": f"USER#{user_id}", "sk": DRAFT, "month": "2026-11", "mode": "correction",
                          "version": current.version - 1, "key": "c" * 32, "values": values_of(current)})
    v.open(f"{BASE}/verification", "check page of a correction already overtaken")
    v.submit({}, "correction refused: corrected meanwhile")
    assert "corrigée depuis" in browser.page_source

    move_to(monkeypatch, dt.date(2026, 12, 16))
    v.open(BASE, "window closed: the history")
    v.open(f"{BASE}/correction", "correction after the close: refused")
    move_to(monkeypatch, dt.date(2027, 1, 16))
    run_actualisation(services, dt.date(2027, 1, 16))
    v.open(BASE, "a missed month: the consequence and the way back")
    assert "défaut d'actualisation" in browser.page_source
    v.open("/mon-espace", "mon espace: a missed month, re-register")

    browser.delete_all_cookies()
    other = "actu-rien@example.fr"
    create_account(v, other)
    validate_registration(other)
    move_to(monkeypatch, dt.date(2027, 1, 29))
    v.open(BASE, "second candidate: a window open")
    v.submit({}, "quick path: the receipt", button="form[action$='rien-a-signaler'] button")
    assert "Vous n'avez pas travaillé" in browser.page_source

    browser.delete_all_cookies()
    reporter = "actu-signale@example.fr"
    create_account(v, reporter)
    validate_registration(reporter)
    dossier = dossier_of(services.records, user_id_of(reporter))
    for key, kind, title, start, end, summary in (
            ("r" * 32, "reprise", "Reprise d'emploi", dt.date(2027, 1, 12), None, [("Employeur", "Atelier Durand")]),
            ("m" * 32, "maladie", "Arrêt maladie", dt.date(2027, 1, 5), dt.date(2027, 1, 7), [])):
        situation.record(services, dossier, key, kind, title, start, end, summary, {}, "Camille DURAND")
    v.open(BASE, "reported changes: listed, no quick path")
    assert "Les changements que vous avez signalés" in browser.page_source
    v.open(f"{BASE}/declaration", "form: prefilled with the reported changes")
    assert "Vous avez signalé en cours de mois" in browser.page_source
    tick(browser, "input[name=recherche][value=oui]")
    v.submit({}, "form: the reported employer removed", button="button[value='supprimer:emplois:0']")
    tick(browser, "input[name=travail][value=non]")
    v.submit({}, "form: the reported sickness removed", button="button[value='supprimer:evenements:0']")
    v.submit({}, "check page: the reported changes left out", button=CONTINUE)
    assert "Votre déclaration ne reprend pas ce que vous avez signalé" in browser.page_source

    browser.delete_all_cookies()
    create_counsellor(services.records, "conseil-actu@example.fr", PASSWORD, agency_id="17", name="Camille Martin")
    v.open("/connexion", "counsellor: sign-in")
    v.submit({"identifiant": "conseil-actu@example.fr", "mot_de_passe": PASSWORD}, "counsellor: space")
    v.open("/conseiller/actualisations", "counsellor: the agency's missed actualisations")
    assert "décembre 2026" in browser.page_source

    assert v.states >= 40
    assert v.failures == {}, report(v.failures)
    assert VNU.is_file(), "vnu.jar missing: run `make test`, which installs it with npm"
    result = subprocess.run(["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "text", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-8000:] + result.stdout[-2000:]
