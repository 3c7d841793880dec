"""The actualisation's functional tests: a candidate registered on a given day, the site moved to
another day (``espace.clock``), and the declaration's form as a browser sends it."""

from __future__ import annotations

import datetime as dt

from espace import clock
from espace.text import PARIS
from tests.functional.dossier.helpers import validated_candidate

BASE = "/mon-dossier/actualisation"


def move_to(monkeypatch, day: dt.date, hour: int = 10) -> None:
    monkeypatch.setattr(clock, "now", lambda: dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=PARIS))


def registered(platform, monkeypatch, email: str, on: dt.date = dt.date(2026, 11, 10)):
    """(client, registration, dossier): validated on ``on``."""
    move_to(monkeypatch, on)
    client, registration, dossier, _letter = validated_candidate(platform, email)
    return client, registration, dossier


def two_employers() -> dict[str, str]:
    return {"recherche": "oui", "travail": "oui",
            "emplois-0": "1", "emplois-0-employeur": "Boulangerie Martin", "emplois-0-heures": "35",
            "emplois-0-brut": "412,30",
            "emplois-1": "1", "emplois-1-employeur": "Mairie de Lyon", "emplois-1-heures": "20",
            "emplois-1-brut": "1 250",
            "evenements-0": "1", "evenements-0-nature": "formation", "evenements-0-debut-jour": "16",
            "evenements-0-debut-mois": "12", "evenements-0-debut-annee": "2026", "evenements-0-fin-jour": "18",
            "evenements-0-fin-mois": "12", "evenements-0-fin-annee": "2026", "evenements-0-precision": "AFPA",
            "action": "continuer"}


def quick_form(client) -> tuple[str, str]:
    """(the quick path's key, the CSRF token) from « M'actualiser »."""
    page = client.get(BASE)
    return page.html.xpath('//input[@name="cle"]/@value')[0], page.html.xpath('//input[@name="csrf"]/@value')[0]


def nothing_to_report(client, key: str | None = None):
    found, token = quick_form(client)
    return client.post(f"{BASE}/rien-a-signaler", {"cle": key or found}, csrf=token)
