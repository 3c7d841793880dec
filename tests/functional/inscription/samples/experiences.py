"""The values of a valid step « experiences », as the step's form receives them (field name -> list
of values): a fixed-term contract in a bakery, then a period of unemployment that goes on."""

VALUES: dict[str, list[str]] = {
    "emplois-0": ["1"],
    "emplois-0-employeur": ["Boulangerie Martin"],
    "emplois-0-siret": ["483 015 921 00016"],
    "emplois-0-poste": ["Vendeuse en boulangerie"],
    "emplois-0-contrat": ["CDD"],
    "emplois-0-debut-jour": ["1"], "emplois-0-debut-mois": ["3"], "emplois-0-debut-annee": ["2024"],
    "emplois-0-fin-jour": ["31"], "emplois-0-fin-mois": ["8"], "emplois-0-fin-annee": ["2025"],
    "emplois-0-motif_fin": ["fin-cdd"],
    "emplois-0-salaire": ["31 250,40"],
    "emplois-0-heures": ["2730"],
    "sans_emploi-0": ["1"],
    "sans_emploi-0-motif": ["chomage"],
    "sans_emploi-0-debut-jour": ["1"], "sans_emploi-0-debut-mois": ["9"], "sans_emploi-0-debut-annee": ["2025"],
    "sans_emploi-0-fin-jour": [""], "sans_emploi-0-fin-mois": [""], "sans_emploi-0-fin-annee": [""],
}
