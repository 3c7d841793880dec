"""The tableau de bord of the dossier (/mon-dossier) and its panel on « Mon espace » in headless
Chromium through the local gateway: without a dossier; a first visit; what changed since the last
visit (a payment, an appointment, a letter, the window opened); the month declared; the window
closed; the registration ended — each through axe, the page checks and the 320 px reflow check,
then the Nu checker."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.browser.conftest import local_gateway, report
from tests.browser.test_axe_attestations import nu_check
from tests.browser.test_axe_classeur import SavingVisitor
from tests.browser.test_axe_courriers import validate_registration
from tests.browser.test_axe_inscription_fin import create_account
from tests.browser.test_axe_services import axe_here  # noqa: F401  (a fixture)

pytestmark = pytest.mark.browser
BASE = "/mon-dossier"


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var) as (url, _offers):
        yield url, var / "outbox"


def test_every_state_of_the_dossier_s_dashboard(browser, axe_here, gateway, monkeypatch, tmp_path):  # noqa: F811
    from espace import clock
    from espace.bootstrap import get_services
    from espace.dossier.model import Dossier
    from espace.dossier.records import Declaration
    from espace.ports import Put
    from espace.text import PARIS
    from tests.functional.dossier.attestation_data import payment, with_payments

    def at(day: str, hour: int = 10) -> dt.datetime:
        return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=PARIS)

    monkeypatch.setattr(clock, "now", lambda: at("2026-12-06"))
    base, outbox = gateway
    records = get_services().records
    browser.delete_all_cookies()
    v = SavingVisitor(browser, axe_here, base, outbox, folder=tmp_path)
    email = "tableau@example.fr"
    create_account(v, email)
    v.open(BASE, "dashboard: no dossier yet")
    assert "pas encore ouvert" in browser.page_source

    user_id = validate_registration(email)[0].user_id
    v.open(BASE, "dashboard: a first visit")
    assert "Quoi de neuf" in browser.page_source
    v.open("/mon-espace", "mon espace: the dossier's panel")

    records.put({"pk": f"USER#{user_id}", "sk": "VISIT", "previous": None,
                 "current": int(at("2026-11-20").timestamp())})
    with_payments(user_id, payment(user_id, "2026-11", "2026-12-05"))
    records.put({"pk": f"USER#{user_id}", "sk": "APPOINTMENT#2026-12-10T09:00#17",
                 "start": int(at("2026-12-10", 9).timestamp()), "length": 30, "user_id": user_id, "purpose": "suivi",
                 "reference": "", "booked_at": int(at("2026-12-01").timestamp()), "agency_id": "17"})
    v.open(BASE, "dashboard: changes since the last visit")
    assert "Depuis votre dernière visite le 20 novembre 2026" in browser.page_source
    v.open("/mon-espace", "mon espace: the dossier's changes")

    records.put(Declaration(user_id, "2026-11", True, submitted_at=int(at("2026-12-02").timestamp())).item())
    v.open(BASE, "dashboard: the month declared")
    assert "Vous êtes actualisé pour novembre 2026" in browser.page_source

    monkeypatch.setattr(clock, "now", lambda: at("2026-12-20"))
    v.open(BASE, "dashboard: the window closed")
    assert "La prochaine actualisation, pour décembre 2026" in browser.page_source

    dossier = Dossier.of(records.get(f"USER#{user_id}", "DDE"))
    dossier.periods[-1]["end"] = "2026-12-18"
    records.transact([Put(dossier.item())])
    v.open(BASE, "dashboard: the registration ended")
    assert "Votre inscription est terminée" in browser.page_source
    v.open("/mon-espace", "mon espace: the dossier ended")

    assert v.states >= 12
    assert v.failures == {}, report(v.failures)
    nu_check(tmp_path)
