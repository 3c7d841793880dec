"""« Mon agenda » in headless Chromium through the local gateway: without a dossier, empty, with an
appointment and a right, the cancel page, the move page (empty choice, a slot lost to someone else,
no other slot), cancelled and moved notices, and the page past the 24-hour limit — each through
axe, the page checks and the 320 px reflow check, then the Nu checker."""

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
BASE = "/mon-dossier/agenda"


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var) as (url, _offers):
        yield url, var / "outbox"


def vnu(folder) -> None:
    assert VNU.is_file(), "vnu.jar missing: run `make test`, which installs it with npm"
    result = subprocess.run(["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "text", str(folder)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-8000:] + result.stdout[-2000:]


def test_every_state_of_mon_agenda(browser, axe_here, gateway, tmp_path, monkeypatch):  # noqa: F811
    from espace import clock
    from espace.agences.agenda import AgencyAgenda, local_key
    from espace.bootstrap import get_services
    from espace.dossier.records import Right
    from espace.text import PARIS
    from tests.functional.accounts.helpers import user_id_of
    from tests.functional.inscription.test_appointment import open_slots

    base, outbox = gateway
    browser.delete_all_cookies()
    v = SavingVisitor(browser, axe_here, base, outbox, folder=tmp_path)
    email = "agenda-axe@example.fr"
    create_account(v, email)
    v.open(BASE, "agenda: no dossier yet")
    assert "pas encore de dossier" in browser.page_source

    validate_registration(email)
    v.open(BASE, "agenda: no appointment, no right")
    uid, records = user_id_of(email), get_services().records
    records.put(Right(uid, "2026-12-01", sjr=5000, daily=3000, duration=182, degressive_daily=3000,
                      degressive_from=0).item())
    starts = open_slots(5)
    agenda = AgencyAgenda(records, "17")
    agenda.book(starts[0], uid, purpose="suivi", reference="s", name="Camille DURAND")
    v.open(BASE, "agenda: an appointment and the end of rights")
    public = f"{local_key(starts[0]).replace(':', '')}-17"
    v.open(f"{BASE}/{public}/annulation", "cancel: the confirmation page")
    v.open(f"{BASE}/{public}/deplacement", "move: three slots")
    v.submit({}, "move: no slot chosen (error)")
    assert "Erreur" in browser.title
    browser.find_element("css selector", f'input[value="{local_key(starts[1])}"]').click()
    agenda.close(starts[1])  # the slot goes (closed by the agency) before the click lands
    v.submit({}, "move: the slot was taken, others offered")
    assert "n'est plus disponible" in browser.page_source
    browser.find_element("css selector", f'input[value="{local_key(starts[2])}"]').click()
    v.submit({}, "moved: the agenda with its notice")
    assert "est déplacé" in browser.page_source
    moved = f"{local_key(starts[2]).replace(':', '')}-17"
    for start in starts[3:]:
        agenda.close(start)
    agenda.close(starts[0])
    v.open(f"{BASE}/{moved}/deplacement", "move: no other slot")
    v.open(f"{BASE}/{moved}/annulation", "cancel again: the confirmation page")
    v.submit({}, "cancelled: the agenda with its notice", button="form button[type=submit]")
    assert "est annulé" in browser.page_source

    agenda.open([starts[4]], 30, "test")
    agenda.book(starts[4], uid, purpose="inscription", reference="r", name="Camille DURAND")
    late = dt.datetime.fromtimestamp(starts[4], PARIS) - dt.timedelta(hours=2)
    monkeypatch.setattr(clock, "now", lambda: late)
    v.open(BASE, "agenda: an appointment within 24 hours, no button")
    v.open(f"{BASE}/{local_key(starts[4]).replace(':', '')}-17/annulation", "too late to cancel")
    monkeypatch.undo()
    v.open(f"{BASE}/2000-01-01T0000-17/annulation", "an unknown appointment")

    assert v.states >= 16
    assert v.failures == {}, report(v.failures)
    vnu(tmp_path)
