"""« Mes attestations » and the public verification page in headless Chromium through the local
gateway: the list and each attestation's page without and with a dossier, the period's and the
year's errors, « Recevoir par courrier » confirmed then refused for the day, the request waiting then
« envoyée le » once the agency marked it sent, and the verification
page empty, malformed, unknown and authentic — each through axe, the page checks and the 320 px
reflow check, then the Nu checker. (The PDF files themselves are veraPDF's, in
tests/functional/dossier/test_attestations.py.)"""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from tests.browser.conftest import local_gateway, report
from tests.browser.test_axe_classeur import SavingVisitor
from tests.browser.test_axe_courriers import validate_registration
from tests.browser.test_axe_inscription_fin import create_account
from tests.browser.test_axe_services import axe_here  # noqa: F401  (a fixture)
from tests.site.test_vnu import VNU

pytestmark = pytest.mark.browser
BASE = "/mon-dossier/attestations"


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var) as (url, _offers):
        yield url, var / "outbox"


@pytest.fixture
def frozen(monkeypatch):
    from espace import clock
    from espace.text import PARIS

    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2026, 12, 6, 10, 0, tzinfo=PARIS))


def sent_by_the_agency(user_id: str, slug: str) -> None:
    """A counsellor of the agency marks the day's request by post of ``slug`` sent (their page is
    tests/browser/test_axe_conseiller_dossier.py's)."""
    from espace.bootstrap import get_services
    from espace.conseillers import audit
    from espace.conseillers.accounts import create_counsellor
    from espace.conseillers.model import counsellor
    from espace.dossier import post

    records = get_services().records
    who = counsellor(records, create_counsellor(records, "poste@attestations.example", "une phrase de passe solide",
                                                agency_id="17", name="Camille Martin"))
    [item] = [s for s in post.sendings_of(records, user_id) if s.record.get("kind") == slug]
    assert post.mark_sent(records, item, who, audit.entry(who, user_id, "courrier-envoye"))


def nu_check(folder) -> None:
    assert VNU.is_file(), "vnu.jar missing: run `make test`, which installs it with npm"
    result = subprocess.run(["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "text", str(folder)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-8000:] + result.stdout[-2000:]


def test_every_state_of_the_attestations_and_their_verification(browser, axe_here, gateway, frozen,  # noqa: F811
                                                                  tmp_path):
    from espace.bootstrap import get_services
    from espace.dossier import verification
    from espace.dossier.attestation_kinds import KINDS
    from tests.functional.dossier.attestation_data import payment, with_payments

    base, outbox = gateway
    browser.delete_all_cookies()
    v = SavingVisitor(browser, axe_here, base, outbox, folder=tmp_path)
    email = "attestations@example.fr"
    create_account(v, email)
    v.open(BASE, "attestations: no dossier yet")
    assert "s'ouvre quand votre inscription est validée" in browser.page_source
    v.open(f"{BASE}/paiement", "an attestation's page: no dossier yet")

    user_id = validate_registration(email)[0].user_id
    with_payments(user_id, payment(user_id, "2026-10", "2026-11-05"), payment(user_id, "2026-11", "2026-12-05"))
    v.open(BASE, "attestations: the six, what for, who asks")
    for slug in KINDS:
        v.open(f"{BASE}/{slug}", f"attestation {slug}: its page")
    v.open(f"{BASE}/paiement", "payment: the period")
    v.submit({}, "payment: every error", button="button[value=telecharger]")
    assert "Indiquez le premier jour de la période." in browser.page_source
    v.submit({"debut-jour": "31", "debut-mois": "2", "debut-annee": "2026", "fin-jour": "1", "fin-mois": "1",
              "fin-annee": "2026"}, "payment: a date that is not one", button="button[value=telecharger]")
    assert "doit être une date réelle" in browser.page_source
    v.submit({"debut-jour": "1", "debut-mois": "3", "debut-annee": "2026", "fin-jour": "1", "fin-mois": "1",
              "fin-annee": "2027"}, "payment: an end in the future", button="button[value=telecharger]")
    assert "ou avant" in browser.page_source
    v.submit({"fin-annee": "2026"}, "payment: the end before the start", button="button[value=telecharger]")
    assert "Le dernier jour doit être le même que le premier jour ou après." in browser.page_source
    v.submit({"fin-jour": "30", "fin-mois": "11"}, "payment: asked by post", button="button[value=courrier]")
    assert "Votre demande est enregistrée" in browser.page_source
    v.submit({"debut-jour": "1", "debut-mois": "3", "debut-annee": "2026", "fin-jour": "30", "fin-mois": "11",
              "fin-annee": "2026"}, "payment: asked by post again the same day", button="button[value=courrier]")
    assert "Vous avez déjà demandé l'attestation de paiement par courrier aujourd'hui" in browser.page_source
    v.open(f"{BASE}/fiscale", "fiscal: the year")
    v.submit({"annee": "2026"}, "fiscal: asked by post", button="button[value=courrier]")
    assert "en attente d'envoi par votre agence" in browser.page_source
    sent_by_the_agency(user_id, "fiscale")
    v.open(f"{BASE}/fiscale", "fiscal: the request sent by the agency")
    assert "<strong>envoyée le" in browser.page_source

    reference = verification.issue(get_services(), user_id, "avis-de-situation", "", dt.date(2026, 12, 6),
                                   "Camille DURAND")
    browser.delete_all_cookies()  # a third party
    v.open("/verifier-une-attestation", "verification: the empty form")
    v.submit({"reference": ""}, "verification: nothing typed")
    assert "Saisissez la référence de l'attestation." in browser.page_source
    v.submit({"reference": "ABCD-EFGH"}, "verification: a malformed reference")
    assert "La référence doit comporter 16 caractères" in browser.page_source
    v.submit({"reference": "2222-3333-4444-5555"}, "verification: unknown")
    assert "Aucune attestation ne correspond" in browser.page_source
    v.submit({"reference": verification.shown(reference)}, "verification: authentic")
    assert "Initiales de la personne : C. D." in browser.page_source

    assert v.states >= 20
    assert v.failures == {}, report(v.failures)
    nu_check(tmp_path)
