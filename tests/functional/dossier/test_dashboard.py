"""The tableau de bord of the dossier (GET /mon-dossier) and its panel on « Mon espace »: without a
dossier, where it comes from; with one, the registration and identifier, the actualisation window
of the day, the last payment, the next appointment, the letters, every service of the dossier, and
what changed since the previous visit (kept while the same visit goes on)."""

from __future__ import annotations

import datetime as dt

import pytest

from espace import clock
from espace.bootstrap import get_services
from espace.dossier.model import Dossier
from espace.dossier.records import Declaration
from espace.ports import Put
from espace.text import PARIS
from tests.functional.accounts.helpers import signed_in_client, user_id_of
from tests.functional.dossier.attestation_data import payment, with_payments
from tests.functional.dossier.helpers import validated_candidate

BASE = "/mon-dossier"
NOW = dt.datetime(2026, 12, 6, 10, 0, tzinfo=PARIS)


@pytest.fixture(autouse=True)
def frozen_day(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: NOW)


def epoch(day: str, hour: int = 10) -> int:
    return int(dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=PARIS).timestamp())


def section(page, anchor: str) -> str:
    found = page.html.xpath(f'//section[@aria-labelledby="{anchor}"]')
    return " ".join(found[0].text_content().split()) if found else ""


def test_without_a_dossier_the_page_explains_and_links_to_registration(platform):
    client = signed_in_client(platform, "sans-dde@example.fr")
    page = client.get(BASE)
    assert page.status == 200
    assert page.html.xpath("//h1")[0].text_content().strip() == "Mon dossier de demandeur d'emploi"
    assert "Il s'ouvre quand votre inscription comme demandeur d'emploi est validée" in page.text()
    assert page.html.xpath('//a[@href="/inscription"]') and page.html.xpath('//a[@href="/simulateur-allocation"]')
    assert not page.html.xpath('//a[@href="/mon-dossier/actualisation"]')
    space = client.get("/mon-espace")
    [panel] = space.html.xpath('//section[@aria-labelledby="dossier"]')
    assert "Votre dossier s'ouvre quand votre inscription comme demandeur d'emploi est validée" in panel.text_content()
    assert panel.xpath(".//a/@href") == [BASE] and "Bientôt dans votre espace" not in space.text()


def test_a_first_visit_tells_the_dossier_as_it_is(platform):
    client, _registration, dossier, _letter = validated_candidate(platform, "premier-dde@example.fr")
    page = client.get(BASE)
    assert page.status == 200 and dossier.identifier in page.html.xpath('//p[@class="lead"]')[0].text_content()
    assert "Rien de nouveau dans votre dossier." in section(page, "depuis")
    assert "Inscription Inscrit" in section(page, "situation") and "Inscrit depuis le" in section(page, "situation")
    assert ("L'actualisation de novembre 2026 est ouverte jusqu'au 15 décembre 2026."
            in section(page, "actualisation"))
    assert "Aucun paiement pour l'instant." in section(page, "paiement")
    assert "Aucun rendez-vous prévu." in section(page, "rendez-vous")
    assert "Vous avez 1 courrier non lu." in section(page, "courriers")
    services = [a.get("href") for a in page.html.xpath('//section[@aria-labelledby="services"]//a')]
    assert services == [f"{BASE}/actualisation", f"{BASE}/changement-de-situation", f"{BASE}/attestations",
                        f"{BASE}/allocations", f"{BASE}/courriers", f"{BASE}/consentements", f"{BASE}/agenda",
                        "/simulateur-allocation", f"{BASE}/itineraire"]


def test_what_changed_since_the_previous_visit_and_it_stays_while_the_visit_goes_on(platform):
    client, _registration, dossier, _letter = validated_candidate(platform, "changes-dde@example.fr")
    user_id, records = user_id_of("changes-dde@example.fr"), get_services().records
    records.put({"pk": f"USER#{user_id}", "sk": "VISIT", "previous": None, "current": epoch("2026-11-20")})
    with_payments(user_id, payment(user_id, "2026-10", "2026-11-05"), payment(user_id, "2026-11", "2026-12-05"))
    start = epoch("2026-12-10", 9)
    records.put({"pk": f"USER#{user_id}", "sk": "APPOINTMENT#2026-12-10T09:00#17", "start": start, "length": 30,
                 "user_id": user_id, "purpose": "suivi", "reference": "", "booked_at": epoch("2026-12-01"),
                 "agency_id": "17"})
    for _ in range(2):  # a reload within 30 minutes is the same visit: the changes stay
        page = client.get(BASE)
        since = section(page, "depuis")
        assert since.startswith("Depuis votre dernière visite le 20 novembre 2026 à 10 h 00")
        assert "L'actualisation de novembre 2026 est ouverte jusqu'au 15 décembre 2026." in since
        assert "pour novembre 2026 a été versé le 5 décembre 2026." in since and "octobre" not in since
        assert "Un rendez-vous est prévu le jeudi 10 décembre 2026 à 09 h 00." in since
        assert "1 nouveau courrier dans Mes courriers." in since
    assert "net pour novembre 2026 (30 jours indemnisés, 1 350,00 € brut), versé le 5 décembre 2026" in section(
        page, "paiement").replace("\u202f", " ").replace("\xa0", " ")
    assert "Le jeudi 10 décembre 2026 à 09 h 00" in section(page, "rendez-vous")
    space = client.get("/mon-espace")
    assert "Un rendez-vous est prévu le jeudi 10 décembre 2026 à 09 h 00." in space.text()
    assert space.text().count("1 nouveau courrier dans Mes courriers.") == 1  # « Mes courriers »'s panel tells it
    assert f"Inscrit — identifiant {dossier.identifier}." in space.text()
    assert "Actualisation de novembre 2026 à faire avant le 15 décembre 2026." in space.text()
    assert space.html.xpath(f'//a[@href="{BASE}"]') and "Bientôt dans votre espace" not in space.text()


def test_the_window_closed_and_a_declaration_made(platform, monkeypatch):
    client, _registration, _dossier, _letter = validated_candidate(platform, "fenetre-dde@example.fr")
    user_id = user_id_of("fenetre-dde@example.fr")
    get_services().records.put(Declaration(user_id, "2026-11", True, submitted_at=epoch("2026-12-02")).item())
    page = client.get(BASE)
    assert "Vous êtes actualisé pour novembre 2026 (déclaration envoyée le 2 décembre 2026)" in section(
        page, "actualisation")
    assert "Vous êtes actualisé pour novembre 2026." in client.get("/mon-espace").text()
    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2026, 12, 20, 10, 0, tzinfo=PARIS))
    later = client.get(BASE)
    assert ("La prochaine actualisation, pour décembre 2026, ouvrira le 28 décembre 2026 et fermera le "
            "15 janvier 2027." in section(later, "actualisation"))
    assert "Prochaine actualisation à partir du 28 décembre 2026." in client.get("/mon-espace").text()


def test_an_ended_registration_says_how_to_come_back(platform):
    client, _registration, _dossier, _letter = validated_candidate(platform, "fin-dde@example.fr")
    user_id, records = user_id_of("fin-dde@example.fr"), get_services().records
    records.put({"pk": f"USER#{user_id}", "sk": "VISIT", "previous": None, "current": epoch("2026-11-20")})
    dossier = Dossier.of(records.get(f"USER#{user_id}", "DDE"))
    dossier.periods[-1]["end"] = "2026-11-30"
    records.transact([Put(dossier.item())])
    page = client.get(BASE)
    assert "Votre inscription a pris fin le 30 novembre 2026." in section(page, "depuis")
    assert "Fin de l'inscription 30 novembre 2026" in section(page, "situation")
    assert page.html.xpath('//section[@aria-labelledby="situation"]//a[@href="/inscription"]')
    assert "Vous n'avez plus à vous actualiser" in section(page, "actualisation")
    assert "Inscription terminée" in client.get("/mon-espace").text()


def test_only_a_signed_in_candidate_sees_it(platform):
    visitor = platform.client(ip="198.51.100.70")
    answer = visitor.get(BASE)
    assert answer.status == 303 and answer.location.startswith("/connexion?retour=/mon-dossier")
