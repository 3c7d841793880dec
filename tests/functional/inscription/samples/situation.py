"""The values of a valid step « situation », as the step's form receives them (field name -> list of values):
never registered, a fixed-term contract that ended in 2026, available at once."""

VALUES: dict[str, list[str]] = {
    "disponibilite": ["immediate"], "disponible_le-jour": [""], "disponible_le-mois": [""],
    "disponible_le-annee": [""],
    "situation": ["fin-contrat"], "motif_fin": ["fin-cdd"],
    "fin_contrat-jour": ["30"], "fin_contrat-mois": ["9"], "fin_contrat-annee": ["2026"],
    "precision": [""], "deja_inscrit": ["non"],
    "fin_inscription-jour": [""], "fin_inscription-mois": [""], "fin_inscription-annee": [""],
}
