"""Build agences.json: the demo's agencies, one per département at its chef-lieu, all fictional.

    python data/agences/build.py

The names, street addresses and hours are made up for the demonstration (the file says so in
each record, and the pages show it); the commune, its postal code and the département come from
the communes referential next door. Real agencies would be one file of the same shape.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

HERE = Path(__file__).parent
COMMUNES = HERE.parent / "communes"

# Monday = 1 … Friday = 5: mornings open to all, afternoons by appointment (France Travail's usual
# pattern); Thursday afternoon closed, for the agency's own meetings.
HOURS = {
    "1": [["08:30", "12:30"], ["13:30", "16:30"]],
    "2": [["08:30", "12:30"], ["13:30", "16:30"]],
    "3": [["08:30", "12:30"], ["13:30", "16:30"]],
    "4": [["08:30", "12:30"]],
    "5": [["08:30", "12:30"], ["13:30", "15:30"]],
}
# Wallis-et-Futuna, French Polynesia and New Caledonia have their own employment services; the TAAF
# and Clipperton have no residents to register.
OWN_SERVICES = {"984", "986", "987", "988", "989"}
STREETS = ("rue de l'Exemple", "avenue de la Démonstration", "place du Modèle", "boulevard de l'Essai")


def of(name: str) -> str:
    """« de Paris », « d'Annecy », « du Havre », « des Abymes »: French elision and contraction."""
    for article, contracted in (("Le ", "du "), ("Les ", "des ")):
        if name.startswith(article):
            return contracted + name[len(article):]
    return ("d'" if name[:1] in "AEIOUYÉÈÊÎÔ" else "de ") + name


def build() -> list[dict[str, object]]:
    with (COMMUNES / "communes_fr_2026_with_coords.csv").open(encoding="utf-8") as handle:
        communes = {row["code_insee"]: row for row in csv.DictReader(handle)}
    departements = json.loads((COMMUNES / "departements.json").read_text(encoding="utf-8"))
    agencies = []
    for number, dep in enumerate(sorted(departements, key=lambda d: d["code"])):
        seat = communes.get(dep["chefLieu"])
        if seat is None or dep["code"] in OWN_SERVICES:
            continue
        agencies.append({
            "id": dep["code"].lower(),
            "name": f"Agence {of(seat['nom'])}",
            "address": f"{(number % 40) + 1} {STREETS[number % len(STREETS)]}",
            "commune": seat["code_insee"],
            "postal_code": seat["codes_postaux"].split("|")[0].split(" ")[0],
            "city": seat["nom"],
            "latitude": float(seat["latitude"]) if seat["latitude"] else None,
            "longitude": float(seat["longitude"]) if seat["longitude"] else None,
            "hours": HOURS,
            "serves": {"departements": [dep["code"]], "communes": []},
            "fictional": True,
        })
    return agencies


if __name__ == "__main__":
    (HERE / "agences.json").write_text(
        json.dumps(build(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
