"""In a text browser (lynx, no JavaScript, no CSS): a registered candidate declares the month with
two employers — « Ajouter un employeur » twice, the form filled, the check page, the sending — and
reads the receipt, then a second candidate uses « Je n'ai rien à signaler »."""

from __future__ import annotations

import datetime as dt

import pytest

from espace import clock
from espace.text import PARIS
from tests.browser.lynx import Lynx, registered_and_signed_in

pytestmark = pytest.mark.browser
BASE = "/mon-dossier/actualisation"


@pytest.fixture(scope="module")
def gateway(site, tmp_path_factory):
    from tests.browser.conftest import local_gateway

    var = tmp_path_factory.mktemp("var")
    with local_gateway(site, var) as (url, _offers):
        yield url, var / "outbox"


def test_an_actualisation_with_two_employers_in_a_text_browser(gateway, tmp_path, monkeypatch):
    base, outbox = gateway
    day = clock.today()
    # The window of the month the registration starts in, whatever day the suite runs.
    opens = dt.date(day.year, day.month, 26 if day.month == 2 else 28)
    monkeypatch.setattr(clock, "now", lambda: dt.datetime(opens.year, opens.month, opens.day, 9, tzinfo=PARIS))
    lynx = Lynx(base, tmp_path / "cookies")
    registered_and_signed_in(lynx, outbox, "lynx-actu@example.fr")
    home = lynx.text(BASE)
    assert "Je n'ai rien à signaler" in home and "Déclarer ma situation" in home, home[:1500]

    url = f"{BASE}/declaration"
    action, fields = lynx.form(url, url)
    fields = {k: v for k, v in fields.items() if k != "action"}
    lynx.text(action, {**fields, "recherche": "oui", "travail": "oui", "action": "ajouter:emplois"})
    action, fields = lynx.form(url, url)
    lynx.text(action, {**{k: v for k, v in fields.items() if k != "action"}, "action": "ajouter:emplois"})
    action, fields = lynx.form(url, url)
    assert "emplois-1-employeur" in fields and fields["recherche"] == "oui"
    check = lynx.text(action, {**{k: v for k, v in fields.items() if k != "action"},
                               "emplois-0-employeur": "Boulangerie Martin", "emplois-0-heures": "35",
                               "emplois-0-brut": "412,30", "emplois-1-employeur": "Mairie de Lyon",
                               "emplois-1-heures": "20", "emplois-1-brut": "1250", "action": "continuer"})
    assert "Vérifier ma déclaration" in check and "Total du mois : 55 heures" in check, check[:2000]
    action, fields = lynx.form(f"{BASE}/verification", f"{BASE}/verification")
    receipt = lynx.text(action, fields)
    assert "enregistrée" in receipt and "Mairie de Lyon : 20 heures, 1 250 € brut" in receipt, receipt[:2000]
    assert "Corriger ma déclaration" in receipt
    assert "Accusé de réception" in lynx.text("/mon-dossier/courriers")

    other = Lynx(base, tmp_path / "cookies-2")
    registered_and_signed_in(other, outbox, "lynx-rien@example.fr")
    action, fields = other.form(BASE, "rien-a-signaler")
    done = other.text(action, fields)
    assert "vous n'aviez rien à signaler" in done and "Vous n'avez pas travaillé" in done, done[:1500]
