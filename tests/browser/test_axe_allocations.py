"""« Mes allocations » in headless Chromium through the local gateway: without a dossier, a dossier
whose right is not computed, a refused right, an open right without payment, the history (two
pages, with a rappel and a trop-perçu), a payment's detail (work from two employers and sickness,
with a trop-perçu kept back), a month corrected after payment (trop-perçu, rappel), a month of
training (ARE-formation), the last payment of an exhausted right, an unknown payment, and the panel
of « Mon espace » — each through axe, the page checks and the 320 px reflow check, then the Nu
checker."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from selenium.webdriver.common.by import By

from espace import clock
from tests.browser.conftest import local_gateway, report
from tests.browser.test_axe_classeur import SavingVisitor
from tests.browser.test_axe_inscription_fin import create_account
from tests.browser.test_axe_services import axe_here  # noqa: F401  (a fixture)
from tests.site.test_vnu import VNU

pytestmark = pytest.mark.browser
BASE = "/mon-dossier/allocations"


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var) as (url, _offers):
        yield url, var / "outbox"


def test_every_state_of_mes_allocations(browser, axe_here, gateway, tmp_path):  # noqa: F811
    from espace.bootstrap import get_services
    from espace.dossier.actualisation.service import correct
    from espace.dossier.opening import open_dossier
    from espace.dossier.payment_job import run_payments
    from espace.dossier.records import Declaration, Event, Work
    from espace.dossier.rights import Job, _right_of, assess, compute_right, figures_in
    from espace.inscription.model import FIRST
    from espace.inscription.service import RegistrationDesk
    from espace.ports import Delete, Put
    from tests.functional.accounts.helpers import user_id_of
    from tests.functional.dossier.helpers_allocations import day_after, declare, month_after
    from tests.functional.inscription.samples import all_steps

    base, outbox = gateway
    services = get_services()
    browser.delete_all_cookies()
    v = SavingVisitor(browser, axe_here, base, outbox, folder=tmp_path)
    email = "allocations-axe@example.fr"
    create_account(v, email)
    user_id = user_id_of(email)
    v.open(BASE, "allocations: no dossier")
    assert "Vous n'avez pas de dossier de demandeur d'emploi" in browser.page_source
    v.open("/mon-espace", "mon espace: no allocations panel")
    assert "Voir mes allocations" not in browser.page_source

    registration = RegistrationDesk(services.records).submit(
        user_id, all_steps(), kind=FIRST, agency_id="17", name="Camille DURAND", email=email,
        discard_draft=Delete(f"USER#{user_id}", "DRAFT#inscription"))
    dossier = open_dossier(services.records, registration, by="automatique")
    v.open(BASE, "allocations: a dossier, the right not computed")
    assert "pas encore été calculé" in browser.page_source

    figures, rates = figures_in(str(services.settings.data_dir))
    short = Job("Hôtel du Port", dt.date(2025, 6, 1), dt.date(2025, 8, 31), 500_000, 40_000, "fin-cdd")
    refused = _right_of(user_id, registration.number, assess(figures, rates, [short], dt.date(1990, 4, 14),
                                                              clock.today()))
    services.records.transact([Put(refused.item())])
    v.open(BASE, "allocations: no right, the reason")
    assert "Pas de droit ouvert" in browser.page_source
    v.open("/mon-espace", "mon espace: the panel of a refused right")

    services.records.delete(f"USER#{user_id}", "RIGHT")
    right = compute_right(services, registration, dossier)
    v.open(BASE, "allocations: the right, no payment yet")
    assert "Aucun paiement pour l'instant" in browser.page_source
    assert "Lire le courrier de notification de droits" in browser.page_source

    start = dt.date.fromisoformat(right.start)
    months = [month_after(start, n) for n in range(0, 16)]  # the days carried push the end
    for month in months:
        work = [Work("Boulangerie Martin", 20, 25_000), Work("Hôtel du Port", 15, 20_000)] \
            if month == months[2] else [Work("Atelier Durand", 35, 60_000)] if month == months[3] else []
        events = [Event("maladie", f"{months[2]}-10", f"{months[2]}-14")] if month == months[2] else \
            [Event("formation", f"{months[4]}-01", None, "AFPA")] if month == months[4] else []
        declare(user_id, month, work=work, events=events)
        run_payments(services, month, today=day_after(month))
        # Corrected after the payment: pay declared late (a trop-perçu), pay declared by mistake (a
        # rappel); the next month's run settles each.
        if month in (months[1], months[3]):
            late = [Work("Atelier Durand", 35, 100_000)] if month == months[1] else []
            correct(services.records, Declaration(user_id, month, True, work=late), 1, month.replace("-", "") * 5)
    v.open(BASE, "allocations: the right and the first page of payments")
    assert "Page suivante" in browser.page_source
    following = browser.find_element(By.CSS_SELECTOR, "a[rel=next]").get_attribute("href")
    v.open("/mon-espace", "mon espace: the allocations panel with the last payment")
    assert "Dernier paiement" in browser.page_source
    v.open(following.removeprefix(base), "allocations: the second page of payments, with the regularisations")
    assert "Trop-perçu de" in browser.page_source and "Rappel de" in browser.page_source
    v.open(f"{BASE}/paiements/{months[2]}", "payment: two employers and sickness, a trop-perçu kept back")
    assert "Hôtel du Port" in browser.page_source and "Arrêt maladie" in browser.page_source
    assert "Retenue pour trop-perçu" in browser.page_source and "Montant viré" in browser.page_source
    v.open(f"{BASE}/paiements/{months[0]}", "payment: the first month, from the start")
    v.open(f"{BASE}/paiements/{months[1]}", "payment: corrected after payment, a trop-perçu")
    assert "Trop-perçu de" in browser.page_source and "version 1 remplacée par la version 2" in browser.page_source
    v.open(f"{BASE}/paiements/{months[3]}", "payment: corrected after payment, a rappel that settles the debt")
    assert "Rappel de" in browser.page_source and "retenus pour le trop-perçu encore dû" in browser.page_source
    v.open(f"{BASE}/paiements/{months[4]}", "payment: a month of training (ARE-formation)")
    assert "ARE-formation" in browser.page_source
    last = max(item["month"] for item in services.records.query(f"USER#{user_id}", "PAYMENT#"))
    v.open(f"{BASE}/paiements/{last}", "payment: the right exhausted")
    assert "Le droit est épuisé" in browser.page_source
    v.open(f"{BASE}/paiements/1999-01", "payment: unknown")
    assert "Paiement introuvable" in browser.title

    assert v.states >= 19
    assert v.failures == {}, report(v.failures)
    assert VNU.is_file(), "vnu.jar missing: run `make test`, which installs it with npm"
    result = subprocess.run(["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "text", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-8000:] + result.stdout[-2000:]
