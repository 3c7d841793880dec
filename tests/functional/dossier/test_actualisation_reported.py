"""Changes of situation reported during the month, read back by its declaration, on both profiles:
« M'actualiser » lists them and offers no « rien à signaler » (refused if sent), the first draft
starts with them, and the check page names each one the declaration leaves out."""

from __future__ import annotations

import datetime as D

from espace.bootstrap import get_services
from espace.dossier.actualisation import service
from tests.functional.accounts.helpers import user_id_of
from tests.functional.dossier.actualisation_helpers import BASE, move_to, registered
from tests.functional.dossier.test_situation import BASE as SITUATION
from tests.functional.dossier.test_situation import day, send


def _reported(platform, monkeypatch, email: str):
    client, _registration, _dossier = registered(platform, monkeypatch, email, D.date(2026, 11, 2))
    move_to(monkeypatch, D.date(2026, 11, 20))
    assert send(client, "reprise", {**day("date", D.date(2026, 11, 16)), "employeur": "Boulangerie Martin",
                                    "contrat": "cdd"}).status == 303
    assert send(client, "maladie", {**day("debut", D.date(2026, 11, 3)),
                                    **day("fin", D.date(2026, 11, 5))}).status == 303
    assert send(client, "formation", {**day("debut", D.date(2027, 1, 4)), **day("fin", D.date(2027, 3, 26)),
                                      "intitule": "Cariste", "organisme": "AFPA"}).status == 303  # not November
    move_to(monkeypatch, D.date(2026, 11, 29))
    return client


def test_the_reported_changes_are_listed_prefilled_and_the_quick_path_refused(platform, monkeypatch):
    client = _reported(platform, monkeypatch, "signale@example.fr")
    home = client.get(BASE).text()
    assert "Les changements que vous avez signalés en novembre 2026" in home
    assert "Reprise d'emploi le 16 novembre 2026 (Boulangerie Martin)" in home
    assert "Arrêt maladie du 3 novembre 2026 au 5 novembre 2026" in home and "Cariste" not in home
    assert "Je n'ai rien à signaler" not in home
    refused = client.post(f"{BASE}/rien-a-signaler", {"cle": "a" * 32}, csrf=client.csrf_token(f"{BASE}/declaration"))
    assert refused.status == 303 and refused.location.endswith("/declaration")
    assert service.get(get_services().records, user_id_of("signale@example.fr"), "2026-11") is None
    form = client.get(f"{BASE}/declaration")
    html = form.html
    assert "Vous avez signalé en cours de mois" in form.text()
    assert html.xpath('//input[@name="travail"][@checked]/@value') == ["oui"]
    assert html.xpath('//input[@name="emplois-0-employeur"]/@value') == ["Boulangerie Martin"]
    assert html.xpath('//input[@name="emplois-0-heures"]/@value') in ([""], [])
    assert html.xpath('//input[@name="evenements-0-nature"][@checked]/@value') == ["maladie"]
    assert html.xpath('//input[@name="evenements-0-debut-jour"]/@value') == ["3"]
    assert html.xpath('//input[@name="evenements-0-fin-jour"]/@value') == ["5"]
    assert not html.xpath('//input[@name="evenements-1-nature"]')  # the January training is not November's


def test_the_check_page_names_what_the_declaration_leaves_out(platform, monkeypatch):
    client = _reported(platform, monkeypatch, "discorde@example.fr")
    client.get(f"{BASE}/declaration")
    silent = client.post(f"{BASE}/declaration", {"recherche": "oui", "travail": "non", "action": "continuer"})
    assert silent.status == 303 and silent.location.endswith("/verification"), silent.text()[:500]
    check = client.get(f"{BASE}/verification").text()
    assert "Votre déclaration ne reprend pas ce que vous avez signalé" in check
    assert "Reprise d'emploi le 16 novembre 2026 (Boulangerie Martin) : vous n'avez déclaré aucun travail" in check
    assert "Arrêt maladie du 3 novembre 2026 au 5 novembre 2026 : aucun événement de ce type" in check
    agreeing = {"recherche": "oui", "travail": "oui", "emplois-0": "1", "emplois-0-employeur": "Boulangerie Martin",
                "emplois-0-heures": "60", "emplois-0-brut": "720", "evenements-0": "1",
                "evenements-0-nature": "maladie",
                **{f"evenements-0-{k}": v for k, v in day("debut", D.date(2026, 11, 4)).items()},
                "action": "continuer"}
    assert client.post(f"{BASE}/declaration", agreeing).status == 303
    assert "ne reprend pas" not in client.get(f"{BASE}/verification").text()
    assert SITUATION  # the same service the changes were reported with
