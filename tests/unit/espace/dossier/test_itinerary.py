"""The itinerary's order: newest first across kinds, a year-only training after what is dated in
its year, and one heading per year."""

from __future__ import annotations

import datetime as dt

from espace.dossier.itinerary import by_year, entries
from espace.dossier.model import Dossier
from espace.dossier.records import Declaration, Work
from espace.inscription.model import Registration

UID = "0" * 32


def registration(number: int, submitted_at: int, trainings: dict) -> Registration:
    return Registration(UID, number, "inscription", "validee", {"formation": trainings}, submitted_at, "17",
                        "Camille DURAND", "c@example.fr")


def test_newest_first_with_a_heading_per_year():
    dossier = Dossier(UID, "1234567A", "17", periods=[{"start": "2024-02-10", "end": "2025-01-31"},
                                                      {"start": "2026-03-02", "end": None}])
    requests = [registration(1, int(dt.datetime(2024, 2, 1, 12).timestamp()), {}),
                registration(2, int(dt.datetime(2026, 2, 20, 12).timestamp()),
                             {"formations-0-intitule": ["BTS Commerce"], "formations-0-annee": ["2024"],
                              "formations-0-statut": ["obtenu"], "formations-1-intitule": ["Sans année"],
                              "formations-2-intitule": ["Cariste"], "formations-2-annee": ["2026"]})]
    declarations = [Declaration(UID, "2024-11", True, work=[Work("Atelier", 20, 30000)]),
                    Declaration(UID, "2026-04", True, work=[])]
    found = entries(dossier, requests, [], declarations)
    titles = [e.title for e in found]
    assert titles == ["Cariste", "Début d'inscription comme demandeur d'emploi", "Inscription : demande envoyée",
                      "Fin d'inscription comme demandeur d'emploi", "BTS Commerce", "Atelier",
                      "Début d'inscription comme demandeur d'emploi", "Inscription : demande envoyée"]
    assert [e.day for e in found] == sorted((e.day for e in found), reverse=True)
    assert [year for year, _ in by_year(found)] == [2026, 2025, 2024]
    assert found[5].when == "novembre 2024" and "20 heures" in found[5].detail and "300,00" in found[5].detail
